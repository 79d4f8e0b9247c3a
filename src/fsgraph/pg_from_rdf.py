"""RDF of a built store → property-graph rows: the inverse of the two mappers, for loading a store.

:func:`fsgraph.propertygraph.document_rows` and :func:`fsgraph.rdf.document_triples` write the same
nodes under the same IRIs; this module reads the triples back into the rows the first one gives, by the
table of :mod:`fsgraph.propertygraph` (labels ↔ classes, relationship types ↔ predicates and qualified
nodes). Each document's named graph becomes one document's rows, merged in document order as
:func:`fsgraph.propertygraph.corpus_rows` merges them, and the links graph adds the SAME_AS links.

RDF keeps no order of repeated values, so two things can only be equal up to order: list properties
(a department's aliases, a cited policy's titles) are sorted within a document, and a single-valued
property given several values by one document (a policy cited under two titles) takes the least.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox

from . import store, vocab
from .propertygraph import ROLE_TYPES, PropertyGraph
from .rdf import LINK_PREDICATES, NODE_CLASSES
from .vocab import DCTERMS, FS, OWL, RDF, SKOS, TIME, URIRef

# subject IRI → predicate IRI → objects (IRIs as str, literals as ox.Literal), of one graph.
Index = dict[str, dict[str, list[Any]]]


def _year(text: str) -> int:
    return int(text)


def _number(text: str) -> int | float:
    return float(text)


# label → (property, predicate, lexical form → value) for the properties that are one literal each.
LITERAL_PROPERTIES: dict[str, list[tuple[str, URIRef, Callable[[str], Any]]]] = {
    "Policy": [
        ("file", FS.fileName, str),
        ("sha256", FS.sha256, str),
        ("format", FS["format"], str),
        ("encoding", FS.encoding, str),
        ("lines", FS.lineCount, int),
        ("title", DCTERMS.title, str),
        ("number", DCTERMS.identifier, str),
        ("issued", DCTERMS.issued, str),
        ("date_text", FS.dateText, str),
        ("draft", FS.draft, str),
        ("year", FS.year, _year),
        ("addressee", FS.addressee, str),
        ("notice", FS.notice, str),
        ("issuer_name", FS.issuerName, str),
    ],
    "Section": [
        ("ref", FS.ref, str),
        ("title", DCTERMS.title, str),
        ("kind", FS.sectionKind, str),
        ("line", FS.line, int),
        ("text", FS.text, str),
    ],
    "Task": [
        ("ref", FS.ref, str),
        ("text", FS.text, str),
        ("title", DCTERMS.title, str),
        ("line", FS.line, int),
        ("end_line", FS.endLine, int),
        ("source", FS.source, str),
        ("deadline_text", FS.deadlineText, str),
        ("due_date", FS.dueDate, str),
    ],
    "Deadline": [
        ("text", FS.deadlineText, str),
        ("date", TIME.inXSDDate, str),
        ("date", FS.recurringDate, str),
        ("period", TIME.hasXSDDuration, str),
        ("period", FS.recurrence, str),
        ("line", FS.line, int),
    ],
    "Target": [
        ("text", FS.text, str),
        ("indicator", FS.indicator, str),
        ("value", FS.value, str),
        ("comparator", FS.comparator, str),
        ("number", FS.number, _number),
        ("unit", FS.unit, str),
        ("year", FS.dueYear, _year),
        ("attribute", FS.attribute, str),
        ("line", FS.line, int),
        ("ref", FS.ref, str),
    ],
    "Department": [
        ("name", SKOS.prefLabel, str),
        ("level", FS.level, str),
        ("members_scope", FS.membersScope, str),
    ],
    "Jurisdiction": [("name", SKOS.prefLabel, str)],
    "Category": [("name", SKOS.prefLabel, str)],
}
LITERAL_PROPERTIES["Collective"] = LITERAL_PROPERTIES["Department"]
# Nodes that belong to one document carry its id as ``doc``.
DOCUMENT_LABELS = ("Section", "Task", "Target")
DEADLINE_KINDS = {str(iri): kind for kind, iri in vocab.DEADLINE_KINDS.items()}
ROLE_KINDS = {str(iri): ROLE_TYPES[kind] for kind, iri in vocab.ROLE_KINDS.items()}
# Class IRI → label, in the order of the table (the order labels are listed in).
LABELS = {str(cls): label for label, cls in NODE_CLASSES.items()}
LINKS = {str(predicate): kind for kind, predicate in LINK_PREDICATES.items()}

_TYPE = str(RDF.type)


def from_store(store_dir: str | os.PathLike[str] | None = None) -> PropertyGraph:
    """The property-graph rows of everything built into the store (see :func:`fsgraph.store.build`)."""
    documents: dict[str, list[ox.Quad]] = defaultdict(list)
    links: list[ox.Quad] = []
    doc_prefix = str(vocab.GRAPH) + "doc/"
    for quad in store.open_reader(store_dir):  # the last completed build, also while one runs
        graph = quad.graph_name
        if not isinstance(graph, ox.NamedNode):
            continue
        if graph.value.startswith(doc_prefix):
            documents[graph.value].append(quad)
        elif graph.value == str(vocab.LINKS_GRAPH):
            links.append(quad)
    indexes = [_index(quads) for quads in documents.values()]
    # corpus_rows merges documents in the order they are given: by file name, as paths are expanded.
    indexes.sort(key=lambda index: _file_name(index) or "")
    return from_rdf(indexes, _index(links))


def from_rdf(documents: Iterable[Index], links: Index | None = None) -> PropertyGraph:
    """Rows of document graphs (one index each, merged in the order given) and the links graph."""
    graph = PropertyGraph()
    for index in documents:
        graph.update(document_rows(index))
    for subject, predicates in (links or {}).items():
        for end in predicates.get(str(OWL.sameAs), []):
            graph.link("SAME_AS", subject, end)
    return graph


def _index(quads: Iterable[ox.Quad]) -> Index:
    index: Index = defaultdict(lambda: defaultdict(list))
    for quad in quads:
        obj = quad.object
        value = obj.value if isinstance(obj, ox.NamedNode) else obj
        index[quad.subject.value][quad.predicate.value].append(value)  # type: ignore[union-attr]
    return index


def _file_name(index: Index) -> str | None:
    """The file name of the corpus document a document graph holds."""
    source = str(FS.SourceDocument)
    for predicates in index.values():
        if source in predicates.get(_TYPE, []):
            names = _literals(predicates, FS.fileName)
            return min(names) if names else None
    return None


def _literals(predicates: dict[str, list[Any]], predicate: URIRef) -> list[str]:
    return [v.value for v in predicates.get(str(predicate), []) if isinstance(v, ox.Literal)]


def _iris(predicates: dict[str, list[Any]], predicate: URIRef) -> list[str]:
    return sorted(v for v in predicates.get(str(predicate), []) if isinstance(v, str))


def _one(predicates: dict[str, list[Any]], predicate: URIRef) -> str | None:
    values = _literals(predicates, predicate)
    return min(values) if values else None


def _name(index: Index, iri: str | None) -> str | None:
    """The preferred label of a node the graph names (a jurisdiction, a category)."""
    return _one(index.get(iri, {}), SKOS.prefLabel) if iri else None


def document_rows(index: Index) -> PropertyGraph:
    """The rows of one document's graph, as :func:`fsgraph.propertygraph.document_rows` gives them."""
    g = PropertyGraph()
    file_name = _file_name(index)
    doc_id = file_name.rsplit(".", 1)[0] if file_name and "." in file_name else file_name

    for subject, predicates in index.items():
        labels = [LABELS[c] for c in predicates.get(_TYPE, []) if isinstance(c, str) and c in LABELS]
        for label in labels:
            g.node(subject, label, **_node_properties(index, subject, label, doc_id))

    for subject, predicates in index.items():
        for predicate, kind in LINKS.items():
            for end in predicates.get(predicate, []):
                if isinstance(end, str):
                    g.link(kind, subject, end)
        classes = predicates.get(_TYPE, [])
        if str(FS.RoleAssignment) in classes:
            _role(g, index, subject, doc_id)
        if str(FS.Citation) in classes:
            _citation(g, subject, predicates)
    return g


def _node_properties(index: Index, subject: str, label: str, doc_id: str | None) -> dict[str, Any]:
    predicates = index[subject]
    props: dict[str, Any] = {}
    for name, predicate, convert in LITERAL_PROPERTIES[label]:
        value = _one(predicates, predicate)
        if value is not None and name not in props:
            props[name] = convert(value)
    if label == "Policy":
        corpus = str(FS.SourceDocument) in predicates.get(_TYPE, [])
        props["in_corpus"] = corpus
        if corpus:
            props["key"] = doc_id
        else:
            props["titles"] = sorted(_literals(predicates, DCTERMS.title))
    elif label in DOCUMENT_LABELS:
        props["doc"] = doc_id
    elif label == "Deadline":
        kinds = [DEADLINE_KINDS[k] for k in _iris(predicates, FS.deadlineKind) if k in DEADLINE_KINDS]
        props["kind"] = kinds[0] if kinds else None
    elif label in ("Department", "Collective"):
        props["aliases"] = sorted(a for a in _literals(predicates, SKOS.altLabel) if a != props.get("name"))
        jurisdictions = _iris(predicates, FS.inJurisdiction)
        props["jurisdiction"] = _name(index, jurisdictions[0]) if jurisdictions else None
        categories = _iris(predicates, vocab.ORG.classification)
        props["category"] = _name(index, categories[0]) if categories else None
    return props


def _role(g: PropertyGraph, index: Index, subject: str, doc_id: str | None) -> None:
    predicates = index[subject]
    tasks, departments = _iris(predicates, FS.task), _iris(predicates, FS.department)
    kinds = [ROLE_KINDS[k] for k in _iris(predicates, FS.roleKind) if k in ROLE_KINDS]
    if not (tasks and departments and kinds):
        return  # not a complete assignment: the shapes reject it, there is no relationship to make
    sentence = _one(predicates, FS.sentenceIndex)
    via = _iris(predicates, FS.inheritedFrom)
    line = _one(predicates, FS.line)
    g.link(
        kinds[0],
        departments[0],
        tasks[0],
        id=subject,
        doc=doc_id,
        line=int(line) if line is not None else None,
        quote=_one(predicates, FS.quote),
        sentence=int(sentence) if sentence is not None else None,
        sentence_text=_one(predicates, FS.sentenceText),
        via=_one(index.get(via[0], {}), FS.ref) if via else None,
    )


def _citation(g: PropertyGraph, subject: str, predicates: dict[str, list[Any]]) -> None:
    citing, cited = _iris(predicates, FS.citing), _iris(predicates, FS.cited)
    if not (citing and cited):
        return
    line = _one(predicates, FS.line)
    g.link(
        "CITES",
        citing[0],
        cited[0],
        id=subject,
        scope=_one(predicates, FS.scope),
        cue=_one(predicates, FS.cue),
        line=int(line) if line is not None else None,
        quote=_one(predicates, FS.quote),
    )
