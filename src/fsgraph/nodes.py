"""What becomes a node, and under which identity: read by both the RDF and the property-graph mapper.

Both mappers take their nodes from here, so the two graphs hold the same nodes under the same IRIs
and only differ in how they write them down.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import vocab
from .departments import Jurisdiction, names_within, resolve_department
from .model import Department, Document, Target, Task
from .vocab import URIRef


@dataclass
class DepartmentNode:
    """One department (or collective) of one jurisdiction, with every spelling a document used."""

    iri: URIRef
    canonical: str
    jurisdiction: str | None
    collective: bool = False
    names: list[str] = field(default_factory=list)  # as written
    level: str | None = None
    category: str | None = None
    successor: URIRef | None = None
    successor_name: str | None = None  # canonical name after the 2018 reform
    members: list[URIRef] = field(default_factory=list)
    members_scope: str | None = None


def department(doc: Document, name: str) -> Department:
    """The resolved department for a name as written; a name extraction did not resolve stands for itself."""
    found = doc.department(name)
    if found is not None:
        return found
    return Department(name=name, canonical=name, jurisdiction=doc.jurisdiction, level=None, category=None)


def department_iri(dept: Department) -> URIRef:
    return vocab.department_iri(dept.jurisdiction, dept.canonical)


def departments(doc: Document) -> dict[URIRef, DepartmentNode]:
    """Every department node of a document: resolved names, role holders, the issuer, members, successors."""
    nodes: dict[URIRef, DepartmentNode] = {}

    def add(dept: Department) -> DepartmentNode:
        iri = department_iri(dept)
        node = nodes.get(iri)
        if node is None:
            node = nodes[iri] = DepartmentNode(iri, dept.canonical, dept.jurisdiction)
        # A name with a second one in brackets is asked for by either of them as well.
        for name in (dept.name, *names_within(dept.name)):
            if name not in node.names:
                node.names.append(name)
        node.collective = node.collective or dept.collective
        node.level = node.level or dept.level
        node.category = node.category or dept.category
        node.members_scope = node.members_scope or dept.members_scope
        if dept.successor and dept.successor != dept.canonical:
            node.successor = vocab.department_iri(dept.jurisdiction, dept.successor)
            node.successor_name = dept.successor
        return node

    names = [d.name for d in doc.departments]
    names += [a.department for t in doc.tasks for a in t.roles]
    names += doc.issuers
    for name in names:
        add(department(doc, name))
    for dept in [d for d in doc.departments if d.collective]:
        collective = nodes[department_iri(dept)]
        for member in dept.members:
            found = doc.department(member) or _named_only(member, dept.jurisdiction)
            iri = add(found).iri
            if iri not in collective.members and iri != collective.iri:
                collective.members.append(iri)
    for node in list(nodes.values()):
        if node.successor is not None and node.successor_name and node.successor not in nodes:
            successor = _named_only(node.successor_name, node.jurisdiction)
            nodes[node.successor] = DepartmentNode(
                node.successor,
                node.successor_name,
                node.jurisdiction,
                level=successor.level,
                category=successor.category,
            )
    return nodes


def _named_only(name: str, jurisdiction: str | None) -> Department:
    """A department the text does not write but a definition names (a collective's member, a
    renamed body's successor): itself, with the level and category its name says, so that it is
    found by category like the departments written."""
    read = resolve_department(name, Jurisdiction(jurisdiction))
    return Department(
        name=name, canonical=name, jurisdiction=jurisdiction, level=read.level, category=read.category
    )


def jurisdictions(doc: Document, depts: dict[URIRef, DepartmentNode]) -> list[str]:
    """The jurisdictions named by a document and its departments, in order of first appearance."""
    out: list[str] = []
    for name in [doc.jurisdiction, *(d.jurisdiction for d in depts.values())]:
        if name and name not in out:
            out.append(name)
    return out


def enclosing_section(doc: Document, ref: str | None, *, inclusive: bool = False) -> str | None:
    """The ref of the innermost section that holds numbering ``ref`` (or is it, when ``inclusive``)."""
    if not ref:
        return None
    best: str | None = None
    for section in doc.sections:
        inside = ref.startswith(section.ref + ".") or (inclusive and ref == section.ref)
        if inside and section.ref != "preamble" and (best is None or len(section.ref) > len(best)):
            best = section.ref
    return best


def section_parent(doc: Document, ref: str) -> URIRef:
    """What a section is part of: the enclosing section, else the document."""
    parent = enclosing_section(doc, ref)
    return vocab.section_iri(doc.id, parent) if parent else vocab.document_iri(doc.id)


def task_parent(doc: Document, task: Task) -> URIRef | None:
    parent = enclosing_section(doc, task.ref)
    return vocab.section_iri(doc.id, parent) if parent else None


# Kinds of section that are no heading a task sits under: the text before the first heading, and notes.
NOT_HEADINGS = frozenset({"preamble", "note"})


def headings(doc: Document) -> dict[str, list[URIRef]]:
    """Each task's nearest heading: the sections at the greatest line not after the task's first line.

    A task table's own section rows count; the preamble and notes do not. Two sections can start on
    one line (a heading that is also a table's caption), so a task can have several; a task above
    every heading has none (keyed by task ref).
    """
    at: dict[int, list[URIRef]] = {}
    for section in doc.sections:
        if section.kind not in NOT_HEADINGS:
            at.setdefault(section.line, []).append(vocab.section_iri(doc.id, section.ref))
    lines = sorted(at)
    out: dict[str, list[URIRef]] = {}
    for task in doc.tasks:
        i = bisect.bisect_right(lines, task.line)
        if i:
            out[task.ref] = at[lines[i - 1]]
    return out


def targets(doc: Document) -> Iterator[tuple[URIRef, Target]]:
    """Each target with its IRI: numbered within the ref it is stated under."""
    seen: dict[str | None, int] = {}
    for target in doc.targets:
        seen[target.ref] = seen.get(target.ref, 0) + 1
        yield vocab.target_iri(doc.id, target.ref, seen[target.ref]), target


def target_parent(doc: Document, target: Target) -> URIRef | None:
    """What a target is part of: its task, else the section it is stated in."""
    if target.task_id:
        for task in doc.tasks:
            if task.id == target.task_id:
                return vocab.task_iri(doc.id, task.ref)
    section = enclosing_section(doc, target.ref, inclusive=True)
    return vocab.section_iri(doc.id, section) if section else None


def via_section(doc: Document, via: str | None) -> URIRef | None:
    """The heading a role is inherited from, when it is a section of the document."""
    if via and any(s.ref == via for s in doc.sections):
        return vocab.section_iri(doc.id, via)
    return None


def latest_date(task: Task) -> str | None:
    """The latest full date among a task's deadlines (the date it is due by)."""
    dates = sorted(d.date for d in task.deadlines if d.date and is_date(d.date))
    return dates[-1] if dates else None


def is_date(text: str) -> bool:
    """True for an ISO calendar date YYYY-MM-DD (not a --MM-DD month-day of a recurring deadline)."""
    return len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit()
