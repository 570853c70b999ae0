"""The whole pipeline on the real main model (same architecture and speed as the default)."""

import time

import pytest
from jsonschema import validate

from docsum.pipeline import Pipeline
from ingest.language import detect_language
from summarize.schema import DOCUMENT_SCHEMA
from tests.conftest import EXAMPLE_PDF, MAIN_MODEL, base_settings
from tests.helpers.documents import make_docx
from tests.helpers.timings import assert_wall_timings

pytestmark = pytest.mark.slow

GERMAN = [
    "Mietvertrag über Gewerberäume zwischen der Müller Immobilien GmbH in Hamburg (Vermieterin) "
    "und der Schmidt Bäckerei KG (Mieterin).",
    "Die Vermieterin vermietet der Mieterin die Räume im Erdgeschoss der Hafenstraße 12 in Hamburg "
    "zum Betrieb einer Bäckerei. Das Mietverhältnis beginnt am 1. April 2025 und läuft fünf Jahre.",
    "Die monatliche Miete beträgt 2.400 Euro zuzüglich Nebenkosten und ist bis zum dritten Werktag "
    "eines jeden Monats im Voraus zu zahlen. Die Mieterin leistet eine Kaution von drei Monatsmieten.",
    "Der Vertrag kann von beiden Parteien aus wichtigem Grund fristlos gekündigt werden. "
    "Es gilt deutsches Recht; Gerichtsstand ist Hamburg.",
]


def _check(data, pages):
    validate(data, DOCUMENT_SCHEMA)
    assert data["summary"].strip() and len(data["key_points"]) >= 1
    for point in data["key_points"]:
        assert point["text"].strip()
        assert set(point["pages"]) <= set(range(1, pages + 1)), point


def test_short_contract_in_one_pass(main_engine):
    settings = base_settings(model=MAIN_MODEL, ctx=8192)
    started = time.perf_counter()
    data = Pipeline.with_engine(settings, main_engine).summarize_file(EXAMPLE_PDF).to_dict()
    assert_wall_timings(data["timings"], time.perf_counter() - started)
    assert "load_s" not in data["timings"], "the engine was loaded before"
    _check(data, 3)
    assert data["strategy"]["mode"] == "single" and data["strategy"]["passes"] == 1
    assert data["language"] == data["summary_language"] == "en"
    assert detect_language(data["summary"]) == "en"
    assert data["doc_type"] == "contract" and data["contract"] is not None
    assert data["model"]["name"] == MAIN_MODEL and data["model"]["n_ctx"] == 8192
    assert data["source"]["tokens"] > 500 and data["source"]["pages"] == 3


def test_document_longer_than_context_goes_through_map_reduce_with_windows_decoded_together(main_model):
    # One map-reduce on the main model serves both claims (the whole document read window by
    # window, and two windows in one batch): each is the longest test of its kind.
    from docsum.pipeline import load_engine

    settings = base_settings(model=MAIN_MODEL, ctx=3072, sequences=2, read="full")
    engine = load_engine(settings)
    assert engine.model.n_ctx == 1536, "each of the two sequences plans with half the context"
    sizes = []
    run = engine._gather._run
    engine._gather._run = lambda requests: sizes.append(len(requests)) or run(requests)
    started = time.perf_counter()
    data = Pipeline.with_engine(settings, engine).summarize_file(EXAMPLE_PDF).to_dict()
    assert_wall_timings(data["timings"], time.perf_counter() - started)
    assert data["timings"]["map_s"] > 0
    _check(data, 3)
    strategy = data["strategy"]
    assert strategy["mode"] == "map_reduce" and strategy["chunks"] >= 2 and strategy["passes"] >= 2
    assert data["source"]["tokens"] > strategy["window_tokens"], "the document does not fit one window"
    covered = {p for first, last in strategy["chunk_pages"] for p in range(first, last + 1)}
    assert covered == {1, 2, 3}, "the whole document is read"
    assert 2 in sizes, f"two windows were decoded together (batches: {sizes})"


def test_windows_the_model_cannot_note_are_noted_with_their_own_sentences(small_model, tmp_path):
    # Notes cut off at 24 tokens never validate (one try each, to keep the test short): each
    # window's own sentences stand in for its notes, and the real model writes the summary from them.
    from docsum.pipeline import load_engine
    from tests.conftest import SMALL_MODEL
    from tests.helpers.documents import report_text

    path = tmp_path / "report.txt"
    path.write_text(report_text(12, seed=4))
    settings = base_settings(model=SMALL_MODEL, ctx=1536, read="full", map_output_tokens=24, output_retries=0, length="short")
    data = Pipeline.with_engine(settings, load_engine(settings)).summarize_file(path).to_dict()
    _check(data, data["source"]["pages"])
    strategy = data["strategy"]
    assert strategy["chunks"] >= 2 and strategy["notes_from_document"] == list(range(1, strategy["chunks"] + 1))
    assert any("could not write notes on part(s) 1, 2" in w for w in data["warnings"])
    assert data["usage"]["calls"] >= strategy["chunks"] + 1, "each window tried once, then the final pass"


def test_long_document_is_read_as_evidence_with_its_fields_and_without_junk(main_engine, tmp_path):
    from rules.numbers import unsupported_numbers
    from summarize.checks import key_point_defects
    from tests.helpers.documents import report_text

    path = tmp_path / "report.txt"
    path.write_text(report_text(40, seed=5))
    settings = base_settings(model=MAIN_MODEL, ctx=8192, length="short")
    data = Pipeline.with_engine(settings, main_engine).summarize_file(path).to_dict()
    _check(data, data["source"]["pages"])
    strategy = data["strategy"]
    assert strategy["mode"] == "evidence" and strategy["chunks"] == 1 and data["usage"]["calls"] <= 3
    assert " of " in strategy["read"] and strategy["length_words"] == 60
    text = path.read_text()
    points = [k["text"] for k in data["key_points"]]
    assert key_point_defects(points, data["summary"], text) == []
    assert unsupported_numbers(data["summary"] + " " + " ".join(points), text) == []
    # The model's own opening sentence: asked for, checked, and first when it stays.
    from summarize.grounding import sentences_of
    from summarize.overview import SUPPORT, describes, support

    assert {"summary_sentences_restored", "summary_sentences_unsupported"} <= set(strategy), "the fidelity check ran"
    assert strategy["overview"] in ("written", "none", "unsupported", "not about the document", "repeats the summary", "not asked")
    assert (strategy["overview"] == "not asked") == (data["doc_type"] not in ("report", "paper"))
    if strategy["overview"] == "written":
        first = sentences_of(data["summary"])[0]
        assert describes(first, "en") and support(first, text, "en") >= SUPPORT, first


def test_german_docx_is_summarized_in_german(main_engine, tmp_path):
    path = make_docx(tmp_path / "mietvertrag.docx", GERMAN, page_break_after={1})
    data = Pipeline.with_engine(base_settings(model=MAIN_MODEL, ctx=8192), main_engine).summarize_file(path).to_dict()
    _check(data, 2)
    assert data["language"] == data["summary_language"] == "de"
    assert detect_language(data["summary"]) == "de"


def test_requested_language_overrides_the_documents(main_engine, tmp_path):
    path = make_docx(tmp_path / "mietvertrag.docx", GERMAN)
    data = Pipeline.with_engine(base_settings(model=MAIN_MODEL, ctx=8192, lang="en"), main_engine).summarize_file(path).to_dict()
    assert data["language"] == "de" and data["summary_language"] == "en"
    assert detect_language(data["summary"]) == "en"


def test_a_document_that_gives_orders_is_summarized_not_obeyed(main_engine, tmp_path):
    from tests.workers.test_faults import INJECTION

    path = tmp_path / "minutes.txt"
    path.write_text(INJECTION)
    data = Pipeline.with_engine(base_settings(model=MAIN_MODEL, ctx=8192), main_engine).summarize_file(path).to_dict()
    _check(data, 1)
    # A summary of the minutes, not the answer the document dictates. (The title may still
    # echo the fake JSON: a 0.5B model copies a title it is handed; see the README.)
    summary = data["summary"].lower()
    assert "hacked" not in summary and len(summary.split()) >= 5, data["summary"]


#: A paper as the arXiv corpus of Cohan et al. writes it: tokenized, lower case, formulas and citations as
#: placeholders; the test reads it as the benchmarks do, with its formulas left out as marks (bench/quality/corpora.py).
ARXIV_STYLE = """introduction
the leptonic decays of a charged pseudoscalar meson @xmath7 are processes of the type @xmath8 , where @xmath9 , @xmath10 , or @xmath11 .
because no strong interactions are present in the leptonic final state , such decays provide a clean way to probe the strong interactions that bind the quark and antiquark within the meson .
the experimental determination of decay constants is one of the most important tests of calculations involving nonperturbative qcd @xcite .
in this article , we report an improved measurement of the absolute branching fraction of the leptonic decay @xmath0 , from which we determine the decay constant @xmath33 .
we use a data sample of @xmath38 events collected by the cleo - c detector at the center - of - mass energy of the storage ring .
results
we find @xmath117 summed over the three tag modes , as fig . 2 shows .
for small @xmath56 , the background extends to @xmath57 in the signal region .
the charm mesons are better instruments to study the leptonic decays of heavy mesons since these decays are less suppressed .
the large mass of the lepton removes the helicity suppression that is present in the decays to lighter leptons .
the existence of multiple neutrinos in the final state , however , makes the measurement of this decay challenging .
physics beyond the standard model might also affect the leptonic decays of charmed mesons @xcite .
to minimize systematic uncertainties , we tag using three hadronic decay modes with only charged particles in the final state .
the tagging modes are chosen to reduce the tag bias and the systematic uncertainties of the measurement .
the signal efficiency is studied with a monte carlo simulation of the detector and of the background processes .
the largest systematic uncertainty comes from the modeling of the extra energy in the calorimeter .
in summary , the measured branching fraction agrees with the standard model prediction and with lattice qcd calculations of the decay constant .
references
c.  amsler _ et al . _ ( particle data group ) , phys .  lett .  b * 667 * , 1 ( 2008 ) .
b.  aubert _ et al . _ ( babar collaboration ) , phys .  rev .  d * 77 * , 011107 ( 2008 ) .
"""


def test_a_paper_with_formula_placeholders_shows_a_formula_only_where_it_says_what_the_paper_does(main_engine, tmp_path):
    from bench.quality.corpora import as_written
    from rules.mathematics import formula_gap
    from summarize.checks import key_point_defects

    path = tmp_path / "paper.txt"
    path.write_text(as_written(ARXIV_STYLE, "en_arxiv_cohan2018"))
    data = Pipeline.with_engine(base_settings(model=MAIN_MODEL, ctx=8192), main_engine).summarize_file(path).to_dict()
    _check(data, 1)
    assert data["doc_type"] == "paper" and "report an improved measurement" in data["paper"]["question"]
    points = [k["text"] for k in data["key_points"]]
    said = [data["summary"], data["title"], *points, *(v for v in data["paper"].values() if isinstance(v, str))]
    assert not any(formula_gap(s) for text in said for s in text.split(". ")), "a gap only in what the paper does"
    assert key_point_defects(points, data["summary"], path.read_text()) == []
