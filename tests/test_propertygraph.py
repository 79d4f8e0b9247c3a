"""The property-graph rows: same nodes and links as the RDF graph, under the same ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import URIRef

from conftest import corpus_files
from documents import make_doc
from fsgraph import propertygraph as pg
from fsgraph import rdf, vocab
from fsgraph.extraction import extract_path
from fsgraph.model import Department, Document, Parent, Provenance, RoleAssignment, Task


@pytest.fixture(scope="module")
def docs(shared: Path) -> list[Document]:
    return [extract_path(path) for path in corpus_files()]


@pytest.fixture(scope="module")
def rows(docs: list[Document]) -> pg.PropertyGraph:
    return pg.corpus_rows(docs)


def test_counts_equal_the_rdf_counts_on_the_whole_corpus(
    docs: list[Document], rows: pg.PropertyGraph
) -> None:
    counts = pg.graph_counts(rows)
    assert counts == rdf.graph_counts(rdf.corpus_graph(docs))
    # the corpus exercises the main kinds
    for kind in ("Policy", "Section", "Task", "Target", "Deadline", "Department", "Jurisdiction"):
        assert counts[kind] > 0, kind
    for kind in ("PART_OF", "HAS_TASK", "HAS_TARGET", "LEADS", "RESPONSIBLE_FOR", "SUPPORTS", "CITES"):
        assert counts[kind] > 0, kind
    assert counts["HAS_TASK"] == counts["Task"] == sum(len(d.tasks) for d in docs)
    roles = sum(len(t.roles) for d in docs for t in d.tasks)
    assert counts["LEADS"] + counts["RESPONSIBLE_FOR"] + counts["SUPPORTS"] == roles


@pytest.mark.parametrize("index", range(5))
def test_counts_equal_per_document(docs: list[Document], index: int) -> None:
    doc = docs[index]
    assert pg.graph_counts(pg.document_rows(doc)) == rdf.graph_counts(rdf.document_to_graph(doc))


def test_node_ids_are_the_rdf_iris(docs: list[Document], rows: pg.PropertyGraph) -> None:
    graph = rdf.corpus_graph(docs)
    for node in rows.nodes.values():
        for label in node.labels:
            assert (URIRef(node.id), vocab.RDF.type, rdf.NODE_CLASSES[label]) in graph, node.id
    for rel in rows.relationships.values():
        assert rel.start in rows.nodes and rel.end in rows.nodes, rel
        if rel.id is not None:  # a qualified relationship: its RDF node exists
            assert (URIRef(rel.id), vocab.RDF.type, None) in graph


def test_role_relationships_carry_their_provenance(rows: pg.PropertyGraph) -> None:
    task = str(vocab.task_iri("002_c0b8b7f66cffa162", "二.(一).2"))
    leads = [r for r in rows.relationships.values() if r.type == "LEADS" and r.end == task]
    assert len(leads) == 1
    lead = leads[0]
    assert lead.properties["line"] == 15
    assert lead.properties["quote"] == "（区交通运输局牵头，区市场监管局配合）"
    assert lead.properties["sentence"] == 1
    assert lead.properties["sentence_text"] == "严格落实进口冷链食品道路运输运单管理制度"
    assert "区交通运输局" in [
        rows.nodes[lead.start].properties["name"],
        *rows.nodes[lead.start].properties.get("aliases", []),
    ]
    cites = [r for r in rows.relationships.values() if r.type == "CITES"]
    assert cites and all({"scope", "cue", "line", "quote"} <= r.properties.keys() for r in cites)
    cited = rows.nodes[next(r.end for r in cites if r.properties["cue"] == "根据")]
    assert cited.labels == ["Policy"] and cited.properties["in_corpus"] is False


def test_collective_members_and_cited_corpus_documents() -> None:
    members = ["市农委", "市质监局"]
    collective = Department(
        name="市食品安全监管部门",
        canonical="市食品安全监管部门",
        jurisdiction="阜新市",
        level="市",
        category=None,
        collective=True,
        members=members,
        members_scope="附件",
    )
    agriculture = Department(
        name="市农委", canonical="阜新市农业委员会", jurisdiction="阜新市", level="市", category="agriculture"
    )
    doc = make_doc(
        departments=[collective, agriculture],
        tasks=[
            Task(
                "t#1",
                "1",
                "开展专项整治。",
                5,
                5,
                roles=[
                    RoleAssignment("lead", "市食品安全监管部门", Provenance("t.txt", 5, "市食品安全监管部门"))
                ],
            )
        ],
        parents=[Parent("上位意见", None, None, "根据", "document", 2, "根据《上位意见》")],
    )
    parent = make_doc("p.txt", title="上位意见")
    rows = pg.corpus_rows([doc, parent])
    graph = rdf.corpus_graph([doc, parent])
    counts = pg.graph_counts(rows)
    assert counts == rdf.graph_counts(graph)
    assert counts["Collective"] == 1 and counts["MEMBER_OF"] == 2 and counts["SAME_AS"] == 1
    # 市质监局, written only in the collective's definition, has the category its name says too.
    assert counts["IN_CATEGORY"] == 2 and counts["Category"] == 2
    in_category = {(r.start, r.end) for r in rows.relationships.values() if r.type == "IN_CATEGORY"}
    assert (
        str(vocab.department_iri("阜新市", "市质监局")),
        str(vocab.category_iri("market_regulation")),
    ) in in_category
    member_of = {(r.start, r.end) for r in rows.relationships.values() if r.type == "MEMBER_OF"}
    group = str(vocab.department_iri("阜新市", "市食品安全监管部门"))
    assert member_of == {
        (str(vocab.department_iri("阜新市", "阜新市农业委员会")), group),
        (str(vocab.department_iri("阜新市", "市质监局")), group),
    }
    assert rdf.validate(graph)[0]


def test_rows_are_deterministic_and_storable(docs: list[Document], rows: pg.PropertyGraph) -> None:
    again = pg.corpus_rows(extract_path(path) for path in corpus_files())
    assert json.dumps(again.to_json(), ensure_ascii=False) == json.dumps(rows.to_json(), ensure_ascii=False)
    scalars = (str, int, float, bool)
    for item in [*rows.nodes.values(), *rows.relationships.values()]:
        for value in item.properties.values():  # what Neo4j can store: no nulls, lists of scalars
            assert value is not None
            assert isinstance(value, scalars) or (
                isinstance(value, list) and all(isinstance(v, scalars) for v in value)
            )


def test_merging_a_document_twice_adds_nothing(docs: list[Document]) -> None:
    once = pg.document_rows(docs[0])
    twice = pg.document_rows(docs[0])
    twice.update(pg.document_rows(docs[0]))
    assert pg.graph_counts(once) == pg.graph_counts(twice)
    assert once.to_json() == twice.to_json()


def test_each_of_a_joint_documents_issuers_issued_it() -> None:
    graph = pg.document_rows(make_doc(issuer="阜新市市场监督管理局、阜新市教育局"))
    issued = [r for r in graph.relationships.values() if r.type == "ISSUED_BY"]
    names = {graph.nodes[r.end].properties["name"] for r in issued}
    assert names == {"阜新市市场监督管理局", "阜新市教育局"}
