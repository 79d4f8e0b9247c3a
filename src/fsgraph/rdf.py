"""Document model → RDF triples in the fsgraph ontology (``ontology/fsgraph.ttl``).

Every node has a deterministic IRI (:mod:`fsgraph.vocab`), there are no blank nodes: the same
document gives the same triples, and graphs of several documents merge without duplicates.

Examples
--------
>>> from fsgraph.model import Document
>>> doc = Document(doc="x.txt", path="x.txt", sha256="0" * 64, format="txt", encoding="utf-8",
...     title="示例", issuer=None, doc_number=None, date=None, date_iso=None, draft=None,
...     jurisdiction="阜新市", year=2016)
>>> graph = document_to_graph(doc)
>>> (vocab.document_iri("x"), vocab.RDF.type, vocab.FS.Policy) in graph
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from . import nodes, vocab
from .model import Document
from .resources import data_file
from .vocab import DCTERMS, FS, ORG, PROV, RDF, SKOS, TIME, XSD

Triple = tuple[URIRef, URIRef, Node]


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


@lru_cache(maxsize=4096)  # line numbers repeat across triples and documents; a Literal is costly to make
def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def document_triples(doc: Document) -> Iterator[Triple]:
    """The triples of one document."""
    d = vocab.document_iri(doc.id)
    yield d, RDF.type, FS.Policy
    yield d, RDF.type, FS.SourceDocument
    yield d, FS.fileName, Literal(doc.doc)
    yield d, FS.sha256, Literal(doc.sha256)
    yield d, FS["format"], Literal(doc.format)  # FS.format is str.format
    if doc.encoding:
        yield d, FS.encoding, Literal(doc.encoding)
    if doc.lines:
        yield d, FS.lineCount, _int(doc.lines)
    if doc.title:
        yield d, DCTERMS.title, _zh(doc.title)
    if doc.doc_number:
        yield d, DCTERMS.identifier, Literal(doc.doc_number)
    if doc.date:
        yield d, FS.dateText, _zh(doc.date)
    if doc.date_iso and nodes.is_date(doc.date_iso):
        yield d, DCTERMS.issued, Literal(doc.date_iso, datatype=XSD.date)
    if doc.draft:
        yield d, FS.draft, _zh(doc.draft)
    if doc.year:
        yield d, FS.year, Literal(str(doc.year), datatype=XSD.gYear)
    if doc.addressee:
        yield d, FS.addressee, _zh(doc.addressee)
    if doc.notice:
        yield d, FS.notice, _zh(doc.notice)
    if doc.jurisdiction:
        yield d, FS.inJurisdiction, vocab.jurisdiction_iri(doc.jurisdiction)
    for issuer in doc.issuers:
        yield d, DCTERMS.creator, nodes.department_iri(nodes.department(doc, issuer))

    depts = nodes.departments(doc)
    for name in nodes.jurisdictions(doc, depts):
        j = vocab.jurisdiction_iri(name)
        yield j, RDF.type, FS.Jurisdiction
        yield j, SKOS.prefLabel, _zh(name)
    yield from _departments(depts.values())
    yield from _sections(doc)
    yield from _tasks(doc)
    yield from _targets(doc)
    yield from _citations(doc)


def _departments(depts: Iterable[nodes.DepartmentNode]) -> Iterator[Triple]:
    for dept in depts:
        x = dept.iri
        yield x, RDF.type, FS.Collective if dept.collective else FS.Department
        yield x, SKOS.prefLabel, _zh(dept.canonical)
        for name in dept.names:
            if name != dept.canonical:
                yield x, SKOS.altLabel, _zh(name)
        if dept.jurisdiction:
            yield x, FS.inJurisdiction, vocab.jurisdiction_iri(dept.jurisdiction)
        if dept.level:
            yield x, FS.level, _zh(dept.level)
        if dept.category:
            category = vocab.category_iri(dept.category)
            yield x, ORG.classification, category
            yield category, RDF.type, FS.Category
            yield category, SKOS.prefLabel, Literal(dept.category)
            yield category, SKOS.inScheme, FS.Categories
        if dept.successor:
            yield x, FS.succeededBy, dept.successor
        if dept.members_scope:
            yield x, FS.membersScope, _zh(dept.members_scope)
        for member in dept.members:
            yield member, ORG.memberOf, x


def _sections(doc: Document) -> Iterator[Triple]:
    for section in doc.sections:
        s = vocab.section_iri(doc.id, section.ref)
        yield s, RDF.type, FS.Section
        yield s, FS.ref, Literal(section.ref)
        yield s, DCTERMS.title, _zh(section.title)
        yield s, FS.sectionKind, Literal(section.kind)
        yield s, FS.line, _int(section.line)
        if section.text:
            yield s, FS.text, _zh(section.text)
        yield s, DCTERMS.isPartOf, nodes.section_parent(doc, section.ref)


def _tasks(doc: Document) -> Iterator[Triple]:
    d = vocab.document_iri(doc.id)
    headings = nodes.headings(doc)
    for task in doc.tasks:
        t = vocab.task_iri(doc.id, task.ref)
        yield t, RDF.type, FS.Task
        yield d, FS.hasTask, t
        yield t, FS.ref, Literal(task.ref)
        yield t, FS.text, _zh(task.text)
        yield t, FS.line, _int(task.line)
        yield t, FS.endLine, _int(task.end_line)
        yield t, FS.source, Literal(task.source)
        yield t, PROV.wasDerivedFrom, d
        if task.title:
            yield t, DCTERMS.title, _zh(task.title)
        if (parent := nodes.task_parent(doc, task)) is not None:
            yield t, DCTERMS.isPartOf, parent
        for heading in headings.get(task.ref, ()):
            yield t, FS.underHeading, heading
        if task.deadline_text:
            yield t, FS.deadlineText, _zh(task.deadline_text)
        if due := nodes.latest_date(task):
            yield t, FS.dueDate, Literal(due, datatype=XSD.date)
        for i, deadline in enumerate(task.deadlines, 1):
            x = vocab.deadline_iri(doc.id, task.ref, i)
            yield t, FS.hasDeadline, x
            yield x, RDF.type, FS.Deadline
            yield x, FS.deadlineKind, vocab.DEADLINE_KINDS[deadline.kind]
            yield x, FS.deadlineText, _zh(deadline.text)
            if deadline.line is not None:
                yield x, FS.line, _int(deadline.line)
            if deadline.date and nodes.is_date(deadline.date):
                if deadline.kind != "recurring":
                    yield x, RDF.type, TIME.Instant
                yield x, TIME.inXSDDate, Literal(deadline.date, datatype=XSD.date)
            elif deadline.date and deadline.date.startswith("--"):
                yield x, FS.recurringDate, Literal(deadline.date, datatype=XSD.gMonthDay)
            if deadline.period and deadline.kind == "recurring":
                yield x, FS.recurrence, Literal(deadline.period, datatype=XSD.duration)
            elif deadline.period:
                yield x, RDF.type, TIME.Interval
                yield x, TIME.hasXSDDuration, Literal(deadline.period, datatype=XSD.duration)
        for i, role in enumerate(task.roles, 1):
            a = vocab.role_iri(doc.id, task.ref, i)
            dept = nodes.department_iri(nodes.department(doc, role.department))
            yield a, RDF.type, FS.RoleAssignment
            yield a, FS.task, t
            yield a, FS.department, dept
            yield a, FS.roleKind, vocab.ROLE_KINDS[role.role]
            yield a, FS.line, _int(role.provenance.line)
            yield a, FS.quote, _zh(role.provenance.quote)
            yield a, PROV.wasDerivedFrom, d
            yield dept, vocab.ROLE_SHORTCUTS[role.role], t
            if role.sentence is not None:
                yield a, FS.sentenceIndex, _int(role.sentence)
                if 0 <= role.sentence < len(task.sentences):
                    yield a, FS.sentenceText, _zh(task.sentences[role.sentence].text)
            if (via := nodes.via_section(doc, role.via)) is not None:
                yield a, FS.inheritedFrom, via


def _targets(doc: Document) -> Iterator[Triple]:
    d = vocab.document_iri(doc.id)
    for x, target in nodes.targets(doc):
        yield x, RDF.type, FS.Target
        yield d, FS.hasTarget, x
        yield x, FS.text, _zh(target.text)
        yield x, FS.indicator, _zh(target.indicator)
        yield x, FS.value, _zh(target.value)
        yield x, FS.line, _int(target.line)
        yield x, PROV.wasDerivedFrom, d
        if target.ref:
            yield x, FS.ref, Literal(target.ref)
        if target.comparator:
            yield x, FS.comparator, Literal(target.comparator)
        if target.number is not None:
            yield x, FS.number, Literal(_decimal(target.number), datatype=XSD.decimal)
        if target.unit:
            yield x, FS.unit, _zh(target.unit)
        if target.year:
            yield x, FS.dueYear, Literal(str(target.year), datatype=XSD.gYear)
        if target.attribute:
            yield x, FS.attribute, _zh(target.attribute)
        if (parent := nodes.target_parent(doc, target)) is not None:
            yield x, DCTERMS.isPartOf, parent


def _decimal(number: float) -> str:
    """A canonical xsd:decimal lexical form (80.0 → 80.0, 0.5 → 0.5), the same every run."""
    text = repr(float(number))
    return text if "e" not in text else f"{number:f}"


def _citations(doc: Document) -> Iterator[Triple]:
    d = vocab.document_iri(doc.id)
    for i, parent in enumerate(doc.parents, 1):
        c = vocab.citation_iri(doc.id, i)
        p = vocab.cited_policy_iri(parent.number, parent.title)
        yield p, RDF.type, FS.Policy
        yield p, DCTERMS.title, _zh(parent.title)
        if parent.number:
            yield p, DCTERMS.identifier, Literal(parent.number)
        if parent.issuer:
            yield p, FS.issuerName, _zh(parent.issuer)
        yield c, RDF.type, FS.Citation
        yield c, FS.citing, d
        yield c, FS.cited, p
        yield c, FS.scope, Literal(parent.scope)
        yield c, FS.cue, _zh(parent.cue)
        yield c, FS.line, _int(parent.line)
        yield c, FS.quote, _zh(parent.quote)
        yield c, PROV.wasDerivedFrom, d
        yield d, vocab.CITATION_SHORTCUTS[parent.scope], p


def document_to_graph(doc: Document) -> Graph:
    """An rdflib graph of one document (prefixes bound for readable Turtle)."""
    graph = Graph()
    vocab.bind_prefixes(graph)
    for triple in document_triples(doc):
        graph.add(triple)
    return graph


# A policy known from a citation is the corpus document with the same 文号, or failing one, the same
# title. Citing and cited documents are built separately, so the rule runs over a dataset with one
# named graph per document (the store's layout): the cited policy as described in the citing
# document's graph, the corpus document in its own. GRAPH patterns rather than a merged default graph
# keep it fast in the store (a USING clause per document graph is slow in Oxigraph). Each side is a
# subquery so that Oxigraph joins them on the 文号 or title (a hash join, linear in citations plus
# documents); written as plain patterns, it looked up every document for every citation (2 s at
# 1,000 documents, quadratic in the corpus).
SAME_POLICY_TEMPLATE = "?cited owl:sameAs ?doc"
SAME_POLICY_WHERE = """
  {
    { SELECT ?citing ?cited ?number
      WHERE { GRAPH ?citing { ?citation fs:cited ?cited . ?cited dcterms:identifier ?number } } }
    { SELECT ?own ?doc ?number
      WHERE { GRAPH ?own { ?doc a fs:SourceDocument ; dcterms:identifier ?number } } }
  } UNION {
    { SELECT ?citing ?cited ?title
      WHERE { GRAPH ?citing { ?citation fs:cited ?cited . ?cited dcterms:title ?title } } }
    { SELECT ?own ?doc ?title
      WHERE { GRAPH ?own { ?doc a fs:SourceDocument ; dcterms:title ?title } } }
    FILTER NOT EXISTS {
      GRAPH ?citing { ?cited dcterms:identifier ?n1 } GRAPH ?own { ?doc dcterms:identifier ?n2 }
      FILTER (?n1 != ?n2)
    }
  }
  FILTER (?cited != ?doc)
"""
SAME_POLICY = f"""
PREFIX fs: <{FS}>
PREFIX dcterms: <{DCTERMS}>
PREFIX owl: <{vocab.OWL}>
CONSTRUCT {{ {SAME_POLICY_TEMPLATE} }} WHERE {{ {SAME_POLICY_WHERE} }}
"""


def link_policies(docs: Iterable[Document]) -> Graph:
    """owl:sameAs between each cited policy and the corpus document it is (see :data:`SAME_POLICY`).

    Runs on an in-memory Oxigraph store laid out as the persistent one, so both use one engine.
    """
    dataset = ox.Store()
    for doc in docs:
        graph = ox.NamedNode(vocab.document_graph(doc.id))
        quads = (ox.Quad(t.subject, t.predicate, t.object, graph) for t in to_oxigraph(document_triples(doc)))
        dataset.extend(quads)
    links = Graph()
    vocab.bind_prefixes(links)
    result = dataset.query(SAME_POLICY)
    assert isinstance(result, ox.QueryTriples)
    for t in result:
        links.add((URIRef(t.subject.value), URIRef(t.predicate.value), URIRef(t.object.value)))
    return links


def to_oxigraph(triples: Iterable[Triple]) -> Iterator[ox.Triple]:
    """The same triples as pyoxigraph terms (document triples hold IRIs and literals only)."""
    for s, p, o in triples:
        yield ox.Triple(ox.NamedNode(s), ox.NamedNode(p), _ox_term(o))


def _ox_term(term: Node) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"no blank nodes in document graphs: {term!r}")


# What N-Triples escapes inside a string literal; every other character may stand as it is.
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def to_ntriples(triples: Iterable[Triple]) -> str:
    """The triples as N-Triples text, for Oxigraph to parse in bulk.

    Several times faster than making a pyoxigraph term per node (:func:`to_oxigraph`); Oxigraph
    checks the IRIs and literals as it parses, so a malformed one is still refused.

    >>> print(to_ntriples([(FS.x, vocab.RDFS.label, Literal('a "b"', lang="zh"))]), end="")
    <https://w3id.org/fsgraph/ontology#x> <http://www.w3.org/2000/01/rdf-schema#label> "a \\"b\\""@zh .
    """
    lines = []
    for s, p, o in triples:
        if isinstance(o, URIRef):
            lines.append(f"<{s}> <{p}> <{o}> .\n")
        elif isinstance(o, Literal):
            lexical = str(o).translate(_NT_ESCAPES)
            if o.language:
                lines.append(f'<{s}> <{p}> "{lexical}"@{o.language} .\n')
            elif o.datatype is not None and o.datatype != XSD.string:
                lines.append(f'<{s}> <{p}> "{lexical}"^^<{o.datatype}> .\n')
            else:
                lines.append(f'<{s}> <{p}> "{lexical}" .\n')
        else:
            raise TypeError(f"no blank nodes in document graphs: {o!r}")
    return "".join(lines)


def corpus_graph(docs: Iterable[Document]) -> Graph:
    """The union of several documents' graphs, with the links between them."""
    docs = list(docs)
    graph = Graph()
    vocab.bind_prefixes(graph)
    for doc in docs:
        for triple in document_triples(doc):
            graph.add(triple)
    graph += link_policies(docs)
    return graph


# ---------------------------------------------------------------------------------------------
# Counts, named as in the property graph (fsgraph.propertygraph), so the two can be compared.

# Node label → the class whose asserted instances are those nodes.
NODE_CLASSES: dict[str, URIRef] = {
    "Policy": FS.Policy,
    "Section": FS.Section,
    "Task": FS.Task,
    "Target": FS.Target,
    "Deadline": FS.Deadline,
    "Department": FS.Department,
    "Collective": FS.Collective,
    "Jurisdiction": FS.Jurisdiction,
    "Category": FS.Category,
}
# Relationship type → the predicate whose triples are those relationships.
LINK_PREDICATES: dict[str, URIRef] = {
    "PART_OF": DCTERMS.isPartOf,
    "HAS_TASK": FS.hasTask,
    "HAS_TARGET": FS.hasTarget,
    "HAS_DEADLINE": FS.hasDeadline,
    "MEMBER_OF": ORG.memberOf,
    "IN_JURISDICTION": FS.inJurisdiction,
    "IN_CATEGORY": ORG.classification,
    "SUCCEEDED_BY": FS.succeededBy,
    "ISSUED_BY": DCTERMS.creator,
    "SAME_AS": vocab.OWL.sameAs,
    "UNDER_HEADING": FS.underHeading,
}
# Relationship type → the qualified nodes it stands for (class, and the role kind for roles): one
# relationship per assignment or citation, since the shortcut triples collapse repeated roles.
QUALIFIED: dict[str, tuple[URIRef, URIRef | None]] = {
    "LEADS": (FS.RoleAssignment, FS.Lead),
    "RESPONSIBLE_FOR": (FS.RoleAssignment, FS.Responsible),
    "SUPPORTS": (FS.RoleAssignment, FS.Support),
    "CITES": (FS.Citation, None),
}


def graph_counts(graph: Any) -> dict[str, int]:
    """Counts of each node kind and relationship kind, keyed by the property-graph names.

    ``graph`` is an rdflib Graph (or a Dataset with a union default graph).
    """
    counts: dict[str, int] = {}
    for label, cls in NODE_CLASSES.items():
        counts[label] = len(set(graph.subjects(RDF.type, cls)))
    for kind, predicate in LINK_PREDICATES.items():
        counts[kind] = len(set(graph.subject_objects(predicate)))
    for kind, (cls, role) in QUALIFIED.items():
        subjects = set(graph.subjects(RDF.type, cls))
        if role is not None:
            subjects = {s for s in subjects if (s, FS.roleKind, role) in graph}
        counts[kind] = len(subjects)
    return counts


# ---------------------------------------------------------------------------------------------
# The ontology and the shapes, and validation against them


def ontology_graph() -> Graph:
    """The fsgraph ontology (``ontology/fsgraph.ttl``)."""
    return Graph().parse(data_file("ontology", "fsgraph.ttl"), format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``)."""
    return Graph().parse(data_file("ontology", "shapes.ttl"), format="turtle")


def validate(graph: Graph) -> tuple[bool, str]:
    """SHACL-validate a data graph together with the ontology; return (conforms, report text)."""
    import pyshacl

    # The ontology is added as data (not as pyshacl's ont_graph, which copies only the class and
    # property axioms) so that values such as fs:DueDate keep their types.
    data = Graph()
    data += graph
    data += ontology_graph()
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none")
    return bool(conforms), str(text)
