"""Markdown rendering of a docsum.summary/v1 document."""

from summarize.render import to_markdown


def _summary(**changes):
    base = {
        "schema": "docsum.summary/v1",
        "source": {"path": "lease.pdf", "sha256": "ab" * 32, "format": "pdf", "pages": 3, "page_unit": "page"},
        "language": "en", "summary_language": "en", "doc_type": "contract", "title": "Warehouse lease",
        "summary": "Acme leases a warehouse in Leeds to Beta.",
        "key_points": [{"text": "Rent is 2,000 GBP a month.", "pages": [2]}, {"text": "Notice is three months.", "pages": [2, 3]}],
        "entities": [{"name": "Acme Ltd", "type": "organization"}],
        "contract": {"parties": ["Acme Ltd", "Beta plc"], "effective_date": "1 March 2025", "term": None,
                     "obligations": [], "payment": "2,000 GBP a month", "termination": None, "governing_law": "England"},
        "paper": None,
        "model": {"name": "m", "sha256": "cd" * 32, "n_ctx": 8192, "engine": "llama"},
        "strategy": {"mode": "map_reduce", "chunks": 3, "passes": 2},
        "warnings": [],
    }
    return {**base, **changes}


def test_contract_summary_has_its_sections_and_page_citations():
    md = to_markdown(_summary())
    lines = md.splitlines()
    assert lines[0] == "# Warehouse lease"
    assert "*contract · PDF · 3 pages · language en · summary in en*" in lines
    assert "- Rent is 2,000 GBP a month. (p. 2)" in lines
    assert "- Notice is three months. (pp. 2, 3)" in lines
    contract = lines[lines.index("## Contract") :]
    assert "- **Parties:**" in contract and "  - Beta plc" in contract
    assert "- **Effective date:** 1 March 2025" in contract
    assert not any(line.startswith("- **Term:**") for line in lines), "a field the document does not state is left out"
    assert "## Paper" not in lines
    assert "- Acme Ltd (organization)" in lines
    assert "Strategy: map_reduce, 3 chunk(s), 2 pass(es)." in md and "abababababab" in md
    assert md.endswith("\n") and "Warnings:" not in md


def test_sections_paper_block_untitled_and_warnings():
    md = to_markdown(_summary(
        title="", doc_type="paper", contract=None, entities=[],
        source={"path": "notes.docx", "sha256": "ef" * 32, "format": "docx", "pages": 2, "page_unit": "section"},
        paper={"question": "Does X help?", "method": "A trial", "findings": ["It helps"], "limitations": None},
        key_points=[{"text": "X helps.", "pages": [1]}, {"text": "In two trials.", "pages": [1, 2]}],
        warnings=["2 of 4 pages have no text layer"],
    ))
    lines = md.splitlines()
    assert lines[0] == "# Summary"
    assert "2 sections" in lines[2]
    assert "- X helps. (§ 1)" in lines and "- In two trials. (§§ 1, 2)" in lines
    assert "## Contract" not in lines and "## Entities" not in lines
    assert "- **Findings:**" in lines and "  - It helps" in lines
    assert lines[-2:] == ["Warnings:", "- 2 of 4 pages have no text layer"]


def test_a_block_whose_fields_the_document_does_not_state_gets_no_heading():
    md = to_markdown(_summary(doc_type="paper", contract=None,
                              paper={"question": None, "method": None, "findings": [], "limitations": []}))
    assert "## Paper" not in md.splitlines(), "no heading over nothing (GeoBase's data model, filed as a paper)"
