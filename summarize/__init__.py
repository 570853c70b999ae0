"""Engines, prompts, schema, map and reduce: a Document and Plan in, a Summary out.

This package never reads files: documents arrive as ingest.Document.
"""
