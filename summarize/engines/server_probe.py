"""What an OpenAI-compatible server can tell about itself: which server it is,
the models it serves, its context per slot, its parallel slots, how it counts
tokens, and whether it honours a JSON schema.

Each server says these things in its own way (llama-server /props, vLLM's
max_model_len, Ollama /api/show, LM Studio /api/v0/models); what none says is
left None and the engine falls back to settings or safe defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from core.errors import EngineUnavailable
from summarize.engines.http import Reply, ServerClient

#: Counts the tokens of a text as document content (no special tokens).
RemoteCounter = Callable[[str], int]


@dataclass
class ServerInfo:
    kind: str  # llama-server | llama-cpp-python | vllm | ollama | lmstudio | openai-compatible
    models: tuple[str, ...]
    #: Context per slot in tokens, when the server says.
    n_ctx: int | None = None
    #: Requests the server runs at once, when it says.
    slots: int | None = None
    #: Exact token counts from the server's own tokenizer, when it has an endpoint for it.
    counter: RemoteCounter | None = field(default=None, repr=False)
    #: False where response_format json_schema is refused, or accepted but not enforced.
    honours_json_schema: bool = True
    #: MLC LLM takes json_object's schema as a JSON string, not an object.
    schema_as_string: bool = False
    #: The request field for llama.cpp's repeat penalty, on servers that take one.
    penalty_field: str | None = None


def _optional(call: Callable[[], Reply]) -> Reply | None:
    """A probe that may fail on servers without that route: None instead of an error."""
    try:
        reply = call()
    except EngineUnavailable:
        return None
    return reply if reply.ok else None


def probe(client: ServerClient, model: str | None = None) -> ServerInfo:
    """Ask the server what it is; raises EngineUnavailable when it cannot be reached at all."""
    listing = client.get("/models")  # retried: a server that is still starting answers 503
    if not listing.ok:
        raise EngineUnavailable(f"the model server at {client.base_url} does not answer /models ({listing.message()})")
    data = listing.body.get("data", []) if isinstance(listing.body, dict) else []
    models = tuple(str(m.get("id")) for m in data if isinstance(m, dict) and m.get("id"))
    info = ServerInfo(kind="openai-compatible", models=models)

    props = _optional(lambda: client.get("/props", root=True, probe=True))
    if props is not None and isinstance(props.body, dict) and "default_generation_settings" in props.body:
        return _llama_server(client, info, props.body)
    if any(isinstance(m, dict) and m.get("owned_by") == "me" for m in data):
        return _llama_cpp_python(client, info)
    if any(isinstance(m, dict) and m.get("owned_by") == "MLC-LLM" for m in data):
        info.kind, info.honours_json_schema, info.schema_as_string = "mlc-llm", False, True
        return info
    if any(isinstance(m, dict) and "max_model_len" in m for m in data):
        return _vllm(client, info, data, model)
    version = _optional(lambda: client.get("/api/version", root=True, probe=True))
    if version is not None and isinstance(version.body, dict) and "version" in version.body:
        return _ollama(client, info, model)
    studio = _optional(lambda: client.get("/api/v0/models", root=True, probe=True))
    if studio is not None and isinstance(studio.body, dict):
        return _lmstudio(info, studio.body, model)
    return info


def _llama_server(client: ServerClient, info: ServerInfo, props: dict) -> ServerInfo:
    info.kind = "llama-server"
    info.n_ctx = props.get("default_generation_settings", {}).get("n_ctx") or None
    info.slots = props.get("total_slots") or None
    info.penalty_field = "repeat_penalty"

    def count(text: str) -> int:
        reply = client.post("/tokenize", {"content": text, "add_special": False}, root=True)
        return len(reply.body["tokens"]) if reply.ok else _unusable(client, "/tokenize", reply)

    info.counter = count
    return info


def _llama_cpp_python(client: ServerClient, info: ServerInfo) -> ServerInfo:
    info.kind = "llama-cpp-python"
    info.slots = 1  # one model, one request at a time behind a lock
    # It accepts json_schema but applies no grammar for it; json_object with a schema it enforces.
    info.honours_json_schema = False
    info.penalty_field = "repeat_penalty"
    # It does not say its context size (its --n_ctx, 2048 unless set): docsum uses --ctx,
    # and the server's refusal of an oversized prompt names the real limit.
    def count(text: str) -> int:
        # Its endpoint tokenizes with special tokens parsed; document text is defused before
        # it gets here, so the count equals the plain-text count.
        reply = client.post("/extras/tokenize/count", {"input": text}, root=True)
        return int(reply.body["count"]) if reply.ok else _unusable(client, "/extras/tokenize/count", reply)

    # Not a short probe: the server tokenizes behind the lock a generation holds, and a worker
    # that starts beside a busy one would time out and count by estimate for good.
    if _optional(lambda: client.post("/extras/tokenize/count", {"input": "a"}, root=True)) is not None:
        info.counter = count
    return info


def _vllm(client: ServerClient, info: ServerInfo, data: list, model: str | None) -> ServerInfo:
    info.kind = "vllm"
    lengths = [m["max_model_len"] for m in data if isinstance(m, dict) and m.get("max_model_len")]
    info.n_ctx = min(lengths) if lengths else None
    info.penalty_field = "repetition_penalty"
    model = model or (info.models[0] if info.models else None)

    def count(text: str) -> int:
        reply = client.post("/tokenize", {"model": model, "prompt": text, "add_special_tokens": False}, root=True)
        return int(reply.body["count"]) if reply.ok else _unusable(client, "/tokenize", reply)

    info.counter = count
    return info


def _ollama(client: ServerClient, info: ServerInfo, model: str | None) -> ServerInfo:
    info.kind = "ollama"
    # Ollama runs every request with its num_ctx (OLLAMA_CONTEXT_LENGTH, or a Modelfile's
    # PARAMETER num_ctx) and silently drops the start of a longer prompt. A loaded model
    # shows it in /api/ps; a Modelfile value in /api/show. The truncation guard catches the rest.
    if model:
        running = _optional(lambda: client.get("/api/ps", root=True, probe=True))
        for entry in running.body.get("models", []) if running is not None and isinstance(running.body, dict) else []:
            if isinstance(entry, dict) and model in (entry.get("name"), entry.get("model")) and entry.get("context_length"):
                info.n_ctx = int(entry["context_length"])
                return info
        shown = _optional(lambda: client.post("/api/show", {"model": model}, root=True, probe=True))
        if shown is not None and isinstance(shown.body, dict):
            found = re.search(r"(?m)^num_ctx\s+(\d+)", str(shown.body.get("parameters", "")))
            info.n_ctx = int(found.group(1)) if found else None
    return info


def _lmstudio(info: ServerInfo, body: dict, model: str | None) -> ServerInfo:
    info.kind = "lmstudio"
    for entry in body.get("data", []):
        if isinstance(entry, dict) and (model is None or entry.get("id") == model):
            info.n_ctx = entry.get("loaded_context_length") or entry.get("max_context_length") or None
            break
    return info


def _unusable(client: ServerClient, route: str, reply: Reply) -> int:
    raise EngineUnavailable(f"the model server at {client.base_url} failed to count tokens at {route} ({reply.message()})")
