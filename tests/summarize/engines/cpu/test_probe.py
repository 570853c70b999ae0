"""The probe: real subprocesses that pass, die of SIGILL, fail or hang; the cached verdict;
and the real engine proven on this machine."""

import json
import signal
import sys
from pathlib import Path

import pytest

from core.errors import EngineUnsupported, ModelError
from summarize.engines.cpu.build import EngineBuild, installed_build
from summarize.engines.cpu.features import parse_cpuinfo, read_cpu
from summarize.engines.cpu.fit import EngineFit, ProbeCache, fit_engine, probe_build
from summarize.engines.cpu.probe import run
from tests.conftest import base_settings
from tests.summarize.engines.cpu.test_features import SAPPHIRE

SIGILL_CMD = [sys.executable, "-m", "tests.helpers.sigill"]
PASS_CMD = [sys.executable, "-c", "print('noise'); print('{\"ok\": true, \"system_info\": \"CPU : AVX2 = 1\", "
                                  "\"prefill_s\": 0.5, \"decode_s\": 0.1}')"]


def test_a_subprocess_that_executes_an_illegal_instruction_is_a_crash():
    result = run(SIGILL_CMD)
    assert not result.ok and result.signal == signal.SIGILL
    assert result.crashed and result.definite
    assert "died of SIGILL (illegal instruction)" in result.describe()


def test_a_subprocess_that_passes_reports_what_the_engine_uses():
    result = run(PASS_CMD)
    assert result.ok and result.definite and not result.crashed
    assert result.system_info == "CPU : AVX2 = 1" and result.prefill_s == 0.5


def test_a_failure_or_a_kill_is_not_the_build_s_fault_and_not_cached():
    failed = run([sys.executable, "-c", "import sys; sys.exit('cannot load model /x.gguf')"])
    assert not failed.ok and failed.error == "cannot load model /x.gguf" and not failed.definite
    killed = run([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"])
    assert killed.signal == signal.SIGKILL and not killed.crashed and not killed.definite
    hung = run([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert not hung.ok and "did not finish" in hung.error and not hung.definite


BUILD = EngineBuild("0.3.36", Path("/nonexistent"), "b" * 16, ())
PORTABLE = EngineBuild("0.3.36", Path("/nonexistent"), "p" * 16, ("haswell", "sapphirerapids", "x64", "zen4"))


def _runner(outcomes):
    """A runner that runs the real subprocess each variant stands for, and records the order."""
    tried = []

    def runner(command, variant):
        tried.append(variant)
        return run(outcomes[variant], variant)

    return runner, tried


def test_a_portable_build_falls_to_the_best_variant_that_runs():
    cpu = parse_cpuinfo(SAPPHIRE)
    runner, tried = _runner({"sapphirerapids": SIGILL_CMD, "zen4": PASS_CMD, "haswell": PASS_CMD})
    scores = {"sapphirerapids": 200, "zen4": 150, "haswell": 64, "x64": 0}
    fit = probe_build(PORTABLE, cpu, Path("m.gguf"), runner=runner, scorer=lambda b: scores)
    assert tried == ["sapphirerapids", "zen4"]  # best first, stops at the first that runs; x64 scored 0
    assert fit.ok and fit.variant == "zen4"
    assert fit.results[0].crashed and fit.results[1].ok


def test_a_portable_build_stops_at_a_failure_that_is_not_a_crash():
    runner, tried = _runner({"zen4": [sys.executable, "-c", "import sys; sys.exit('no model')"], "haswell": PASS_CMD})
    fit = probe_build(PORTABLE, read_cpu(), Path("m.gguf"), runner=runner,
                      scorer=lambda b: {"zen4": 9, "haswell": 5})
    assert tried == ["zen4"] and not fit.ok and fit.variant is None


def test_cached_verdicts_decide_without_a_probe(tmp_path, monkeypatch):
    settings = base_settings(cache_dir=tmp_path)
    build, cpu = installed_build(), read_cpu()
    cache = ProbeCache(tmp_path)
    crash = run(SIGILL_CMD)
    cache.put(build, cpu, EngineFit(build.build_id, cpu.fingerprint, (crash,)))
    # The model path does not exist: a probe would fail with ModelError, the cache answers first.
    with pytest.raises(EngineUnsupported) as raised:
        fit_engine(settings, tmp_path / "missing.gguf")
    message = str(raised.value)
    assert "died of SIGILL (illegal instruction)" in message and "\n" not in message
    assert "bash scripts/setup.sh" in message and "DOCSUM_LLAMA_BUILD=portable" in message
    cache.put(build, cpu, EngineFit(build.build_id, cpu.fingerprint, (run(PASS_CMD),)))
    assert fit_engine(settings, tmp_path / "missing.gguf").ok
    # Another build is another verdict: probed, and a probe that cannot load the model is
    # an error of its own, not cached.
    monkeypatch.setattr("summarize.engines.cpu.fit.installed_build",
                        lambda: EngineBuild(build.version, build.lib_dir, "c" * 16, ()))
    with pytest.raises(ModelError) as failed:
        fit_engine(settings, tmp_path / "missing.gguf")
    assert not isinstance(failed.value, EngineUnsupported)
    assert not list((tmp_path / "engine-probe").glob("cccc*"))


def test_a_damaged_cache_file_is_probed_again(tmp_path):
    build, cpu = installed_build(), read_cpu()
    cache = ProbeCache(tmp_path)
    cache.put(build, cpu, EngineFit(build.build_id, cpu.fingerprint, (run(PASS_CMD),)))
    assert cache.get(build, cpu).ok
    cache.path(build, cpu).write_text("{not json")
    assert cache.get(build, cpu) is None


@pytest.mark.slow
def test_the_installed_engine_passes_its_probe_on_this_machine(small_model, tmp_path):
    settings = base_settings(cache_dir=tmp_path)
    fit = fit_engine(settings, small_model.path)
    assert fit.ok and fit.passed.system_info.startswith("CPU :")
    assert fit.passed.prefill_s > 0 and fit.passed.decode_s > 0
    files = list((tmp_path / "engine-probe").glob("*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text())["results"][0]["ok"] is True
    assert fit_engine(settings, small_model.path) == EngineFit.from_dict(json.loads(files[0].read_text()))
