"""`docsum doctor`'s engine section: the build, the CPU, the probe's verdict, the threads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.errors import DocsumError, EngineUnsupported
from core.settings import Settings, available_cores
from summarize.engines.cpu.build import BuildLog, EngineBuild, installed_build
from summarize.engines.cpu.features import CpuInfo, read_cpu
from summarize.engines.cpu.fit import EngineFit, ProbeCache, fit_engine


@dataclass(frozen=True)
class EngineReport:
    build: EngineBuild
    cpu: CpuInfo
    fit: EngineFit | None
    #: Why there is no verdict, or why the engine cannot run.
    problem: str | None
    unsupported: bool
    threads: str
    #: The setup ladder's level this build came from (summarize.engines.cpu.fallback).
    level: str
    cores: int

    def lines(self) -> list[tuple[str, str]]:
        out = [
            ("engine", f"llama-cpp-python {self.build.version}, {self.level} build"
                       + (f" ({len(self.build.variants)} CPU variants, one chosen at run time)" if self.build.portable else "")),
            ("libraries", str(self.build.lib_dir)),
            ("cpu", f"{self.cpu.model} ({self.cores} cores for docsum)"),
            ("cpu features", " ".join(self.cpu.simd) or "none that llama.cpp uses"),
        ]
        if not self.cpu.has_avx2 and self.cpu.machine in ("x86_64", "AMD64"):
            out.append(("warning", "this CPU has no AVX2: the engine runs 6 to 25 times slower than on one with it (bench/RESULTS.md)"))
        if self.fit is not None and self.fit.ok:
            passed = self.fit.passed
            out.append(("uses", passed.system_info or "?"))
            if self.fit.variant:
                out.append(("cpu variant", self.fit.variant))
            out.append(("probe", passed.describe()))
        for result in (self.fit.results if self.fit else ()):
            if not result.ok:
                out.append(("probe", result.describe()))
        if self.problem and not self.unsupported:  # that one is the command's error line
            out.append(("problem", self.problem))
        out.append(("threads", self.threads))
        return out


def engine_report(settings: Settings, model: Path | None, fresh: bool = False) -> EngineReport:
    """Everything doctor says about the in-process engine; probes (once) when model is given."""
    build, cpu = installed_build(), read_cpu()
    fit, problem, unsupported = None, None, False
    if model is None:
        fit = ProbeCache(settings.cache_dir).get(build, cpu)
        if fit is None:
            problem = "not probed yet: no model is downloaded (docsum models pull NAME)"
    else:
        try:
            fit = fit_engine(settings, model, fresh=fresh)
        except EngineUnsupported as exc:
            fit, problem, unsupported = ProbeCache(settings.cache_dir).get(build, cpu), str(exc), True
        except DocsumError as exc:
            problem = str(exc)
    if settings.threads:
        threads = f"{settings.threads} (the threads setting)"
    else:
        threads = (f"{available_cores()} while it generates alone; shared with the other docsum "
                   "processes generating on this box at the same moment")
    return EngineReport(build, cpu, fit, problem, unsupported, threads, BuildLog(settings.cache_dir).level(build),
                        available_cores())
