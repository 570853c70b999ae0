"""The rules' catalogue, docs/rules.md, written from the registry and the data files:
`python -m rules.catalogue > docs/rules.md` (a test checks that the file is up to date)."""

from __future__ import annotations

import sys

from rules.data import _files, languages
from rules.registry import STAGES, _load

_INTRO = """# The text rules

For the people who change what docsum counts as a sentence. Written by `python -m rules.catalogue`
from the registry (`rules/registry.py`) and the data files (`rules/lang/*.toml`); do not edit by hand.

Each rule below drops a piece of text that a reader could not take alone. A stage asks its rules
in the order given here, and the first one that fires decides: a key point's defect is told in the
rule's words ("a courtesy, not content"), and the summary stage counts its rules' drops in
`strategy.summary_sentences_dropped_by_rule`. Every example is run by `tests/rules/test_registry.py`.

Rules that use words read them from the language data files, with every language's words at once,
since a page in one language often carries another's small print. Adding a language is adding its
file: `rules/lang/<code>.toml`.
"""

_STAGES = {
    "statement": "what no summary sentence or extract may be: it states nothing",
    "evidence": "a document sentence offered to the model as evidence",
    "extract": "a document sentence taken as it stands into a summary or a key point",
    "extract_prose": "...and, in a spaced script, what only prose is checked for",
    "summary": "a sentence of the summary, as the model wrote it",
    "key_point": "a key point",
}


def catalogue() -> str:
    rules = _load()
    out = [_INTRO, "## Stages", ""]
    for stage, names in STAGES.items():
        out.append(f"- **{stage}** ({_STAGES[stage]}): {', '.join(f'`{n}`' for n in names)}")
    families: dict[str, list] = {}
    for found in rules.values():
        families.setdefault(found.family, []).append(found)
    for family in sorted(families):
        out += ["", f"## {family.capitalize()} (`rules/{family}.py`)", ""]
        for found in sorted(families[family], key=lambda r: r.name):
            where = f"; languages: {', '.join(found.languages)}" if found.languages else ""
            out.append(f"- **`{found.name}`**: {found.says} (stages: {', '.join(found.stages)}{where})")
            out += [f"  - drops: {text!r}" for text in found.drops]
            out += [f"  - keeps: {text!r}" for text in found.keeps]
    out += ["", "## Language data", "", f"Languages with a data file: {', '.join(languages())}.", ""]
    tables: dict[str, set[str]] = {}
    for language, data in _files().items():
        for section, keys in data.items():
            for key in keys:
                tables.setdefault(f"{section}.{key}", set()).add(language)
    out += ["| table | languages |", "|---|---|"]
    out += [f"| `{name}` | {', '.join(sorted(langs))} |" for name, langs in sorted(tables.items())]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(catalogue())
