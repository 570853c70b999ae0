"""Scoring and averaging with stand-in systems whose outputs are known, and the report files."""

import pytest

from bench.quality.evaluate import Replay, evaluate, summarize_records
from bench.quality.pairs import Pair
from bench.quality.report import markdown_table, plot
from bench.quality.systems import Output

PAIRS = [
    Pair("a", "en", "The cat sat on the mat. It was warm.", "the cat sat on a mat near the warm kitchen door", "en_set"),
    Pair("b", "de", "Die Katze saß auf der Matte. Es war warm.", "die katze saß auf der matte neben der warmen küchentür", "de_set"),
]


class Echo:
    """Answers with a fixed text per document, like a system would."""

    def __init__(self, name, answers, seconds=2.0, document=None):
        self.name, self.answers, self.seconds, self.document = name, answers, seconds, document

    def summarize(self, pair):
        answer = self.answers[pair.id]
        if isinstance(answer, Exception):
            return Output(seconds=self.seconds, error=str(answer), schema_valid=False)
        return Output(text=answer, seconds=self.seconds, completion_tokens=10, schema_valid=self.document and True,
                      document=self.document)


DOCUMENT = {
    "source": {"pages": 2, "empty_pages": []},
    "strategy": {"chunk_pages": [[1, 2]]},
    "key_points": [{"text": "The cat sat.", "pages": [1]}],
}


def test_records_and_averages():
    systems = [
        Echo("good", {"a": "the cat sat on the mat near the warm kitchen door.",
                      "b": "die katze saß auf der matte neben der warmen küchentür."}, document=DOCUMENT),
        Echo("bad", {"a": "mat mat mat mat mat mat mat mat", "b": RuntimeError("model failed")}, seconds=4.0),
    ]
    records = evaluate(PAIRS, systems, lambda text: len(text.split()), log=lambda line: None)
    assert [(r["system"], r["id"]) for r in records] == [("good", "a"), ("bad", "a"), ("good", "b"), ("bad", "b")]
    good_a = records[0]
    assert good_a["rouge1"] == pytest.approx(10 / 11, abs=1e-4)  # "the" thrice against twice
    assert good_a["language_match"] is True and good_a["degenerate"] is None
    assert good_a["coverage_pages"] == 0.5 and good_a["coverage_chunks"] == 1.0

    summary = summarize_records(records)
    good, bad = summary["good"]["all"], summary["bad"]["all"]
    assert good["rouge1"] == pytest.approx((10 / 11 + 1.0) / 2, abs=1e-4)
    assert good["schema_valid"] == 1.0 and good["degenerate"] == 0.0 and good["errors"] == 0
    assert good["median_seconds"] == 2.0
    assert good["doc_tokens_per_s"] == pytest.approx((9 / 2 + 9 / 2) / 2)
    assert good["gen_tokens_per_s"] == 5.0
    # An error scores zero and counts as degenerate and as a failed schema; no schema means n/a.
    assert bad["errors"] == 1 and bad["degenerate"] == 1.0 and bad["schema_valid"] == 0.0
    assert records[1]["degenerate"] == "loop"
    assert summary["good"]["by_lang"]["de"]["rouge1"] == 1.0
    assert set(summary["bad"]["by_file"]) == {"en_set", "de_set"}

    table = markdown_table(summary)
    assert "| **all** |" in table and "| **lang de** |" in table and "| **file en_set** |" in table
    assert "| good | 2 | 0.955 |" in table


def test_plot_writes_a_png(tmp_path):
    records = evaluate(PAIRS, [Echo("lead", {"a": "the cat", "b": "die katze"}, seconds=0.0)],
                       lambda text: 1, log=lambda line: None)
    path = tmp_path / "quality.png"
    plot(summarize_records(records), records, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_replay_scores_stored_outputs_again():
    systems = [Echo("good", {"a": "the cat sat on the mat near the warm kitchen door.", "b": "die katze saß auf"},
                    document=DOCUMENT)]
    records = evaluate(PAIRS, systems, lambda text: 9, log=lambda line: None)
    replayed = evaluate(PAIRS, [Replay("good", records)], lambda text: 9, log=lambda line: None)
    assert replayed == records
    # The German answer stops mid-sentence: prose that is cut off is degenerate.
    assert records[1]["degenerate"] == "truncated"
    missing = evaluate(PAIRS[:1], [Replay("other", records)], lambda text: 9, log=lambda line: None)
    assert missing[0]["error"] == "no stored output for a"


def test_the_bench_judges_copies_fragments_numbers_and_type_with_its_own_checks_before_and_after_filters():
    text = "LEASE\n\n1. Rent\nThe tenant pays 900 euros a month from 1 May 2023.\n\n2. Term\nThe lease runs 12 months."
    pair = Pair("c", "en", text, "a lease at 900 euros a month for 12 months", "en_set", expected_type="contract")
    document = {
        **DOCUMENT, "doc_type": "paper", "title": "Lease",
        "key_points": [{"text": "The tenant pays 950 euros a month from 2024.", "pages": [1]}],
        "paper": {"question": "none", "method": None, "findings": "rent rose 15 percent", "limitations": None},
        "entities": [{"name": "1 May 2023", "type": "date"}],
        # What the model wrote before docsum's checks: a copied sentence, a heading, a repeat.
        "strategy": {**DOCUMENT.get("strategy", {}), "summary_sentences_unsupported": 1, "note_sentences_unsupported": 2,
                     "overview": "unsupported",
                     "draft": {"summary": ["The tenant pays 900 euros a month from 1 May 2023.", "2. TERM.",
                                           "The lease runs 12 months.", "The lease runs 12 months."]}},
    }
    system = Echo("junk", {"c": "The tenant rents for 12 months at 900 euros a month."}, document=document)
    record = evaluate([pair], [system], lambda t: len(t.split()), log=lambda line: None)[0]
    assert record["judged"]["copied"] == 0 and record["judged"]["fragments"] == 0
    assert record["judged_draft"]["copied"] == 3, "the first sentence and the lease term twice are the document's words"
    assert record["judged_draft"]["fragments"] == 2 and record["judged_draft"]["repeats"] == 1  # "2." and "TERM."
    assert record["unsupported_numbers"] == ["15", "2024", "950"]
    assert record["support_fired"] == 3
    assert (record["doc_type"], record["expected_type"]) == ("paper", "contract")
    agg = summarize_records([record])["junk"]["all"]
    assert (agg["copied_share"], agg["draft_copied_share"]) == (0.0, 1.0), "sentences under four words are not counted"
    assert (agg["unsupported_numbers"], agg["type_right"], agg["support_fired"]) == (3.0, 0.0, 3.0)
    assert (record["overview"], agg["overview_written"], agg["overview_refused"]) == ("unsupported", 0.0, 1.0)


def test_the_corpus_gives_every_pairs_file_its_document_type(tmp_path):
    from bench.quality.pairs import load_pairs

    corpus = tmp_path / "corpus"
    (corpus / "summarization").mkdir(parents=True)
    (corpus / "doc_types.json").write_text('{"summarization/en_reports.jsonl": "report"}')
    path = corpus / "summarization" / "en_reports.jsonl"
    path.write_text('{"id": "r1", "lang": "en", "text": "A report.", "reference_summary": "Report."}\n')
    assert load_pairs(path)[0].expected_type == "report"
    other = tmp_path / "other.jsonl"
    other.write_text(path.read_text())
    assert load_pairs(other)[0].expected_type is None


def test_stored_runs_are_put_side_by_side_with_a_system_renamed(tmp_path):
    import json

    from bench.quality.__main__ import load_stored

    first = {"config": {"command": "new"}, "records": [{"system": "docsum", "id": "a"}], "contract_fields": None}
    second = {"config": {"command": "old"}, "records": [{"system": "docsum", "id": "a"}, {"system": "langchain", "id": "a"}]}
    (tmp_path / "new.json").write_text(json.dumps(first))
    (tmp_path / "old.json").write_text(json.dumps(second))
    merged = load_stored([str(tmp_path / "new.json"), f"{tmp_path / 'old.json'}:docsum=main"])
    assert [r["system"] for r in merged["records"]] == ["docsum", "main", "langchain"]
    assert merged["config"]["command"] == "new", "the first run's config stands for them all"
