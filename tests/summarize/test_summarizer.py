"""Single pass, sections and map-reduce with a scripted engine; the real model runs in
tests/docsum/test_pipeline_e2e.py."""

import threading
import time

import pytest
from jsonschema import validate

from chunking.plan import make_plan
from core.errors import EngineUnavailable, ModelOutputError
from summarize import prompts
from summarize.schema import DOCUMENT_SCHEMA, Notes
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


def _is_map(call):
    """A map step's call: the note on one part."""
    return call[0] == prompts.map_system("English")


def _part(user):
    """The text of the part a map prompt carries."""
    return user.split(":\n\n", 1)[1].split("\n\nEnd of part.")[0]


#: Every note the scripted model wrote, to tell them from the document's sentences standing in.
WRITTEN_NOTES: set[str] = set()


def _note(user):
    """The scripted model's note on a part: its first sentence, within the note's bound."""
    lines = [line for line in _part(user).splitlines() if line.strip() and not line.startswith("[")]
    first = " ".join(" ".join(lines).split(". ")[0].split())
    while len(first) > prompts.NOTE_CHARS - 20:
        first = first.rsplit(" ", 1)[0]
    note = first.rstrip(".") + "."
    WRITTEN_NOTES.add(note)
    return {"note": note}


def _reply(system, user, schema):
    if "note" in schema.get("properties", {}):
        return _note(user) if _is_map((system,)) else {"note": _merged(user)}
    pages = _pages_in(schema)
    points = [{"text": POINTS.get(p % 3 + 1), "pages": [p]} for p in (pages or [])[:3]]
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


def _merged(user):
    """The scripted model's merge of notes: the first of them."""
    notes = [line[2:] for line in user.splitlines() if line.startswith("- ")]
    return notes[0] if notes else "Nothing."


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


def test_the_models_key_points_are_kept_where_the_document_supports_them_citing_the_pages_that_hold_them():
    engine, _, summary = _run(PAGES)
    assert summary.usage["retries"] == 0
    schema = engine.calls[0][2]
    assert "key_points" in schema["properties"], "the model writes the key points"
    assert summary.strategy["key_points_from"] == "model"
    assert [k.text for k in summary.key_points] == [POINTS[2], POINTS[3], POINTS[1]]
    for point in summary.key_points:
        (page,) = point.pages
        assert point.text in PAGES[page - 1], "the model cited another page: the page that holds it is cited"
    assert summary.strategy["summary_sentences_unsupported"] == 0 and summary.strategy["note_sentences_unsupported"] == 0


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
    assert "key_points" in engine.calls[0][2]["properties"], "the model writes the key points"
    assert summary.strategy["key_points_from"] == "model"
    assert [k.text for k in summary.key_points] == [
        "Die Miete beträgt 2,000 GBP pro Monat und ist im Voraus zu zahlen.",
        "Der Vertrag unterliegt dem Recht von England und Wales.",
    ], "the heading goes, and no English sentence fills in"


def test_invented_numbers_unsupported_sentences_and_repeats_are_dropped_and_counted():
    final = _final(
        summary=["Acme Holdings leases a warehouse in Leeds.", "The rent is 9,999 GBP.",
                 "Acme Holdings leases a warehouse in Leeds. The tenant must insure the building against fire and flood.",
                 "Beta Logistics pays the rent in advance each month."],
        key_points=[{"text": POINTS[2], "pages": [2]}, {"text": "The Lessee pays a deposit of 5,000 GBP before moving in.", "pages": [2]},
                    {"text": "Acme Holdings leases a warehouse in Leeds.", "pages": [1]},
                    {"text": POINTS[3], "pages": [3]}],
    )
    final["contract"]["effective_date"] = "1 January 2031"
    _, _, summary = _run(PAGES, replies=[final], options=options(length="short"))
    assert summary.usage["retries"] == 0 and summary.strategy["mode"] == "single"
    assert summary.summary == "Acme Holdings leases a warehouse in Leeds. Beta Logistics pays the rent in advance each month."
    # The invented rent and the insurance the lease never mentions, in the summary; the invented deposit, in a key point.
    assert summary.strategy["summary_sentences_unsupported"] == 3
    assert [k.text for k in summary.key_points] == [POINTS[2], POINTS[3]], "not the invented rent, not what the summary says"
    assert summary.strategy["key_points_from"] == "model", "no notes to fill in from in a single pass"
    assert summary.contract["effective_date"] is None, "a date the contract never writes"


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


def _city_reply(summary, key_points=()):
    def reply(system, user, schema):
        branch = schema["anyOf"][0] if "anyOf" in schema else schema
        data = {"summary": summary, "entities": [], "title": "Aarhus"}
        if "doc_type" in branch["properties"]:
            data["doc_type"] = branch["properties"]["doc_type"]["const"]
        if "key_points" in branch["properties"]:
            data["key_points"] = [{"text": text, "pages": [page]} for text, page in key_points]
        return data
    return reply


def _city(pages, summary, length, key_points=()):
    engine = ScriptedEngine(reply_for=_city_reply(summary, key_points))
    doc = document(pages)
    opts = options(length=length)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, opts, "en"))
    return doc, plan, engine, Summarizer(engine, opts).summarize(doc, plan, "en")


CITY_POINTS = [("The university of Aarhus has about 38,000 students from many countries.", 3),
               ("The cathedral of Aarhus is the longest church of Denmark.", 4),
               ("Ferries leave the port of Aarhus for Zealand every hour.", 2)]


def test_headings_echoes_of_the_instructions_and_meta_openers_are_not_summary_sentences():
    written = ["Aarhus", "Introduction. This part states that Aarhus is the second largest city of Denmark.",
               "End of notes. Reply with the JSON object.", "The port of Aarhus handles most container traffic of Denmark"]
    _, plan, _, summary = _city(CITY, written, "60", CITY_POINTS)
    assert plan.mode == "single" and summary.strategy["mode"] == "single"
    assert summary.summary == (
        "Aarhus is the second largest city of Denmark. The port of Aarhus handles most container traffic of Denmark."
    ), "no heading, no line of the instructions; the opener cut; an unfinished sentence ended"
    assert summary.strategy["summary_sentences_unsupported"] == 0, "dropped as headings and echoes, not as unsupported"
    assert [k.text for k in summary.key_points] == [text for text, _ in CITY_POINTS]
    assert [k.pages for k in summary.key_points] == [(3,), (4,), (2,)]


def test_a_summary_of_headings_read_whole_becomes_the_documents_own_sentences():
    final = _final(summary=["Lease Agreement", "Term", "Payment", "Governing Law"])
    _, _, summary = _run(PAGES, replies=[final], options=options(length="short"))
    assert summary.strategy["mode"] == "extractive" and summary.strategy["planned"] == "single"
    assert summary.summary and all(s in " ".join(PAGES) for s in summary.summary.split(". ") if s)
    assert any("nothing the model wrote was supported" in w for w in summary.warnings)


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
    maps = [c for c in engine.calls if _is_map(c)]
    assert len(maps) == len(plan.chunks)
    assert all(set(c[2]["properties"]) == {"note"} for c in maps), "a map step writes one note"
    assert summary.strategy["passes"] >= 2
    assert summary.strategy["chunks"] == len(plan.chunks)
    assert "read" not in summary.strategy, "read full: every window whole"
    validate(summary.to_dict(), DOCUMENT_SCHEMA)


def test_notes_too_long_for_one_reduce_are_merged_level_by_level():
    pages = [" ".join(f"{p} clause{i} says something." for i in range(150)) for p in PAGES * 10]
    engine, plan, summary = _run(pages, n_ctx=1400, options=options(output_tokens=400, map_output_tokens=300, read="full", length="short"))
    merges = [c for c in engine.calls if "merge notes" in c[0]]
    assert merges, "notes of many windows should not fit one reduce prompt"
    assert summary.strategy["passes"] >= 3


TOPICS = [("water", "pipes"), ("school", "kitchens"), ("road", "asphalt"), ("library", "shelves"), ("park", "lamps"),
          ("transit", "buses"), ("recycling", "bins"), ("flood", "barriers"), ("housing", "roofs"), ("harbour", "cranes"),
          ("museum", "galleries"), ("hospital", "wards")]
#: Twelve pages, each on its own topic, of sentences distinct enough to be chosen as evidence.
SECTIONED = [" ".join(f"The {topic} crew{p}x{i} inspected {things}{i} at site{p}y{i} during week{i}." for i in range(150))
             for p, (topic, things) in enumerate(TOPICS)]


def _overview(system, user, schema):
    """The scripted model's final answer on notes: an overview that rests on the first two notes
    (and, where it is asked for key points, the last notes as them)."""
    data = _reply(system, user, schema)
    if "note" in schema.get("properties", {}):
        return data
    notes = [line[2:].rstrip(".") for line in user.splitlines() if line.startswith("- ")]
    data["summary"] = [f"{notes[0]}, and {notes[1][:1].lower()}{notes[1][1:]}."]
    if "key_points" in data:
        page = data["key_points"][0]["pages"]
        data["key_points"] = [{"text": note + ".", "pages": page} for note in notes[-3:]]
    return data


def test_a_long_document_is_read_as_excerpted_sections_each_noted_then_summarized_from_the_notes():
    from summarize.notes import notes_text

    engine = ScriptedEngine(n_ctx=4096, reply_for=_overview)
    doc = document(SECTIONED)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, options(), "en"))
    summary = Summarizer(engine, options()).summarize(doc, plan, "en")
    assert plan.mode == "sections" and plan.excerpted and len(plan.chunks) == 12, "the most sections, each its best sentences"
    maps = [c for c in engine.calls if _is_map(c)]
    assert len(maps) == 12 and len(engine.calls) == 13, "a note on every section, then one final pass"
    assert [user for _, user, _, _ in maps] == [prompts.map_user(c.text, c.index + 1, 12, c.pages, True) for c in plan.chunks]
    system, user, _, _ = engine.calls[-1]
    assert prompts.READING["sections"] in system
    written = [Notes(_note(map_user)["note"], (), (), c.pages) for (_, map_user, _, _), c in zip(maps, plan.chunks)]
    assert notes_text(written) in user, "every section's note, in order"
    # Every section is in the summary or in a key point, each point citing its own section's page.
    said = (summary.summary + " " + " ".join(k.text for k in summary.key_points)).lower()
    assert all(f"the {topic} crew" in said for topic, _ in TOPICS)
    for point in summary.key_points:
        page = [i for i, (topic, _) in enumerate(TOPICS, 1) if f"The {topic} crew" in point.text]
        assert point.pages == tuple(page)
    assert summary.summary.startswith(f"{written[0].summary[:-1]}, and the school crew"), "the model's overview first"
    assert summary.strategy["read"] == (
        f"every one of 12 sections, each as its best sentences: {plan.kept} of {plan.sentences} sentences "
        f"({plan.read_tokens} of {plan.document_tokens} tokens)"
    )
    assert plan.read_tokens <= 3072 + 12 * 10 < plan.document_tokens
    assert summary.strategy["mode"] == "sections" and summary.strategy["passes"] == 2
    assert summary.strategy["key_points_from"] == "notes", "more notes than the summary holds: the rest are the key points"
    assert summary.strategy["note_sentences_unsupported"] == 0 == summary.strategy["summary_sentences_unsupported"]
    assert "map_s" in summary.timings
    validate(summary.to_dict(), DOCUMENT_SCHEMA)


def test_a_document_within_the_read_budget_is_noted_section_by_section_whole():
    pages = SECTIONED[:2]
    engine, plan, summary = _run(pages, n_ctx=4096, options=options(read_tokens=8000))
    assert plan.mode == "sections" and not plan.excerpted and len(plan.chunks) == 3
    maps = [c for c in engine.calls if _is_map(c)]
    assert [user for _, user, _, _ in maps] == [prompts.map_user(c.text, c.index + 1, 3, c.pages) for c in plan.chunks]
    assert not any(c.excerpt for c in plan.chunks) and "[…]" not in " ".join(c.text for c in plan.chunks)
    assert summary.strategy["read"] == f"all of 3 sections ({plan.document_tokens} tokens)"


def test_an_overview_the_notes_do_not_support_is_dropped_and_the_notes_make_the_summary():
    def reply(system, user, schema):
        data = _overview(system, user, schema)
        if "note" not in schema.get("properties", {}):
            data["summary"] = ["The mayor opened a new swimming pool beside the old harbour."]
        return data

    engine = ScriptedEngine(n_ctx=4096, reply_for=reply)
    doc = document(SECTIONED[:6])
    opts = options(read_tokens=1500, keep_draft=True)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, opts, "en"))
    summary = Summarizer(engine, opts).summarize(doc, plan, "en")
    assert plan.mode == "sections" and summary.strategy["mode"] == "sections", "the notes hold: not extractive"
    assert summary.strategy["summary_sentences_unsupported"] == 1
    assert "swimming" not in summary.summary and summary.summary.startswith("The water crew0x")
    notes = summary.strategy["notes"]
    assert len(notes) == len(plan.chunks) and all(n in WRITTEN_NOTES for n in notes)
    assert summary.strategy["draft"]["summary"] == ["The mayor opened a new swimming pool beside the old harbour."], (
        "keep_draft: the model's answer before the checks"
    )
    said = summary.summary + " " + " ".join(k.text for k in summary.key_points)
    assert all(note in said for note in notes), "every section's note, in the summary or a key point"


def test_without_keep_draft_the_strategy_holds_no_draft():
    _, _, summary = _run(PAGES)
    assert "draft" not in summary.strategy and "notes" not in summary.strategy


def test_a_contracts_clauses_are_read_beside_the_notes():
    clauses = ('This Lease Agreement is made by and between Acme Holdings Ltd. ("Lessor") and Beta Logistics LLC ("Lessee"). '
               "This Agreement is governed by the laws of England. Either party may terminate it with three months notice. ")
    pages = [clauses + SECTIONED[0]] + SECTIONED[1:4]
    engine = ScriptedEngine(n_ctx=4096, reply_for=_overview)
    doc = document(pages)
    opts = options(read_tokens=1500)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, opts, "en"))
    summary = Summarizer(engine, opts).summarize(doc, plan, "en")
    assert plan.mode == "sections" and "contract" in plan.doc_types
    system, user, _, _ = engine.calls[-1]
    assert prompts.READING["clauses"] in system
    for clause in ("governed by the laws of England", "terminate it with three months notice"):
        (line,) = [line for line in user.splitlines() if clause in line]
        assert not line.startswith("- "), "a clause of the contract, not a note"
    assert summary.strategy["mode"] == "sections"


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
        return "{broken" if _is_map((system,)) and "Part 2 of" in user else _reply(system, user, schema)

    engine = ScriptedEngine(n_ctx=2048, reply_for=reply, parallel=2)
    doc = document(LONG_PAGES)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, options(read="full", length="short"), "en"))
    summary = Summarizer(engine, options(read="full", length="short")).summarize(doc, plan, "en").to_dict()
    validate(summary, DOCUMENT_SCHEMA)
    assert summary["strategy"]["mode"] == "map_reduce" and summary["strategy"]["notes_from_document"] == [2]
    assert any(f"part(s) 2 of {len(plan.chunks)}" in w for w in summary["warnings"])
    # The prompts that read the notes got the second window's own sentences as its note.
    window = plan.chunks[1]
    readers = [user for system, user, _, _ in engine.calls if not _is_map((system,))]
    stand_ins = [line[2:] for user in readers for line in user.splitlines()
                 if line.startswith("- ") and line[2:] not in WRITTEN_NOTES]
    assert stand_ins and all(s.strip(". ") in window.text for line in stand_ins for s in line.split(". "))


def test_a_note_the_part_does_not_support_is_replaced_by_the_parts_own_sentences():
    def reply(system, user, schema):
        if _is_map((system,)) and "Part 1 of" in user:
            return {"note": "The mayor opened a new swimming pool. It cost 90,000 pounds."}
        return _reply(system, user, schema)

    engine = ScriptedEngine(n_ctx=4096, reply_for=reply)
    doc = document(SECTIONED[:4])
    opts = options(read_tokens=2000)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, opts, "en"))
    summary = Summarizer(engine, opts).summarize(doc, plan, "en")
    assert plan.mode == "sections"
    assert summary.strategy["note_sentences_unsupported"] == 2, "both of its sentences"
    assert summary.strategy["notes_from_document"] == [1]
    assert "swimming" not in summary.summary + " ".join(k.text for k in summary.key_points)
    final = engine.calls[-1][1]
    assert "swimming" not in final and "The water crew0x" in final, "the part's own sentences stood in for its note"


def test_a_note_in_another_language_than_its_section_is_checked_for_its_numbers_only():
    from chunking.plan import Chunk
    from docsum.pipeline import Pipeline

    chunk = Chunk(0, "[page 1]\nDer Stadtrat ersetzte zwölf Leitungen am Stausee. Das kostete 3000 Euro.", (1,), 14)
    note = "The council replaced twelve pipes at the reservoir for 3000 euros."
    pipeline = Pipeline.with_engine(base_settings(), ScriptedEngine(reply_for=lambda *_: {"note": note}))
    translated = pipeline.map_step(chunk, 1, "en", None, "de").notes
    assert (translated.summary, translated.extractive, translated.unsupported) == (note, False, 0)
    invented = ScriptedEngine(reply_for=lambda *_: {"note": "The council replaced twelve pipes for 4500 euros."})
    wrong = Pipeline.with_engine(base_settings(), invented).map_step(chunk, 1, "en", None, "de").notes
    assert wrong.extractive and wrong.unsupported == 1, "an invented number is caught in any language"
    # Taken for a note on an English section, its words are not the section's: the section's own sentences stand in.
    as_english = pipeline.map_step(chunk, 1, "en").notes
    assert as_english.extractive and as_english.unsupported == 1 and "Stadtrat" in as_english.summary


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
    from summarize.notes import notes_text

    level = [Notes(f"Part {i} says " + "something new " * 40, (), (), (i,)) for i in range(1, 4)]
    probe = ScriptedEngine()
    system = prompts.merge_system("English")
    two = probe.count_prompt(system, prompts.notes_user(notes_text(level[:2]), None, None))
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
    # The longest map prompt: an excerpted section's.
    longest = prompts.map_user("", 999, 999, (9999, 9999), excerpt=True)
    assert engine.count_tokens(longest) >= engine.count_tokens(prompts.map_user("", 999, 999, (9999, 9999)))
    retried = engine.count_prompt(prompts.map_system("English"), retry_prompt(longest, _LONGEST_PROBLEM))
    assert budget.map_prompt >= retried
    assert measure_budget(engine, options(output_retries=0), "en").map_prompt < retried, "no retry, no room kept for one"
