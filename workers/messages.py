"""What crosses the broker, as JSON-ready dicts and back: the job, documents, plans,
windows and map results.

Only plain JSON crosses the broker (never pickle), so a worker on another box
needs no shared disk and no trust in the sender's objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from chunking.plan import Chunk, Plan
from core.settings import Settings
from docsum.pipeline import Mapped, Prepared
from ingest.model import Document, Page
from summarize.schema import KeyPoint, Notes


@dataclass(frozen=True)
class Job:
    """What the submitter tells the map and reduce tasks about one document."""

    id: str
    name: str
    #: The submitter's engine, model and context: every step of a job runs the same ones.
    engine: str
    model: str
    model_sha256: str
    ctx: int
    #: The submitter's model server, for workers that have none of their own.
    base_url: str | None
    #: The summary's language, decided once when the document was planned.
    language: str
    chunks: int
    #: The submitter's answer budgets and retries: they decide what the summary says.
    output_tokens: int
    map_output_tokens: int
    output_retries: int
    #: The summary length asked for (short, medium, long or words).
    length: str
    ingest_s: float
    plan_s: float
    #: Epoch seconds when the job was queued.
    submitted: float

    @classmethod
    def of(cls, job_id: str, name: str, prepared: Prepared, settings: Settings, model_sha256: str, ctx: int, now: float) -> "Job":
        """The job for a document read and planned with these settings."""
        return cls(
            id=job_id,
            name=name,
            engine=settings.engine,
            model=settings.model,
            model_sha256=model_sha256,
            ctx=ctx,
            base_url=settings.base_url,
            language=prepared.language,
            chunks=len(prepared.plan.chunks),
            output_tokens=settings.output_tokens,
            map_output_tokens=settings.map_output_tokens,
            output_retries=settings.output_retries,
            length=settings.length,
            ingest_s=prepared.ingest_s,
            plan_s=prepared.plan_s,
            submitted=now,
        )

    def settings_for(self, own: Settings) -> Settings:
        """A worker's own settings with what decides this job's summary taken from the job;
        the worker's own model server (one per box) wins over the submitter's. Workers decode
        one sequence at a time: batched answers depend on their batch, and workers must agree."""
        return own.replace(
            sequences=1,
            engine=self.engine,
            model=self.model,
            ctx=self.ctx,
            base_url=own.base_url or self.base_url,
            output_tokens=self.output_tokens,
            map_output_tokens=self.map_output_tokens,
            output_retries=self.output_retries,
            length=self.length,
        )

    @property
    def before(self) -> dict[str, float]:
        """The timings of the stages that ran on the submitter."""
        return {"ingest_s": self.ingest_s, "plan_s": self.plan_s, "submitted": self.submitted}


def job_to_dict(job: Job) -> dict[str, Any]:
    return asdict(job)


def job_from_dict(data: dict[str, Any]) -> Job:
    return Job(**{f.name: data[f.name] for f in fields(Job)})


def document_to_dict(doc: Document) -> dict[str, Any]:
    return asdict(doc)


def document_from_dict(data: dict[str, Any]) -> Document:
    fields_ = dict(data)
    fields_["pages"] = tuple(Page(**p) for p in data["pages"])
    for key in ("empty_pages", "warnings"):
        fields_[key] = tuple(data[key])
    return Document(**fields_)


def chunk_to_dict(chunk: Chunk) -> dict[str, Any]:
    return asdict(chunk)


def chunk_from_dict(data: dict[str, Any]) -> Chunk:
    return Chunk(**{**data, "pages": tuple(data["pages"])})


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return asdict(plan)


def plan_from_dict(data: dict[str, Any]) -> Plan:
    return Plan(**{**data, "chunks": tuple(chunk_from_dict(c) for c in data["chunks"]), "doc_types": tuple(data.get("doc_types", ()))})


def notes_to_dict(notes: Notes) -> dict[str, Any]:
    return asdict(notes)


def notes_from_dict(data: dict[str, Any]) -> Notes:
    return Notes(
        summary=data["summary"],
        key_points=tuple(KeyPoint(k["text"], tuple(k["pages"])) for k in data["key_points"]),
        facts=tuple(data["facts"]),
        pages=tuple(data["pages"]),
        extractive=bool(data.get("extractive", False)),
    )


def mapped_to_dict(mapped: Mapped) -> dict[str, Any]:
    return {"notes": notes_to_dict(mapped.notes), "usage": dict(mapped.usage), "started": mapped.started, "ended": mapped.ended}


def mapped_from_dict(data: dict[str, Any]) -> Mapped:
    return Mapped(notes_from_dict(data["notes"]), dict(data["usage"]), float(data["started"]), float(data["ended"]))
