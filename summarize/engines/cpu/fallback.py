"""The builds setup tries, best first, and the CMake arguments of each.

llama-cpp-python builds with GGML_NATIVE by default: every instruction set of the build
host, AMX included. On some virtual machines with AMX (Sapphire Rapids class) that build
dies of SIGILL in its first large matrix product although the kernel grants AMX. Each
level below drops what can fail, in the order the failures are seen: AMX first, then
AVX-512, then everything past SSE 4.2. Levels that give the same arguments as an earlier
one on this CPU are skipped. The portable build is not a level: it is chosen, not fallen to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from summarize.engines.cpu.features import CpuInfo

#: GGML option -> the /proc/cpuinfo flag that allows it.
_OPTIONS = (
    ("GGML_SSE42", "sse4_2"),
    ("GGML_AVX", "avx"),
    ("GGML_F16C", "f16c"),
    ("GGML_FMA", "fma"),
    ("GGML_AVX2", "avx2"),
    ("GGML_BMI2", "bmi2"),
    ("GGML_AVX_VNNI", "avx_vnni"),
    ("GGML_AVX512", "avx512f"),
    ("GGML_AVX512_VBMI", "avx512vbmi"),
    ("GGML_AVX512_VNNI", "avx512_vnni"),
    ("GGML_AVX512_BF16", "avx512_bf16"),
    ("GGML_AMX_TILE", "amx_tile"),
    ("GGML_AMX_INT8", "amx_int8"),
    ("GGML_AMX_BF16", "amx_bf16"),
)
_AVX512 = {"GGML_AVX512", "GGML_AVX512_VBMI", "GGML_AVX512_VNNI", "GGML_AVX512_BF16"}
_AMX = {"GGML_AMX_TILE", "GGML_AMX_INT8", "GGML_AMX_BF16"}
_HASWELL = {"GGML_SSE42", "GGML_AVX", "GGML_F16C", "GGML_FMA", "GGML_AVX2", "GGML_BMI2"}

#: Every CPU variant in one build, one chosen at run time (summarize.engines.cpu.variants).
#: llama.cpp installs the variants in the wheel's bin/, beside the package (site-packages/bin).
PORTABLE_ARGS = (
    "-DGGML_NATIVE=OFF",
    "-DGGML_BACKEND_DL=ON",
    "-DGGML_CPU_ALL_VARIANTS=ON",
)


@dataclass(frozen=True)
class Build:
    """One way to build llama-cpp-python: a name, its CMake arguments, and why it exists."""

    name: str
    cmake_args: tuple[str, ...]
    why: str

    @property
    def cmake_env(self) -> str:
        """The value of CMAKE_ARGS for pip."""
        return " ".join(self.cmake_args)

    @property
    def key(self) -> str:
        """The level's name and a digest of its arguments: "no-amx" differs from CPU to CPU."""
        return f"{self.name}-{hashlib.sha256(self.cmake_env.encode()).hexdigest()[:8]}"


NATIVE = Build("native", (), "every instruction set of this machine (GGML_NATIVE)")
PORTABLE = Build("portable", PORTABLE_ARGS, "all CPU variants, the best one that runs chosen at run time")


def _fixed(cpu: CpuInfo, allowed: set[str]) -> tuple[str, ...]:
    on = {option for option, flag in _OPTIONS if flag in cpu.flags and option in allowed}
    return ("-DGGML_NATIVE=OFF", *(f"-D{option}={'ON' if option in on else 'OFF'}" for option, _ in _OPTIONS))


def ladder(cpu: CpuInfo) -> list[Build]:
    """The builds to try on this CPU, best first; native always comes first."""
    every = {option for option, _ in _OPTIONS}
    levels = [
        NATIVE,
        Build("no-amx", _fixed(cpu, every - _AMX), "this CPU's instruction sets without AMX"),
        Build("avx2", _fixed(cpu, _HASWELL), "AVX2, FMA and F16C, without AVX-512 or AMX"),
        Build("sse4.2", _fixed(cpu, {"GGML_SSE42"}), "SSE 4.2 only: slow, but any x86-64 CPU of the last 15 years"),
    ]
    out: list[Build] = []
    for level in levels:
        if all(level.cmake_args != seen.cmake_args for seen in out):
            out.append(level)
    return out


def next_build(cpu: CpuInfo, failed: list[str]) -> Build | None:
    """The level below the lowest one that failed, or None when the last has: never back up
    the ladder (a build that died under no-amx would die again as native)."""
    steps = ladder(cpu)
    names = [b.name for b in steps]
    below = max((names.index(f) for f in failed if f in names), default=-1) + 1
    return steps[below] if below < len(steps) else None
