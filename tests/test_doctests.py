"""The examples in fsgraph's docstrings hold (on the installed package, as users import it; the
compiled modules' examples are not reachable through doctest and are left out)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import fsgraph


def test_docstring_examples_hold() -> None:
    results = {
        m.name: doctest.testmod(importlib.import_module(f"fsgraph.{m.name}"), report=True)
        for m in pkgutil.iter_modules(fsgraph.__path__)
        if m.name != "__main__"  # it runs the command line when imported
    }
    assert not {name: r.failed for name, r in results.items() if r.failed}, "failures printed above"
    # The examples were found at all: modules that have them.
    assert all(results[name].attempted for name in ("queries", "questions", "sparql_params", "vocab"))
