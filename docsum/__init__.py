"""docsum: offline summaries of long documents.

The stages live in their own packages (ingest, chunking, summarize, workers);
this package holds what they share: errors, settings, and the pipeline that
runs the stages in order.
"""

__version__ = "0.1.0"
