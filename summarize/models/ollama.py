"""Models that Ollama has already pulled, found through its manifests and run in
process: `ollama:qwen2.5:0.5b` needs neither Ollama running nor a second download.

Ollama's layout (server/modelpath.go): a name [host/][namespace/]model[:tag]
has its manifest at manifests/HOST/NAMESPACE/MODEL/TAG (defaults
registry.ollama.ai, library, latest); the manifest's layer of media type
application/vnd.ollama.image.model is the GGUF file, stored as
blobs/sha256-HEX.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from core.errors import ModelUnavailable

PREFIX = "ollama:"
DEFAULT_HOST, DEFAULT_NAMESPACE, DEFAULT_TAG = "registry.ollama.ai", "library", "latest"
MODEL_LAYER = "application/vnd.ollama.image.model"
ADAPTER_LAYER = "application/vnd.ollama.image.adapter"
#: Where Ollama's Linux service keeps its models (the `ollama` user's home).
SERVICE_STORE = Path("/usr/share/ollama/.ollama/models")

_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")


@dataclass(frozen=True)
class OllamaModel:
    """One pulled model: its name as Ollama shows it, the GGUF blob and its digest."""

    name: str
    path: Path
    sha256: str
    size: int


def split_name(name: str) -> tuple[str, str, str, str]:
    """(host, namespace, model, tag) of an Ollama model name; ModelUnavailable if it is malformed."""
    rest, tag = name, DEFAULT_TAG
    colon = name.rfind(":")
    if colon > name.rfind("/"):  # a colon before a slash would be a host's port, not a tag
        rest, tag = name[:colon], name[colon + 1 :]
    parts = rest.split("/")
    if len(parts) == 1:
        parts = [DEFAULT_HOST, DEFAULT_NAMESPACE, *parts]
    elif len(parts) == 2:
        parts = [DEFAULT_HOST, *parts]
    host, namespace, model = parts if len(parts) == 3 else ("", "", "")
    if not all(_PART.match(p) for p in (host, namespace, model, tag)) or ".." in (host + namespace + model + tag):
        raise ModelUnavailable(f"{PREFIX}{name} is not a valid Ollama model name (expected e.g. {PREFIX}qwen2.5:0.5b)")
    return host, namespace, model, tag


def display_name(host: str, namespace: str, model: str, tag: str) -> str:
    """The short name Ollama itself shows (`ollama list`)."""
    prefix = "" if host == DEFAULT_HOST and namespace == DEFAULT_NAMESPACE else (
        f"{namespace}/" if host == DEFAULT_HOST else f"{host}/{namespace}/"
    )
    return f"{prefix}{model}:{tag}"


class OllamaStore:
    """Read-only view of Ollama's model folders; docsum never writes there."""

    def __init__(self, root: Path):
        self.roots = [root] + ([SERVICE_STORE] if SERVICE_STORE != root and SERVICE_STORE.is_dir() else [])

    def resolve(self, name: str) -> OllamaModel:
        """The GGUF blob of a pulled model, checked to exist and to be whole."""
        host, namespace, model, tag = split_name(name)
        for root in self.roots:
            manifest = root / "manifests" / host / namespace / model / tag
            if manifest.is_file():
                return self._read(root, manifest, display_name(host, namespace, model, tag))
        where = " or ".join(str(r) for r in self.roots)
        raise ModelUnavailable(f"Ollama has not pulled {name} (no manifest under {where}); run: ollama pull {name}")

    def list(self) -> list[OllamaModel]:
        """Every pulled model that docsum can run, by name."""
        found: dict[str, OllamaModel] = {}
        for root in self.roots:
            base = root / "manifests"
            if not base.is_dir():
                continue
            for manifest in sorted(p for p in base.glob("*/*/*/*") if p.is_file()):
                host, namespace, model, tag = manifest.relative_to(base).parts
                name = display_name(host, namespace, model, tag)
                try:
                    found.setdefault(name, self._read(root, manifest, name))
                except ModelUnavailable:
                    continue  # not a text model docsum can run, or damaged: not listed
        return [found[n] for n in sorted(found)]

    @staticmethod
    def _read(root: Path, manifest: Path, name: str) -> OllamaModel:
        try:
            layers = json.loads(manifest.read_text(encoding="utf-8")).get("layers", [])
        except (OSError, ValueError, AttributeError) as exc:
            raise ModelUnavailable(f"Ollama's manifest for {name} cannot be read ({exc})") from None
        if any(isinstance(l, dict) and l.get("mediaType") == ADAPTER_LAYER for l in layers):
            raise ModelUnavailable(f"Ollama model {name} applies a LoRA adapter, which docsum cannot apply; use its base model")
        model = next((l for l in layers if isinstance(l, dict) and l.get("mediaType") == MODEL_LAYER), None)
        digest = str((model or {}).get("digest", ""))
        hexdigest = digest.removeprefix("sha256:")
        if not re.fullmatch(r"[0-9a-f]{64}", hexdigest):
            raise ModelUnavailable(f"Ollama's manifest for {name} names no model file")
        # Current Ollama names blobs sha256-HEX; versions before 0.1.34 used sha256:HEX.
        blob = next((p for p in (root / "blobs" / f"sha256-{hexdigest}", root / "blobs" / f"sha256:{hexdigest}") if p.is_file()), None)
        if blob is None:
            raise ModelUnavailable(f"Ollama's model file for {name} is missing from {root / 'blobs'}; run: ollama pull {name}")
        size = blob.stat().st_size
        if isinstance(model.get("size"), int) and model["size"] != size:
            raise ModelUnavailable(f"Ollama's model file for {name} is incomplete ({size} of {model['size']} bytes); run: ollama pull {name}")
        return OllamaModel(name, blob, hexdigest, size)
