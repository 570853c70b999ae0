"""Every golden document gives exactly the output recorded for it (see replay.py)."""

from __future__ import annotations

import json

import pytest

from tests.golden.replay import ReplayEngine, cases, differences, settings, summarize

try:
    CASES, MISSING = cases(), None
except (FileNotFoundError, OSError) as exc:  # the corpus records: fail one test, not the whole collection
    CASES, MISSING = [], f"the golden documents cannot be read ({exc}); the corpus belongs at ../shared/corpus"


@pytest.fixture(scope="module")
def tokenizer(main_model):
    from docsum.pipeline import load_engine

    return load_engine(settings(), tokenizer_only=True)


def test_every_case_is_recorded_and_every_recording_is_a_case():
    from tests.golden.replay import RECORDED

    assert MISSING is None, MISSING
    assert {c.recording.name for c in CASES} == {p.name for p in RECORDED.glob("*.json")}
    assert len({c.id for c in CASES}) == len(CASES) >= 8


def test_the_cases_span_formats_types_and_languages():
    # What the issue asks of the replay: contracts, papers and reports in at least four languages,
    # and real PDF and DOCX files beside text.
    outputs = [json.loads(c.recording.read_text(encoding="utf-8"))["output"] for c in CASES]
    assert {"contract", "paper", "report"} <= {o["doc_type"] for o in outputs}
    assert len({o["summary_language"] for o in outputs}) >= 4
    assert {"pdf", "docx", "text"} <= {o["source"]["format"] for o in outputs}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_recorded_answers_give_the_recorded_output(case, tokenizer):
    record = json.loads(case.recording.read_text(encoding="utf-8"))
    actual = summarize(case, ReplayEngine(tokenizer, record["answers"], case.id), settings())
    changed = differences(record["output"], actual)
    assert not changed, (
        f"{case.id}: the output changed in {len(changed)} field(s); if that is meant, record again "
        f"(python -m tests.golden.record {case.id}):\n" + "\n".join(changed[:20])
    )


def test_a_request_that_was_not_recorded_fails_the_replay_and_says_how_to_record(tokenizer):
    from tests.golden.replay import Unrecorded, request_key

    recorded = {request_key("system", "user", {}, 8): {"text": "{}", "finish_reason": "stop", "prompt_tokens": 3,
                                                       "completion_tokens": 1, "prefill_tokens": 3}}
    engine = ReplayEngine(tokenizer, recorded, "a-case")
    assert engine.complete_json("system", "user", {}, 8).text == "{}"
    with pytest.raises(Unrecorded, match="a-case.*python -m tests.golden.record"):
        engine.complete_json("system", "user, changed", {}, 8)
