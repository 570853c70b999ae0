"""docsum: offline summaries of long documents.

This package is the application on top of the stages: `pipeline` runs ingest,
chunking and summarize in order (the one door every caller goes through), and
`output` writes the results. The ground below it is `core`; the batch service
(`workers`) and the command line (`cli`) sit above it.
"""

__version__ = "0.1.0"
