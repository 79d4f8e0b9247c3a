"""Document model → property-graph rows: nodes with labels and properties, typed relationships.

The rows are plain data for a Neo4j loader or an embedded Cypher engine; no driver code here. Node
ids are the RDF IRIs (:mod:`fsgraph.vocab`), and every node kind and relationship kind has an RDF
counterpart, so :func:`graph_counts` equals :func:`fsgraph.rdf.graph_counts` on the same documents:

===============================  =============================================================
property graph                   RDF
===============================  =============================================================
(:Policy)                        ``fs:Policy`` (corpus documents are also ``fs:SourceDocument``)
(:Section) (:Task) (:Target)     ``fs:Section`` ``fs:Task`` ``fs:Target``
(:Deadline)                      ``fs:Deadline``
(:Department) (:Collective)      ``fs:Department`` ``fs:Collective``
(:Jurisdiction) (:Category)      ``fs:Jurisdiction`` ``fs:Category``
PART_OF                          ``dcterms:isPartOf``
HAS_TASK HAS_TARGET HAS_DEADLINE ``fs:hasTask`` ``fs:hasTarget`` ``fs:hasDeadline``
LEADS RESPONSIBLE_FOR SUPPORTS   one ``fs:RoleAssignment`` each (``fs:roleKind``)
CITES                            one ``fs:Citation`` each
MEMBER_OF                        ``org:memberOf``
IN_JURISDICTION                  ``fs:inJurisdiction``
IN_CATEGORY                      ``org:classification``
SUCCEEDED_BY                     ``fs:succeededBy``
ISSUED_BY                        ``dcterms:creator``
SAME_AS                          ``owl:sameAs`` (cited policy = corpus document)
UNDER_HEADING                    ``fs:underHeading`` (a task's nearest heading)
===============================  =============================================================

Examples
--------
>>> from fsgraph.model import Document
>>> doc = Document(doc="x.txt", path="x.txt", sha256="0" * 64, format="txt", encoding="utf-8",
...     title="示例", issuer=None, doc_number=None, date=None, date_iso=None, draft=None,
...     jurisdiction="阜新市", year=2016)
>>> graph_counts(document_rows(doc))["Policy"]
1
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import nodes, vocab
from .model import Document

# The relationship type of each role kind.
ROLE_TYPES: dict[str, str] = {"lead": "LEADS", "responsible": "RESPONSIBLE_FOR", "support": "SUPPORTS"}

NODE_LABELS = (
    "Policy",
    "Section",
    "Task",
    "Target",
    "Deadline",
    "Department",
    "Collective",
    "Jurisdiction",
    "Category",
)
RELATIONSHIP_TYPES = (
    "PART_OF",
    "HAS_TASK",
    "HAS_TARGET",
    "HAS_DEADLINE",
    "MEMBER_OF",
    "IN_JURISDICTION",
    "IN_CATEGORY",
    "SUCCEEDED_BY",
    "ISSUED_BY",
    "SAME_AS",
    "LEADS",
    "RESPONSIBLE_FOR",
    "SUPPORTS",
    "CITES",
    "UNDER_HEADING",
)


@dataclass
class Node:
    id: str  # the node's RDF IRI
    labels: list[str]
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class Relationship:
    type: str
    start: str  # node id
    end: str  # node id
    properties: dict[str, Any] = field(default_factory=dict)
    id: str | None = None  # IRI of the qualified RDF node (role assignment, citation); None for plain links

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """Plain links are one per (type, start, end), as RDF triples are; qualified ones one per id."""
        return self.type, self.start, self.end, self.id


@dataclass
class PropertyGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    relationships: dict[tuple[str, str, str, str | None], Relationship] = field(default_factory=dict)

    def node(self, id: str, label: str, **properties: Any) -> Node:
        """Add a node, or merge into the node with the same id (list properties are unioned)."""
        found = self.nodes.get(id)
        if found is None:
            found = self.nodes[id] = Node(id, [label], {})
        elif label not in found.labels:
            found.labels.append(label)
        _merge(found.properties, properties)
        return found

    def link(self, type: str, start: str, end: str, id: str | None = None, **properties: Any) -> None:
        rel = Relationship(type, str(start), str(end), {}, str(id) if id is not None else None)
        found = self.relationships.setdefault(rel.key, rel)
        _merge(found.properties, properties)

    def update(self, other: PropertyGraph) -> None:
        """Merge another graph into this one."""
        for node in other.nodes.values():
            for label in node.labels:
                self.node(node.id, label, **node.properties)
        for rel in other.relationships.values():
            self.link(rel.type, rel.start, rel.end, rel.id, **rel.properties)

    def to_json(self) -> dict[str, Any]:
        return {
            "nodes": [
                {"id": n.id, "labels": n.labels, "properties": n.properties} for n in self.nodes.values()
            ],
            "relationships": [
                {"type": r.type, "start": r.start, "end": r.end, "id": r.id, "properties": r.properties}
                for r in self.relationships.values()
            ],
        }


def _merge(into: dict[str, Any], properties: dict[str, Any]) -> None:
    for name, value in properties.items():
        if value is None or value == []:
            continue  # Neo4j stores no nulls
        if isinstance(value, list):
            current = into.setdefault(name, [])
            current.extend(v for v in value if v not in current)
        else:
            into.setdefault(name, value)


def document_rows(doc: Document) -> PropertyGraph:
    """The property graph of one document."""
    g = PropertyGraph()
    d = str(vocab.document_iri(doc.id))
    g.node(
        d,
        "Policy",
        key=doc.id,
        in_corpus=True,
        file=doc.doc,
        sha256=doc.sha256,
        format=doc.format,
        encoding=doc.encoding,
        lines=doc.lines or None,
        title=doc.title,
        number=doc.doc_number,
        issued=doc.date_iso if doc.date_iso and nodes.is_date(doc.date_iso) else None,
        date_text=doc.date,
        draft=doc.draft,
        year=doc.year,
        addressee=doc.addressee,
        notice=doc.notice,
    )
    if doc.jurisdiction:
        g.link("IN_JURISDICTION", d, str(vocab.jurisdiction_iri(doc.jurisdiction)))
    for issuer in doc.issuers:
        g.link("ISSUED_BY", d, str(nodes.department_iri(nodes.department(doc, issuer))))

    depts = nodes.departments(doc)
    for name in nodes.jurisdictions(doc, depts):
        g.node(str(vocab.jurisdiction_iri(name)), "Jurisdiction", name=name)
    for dept in depts.values():
        x = str(dept.iri)
        g.node(
            x,
            "Collective" if dept.collective else "Department",
            name=dept.canonical,
            aliases=[n for n in dept.names if n != dept.canonical],
            jurisdiction=dept.jurisdiction,
            level=dept.level,
            category=dept.category,
            members_scope=dept.members_scope,
        )
        if dept.jurisdiction:
            g.link("IN_JURISDICTION", x, str(vocab.jurisdiction_iri(dept.jurisdiction)))
        if dept.category:
            category = str(vocab.category_iri(dept.category))
            g.node(category, "Category", name=dept.category)
            g.link("IN_CATEGORY", x, category)
        if dept.successor:
            g.link("SUCCEEDED_BY", x, str(dept.successor))
        for member in dept.members:
            g.link("MEMBER_OF", str(member), x)

    for section in doc.sections:
        s = str(vocab.section_iri(doc.id, section.ref))
        g.node(
            s,
            "Section",
            doc=doc.id,
            ref=section.ref,
            title=section.title,
            kind=section.kind,
            line=section.line,
            text=section.text or None,
        )
        g.link("PART_OF", s, str(nodes.section_parent(doc, section.ref)))

    headings = nodes.headings(doc)
    for task in doc.tasks:
        t = str(vocab.task_iri(doc.id, task.ref))
        g.node(
            t,
            "Task",
            doc=doc.id,
            ref=task.ref,
            text=task.text,
            title=task.title,
            line=task.line,
            end_line=task.end_line,
            source=task.source,
            deadline_text=task.deadline_text,
            due_date=nodes.latest_date(task),
        )
        g.link("HAS_TASK", d, t)
        if (parent := nodes.task_parent(doc, task)) is not None:
            g.link("PART_OF", t, str(parent))
        for heading in headings.get(task.ref, ()):
            g.link("UNDER_HEADING", t, str(heading))
        for i, deadline in enumerate(task.deadlines, 1):
            x = str(vocab.deadline_iri(doc.id, task.ref, i))
            g.node(
                x,
                "Deadline",
                kind=deadline.kind,
                text=deadline.text,
                date=deadline.date,
                period=deadline.period,
                line=deadline.line,
            )
            g.link("HAS_DEADLINE", t, x)
        for i, role in enumerate(task.roles, 1):
            sentence = role.sentence
            g.link(
                ROLE_TYPES[role.role],
                str(nodes.department_iri(nodes.department(doc, role.department))),
                t,
                id=str(vocab.role_iri(doc.id, task.ref, i)),
                doc=doc.id,
                line=role.provenance.line,
                quote=role.provenance.quote,
                sentence=sentence,
                sentence_text=(
                    task.sentences[sentence].text
                    if sentence is not None and 0 <= sentence < len(task.sentences)
                    else None
                ),
                via=role.via,
            )

    for x, target in nodes.targets(doc):
        tx = str(x)
        g.node(
            tx,
            "Target",
            doc=doc.id,
            text=target.text,
            indicator=target.indicator,
            value=target.value,
            comparator=target.comparator,
            number=target.number,
            unit=target.unit,
            year=target.year,
            attribute=target.attribute,
            line=target.line,
            ref=target.ref,
        )
        g.link("HAS_TARGET", d, tx)
        if (parent := nodes.target_parent(doc, target)) is not None:
            g.link("PART_OF", tx, str(parent))

    for i, cited in enumerate(doc.parents, 1):
        p = str(vocab.cited_policy_iri(cited.number, cited.title))
        g.node(
            p,
            "Policy",
            in_corpus=False,
            title=cited.title,
            titles=[cited.title],
            number=cited.number,
            issuer_name=cited.issuer,
        )
        g.link(
            "CITES",
            d,
            p,
            id=str(vocab.citation_iri(doc.id, i)),
            scope=cited.scope,
            cue=cited.cue,
            line=cited.line,
            quote=cited.quote,
        )
    return g


def link_policies(graph: PropertyGraph) -> None:
    """SAME_AS from each cited policy to the corpus document it is (the rule of rdf.SAME_POLICY)."""
    corpus = [n for n in graph.nodes.values() if n.properties.get("in_corpus") is True]
    cited = {r.end for r in graph.relationships.values() if r.type == "CITES"}
    for node_id in sorted(cited):
        node = graph.nodes[node_id]
        number = node.properties.get("number")
        titles = node.properties.get("titles", [])
        for doc in corpus:
            if doc.id == node_id:
                continue
            same_number = number is not None and number == doc.properties.get("number")
            conflicting = number is not None and doc.properties.get("number") not in (None, number)
            same_title = doc.properties.get("title") in titles and not conflicting
            if same_number or same_title:
                graph.link("SAME_AS", node_id, doc.id)


def corpus_rows(docs: Iterable[Document]) -> PropertyGraph:
    """The merged property graph of several documents, with the links between them."""
    graph = PropertyGraph()
    for doc in docs:
        graph.update(document_rows(doc))
    link_policies(graph)
    return graph


def graph_counts(graph: PropertyGraph) -> dict[str, int]:
    """Nodes per label and relationships per type (every kind present, zero when absent)."""
    counts: Counter[str] = Counter({name: 0 for name in (*NODE_LABELS, *RELATIONSHIP_TYPES)})
    for node in graph.nodes.values():
        counts.update(node.labels)
    counts.update(r.type for r in graph.relationships.values())
    return dict(counts)
