"""Model files on disk: the catalog of known models, the store that finds, pulls and
verifies them, downloads, and Ollama's model store."""
