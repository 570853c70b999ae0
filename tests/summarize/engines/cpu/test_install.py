"""Setup's fallback: a build whose probe dies of SIGILL is replaced by the next level, and
setup says so; real probe subprocesses, an installer that records what it installed."""

import sys
from pathlib import Path

import pytest

from core.errors import DocsumError
from summarize.engines.cpu.build import BuildLog, EngineBuild
from summarize.engines.cpu.features import parse_cpuinfo
from summarize.engines.cpu.install import Fitter
from summarize.engines.cpu.fit import EngineFit
from summarize.engines.cpu.probe import run
from tests.summarize.engines.cpu.test_features import EPYC, SAPPHIRE
from tests.summarize.engines.cpu.test_probe import PASS_CMD, SIGILL_CMD


class Machine:
    """What is installed, and which levels die of SIGILL on this pretend CPU."""

    def __init__(self, tmp_path: Path, dying: set[str], portable_dies: bool = False):
        self.level, self.dying, self.portable_dies = "native", dying, portable_dies
        self.installed: list[str] = []
        self.log = BuildLog(tmp_path)
        self.said: list[str] = []

    def current(self) -> EngineBuild:
        variants = ("haswell",) if self.level == "portable" else ()
        return EngineBuild("0.3.36", Path("/x"), f"id-{self.level}", variants)

    def install(self, build, version):
        assert version == "0.3.36"
        self.installed.append(build.name)
        self.level = build.name

    def probe(self, build: EngineBuild) -> EngineFit:
        level = self.log.level(build)
        dies = self.portable_dies if level == "portable" else level in self.dying
        return EngineFit(build.build_id, "cpu", (run(SIGILL_CMD if dies else PASS_CMD),))

    def fitter(self, cpu_text):
        return Fitter(parse_cpuinfo(cpu_text), self.log, self.probe, self.install, self.current, self.said.append)


def test_native_dies_on_an_amx_machine_and_setup_rebuilds_without_amx(tmp_path):
    machine = Machine(tmp_path, dying={"native"})
    fit = machine.fitter(SAPPHIRE).run()
    assert fit.ok and machine.installed == ["no-amx"]
    assert machine.log.level(machine.current()) == "no-amx"
    assert "the native build died of SIGILL (illegal instruction)" in machine.said[0]
    assert "rebuilding as no-amx: this CPU's instruction sets without AMX" in machine.said[0]
    assert machine.said[-1].startswith("engine ready: llama-cpp-python 0.3.36, no-amx build")


def test_it_walks_down_until_a_build_runs_and_gives_up_after_the_last(tmp_path):
    machine = Machine(tmp_path, dying={"native", "no-amx"})
    assert machine.fitter(SAPPHIRE).run().ok and machine.installed == ["no-amx", "avx2"]
    hopeless = Machine(tmp_path / "b", dying={"native", "no-amx", "avx2", "sse4.2"})
    with pytest.raises(DocsumError, match="every build tried \\(native, no-amx, avx2, sse4.2\\) died of a signal"):
        hopeless.fitter(EPYC).run()


def test_a_build_that_runs_is_left_alone(tmp_path):
    machine = Machine(tmp_path, dying=set())
    assert machine.fitter(SAPPHIRE).run().ok and machine.installed == []
    assert len(machine.said) == 1 and "native build" in machine.said[0]


def test_portable_on_request_and_no_fallback_below_it(tmp_path):
    machine = Machine(tmp_path, dying={"native"})
    assert machine.fitter(SAPPHIRE).run(want_portable=True).ok and machine.installed == ["portable"]
    broken = Machine(tmp_path / "b", dying=set(), portable_dies=True)
    with pytest.raises(DocsumError, match="every build tried \\(portable\\)"):
        broken.fitter(SAPPHIRE).run(want_portable=True)


def test_a_probe_that_fails_for_another_reason_stops_setup_without_a_rebuild(tmp_path):
    machine = Machine(tmp_path, dying=set())
    machine.probe = lambda build: EngineFit(build.build_id, "cpu", (run([sys.executable, "-c", "import sys; sys.exit('bad model')"]),))
    with pytest.raises(DocsumError, match="not for the CPU.*bad model"):
        machine.fitter(SAPPHIRE).run()
    assert machine.installed == []
