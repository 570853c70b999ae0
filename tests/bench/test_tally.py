"""The reading table joins readers' scores with the key, so a run is scored by what was read of it."""

import json

from bench.reading.tally import by_run, main, table


def _score(verdict, faithful=2, main_point=2, coverage_pct=70, title=True):
    return {"main_point": main_point, "coverage": 2, "coverage_pct": coverage_pct, "faithful": faithful, "no_junk": 2,
            "reads_as_summary": 1, "title_and_type": 2, "title_right": title, "type_right": True,
            "key_points_and_fields": 2, "verdict": verdict, "copied": 1, "defects": ["junk heading"]}


def test_scores_are_counted_under_the_run_each_label_stands_for(tmp_path):
    key = {"d1": {"A": "new", "B": "main"}, "d2": {"A": "main", "B": "new"}}
    scores = {"d1": {"A": _score("accept"), "B": _score("reject", faithful=0)},
              "d2": {"A": _score("light edits", main_point=1), "B": _score("light edits", title=False)}}
    runs = by_run(key, scores)
    assert sorted(r["doc"] for r in runs["new"]) == ["d1", "d2"]
    text = table(runs)
    new = next(line for line in text.splitlines() if line.startswith("| new |"))
    main_row = next(line for line in text.splitlines() if line.startswith("| main |"))
    assert new.split(" | ")[2:6] == ["100%", "50%", "0%", "100%"], "accepted, as is, rejected, main point right"
    assert main_row.split(" | ")[2:8] == ["50%", "0%", "50%", "50%", "70%", "1"], "one unfaithful summary of main"
    (tmp_path / "key.json").write_text(json.dumps(key))
    (tmp_path / "s.json").write_text(json.dumps(scores))
    assert main([str(tmp_path / "key.json"), str(tmp_path / "s.json"), "--out", str(tmp_path / "t.md")]) == 0
    assert "junk heading (2)" in (tmp_path / "t.md").read_text()
