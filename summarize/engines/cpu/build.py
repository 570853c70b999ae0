"""The llama-cpp-python build that is installed: where its libraries are, an id that
changes with their content, and the CPU variants of a portable build.

Found without importing llama_cpp, so the calling process never runs its code.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from core.errors import ModelError

#: A portable build (GGML_BACKEND_DL with GGML_CPU_ALL_VARIANTS) ships its CPU backend
#: as one module per instruction-set level, named libggml-cpu-LEVEL.so.
VARIANT_PREFIX = "libggml-cpu-"


@dataclass(frozen=True)
class EngineBuild:
    """One installed build of llama-cpp-python."""

    version: str
    lib_dir: Path
    #: Changes with any library file's content: a rebuild is a new build.
    build_id: str
    #: CPU variants of a portable build, by level name ("haswell", "zen4", ...); empty
    #: for a build with one CPU backend linked in (native or a fixed instruction set).
    variants: tuple[str, ...]
    #: Where the variants are: llama.cpp installs them in the wheel's bin/, which lands
    #: in site-packages beside the llama_cpp package.
    variant_dir: Path | None = None

    @property
    def portable(self) -> bool:
        return bool(self.variants)

    def variant_path(self, name: str) -> Path:
        return (self.variant_dir or self.lib_dir) / f"{VARIANT_PREFIX}{name}.so"

    @property
    def kind(self) -> str:
        """How it was built, for people."""
        if self.portable:
            return f"portable ({len(self.variants)} CPU variants, one chosen at run time)"
        return "for one CPU (native, or a fixed instruction set)"


def installed_build() -> EngineBuild:
    """The build of llama-cpp-python this Python would import."""
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("llama-cpp-python is not installed (run: bash scripts/setup.sh)")
    package = Path(next(iter(spec.submodule_search_locations)))
    lib_dir = package / "lib"
    variant_dir = next((d for d in (lib_dir, package.parent / "bin") if any(d.glob(f"{VARIANT_PREFIX}*.so"))), None)
    libraries = sorted(p for p in lib_dir.glob("*.so") if p.is_file())
    if variant_dir is not None:
        libraries += sorted(variant_dir.glob(f"{VARIANT_PREFIX}*.so"))
    if not libraries:
        raise ModelError(f"llama-cpp-python has no libraries in {lib_dir}; reinstall it (bash scripts/setup.sh)")
    digest = hashlib.sha256()
    for path in libraries:
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    variants = tuple(
        sorted(p.name[len(VARIANT_PREFIX) : -len(".so")] for p in variant_dir.glob(f"{VARIANT_PREFIX}*.so"))
    ) if variant_dir else ()
    try:
        version = importlib.metadata.version("llama_cpp_python")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - an unusual install
        version = "unknown"
    return EngineBuild(version, lib_dir, digest.hexdigest()[:16], variants, variant_dir)


class BuildLog:
    """Which ladder level each build id came from (pip's own build, unknown here, is native)."""

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / "engine-builds.json"

    def _read(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}

    def level(self, build: EngineBuild) -> str:
        return self._read().get(build.build_id, "portable" if build.portable else "native")

    def record(self, build: EngineBuild, level: str) -> None:
        data = self._read()
        data[build.build_id] = level
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, indent=1))
