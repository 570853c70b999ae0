"""Every registered rule's examples, run: each text it says it drops, it drops, and each it says
it keeps, it keeps. The test's id names the rule, so a failure says which rule decided."""

from __future__ import annotations

import pytest

from rules.registry import RULES, STAGES, _load, first, rules_for

_load()
DROPS = [(r.name, text) for r in RULES.values() for text in r.drops]
KEEPS = [(r.name, text) for r in RULES.values() for text in r.keeps]


@pytest.mark.parametrize("name,text", DROPS, ids=[f"{n}:{t[:30]}" for n, t in DROPS])
def test_a_rule_drops_its_examples(name, text):
    assert RULES[name].test(text), f"{name} should drop {text!r}"


@pytest.mark.parametrize("name,text", KEEPS, ids=[f"{n}:{t[:30]}" for n, t in KEEPS])
def test_a_rule_keeps_its_examples(name, text):
    assert not RULES[name].test(text), f"{name} should keep {text!r}"


def test_every_rule_has_examples_both_ways_and_a_stage():
    assert [r.name for r in RULES.values() if not (r.drops and r.keeps and r.stages)] == []


def test_every_stage_names_registered_rules_only():
    assert sorted({n for names in STAGES.values() for n in names} - set(RULES)) == []


def test_the_first_rule_that_fires_is_the_one_named_and_counted():
    from collections import Counter

    tally = Counter()
    assert first("Thank you, over to Maria.", "key_point", tally).name == "courtesy"
    assert first("In the first year the town grew quickly.", "key_point", tally) is None
    assert tally == Counter({"courtesy": 1})
    assert [r.name for r in rules_for("key_point")][:2] == ["note_marker", "glued_heading"]


def test_the_catalogue_in_docs_is_the_registry_s():
    from rules.catalogue import catalogue
    from tests.conftest import ROOT

    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == catalogue(), "run: python -m rules.catalogue > docs/rules.md"
