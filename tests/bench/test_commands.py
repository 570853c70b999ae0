"""The benchmark commands, run for real on tiny inputs: they work end to end and
write their tables; the numbers themselves are never asserted."""

import json

import pytest

from bench import throughput
from bench.quality.__main__ import main as quality_main
from tests.conftest import SMALL_MODEL

TEXTS = [
    (
        "The city council approved a new budget for public libraries on Monday. The plan adds evening hours at "
        "six branches and buys new books for children. Council members said that visits had grown by a third "
        "since last year. The budget also repairs the roof of the central library, which leaked during the "
        "winter storms. Work starts in spring and should end before the summer reading programme begins.",
        "The council approved a library budget that extends hours, buys children's books and repairs a roof.",
    ),
    (
        "Researchers measured how fast glaciers in the Alps lost ice between 2000 and 2020. They combined "
        "satellite images with measurements on the ground. The glaciers lost about a fifth of their volume. "
        "Small glaciers shrank fastest, and several disappeared completely. The authors expect most Alpine "
        "glaciers to vanish by the end of the century unless warming slows.",
        "Alpine glaciers lost a fifth of their volume from 2000 to 2020; most may vanish by 2100.",
    ),
]


@pytest.fixture
def pairs_file(tmp_path):
    path = tmp_path / "en_tiny.jsonl"
    lines = [json.dumps({"id": f"t{i}", "lang": "en", "text": t, "reference_summary": r}) for i, (t, r) in enumerate(TEXTS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_quality_command_runs_all_systems_side_by_side(pairs_file, tmp_path, small_model):
    results = tmp_path / "RESULTS.md"
    out = tmp_path / "out"
    argv = [str(pairs_file), "--model", SMALL_MODEL, "--ctx", "2048", "--out", str(out), "--results", str(results)]
    assert quality_main(argv) == 0

    data = json.loads((out / "quality.json").read_text())
    records = data["records"]
    assert sorted((r["system"], r["id"]) for r in records) == sorted(
        (s, f"t{i}") for s in ("docsum", "lead", "lexrank", "langchain") for i in range(2)
    )
    for r in records:
        assert r["error"] is None, r
        assert r["summary"].strip()
        assert all(0.0 <= r[k] <= 1.0 for k in ("rouge1", "rouge2", "rougeL"))
    docsum = [r for r in records if r["system"] == "docsum"]
    assert all(r["schema_valid"] is True and r["coverage_pages"] > 0 for r in docsum)
    assert all(r["completion_tokens"] > 0 for r in records if r["system"] in ("docsum", "langchain"))
    assert data["summary"]["lead"]["all"]["schema_valid"] is None  # no schema: n/a, not a pass

    section = results.read_text()
    assert "<!-- bench:quality -->" in section and "Command: `python -m bench.quality" in section
    for system in ("docsum", "lead", "lexrank", "langchain"):
        assert f"| {system} | 2 |" in section
    assert (out / "quality.png").read_bytes()[:4] == b"\x89PNG"


def test_quality_command_refuses_a_bad_pairs_file(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    assert quality_main([str(bad), "--results", "-", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [f"error: {bad}:1: missing or empty lang, text, reference_summary"]


@pytest.mark.slow
def test_throughput_command_writes_both_tables(tmp_path, small_model, monkeypatch):
    # The table's shape is under test, not the answers: short ones, tried once (the children read these).
    for name, value in (("DOCSUM_OUTPUT_RETRIES", "0"), ("DOCSUM_OUTPUT_TOKENS", "256"), ("DOCSUM_MAP_OUTPUT_TOKENS", "128")):
        monkeypatch.setenv(name, value)
    results = tmp_path / "RESULTS.md"
    argv = ["--sizes", "1000", "--map-ctx", "2048", "--attn-size", "400", "--model", SMALL_MODEL,
            "--results", str(results)]
    assert throughput.main(argv) == 0
    section = results.read_text()
    rows = [line for line in section.splitlines() if line.startswith(("| ~1k tokens", "| flash"))]
    assert [r.split(" | ")[0] for r in rows] == [
        "| ~1k tokens: single pass, default context",
        "| ~1k tokens: map-reduce, ctx 2048",
        "| flash attention off, KV f16",
        "| flash attention on, KV f16",
        "| flash attention on, KV q8_0",
        "| flash attention off, KV q8_0",
    ]
    # A row is measured or says why not; the tiny model may fail a row, the table must say so.
    for row in rows:
        cells = row.split(" | ")
        assert cells[1].startswith("error: ") or (cells[3].startswith(("single", "map_reduce")) and float(cells[4]) > 0)
    assert float(rows[0].split(" | ")[-2]) > 0  # the size table has the raw floor
    assert "single, 1 chunk(s)" in rows[0]
    # docsum refuses the one combination llama.cpp cannot load, with the reason.
    assert "error: kv_cache q8_0 needs flash_attn = true" in rows[5]
    assert "llama.cpp build:" in section


@pytest.mark.slow
def test_decode_command_compares_the_three_decoders(tmp_path, small_model):
    from bench import decode

    results = tmp_path / "RESULTS.md"
    argv = ["--model", SMALL_MODEL, "--ctx", "2048", "--tokens", "24", "--repeat", "1", "--results", str(results)]
    assert decode.main(argv) == 0
    section = results.read_text()
    rows = [line for line in section.splitlines() if line.startswith("| ") and "tok/s" not in line and "---" not in line]
    assert [r.split(" | ")[0] for r in rows] == [
        "| bare llama.cpp loop (eval + argmax, no grammar)",
        "| grammar over the whole vocabulary (llama-cpp-python's completion, docsum before)",
        "| grammar checks the chosen token only (docsum now)",
    ]
    assert float(rows[0].split(" | ")[3]) == 1.0  # the bare loop is the floor the others are compared with
    assert all(float(r.split(" | ")[2]) > 0 for r in rows)
    assert "Command: `python -m bench.decode" in section


def _table(section: str) -> list[list[str]]:
    """The cells of a results table's rows (header and rule left out)."""
    lines = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[1:]]


@pytest.mark.slow
def test_params_command_compares_settings_with_the_reference(tmp_path, small_model):
    from bench import params

    results = tmp_path / "RESULTS.md"
    argv = ["--model", SMALL_MODEL, "--lengths", "256,512", "--decode", "4", "--only", "batch 256", "--results", str(results)]
    assert params.main(argv) == 0
    rows = _table(results.read_text())
    assert [r[0] for r in rows] == [
        "reference: all cores, no flash attention, batch 512 (docsum's defaults before this table)", "batch 256"]
    assert rows[0][1].endswith("(1.00)") and len(rows[1]) == 5, "prefill and decode at two lengths"


@pytest.mark.slow
def test_decode_batch_command_runs_one_and_two_sequences(tmp_path, small_model):
    from bench import decode_batch

    results = tmp_path / "RESULTS.md"
    argv = ["--model", SMALL_MODEL, "--sequences", "1,2", "--windows", "2", "--window-tokens", "200", "--answer", "16",
            "--results", str(results)]
    assert decode_batch.main(argv) == 0
    section = results.read_text()
    rows = _table(section)
    assert [r[0] for r in rows] == ["1", "2"] and rows[0][5] == "1.00"
    assert "Fastest here:" in section


@pytest.mark.slow
def test_versions_command_runs_both_trees(tmp_path, small_model):
    """This tree against itself: the command runs both, and the same code gives the same summary."""
    from bench import versions

    results = tmp_path / "RESULTS.md"
    argv = ["--old", str(versions.ROOT), "--old-entry", "cli.main", "--model", SMALL_MODEL, "--only", "1",
            "--repeat", "1", "--results", str(results)]
    assert versions.main(argv) == 0
    rows = _table(results.read_text())
    assert rows[0][0] == "example contract, single pass" and rows[0][4] == "yes"


@pytest.mark.slow
def test_workers_command_runs_one_and_two_workers(tmp_path, small_model):
    from bench import workers

    results = tmp_path / "RESULTS.md"
    argv = ["--model", SMALL_MODEL, "--docs", "2", "--size", "120", "--results", str(results)]
    assert workers.main(argv) == 0
    rows = _table(results.read_text())
    assert [r[0] for r in rows] == ["1", "2"] and all(r[3] == "2/2" for r in rows)


CONTRACT = (
    "SERVICE AGREEMENT\n\nThis Agreement is entered into as of 1 March 2024 by and between Northwind Ltd "
    '("Provider") and Keel LLP ("Client").\n\n1. Term. This Agreement shall remain in force for 24 months. '
    "Either party may terminate it on ninety days notice.\n\n2. Governing law. This Agreement is governed by the laws "
    "of Scotland. IN WITNESS WHEREOF the parties hereto have signed this Agreement.\n"
)


def test_the_doc_types_map_names_its_files_and_leaves_the_pairs_out(tmp_path):
    from bench.quality.doc_types import typed_files

    (tmp_path / "cuad").mkdir()
    for name in ("b.txt", "a.txt", "a.pdf"):
        (tmp_path / "cuad" / name).write_text("x")
    (tmp_path / "types.json").write_text(json.dumps(
        {"_what": "for people", "cuad/*.txt": "contract", "pairs.jsonl": "paper"}
    ))
    assert [(p.name, k) for p, k in typed_files(tmp_path / "types.json")] == [("a.txt", "contract"), ("b.txt", "contract")]


@pytest.mark.slow
def test_quality_command_judges_the_doc_type_of_the_maps_files(tmp_path, small_model):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "agreement.txt").write_text(CONTRACT)
    (tmp_path / "types.json").write_text(json.dumps({"docs/*.txt": "contract"}))
    out = tmp_path / "out"
    argv = ["--doc-types", str(tmp_path / "types.json"), "--systems", "docsum", "--model", SMALL_MODEL, "--ctx", "2048",
            "--out", str(out), "--results", "-"]
    assert quality_main(argv) == 0
    runs = json.loads((out / "quality.json").read_text())["doc_types"]["runs"]
    assert runs == [{"file": "agreement.txt", "expected": "contract", "doc_type": "contract", "seconds": runs[0]["seconds"]}]
    assert "Document type on the files types.json names (1 files, read as given): **1/1** right." in (out / "quality.md").read_text()


def test_selection_command_compares_extracts_and_the_oracle_without_a_model(pairs_file, tmp_path):
    from bench.selection import main as selection_main

    results = tmp_path / "RESULTS.md"
    argv = [str(pairs_file), "--weights", "0,0.7", "--evidence-sizes", "1,full", "--oracle", "--no-cues", "--results", str(results)]
    assert selection_main(argv) == 0
    section = results.read_text()
    assert "<!-- bench:selection -->" in section and "Command: `python -m bench.selection" in section
    assert "| file | docs | lead | lexrank | docsum@0 | no cues@0 | docsum@0.7 | no cues@0.7 | evidence×1 | evidence full | oracle |" in section
    row = next(line for line in section.splitlines() if line.startswith("| all | 2 |"))
    scores = [float(x) for x in row.strip("|").split("|")[2:]]
    assert all(0.0 < s <= 1.0 for s in scores) and scores[-1] >= max(scores[:4]) - 1e-9, "the oracle is the ceiling"
