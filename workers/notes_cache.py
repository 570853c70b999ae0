"""Map results kept in Redis, keyed by what determines them, so a retried or
resubmitted job resumes instead of starting over."""

from __future__ import annotations

import hashlib
import json

import redis

from chunking.plan import Chunk
from summarize.prompts import PROMPT_VERSION
from summarize.schema import Notes
from workers.jobs import TTL_SECONDS
from workers.messages import notes_from_dict, notes_to_dict


class RedisNotesCache:
    """NotesCache for summarize.Summarizer, shared by every worker on the broker."""

    def __init__(self, client: redis.Redis, model_identity: str, language: str, map_output_tokens: int, total: int):
        self.r = client
        # Everything the map prompt and its answer depend on, besides the chunk itself.
        self.context = f"{model_identity}|{PROMPT_VERSION}|{language}|{map_output_tokens}|{total}"

    def key(self, chunk: Chunk) -> str:
        digest = hashlib.sha256(f"{self.context}|{chunk.index}|{chunk.text}".encode("utf-8")).hexdigest()
        return f"docsum:notes:{digest}"

    def get(self, chunk: Chunk) -> Notes | None:
        raw = self.r.get(self.key(chunk))
        return notes_from_dict(json.loads(raw)) if raw else None

    def put(self, chunk: Chunk, notes: Notes) -> None:
        self.r.set(self.key(chunk), json.dumps(notes_to_dict(notes), ensure_ascii=False), ex=TTL_SECONDS)
