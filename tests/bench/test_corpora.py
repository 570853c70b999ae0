"""The benchmark corpora's preprocessing is undone when their pairs are loaded (bench/quality/corpora.py)."""

from __future__ import annotations

import json

from bench.quality.corpora import as_written
from bench.quality.pairs import load_pairs
from rules.mathematics import FORMULA_MARK

ARXIV = "en_arxiv_cohan2018"


def test_a_formula_placeholder_becomes_docsum_s_formula_mark():
    assert as_written("we determine the decay constant @xmath33 , with @xmath1 .", ARXIV) == (
        f"we determine the decay constant {FORMULA_MARK}, with {FORMULA_MARK}."
    )
    assert as_written("mail me at x@xmathematics.org", ARXIV) == "mail me at x@xmathematics.org", "only the placeholder"


def test_citations_become_numbers_as_a_paper_prints_them():
    assert as_written("calculations involving nonperturbative qcd @xcite . as in @xcite and @xcite .", ARXIV) == (
        "calculations involving nonperturbative qcd [1]. as in [2] and [3]."
    )


def test_the_tokenizer_s_spaces_and_italics_marks_go():
    assert as_written("support vector machines ( svms ) , as shown by parry - jones _ et al . _ here .", ARXIV) == (
        "support vector machines (svms), as shown by parry - jones et al. here."
    )


def test_pointers_to_a_figure_or_an_equation_by_their_latex_label_go():
    text = ("we studied the cell ( see fig . [ fig1 ] ( a ) ) using the frank model [ eq . ( [ eq4 ] ) ] "
            "as shown ( fig . [ fig : blazed ] ) and ( fig . 2 ) .")
    assert as_written(text, ARXIV) == "we studied the cell using the frank model as shown and (fig. 2)."


def test_other_corpora_are_left_as_they_are():
    # French puts a space before a colon, and "@xmath" would be a word there: nothing is touched.
    assert as_written("Il a dit : oui ( enfin ) , @xmath1 .", "fr_orangesum") == "Il a dit : oui ( enfin ) , @xmath1 ."


def test_loaded_pairs_of_the_arxiv_and_pubmed_corpora_have_no_placeholders(tmp_path):
    # Through the loader, as every benchmark reads them; three documents from two corpora.
    for stem in (ARXIV, "en_pubmed_cohan2018"):
        path = tmp_path / f"{stem}.jsonl"
        rows = [{"id": f"{stem}-{i}", "lang": "en", "reference_summary": "r",
                 "text": f"the value @xmath{i} is shown ( see fig . [ f{i} ] ) as in @xcite ."} for i in (1, 2)]
        path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
        for pair in load_pairs(path):
            assert "@x" not in pair.text and pair.text.endswith(f"{FORMULA_MARK} is shown as in [1]."), pair.text
