"""The watched folder: stability and bookkeeping with a recording backend (fast), then
the real thing: `docsum watch` processes, in process and through real workers."""

import json
import threading
import time
from pathlib import Path

import pytest

import workers.watch as watch
from core.errors import InputError, ServiceUnavailable
from tests.helpers.documents import report_text
from workers.jobs import JobStore, connect
from tests.workers.services import WatchProcess, wait_for
from workers.watch import Watcher, is_candidate


class RecordingBackend:
    """Finishes every file at once with a minimal summary; records what it was asked."""

    def __init__(self, fail: set[str] = frozenset()):
        self.started: list[str] = []
        self.fail = fail

    def start(self, path: Path, sha256: str) -> str:
        import hashlib

        # The watcher hashes each file once and hands the digest on (ingest does not hash again).
        assert sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        if path.name in self.fail:
            raise InputError(f"{path.name}: damaged PDF, cannot be read")
        self.started.append(path.name)
        return path.name

    def check(self, ticket: str):
        import hashlib

        return {"schema": "docsum.summary/v1", "title": ticket, "summary": "s", "key_points": [], "doc_type": "other",
                "language": "en", "summary_language": "en", "entities": [], "model": {"name": "m", "n_ctx": 1},
                "strategy": {"mode": "single", "chunks": 1, "passes": 1},
                "source": {"path": ticket, "sha256": hashlib.sha256(ticket.encode()).hexdigest(), "format": "text",
                           "pages": 1, "page_unit": "page"}}


def _watcher(tmp_path, backend, **kw):
    return Watcher(tmp_path / "in", tmp_path / "out", backend, stable_seconds=kw.pop("stable", 0.2), log=lambda m: None, **kw)


def _settle(watcher, seconds=0.5):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        watcher.tick()
        time.sleep(0.05)


def test_hidden_and_temporary_files_are_skipped():
    names = ["report.pdf", ".hidden.pdf", "x.pdf.part", "~$lock.docx", "a.tmp", "b.crdownload", "notes.txt~"]
    assert [n for n in names if is_candidate(Path(n))] == ["report.pdf"]


def test_a_file_still_growing_is_not_read(tmp_path):
    backend = RecordingBackend()
    w = _watcher(tmp_path, backend, stable=0.6)
    growing = w.inbox / "big.txt"
    for i in range(6):  # keeps changing for longer than the stable time
        with growing.open("a") as handle:
            handle.write("more text " * 100)
        w.tick()
        time.sleep(0.2)
    assert backend.started == []
    _settle(w, 1.0)
    assert backend.started == ["big.txt"]


def test_outputs_then_original_moved_duplicates_and_failures(tmp_path):
    backend = RecordingBackend(fail={"bad.pdf"})
    w = _watcher(tmp_path, backend)
    (w.inbox / "a.txt").write_text("alpha")
    (w.inbox / "copy-of-a.txt").write_text("alpha")
    (w.inbox / "bad.pdf").write_text("x")
    _settle(w, 1.0)
    assert backend.started == ["a.txt"], "same content is summarized once"
    assert sorted(p.name for p in (w.outbox / "done").iterdir()) == ["a.txt", "copy-of-a.txt"]
    assert (w.outbox / "a.summary.json").is_file() and (w.outbox / "copy-of-a.summary.md").is_file()
    assert "damaged PDF" in (w.outbox / "failed" / "bad.pdf.error.txt").read_text()
    assert (w.outbox / "failed" / "bad.pdf").is_file()
    assert list(w.inbox.iterdir()) == []


def test_keep_leaves_originals_and_does_not_redo_them(tmp_path):
    backend = RecordingBackend()
    w = _watcher(tmp_path, backend, keep=True)
    (w.inbox / "a.txt").write_text("alpha")
    _settle(w, 1.0)
    assert (w.inbox / "a.txt").exists() and backend.started == ["a.txt"]


def test_a_file_left_in_the_inbox_is_read_again_only_when_it_changes(tmp_path, monkeypatch):
    reads = []
    digest = watch._sha256
    monkeypatch.setattr(watch, "_sha256", lambda path: reads.append(path.name) or digest(path))
    w = _watcher(tmp_path, RecordingBackend(), keep=True)
    kept = w.inbox / "a.txt"
    kept.write_text("alpha")
    _settle(w, 1.0)  # about 20 passes
    assert reads == ["a.txt"], "hashed once, not on every pass"
    kept.write_text("alpha, revised")
    _settle(w, 1.0)
    assert reads == ["a.txt", "a.txt"], "hashed again once changed"


def test_symlink_out_of_the_inbox_is_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    backend = RecordingBackend()
    w = _watcher(tmp_path, backend)
    (w.inbox / "link.txt").symlink_to(secret)
    _settle(w, 1.0)
    assert backend.started == []
    assert "outside the inbox" in (w.outbox / "failed" / "link.txt.error.txt").read_text()
    assert secret.read_text() == "do not read"


def test_hostile_names_stay_in_the_outbox_and_outputs_are_private(tmp_path):
    backend = RecordingBackend(fail={"\x1b[31mred.pdf"})
    w = _watcher(tmp_path, backend)
    (w.inbox / "report\nwith newline.txt").write_text("alpha")
    (w.inbox / "\x1b[31mred.pdf").write_text("beta")
    (w.inbox / ("long" * 60 + ".txt")).write_text("gamma")
    _settle(w, 1.0)
    outputs = sorted(p.name for p in w.outbox.iterdir() if p.is_file())
    long_stem = ("long" * 60)[:120]
    assert outputs == sorted([f"{long_stem}.summary.json", f"{long_stem}.summary.md",
                              "report_with newline.summary.json", "report_with newline.summary.md"])
    assert [p.name for p in (w.outbox / "failed").iterdir() if p.name.endswith(".error.txt")] == ["_[31mred.pdf.error.txt"]
    for path in w.outbox.rglob("*"):
        assert path.resolve().is_relative_to(w.outbox)
        if path.is_file() and path.parent.name != "done" and path.suffix != ".pdf":
            assert path.stat().st_mode & 0o077 == 0, f"{path} is readable by others"
    # The original names are kept for the originals themselves: nothing a user gave is renamed.
    assert (w.outbox / "done" / "report\nwith newline.txt").exists()


def test_output_permissions_follow_the_setting(tmp_path):
    w = _watcher(tmp_path, RecordingBackend(), mode=0o640)
    (w.inbox / "a.txt").write_text("alpha")
    _settle(w, 1.0)
    assert (w.outbox / "a.summary.json").stat().st_mode & 0o777 == 0o640


def test_a_full_disk_keeps_the_file_and_finishes_once_there_is_room(tmp_path, monkeypatch):
    import docsum.output

    backend = RecordingBackend()
    w = _watcher(tmp_path, backend)
    (w.inbox / "a.txt").write_text("alpha")
    real_write = docsum.output.atomic_write

    def full(path, content, mode=0o600):
        if ".summary." in path.name:
            raise OSError(28, "No space left on device")
        return real_write(path, content, mode)

    monkeypatch.setattr(docsum.output, "atomic_write", full)
    _settle(w, 1.0)
    assert (w.inbox / "a.txt").exists(), "the input stays until its output is on disk"
    assert not list(w.outbox.glob("*.summary.*")) and not list((w.outbox / "failed").iterdir())
    monkeypatch.setattr(docsum.output, "atomic_write", real_write)
    _settle(w, 1.0)
    assert (w.outbox / "a.summary.json").is_file() and (w.outbox / "done" / "a.txt").exists()
    assert backend.started == ["a.txt"], "summarized once, written when there was room"


class StalledBackend(RecordingBackend):
    """Its jobs never finish, and the broker is down: check() counts how often it is asked."""

    def __init__(self):
        super().__init__()
        self.checks = 0

    def check(self, ticket: str):
        self.checks += 1
        raise ServiceUnavailable("lost the broker: Connection refused")


def test_a_second_copy_of_a_running_file_does_not_make_the_loop_spin(tmp_path):
    backend, lines = StalledBackend(), []
    w = Watcher(tmp_path / "in", tmp_path / "out", backend, stable_seconds=0.2, log=lines.append)
    (w.inbox / "memo.txt").write_text("The Provider services the equipment every quarter.")
    (w.inbox / "copy.txt").write_text("The Provider services the equipment every quarter.")
    stop = threading.Event()
    loop = threading.Thread(target=w.run, kwargs={"stop": stop})
    loop.start()
    time.sleep(3)
    stop.set()
    loop.join(5)
    # Each pass looks at the copy; the watcher's own reads of it must not wake the loop at once.
    # At one pass every 0.1 s (half the stable time), 3 s make about 30; a spinning loop makes thousands.
    assert backend.started == ["copy.txt"]
    assert 5 <= backend.checks <= 60, backend.checks
    assert [line for line in lines if "waiting for the broker" in line] == [
        "waiting for the broker: lost the broker: Connection refused"
    ], "an outage is told once, not on every pass"


def test_state_survives_a_new_watcher(tmp_path):
    backend = RecordingBackend()
    w = _watcher(tmp_path, backend)
    (w.inbox / "a.txt").write_text("alpha")
    _settle(w, 1.0)
    (w.inbox / "again.txt").write_text("alpha")
    w2 = _watcher(tmp_path, backend)
    _settle(w2, 1.0)
    assert backend.started == ["a.txt"]
    assert (w2.outbox / "done" / "again.txt").exists()


# -- real processes ---------------------------------------------------------------------------


def _drop(inbox: Path, n: int, sections=1):
    inbox.mkdir(parents=True, exist_ok=True)
    staging = inbox.parent / "staging"
    staging.mkdir(exist_ok=True)
    for i in range(n):
        (staging / f"memo{i:02d}.txt").write_text(report_text(sections, seed=100 + i))
    for f in sorted(staging.iterdir()):
        f.rename(inbox / f.name)  # an atomic drop, as a copy tool finishing would do


@pytest.mark.slow
def test_in_process_watch_without_a_broker(tmp_path, service_env):
    # Alone on the box: the embedded watcher takes both cores, as it would by default.
    env = {**{k: v for k, v in service_env.items() if k != "DOCSUM_BROKER_URL"}, "DOCSUM_THREADS": "2"}
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    _drop(inbox, 2)
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    watcher = WatchProcess(inbox, outbox, env, tmp_path / "watch.log")
    try:
        wait_for(lambda: len(list((outbox / "done").glob("*"))) == 2 and len(list((outbox / "failed").glob("*.error.txt"))) == 1,
                  300, "two summaries and one failure")
    finally:
        watcher.stop()
    assert "in process" in (tmp_path / "watch.log").read_text()
    for i in range(2):
        assert json.loads((outbox / f"memo{i:02d}.summary.json").read_text())["schema"] == "docsum.summary/v1"
    assert "broken.pdf" in (outbox / "failed" / "broken.pdf.error.txt").read_text()


@pytest.mark.slow
def test_ten_files_at_once_through_two_workers(tmp_path, service_env, workers, redis_server):
    workers(2)
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    _drop(inbox, 10)
    (inbox / "duplicate.txt").write_bytes((inbox / "memo00.txt").read_bytes())
    watcher = WatchProcess(inbox, outbox, service_env, tmp_path / "watch.log")
    try:
        wait_for(lambda: len(list((outbox / "done").glob("*"))) == 11, 900, "11 originals in done/")
    finally:
        watcher.stop()
    assert len(list(outbox.glob("*.summary.json"))) == 11 and len(list(outbox.glob("*.summary.md"))) == 11
    assert list(inbox.iterdir()) == []
    jobs = JobStore(connect(redis_server.url)).recent(100)
    assert len(jobs) == 10, "the duplicate was summarized once"


@pytest.mark.slow
def test_watcher_killed_mid_batch_loses_and_duplicates_nothing(tmp_path, service_env, workers, redis_server):
    workers(2)
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    _drop(inbox, 8)
    log = tmp_path / "watch.log"
    watcher = WatchProcess(inbox, outbox, service_env, log)
    wait_for(lambda: len(list(outbox.glob("*.summary.json"))) >= 2, 600, "the first summaries")
    watcher.kill()
    watcher.handle.close()
    restarted = WatchProcess(inbox, outbox, service_env, log)
    try:
        wait_for(lambda: len(list((outbox / "done").glob("*"))) == 8, 900, "all 8 originals in done/")
    finally:
        restarted.stop()
    names = sorted(p.name for p in outbox.glob("*.summary.json"))
    assert names == [f"memo{i:02d}.summary.json" for i in range(8)], "one summary per file, no duplicates"
    assert sorted(p.name for p in (outbox / "done").iterdir()) == [f"memo{i:02d}.txt" for i in range(8)]
    assert list(inbox.iterdir()) == [] and not list((outbox / "failed").iterdir())

