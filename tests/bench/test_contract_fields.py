"""Judging docsum's contract fields against lawyers' answers (pure logic, no model)."""

import json

from bench.quality.contract_fields import Question, agrees, load_questions, score_contracts


def _q(category, field, answer):
    return Question("c1", category, field, answer)


def test_parties_agree_when_the_answers_names_are_named():
    q = _q("Parties", "parties", 'Xencor and Aimmune are sometimes referred to herein individually as a "Party".')
    assert agrees(q, {"parties": ['Xencor, Inc. ("Xencor")', 'Aimmune Therapeutics, Inc. ("Aimmune")']})
    assert not agrees(q, {"parties": ["Licensor", "Licensee"]}), "roles are not names"
    assert not agrees(q, None)


def test_term_and_renewal_agree_on_the_duration_and_renewal():
    expiry = _q("Expiration Date", "term", "The term shall continue for an initial period of five (5) years.")
    renewal = _q("Renewal Term", "term", "Thereafter it shall automatically renew for subsequent one (1) year periods.")
    assert agrees(expiry, {"term": "5 years"}) and not agrees(expiry, {"term": "3 years"})
    assert agrees(expiry, {"term": "60 months"}), "the same duration in months"
    assert agrees(renewal, {"term": "5 years, then renews for 1-year periods"})
    assert not agrees(renewal, {"term": "5 years"}), "no renewal stated"
    assert not agrees(renewal, {"term": "renews every 2 years"})
    anniversary = _q("Expiration Date", "term", "The Initial Term runs through the day prior to the second anniversary.")
    assert agrees(anniversary, {"term": "The initial term runs until the day prior to the second anniversary."})
    assert not agrees(anniversary, {"term": "30 days after the Effective Date."}), "some text is not an answer"


def test_dates_agree_on_the_year_and_a_signature_date_is_not_invented():
    dated = _q("Agreement Date", "effective_date", "made and entered into as of October 29, 1999")
    assert agrees(dated, {"effective_date": "October 29, 1999"}) and not agrees(dated, {"effective_date": "2001"})
    signed = _q("Effective Date", "effective_date", 'the date last written below ("the Effective Date")')
    assert agrees(signed, {"effective_date": None}) and not agrees(signed, {"effective_date": "1 May 2020"})
    # A number that is no date (a party's ZIP code) is not the signatures' date either.
    assert agrees(signed, {"effective_date": "the date of the last signature"})
    assert not agrees(signed, {"effective_date": "29615"})


def test_questions_are_read_from_the_clause_qa_file_and_scored(tmp_path):
    path = tmp_path / "qa.jsonl"
    record = {"id": "c1", "text": "...", "qa": [
        {"question": 'Highlight the parts related to "Parties" that should be reviewed.', "answer": "Acme and Beta"},
        {"question": 'Highlight the parts related to "Insurance" that should be reviewed.', "answer": "insured"},
    ]}
    path.write_text(json.dumps(record) + "\n")
    contracts, questions = load_questions(path)
    assert len(contracts) == 1 and [q.category for q in questions] == ["Parties"]
    result = score_contracts(questions, {"c1": {"parties": ["Acme Ltd", "Beta GmbH"]}})
    assert result["agreement"] == 1.0 and result["by_category"] == {"Parties": "1/1"}


def test_a_runs_panel_contracts_are_judged_where_they_are_and_a_repeated_contract_takes_its_twins(tmp_path):
    from bench.quality.contract_fields import rescore_contracts, runs_from_records

    lease = "This Lease is made between Acme Corp. and Beta LLC. The term is two (2) years."
    ask = 'Highlight the parts (if any) of this contract related to "{}"'
    records = [
        {"id": "c1", "text": lease, "qa": [{"question": ask.format("Parties"), "answer": "Acme Corp. and Beta LLC"}]},
        {"id": "c2", "text": lease, "qa": [{"question": ask.format("Expiration Date"), "answer": "The term is two (2) years."}]},
        {"id": "c3", "text": "Another contract.", "qa": [{"question": ask.format("Parties"), "answer": "Gamma Inc."}]},
    ]
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    block = {"parties": ["Acme Corp.", "Beta LLC"], "term": "two (2) years", "effective_date": None}
    document = {"doc_type": "contract", "contract": block, "strategy": {"mode": "sections"}, "timings": {"total_s": 9.0}}
    stored = [{"system": "docsum", "id": "c1", "document": document}, {"system": "lead", "id": "c1"}]
    runs = runs_from_records(path, stored)
    assert [r["error"] for r in runs] == [None, None, "not in the run"], "c2 is c1's text: its summary stands"
    result = rescore_contracts(path, runs)
    assert result["by_category"] == {"Parties": "1/2", "Expiration Date": "1/1"}


def test_durations_are_the_bench_s_own_and_compare_across_units():
    from bench.quality.contract_fields import _same_duration, durations

    assert _same_duration(durations("five (5) years"), durations("a term of 60 months"))
    assert _same_duration(durations("thirty (30) days"), durations("one month"))
    assert not _same_duration(durations("one (1) year"), durations("13 months"))
    assert not _same_duration(durations("five days"), durations("one week"))
    assert durations("no duration at all") == set()
    assert _same_duration(durations("fifteen (15) days"), durations("15 days"))
