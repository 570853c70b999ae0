"""The verdict on the installed build and this CPU: probed once, kept per build and CPU, and
turned into EngineUnsupported (one line, exit code 15) where the build cannot run.

A process that dies of SIGILL cannot say so itself; every path that runs the model asks
here first, and only a probe subprocess takes the risk.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from core.errors import EngineUnsupported, ModelError
from core.settings import Settings
from summarize.engines.cpu.build import EngineBuild, installed_build
from summarize.engines.cpu.features import CpuInfo, read_cpu
from summarize.engines.cpu.probe import PROBE_VERSION, ProbeResult, probe_command, run, signal_name, variant_scores
from summarize.models.catalog import CATALOG
from summarize.models.store import LocalModel, ModelStore


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
    def crashed(self) -> bool:
        """Every probe died of SIGILL: the build cannot run on this CPU."""
        return bool(self.results) and all(r.crashed for r in self.results)

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

    def path(self, build: EngineBuild, cpu: CpuInfo) -> Path:
        return self.root / f"{build.build_id}-{cpu.fingerprint}-v{PROBE_VERSION}.json"

    def get(self, build: EngineBuild, cpu: CpuInfo) -> EngineFit | None:
        try:
            return EngineFit.from_dict(json.loads(self.path(build, cpu).read_text()))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, build: EngineBuild, cpu: CpuInfo, fit: EngineFit) -> None:
        target = self.path(build, cpu)
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
    runner: Callable[[list[str], str | None], ProbeResult] = run,
    scorer: Callable[[EngineBuild], dict[str, int]] = variant_scores,
) -> EngineFit:
    """Probe a build on this CPU; a portable build's variants best first, until one passes."""
    if not build.portable:
        result = runner(probe_command(model), None)
        return EngineFit(build.build_id, cpu.fingerprint, (result,))
    ranked = [name for name, score in sorted(scorer(build).items(), key=lambda kv: (-kv[1], kv[0])) if score > 0]
    results: list[ProbeResult] = []
    for name in ranked:
        result = runner(probe_command(model, name), name)
        results.append(result)
        if result.ok:
            return EngineFit(build.build_id, cpu.fingerprint, tuple(results), name)
        if not result.crashed:
            break  # not the variant's fault: a lesser one would fail the same way
    return EngineFit(build.build_id, cpu.fingerprint, tuple(results))


def cached_fit(cache: ProbeCache, build: EngineBuild, cpu: CpuInfo, model: Path, fresh: bool = False) -> EngineFit:
    """The cached verdict, else a probe, kept when it is definite: a pass, or crashes only."""
    fit = None if fresh else cache.get(build, cpu)
    if fit is None:
        fit = probe_build(build, cpu, model)
        if fit.ok or fit.crashed:
            cache.put(build, cpu, fit)
    return fit


def probe_model(settings: Settings) -> LocalModel | None:
    """The model a probe loads: the configured one if it is here, else any catalog model
    that is (the verdict is on the build and the CPU), else None (nothing to probe with yet)."""
    store = ModelStore(settings)
    try:
        return store.resolve(settings.model, pull=False)
    except ModelError:
        return next((m for m in map(store.cached, CATALOG) if m is not None), None)


def fit_engine(settings: Settings, model: Path, fresh: bool = False, build: EngineBuild | None = None) -> EngineFit:
    """The cached fit of the installed build (or of build, when the caller has it already:
    finding it hashes the libraries) on this CPU, probing once if there is none.

    Raises EngineUnsupported when the build cannot run here, ModelError when the probe
    failed for another reason (not cached: the next call probes again).
    """
    build, cpu = build or installed_build(), read_cpu()
    fit = cached_fit(ProbeCache(settings.cache_dir), build, cpu, model, fresh)
    if fit.ok:
        return fit
    if fit.crashed:
        raise EngineUnsupported(unsupported_message(build, cpu, fit))
    if not fit.results:
        raise EngineUnsupported(f"no CPU variant of llama-cpp-python {build.version} ({build.kind}) supports this CPU ({cpu.model})")
    raise ModelError(f"the engine's probe on this CPU {fit.results[-1].describe().removeprefix('the engine ')} "
                     "(docsum doctor --probe tries again)")


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


def check(settings: Settings) -> str | None:
    """The llama engine's check before work is taken (summarize.engines.registry): the
    verdict for this build and CPU, probing with any model already here; None when no
    model is here yet (the first engine loaded probes)."""
    local = probe_model(settings)
    if local is None:
        return None
    fit = fit_engine(settings, local.path)
    line = "engine probe passed on this CPU" + (f", CPU variant {fit.variant}" if fit.variant else "")
    if not read_cpu().has_avx2:
        line += "; this CPU has no AVX2: the model runs 6 to 25 times slower than on one with it"
    return line
