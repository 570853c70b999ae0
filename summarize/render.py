"""The summary as Markdown, for people."""

from __future__ import annotations

from typing import Any

_CONTRACT_LABELS = {
    "parties": "Parties",
    "effective_date": "Effective date",
    "term": "Term",
    "obligations": "Obligations",
    "payment": "Payment",
    "termination": "Termination",
    "governing_law": "Governing law",
}
_PAPER_LABELS = {"question": "Question", "method": "Method", "findings": "Findings", "limitations": "Limitations"}


def _pages(pages: list[int], unit: str) -> str:
    label = ("p." if len(pages) == 1 else "pp.") if unit == "page" else ("§" if len(pages) == 1 else "§§")
    return f"{label} {', '.join(map(str, pages))}"


def _fields(data: dict[str, Any], labels: dict[str, str]) -> list[str]:
    lines = []
    for key, label in labels.items():
        value = data.get(key)
        if not value:
            continue
        if isinstance(value, list):
            lines.append(f"- **{label}:**")
            lines += [f"  - {v}" for v in value]
        else:
            lines.append(f"- **{label}:** {value}")
    return lines


def to_markdown(summary: dict[str, Any]) -> str:
    """Render a docsum.summary/v1 document (as a dict) to Markdown."""
    unit = summary["source"].get("page_unit", "page")
    out = [f"# {summary['title'] or 'Summary'}", ""]
    out.append(
        f"*{summary['doc_type']} · {summary['source']['format'].upper()} · {summary['source']['pages']} {unit}s · "
        f"language {summary['language']} · summary in {summary['summary_language']}*"
    )
    out += ["", "## Summary", "", summary["summary"], "", "## Key points", ""]
    out += [f"- {k['text']} ({_pages(k['pages'], unit)})" for k in summary["key_points"]]
    # A block whose fields the document states none of gets no heading over nothing.
    if summary.get("contract") and (lines := _fields(summary["contract"], _CONTRACT_LABELS)):
        out += ["", "## Contract", ""] + lines
    if summary.get("paper") and (lines := _fields(summary["paper"], _PAPER_LABELS)):
        out += ["", "## Paper", ""] + lines
    if summary.get("entities"):
        out += ["", "## Entities", ""]
        out += [f"- {e['name']} ({e['type']})" for e in summary["entities"]]
    strategy, model = summary["strategy"], summary["model"]
    out += [
        "",
        "---",
        f"Source: `{summary['source']['path']}` (sha256 {summary['source']['sha256'][:12]}…). "
        f"Model: {model['name']}, {model['n_ctx']}-token context. "
        f"Strategy: {strategy['mode']}, {strategy['chunks']} chunk(s), {strategy['passes']} pass(es).",
    ]
    if summary.get("warnings"):
        out += ["", "Warnings:"] + [f"- {w}" for w in summary["warnings"]]
    return "\n".join(out) + "\n"
