"""Files to Documents: text page by page, with offsets and a language."""

from ingest.model import Document, Page
from ingest.reader import read_document

__all__ = ["Document", "Page", "read_document"]
