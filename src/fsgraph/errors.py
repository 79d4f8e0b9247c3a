"""Specific exceptions. The CLI turns each into one line on stderr and a non-zero exit code."""

from __future__ import annotations


class FsgraphError(Exception):
    """Base class: every error fsgraph raises on purpose. ``exit_code`` is what the CLI returns."""

    exit_code = 1


class InputError(FsgraphError):
    """A path that cannot be read as a policy document (missing, empty, binary, undecodable…)."""

    exit_code = 2

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Errors of files extracted in worker processes come back pickled.
        return (type(self), (self.path, self.reason))


class UnsupportedFormat(InputError):
    """A file whose suffix no reader is registered for."""


class StoreError(FsgraphError):
    """The graph store is missing, locked, damaged or from an incompatible version; or a file written
    from it (an export, a map) cannot be written."""

    exit_code = 3


class QueryError(FsgraphError):
    """A malformed query or an unknown question / bad parameter."""

    exit_code = 4


class EngineError(FsgraphError):
    """A query engine or server that cannot be reached or refuses the request."""

    exit_code = 5
