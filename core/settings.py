"""One settings object, built in one place: defaults, then the config file,
then DOCSUM_* environment variables, then explicit overrides (CLI flags).

Everything below the CLI receives a Settings; nothing else reads os.environ.
A Settings checks itself when it is built, so an invalid one never exists.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from core.errors import UsageError
from core.languages import is_known_language

DEFAULT_MODEL = "qwen2.5-0.5b-instruct"
DEFAULT_BROKER = "redis://localhost:6379/0"
READ_MODES = ("evidence", "full")
#: Summary lengths by name, in words.
LENGTHS = {"short": 60, "medium": 150, "long": 300}


def length_words(value: str | int) -> int:
    """Words a summary length stands for: a name in LENGTHS or a number from 20 to 1000."""
    text = str(value).strip().lower()
    if text in LENGTHS:
        return LENGTHS[text]
    if text.isdigit() and 20 <= int(text) <= 1000:
        return int(text)
    raise UsageError(f"--length must be short, medium, long or a number of words from 20 to 1000, not {value!r}")
STRUCTURED_MODES = ("auto", "json_schema", "json_object")


def available_cores() -> int:
    """Cores this process may run on (taskset and cpusets count, not just the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - platforms without affinity
        return max(1, os.cpu_count() or 1)


def _xdg(env: Mapping[str, str], var: str, fallback: str) -> Path:
    base = env.get(var) or str(Path(env.get("HOME", str(Path.home()))) / fallback)
    return Path(base) / "docsum"


@dataclass(frozen=True)
class Settings:
    """Every knob docsum has; see README for what each one does."""

    engine: str = "llama"
    model: str = DEFAULT_MODEL
    #: Context window in tokens; None means the model's own, capped at max_ctx.
    ctx: int | None = None
    max_ctx: int = 32768
    #: Threads for the model; None: this process's share of the cores among the docsum
    #: processes generating on the box at the moment (they meet in runtime_dir).
    threads: int | None = None
    #: Map windows the in-process engine decodes together in one batch (one sequence each);
    #: they share the context, so each window gets ctx / sequences tokens.
    #: 1 on the boxes measured (bench/RESULTS.md, decode-batch): more pays only where
    #: memory bandwidth, not compute, limits decoding. Workers always decode one at a time.
    sequences: int = 1
    #: What the model reads of a long document: "evidence" (its best sentences, one short
    #: generation; bench/RESULTS.md, quality) or "full" (all of it: one pass, or map-reduce).
    read: str = "evidence"
    #: Tokens of evidence sentences the model reads of a contract, and at most of any other
    #: document (whose evidence is about twice the summary); a document this short is read whole.
    evidence_tokens: int = 1536
    #: The summary's length: short, medium, long, or a number of words.
    length: str = "medium"
    #: Tokens kept free for the final summary and for each map step's notes.
    output_tokens: int = 1024
    map_output_tokens: int = 512
    #: Tokens repeated between consecutive map-reduce windows.
    overlap_tokens: int = 128
    temperature: float = 0.0
    #: Small models loop under greedy decoding; a mild penalty breaks the loops.
    repeat_penalty: float = 1.1
    #: Off by default although prefill is 8 to 25% faster with it at 2k to 16k tokens
    #: (bench/RESULTS.md, params): with it, llama.cpp's answer depends on the thread count,
    #: which the share of the cores changes with the load; without it, it does not (tested).
    flash_attn: bool = False
    #: KV cache precision: "f16" or "q8_0" (half the memory, needs flash_attn).
    kv_cache: str = "f16"
    seed: int = 0
    #: Extra tries when an answer is not valid JSON for the schema (the error goes into the next prompt).
    output_retries: int = 2
    #: The "openai" engine's server, e.g. http://localhost:8080/v1 (llama-server, Ollama, vLLM...).
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    #: Generations sent to the engine at once; None: the server's slot count when it says, else 1.
    parallel: int | None = None
    #: How the server is asked for JSON: "auto" (json_schema, else json_object), "json_schema", "json_object".
    structured_output: str = "auto"
    #: Seconds one HTTP request may take (a long generation on a CPU server takes minutes).
    request_timeout: float = 600.0
    #: Tries after a connection failure or a 5xx/429 answer, with exponential backoff.
    http_retries: int = 3
    #: A local model (name, .gguf path or ollama:NAME) whose vocabulary counts tokens when
    #: the server has no tokenize endpoint; None: the server's endpoint, else an estimate.
    tokenizer: str | None = None
    #: Ollama's model store, for --model ollama:NAME; default $OLLAMA_MODELS or ~/.ollama/models.
    ollama_models: Path = field(default_factory=lambda: Path.home() / ".ollama" / "models")
    #: Per-input limits: past one, the input is refused (or stopped) with the reason.
    max_file_mb: int = 256
    max_pages: int = 5000
    max_doc_tokens: int = 2_000_000
    #: Seconds one input may take to read and summarize in process; 0: no limit.
    max_seconds: int = 3600
    #: Permissions of written summaries (octal); only the owner by default: they are
    #: as confidential as the documents.
    output_mode: str = "600"
    #: OCR scanned PDF pages with OCRmyPDF/Tesseract (installed separately), in these languages.
    ocr: bool = False
    ocr_languages: str = "eng"
    lang: str | None = None
    password: str | None = field(default=None, repr=False)
    models_dir: Path = field(default_factory=lambda: _xdg(os.environ, "XDG_DATA_HOME", ".local/share") / "models")
    #: What docsum may recompute: the engine probe's verdict per build and CPU.
    cache_dir: Path = field(default_factory=lambda: _xdg(os.environ, "XDG_CACHE_HOME", ".cache"))
    #: Where the model processes of one box find each other to share its cores.
    runtime_dir: Path = field(default_factory=lambda: _runtime_dir(os.environ))
    hf_endpoint: str = "https://huggingface.co"
    hf_offline: bool = False
    pip_index_url: str | None = None
    #: Redis URL of the batch service (redis:// or rediss:// for TLS, password in the URL).
    #: Unset means: `docsum watch` works in process; submit/worker use DEFAULT_BROKER.
    broker_url: str | None = None
    #: Seconds a task may run before it is asked to stop; killed up to 60 s later.
    task_time_limit: int = 1800
    #: Seconds before Redis hands an unacknowledged task to another worker;
    #: None means twice the hard time limit, so a running task is never duplicated.
    visibility_timeout: int | None = None
    #: How often (seconds) a worker looks for tasks abandoned by a dead worker.
    restore_interval: int = 10
    #: Seconds a worker may go without refreshing its heartbeat before the others count it
    #: dead and put the tasks it held back on the queue (it refreshes every quarter of this).
    worker_heartbeat: int = 60
    #: Runs of one step before its job fails: each run that died with its worker counts.
    task_attempts: int = 3
    #: A watched file is read once its size and mtime stay unchanged this long.
    watch_stable_seconds: float = 3.0

    def __post_init__(self) -> None:
        _check(self)

    @property
    def cpu_threads(self) -> int:
        """Threads for the model at most: the configured number, else every core."""
        return self.threads or available_cores()

    @property
    def file_mode(self) -> int:
        """output_mode as a number for chmod."""
        return int(self.output_mode, 8)

    @property
    def broker(self) -> str:
        """The broker to use when one is needed."""
        return self.broker_url or DEFAULT_BROKER

    @property
    def hard_time_limit(self) -> int:
        # The soft limit raises inside the task; the hard one kills it a little later.
        return self.task_time_limit + max(5, min(60, self.task_time_limit // 10))

    @property
    def visibility(self) -> int:
        return self.visibility_timeout or 2 * self.hard_time_limit

    def replace(self, **changes: Any) -> "Settings":
        """A copy with some fields changed (None values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: Any, annotation: str) -> Any:
    """Turn a config or environment value into the field's type, or explain why not."""
    try:
        if "bool" in annotation:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if "int" in annotation:
            return None if str(raw).strip().lower() in {"", "none", "auto"} else int(raw)
        if "float" in annotation:
            return float(raw)
        if "Path" in annotation:
            return Path(str(raw)).expanduser()
        if "None" in annotation and str(raw) == "":
            return None  # an empty variable (as compose files write unset ones) means unset
        return str(raw)
    except (TypeError, ValueError):
        raise UsageError(f"setting {name!r} has an invalid value: {raw!r}") from None


def _runtime_dir(env: Mapping[str, str]) -> Path:
    if env.get("XDG_RUNTIME_DIR"):
        return Path(env["XDG_RUNTIME_DIR"]) / "docsum"
    return Path("/tmp") / f"docsum-{os.getuid()}"


def config_path(env: Mapping[str, str]) -> Path:
    """Where the config file is looked for when none is named."""
    if env.get("DOCSUM_CONFIG"):
        return Path(env["DOCSUM_CONFIG"]).expanduser()
    return _xdg(env, "XDG_CONFIG_HOME", ".config") / "config.toml"


def load_settings(
    config_file: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build Settings from the config file, the environment and overrides, in that order."""
    env = os.environ if env is None else env
    types = {f.name: str(f.type) for f in fields(Settings)}
    home = Path(env.get("HOME", str(Path.home())))
    values: dict[str, Any] = {
        "models_dir": _xdg(env, "XDG_DATA_HOME", ".local/share") / "models",
        "cache_dir": _xdg(env, "XDG_CACHE_HOME", ".cache"),
        "ollama_models": home / ".ollama" / "models",
        "runtime_dir": _runtime_dir(env),
    }

    path = config_file or config_path(env)
    if config_file is not None and not path.is_file():
        raise UsageError(f"config file not found: {path}")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"config file {path} is not valid TOML: {exc}") from None
        unknown = sorted(set(data) - set(types))
        if unknown:
            raise UsageError(f"config file {path} has unknown settings: {', '.join(unknown)}")
        values.update({k: _coerce(k, v, types[k]) for k, v in data.items()})

    # The Hugging Face variables are the hub's own conventions; honour them.
    if "HF_ENDPOINT" in env:
        values["hf_endpoint"] = env["HF_ENDPOINT"]
    if "HF_HUB_OFFLINE" in env:
        values["hf_offline"] = _coerce("HF_HUB_OFFLINE", env["HF_HUB_OFFLINE"], "bool")
    if env.get("OLLAMA_MODELS"):
        values["ollama_models"] = Path(env["OLLAMA_MODELS"]).expanduser()
    if "PIP_INDEX_URL" in env:
        values["pip_index_url"] = env["PIP_INDEX_URL"]
    for name, annotation in types.items():
        key = f"DOCSUM_{name.upper()}"
        if key in env:
            values[name] = _coerce(key, env[key], annotation)

    for name, value in (overrides or {}).items():
        if name not in types:
            raise UsageError(f"unknown setting: {name}")
        if value is not None:
            values[name] = value
    return Settings(**values)


def _check(s: Settings) -> None:
    if s.lang is not None and not is_known_language(s.lang):
        raise UsageError(f"--lang {s.lang!r} is not a language code docsum knows (use ISO 639-1, e.g. en, de, zh)")
    if s.read not in READ_MODES:
        raise UsageError(f"--read must be one of {', '.join(READ_MODES)}, not {s.read!r}")
    length_words(s.length)
    if not 256 <= s.evidence_tokens <= 65536:
        raise UsageError("evidence_tokens must be between 256 and 65536")
    if s.ctx is not None and s.ctx < 1024:
        raise UsageError(f"--ctx {s.ctx} is too small: docsum needs at least 1024 tokens")
    if s.threads is not None and s.threads < 1:
        raise UsageError("threads must be at least 1")
    if not 1 <= s.sequences <= 16:
        raise UsageError("sequences must be between 1 and 16")
    if s.overlap_tokens < 0:
        raise UsageError("overlap_tokens cannot be negative")
    if s.kv_cache not in ("f16", "q8_0"):
        raise UsageError(f"kv_cache must be f16 or q8_0, not {s.kv_cache!r}")
    if s.kv_cache == "q8_0" and not s.flash_attn:
        # llama.cpp quantizes the V cache only with flash attention; without it the
        # context fails to load with no reason given.
        raise UsageError("kv_cache q8_0 needs flash_attn = true")
    if s.visibility_timeout is not None and s.visibility_timeout <= s.hard_time_limit:
        raise UsageError(
            f"visibility_timeout ({s.visibility_timeout}s) must be longer than the hard task time limit "
            f"({s.hard_time_limit}s), or Redis would hand running tasks to a second worker"
        )
    if s.worker_heartbeat < 4:
        raise UsageError("worker_heartbeat must be at least 4 seconds")
    if s.task_attempts < 1:
        raise UsageError("task_attempts must be at least 1")
    if min(s.max_file_mb, s.max_pages, s.max_doc_tokens) < 1 or s.max_seconds < 0:
        raise UsageError("limits (max_file_mb, max_pages, max_doc_tokens, max_seconds) must be positive")
    try:
        if not 0 <= int(s.output_mode, 8) <= 0o777:
            raise ValueError
    except ValueError:
        raise UsageError(f"output_mode must be octal permissions such as 600 or 640, not {s.output_mode!r}") from None
    if s.structured_output not in STRUCTURED_MODES:
        raise UsageError(f"structured_output must be one of {', '.join(STRUCTURED_MODES)}, not {s.structured_output!r}")
    if s.parallel is not None and s.parallel < 1:
        raise UsageError("--parallel must be at least 1")
    if s.output_retries < 0 or s.http_retries < 0:
        raise UsageError("retries cannot be negative")
    if s.request_timeout <= 0:
        raise UsageError("request_timeout must be positive")
    if s.base_url is not None and not s.base_url.startswith(("http://", "https://")):
        raise UsageError(f"--base-url must start with http:// or https://, not {s.base_url!r}")
    if not 0.0 <= s.temperature <= 2.0:
        raise UsageError("temperature must be between 0 and 2")
