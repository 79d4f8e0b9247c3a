"""The library functions behind each CLI command."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import FsgraphError, InputError
from .extract import extract_path
from .model import Document


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files to read: each path, or every supported file under a folder; plus the bad paths."""
    from . import readers

    return readers.iter_inputs(paths)


def extract_many(paths: Iterable[str | Path]) -> tuple[list[Document], list[FsgraphError]]:
    """Extract every readable document; collect one error per unreadable one."""
    files, errors = expand(paths)
    documents: list[Document] = []
    failures: list[FsgraphError] = list(errors)
    for path in files:
        try:
            documents.append(extract_path(path))
        except FsgraphError as error:
            failures.append(error)
    return documents, failures
