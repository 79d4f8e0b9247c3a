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
    "compiled_modules",
    "extract",
]


def extract(path: str) -> Document:
    """Read and extract one policy document.

    Examples
    --------
    >>> import fsgraph
    >>> doc = fsgraph.extract("examples/dongchuan_opinion.txt")  # doctest: +SKIP
    """
    from .extraction import extract_path

    return extract_path(path)


def compiled_modules() -> list[str]:
    """The modules of this installation that run compiled (mypyc C extensions; see hatch_build.py),
    sorted; empty for a pure-Python install such as an editable one."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec
    from pkgutil import iter_modules

    compiled = []
    for module in iter_modules(__path__):
        spec = find_spec(f"{__name__}.{module.name}")
        if spec is not None and spec.origin and spec.origin.endswith(tuple(EXTENSION_SUFFIXES)):
            compiled.append(module.name)
    return sorted(compiled)
