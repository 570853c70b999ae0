"""The summary: what the model is asked to fill in, and the versioned document docsum writes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_ID = "docsum.summary/v1"
DOC_TYPES = ("contract", "paper", "report", "other")
#: The types whose model writes an overview (summarize/overview.py): those that say what they do.
OVERVIEW_TYPES = ("paper", "report")
ENTITY_TYPES = ("person", "organization", "place", "date", "money", "law", "product", "other")

_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}


def _text(max_chars: int | None) -> dict:
    return {"type": "string", "maxLength": max_chars} if max_chars else _STR


def _opt_text(max_chars: int | None) -> dict:
    # The converter bounds only plain strings, so a bounded nullable string is a choice of two.
    return {"anyOf": [_text(max_chars), {"type": "null"}]} if max_chars else _OPT_STR


def _str_list(max_items: int, max_chars: int | None = None) -> dict:
    return {"type": "array", "items": _text(max_chars), "maxItems": max_items}


def _obj(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _key_points(pages: list[int], min_items: int, max_items: int, max_chars: int | None = None) -> dict:
    page = {"type": "integer", "enum": pages}
    point = _obj({"text": _text(max_chars), "pages": {"type": "array", "items": page, "minItems": 1, "maxItems": 3}})
    return {"type": "array", "items": point, "minItems": min_items, "maxItems": max_items}


def _entities(max_chars: int | None = None) -> dict:
    return {
        "type": "array",
        "items": _obj({"name": _text(max_chars), "type": {"type": "string", "enum": list(ENTITY_TYPES)}}),
        "maxItems": 10,
    }


def contract_block(field_chars: int | None = None) -> dict:
    """The contract fields; null for what the contract does not say."""
    short = field_chars // 2 if field_chars else None
    return _obj(
        {
            "parties": _str_list(6, short),
            "effective_date": _opt_text(short),
            "term": _opt_text(field_chars),
            "obligations": _str_list(5, field_chars),
            "payment": _opt_text(field_chars),
            "termination": _opt_text(field_chars),
            "governing_law": _opt_text(short),
        }
    )


def paper_block(field_chars: int | None = None) -> dict:
    """A paper's question, method, findings and limitations."""
    return _obj(
        {
            "question": _opt_text(field_chars),
            "method": _opt_text(field_chars),
            "findings": _str_list(4, field_chars),
            "limitations": _str_list(3, field_chars),
        }
    )


@dataclass(frozen=True)
class Bounds:
    """Character limits of the answer's fields (None: unbounded, for the notes of map steps)."""

    #: The summary as a list of (fewest, most) sentences of at most `sentence` characters each:
    #: the grammar then holds the model to the length asked for, short or long.
    sentences: tuple[int, int] | None = None
    sentence: int | None = None
    point: int | None = None
    field: int | None = None
    title: int | None = 160
    #: Entities to list at most: each costs a dozen tokens, and a short summary needs few.
    entities: int = 10


def summary_schema(
    pages: list[int],
    max_points: int = 8,
    doc_types: tuple[str, ...] = DOC_TYPES,
    title: bool = True,
    bounds: Bounds = Bounds(),
    brief: bool = False,
    excerpts: bool = False,
) -> dict:
    """Schema of the model's final answer: one branch per document type the evidence allows,
    so the grammar asks for contract or paper fields only where they apply, and a title only
    when the document has none of its own. excerpts: key points and the paper block are taken
    from the document's sentences (summarize/excerpts.py), so the model is not asked for them."""
    # brief: the answer after one that ran out of tokens, as small as the request allows.
    sentences = bounds.sentences and ((bounds.sentences[0], bounds.sentences[0]) if brief else bounds.sentences)
    common = {
        **({"title": _text(bounds.title)} if title else {}),
        "summary": (
            {"type": "array", "items": _text(bounds.sentence), "minItems": sentences[0], "maxItems": sentences[1]}
            if sentences else _STR
        ),
    }
    # Right after the summary (asked for first, it drew the model's summary into prose that
    # invented), and only of the types that say what they do (summarize/overview.py).
    overview = {"overview": _text(bounds.sentence)}
    points = {} if excerpts else {"key_points": _key_points(pages, min(3, len(pages) * 3, max_points), max_points, bounds.point)}
    entities = {"entities": {**_entities(bounds.field and bounds.field // 3),
                             "maxItems": min(4, bounds.entities) if brief else bounds.entities}}
    blocks = {"contract": {"contract": contract_block(bounds.field)}}
    if not excerpts:
        blocks["paper"] = {"paper": paper_block(bounds.field)}
    branches = []
    for kind in doc_types:
        head = {"doc_type": {"const": kind}} if len(doc_types) > 1 else {}
        own = overview if kind in OVERVIEW_TYPES else {}
        branches.append(_obj({**head, **common, **own, **points, **blocks.get(kind, {}), **entities}))
    return branches[0] if len(branches) == 1 else {"anyOf": branches}


def notes_schema(pages: list[int], max_points: int = 6) -> dict:
    """Schema of one map step's notes on a window (and of merged notes)."""
    return _obj(
        {
            "summary": _STR,
            "key_points": _key_points(pages, 1, max_points),
            "facts": _str_list(8),
        }
    )


@dataclass(frozen=True)
class KeyPoint:
    text: str
    pages: tuple[int, ...]


@dataclass(frozen=True)
class Notes:
    """What a map step learned from one window, or a reduce step from several."""

    summary: str
    key_points: tuple[KeyPoint, ...]
    facts: tuple[str, ...]
    pages: tuple[int, ...]  # the pages these notes cover
    #: The window's own best sentences: the model could not write valid notes on it.
    extractive: bool = False


@dataclass
class Summary:
    """The docsum.summary/v1 document."""

    source: dict[str, Any]
    language: str
    summary_language: str
    doc_type: str
    title: str
    summary: str
    key_points: list[KeyPoint]
    entities: list[dict[str, str]]
    model: dict[str, Any]
    strategy: dict[str, Any]
    timings: dict[str, float]
    contract: dict[str, Any] | None = None
    paper: dict[str, Any] | None = None
    usage: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready document, schema id first."""
        data = asdict(self)
        data["key_points"] = [{"text": k.text, "pages": list(k.pages)} for k in self.key_points]
        return {"schema": SCHEMA_ID, **data}


#: JSON schema of the written document, for validation by tests and consumers.
DOCUMENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "schema", "source", "language", "summary_language", "doc_type", "title", "summary",
        "key_points", "entities", "model", "strategy", "timings",
    ],
    "properties": {
        "schema": {"const": SCHEMA_ID},
        "source": {
            "type": "object",
            "required": ["path", "sha256", "format", "pages", "chars", "tokens"],
            "properties": {
                "path": {"type": "string"},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "format": {"enum": ["pdf", "docx", "text"]},
                "pages": {"type": "integer", "minimum": 1},
                "page_unit": {"enum": ["page", "section"]},
                "chars": {"type": "integer", "minimum": 1},
                "tokens": {"type": "integer", "minimum": 1},
            },
        },
        "language": {"type": "string"},
        "summary_language": {"type": "string"},
        "doc_type": {"enum": list(DOC_TYPES)},
        "title": {"type": "string"},
        "summary": {"type": "string", "minLength": 1},
        "key_points": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["text", "pages"],
                "properties": {
                    "text": {"type": "string", "minLength": 1},
                    "pages": {"type": "array", "minItems": 1, "items": {"type": "integer", "minimum": 1}},
                },
            },
        },
        "entities": {"type": "array"},
        "contract": {"type": ["object", "null"]},
        "paper": {"type": ["object", "null"]},
        "model": {"type": "object", "required": ["name", "sha256", "n_ctx"]},
        "strategy": {
            "type": "object",
            "required": ["mode", "chunks", "passes"],
            "properties": {
                "mode": {"enum": ["single", "map_reduce", "evidence", "extractive"]},
                "chunks": {"type": "integer", "minimum": 1},
                "passes": {"type": "integer", "minimum": 1},
            },
        },
        "timings": {"type": "object"},
    },
}
