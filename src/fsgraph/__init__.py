"""fsgraph: food-safety policy documents into a knowledge graph of policies, tasks and departments."""

from __future__ import annotations

from .errors import FsgraphError, InputError, QueryError, StoreError
from .model import Department, Document, Parent, Target, Task

__version__ = "0.1.0"

__all__ = [
    "Department",
    "Document",
    "FsgraphError",
    "InputError",
    "Parent",
    "QueryError",
    "StoreError",
    "Target",
    "Task",
    "__version__",
    "extract",
]


def extract(path: str) -> Document:
    """Read and extract one policy document.

    Examples
    --------
    >>> import fsgraph
    >>> doc = fsgraph.extract("examples/fuxin_opinion.txt")  # doctest: +SKIP
    """
    from .extract import extract_path

    return extract_path(path)
