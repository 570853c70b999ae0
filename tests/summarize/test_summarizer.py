"""Map-reduce logic with a scripted engine; the real model runs in tests/docsum/test_pipeline_e2e.py."""

import threading
import time

import pytest
from jsonschema import validate

from chunking.plan import make_plan
from core.errors import EngineUnavailable
from summarize.schema import DOCUMENT_SCHEMA
from summarize.summarizer import Options, Summarizer, measure_budget
from tests.conftest import base_settings
from tests.helpers.fakes import ScriptedEngine, document


def options(**changes):
    return Options.from_settings(base_settings(**changes))

PAGES = [
    'This Lease Agreement is made by and between Acme Holdings Ltd. ("Lessor") and Beta Logistics LLC ("Lessee"). '
    "The Lessor rents the warehouse in Leeds to the Lessee.",
    "Rent is 2,000 GBP per month, payable in advance on the first day. The Lessee shall pay the rent on time.",
    "Either party may terminate with three months written notice. This Agreement is governed by the laws of England.",
]
POINTS = {
    1: "The Lessor rents the warehouse in Leeds to the Lessee.",
    2: "Rent is 2,000 GBP per month, payable in advance on the first day.",
    3: "Either party may terminate with three months written notice.",
}


def _pages_in(schema):
    """The pages a key point may cite, or None when the schema asks for no key points."""
    if "anyOf" in schema:
        schema = schema["anyOf"][0]
    points = schema["properties"].get("key_points")
    return points and points["items"]["properties"]["pages"]["items"]["enum"]


def _reply(system, user, schema):
    pages = _pages_in(schema)
    points = [{"text": POINTS.get(p % 3 + 1), "pages": [p]} for p in (pages or [])[:3]]
    if "facts" not in schema.get("properties", {}):
        branch = schema["anyOf"][0] if "anyOf" in schema else schema
        wanted = branch["properties"]["summary"].get("minItems", 1)
        reply = {
            "summary": [f"Acme Holdings leases a warehouse in Leeds to Beta Logistics (fact {i % 10})." for i in range(wanted)],
            "entities": [{"name": "Acme Holdings Ltd.", "type": "organization"}],
            **({"key_points": points} if pages else {}),
        }
        if "doc_type" in branch["properties"]:
            reply["doc_type"] = branch["properties"]["doc_type"]["const"]
        if "title" in branch["properties"]:
            reply["title"] = "Warehouse lease"
        if "contract" in branch["properties"]:
            reply["contract"] = {
                "parties": ["Lessor", "Lessee"], "effective_date": None, "term": None, "obligations": [],
                "payment": "2,000 GBP per month", "termination": "three months notice", "governing_law": None,
            }
        return reply
    return {"summary": "Notes on a part. " * 5, "key_points": points, "facts": ["Acme is the lessor"]}


def _run(pages, n_ctx=4096, replies=(), options=None):
    options = options or Options.from_settings(base_settings())
    engine = ScriptedEngine(replies, n_ctx=n_ctx, reply_for=_reply)
    doc = document(pages)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, options, "en"))
    return engine, plan, Summarizer(engine, options).summarize(doc, plan, "en")


def test_single_pass_gives_a_valid_document():
    engine, plan, summary = _run(PAGES)
    assert plan.mode == "single" and len(engine.calls) == 1
    data = summary.to_dict()
    validate(data, DOCUMENT_SCHEMA)
    assert data["strategy"] == {**data["strategy"], "mode": "single", "chunks": 1, "passes": 1}
    assert data["doc_type"] == "contract" and plan.doc_types == ("contract",)
    assert data["contract"]["payment"] == "2,000 GBP per month"
    # The model answered with roles; the parties clause names them.
    assert data["contract"]["parties"] == ['Acme Holdings Ltd. ("Lessor")', 'Beta Logistics LLC ("Lessee")']
    assert all(set(k["pages"]) <= {1, 2, 3} for k in data["key_points"])
    schema = engine.calls[0][2]
    assert "anyOf" not in schema and "paper" not in schema["properties"], "code decided the type: no other branch"


def _final(**changes):
    schema = {"properties": {"key_points": {"items": {"properties": {"pages": {"items": {"enum": [1, 2, 3]}}}}},
                             "contract": {}, "title": {}, "summary": {"minItems": 6}}}
    return {**_reply("", "", schema), **changes}


def test_key_points_are_the_documents_sentences_on_their_pages():
    engine, _, summary = _run(PAGES)
    assert summary.usage["retries"] == 0
    schema = engine.calls[0][2]
    assert "key_points" not in schema["properties"], "the model is not asked for what the document gives"
    assert summary.strategy["key_points_from"] == "document"
    assert len(summary.key_points) >= 3
    for point in summary.key_points:
        (page,) = point.pages
        assert point.text in PAGES[page - 1], "a sentence of the page it cites"
    texts = " ".join(k.text for k in summary.key_points)
    assert "terminate" in texts and "2,000 GBP per month" in texts, "a contract's termination and payment (its amount) come first"


def test_a_translated_summary_keeps_the_models_key_points_without_the_junk():
    final = {
        "summary": ["Acme Holdings vermietet ein Lager in Leeds an Beta Logistics für eine monatliche Miete."] * 1
        + ["Jede Partei kann den Vertrag mit einer Frist von drei Monaten schriftlich kündigen."],
        "key_points": [
            {"text": "Laufzeit des Vertrags", "pages": [1]},
            {"text": "Die Miete beträgt 2,000 GBP pro Monat und ist im Voraus zu zahlen.", "pages": [2]},
            {"text": "Der Vertrag unterliegt dem Recht von England und Wales.", "pages": [3]},
        ],
        "entities": [],
        "contract": {"parties": [], "effective_date": None, "term": None, "obligations": [],
                     "payment": None, "termination": None, "governing_law": None},
        "title": "Mietvertrag",
    }
    engine = ScriptedEngine([final], n_ctx=4096, reply_for=_reply)
    doc = document(PAGES)
    opts = options(length="30")
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, opts, "de"))
    summary = Summarizer(engine, opts).summarize(doc, plan, "de")
    assert "key_points" in engine.calls[0][2]["properties"], "the document's sentences are not in German"
    assert summary.strategy["key_points_from"] == "model"
    assert [k.text for k in summary.key_points] == [
        "Die Miete beträgt 2,000 GBP pro Monat und ist im Voraus zu zahlen.",
        "Der Vertrag unterliegt dem Recht von England und Wales.",
    ], "the heading goes, and no English sentence fills in"


def test_junk_and_invented_numbers_are_dropped_and_the_summary_completed_from_the_document():
    final = _final(
        summary=["Acme Holdings leases a warehouse in Leeds.", "The rent is 9,999 GBP.", "Acme Holdings leases a warehouse in Leeds."],
    )
    del final["key_points"]
    final["contract"]["effective_date"] = "1 January 2031"
    _, _, summary = _run(PAGES, replies=[final], options=options(length="short"))
    assert summary.usage["retries"] == 0
    model_part = "Acme Holdings leases a warehouse in Leeds."
    assert summary.summary.startswith(model_part) and "9,999" not in summary.summary, "invented numbers and repeats go"
    # The model stopped short of the length asked for: the document's own sentences complete it.
    added = summary.strategy["summary_sentences_from_document"]
    assert added >= 1 and summary.summary[len(model_part):].strip().split(". ")[0] in " ".join(PAGES)
    assert summary.contract["effective_date"] is None
    assert len(summary.key_points) == 3
    texts = [k.text for k in summary.key_points]
    assert all(t in " ".join(PAGES) for t in texts), "the document's own sentences"
    assert not any(t in summary.summary for t in texts), "the summary and the key points say different things"


CITY = [
    "Aarhus is the second largest city of Denmark, on the east coast of Jutland. The city has a university and a large port. "
    "Aarhus is also the main city of the region of Central Jutland.",
    "The port of Aarhus handles most of the container traffic of Denmark. Ferries leave the port of Aarhus for Zealand every hour. "
    "The city of Aarhus grew around its port in the Viking Age.",
    "The university of Aarhus has about 38,000 students from many countries. Its main park lies north of the city centre. "
    "Many students of the university live in the old town of Aarhus.",
    "Aarhus was the European Capital of Culture in 2017. The ARoS art museum of the city draws visitors from many countries. "
    "The cathedral of Aarhus is the longest church of Denmark.",
]


def _city_reply(summary):
    def reply(system, user, schema):
        branch = schema["anyOf"][0] if "anyOf" in schema else schema
        data = {"summary": summary, "entities": [], "title": "Aarhus"}
        if "doc_type" in branch["properties"]:
            data["doc_type"] = branch["properties"]["doc_type"]["const"]
        return data
    return reply


def _city(pages, summary, length):
    engine = ScriptedEngine(reply_for=_city_reply(summary))
    doc = document(pages)
    opts = options(length=length)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, opts, "en"))
    return doc, plan, engine, Summarizer(engine, opts).summarize(doc, plan, "en")


def test_the_summary_is_completed_with_the_best_sentences_and_the_key_points_say_others():
    from summarize.answer import all_sentences

    model_part = "Aarhus is a Danish city with a port, a university and a cathedral."
    doc, plan, engine, summary = _city(CITY, [model_part], "30")
    assert plan.doc_types[0] != "contract"
    assert summary.summary.startswith(model_part) and summary.strategy["summary_sentences_from_document"] >= 1
    best = all_sentences(doc, plan, engine.count_tokens)[0].text
    assert best in summary.summary, "the summary, read first, gets the document's best sentence"
    points = [k.text for k in summary.key_points]
    assert len(points) >= 3 and best not in points
    assert not any(p in summary.summary for p in points), "the key points say what the summary does not"


def test_a_document_too_short_for_both_keeps_three_key_points():
    pages = [". ".join(CITY[0].split(". ")[:2]) + ".", CITY[1], CITY[2].split(". ")[0] + "."]
    model_part = ["Aarhus is a Danish city with a port and a university.", "Ships and students come to it from afar."]
    _, _, _, summary = _city(pages, model_part, "60")
    assert summary.summary.startswith(" ".join(model_part)) and summary.strategy["mode"] == "single"
    points = [k.text for k in summary.key_points]
    assert len(points) >= 3, "the summary would have taken every sentence: the key points choose first"
    assert not any(p in summary.summary for p in points)


def test_a_summary_of_headings_is_replaced_by_the_documents_sentences_and_the_fields_kept():
    final = _final(summary=["Lease Agreement", "Term", "Payment", "Governing Law"])
    del final["key_points"]
    _, _, summary = _run(PAGES, replies=[final], options=options(length="short"))
    assert summary.strategy["mode"] == "single", "the model's fields are worth keeping: not extractive"
    assert summary.summary and all(s in " ".join(PAGES) for s in summary.summary.split(". ") if s)
    assert summary.contract["payment"] == "2,000 GBP per month"
    assert any("none of the model's summary sentences" in w for w in summary.warnings)


def test_an_answer_that_never_validates_becomes_an_extractive_summary_not_an_error():
    _, _, summary = _run(PAGES, replies=["{not json", '{"doc_type": "other"}', '{"doc_type": "other"}'],
                         options=options(output_retries=2))
    data = summary.to_dict()
    validate(data, DOCUMENT_SCHEMA)
    assert data["strategy"]["mode"] == "extractive" and data["strategy"]["planned"] == "single"
    assert any("extractive" in w and "after 3 tries" in w for w in data["warnings"])
    assert data["summary"] and all(s in " ".join(PAGES) for s in data["summary"].split(". ") if s)
    assert len(data["key_points"]) >= 1
    assert data["contract"]["parties"] == ['Acme Holdings Ltd. ("Lessor")', 'Beta Logistics LLC ("Lessee")']
    assert data["contract"]["payment"] is None, "nothing the model did not write is made up"


def test_long_document_maps_every_window_then_reduces():
    pages = [" ".join(f"{p} clause{i} says something." for i in range(150)) for p in PAGES * 6]
    engine, plan, summary = _run(pages, n_ctx=2048, options=options(read="full", length="short"))
    assert plan.mode == "map_reduce"
    maps = [c for c in engine.calls if "notes on one part" in c[0]]
    assert len(maps) == len(plan.chunks)
    assert summary.strategy["passes"] >= 2
    assert summary.strategy["chunks"] == len(plan.chunks)
    validate(summary.to_dict(), DOCUMENT_SCHEMA)


def test_notes_too_long_for_one_reduce_are_merged_level_by_level():
    pages = [" ".join(f"{p} clause{i} says something." for i in range(150)) for p in PAGES * 10]
    engine, plan, summary = _run(pages, n_ctx=1400, options=options(output_tokens=400, map_output_tokens=300, read="full", length="short"))
    merges = [c for c in engine.calls if "merge notes" in c[0]]
    assert merges, "notes of many windows should not fit one reduce prompt"
    assert summary.strategy["passes"] >= 3


def test_a_long_document_is_read_as_evidence_in_one_generation():
    pages = [" ".join(f"Section {i} of part {p} describes item {i * 7 % 13} of the warehouse lease." for i in range(150))
             for p in range(12)]
    engine, plan, summary = _run(pages, n_ctx=4096, options=options(evidence_tokens=600))
    assert plan.mode == "evidence" and len(engine.calls) == 1
    assert plan.chunks[0].tokens <= 600 + 64 and plan.kept < plan.sentences
    assert "most informative sentences" in engine.calls[0][0]
    assert summary.strategy["read"].startswith(f"{plan.kept} of {plan.sentences} sentences")


def test_invalid_output_is_retried_with_the_reason_then_accepted():
    engine, _, summary = _run(PAGES, replies=["{not json"])
    assert summary.usage["retries"] == 1 and summary.usage["calls"] == 2
    retry_prompt = engine.calls[1][1]
    assert "Your previous answer was rejected: the answer is not valid JSON" in retry_prompt


def test_no_retries_means_one_try():
    engine, _, summary = _run(PAGES, replies=["{not json"], options=options(output_retries=0))
    assert len(engine.calls) == 1 and summary.strategy["mode"] == "extractive"
    assert any("after 1 tries" in w for w in summary.warnings)


def test_parallel_engine_maps_windows_at_once_and_keeps_their_order():
    lock, in_flight = threading.Lock(), {"now": 0, "most": 0}

    def slow_reply(system, user, schema):
        with lock:
            in_flight["now"] += 1
            in_flight["most"] = max(in_flight["most"], in_flight["now"])
        time.sleep(0.05)  # long enough for the pool to start the other windows
        with lock:
            in_flight["now"] -= 1
        return _reply(system, user, schema)

    pages = [" ".join(f"{p} clause{i} says something." for i in range(150)) for p in PAGES * 6]
    results = []
    for parallel in (1, 4):
        engine = ScriptedEngine(n_ctx=2048, reply_for=slow_reply, parallel=parallel)
        doc = document(pages)
        plan = make_plan(doc, engine.count_tokens, measure_budget(engine, options(read="full", length="short"), "en"))
        summary = Summarizer(engine, options(read="full", length="short")).summarize(doc, plan, "en").to_dict()
        results.append(({k: v for k, v in summary.items() if k != "timings"}, engine.calls))
        if parallel == 1:
            assert in_flight["most"] == 1
    assert in_flight["most"] > 1
    (sequential, seq_calls), (parallel_run, par_calls) = results
    assert parallel_run == sequential
    assert sorted(c[1] for c in par_calls) == sorted(c[1] for c in seq_calls)


def test_a_failing_window_fails_the_parallel_map():
    def reply(system, user, schema):
        if "Part 2 of" in user:
            raise EngineUnavailable("the model server went away")
        return _reply(system, user, schema)

    pages = [" ".join(f"{p} clause{i} says something." for i in range(150)) for p in PAGES * 6]
    engine = ScriptedEngine(n_ctx=2048, reply_for=reply, parallel=3)
    doc = document(pages)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, options(read="full", length="short"), "en"))
    with pytest.raises(EngineUnavailable, match="went away"):
        Summarizer(engine, options(read="full", length="short")).summarize(doc, plan, "en")


LONG_PAGES = [
    f"The warehouse in {city} holds {n} pallets of goods for the lessee. "
    f"The lessor repairs the roof of the {city} warehouse within {n % 9 + 2} days of a written notice. "
    + " ".join(f"Clause {i} of the {city} lease sets out duty {i} of the parties in plain words." for i in range(120))
    for n, city in enumerate(["Leeds", "York", "Hull", "Bath", "Ely", "Wells"] * 3, start=11)
]


def test_a_window_the_model_cannot_note_is_noted_with_its_own_sentences():
    def reply(system, user, schema):
        return "{broken" if "notes on one part" in system and "Part 2 of" in user else _reply(system, user, schema)

    engine = ScriptedEngine(n_ctx=2048, reply_for=reply, parallel=2)
    doc = document(LONG_PAGES)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, options(read="full", length="short"), "en"))
    summary = Summarizer(engine, options(read="full", length="short")).summarize(doc, plan, "en").to_dict()
    validate(summary, DOCUMENT_SCHEMA)
    assert summary["strategy"]["mode"] == "map_reduce" and summary["strategy"]["notes_from_document"] == [2]
    assert any(f"part(s) 2 of {len(plan.chunks)}" in w for w in summary["warnings"])
    # The prompts that read the notes got the second window's own sentences as its summary.
    window = plan.chunks[1]
    readers = [user for system, user, _, _ in engine.calls if "notes on one part" not in system]
    stand_ins = [line[len("Summary: "):] for user in readers for line in user.splitlines()
                 if line.startswith("Summary: ") and "Notes on a part" not in line]
    assert stand_ins and all(s.strip(". ") in window.text for line in stand_ins for s in line.split(". "))


def test_notes_the_model_cannot_merge_are_shortened_and_the_reduce_ends():
    def reply(system, user, schema):
        return "{broken" if "merge notes" in system else _reply(system, user, schema)

    pages = [" ".join(f"{p} clause{i} says something." for i in range(150)) for p in PAGES * 10]
    engine = ScriptedEngine(n_ctx=1400, reply_for=reply)
    opts = options(output_tokens=400, map_output_tokens=300, read="full", length="short")
    doc = document(pages)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, opts, "en"))
    summary = Summarizer(engine, opts).summarize(doc, plan, "en").to_dict()
    validate(summary, DOCUMENT_SCHEMA)
    assert any(c for c in engine.calls if "merge notes" in c[0]), "the notes needed merging"
    assert any("could not merge" in w for w in summary["warnings"])
    assert summary["summary"]


def test_notes_key_depends_on_everything_the_map_answer_depends_on(monkeypatch):
    from chunking.plan import Chunk
    from summarize import prompts
    from summarize.summarizer import notes_key

    chunk = Chunk(index=2, text="[page 3]\n\nRent is due monthly.", pages=(3,), tokens=8)
    key = notes_key("sha-a", "en", 512, 5, chunk)
    assert key == notes_key("sha-a", "en", 512, 5, Chunk(2, chunk.text, (3,), 8)), "same inputs, same key"
    others = {
        notes_key("sha-b", "en", 512, 5, chunk),
        notes_key("sha-a", "de", 512, 5, chunk),
        notes_key("sha-a", "en", 256, 5, chunk),
        notes_key("sha-a", "en", 512, 6, chunk),
        notes_key("sha-a", "en", 512, 5, Chunk(3, chunk.text, (3,), 8)),
        notes_key("sha-a", "en", 512, 5, Chunk(2, chunk.text + " Late fees apply.", (3,), 12)),
    }
    monkeypatch.setattr(prompts, "PROMPT_VERSION", prompts.PROMPT_VERSION + "-next")
    others.add(notes_key("sha-a", "en", 512, 5, chunk))
    assert key not in others and len(others) == 7


def test_cached_notes_are_used_instead_of_a_generation():
    class DictCache(dict):
        def put(self, key, notes):
            self[key] = notes

    pages = [" ".join(f"{p} clause{i} says something." for i in range(150)) for p in PAGES * 6]
    cache = DictCache()
    first = ScriptedEngine(n_ctx=2048, reply_for=_reply)
    doc = document(pages)
    plan = make_plan(doc, first.count_tokens, measure_budget(first, options(read="full", length="short"), "en"))
    summary = Summarizer(first, options(read="full", length="short"), cache=cache).summarize(doc, plan, "en")
    assert len(cache) == len(plan.chunks) > 1
    again = ScriptedEngine(n_ctx=2048, reply_for=_reply)
    repeat = Summarizer(again, options(read="full", length="short"), cache=cache).summarize(doc, plan, "en")
    map_calls = [c for c in again.calls if "Part " in c[1]]
    assert not map_calls and len(again.calls) == len(first.calls) - len(plan.chunks)
    assert repeat.summary == summary.summary


def test_a_last_part_that_does_not_fit_the_group_before_waits_for_the_next_level():
    from summarize import prompts
    from summarize.schema import Notes
    from summarize.summarizer import _notes_text

    level = [Notes(f"Part {i} says " + "something new " * 40, (), (), (i,)) for i in range(1, 4)]
    probe = ScriptedEngine()
    system = prompts.merge_system("English")
    two = probe.count_prompt(system, prompts.notes_user(_notes_text(level[:2]), None, None))
    engine = ScriptedEngine(n_ctx=two + 60)  # two parts' notes and the 60-token answer fit; three do not
    summarizer = Summarizer(engine, options(map_output_tokens=60, output_retries=0))
    assert summarizer._groups(level, "en") == [level[:2], level[2:]]
    # With room for three, the last one joins the group before it.
    roomy = Summarizer(ScriptedEngine(n_ctx=2 * two), options(map_output_tokens=60, output_retries=0))
    assert roomy._groups(level, "en") == [level]


def test_the_prompt_budget_leaves_room_for_a_retry_with_its_reason():
    # The retry repeats the window with the reason the answer was rejected: a window planned
    # to the last token would not fit the context then.
    from summarize import prompts
    from summarize.structured import _LONGEST_PROBLEM, retry_prompt

    engine = ScriptedEngine(n_ctx=2048)
    budget = measure_budget(engine, options(), "en")
    retried = engine.count_prompt(prompts.map_system("English"), retry_prompt(prompts.map_user("", 999, 999, (9999, 9999)), _LONGEST_PROBLEM))
    assert budget.map_prompt >= retried
    assert measure_budget(engine, options(output_retries=0), "en").map_prompt < retried, "no retry, no room kept for one"


PAPER = [
    "Abstract. Nematic liquid crystals confined between two walls switch between states. Nematic liquid crystals in cells "
    "are used in displays. In this paper, we study the phase behaviour of a nematic liquid crystal between a patterned "
    "and a flat substrate.",
    "1 Introduction. Nematic liquid crystals in display cells switch between two states. The anchoring of nematic liquid "
    "crystals at the walls sets the state. Our results show that the energy barrier between the states falls as the "
    "grating grows asymmetric.",
    "2 Method. We use an effective free energy for the cell and minimize the functional directly. The two methods agree "
    "on the phase boundaries.",
    "References. [1] A. Author et al., Phys. Rev. E 70, 2004. [2] B. Author et al., Liq. Cryst. 31, 2005.",
]


def test_a_papers_summary_that_skipped_what_the_paper_does_gets_its_question_in_front():
    from summarize.answer import all_sentences

    model_part = ["Nematic liquid crystals in display cells switch between two states.",
                  "The anchoring of nematic liquid crystals at the walls sets the state."]
    doc, plan, engine, summary = _city(PAPER, model_part, "40")
    question = "In this paper, we study the phase behaviour of a nematic liquid crystal between a patterned and a flat substrate."
    assert plan.doc_types[0] == "paper" and summary.paper["question"] == question
    assert summary.summary == " ".join([question, *model_part]), "as an abstract opens: what the paper does"
    best = all_sentences(doc, plan, engine.count_tokens)[0].text
    assert best != question and best not in summary.summary, "not the best-scored sentence, which the summary says already"


def test_a_summary_that_says_all_a_short_document_says_gives_sentences_back_to_the_key_points():
    pages = [CITY[0], CITY[1].split(". ")[0] + "."]
    sentences = [s if s.endswith(".") else s + "." for page in pages for s in page.split(". ")]
    model_part = [" ".join(sentences[:2]), " ".join(sentences[2:])]
    _, _, _, summary = _city(pages, model_part, "60")
    points = [k.text for k in summary.key_points]
    assert len(points) >= 3 and all(p in sentences for p in points)
    assert summary.summary and not any(p in summary.summary for p in points), "no key point copies the summary"
