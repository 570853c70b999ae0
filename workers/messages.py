"""The flowing data classes as JSON-ready dicts and back, for Celery's JSON messages.

Only plain JSON crosses the broker (never pickle), so a worker on another box
needs no shared disk and no trust in the sender's objects.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from chunking.plan import Chunk, Plan
from ingest.model import Document, Page
from summarize.schema import KeyPoint, Notes


def document_to_dict(doc: Document) -> dict[str, Any]:
    return asdict(doc)


def document_from_dict(data: dict[str, Any]) -> Document:
    fields = dict(data)
    fields["pages"] = tuple(Page(**p) for p in data["pages"])
    for key in ("empty_pages", "warnings"):
        fields[key] = tuple(data[key])
    return Document(**fields)


def chunk_to_dict(chunk: Chunk) -> dict[str, Any]:
    return asdict(chunk)


def chunk_from_dict(data: dict[str, Any]) -> Chunk:
    return Chunk(**{**data, "pages": tuple(data["pages"])})


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return asdict(plan)


def plan_from_dict(data: dict[str, Any]) -> Plan:
    return Plan(**{**data, "chunks": tuple(chunk_from_dict(c) for c in data["chunks"])})


def notes_to_dict(notes: Notes) -> dict[str, Any]:
    return asdict(notes)


def notes_from_dict(data: dict[str, Any]) -> Notes:
    return Notes(
        summary=data["summary"],
        key_points=tuple(KeyPoint(k["text"], tuple(k["pages"])) for k in data["key_points"]),
        facts=tuple(data["facts"]),
        pages=tuple(data["pages"]),
    )
