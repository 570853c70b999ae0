"""The probe: a subprocess that loads a model, computes a prompt of about a thousand tokens
(a prompt of a few tokens does not reach the matrix kernels that fail) with every core and
decodes a few, and what its parent reads of how it ended.

`python -m summarize.engines.cpu.probe --model PATH` is the subprocess; summarize.engines.cpu.fit
turns its results into a verdict on the build and keeps it.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from core.errors import ModelError
from core.settings import available_cores
from summarize.engines.cpu.build import EngineBuild, installed_build

#: Prompt tokens the probe computes: enough for the batched matrix kernels of prefill.
PROBE_TOKENS = 1000
DECODE_TOKENS = 4
#: A probe that has not finished by then is reported, not waited for.
TIMEOUT_S = 600.0
#: Bumped when the probe's work changes: verdicts of an older probe are not trusted.
PROBE_VERSION = 1
#: The signal by which a CPU refuses an instruction: the build is at fault. Others say
#: nothing certain about it (SIGKILL: out of memory; SIGBUS: a truncated model file;
#: SIGSEGV: a bug) and are reported, never cached as "this build cannot run here".
CPU_FAULTS = frozenset({signal.SIGILL})


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


def probe_command(model: Path, variant: str | None = None) -> list[str]:
    """The subprocess with every core (the crashes seen were in llama.cpp's worker threads)."""
    command = [sys.executable, "-m", "summarize.engines.cpu.probe", "--model", str(model)]
    return command + ["--variant", variant] if variant else command


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
