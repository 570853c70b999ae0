"""Adding a language is adding its data file: Dutch, which docsum had no rules for, came with
rules/lang/nl.toml alone. Shown on a real Dutch article (wikiHow, in the shared corpus), on a
Dutch DOCX contract read by ingest, and through the real model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, MAIN_MODEL, base_settings
from tests.helpers.documents import make_docx

ARTICLE = CORPUS / "summarization" / "multi_wikilingua_articles.jsonl"

CONTRACT = [
    "Overeenkomst van opdracht",
    "Inleiding",
    "Deze Overeenkomst wordt aangegaan tussen Van Dijk Installatietechniek B.V. te Utrecht en de Stichting "
    "Woonzorg Rivierenland te Tiel, hierna samen te noemen de partijen.",
    "De opdrachtnemer verbindt zich om de verwarmingsinstallaties van de opdrachtgever twee keer per jaar te "
    "onderhouden en storingen binnen vierentwintig uur te verhelpen.",
    "Deze overeenkomst heeft een looptijd van drie jaar en wordt daarna stilzwijgend verlengd met telkens één jaar.",
    "De opdrachtgever betaalt een vaste vergoeding van 12.000 euro per jaar, binnen dertig dagen na ontvangst van de factuur.",
    "Figuur 2 toont de planning van het onderhoud in het eerste jaar van de overeenkomst.",
    "Op deze overeenkomst is Nederlands recht van toepassing en geschillen worden voorgelegd aan de rechtbank Gelderland.",
    "Alle rechten voorbehouden.",
]


def _article() -> str:
    for line in ARTICLE.open(encoding="utf-8"):
        record = json.loads(line)
        if record["lang"] == "nl":
            return record["text"]
    raise AssertionError(f"no Dutch article in {ARTICLE}")


def test_dutch_is_one_data_file_with_every_table_german_has():
    from rules.data import _files, languages

    assert "nl" in languages()
    tables = {lang: {(section, key) for section, keys in data.items() for key in keys} for lang, data in _files().items()}
    # Not German's field cue for an effective date's formula ("in Kraft"): Dutch has its own, and more.
    assert sorted(tables["de"] - tables["nl"]) == []


def test_dutch_words_shared_with_every_language_leave_english_titles_and_clauses_alone():
    # Some tables are asked with every language's words at once: Dutch words there must not misfire
    # on English ("The Open Door" is a title, "factual findings" no payment).
    from rules.fields import COMPILED
    from rules.titles import first_heading

    for title in ("The Open Door", "How We Met", "The Camper Van", "Behind the Green Door"):
        assert first_heading(f"{title}\n\nThe house stood at the end of the lane for a hundred years.") == title
    payment = next(p for f, p, _ in COMPILED["contract"] if f == "payment")
    assert not payment.search("The Arbitrator shall make factual findings in writing.")
    assert payment.search("De opdrachtgever betaalt binnen dertig dagen na ontvangst van de factuur.")


def test_a_real_dutch_article_gets_the_leaning_rule_and_the_negation_check():
    from chunking.segment import split_sentences
    from rules.leaning import leans
    from summarize.fidelity import negation_differs

    sentences = split_sentences(_article(), "nl")
    leaning = [s for s in sentences if leans(s, "nl")]
    # "Deze opties hebben dezelfde gezondheidsvoordelen, ...": which options? The sentence before says.
    assert any(s.startswith("Deze opties") for s in leaning)
    assert not leans("Wanneer groenten en fruit in het seizoen zijn, zijn ze meestal goedkoper.", "nl")
    assert 3 <= len(leaning) < len(sentences) // 3, leaning
    # "... zorg ervoor dat je opties kiest die geen suiker of zout hebben toegevoegd": the rewrite without "geen" says the opposite.
    source = next(s for s in sentences if "die geen suiker" in s)
    rewrite = source.replace("die geen suiker", "die suiker")
    assert negation_differs(rewrite, source, "nl") and not negation_differs(source, source, "nl")


def test_a_dutch_docx_contract_keeps_its_notice_heading_and_figure_out_and_finds_its_clauses(tmp_path):
    from chunking.evidence import document_sentences, field_matches, scored
    from ingest.reader import read_document
    from rules.titles import not_a_title
    from tests.helpers.fakes import word_count

    from chunking.doctype import document_type

    doc = read_document(make_docx(tmp_path / "opdracht.docx", CONTRACT))
    assert doc.language == "nl" and document_type(doc.text).decided == "contract"
    assert not_a_title("Inleiding") and not not_a_title("Overeenkomst van opdracht")
    sentences = document_sentences(doc, word_count)
    texts = [s.text for s in sentences]
    assert not any("voorbehouden" in t for t in texts), "small print is no evidence"
    assert not any(t.startswith("Figuur 2") for t in texts), "a sentence about a figure is no evidence"
    ranked = scored(sentences, "contract")
    # (Not renewal: a renewal clause must also have the shape rules.fields.states checks, which has no Dutch yet.)
    found = {f: [s.text[:40] for s in field_matches(ranked, "contract", f)] for f in ("parties", "term", "payment", "governing_law")}
    assert found == {"parties": ["Deze Overeenkomst wordt aangegaan tussen"], "term": ["Deze overeenkomst heeft een looptijd van"],
                     "payment": ["De opdrachtgever betaalt een vaste vergo"], "governing_law": ["Op deze overeenkomst is Nederlands recht"]}, found


@pytest.mark.slow
def test_a_dutch_contract_summarized_by_the_real_model_is_dutch_and_has_no_small_print(main_engine, tmp_path):
    from docsum.pipeline import Pipeline

    path = make_docx(tmp_path / "opdracht.docx", CONTRACT)
    data = Pipeline.with_engine(base_settings(model=MAIN_MODEL, ctx=8192), main_engine).summarize_file(path).to_dict()
    assert data["language"] == "nl" and data["summary_language"] == "nl" and data["doc_type"] == "contract"
    said = [data["summary"], data["title"], *(k["text"] for k in data["key_points"])]
    assert data["summary"].strip() and not any(re.search(r"voorbehouden", t) for t in said), said
    # A sentence about a figure is no key point (the model, which reads a short document whole, may still copy it).
    assert not any(k["text"].startswith("Figuur 2") for k in data["key_points"]), data["key_points"]
    assert data["title"] != "Inleiding"
    assert Path(data["source"]["path"]).name == "opdracht.docx"
