"""docsum's text rules: what a sentence, a heading, small print or a leaning sentence looks like,
with the words of each language as data (rules/lang/<code>.toml, one file per language).

This layer sits right above core and below every stage that reads text (ingest, chunking,
summarize); it imports none of them. Adding a language is adding its data file.
"""
