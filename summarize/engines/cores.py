"""Sharing a box's cores between the model processes generating on it at the same moment.

llama.cpp's OpenMP threads spin while they wait for each other, so two processes that
each take every core do not run at half speed but, measured on 2 cores, 55 times slower
(bench.oversubscription). A generating process therefore announces itself with a locked
file in a directory every docsum process of the box uses, and takes cores // (processes
generating now) threads, looking again while it works. A process that dies releases its
lock with it; its file is removed by the next one that finds it unlocked.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from core.settings import available_cores


class CoreShare:
    """This process's fair share of the cores among the processes generating now."""

    #: Seconds between looks at the others while generating: a few syscalls each.
    INTERVAL = 0.5

    def __init__(self, directory: Path, cores: int | None = None):
        self.directory = directory
        self.cores = cores or available_cores()
        self._mine: Path | None = None
        self._fd: int | None = None
        self._threads = self.cores
        self._looked = 0.0

    @contextmanager
    def generating(self) -> Iterator["CoreShare"]:
        """Be counted among the generating processes for the duration of the block."""
        self._announce()
        try:
            self._looked = 0.0
            yield self
        finally:
            self._withdraw()

    def threads(self) -> int:
        """Threads to use now; counts the others at most every INTERVAL seconds."""
        now = time.monotonic()
        if now - self._looked >= self.INTERVAL:
            self._looked = now
            self._threads = max(1, self.cores // self.generating_now())
        return self._threads

    def generating_now(self) -> int:
        """Processes of this box generating at this moment, this one included if it is."""
        count = 0
        try:
            entries = list(self.directory.glob("*.gen"))
        except OSError:
            return 1
        for path in entries:
            if path == self._mine:
                count += 1
            elif _held(path):
                count += 1
        return max(1, count)

    def _announce(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Locked under a temporary name, then renamed: another process never sees
            # the file unlocked and takes it for a dead one's.
            # Random as well as the pid: containers sharing the directory reuse pids.
            name = f"{os.getpid()}-{secrets.token_hex(6)}"
            temp = self.directory / f"{name}.tmp"
            fd = os.open(temp, os.O_CREAT | os.O_RDWR, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            mine = self.directory / f"{name}.gen"
            os.replace(temp, mine)
        except OSError:
            # A box where the directory cannot be written: run alone, as before.
            self._mine = self._fd = None
            return
        self._mine, self._fd = mine, fd

    def _withdraw(self) -> None:
        if self._mine is not None:
            try:
                self._mine.unlink()
            except OSError:
                pass
        if self._fd is not None:
            os.close(self._fd)
        self._mine = self._fd = None


def _held(path: Path) -> bool:
    """Whether a live process holds path's lock; a dead one's file is removed."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False  # gone meanwhile: that process has finished
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
    try:
        path.unlink()
    except OSError:
        pass
    return False
