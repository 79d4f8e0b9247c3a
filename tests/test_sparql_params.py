"""Parameters written into SPARQL as values: where a variable is replaced, dropped or left alone."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from fsgraph.sparql_params import Label, Node, inline, term


def test_values_replace_variables_in_patterns_and_filters() -> None:
    text = 'SELECT ?x ?who WHERE { ?x <http://e/name> ?who FILTER (?who != "" || ?whom = 1) }'
    assert (
        inline(text, {"who": "甲"})
        == 'SELECT ?x WHERE { ?x <http://e/name> "甲" FILTER ("甲" != "" || ?whom = 1) }'
    )


def test_strings_iris_and_comments_are_left_alone() -> None:
    text = 'SELECT ?x WHERE { ?x <http://e/?who> "?who" ; <http://e/p> ?who } # ?who\n'
    assert inline(text, {"who": 3}) == (
        'SELECT ?x WHERE { ?x <http://e/?who> "?who" ; <http://e/p> '
        '"3"^^<http://www.w3.org/2001/XMLSchema#integer> } # ?who\n'
    )


def test_parameters_leave_select_and_group_by_clauses() -> None:
    text = (
        "SELECT ?year (COUNT(?t) AS ?n) ?place WHERE { { SELECT ?t ?place WHERE { ?t <http://e/in> ?place } } "
        "?t <http://e/year> ?year } GROUP BY ?year ?place ORDER BY ?year"
    )
    assert inline(text, {"place": "阜新市"}) == (
        'SELECT ?year (COUNT(?t) AS ?n) WHERE { { SELECT ?t WHERE { ?t <http://e/in> "阜新市" } } '
        "?t <http://e/year> ?year } GROUP BY ?year ORDER BY ?year"
    )


def test_a_parameter_with_no_value_stays_a_variable_that_matches_anything() -> None:
    store = ox.Store()
    for graph in ("http://e/g1", "http://e/g2"):
        store.add(
            ox.Quad(
                ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal(graph), ox.NamedNode(graph)
            )
        )
    text = "SELECT ?o ?g WHERE { GRAPH ?g { <http://e/s> <http://e/p> ?o } }"
    assert inline(text, {"g": None}) == "SELECT ?o WHERE { GRAPH ?g { <http://e/s> <http://e/p> ?o } }"
    every = sorted(s["o"].value for s in store.query(inline(text, {"g": None})))
    one = [s["o"].value for s in store.query(inline(text, {"g": Node("http://e/g2")}))]
    assert (every, one) == (["http://e/g1", "http://e/g2"], ["http://e/g2"])


@pytest.mark.parametrize("value", ['" } ; DELETE WHERE { ?s ?p ?o } #', "a\\b", "line\nbreak", "'single'"])
def test_a_value_cannot_change_the_query(value: str) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/name"), ox.Literal(value)))
    query = inline("SELECT ?x ?v WHERE { ?x <http://e/name> ?v }", {"v": value})
    assert [s["x"] for s in store.query(query)] == [ox.NamedNode("http://e/a")]


def test_terms_of_labels_and_nodes() -> None:
    assert term(Label("市农委")) == '"市农委"@zh'
    assert term(Node("http://e/category/agriculture")) == "<http://e/category/agriculture>"
    assert term(True) == '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'


def test_a_question_without_parameters_is_unchanged() -> None:
    text = "SELECT ?x WHERE { ?x ?p ?o }"
    assert inline(text, {}) is text
