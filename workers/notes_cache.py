"""Map results kept in Redis under summarize.summarizer.notes_key, so a retried or
resubmitted job resumes instead of starting over."""

from __future__ import annotations

import json

import redis

from summarize.schema import Notes
from workers.jobs import TTL_SECONDS
from workers.messages import notes_from_dict, notes_to_dict

_PREFIX = "docsum:notes:"


class RedisNotesCache:
    """A NotesCache shared by every worker on the broker."""

    def __init__(self, client: redis.Redis):
        self.r = client

    def get(self, key: str) -> Notes | None:
        raw = self.r.get(_PREFIX + key)
        return notes_from_dict(json.loads(raw)) if raw else None

    def put(self, key: str, notes: Notes) -> None:
        self.r.set(_PREFIX + key, json.dumps(notes_to_dict(notes), ensure_ascii=False), ex=TTL_SECONDS)
