"""The RDF mapping: shapes, stable IRIs, idempotent rebuilds, round trips through Turtle and N-Triples."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from conftest import corpus_files
from documents import make_doc
from fsgraph import rdf, vocab
from fsgraph.extraction import extract_path
from fsgraph.model import Department, Document, Parent, Provenance, RoleAssignment, Section, Task
from fsgraph.vocab import DCTERMS, FS, ORG, OWL, RDF, RDFS, SKOS


@pytest.fixture(scope="module")
def docs(shared: Path) -> list[Document]:
    return [extract_path(path) for path in corpus_files()]


@pytest.fixture(scope="module")
def corpus(docs: list[Document]) -> Graph:
    return rdf.corpus_graph(docs)


def role(kind: str, name: str, line: int = 3) -> RoleAssignment:
    return RoleAssignment(kind, name, Provenance("t.txt", line, f"（{name}）"))  # type: ignore[arg-type]


def test_corpus_graph_conforms_to_the_shapes(corpus: Graph) -> None:
    conforms, report = rdf.validate(corpus)
    assert conforms, report


def _first(graph: Graph, cls: URIRef) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[0]  # type: ignore[type-var,return-value]


def _without_task_text(graph: Graph) -> None:
    task = _first(graph, FS.Task)
    graph.remove((task, FS.text, None))


def _two_departments(graph: Graph) -> None:
    assignment = _first(graph, FS.RoleAssignment)
    other = _first(graph, FS.Department)
    current = graph.value(assignment, FS.department)
    assert other != current
    graph.add((assignment, FS.department, other))


def _assignment_without_quote(graph: Graph) -> None:
    graph.remove((_first(graph, FS.RoleAssignment), FS.quote, None))


def _deadline_without_normal_form(graph: Graph) -> None:
    deadline = _first(graph, FS.Deadline)
    graph.remove((deadline, vocab.TIME.inXSDDate, None))
    graph.remove((deadline, vocab.TIME.hasXSDDuration, None))
    graph.remove((deadline, FS.recurrence, None))


def _target_without_value(graph: Graph) -> None:
    graph.remove((_first(graph, FS.Target), FS.value, None))


def _task_without_document(graph: Graph) -> None:
    graph.remove((None, FS.hasTask, _first(graph, FS.Task)))


@pytest.mark.parametrize(
    "break_graph",
    [
        _without_task_text,
        _two_departments,
        _assignment_without_quote,
        _deadline_without_normal_form,
        _target_without_value,
        _task_without_document,
    ],
)
def test_a_broken_graph_fails_validation(docs: list[Document], break_graph) -> None:  # type: ignore[no-untyped-def]
    graph = rdf.document_to_graph(docs[0])
    assert rdf.validate(graph)[0]
    break_graph(graph)
    conforms, report = rdf.validate(graph)
    assert not conforms
    assert "Constraint Violation" in report


def test_building_twice_gives_the_same_triples(docs: list[Document], corpus: Graph) -> None:
    again = rdf.corpus_graph(extract_path(path) for path in corpus_files())
    assert isomorphic(corpus, again)
    assert set(corpus) == set(again)  # not only isomorphic: the very same IRIs


def test_no_blank_nodes(corpus: Graph) -> None:
    assert not [t for t in corpus if any(isinstance(term, BNode) for term in t)]


def test_documents_merge_without_duplicates(docs: list[Document], corpus: Graph) -> None:
    merged = Graph()
    for doc in docs:
        merged += rdf.document_to_graph(doc)
        merged += rdf.document_to_graph(doc)  # twice: nothing new
    assert set(merged) == set(corpus)  # the corpus has no SAME_AS links


def test_stable_iris_from_document_identity_and_numbering(docs: list[Document], corpus: Graph) -> None:
    doc = next(d for d in docs if d.id == "002_c0b8b7f66cffa162")
    task = URIRef("https://w3id.org/fsgraph/id/doc/002_c0b8b7f66cffa162/task/二.(一).2")
    assert (vocab.document_iri(doc.id), FS.hasTask, task) in corpus
    assert (task, FS.line, Literal(15, datatype=vocab.XSD.integer)) in corpus
    # the lead of the second sentence, with its own provenance
    leads = [a for a in corpus.subjects(FS.task, task) if (a, FS.roleKind, FS.Lead) in corpus]
    assert len(leads) == 1
    assert corpus.value(leads[0], FS.quote) == Literal("（区交通运输局牵头，区市场监管局配合）", lang="zh")
    assert corpus.value(leads[0], FS.sentenceIndex) == Literal(1, datatype=vocab.XSD.integer)
    lead = corpus.value(leads[0], FS.department)
    assert (lead, FS.leads, task) in corpus
    names = {str(n) for n in corpus.objects(lead, SKOS.prefLabel | SKOS.altLabel)}  # type: ignore[operator]
    assert "区交通运输局" in names


def test_one_department_node_per_jurisdiction_however_spelt() -> None:
    renamed = dict(canonical="阜新市食品药品监督管理局", jurisdiction="阜新市", level="市", category="market")
    doc = make_doc(
        departments=[
            Department(name="市食药监局", successor="阜新市市场监督管理局", **renamed),  # type: ignore[arg-type]
            Department(name="市食品药品监管局", **renamed),  # type: ignore[arg-type]
        ],
        tasks=[
            Task("t#1", "1", "加强监管。", 3, 3, roles=[role("lead", "市食药监局")]),
            Task("t#2", "2", "开展抽检。", 4, 4, roles=[role("responsible", "市食品药品监管局", 4)]),
        ],
    )
    graph = rdf.document_to_graph(doc)
    depts = set(graph.subjects(RDF.type, FS.Department))
    node = vocab.department_iri("阜新市", "阜新市食品药品监督管理局")
    successor = vocab.department_iri("阜新市", "阜新市市场监督管理局")
    assert depts == {node, successor}
    assert set(graph.objects(node, SKOS.altLabel)) == {
        Literal("市食药监局", lang="zh"),
        Literal("市食品药品监管局", lang="zh"),
    }
    assert graph.value(node, SKOS.prefLabel) == Literal("阜新市食品药品监督管理局", lang="zh")
    assert (node, FS.succeededBy, successor) in graph
    assert (node, ORG.classification, vocab.category_iri("market")) in graph
    assert (vocab.category_iri("market"), RDF.type, FS.Category) in graph
    assert rdf.validate(graph)[0]


def test_iris_with_any_characters_survive_turtle_ntriples_and_oxigraph() -> None:
    odd = "市 农委/办#1%“特别”<2>{x}|^`\\"
    doc = make_doc(
        "odd name #1.txt",
        departments=[
            Department(name=odd, canonical=odd, jurisdiction="营口市 鲅鱼圈区", level=None, category=None)
        ],
        sections=[Section("一", "总体要求", 2)],
        tasks=[Task("x#一.(一)", "一.(一)", "任务。", 3, 3, roles=[role("lead", odd)])],
    )
    graph = rdf.document_to_graph(doc)
    dept = vocab.department_iri("营口市 鲅鱼圈区", odd)
    assert (dept, RDF.type, FS.Department) in graph
    assert " " not in dept and "<" not in dept and "#" not in dept.removeprefix(str(vocab.ID))
    for fmt in ("turtle", "nt"):
        text = graph.serialize(format=fmt, encoding="utf-8")
        assert isomorphic(Graph().parse(data=text, format=fmt), graph)
        store = ox.Store()
        store.load(text, ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES)
        assert len(store) == len(graph)


def test_percent_encoding_keeps_chinese_and_is_deterministic() -> None:
    assert vocab.segment("附件.44") == "附件.44"
    assert vocab.segment("a b") == "a%20b"
    assert vocab.segment("x/y#z%") == "x%2Fy%23z%25"
    assert vocab.segment("《规划》“十四五”") == "《规划》“十四五”"
    assert vocab.mint("doc", "a") == vocab.mint("doc", "a")


def test_the_corpus_serialises_and_parses_back(corpus: Graph, tmp_path: Path) -> None:
    for fmt in ("turtle", "nt", "json-ld"):
        out = tmp_path / f"corpus.{fmt}"
        corpus.serialize(out, format=fmt, encoding="utf-8")
        assert isomorphic(Graph().parse(out, format=fmt), corpus), fmt
    store = ox.Store()
    store.load(path=tmp_path / "corpus.nt", format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == len(corpus)


def test_cited_policy_in_the_corpus_is_linked_to_it() -> None:
    parent = make_doc("p.txt", title="上位意见", doc_number="辽政发〔2015〕42号")
    child = make_doc(
        "c.txt",
        parents=[Parent("上位意见", "辽政发〔2015〕42号", None, "根据", "document", 3, "根据《上位意见》")],
    )
    graph = rdf.corpus_graph([parent, child])
    cited = vocab.cited_policy_iri("辽政发〔2015〕42号", "上位意见")
    assert (cited, OWL.sameAs, vocab.document_iri("p")) in graph
    assert (vocab.document_iri("c"), FS.isBasedOn, cited) in graph
    assert rdf.validate(graph)[0]


def test_every_term_used_is_declared_with_chinese_and_english_labels(corpus: Graph) -> None:
    ontology = rdf.ontology_graph()
    used = {p for p in corpus.predicates() if str(p).startswith(str(FS))}
    used |= {o for o in corpus.objects(None, RDF.type) if str(o).startswith(str(FS))}
    declared = set(ontology.subjects(RDF.type, None))
    assert used and not used - declared
    for term in ontology.subjects(RDF.type, OWL.Class):
        labels = {label.language for label in ontology.objects(term, RDFS.label)}  # type: ignore[union-attr]
        assert {"zh", "en"} <= labels, term
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            labels = {label.language for label in ontology.objects(term, RDFS.label)}  # type: ignore[union-attr]
            assert {"zh", "en"} <= labels, term
    assert (FS.Department, RDFS.subClassOf, ORG.Organization) in ontology
    assert (FS.cites, RDFS.subPropertyOf, DCTERMS.references) in ontology


def test_deadlines_use_owl_time(corpus: Graph) -> None:
    dated = set(corpus.subjects(FS.deadlineKind, FS.DueDate))
    assert dated and all((d, RDF.type, vocab.TIME.Instant) in corpus for d in dated)
    recurring = list(corpus.subjects(FS.deadlineKind, FS.Recurring))
    assert [str(corpus.value(d, FS.recurrence)) for d in recurring] == ["P1Y"]
    assert corpus.value(recurring[0], FS.recurringDate) == Literal("--10-31", datatype=vocab.XSD.gMonthDay)
    durations = list(corpus.subjects(vocab.TIME.hasXSDDuration, None))
    assert durations and all((d, RDF.type, vocab.TIME.Interval) in corpus for d in durations)


def _sections_doc() -> Document:
    """Headings of every kind around four tasks: the preamble, a note, a table's section row and two
    sections that start on one line."""
    sections = [
        Section("preamble", "方案", 1, "preamble"),
        Section("一", "总体要求", 3),
        Section("二", "主要任务", 6),
        Section("二.注", "注", 9, "note"),
        Section("附件", "任务分工表", 12, "attachment"),
        Section("附件.一", "一、源头治理", 12),
    ]
    tasks = [
        Task("t0", "0", "在任何标题之前的任务。", 2, 2),
        Task("t1", "二.1", "加强农产品质量安全监管。", 7, 8),
        Task("t2", "二.2", "注释之后的任务。", 10, 10),
        Task("t3", "附件.1", "表格里的任务。", 13, 13, source="table"),
    ]
    return make_doc(sections=sections, tasks=tasks)


@pytest.mark.parametrize(
    ("ref", "headings"),
    [
        ("0", []),  # above every heading: the preamble is none
        ("二.1", ["二"]),
        ("二.2", ["二"]),  # a note is no heading
        ("附件.1", ["附件", "附件.一"]),  # the attachment and its first section row start on one line
    ],
)
def test_a_task_is_linked_to_its_nearest_heading(ref: str, headings: list[str]) -> None:
    doc = _sections_doc()
    graph = rdf.document_to_graph(doc)
    task = vocab.task_iri(doc.id, ref)
    assert sorted(graph.objects(task, FS.underHeading)) == sorted(
        vocab.section_iri(doc.id, h) for h in headings
    )


def test_every_corpus_task_has_the_last_heading_above_it(docs: list[Document], corpus: Graph) -> None:
    for doc in docs:
        for task in doc.tasks:
            linked = list(corpus.objects(vocab.task_iri(doc.id, task.ref), FS.underHeading))
            above = [s for s in doc.sections if s.kind not in ("preamble", "note") and s.line <= task.line]
            if not above:
                assert linked == [], (doc.doc, task.ref)
                continue
            line = max(s.line for s in above)
            assert sorted(linked) == sorted(vocab.section_iri(doc.id, s.ref) for s in above if s.line == line)
            assert all(corpus.value(h, FS.line).toPython() <= task.line for h in linked)  # type: ignore[union-attr]


def test_a_body_with_a_second_name_is_asked_for_by_either(tmp_path: Path) -> None:
    path = tmp_path / "grain.txt"
    path.write_text(
        "戊市食品安全工作方案\n一、主要任务\n（一）加强粮食质量安全监测。（市发展改革委（市粮食和储备局）牵头）\n",
        encoding="utf-8",
    )
    graph = rdf.document_to_graph(extract_path(path))
    (dept,) = set(graph.subjects(RDF.type, FS.Department))
    assert str(graph.value(dept, SKOS.prefLabel)) == "戊市发展和改革委员会"
    assert {str(n) for n in graph.objects(dept, SKOS.altLabel)} == {
        "市发展改革委（市粮食和储备局）",
        "市发展改革委",
        "市粮食和储备局",
    }


def test_each_of_a_joint_documents_issuers_is_its_creator() -> None:
    doc = make_doc(issuer="阜新市市场监督管理局、阜新市教育局")
    graph = rdf.document_to_graph(doc)
    creators = set(graph.objects(None, DCTERMS.creator))
    assert {graph.value(c, SKOS.prefLabel) for c in creators} == {
        Literal("阜新市市场监督管理局", lang="zh"),
        Literal("阜新市教育局", lang="zh"),
    }
    assert rdf.validate(graph)[0]
