"""What this CPU offers, from /proc/cpuinfo, and a fingerprint that keys the probe's cache."""

from __future__ import annotations

import hashlib
import platform
from dataclasses import dataclass
from pathlib import Path

#: The x86 features llama.cpp's CPU backend can be built for, as /proc/cpuinfo names them.
SIMD_FLAGS = (
    "sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "avx_vnni",
    "avx512f", "avx512vbmi", "avx512_vnni", "avx512_bf16",
    "amx_tile", "amx_int8", "amx_bf16",
)


@dataclass(frozen=True)
class CpuInfo:
    """The CPU as the kernel reports it: its model name and its feature flags."""

    model: str
    machine: str
    flags: frozenset[str]

    @property
    def simd(self) -> tuple[str, ...]:
        """The features that matter to llama.cpp, in SIMD_FLAGS order."""
        return tuple(f for f in SIMD_FLAGS if f in self.flags)

    @property
    def has_amx(self) -> bool:
        return "amx_tile" in self.flags

    @property
    def has_avx2(self) -> bool:
        return "avx2" in self.flags

    @property
    def fingerprint(self) -> str:
        """Changes when the CPU model or any of its flags does (a VM moved to another host)."""
        text = "\n".join([self.machine, self.model, *sorted(self.flags)])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def parse_cpuinfo(text: str, machine: str = "x86_64") -> CpuInfo:
    """CpuInfo from the text of /proc/cpuinfo (the first processor's entry speaks for all)."""
    model, flags = "", frozenset()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "model name" and not model:
            model = value.strip()
        elif key in ("flags", "Features") and not flags:
            flags = frozenset(value.split())
    return CpuInfo(model or "unknown CPU", machine, flags)


def read_cpu(path: Path = Path("/proc/cpuinfo")) -> CpuInfo:
    """This machine's CPU; an empty flag set where the kernel does not say (not Linux)."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        text = ""
    return parse_cpuinfo(text, platform.machine() or "unknown")
