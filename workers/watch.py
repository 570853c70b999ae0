"""The watched folder: files dropped into an inbox come out as summaries in an outbox.

A file is read only once it is stable (size and mtime unchanged for a while),
its outputs are written atomically before the original is moved to done/, a
failure lands in failed/ with NAME.error.txt, the same content is summarized
once (by sha256), and the state survives a restart of the watcher.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol

from core.errors import DocsumError, EngineUnsupported, InputError, JobNotFound, ModelOutputError, ServiceUnavailable
from docsum.output import DEFAULT_MODE, atomic_write, safe_stem, write_outputs
from core.settings import Settings

#: Names that are never documents: partial downloads, editor and office lock files.
TEMPORARY = ("*.tmp", "*.temp", "*.part", "*.partial", "*.crdownload", "*.download", "*.swp", "*~", "~$*", "*.lock")
STATE_DIR = ".docsum"

Log = Callable[[str], None]


class Backend(Protocol):
    """Where summaries are made: in this process, or by the workers through the broker."""

    def start(self, path: Path, sha256: str) -> str:
        """Begin summarizing (the watcher has hashed the file); returns a ticket (a job id, or a local token)."""

    def check(self, ticket: str) -> dict[str, Any] | None:
        """The finished summary, None while it is running; raises DocsumError when the job failed."""


class InProcessBackend:
    """The embedded default for a single box: summarize right here, one file at a time."""

    def __init__(self, settings: Settings):
        from docsum.pipeline import Pipeline

        self.pipeline = Pipeline(settings)  # the model is loaded for the first file
        self._done: dict[str, dict[str, Any] | DocsumError] = {}

    def start(self, path: Path, sha256: str) -> str:
        ticket = f"local:{path.name}:{time.time_ns()}"
        try:
            self._done[ticket] = self.pipeline.summarize_file(path, sha256=sha256).to_dict()
        except (InputError, ModelOutputError) as exc:
            self._done[ticket] = exc
        return ticket

    def check(self, ticket: str) -> dict[str, Any] | None:
        outcome = self._done.pop(ticket, None)
        if outcome is None:
            # A local ticket from before a restart: its work died with the old process.
            raise _Restart()
        if isinstance(outcome, DocsumError):
            raise outcome
        return outcome


class BrokerBackend:
    """Submit to the Celery workers and collect their results."""

    def __init__(self, settings: Settings):
        from workers.submit import Submitter

        self.submitter = Submitter(settings)

    def start(self, path: Path, sha256: str) -> str:
        with _broker_errors():
            return self.submitter.submit(path, sha256).job_id

    def check(self, ticket: str) -> dict[str, Any] | None:
        from workers.jobs import DONE, FAILED
        from workers.submit import finished_result

        with _broker_errors():
            if self.submitter.store.status(ticket).state not in (DONE, FAILED):
                return None
            return finished_result(self.submitter.store, ticket)


@contextmanager
def _broker_errors():
    """A connection lost after start-up is the same fault as a broker down at start."""
    import kombu.exceptions
    import redis

    try:
        yield
    except (redis.ConnectionError, redis.TimeoutError, kombu.exceptions.OperationalError) as exc:
        raise ServiceUnavailable(f"lost the broker: {exc}") from None


class _Restart(Exception):
    """The ticket cannot be checked any more: start the file again."""


@dataclass
class Entry:
    """What the watcher knows about one content (by sha256)."""

    name: str
    status: str  # "running" | "done" | "failed"
    ticket: str | None = None
    outputs: list[str] = field(default_factory=list)
    error: str | None = None


def is_candidate(path: Path) -> bool:
    """Whether a name in the inbox may be a document (not hidden, not temporary)."""
    name = path.name
    return not name.startswith(".") and not any(fnmatch.fnmatch(name, pattern) for pattern in TEMPORARY)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _free_name(folder: Path, name: str) -> Path:
    """folder/name, or folder/name.1, .2 ... so nothing there is ever overwritten."""
    target, n = folder / name, 0
    while target.exists() or target.is_symlink():
        n += 1
        target = folder / f"{name}.{n}"
    return target


class Watcher:
    """One inbox, one outbox; call run() or, in tests, tick() repeatedly."""

    def __init__(self, inbox: Path, outbox: Path, backend: Backend, stable_seconds: float = 3.0,
                 keep: bool = False, log: Log = print, mode: int = DEFAULT_MODE):
        self.inbox = inbox.resolve()
        self.outbox = outbox.resolve()
        self.backend = backend
        self.stable_seconds = stable_seconds
        self.keep = keep
        self.log = log
        self.mode = mode
        self.done_dir = self.outbox / "done"
        self.failed_dir = self.outbox / "failed"
        self.state_file = self.outbox / STATE_DIR / "state.json"
        for folder in (self.inbox, self.outbox, self.done_dir, self.failed_dir, self.state_file.parent):
            folder.mkdir(parents=True, exist_ok=True)
        self.entries: dict[str, Entry] = self._load()
        self._sizes: dict[Path, tuple[int, int, float]] = {}  # path -> (size, mtime_ns, unchanged since)
        # A file left in the inbox (--keep, a second copy in flight) is looked at on every pass:
        # its digest is kept while its size and mtime stay, not read again each second.
        self._digests: dict[Path, tuple[int, int, str]] = {}  # path -> (size, mtime_ns, sha256)
        self._files: dict[str, Path] = {}  # sha -> the inbox file being summarized
        self._kept: set[str] = set()  # with keep=True: shas whose originals stay in the inbox
        self._broker_lost = False

    # -- state -------------------------------------------------------------------------------

    def _load(self) -> dict[str, Entry]:
        if not self.state_file.exists():
            return {}
        data = json.loads(self.state_file.read_text(encoding="utf-8"))
        return {sha: Entry(**entry) for sha, entry in data.get("entries", {}).items()}

    def _save(self) -> None:
        data = {"entries": {sha: vars(e) for sha, e in self.entries.items()}}
        atomic_write(self.state_file, json.dumps(data, ensure_ascii=False, indent=1), mode=0o600)

    # -- one pass ----------------------------------------------------------------------------

    def stable_files(self) -> list[Path]:
        """Inbox files whose size and mtime have not changed for stable_seconds."""
        now = time.monotonic()
        ready, present = [], set()
        for path in sorted(self.inbox.iterdir()):
            if not is_candidate(path) or path.is_dir():
                continue
            present.add(path)
            try:
                stat = path.lstat()
            except FileNotFoundError:
                continue
            key = (stat.st_size, stat.st_mtime_ns)
            seen = self._sizes.get(path)
            if seen is None or seen[:2] != key:
                self._sizes[path] = (*key, now)
            elif now - seen[2] >= self.stable_seconds:
                ready.append(path)
        for gone in set(self._sizes) - present:
            del self._sizes[gone]
            self._digests.pop(gone, None)
        return ready

    def tick(self) -> None:
        """Look at the inbox once and collect finished work."""
        for path in self.stable_files():
            if path in self._files.values():
                continue
            try:
                self._consider(path)
            except (OSError, ServiceUnavailable) as exc:
                # A fault (disk full, broker down), not a bad file: keep it and try again later.
                self.log(f"{path.name}: will retry: {exc}")
        try:
            self._collect()
        except ServiceUnavailable as exc:
            if not self._broker_lost:  # once per outage, not once a second
                self.log(f"waiting for the broker: {exc}")
            self._broker_lost = True
        else:
            if self._broker_lost:
                self.log("the broker is back")
            self._broker_lost = False

    def _consider(self, path: Path) -> None:
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(self.inbox):
                self._fail_file(path, f"{path.name} is a symbolic link to {target}, outside the inbox; not followed")
                return
        sha = self._digest(path)
        if sha in self._kept:
            return
        entry = self.entries.get(sha)
        if entry is None:
            self.log(f"{path.name}: summarizing")
            try:
                ticket = self.backend.start(path, sha)
            except (ServiceUnavailable, EngineUnsupported):
                raise  # not the file's fault: it stays in the inbox
            except DocsumError as exc:  # the file itself is bad: it is read before anything is queued
                self._fail_file(path, str(exc), sha)
                return
            self._files[sha] = path
            self.entries[sha] = Entry(name=path.name, status="running", ticket=ticket)
            self._save()
        elif entry.status == "running":
            # After a restart nobody holds the job's file yet: this one does. Otherwise
            # it is a second copy of content in flight, handled once that finishes.
            self._files.setdefault(sha, path)
        elif entry.status == "done":
            try:
                summary = self._stored_summary(entry)
            except (OSError, ValueError, StopIteration):
                # Its outputs were removed from the outbox: summarize it again.
                del self.entries[sha]
                self._save()
                return
            self.log(f"{path.name}: same content as {entry.name}, already summarized")
            self._deliver(path, sha, summary)
        else:
            self._fail_file(path, entry.error or "failed earlier", sha)

    def _digest(self, path: Path) -> str:
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        known = self._digests.get(path)
        if known is None or known[:2] != key:
            known = (*key, _sha256(path))
            self._digests[path] = known
        return known[2]

    def _collect(self) -> None:
        for sha, entry in list(self.entries.items()):
            if entry.status != "running":
                continue
            try:
                summary = self.backend.check(entry.ticket)
            except (_Restart, JobNotFound):
                # The work is gone (local work of an old process, or a broker that lost
                # its data): forget it, and the file in the inbox is started again.
                del self.entries[sha]
                self._files.pop(sha, None)
                self._save()
                continue
            except ServiceUnavailable:
                raise
            except DocsumError as exc:
                path = self._files.pop(sha, None) or self.inbox / entry.name
                entry.status, entry.error = "failed", str(exc)
                self._save()
                if path.exists():
                    self._fail_file(path, str(exc), sha)
                continue
            if summary is None:
                continue
            path = self._files.get(sha) or self.inbox / entry.name
            try:
                self._deliver(path, sha, summary)
            except OSError as exc:
                self.log(f"{entry.name}: cannot write the summary yet, will retry: {exc}")

    # -- outcomes ----------------------------------------------------------------------------

    def _stored_summary(self, entry: Entry) -> dict[str, Any]:
        json_out = next(Path(p) for p in entry.outputs if p.endswith(".json"))
        return json.loads(json_out.read_text(encoding="utf-8"))

    def _stem_for(self, path: Path, sha: str) -> str:
        stem = safe_stem(path.stem)
        existing = self.outbox / f"{stem}.summary.json"
        if existing.exists():
            try:
                if json.loads(existing.read_text(encoding="utf-8"))["source"]["sha256"] != sha:
                    stem = f"{stem}-{sha[:8]}"
            except (ValueError, KeyError):
                stem = f"{stem}-{sha[:8]}"
        return stem

    def _deliver(self, path: Path, sha: str, summary: dict[str, Any]) -> None:
        """Outputs first, safely on disk; then the state; only then the original moves."""
        written = write_outputs(summary, self.outbox, self._stem_for(path, sha), ("json", "md"), self.mode)
        entry = self.entries.get(sha)
        if entry is None or entry.status != "done":
            self.entries[sha] = Entry(name=path.name, status="done", outputs=[str(p) for p in written])
            self._save()
        self._files.pop(sha, None)
        if self.keep:
            self._kept.add(sha)
        elif path.exists():
            shutil.move(str(path), _free_name(self.done_dir, path.name))
        self.log(f"{path.name}: done -> {written[0].name}")

    def _fail_file(self, path: Path, reason: str, sha: str | None = None) -> None:
        error_file = _free_name(self.failed_dir, f"{safe_stem(path.name)}.error.txt")
        # Reasons from ingest already start with the file's name.
        line = reason if reason.startswith(f"{path.name}:") else f"{path.name}: {reason}"
        atomic_write(error_file, " ".join(line.split()) + "\n", self.mode)
        if self.keep and sha:
            self._kept.add(sha)
        else:
            shutil.move(str(path), _free_name(self.failed_dir, path.name))
        if sha:
            self._files.pop(sha, None)
        self.log(f"{path.name}: failed: {reason}")

    # -- loop --------------------------------------------------------------------------------

    def run(self, poll: float | None = None, stop: threading.Event | None = None) -> None:
        """Watch until stopped: inotify wakes the loop early; with poll, a polling observer (network shares)."""
        from watchdog.events import (
            EVENT_TYPE_CLOSED, EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED,
            FileSystemEventHandler,
        )
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        stop = stop or threading.Event()
        wake = threading.Event()

        # Our own reads of a file (hashing it) raise "opened" and "closed_no_write" events: woken by
        # them, the loop would hash again at once and spin a core (seen with a second copy of a
        # file in flight, which is hashed on every pass).
        changes = {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_DELETED, EVENT_TYPE_CLOSED}

        class Wake(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in changes:
                    wake.set()

        observer = PollingObserver(timeout=poll) if poll else Observer()
        observer.schedule(Wake(), str(self.inbox), recursive=False)
        observer.start()
        interval = min(1.0, self.stable_seconds / 2) if not poll else poll
        try:
            while not stop.is_set():
                self.tick()
                wake.wait(interval)
                wake.clear()
        finally:
            observer.stop()
            observer.join()


def make_backend(settings: Settings) -> Backend:
    """Through the workers when a broker is configured, else in this process."""
    return BrokerBackend(settings) if settings.broker_url else InProcessBackend(settings)
