"""The one table from error types to exit codes; documented in the README."""

from __future__ import annotations

from core import errors

OK = 0
INTERNAL = 1
USAGE = 2
INTERRUPTED = 130

#: Most specific first: the first matching class decides the code.
EXIT_CODES: tuple[tuple[type[errors.DocsumError], int], ...] = (
    (errors.UsageError, USAGE),
    (errors.PasswordError, 4),
    (errors.NoTextLayer, 5),
    (errors.TooLarge, 13),
    (errors.TimeLimitExceeded, 14),
    (errors.InputError, 3),
    (errors.ModelUnavailable, 6),
    (errors.EngineUnavailable, 12),
    (errors.EngineUnsupported, 15),
    (errors.ModelError, 7),
    (errors.JobNotFound, 9),
    (errors.JobPending, 10),
    (errors.JobFailedError, 11),
    (errors.ServiceUnavailable, 8),
)


def exit_code(error: BaseException) -> int:
    """The exit code for an error: its class's entry, or INTERNAL for anything unexpected."""
    for cls, code in EXIT_CODES:
        if isinstance(error, cls):
            return code
    return INTERNAL
