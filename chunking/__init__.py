"""Token-aware plans: one pass when the document fits, overlapping windows when not."""

from chunking.plan import Budget, Chunk, Plan, make_plan

__all__ = ["Budget", "Chunk", "Plan", "make_plan"]
