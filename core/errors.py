"""The errors docsum raises on purpose, each with a message written for people.

Anything else that escapes is a bug. The CLI maps these classes to exit codes
in one table (cli/exit_codes.py); library code never exits.
"""


class DocsumError(Exception):
    """Base of every expected failure; str(error) is the message for the user."""


class UsageError(DocsumError):
    """The request itself is wrong: a bad option, a bad config value."""


class InputError(DocsumError):
    """An input document cannot be read."""


class FileMissing(InputError):
    """The path does not exist or is not a regular file."""


class UnsupportedFormat(InputError):
    """The file's content is not a format docsum reads."""


class DamagedDocument(InputError):
    """The file claims a format but its content is broken."""


class EmptyDocument(InputError):
    """The document has no text to summarize."""


class NoTextLayer(EmptyDocument):
    """A PDF whose pages are images: there is no text to extract without OCR."""


class TooLarge(InputError):
    """The input exceeds a configured limit (bytes, pages, unpacked size, tokens): refused up front."""


class TimeLimitExceeded(InputError):
    """Reading or summarizing one input took longer than its time limit."""


class PasswordError(InputError):
    """The document is encrypted and no password, or a wrong one, was given."""


class ModelError(DocsumError):
    """The model cannot be found, fetched, loaded or run."""


class ModelUnavailable(ModelError):
    """The named model is not known, not cached, or cannot be downloaded."""


class ModelOutputError(ModelError):
    """The model produced output that does not satisfy the summary schema."""


class EngineUnsupported(ModelError):
    """The in-process engine cannot run on this CPU: its probe died of SIGILL."""


class EngineUnavailable(ModelError):
    """The model server cannot be reached, or keeps failing after retries."""


class ServiceUnavailable(DocsumError):
    """The broker (Redis) cannot be reached, or a job cannot be found there."""


class JobNotFound(ServiceUnavailable):
    """No job with that id is known to the broker."""


class JobPending(DocsumError):
    """The job has not finished yet."""


class JobFailedError(DocsumError):
    """The job ended in failure; the message says why."""
