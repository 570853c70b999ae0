"""The docsum command as a user runs it: a real process, real files, real models."""

import json
import subprocess
import sys
import textwrap
import time

import pytest
from pypdf import PdfReader, PdfWriter

from tests.conftest import EXAMPLE_PDF, MAIN_MODEL, SMALL_MODEL
from tests.helpers.documents import make_docx, make_pdf, report_text
from tests.helpers.timings import assert_wall_timings


def docsum(*args, env=None):
    return subprocess.run([sys.executable, "-m", "cli", *map(str, args)], capture_output=True, text=True, timeout=600, env=env)


def _one_clean_line(result):
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert lines and lines[-1].startswith("docsum: error: "), result.stderr
    return lines[-1]


@pytest.fixture
def encrypted(tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf", [["A confidential supply agreement between two companies."]])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="pw", algorithm="AES-256")
    with open(tmp_path / "locked.pdf", "wb") as handle:
        writer.write(handle)
    return tmp_path / "locked.pdf"


def _file(name, data):
    def make(folder):
        (folder / name).write_bytes(data)
        return folder / name

    return make


@pytest.mark.parametrize(
    "make, code, words",
    [
        (lambda d: d / "missing.pdf", 3, "no such file"),
        (lambda d: d, 3, "directory"),
        (_file("zero.txt", b""), 3, "empty"),
        (_file("blob.bin", bytes(range(256)) * 50), 3, "binary"),
        (lambda d: make_pdf(d / "scan.pdf", [[]], images_only={1}), 5, "text layer"),
    ],
    ids=["missing", "directory", "zero-bytes", "binary", "image-only"],
)
def test_bad_input_gets_one_line_and_its_exit_code(tmp_path, make, code, words):
    result = docsum("summarize", make(tmp_path), "--model", SMALL_MODEL)
    assert result.returncode == code, result.stderr
    assert words in _one_clean_line(result)
    assert result.stdout == ""


def test_encrypted_pdf_without_and_with_wrong_password(encrypted):
    assert docsum("summarize", encrypted).returncode == 4
    result = docsum("summarize", encrypted, "--password", "nope")
    assert result.returncode == 4 and "wrong password" in _one_clean_line(result)


@pytest.mark.parametrize(
    "args, words",
    [
        (["summarize"], "Missing argument"),
        (["summarize", EXAMPLE_PDF, "--ctx", "100"], "too small"),
        (["summarize", EXAMPLE_PDF, "--format", "xml"], "Invalid value"),
        (["summarize", EXAMPLE_PDF, EXAMPLE_PDF.with_suffix(".md")], "--out"),
        (["summarize", EXAMPLE_PDF, "--lang", "klingon"], "--lang"),
        (["summarize", EXAMPLE_PDF, "--length", "tiny"], "--length must be short, medium, long"),
        (["summarize", EXAMPLE_PDF, "--read", "skim"], "Invalid value for '--read'"),
    ],
)
def test_usage_errors_exit_2(args, words):
    result = docsum(*args)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_unknown_model_and_broken_model_file(tmp_path):
    result = docsum("summarize", EXAMPLE_PDF, "--model", "gpt-17")
    assert result.returncode == 6 and "unknown model" in _one_clean_line(result)
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    result = docsum("summarize", EXAMPLE_PDF, "--model", broken)
    assert result.returncode == 7 and "cannot" in _one_clean_line(result)


@pytest.mark.slow
def test_models_list_and_path(small_model):
    listing = docsum("models", "list")
    assert listing.returncode == 0
    assert SMALL_MODEL in listing.stdout and "qwen2.5-0.5b-instruct" in listing.stdout
    found = docsum("models", "path", SMALL_MODEL)
    assert found.returncode == 0 and found.stdout.strip() == str(small_model.path)


@pytest.mark.slow
def test_json_on_stdout_and_nothing_else(main_model):
    started = time.perf_counter()
    result = docsum("summarize", EXAMPLE_PDF, "--model", MAIN_MODEL, "--ctx", "8192")
    wall = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # fails on any stray output
    assert data["schema"] == "docsum.summary/v1"
    # total_s is wall time from opening the file, the model load it waited for included.
    assert_wall_timings(data["timings"], wall)
    assert data["timings"]["load_s"] > 0
    assert "summarizing in one pass" in result.stderr


def _report_pdf(path):
    """A one-page PDF report: batch behaviour is tested on the small model, not quality."""
    return make_pdf(path, [textwrap.wrap(report_text(2, seed=5), 90)])


@pytest.mark.slow
def test_several_inputs_to_an_outbox_in_both_formats(small_model, tmp_path):
    pdf = _report_pdf(tmp_path / "report.pdf")
    docx = make_docx(tmp_path / "memo.docx", ["Memo: the cafeteria closes on Friday for renovation work until Monday."])
    out = tmp_path / "out"
    result = docsum("summarize", pdf, docx, "--out", out, "--format", "both", "--model", SMALL_MODEL, "--ctx", "2048")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    for stem, fmt in (("report", "pdf"), ("memo", "docx")):
        assert json.loads((out / f"{stem}.summary.json").read_text())["source"]["format"] == fmt
        assert (out / f"{stem}.summary.md").read_text().startswith("# ")
    assert not list(out.glob(".*.tmp")), "no temporary files left behind"


@pytest.mark.slow
def test_one_bad_file_in_a_batch_does_not_stop_the_others(small_model, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    good = _report_pdf(tmp_path / "report.pdf")
    out = tmp_path / "out"
    result = docsum("summarize", bad, good, "--out", out, "--model", SMALL_MODEL, "--ctx", "2048")
    assert result.returncode == 3
    assert "bad.pdf" in result.stderr and "Traceback" not in result.stderr
    assert (out / "report.summary.json").is_file()
    assert not (out / "bad.summary.json").exists()
