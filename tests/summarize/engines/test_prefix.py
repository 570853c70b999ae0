"""The fixed part of a prompt (system message and instructions) is kept in the context between
generations, and that never changes an answer: warm or cold, in this process or another one;
nor does the thread count, which a process's share of the cores changes while it runs."""

import json
import subprocess
import sys

import pytest

from summarize import prompts
from summarize.schema import notes_schema
from tests.conftest import EXAMPLE_PDF, SMALL_MODEL

pytestmark = pytest.mark.slow

MAX_TOKENS = 80


def _windows():
    from docsum.pipeline import Pipeline
    from tests.conftest import base_settings

    text = Pipeline(base_settings()).read(EXAMPLE_PDF)[0].text
    return [
        (prompts.map_system("English"), prompts.map_user(text[start : start + 1500], i + 1, 3, (1, 2)))
        for i, start in enumerate((0, 1500, 3000))
    ]


def _answers(engine, cold: bool, windows: int = 3) -> list[tuple[str, int]]:
    """(text, tokens prefilled) of the first `windows` windows' notes."""
    out = []
    for system, user in _windows()[:windows]:
        if cold:
            engine._decoder.forget()
        completion = engine.complete_json(system, user, notes_schema([1, 2], 6), MAX_TOKENS)
        out.append((completion.text, completion.prefill_tokens))
    return out


@pytest.fixture(scope="module")
def main_cold(main_engine) -> list[tuple[str, int]]:
    """The main model's answers, each from a cold context with the default threads (asked once: two tests compare with them)."""
    return _answers(main_engine, cold=True)


def test_warm_prefix_gives_the_same_answers_as_cold_and_is_not_prefilled_again(main_engine, main_cold):
    cold = main_cold
    warm = _answers(main_engine, cold=False)  # the first one is warm too: the last cold call left it
    assert [t for t, _ in warm] == [t for t, _ in cold]
    prompt, prefix = main_engine._tokenizer.prompt_parts(*_windows()[1])
    assert prefix > 100, "the fixed part is the system message and instructions"
    assert cold[1][1] == len(prompt), "cold: the whole prompt is prefilled"
    assert warm[1][1] == len(prompt) - prefix, "warm: only what follows the fixed part"


def test_another_process_cold_gives_the_answers_of_this_one_warm(small_engine):
    """What two workers do: one has the prefix cached, the other starts from nothing.
    (The small model: this is about llama.cpp's arithmetic, and a second process loads it fast.)"""
    _answers(small_engine, cold=False, windows=1)  # leaves the fixed part in the context
    warm = [t for t, _ in _answers(small_engine, cold=False)]
    script = (
        "import json, sys\n"
        "from docsum.pipeline import load_engine\n"
        "from tests.conftest import base_settings\n"
        "from tests.summarize.engines.test_prefix import _answers\n"
        f"engine = load_engine(base_settings(model={SMALL_MODEL!r}, ctx=4096, threads=1))\n"
        "print(json.dumps([t for t, _ in _answers(engine, cold=True)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == warm


def test_the_thread_count_does_not_change_the_answer(main_engine, main_cold, monkeypatch):
    """The share of the cores changes the threads with the load; the answer must not follow.
    (With flash attention on, llama.cpp's answer does depend on it: off by default for that.)"""
    import llama_cpp

    assert main_engine._llm.context_params.flash_attn_type == llama_cpp.LLAMA_FLASH_ATTN_TYPE_DISABLED
    monkeypatch.setattr(main_engine._decoder._retune, "_threads", lambda: 1)
    # Two windows: one thread decodes at half speed, and two answers already cross many steps.
    one = [t for t, _ in _answers(main_engine, cold=True, windows=2)]
    assert llama_cpp.llama_n_threads(main_engine._llm._ctx.ctx) == 1
    assert one == [t for t, _ in main_cold[:2]]
