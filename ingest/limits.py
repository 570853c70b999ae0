"""What reading one input may cost; past a limit the file is refused with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from docsum.deadline import NO_DEADLINE, Deadline
from docsum.errors import TooLarge

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 256 * MB
    max_pages: int = 5000
    #: What a DOCX's parts may unpack to: a decompression bomb unpacks to gigabytes.
    max_unpacked_bytes: int = 1024 * MB
    deadline: Deadline = field(default=NO_DEADLINE)

    def check_pages(self, name: str, pages: int) -> None:
        if pages > self.max_pages:
            raise TooLarge(f"{name}: {pages} pages, more than the limit of {self.max_pages} (max_pages)")
