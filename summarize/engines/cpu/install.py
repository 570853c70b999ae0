"""Setup's side of the probe: prove the installed build, and rebuild down the ladder when
it dies of a signal, saying in one line what it did and why.

`python -m summarize.engines.cpu.install --model NAME [--build portable]` is run by
scripts/setup.sh after pip has installed llama-cpp-python. Built wheels are kept in
CACHE/wheels/LEVEL-DIGEST (the digest of its CMake arguments), so a fresh virtual
environment on the same machine installs the build that runs in seconds instead of
building it again.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable

from core.errors import DocsumError, EngineUnsupported, ModelError
from core.settings import Settings, load_settings
from summarize.engines.cpu.build import BuildLog, EngineBuild, installed_build
from summarize.engines.cpu.fallback import PORTABLE, Build, next_build
from summarize.engines.cpu.features import CpuInfo, read_cpu
from summarize.engines.cpu.fit import EngineFit, ProbeCache, cached_fit, probe_model
from summarize.engines.cpu.probe import signal_name

Say = Callable[[str], None]


def pip_installer(settings: Settings, say: Say) -> Callable[[Build, str], None]:
    """Builds a level's wheel once (kept under the cache) and installs it over the current build."""

    def install(level: Build, version: str) -> None:
        wheels = settings.cache_dir / "wheels" / level.key
        found = sorted(wheels.glob(f"llama_cpp_python-{version}-*.whl"))
        if not found:
            say(f"building llama-cpp-python {version} ({level.name}: {level.why}); this takes minutes")
            env = {**os.environ, "CMAKE_ARGS": level.cmake_env}
            env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
            subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-cache-dir",
                            "--no-binary", "llama-cpp-python", "-w", str(wheels), f"llama-cpp-python=={version}"],
                           env=env, check=True)
            found = sorted(wheels.glob(f"llama_cpp_python-{version}-*.whl"))
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", str(found[-1])],
                       check=True)

    return install


@dataclass
class Fitter:
    """Probe, and while the build dies of a signal, install the next level and probe again."""

    cpu: CpuInfo
    log: BuildLog
    probe: Callable[[EngineBuild], EngineFit]
    install: Callable[[Build, str], None]
    current: Callable[[], EngineBuild]
    say: Say

    def run(self, want_portable: bool = False) -> EngineFit:
        build = self.current()
        if want_portable and not build.portable:
            self.install(PORTABLE, build.version)
            build = self.current()
            self.log.record(build, PORTABLE.name)
        failed: list[str] = []
        while True:
            fit = self.probe(build)
            level = self.log.level(build)
            if fit.ok:
                chosen = f", CPU variant {fit.variant}" if fit.variant else ""
                self.say(f"engine ready: llama-cpp-python {build.version}, {level} build{chosen}; "
                         f"{fit.passed.describe()}")
                return fit
            if not fit.results:
                raise EngineUnsupported(f"no CPU variant of the {level} build runs on this CPU ({self.cpu.model})")
            if not fit.crashed:
                raise ModelError(f"the engine's probe failed, not for the CPU: {fit.results[-1].describe()}")
            failed.append(level)
            nxt = None if want_portable else next_build(self.cpu, failed)
            if nxt is None:
                raise EngineUnsupported(f"every build tried ({', '.join(failed)}) died of a signal on this CPU ({self.cpu.model})")
            self.say(f"the {level} build died of {signal_name(fit.results[0].signal or 0)} on this CPU "
                     f"({self.cpu.model}); rebuilding as {nxt.name}: {nxt.why}")
            self.install(nxt, build.version)
            build = self.current()
            self.log.record(build, nxt.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Prove the engine on this CPU; rebuild it if it dies of a signal.")
    parser.add_argument("--model", required=True, help="the model the probe loads (a catalog name or a .gguf path)")
    parser.add_argument("--build", choices=("keep", "portable"), default="keep",
                        help="portable: install the build with every CPU variant first")
    args = parser.parse_args(argv)

    def say(line: str) -> None:
        print(f"docsum: {line}", file=sys.stderr, flush=True)

    try:
        settings = load_settings()
        model = probe_model(settings.replace(model=args.model))
        if model is None:
            raise ModelError(f"no model to probe the engine with: docsum models pull {args.model}")
        cache = ProbeCache(settings.cache_dir)
        cpu = read_cpu()
        fitter = Fitter(cpu, BuildLog(settings.cache_dir), lambda build: cached_fit(cache, build, cpu, model.path),
                        pip_installer(settings, say), installed_build, say)
        fitter.run(want_portable=args.build == "portable")
    except (DocsumError, subprocess.CalledProcessError) as exc:
        say(f"error: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
