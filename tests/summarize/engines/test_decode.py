"""The decode loop that checks only the chosen token against the grammar, on the real models:
greedy decoding gives exactly the tokens of llama-cpp-python's full-vocabulary path, and the
grammar still decides whenever the model's first choice would break it."""

import json

import pytest
from jsonschema import validate

from summarize import prompts
from summarize.engines.decode import full_vocabulary_decode
from summarize.engines.grammar import schema_grammar
from summarize.schema import notes_schema, summary_schema
from tests.conftest import EXAMPLE_PDF
from tests.docsum.test_pipeline_e2e import GERMAN

pytestmark = pytest.mark.slow

#: Enough tokens to cross several grammar decisions (braces, keys, enums, page lists).
TOKENS = 96


@pytest.fixture(scope="module")
def contract_text():
    from docsum.pipeline import Pipeline
    from tests.conftest import base_settings

    document, _ = Pipeline(base_settings()).read(EXAMPLE_PDF)
    return document.text


def _cases(contract_text):
    german = "\n\n".join(f"[page {i + 1}]\n{p}" for i, p in enumerate(GERMAN[:2])) + "\n\n" + "\n\n".join(GERMAN[2:])
    return [
        (prompts.single_system("English"), prompts.single_user(contract_text, None), summary_schema([1, 2, 3], 8)),
        (prompts.map_system("English"), prompts.map_user(contract_text[:2500], 1, 2, (1, 2)), notes_schema([1, 2], 6)),
        (prompts.map_system("German"), prompts.map_user(german, 1, 1, (1, 2)), notes_schema([1, 2], 3)),
    ]


# The main model on the German window only: each case costs it half a minute or more of
# whole-vocabulary decoding on a 2-core box, the small model decodes the English ones, and
# the German one is where the main model's multilingual vocabulary (multi-byte tokens) matters.
@pytest.mark.parametrize("engine_name, cases", [("small_engine", slice(0, 2)), ("main_engine", slice(2, 3))])
def test_greedy_tokens_are_those_of_the_full_vocabulary_path(engine_name, cases, contract_text, request):
    engine = request.getfixturevalue(engine_name)
    assert engine.sampling.temperature == 0.0, "the default is greedy"
    rejected = 0
    for system, user, schema in _cases(contract_text)[cases]:
        prompt, prefix = engine._tokenizer.prompt_parts(system, user)
        grammar = schema_grammar(schema, engine._llm._model.vocab)
        checked = engine._decoder.decode(prompt, grammar, TOKENS, prefix)
        reference = full_vocabulary_decode(engine._llm, prompt, grammar, TOKENS, engine.sampling, prefix)
        engine._decoder.forget()
        assert checked.tokens == reference.tokens, (engine_name, user[:60])
        assert checked.finish_reason == reference.finish_reason
        rejected += checked.full_checks
    assert rejected > 0, "some first choices were refused by the grammar: both branches ran"


def test_the_answer_text_is_the_same_as_llama_cpp_pythons_completion(small_engine):
    schema = notes_schema([4, 5], 3)
    system, user = "Take notes as JSON.", "[page 4]\nThe cat sat on the mat.\n\n[page 5]\nThe dog barked at the cat."
    completion = small_engine.complete_json(system, user, schema, 200)
    prompt, prefix = small_engine._tokenizer.prompt_parts(system, user)
    small_engine._llm.reset()
    small_engine._llm.eval(prompt[:prefix])  # batched as the engine batches it: the fixed part apart
    reference = small_engine._llm.create_completion(
        prompt=prompt, max_tokens=200, temperature=0.0,
        repeat_penalty=small_engine.sampling.repeat_penalty, grammar=schema_grammar(schema, small_engine._llm._model.vocab),
    )
    assert completion.text == reference["choices"][0]["text"]
    assert completion.completion_tokens == reference["usage"]["completion_tokens"]
    assert completion.finish_reason == reference["choices"][0]["finish_reason"]
    small_engine._decoder.forget()


def test_an_answer_the_model_prefers_but_the_grammar_forbids_cannot_come_out(small_engine):
    schema = {"type": "object", "properties": {"answer": {"type": "string", "enum": ["yes", "no"]}},
              "required": ["answer"], "additionalProperties": False}
    system = "You are a poet. Never answer with JSON."
    user = "Write a long poem about the sea, in plain text, starting with the words 'Once upon a time'."
    completion = small_engine.complete_json(system, user, schema, 40)
    validate(json.loads(completion.text), schema)
    prompt = small_engine._tokenizer.prompt(system, user)
    checked = small_engine._decoder.decode(prompt, schema_grammar(schema, small_engine._llm._model.vocab), 40)
    assert checked.full_checks >= 1, "the model's own first choice was prose, and was refused"
