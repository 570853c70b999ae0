"""Several windows decoded in one batch (settings.sequences > 1): who goes into which batch,
and, on the real model, one grammar per sequence (a whole map-reduce summary made that way is
in tests/docsum/test_pipeline_e2e.py)."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from jsonschema import validate

from summarize.engines.batch import BatchDecoder, Gather, Request
from summarize.engines.decode import Decoded


def _request(prompt_len: int, max_tokens: int = 10) -> Request:
    return Request(list(range(prompt_len)), 0, None, max_tokens)


class _Ctx:
    def __init__(self, n):
        self.n = n

    def n_ctx(self):
        return self.n


def _rounds(n_ctx: int, sequences: int, requests: list[Request]) -> list[list[int]]:
    decoder = BatchDecoder.__new__(BatchDecoder)  # rounds() needs only the context size
    decoder._llm, decoder.sequences = _Ctx(n_ctx), sequences
    return decoder.rounds(requests)


def test_rounds_take_as_many_sequences_as_allowed_and_fit():
    assert _rounds(1000, 2, [_request(90)] * 5) == [[0, 1], [2, 3], [4]]
    assert _rounds(250, 4, [_request(90)] * 4) == [[0, 1], [2, 3]], "two rooms of 100 fit in 250, three do not"
    with pytest.raises(ValueError, match="exceeds"):
        _rounds(50, 2, [_request(90)])


def test_gather_puts_callers_that_come_together_in_one_batch_and_answers_each():
    batches = []

    def run(requests):
        batches.append(len(requests))
        return [Decoded([len(r.prompt)], "stop", 0) for r in requests]

    gather = Gather(run, size=3, linger=1.0)
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda n: gather(_request(n)).tokens, [5, 6, 7]))
    assert results == [[5], [6], [7]], "each caller gets its own answer"
    assert batches == [3]


def test_gather_runs_late_callers_in_the_next_batch():
    release = threading.Event()
    batches = []

    def run(requests):
        batches.append(sorted(len(r.prompt) for r in requests))
        release.wait(5)
        return [Decoded([len(r.prompt)], "stop", 0) for r in requests]

    gather = Gather(run, size=2, linger=0.0)
    with ThreadPoolExecutor(3) as pool:
        first = pool.submit(gather, _request(1))
        while not batches:
            pass
        later = [pool.submit(gather, _request(n)) for n in (2, 3)]
        release.set()
        assert [f.result().tokens for f in (first, *later)] == [[1], [2], [3]]
    assert batches[0] == [1] and sorted(sum(batches[1:], [])) == [2, 3]


def test_an_error_reaches_every_caller_of_the_batch():
    def run(requests):
        raise RuntimeError("context full")

    gather = Gather(run, size=2, linger=1.0)
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(gather, _request(n)) for n in (1, 2)]
        for f in futures:
            with pytest.raises(RuntimeError, match="context full"):
                f.result()


@pytest.mark.slow
def test_each_sequence_keeps_its_own_grammar_and_window(small_model):
    from docsum.pipeline import load_engine
    from summarize import prompts
    from summarize.schema import notes_schema
    from tests.conftest import SMALL_MODEL, base_settings

    engine = load_engine(base_settings(model=SMALL_MODEL, ctx=4096, sequences=2))
    assert engine.model.n_ctx == 2048
    assert engine.parallel == 2
    sizes = []
    run = engine._gather._run
    engine._gather._run = lambda requests: sizes.append(len(requests)) or run(requests)
    yes_no = {"type": "object", "properties": {"answer": {"type": "string", "enum": ["yes", "no"]}},
              "required": ["answer"], "additionalProperties": False}
    notes = notes_schema([7], 3)
    calls = [
        ("Answer as JSON.", "Is the sky blue on a clear day?", yes_no),
        (prompts.map_system("English"), prompts.map_user("[page 7]\nThe lessee pays 900 euros rent each month.", 1, 1, (7,)), notes),
    ]
    with ThreadPoolExecutor(2) as pool:
        completions = list(pool.map(lambda c: engine.complete_json(c[0], c[1], c[2], 300), calls))
    assert sizes == [2], "both were decoded in one batch"
    validate(json.loads(completions[0].text), yes_no)
    validate(json.loads(completions[1].text), notes)
    assert completions[1].prefill_tokens > completions[0].prefill_tokens > 0
