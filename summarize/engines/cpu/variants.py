"""The CPU variants of a portable build: scored by the CPU, one loaded into ggml.

llama-cpp-python does not call ggml_backend_load_all(), and llama.cpp refuses to load a
model with no backend registered, so docsum loads the variant itself through ctypes. It
loads the one the probe proved, not simply the best-scored: on some virtual machines the
best (sapphirerapids, with AMX) scores highest and dies of SIGILL in its first matrix product.
"""

from __future__ import annotations

import ctypes
import os

from core.errors import ModelError
from summarize.engines.cpu.build import EngineBuild

_LOADED: dict[str, str] = {}


def _ggml(build: EngineBuild) -> ctypes.CDLL:
    """libggml of the build, loaded globally so that a variant finds libggml-base through it."""
    for name in ("libggml.so", "libggml.so.0"):
        if (build.lib_dir / name).exists():
            return ctypes.CDLL(str(build.lib_dir / name), mode=os.RTLD_NOW | os.RTLD_GLOBAL)
    candidates = sorted(build.lib_dir.glob("libggml.so*"))
    if not candidates:
        raise ModelError(f"no libggml in {build.lib_dir}; reinstall llama-cpp-python (bash scripts/setup.sh)")
    return ctypes.CDLL(str(candidates[0]), mode=os.RTLD_NOW | os.RTLD_GLOBAL)


def scores(build: EngineBuild) -> dict[str, int]:
    """Each variant's own score for this CPU (0: it needs instructions the CPU lacks).

    Loads every variant's code: call it only in a probe subprocess.
    """
    _ggml(build)
    out: dict[str, int] = {}
    for name in build.variants:
        try:
            lib = ctypes.CDLL(str(build.variant_path(name)), mode=os.RTLD_NOW | os.RTLD_LOCAL)
            score = lib.ggml_backend_score
        except (OSError, AttributeError):
            out[name] = 0
            continue
        score.restype, score.argtypes = ctypes.c_int, []
        out[name] = int(score())
    return out


def load(build: EngineBuild, name: str) -> None:
    """Register the variant as this process's CPU backend (once; a second, other one is refused)."""
    key = str(build.lib_dir)
    if key in _LOADED:
        if _LOADED[key] != name:
            raise ModelError(f"CPU variant {_LOADED[key]} is already loaded; cannot switch to {name} in this process")
        return
    ggml = _ggml(build)
    ggml.ggml_backend_load.restype, ggml.ggml_backend_load.argtypes = ctypes.c_void_p, [ctypes.c_char_p]
    if not ggml.ggml_backend_load(str(build.variant_path(name)).encode()):
        raise ModelError(f"llama.cpp could not load its CPU variant {build.variant_path(name)}")
    _LOADED[key] = name
