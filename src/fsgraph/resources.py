"""Locate the data folders (``ontology/``, ``loaders/``, ``queries/``).

They live at the top of the checkout and ship inside the wheel as ``fsgraph/_data/…``; an installed
fsgraph reads the packaged copy, an editable install reads the checkout.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder ``name`` (one of ontology, loaders, queries)."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"fsgraph data folder {name!r} is missing from this installation")


def data_file(folder: str, filename: str) -> Path:
    return data_dir(folder) / filename
