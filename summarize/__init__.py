"""A Document and its Plan in, a Summary out: the summarizer (map and reduce),
prompts, the output schema, structured generation and citations.

`engines/` runs the model, `models/` keeps model files. This package never reads
documents: they arrive as ingest.Document.
"""
