"""What reading one input may cost; past a limit the file is refused with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.deadline import NO_DEADLINE, Deadline
from core.errors import TooLarge
from core.settings import Settings

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """The per-input limits of a Settings, as ingest applies them."""

    max_bytes: int
    max_pages: int
    #: What a DOCX's parts may unpack to: a decompression bomb unpacks to gigabytes.
    max_unpacked_bytes: int
    deadline: Deadline = field(default=NO_DEADLINE)

    @classmethod
    def from_settings(cls, settings: Settings, deadline: Deadline = NO_DEADLINE) -> "Limits":
        return cls(
            max_bytes=settings.max_file_mb * MB,
            max_pages=settings.max_pages,
            # Four times the file limit, at least 1 GB: real DOCX files compress text about 4:1.
            max_unpacked_bytes=max(4 * settings.max_file_mb, 1024) * MB,
            deadline=deadline,
        )

    def check_pages(self, name: str, pages: int) -> None:
        if pages > self.max_pages:
            raise TooLarge(f"{name}: {pages} pages, more than the limit of {self.max_pages} (max_pages)")


def default_limits() -> Limits:
    """The limits of default settings, for callers that give none."""
    return Limits.from_settings(Settings())
