"""The typed model: the contract between extraction and everything after it.

Readers produce a :class:`Source` (lines and tables with positions); extraction turns it into a
:class:`Document` (tasks, roles, deadlines, targets, parents, departments, provenance). The RDF
mapper and the property-graph mapper read a :class:`Document`, never the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal, TypeVar

# Joint issuers are written into a document's one issuer, in the order they sign, set apart by this.
ISSUER_SEPARATOR = "、"

_C = TypeVar("_C", bound=type)

Role = Literal["lead", "responsible", "support"]
ROLES: tuple[Role, ...] = ("lead", "responsible", "support")
DeadlineKind = Literal["date", "ongoing", "recurring", "duration", "unspecified"]


def _pickled_as_arguments(cls: _C) -> _C:
    """Pickle instances of a dataclass as its class and the tuple of its fields' values, rebuilt by
    calling the class. Documents come back from extraction workers pickled; pickle's default
    writes every field's name in every object and sets them one by one on unpickling: a thousand
    synthetic documents made 15.2 MB that the main process unpickled in 0.28 s, so 12.2 MB and 0.12 s."""
    names = tuple(f.name for f in fields(cls))
    if not all(f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: a field the class is not called with cannot be pickled so")
    values: Callable[[Any], Any] = attrgetter(*names)
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple

        def reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
            return type(self), (values(self),)

    else:

        def reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
            return type(self), values(self)

    cls.__reduce__ = reduce  # type: ignore[method-assign,assignment]
    return cls


# ---------------------------------------------------------------------------------------------
# Reader output


# The end of the origin of a line a reader found repeated at the top or foot of pages (a running
# header or footer), which the parser reports as page furniture.
RUNNING_HEAD = "running head"


@_pickled_as_arguments
@dataclass(frozen=True)
class TextLine:
    """One line of text as the reader found it (1-based ``line`` in the reader's numbering)."""

    line: int
    text: str
    origin: str | None = None  # where the line sits in the original file when that is not a text line


@_pickled_as_arguments
@dataclass(frozen=True)
class TableCell:
    text: str
    line: int


@_pickled_as_arguments
@dataclass(frozen=True)
class Table:
    """A table the reader found as a table (.docx, .html, .pdf, .xlsx) or the parser rebuilt from text."""

    line: int
    rows: tuple[tuple[TableCell, ...], ...]
    caption: str | None = None
    # Lines of text the table takes up that hold no cell of their own: a cell's text wrapped onto
    # a line of its own, a rule drawn between rows.
    other_lines: tuple[int, ...] = ()


Block = TextLine | Table


@_pickled_as_arguments
@dataclass
class Source:
    """What a reader hands to the parser."""

    name: str  # file name, the document's identity in output
    path: str
    format: str  # txt | html | docx | pdf | xlsx
    encoding: str | None
    blocks: list[Block]
    sha256: str
    size: int
    meta: dict[str, str] = field(default_factory=dict)  # e.g. an HTML <title>


# ---------------------------------------------------------------------------------------------
# Extracted facts


@_pickled_as_arguments
@dataclass
class Provenance:
    """Where a fact came from: the document, its line and the verbatim quote."""

    doc: str
    line: int
    quote: str


@_pickled_as_arguments
@dataclass
class Department:
    """A department (or a collective of departments) resolved to a canonical identity."""

    name: str  # as written
    canonical: str  # full name scoped by jurisdiction, e.g. 阜新市农业委员会
    jurisdiction: str | None  # e.g. 阜新市, 营口市鲅鱼圈区
    level: str | None  # 省 / 市 / 区 / 县 / 乡镇 …, the level the name itself points at
    category: str | None  # functional category, e.g. agriculture
    successor: str | None = None  # canonical name after the 2018 reform, when renamed
    collective: bool = False
    members: list[str] = field(default_factory=list)  # names as written, for defined collectives
    members_scope: str | None = None  # where a collective's definition applies (e.g. 附件 table)


@_pickled_as_arguments
@dataclass
class RoleAssignment:
    """One department in one role for one task (or one sentence of it).

    ``lead`` = 牵头, ``responsible`` = 责任单位/负责, ``support`` = 配合/协助.
    """

    role: Role
    department: str  # as written
    provenance: Provenance
    sentence: int | None = None  # index into Task.sentences when the attribution governs one sentence
    via: str | None = None  # ref of the heading whose attribution the task inherits


@_pickled_as_arguments
@dataclass
class Deadline:
    """A deadline as written with its normalised form."""

    text: str
    kind: DeadlineKind
    date: str | None = None  # ISO date when determinable
    period: str | None = None  # ISO 8601 duration for recurring deadlines and durations (P1Y, P3M, P2Y)
    line: int | None = None


@_pickled_as_arguments
@dataclass
class Sentence:
    """A sentence of a task that carries its own attribution (seed 002's layout)."""

    text: str
    line: int
    roles: list[RoleAssignment] = field(default_factory=list)


@_pickled_as_arguments
@dataclass
class Task:
    id: str
    ref: str  # numbering path, e.g. 四.(一).3 or 附件.44
    text: str
    line: int
    end_line: int
    title: str | None = None  # inline heading of the item, e.g. 深化食品安全监管体制改革
    section: list[str] = field(default_factory=list)  # titles of the enclosing headings
    roles: list[RoleAssignment] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    deadline_text: str | None = None  # as written; several deadlines joined with ；
    source: Literal["body", "table"] = "body"

    def names(self, role: Role) -> list[str]:
        """Departments in ``role``, as written, de-duplicated in order of first appearance."""
        out: list[str] = []
        for assignment in self.roles:
            if assignment.role == role and assignment.department not in out:
                out.append(assignment.department)
        return out


@_pickled_as_arguments
@dataclass
class Target:
    """A quantified goal: indicator, comparator, value, unit and due year."""

    text: str  # the sentence that states it
    indicator: str
    value: str  # as written, e.g. 80%以上, ≥95, 4批次/千人
    comparator: str | None  # >= | > | <= | < | = | None
    number: float | None
    unit: str | None
    year: int | None
    line: int
    ref: str | None = None  # numbering path of the enclosing item
    attribute: str | None = None  # 预期性 / 约束性 in indicator tables
    task_id: str | None = None


@_pickled_as_arguments
@dataclass
class Parent:
    """A document cited as a basis (根据/按照/参照/贯彻/落实《…》)."""

    title: str
    number: str | None
    issuer: str | None
    cue: str
    scope: Literal["document", "body"]
    line: int
    quote: str


@_pickled_as_arguments
@dataclass
class Section:
    """A heading of the document, or the preamble, with the text that belongs to it directly."""

    ref: str
    title: str
    line: int
    kind: str = "body"  # body | preamble | attachment | framing kinds: guidance, goals, background
    text: str = ""  # paragraphs under the heading that are not items of their own


@_pickled_as_arguments
@dataclass
class Unparsed:
    line: int
    text: str
    reason: str = "unrecognised"


@_pickled_as_arguments
@dataclass
class Document:
    doc: str  # file name
    path: str
    sha256: str
    format: str
    encoding: str | None
    title: str | None
    issuer: str | None
    doc_number: str | None
    date: str | None  # as written
    date_iso: str | None
    draft: str | None  # 征求意见稿 / 讨论稿 …
    jurisdiction: str | None
    year: int | None  # the year the document speaks of, for dates written without one
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    parents: list[Parent] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    addressee: str | None = None  # 主送机关, e.g. 各县、区人民政府，市政府各部门：
    notice: str | None = None  # the notice that forwards the document (关于印发《…》的通知)
    lines: int = 0

    @property
    def id(self) -> str:
        """A stable identity: the file name without its suffix."""
        return self.doc.rsplit(".", 1)[0] if "." in self.doc else self.doc

    @property
    def issuers(self) -> list[str]:
        """The issuing bodies: joint issuers (联合发文) are written into issuer one after another."""
        return self.issuer.split(ISSUER_SEPARATOR) if self.issuer else []

    def department(self, name: str) -> Department | None:
        for dept in self.departments:
            if dept.name == name:
                return dept
        return None

    def to_json(self) -> dict[str, Any]:
        """The ``fsgraph extract --format json`` shape (see README)."""
        tasks = []
        for task in self.tasks:
            tasks.append(
                {
                    "id": task.id,
                    "ref": task.ref,
                    "title": task.title,
                    "text": task.text,
                    "line": task.line,
                    "end_line": task.end_line,
                    "source": task.source,
                    "section": task.section,
                    "lead": task.names("lead"),
                    "responsible": task.names("responsible"),
                    "support": task.names("support"),
                    "deadline": task.deadline_text,
                    "deadline_norm": deadline_norm(task.deadlines),
                    "roles": [
                        {
                            "role": a.role,
                            "department": a.department,
                            "line": a.provenance.line,
                            "quote": a.provenance.quote,
                            "sentence": a.sentence,
                            "via": a.via,
                        }
                        for a in task.roles
                    ],
                    "sentences": [
                        {
                            "text": s.text,
                            "line": s.line,
                            "lead": _names(s.roles, "lead"),
                            "responsible": _names(s.roles, "responsible"),
                            "support": _names(s.roles, "support"),
                        }
                        for s in task.sentences
                    ],
                }
            )
        return {
            "doc": self.doc,
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "encoding": self.encoding,
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "date": self.date,
            "date_iso": self.date_iso,
            "draft": self.draft,
            "jurisdiction": self.jurisdiction,
            "addressee": self.addressee,
            "notice": self.notice,
            "parents": [asdict(p) for p in self.parents],
            "sections": [asdict(s) for s in self.sections],
            "tasks": tasks,
            "targets": [asdict(t) for t in self.targets],
            "departments": [asdict(d) for d in self.departments],
            "unparsed": [asdict(u) for u in self.unparsed],
        }


def _names(roles: list[RoleAssignment], role: Role) -> list[str]:
    out: list[str] = []
    for assignment in roles:
        if assignment.role == role and assignment.department not in out:
            out.append(assignment.department)
    return out


def deadline_norm(deadlines: list[Deadline]) -> dict[str, Any] | None:
    """The normalised deadline of a task: its parts, and the latest date among them."""
    if not deadlines:
        return None
    dates = sorted(d.date for d in deadlines if d.date)
    kinds = {d.kind for d in deadlines}
    return {
        "kind": deadlines[0].kind if len(kinds) == 1 else "multiple",
        "date": dates[-1] if dates else None,
        "parts": [asdict(d) for d in deadlines],
    }
