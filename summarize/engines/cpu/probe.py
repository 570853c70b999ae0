"""Prove that llama.cpp runs on this CPU before anything depends on it.

The probe loads a model in a subprocess, computes a prompt of about a thousand tokens (a
prompt of a few tokens does not reach the matrix kernels that fail) and decodes a few. A
subprocess that dies of a signal says the build uses instructions this CPU cannot run;
the caller gets EngineUnsupported, one line, instead of dying itself. Results are cached
per build and CPU, so only the first run on a machine pays for the probe.

`python -m summarize.engines.cpu.probe --model PATH` is the subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from core.errors import EngineUnsupported, ModelError
from core.settings import Settings, available_cores
from summarize.engines.cpu.build import EngineBuild, installed_build
from summarize.engines.cpu.features import CpuInfo, read_cpu

#: Prompt tokens the probe computes: enough for the batched matrix kernels of prefill.
PROBE_TOKENS = 1000
DECODE_TOKENS = 4
#: A probe that has not finished by then is reported, not waited for.
TIMEOUT_S = 600.0
#: Signals by which a CPU refuses code: the build, not the machine's load, is at fault.
#: SIGKILL (out of memory, an operator) and SIGTERM say nothing about the build.
CPU_FAULTS = frozenset({signal.SIGILL, signal.SIGSEGV, signal.SIGBUS, signal.SIGFPE})


@dataclass(frozen=True)
class ProbeResult:
    """One probe subprocess: passed, died of a signal, or failed otherwise."""

    ok: bool
    #: The CPU variant it ran (portable builds), else None.
    variant: str | None = None
    signal: int | None = None
    error: str | None = None
    #: llama.cpp's own list of the instruction sets it uses (llama_print_system_info).
    system_info: str = ""
    prefill_s: float | None = None
    decode_s: float | None = None
    seconds: float = 0.0

    @property
    def crashed(self) -> bool:
        """Died of a signal that blames the build (SIGILL and the like)."""
        return self.signal is not None and self.signal in CPU_FAULTS

    @property
    def definite(self) -> bool:
        """Worth caching: a pass, or a crash that will happen again on this build and CPU."""
        return self.ok or self.crashed

    def describe(self) -> str:
        where = f"CPU variant {self.variant}" if self.variant else "the engine"
        if self.ok:
            return f"{where} passed ({PROBE_TOKENS}-token prompt in {self.prefill_s:.1f} s)"
        if self.signal is not None:
            return f"{where} died of {signal_name(self.signal)} computing a {PROBE_TOKENS}-token prompt"
        return f"{where} failed: {self.error}"


def signal_name(number: int) -> str:
    """'SIGILL (illegal instruction)' for 4."""
    try:
        name = signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
    text = signal.strsignal(number) or ""
    return f"{name} ({text.lower()})" if text else name


def probe_command(model: Path, variant: str | None = None, threads: int | None = None) -> list[str]:
    command = [sys.executable, "-m", "summarize.engines.cpu.probe", "--model", str(model)]
    if variant:
        command += ["--variant", variant]
    if threads:
        command += ["--threads", str(threads)]
    return command


def run(command: list[str], variant: str | None = None, timeout: float = TIMEOUT_S) -> ProbeResult:
    """Run one probe subprocess and read what became of it."""
    started = time.monotonic()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return ProbeResult(False, variant, error=f"did not finish in {timeout:.0f} s", seconds=timeout)
    except OSError as exc:
        return ProbeResult(False, variant, error=f"could not start: {exc}")
    seconds = round(time.monotonic() - started, 2)
    if proc.returncode < 0:
        return ProbeResult(False, variant, signal=-proc.returncode, seconds=seconds)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        return ProbeResult(False, variant, error=tail[:300], seconds=seconds)
    try:
        data = json.loads(lines[-1])
    except json.JSONDecodeError:
        return ProbeResult(False, variant, error=f"unreadable answer: {lines[-1][:200]}", seconds=seconds)
    return ProbeResult(True, variant, system_info=data.get("system_info", ""), prefill_s=data.get("prefill_s"),
                       decode_s=data.get("decode_s"), seconds=seconds)


def variant_scores(build: EngineBuild, timeout: float = 120.0) -> dict[str, int]:
    """The portable build's variants scored by this CPU, in a subprocess (loading them runs their code)."""
    command = [sys.executable, "-m", "summarize.engines.cpu.probe", "--scores"]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ModelError("scoring the engine's CPU variants did not finish") from None
    if proc.returncode != 0:
        detail = signal_name(-proc.returncode) if proc.returncode < 0 else (proc.stderr.strip().splitlines() or ["?"])[-1]
        raise ModelError(f"scoring the engine's CPU variants failed: {detail}")
    return {k: int(v) for k, v in json.loads(proc.stdout.strip().splitlines()[-1]).items()}


@dataclass(frozen=True)
class EngineFit:
    """What the probes found for one build on one CPU: the variant to use, or why none runs."""

    build_id: str
    cpu: str
    results: tuple[ProbeResult, ...]
    #: The variant proven to run (portable builds), else None.
    variant: str | None = None
    checked: float = field(default_factory=time.time)

    @property
    def ok(self) -> bool:
        return any(r.ok for r in self.results)

    @property
    def passed(self) -> ProbeResult | None:
        return next((r for r in self.results if r.ok), None)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "EngineFit":
        results = tuple(ProbeResult(**r) for r in data["results"])
        return cls(data["build_id"], data["cpu"], results, data.get("variant"), data.get("checked", 0.0))


class ProbeCache:
    """Fits by build and CPU, one small JSON file each, under settings.cache_dir."""

    def __init__(self, root: Path):
        self.root = root / "engine-probe"

    def _file(self, build: EngineBuild, cpu: CpuInfo) -> Path:
        return self.root / f"{build.build_id}-{cpu.fingerprint}.json"

    def get(self, build: EngineBuild, cpu: CpuInfo) -> EngineFit | None:
        try:
            return EngineFit.from_dict(json.loads(self._file(build, cpu).read_text()))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, build: EngineBuild, cpu: CpuInfo, fit: EngineFit) -> None:
        target = self._file(build, cpu)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(fit.to_dict(), indent=1))
            partial.replace(target)
        except OSError:
            pass  # a read-only cache costs a probe next time, nothing else


def probe_build(
    build: EngineBuild,
    cpu: CpuInfo,
    model: Path,
    threads: int | None = None,
    runner: Callable[[list[str], str | None], ProbeResult] = run,
    scorer: Callable[[EngineBuild], dict[str, int]] = variant_scores,
) -> EngineFit:
    """Probe a build on this CPU; a portable build's variants best first, until one passes."""
    if not build.portable:
        result = runner(probe_command(model, threads=threads), None)
        return EngineFit(build.build_id, cpu.fingerprint, (result,))
    ranked = [name for name, score in sorted(scorer(build).items(), key=lambda kv: (-kv[1], kv[0])) if score > 0]
    results: list[ProbeResult] = []
    for name in ranked:
        result = runner(probe_command(model, name, threads), name)
        results.append(result)
        if result.ok:
            return EngineFit(build.build_id, cpu.fingerprint, tuple(results), name)
        if not result.crashed:
            break  # not the variant's fault: a lesser one would fail the same way
    return EngineFit(build.build_id, cpu.fingerprint, tuple(results))


def cached_fit(cache: ProbeCache, build: EngineBuild, cpu: CpuInfo, model: Path, fresh: bool = False) -> EngineFit:
    """The cached verdict, else a probe (with every core: the crashes seen were in llama.cpp's
    worker threads), kept when it is definite: a pass, or crashes only."""
    fit = None if fresh else cache.get(build, cpu)
    if fit is None:
        fit = probe_build(build, cpu, model)
        if fit.ok or (fit.results and all(r.crashed for r in fit.results)):
            cache.put(build, cpu, fit)
    return fit


def fit_engine(settings: Settings, model: Path, fresh: bool = False) -> EngineFit:
    """The cached fit of the installed build on this CPU, probing once if there is none.

    Raises EngineUnsupported when the build cannot run here, ModelError when the probe
    failed for another reason (not cached: the next call probes again).
    """
    build, cpu = installed_build(), read_cpu()
    fit = cached_fit(ProbeCache(settings.cache_dir), build, cpu, model, fresh)
    if fit.ok:
        return fit
    crashed = [r for r in fit.results if r.crashed]
    if crashed and len(crashed) == len(fit.results):
        raise EngineUnsupported(unsupported_message(build, cpu, fit))
    if not fit.results:
        raise EngineUnsupported(f"no CPU variant of llama-cpp-python {build.version} ({build.kind}) supports this CPU ({cpu.model})")
    raise ModelError(f"the engine's probe on this CPU {fit.results[-1].describe().removeprefix('the engine ')}")


def unsupported_message(build: EngineBuild, cpu: CpuInfo, fit: EngineFit) -> str:
    """One line: what died, on what, and the two ways out."""
    first = fit.results[0]
    what = "every CPU variant of the portable build" if build.portable else "the model engine"
    return (
        f"{what} died of {signal_name(first.signal or 0)} on this CPU ({cpu.model}): llama-cpp-python "
        f"{build.version} was built for instructions it cannot run. Fix: rerun `bash scripts/setup.sh` "
        "on this machine (it probes the engine and rebuilds without them), or install the portable "
        "build: DOCSUM_LLAMA_BUILD=portable bash scripts/setup.sh"
    )


# --- the subprocess ---------------------------------------------------------------

_PROSE = (
    "The parties agree that the supplier shall deliver the equipment described in the schedule "
    "within thirty days, that the customer shall pay each invoice within forty-five days of receipt, "
    "and that either party may end this agreement with ninety days' written notice. "
)


def _workload(model: Path, variant: str | None, threads: int) -> dict:
    build = installed_build()
    if variant:
        from summarize.engines.cpu import variants

        variants.load(build, variant)
    import llama_cpp
    from llama_cpp import Llama

    from summarize.engines.tokens import quiet_llama_logs

    quiet_llama_logs()
    llm = Llama(model_path=str(model), n_ctx=PROBE_TOKENS + 64, n_batch=512, n_threads=threads,
                n_threads_batch=threads, verbose=False)
    tokens = llm.tokenize((_PROSE * 40).encode(), add_bos=True)[:PROBE_TOKENS]
    started = time.perf_counter()
    llm.eval(tokens)
    prefilled = time.perf_counter()
    for _ in range(DECODE_TOKENS):
        llm.eval([llm.sample(temp=0.0)])
    return {
        "ok": True,
        "system_info": llama_cpp.llama_print_system_info().decode(errors="replace").strip(),
        "prefill_s": round(prefilled - started, 3),
        "decode_s": round(time.perf_counter() - prefilled, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--variant")
    parser.add_argument("--threads", type=int)
    parser.add_argument("--scores", action="store_true", help="print the portable build's variant scores")
    args = parser.parse_args(argv)
    if args.scores:
        from summarize.engines.cpu import variants

        print(json.dumps(variants.scores(installed_build())))
        return 0
    if args.model is None:
        parser.error("--model is needed")
    print(json.dumps(_workload(args.model, args.variant, args.threads or available_cores())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
