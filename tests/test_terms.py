"""An answer's RDF terms as Python values, whichever way the query engine gives them."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest

from fsgraph import terms

XSD = "http://www.w3.org/2001/XMLSchema#"


def _typed(text: str, datatype: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (ox.Literal("市农委", language="zh"), "市农委"),
        (ox.Literal("2025年底前"), "2025年底前"),
        (_typed("42", "integer"), 42),
        (_typed("-7", "int"), -7),
        (_typed("3", "nonNegativeInteger"), 3),
        (_typed("1.5", "decimal"), 1.5),
        (_typed("1E3", "double"), 1000.0),
        (_typed("true", "boolean"), True),
        (_typed("0", "boolean"), False),
        (_typed("二〇二五", "integer"), "二〇二五"),  # ill-typed: kept as written
        (_typed("2025-12-31", "date"), "2025-12-31"),
        (ox.NamedNode("https://w3id.org/fsgraph/ontology#Lead"), "https://w3id.org/fsgraph/ontology#Lead"),
        (ox.BlankNode("b0"), "_:b0"),
        (None, None),
    ],
)
def test_each_kind_of_term_becomes_its_python_value(term: Any, expected: Any) -> None:
    value = terms.value(term)
    assert value == expected
    assert type(value) is type(expected)


def test_an_answer_keeps_the_order_of_its_variables_and_unbound_values() -> None:
    store = ox.Store()
    answer = store.query(
        'SELECT ?b ?a ?c WHERE { VALUES (?a ?b ?c) { ("甲"@zh 2 UNDEF) (<http://e/x> "x\\ty" 1.25) } }'
    )
    assert terms.rows(answer) == [(2, "甲", None), ("x\ty", "http://e/x", 1.25)]


def test_a_graph_answer_gives_subject_predicate_and_object() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/t"), ox.NamedNode("http://e/line"), _typed("12", "integer")))
    assert terms.triples(store.query("CONSTRUCT WHERE { ?s ?p ?o }")) == [("http://e/t", "http://e/line", 12)]
