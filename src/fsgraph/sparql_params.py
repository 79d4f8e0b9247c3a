"""Binding a question's parameters into its SPARQL text, as constants.

Oxigraph plans a query before it sees values given as ``substitutions``: a department looked up by
name is then found by reading every name and filtering, where the same name written in the query is
one index lookup (6 s against 0.5 ms on 1,000 documents). So each ``?name`` of a parameter is
replaced by the value's SPARQL term, outside strings, IRIs and comments; in SELECT and GROUP BY
clauses, where a constant may not stand, the variable is dropped instead (a parameter is not a
column of the answer). A parameter whose value is None stays a variable in the query's body, free
to match anything (a derived node that says "any"): it is dropped from the answer's SELECT and
GROUP BY, but a subquery still projects it, so that the subquery's rows join on it (a subquery
that read one document's graph reads each graph and says which).

>>> inline('SELECT ?x ?who WHERE { ?x :name ?who } # ?who', {"who": 'a"b'})
'SELECT ?x WHERE { ?x :name "a\\\\"b" } # ?who'
>>> inline('SELECT ?x ?d WHERE { ?x :label ?d }', {"d": Label("市农委")})
'SELECT ?x WHERE { ?x :label "市农委"@zh }'
>>> inline('SELECT ?x ?g WHERE { GRAPH ?g { ?x :p ?y } }', {"g": None})
'SELECT ?x WHERE { GRAPH ?g { ?x :p ?y } }'
>>> inline('SELECT ?x WHERE { { SELECT ?g ?x WHERE { GRAPH ?g { ?x :p ?y } } } }', {"g": None})
'SELECT ?x WHERE { { SELECT ?g ?x WHERE { GRAPH ?g { ?x :p ?y } } } }'
>>> inline('SELECT ?x WHERE { { SELECT ?g ?x WHERE { GRAPH ?g { ?x :p ?y } } } }', {"g": Node("g:1")})
'SELECT ?x WHERE { { SELECT ?x WHERE { GRAPH <g:1> { ?x :p ?y } } } }'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox


class Label(str):
    """Text matched against names as the documents write them (Chinese-tagged literals), so that a
    query can look the name up in the store's index rather than compare every name with it."""


class Node(str):
    """An IRI: a query looks the node up (a derived parameter such as a category's node)."""


_TOKEN = re.compile(
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\s]*>)'
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<variable>[?$][A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
# Keywords that end a SELECT projection or a GROUP BY clause.
_END_PROJECTION = {"WHERE", "FROM"}
_END_GROUP = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}


# A question's query was tokenised at each run, twice to find its variables and once to bind its
# parameters: about 1.5 ms of a 10–15 ms question about one department. The texts are the
# catalogue's few files, so each is tokenised once.
@functools.lru_cache(maxsize=128)
def _tokens(query: str) -> tuple[tuple[str | None, str], ...]:
    return tuple((m.lastgroup, m.group()) for m in _TOKEN.finditer(query))


@functools.lru_cache(maxsize=128)
def variables(query: str) -> frozenset[str]:
    """The names of the variables ``query`` uses, outside strings, IRIs and comments."""
    return frozenset(text[1:] for kind, text in _tokens(query) if kind == "variable")


def term(value: Any) -> str:
    """The SPARQL text of a parameter's value (strings escaped as N-Triples escapes them)."""
    if isinstance(value, Node):
        return str(ox.NamedNode(str(value)))
    if isinstance(value, Label):
        return str(ox.Literal(str(value), language="zh"))
    if isinstance(value, bool | int | float):
        return str(ox.Literal(value))
    return str(ox.Literal(str(value)))


def inline(query: str, params: Mapping[str, Any]) -> str:
    """``query`` with the parameters' variables replaced by their values (see the module's doc)."""
    if not params:
        return query
    terms = {name: None if value is None else term(value) for name, value in params.items()}
    out: list[str] = []
    clause = ""  # "select" or "group" while in one, where parameters are dropped
    previous = ""
    depth = clause_depth = 0  # of braces: the answer's own SELECT and GROUP BY are at depth 0
    for kind, text in _tokens(query):
        if kind == "word":
            word = text.upper()
            if word == "SELECT":
                clause, clause_depth = "select", depth
            elif word == "BY" and previous == "GROUP":
                clause, clause_depth = "group", depth
            elif (clause == "select" and word in _END_PROJECTION) or (
                clause == "group" and word in _END_GROUP
            ):
                clause = ""
            previous = word
        elif kind == "other" and text in "{}":
            depth += 1 if text == "{" else -1
            clause = ""
        elif kind == "variable" and text[1:] in terms:
            if clause and (terms[text[1:]] is not None or clause_depth == 0):
                while out and out[-1].isspace():
                    out.pop()
                continue
            text = terms[text[1:]] or text
        out.append(text)
    return "".join(out)
