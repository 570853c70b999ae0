"""The registry of text rules: each rule that decides a piece of text is not a sentence a reader
can take has a name, a family, the stages that ask it, the languages whose words it uses, and
examples of what it drops and what it keeps (tests/rules/test_registry.py runs every example).

A stage asks its rules in the order STAGES gives; the first that fires names the defect. The
families register their rules when imported; FAMILIES names them all, in one list.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

#: The modules that register rules.
FAMILIES = ("rules.boilerplate", "rules.layout", "rules.mathematics", "rules.sentences")

#: A document sentence offered to the model as evidence.
EVIDENCE = "evidence"
#: A document sentence taken as it stands into a summary or a key point (grounding.readable).
EXTRACT = "extract"
#: ...and, of those in a spaced script, what only prose is checked for.
EXTRACT_PROSE = "extract_prose"
#: A sentence of the summary, as the model wrote it.
SUMMARY = "summary"
#: A key point.
KEY_POINT = "key_point"
#: What no summary sentence or extract may be: it states nothing (a question, a caption, form fields, ...).
STATEMENT = "statement"

_STATEMENT = ("question", "caption", "form_fields", "legend", "ends_in_abbreviation", "symbol_first", "dash_label",
              "citation_gap", "heading_then_pointer")
#: Each stage's rules, in the order they are asked.
STAGES: dict[str, tuple[str, ...]] = {
    STATEMENT: _STATEMENT,
    EVIDENCE: ("reference", "formula_gap", "notice", "dated_row", "cut_at_abbreviation", "mostly_digits", "math_heavy"),
    EXTRACT: ("unbalanced", "courtesy", "inline_math", "latex_label", "signpost", "symbols_run_together", "tex_residue",
              *_STATEMENT, "heading_inside"),
    EXTRACT_PROSE: ("reference", "formula_gap", "notice", "equation_or_table", "no_full_stop", "to_the_model", "signature"),
    SUMMARY: ("reference", "formula_gap", "notice", "braces", "tautology", "math_heavy", "set_logic", *_STATEMENT,
              "signpost", "tex_residue"),
    KEY_POINT: ("note_marker", "glued_heading", "dash_label", "too_short", "unbalanced", "courtesy", "signpost", "caption",
                "form_fields", "formula_gap", "legend"),
}


@dataclass(frozen=True)
class Rule:
    name: str
    family: str
    #: What a reader is told the text is, when this rule drops it ("a courtesy, not content").
    says: str
    test: Callable[[str], bool]
    drops: tuple[str, ...]
    keeps: tuple[str, ...]
    #: The languages whose words the rule uses; empty when it uses none (it works on any script).
    languages: tuple[str, ...] = ()

    @property
    def stages(self) -> tuple[str, ...]:
        return tuple(stage for stage, names in STAGES.items() if self.name in names)


RULES: dict[str, Rule] = {}


def rule(name: str, family: str, says: str, drops: tuple[str, ...], keeps: tuple[str, ...],
         languages: tuple[str, ...] = ()) -> Callable[[Callable[[str], bool]], Callable[[str], bool]]:
    """Register a test (text -> whether the rule drops it) under a name; the test is returned as it is."""
    def register(test: Callable[[str], bool]) -> Callable[[str], bool]:
        if name in RULES:
            raise ValueError(f"two rules named {name!r}")
        RULES[name] = Rule(name, family, says, test, tuple(drops), tuple(keeps), tuple(languages))
        return test
    return register


def searched(pattern: re.Pattern) -> Callable[[str], bool]:
    """A test that fires where the pattern is found anywhere in the text."""
    return lambda text: pattern.search(text) is not None


def matched(pattern: re.Pattern) -> Callable[[str], bool]:
    """A test that fires where the pattern matches at the text's start."""
    return lambda text: pattern.match(text) is not None


def _load() -> dict[str, Rule]:
    for family in FAMILIES:
        importlib.import_module(family)
    return RULES


@functools.cache
def rules_for(stage: str) -> tuple[Rule, ...]:
    """The stage's rules, in the order it asks them (worked out once: first() asks for every sentence)."""
    rules = _load()
    return tuple(rules[name] for name in STAGES[stage])


def first(text: str, stage: str, tally: Counter | None = None) -> Rule | None:
    """The first of the stage's rules that drops the text, or None when none does; counted in tally."""
    for found in rules_for(stage):
        if found.test(text):
            if tally is not None:
                tally[found.name] += 1
            return found
    return None
