"""A bounded fuzz of the ingest layer: random and mutated PDF, DOCX and text files
either read or fail with one of docsum's own errors, never anything else."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import InputError
from ingest.limits import MB
from ingest.reader import read_document
from tests.helpers.fakes import limits
from tests.helpers.documents import make_docx, make_pdf

_SEEDS_DIR = Path(tempfile.mkdtemp(prefix="docsum-fuzz-seeds-"))
SEEDS = {
    "pdf": make_pdf(_SEEDS_DIR / "seed.pdf", [["Lease of the warehouse in Leeds."], ["Rent is due monthly."]]).read_bytes(),
    "docx": make_docx(_SEEDS_DIR / "seed.docx", ["Minutes of the board.", "The budget was approved."], {0}).read_bytes(),
    "text": "Vertrag über Lieferung.\n\n供货合同。\n\fPage two.\n".encode("utf-8"),
}
LIMITS = limits(max_bytes=4 * MB, max_pages=200, max_unpacked_bytes=16 * MB)
FUZZ = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw):
    """A seed file with bytes flipped, cut short, or spliced with random bytes."""
    kind = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[kind])
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "splice"]))
        if action == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[position:]
            if not data:
                break
        else:
            data[position:position] = draw(st.binary(min_size=1, max_size=64))
    suffix = draw(st.sampled_from([".pdf", ".docx", ".txt", ""]))
    return bytes(data), suffix


def _read(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path, limits=LIMITS)
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc).strip(), "one line for people"
            return None
        assert doc.pages and doc.text.strip()
        return doc


@FUZZ
@given(mutated())
def test_mutated_documents_read_or_fail_cleanly(case):
    _read(*case)


@FUZZ
@given(
    st.sampled_from([b"%PDF-1.", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b""]),
    st.binary(max_size=4096),
    st.sampled_from([".pdf", ".docx", ".txt", ".md"]),
)
def test_random_bytes_behind_a_magic_number_read_or_fail_cleanly(magic, body, suffix):
    _read(magic + body, suffix)
