"""Every IRI fsgraph mints or reuses: namespaces, the ontology's terms, and the minting of node IRIs.

Node IRIs are derived from identity, never from counters of a run: a document by its id (the file
stem), its sections and tasks by its numbering, a department by jurisdiction and canonical name. The
same input therefore gives the same IRIs, rebuilding is idempotent and graphs merge without duplicates.

IRIs keep Chinese as Unicode (RFC 3987 allows it, and Turtle, N-Triples, SPARQL and JSON-LD accept it);
only the characters an IRI cannot hold in a path segment are percent-encoded.

Examples
--------
>>> str(task_iri("002_c0b8b7f66cffa162", "二.(一).1"))
'https://w3id.org/fsgraph/id/doc/002_c0b8b7f66cffa162/task/二.(一).1'
>>> str(department_iri("阜新市", "阜新市 农业委员会/办公室"))
'https://w3id.org/fsgraph/id/department/阜新市/阜新市%20农业委员会%2F办公室'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

__all__ = [
    "DCTERMS",
    "ELI",
    "FS",
    "GRAPH",
    "ID",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SHAPES",
    "SKOS",
    "TIME",
    "XSD",
]

# ---------------------------------------------------------------------------------------------
# Namespaces


class _Namespace(Namespace):
    """An rdflib Namespace that makes each term's URIRef once (mapping a document asks for
    thousands: ``FS.Task`` would otherwise build and validate a new URIRef every time)."""

    @lru_cache(maxsize=1024)  # noqa: B019 - namespaces live as long as the module
    def term(self, name: str) -> URIRef:
        return super().term(name)


FS = _Namespace("https://w3id.org/fsgraph/ontology#")  # the ontology's own terms
ONTOLOGY = URIRef("https://w3id.org/fsgraph/ontology")  # the owl:Ontology itself
ID = Namespace("https://w3id.org/fsgraph/id/")  # nodes minted from documents
GRAPH = Namespace("https://w3id.org/fsgraph/graph/")  # named graphs of the store
SHAPES = Namespace("https://w3id.org/fsgraph/shapes#")  # the SHACL shapes (ontology/shapes.ttl)
ORG = _Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

PREFIXES: dict[str, str] = {
    "fs": str(FS),
    "fsid": str(ID),
    "org": str(ORG),
    "eli": str(ELI),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "time": str(TIME),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
}


def bind_prefixes(graph: object) -> None:
    """Bind the project's prefixes on an rdflib graph (for readable Turtle)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True)  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# Controlled values: model strings → ontology individuals

ROLE_KINDS: dict[str, URIRef] = {"lead": FS.Lead, "responsible": FS.Responsible, "support": FS.Support}
# The direct shortcut from a department to a task, one per role kind.
ROLE_SHORTCUTS: dict[str, URIRef] = {
    "lead": FS.leads,
    "responsible": FS.responsibleFor,
    "support": FS.supports,
}
DEADLINE_KINDS: dict[str, URIRef] = {
    "date": FS.DueDate,
    "ongoing": FS.Ongoing,
    "recurring": FS.Recurring,
    "duration": FS.WithinDuration,
    "unspecified": FS.Unspecified,
}
# A parent cited for the whole document (根据…制定本意见) is its basis; one cited in the body is cited.
CITATION_SHORTCUTS: dict[str, URIRef] = {"document": FS.isBasedOn, "body": FS.cites}

# Named graphs of the store.
ONTOLOGY_GRAPH = GRAPH.ontology
BUILD_GRAPH = GRAPH.build  # bookkeeping of builds: the ontology's hash
LINKS_GRAPH = GRAPH.links  # links computed across documents (cited policy = corpus document)


# ---------------------------------------------------------------------------------------------
# Minting node IRIs

# Characters an IRI path segment may hold as they are (RFC 3987 ipchar without '%'): unreserved
# ASCII, sub-delims, ':' and '@'; the rest of ASCII is percent-encoded.
_ASCII_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")
# ucschar of RFC 3987: the non-ASCII code points an IRI may hold unencoded.
_UCS_RANGES = (
    (0xA0, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    *((plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)


def _kept(char: str) -> bool:
    code = ord(char)
    if code < 0x80:
        return char in _ASCII_KEPT
    return any(low <= code <= high for low, high in _UCS_RANGES)


# The characters _kept rejects, as one regex: most segments hold none, and a search in C is far
# cheaper than a test per character (minting IRIs dominated the time of mapping a document).
_NOT_KEPT = re.compile(
    "[^"
    + re.escape("".join(sorted(_ASCII_KEPT)))
    + "".join(f"{chr(low)}-{chr(high)}" for low, high in _UCS_RANGES)
    + "]"
)


def _encode(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8"))


@lru_cache(maxsize=65536)
def segment(text: str) -> str:
    """One IRI path segment for ``text``: NFC, Unicode kept, everything else percent-encoded.

    >>> segment("附件.44"), segment("a b/c"), segment("..")
    ('附件.44', 'a%20b%2Fc', '%2E%2E')
    """
    text = unicodedata.normalize("NFC", text.strip())
    if text.strip(".") == "":  # '.' and '..' would be removed by IRI normalisation
        return "".join(f"%{b:02X}" for b in text.encode()) or "-"
    return _NOT_KEPT.sub(_encode, text)


def mint(*parts: str) -> URIRef:
    """A node IRI under :data:`ID` from path segments."""
    return URIRef(str(ID) + "/".join(segment(p) for p in parts))


def document_iri(doc_id: str) -> URIRef:
    return mint("doc", doc_id)


def section_iri(doc_id: str, ref: str) -> URIRef:
    return mint("doc", doc_id, "section", ref)


def task_iri(doc_id: str, ref: str) -> URIRef:
    return mint("doc", doc_id, "task", ref)


def role_iri(doc_id: str, ref: str, index: int) -> URIRef:
    """The ``index``-th (1-based) role assignment of a task."""
    return mint("doc", doc_id, "task", ref, "role", str(index))


def deadline_iri(doc_id: str, ref: str, index: int) -> URIRef:
    """The ``index``-th (1-based) deadline of a task."""
    return mint("doc", doc_id, "task", ref, "deadline", str(index))


def target_iri(doc_id: str, ref: str | None, index: int) -> URIRef:
    """The ``index``-th (1-based) target stated under numbering ``ref`` ('-' outside any)."""
    return mint("doc", doc_id, "target", ref or "-", str(index))


def citation_iri(doc_id: str, index: int) -> URIRef:
    """The ``index``-th (1-based) citation of a parent policy in a document."""
    return mint("doc", doc_id, "citation", str(index))


def cited_policy_iri(number: str | None, title: str) -> URIRef:
    """A policy known only from a citation: by its 文号 when cited with one, else by its title."""
    if number:
        return mint("policy", "number", number)
    return mint("policy", "title", title)


def department_iri(jurisdiction: str | None, canonical: str) -> URIRef:
    """One node per canonical department per jurisdiction ('-' when the jurisdiction is unknown)."""
    return mint("department", jurisdiction or "-", canonical)


def jurisdiction_iri(name: str) -> URIRef:
    return mint("jurisdiction", name)


def category_iri(category: str) -> URIRef:
    return mint("category", category)


def document_graph(doc_id: str) -> URIRef:
    """The named graph that holds one document's triples in the store."""
    return URIRef(str(GRAPH) + "doc/" + segment(doc_id))


def document_id_of_graph(graph: str) -> str:
    """The document id of a graph :func:`document_graph` named.

    >>> document_id_of_graph(document_graph("2021年 安排"))
    '2021年 安排'
    """
    return unquote(graph.removeprefix(str(GRAPH) + "doc/"))
