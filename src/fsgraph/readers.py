"""Readers: turn a file into a :class:`~fsgraph.model.Source` of lines and tables with positions.

Readers are registered by file suffix, the way rdflib registers parsers by format name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from .errors import InputError, UnsupportedFormat
from .model import Source, TextLine

Reader = Callable[[Path, bytes], Source]
_READERS: dict[str, Reader] = {}


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    def wrap(func: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = func
        return func

    return wrap


def supported_suffixes() -> list[str]:
    return sorted(_READERS)


def read(path: str | Path) -> Source:
    """Read one file into a :class:`Source`; raise :class:`InputError` with a clear reason."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(p), "no such file")
    reader = _READERS.get(p.suffix.lower())
    if reader is None:
        raise UnsupportedFormat(str(p), f"unsupported file type {p.suffix or '(none)'}")
    data = p.read_bytes()
    if not data.strip():
        raise InputError(str(p), "file is empty")
    return reader(p, data)


def _source(path: Path, data: bytes, fmt: str, encoding: str | None, lines: list[TextLine]) -> Source:
    return Source(
        name=path.name,
        path=str(path),
        format=fmt,
        encoding=encoding,
        blocks=list(lines),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


@register(".txt")
def read_text(path: Path, data: bytes) -> Source:
    text = data.decode("utf-8-sig")
    lines = [TextLine(i, t) for i, t in enumerate(text.splitlines(), start=1)]
    return _source(path, data, "txt", "utf-8", lines)
