"""What crosses the broker survives JSON both ways, and the job carries the submitter's choices."""

import json

import pytest

from chunking.plan import make_plan
from docsum.pipeline import Mapped, Prepared
from summarize.schema import KeyPoint, Notes
from summarize.summarizer import Options, measure_budget
from tests.conftest import base_settings
from tests.helpers.fakes import ScriptedEngine, document
from workers.messages import (
    Job,
    chunk_from_dict,
    chunk_to_dict,
    document_from_dict,
    document_to_dict,
    job_from_dict,
    job_to_dict,
    mapped_from_dict,
    mapped_to_dict,
    plan_from_dict,
    plan_to_dict,
)


def _wire(data):
    return json.loads(json.dumps(data))


def _prepared():
    doc = document([" ".join(f"Clause {p}.{i} says something." for i in range(300)) for p in range(1, 5)], language="de")
    engine = ScriptedEngine(n_ctx=2048)
    plan = make_plan(doc, engine.count_tokens, measure_budget(engine, Options.from_settings(base_settings()), "de"))
    return Prepared(doc, plan, "de", 0.25, 0.5)


def test_job_round_trip_and_what_it_carries():
    settings = base_settings(model="some-model", output_tokens=700, map_output_tokens=300, base_url="http://gpu:8080/v1")
    job = Job.of("id1", "Vertrag.pdf", _prepared(), settings, "ab" * 32, 2048, 1700000000.5)
    assert job_from_dict(_wire(job_to_dict(job))) == job
    assert job.language == "de" and job.chunks > 1 and (job.ingest_s, job.plan_s) == (0.25, 0.5)
    assert job.before == {"ingest_s": 0.25, "plan_s": 0.5, "submitted": 1700000000.5}

    worker = base_settings(output_tokens=1024, ctx=None)
    applied = job.settings_for(worker)
    assert (applied.model, applied.ctx, applied.output_tokens, applied.map_output_tokens) == ("some-model", 2048, 700, 300)
    assert applied.base_url == "http://gpu:8080/v1"
    own_server = job.settings_for(base_settings(base_url="http://localhost:8080/v1"))
    assert own_server.base_url == "http://localhost:8080/v1", "a worker's own server wins"
    batched = job.settings_for(base_settings(sequences=4))
    assert batched.sequences == 1, "workers decode one window at a time: their answers must agree"


def test_a_job_message_missing_a_field_is_refused():
    message = job_to_dict(Job.of("id1", "a.txt", _prepared(), base_settings(), "", 2048, 0.0))
    del message["language"]
    with pytest.raises(KeyError):
        job_from_dict(message)


def test_document_plan_chunk_and_map_results_round_trip():
    prepared = _prepared()
    assert document_from_dict(_wire(document_to_dict(prepared.document))) == prepared.document
    assert plan_from_dict(_wire(plan_to_dict(prepared.plan))) == prepared.plan
    chunk = prepared.plan.chunks[1]
    assert chunk_from_dict(_wire(chunk_to_dict(chunk))) == chunk
    mapped = Mapped(Notes("Teil zwei.", (KeyPoint("Klausel 2.1", (2,)),), ("Fakt",), (2, 3)), {"calls": 1}, 10.0, 12.5)
    assert mapped_from_dict(_wire(mapped_to_dict(mapped))) == mapped
