"""Output names that stay in their folder, written whole and private."""

import os
import stat

import pytest

from docsum.output import safe_stem, write_outputs
from tests.summarize.test_render import _summary


@pytest.mark.parametrize(
    "name, stem",
    [
        ("contract", "contract"),
        ("../../etc/passwd", "_.._etc_passwd"),  # dots between separators are harmless
        ("a/b\\c", "a_b_c"),
        ("line\nbreak\x1b[31m", "line_break_[31m"),
        (".hidden", "hidden"),
        ("...", "document"),
        ("", "document"),
        ("x" * 300, "x" * 120),
        ("Vertrag über Miete", "Vertrag über Miete"),
    ],
)
def test_safe_stem(name, stem):
    assert safe_stem(name) == stem
    assert os.sep not in safe_stem(name) and not safe_stem(name).startswith(".")


def test_write_outputs_in_both_formats_private_and_complete(tmp_path):
    written = write_outputs(_summary(), tmp_path / "out", "../lease", ("json", "md"), mode=0o640)
    assert [p.name for p in written] == ["_lease.summary.json", "_lease.summary.md"]
    assert all(p.parent == tmp_path / "out" for p in written)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o640 for p in written)
    assert written[0].read_text(encoding="utf-8").rstrip().endswith("}")
    assert written[1].read_text(encoding="utf-8").startswith("# Warehouse lease")
    assert not list((tmp_path / "out").glob(".*.tmp")), "no temporary file is left behind"
