"""The terms of a query's answer as plain Python values: IRIs and text as str, numbers and booleans
as such, an unbound variable as None.

A question over the whole corpus answers tens of thousands of rows, hundreds of thousands of terms,
and converting them one at a time is a loop of the interpreter's own; this module is compiled with
mypyc in a regular install (see hatch_build.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from . import vocab

_XSD = str(vocab.XSD)
_INTEGERS = frozenset(
    _XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")
)
_DECIMALS = frozenset(_XSD + t for t in ("decimal", "double", "float"))
_BOOLEAN = _XSD + "boolean"


def value(term: Any) -> Any:
    """A plain Python value of an RDF term (None for an unbound variable).

    >>> value(ox.Literal("3", datatype=ox.NamedNode(_XSD + "integer"))), value(ox.Literal("食安办", language="zh"))
    (3, '食安办')
    """
    if isinstance(term, ox.Literal):
        if term.language is not None:  # most text is tagged @zh: no datatype to look at
            return term.value
        datatype: str = term.datatype.value
        text: str = term.value
        try:
            if datatype in _INTEGERS:
                return int(text)
            if datatype in _DECIMALS:
                return float(text)
        except ValueError:
            return text  # an ill-typed literal stays as written
        if datatype == _BOOLEAN:
            return text in ("true", "1")
        return text
    if isinstance(term, ox.NamedNode):
        return term.value
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def rows(solutions: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Each solution of a SELECT answer as a tuple of values, in the order of its variables."""
    return [tuple([value(term) for term in solution]) for solution in solutions]


def triples(result: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Each triple of a CONSTRUCT or DESCRIBE answer as (subject, predicate, object) values."""
    return [(value(t.subject), value(t.predicate), value(t.object)) for t in result]
