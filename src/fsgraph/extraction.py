"""Extraction: a :class:`~fsgraph.model.Source` in, a :class:`~fsgraph.model.Document` out.

The numbered parts of the 公文 tree become tasks (leaves outside framing sections) or sections;
rows of task tables become tasks, rows of indicator tables targets. Every line ends up somewhere:
in the front matter, a section, a task, a table, or the ``unparsed`` list with the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .deadlines import (
    Found,
    bare_year,
    deadline_text,
    find_deadlines,
    normalise,
    unwrapped_date,
    with_years,
    written_year,
)
from .departments import Jurisdiction, jurisdiction_of, looks_like_department, resolve_department
from .errors import InputError
from .metadata import (
    DATE,
    ISO_DATE,
    LEAD_IN,
    SPACE,
    FrontMatter,
    compact,
    display_width,
    iso_date,
    read_front_matter,
)
from .model import (
    ISSUER_SEPARATOR,
    Department,
    Document,
    Provenance,
    Role,
    RoleAssignment,
    Section,
    Sentence,
    Source,
    Table,
    Task,
    TextLine,
    Unparsed,
)
from .numbering import YEAR, match_marker
from .parents import find_parents, merge_parents
from .readers import read
from .roles import Attribution, find_attributions, first_listed_leads, read_attribution, split_names
from .structure import Node, Outline, Piece, parse_outline
from .tables import TableRow, column_kind, read_table
from .targets import (
    CLAUSE_ENDS,
    WRAPPED,
    find_targets,
    goes_on,
    governing_year,
    is_frequency,
    page_width,
    table_target,
)

# A note that defines a collective: 注：本表中提到的“市食品安全监管部门”…特指市经信委、市农委…。
_DEFINITION = re.compile(
    r"[“\"](?P<name>[^”\"]{2,30})[”\"][^。]{0,30}?(?:特指|是指|系指|指|包括|包含)(?P<members>[^。]+)"
)


def extract_path(path: str | Path) -> Document:
    """Read and extract one file."""
    return extract_source(read(path))


# The longest paragraph of a real 公文 runs to a few thousand characters; a "line" of hundreds of
# thousands is a dump (minified page, concatenated corpus, binary) that no layout rule applies to.
MAX_LINE_CHARS = 200_000


def extract_source(source: Source) -> Document:
    lines = [b for b in source.blocks if isinstance(b, TextLine)]
    for line in lines:
        if len(line.text) > MAX_LINE_CHARS:
            raise InputError(
                source.path,
                f"line {line.line} is {len(line.text):,} characters long; a policy document's "
                f"paragraphs are far shorter (limit {MAX_LINE_CHARS:,}) — is this a text dump?",
            )
    front = read_front_matter(lines)
    outline = parse_outline(source, front)
    return _Builder(source, front, outline).build()


def _offsets(pieces: list[Piece], wrap: int | None = None) -> tuple[str, list[tuple[int, int]]]:
    """Join pieces with newlines, but where a line break splits a number (10 / 0%, 1 / 2月15日前, as
    a PDF's narrow lines wrap them) or, with ``wrap``, where a page's line was full (:func:`_wraps`);
    map each offset of the result back to its source line."""
    text = ""
    line_at: list[tuple[int, int]] = []
    previous: Piece | None = None
    for piece in pieces:
        if previous is not None and not (
            _splits_number(text, piece.text) or _wraps(previous.text, piece.text, wrap)
        ):
            text += "\n"
        line_at.append((len(text), piece.line))
        text += piece.text
        previous = piece
    return text, line_at


def _page_line(source: Source) -> int | None:
    """For a PDF, the least width of a line the page wrapped (:func:`display_width`, a Chinese
    character two): two characters short of the most common width of its long lines (most lines of a
    page are full; one that ends a paragraph is shorter). A width, not a number of characters: a
    line of figures or half-width commas holds more of them. None for other formats, whose lines are
    paragraphs."""
    if source.format != "pdf":
        return None
    widths = Counter(
        n
        for b in source.blocks
        if isinstance(b, TextLine) and (n := display_width(b.text.strip(SPACE))) >= 2 * WRAPPED
    )
    return max(2 * WRAPPED, widths.most_common(1)[0][0] - 4) if widths else None


def _wraps(line: str, following: str, wrap: int | None) -> bool:
    """Whether a page's line goes on on the line after it: it is at least ``wrap`` wide (a PDF's
    lines are as wide as the page, however a sentence or a name falls on them), and the next line
    opens no field of its own (牵头单位：…) and no numbered part."""
    return (
        wrap is not None
        and display_width(line.strip(SPACE)) >= wrap
        and not _field_line(following)
        and match_marker(following.strip(SPACE)) is None
    )


_NUMBER_GOES_ON = re.compile(r"[\d%％年月日号]")


def _splits_number(before: str, after: str) -> bool:
    """Whether a line break between ``before`` and ``after`` falls inside a number or a date."""
    return (
        before[-1:].isdigit()
        and _NUMBER_GOES_ON.match(after) is not None
        and match_marker(after.strip(SPACE)) is None
    )


def _paragraph_tasks(
    node: Node, opens_with_body: Callable[[str], bool], wrap: int | None = None
) -> list[tuple[list[Piece], str]]:
    """An item is one task; a heading over several paragraphs that each end with their own
    attribution, or open with a body's name and a colon (市公安局：负责…, as a list of members'
    duties is written), is one task per paragraph (第1段, 第2段 … in the numbering path).

    A paragraph is a line of text and the field lines after it (牵头单位：…, 配合单位：…,
    完成时限：…, each on a line of its own): an item that lists its fields line by line is one
    paragraph, however many of its field lines name departments. With ``wrap``, a page's full line
    goes on on the next (:func:`_wraps`), and what a paragraph ends with is read across its lines."""
    pieces = node.pieces
    body = pieces[1:] if pieces and node.title == pieces[0].text else pieces
    paragraphs: list[list[Piece]] = []
    for piece in body:
        if paragraphs and (_field_line(piece.text) or _wraps(paragraphs[-1][-1].text, piece.text, wrap)):
            paragraphs[-1].append(piece)
        else:
            paragraphs.append([piece])
    if len(paragraphs) < 2:
        return [(pieces, node.ref)]
    ends = [
        any(_ends_with_attribution(_offsets(run, wrap)[0]) for run in _runs(paragraph, wrap))
        for paragraph in paragraphs
    ]
    opens = [opens_with_body(paragraph[0].text) for paragraph in paragraphs]
    if sum(ends) + sum(opens) < 2:
        return [(pieces, node.ref)]
    groups: list[list[Piece]] = []
    current: list[Piece] = []
    opened = False  # whether the paragraphs gathered so far open with a body's name
    for paragraph, ends_here, opens_here in zip(paragraphs, ends, opens, strict=True):
        if opens_here and current:
            groups.append(current)
            current = []
        opened = opened if current else opens_here
        current.extend(paragraph)
        if ends_here:
            groups.append(current)
            current = []
    if current and (opened or not groups):
        groups.append(current)
    elif current:
        groups[-1].extend(current)  # a paragraph after the last attribution belongs with it
    return [(group, f"{node.ref}.第{k}段") for k, group in enumerate(groups, start=1)]


def _runs(paragraph: list[Piece], wrap: int | None) -> list[list[Piece]]:
    """A paragraph's lines, those a page wrapped together (:func:`_wraps`) in one run each."""
    runs: list[list[Piece]] = []
    for piece in paragraph:
        if runs and _wraps(runs[-1][-1].text, piece.text, wrap):
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


_FIELD_LABEL = re.compile(r"^[\s\u3000]*([^\s\u3000：:，,。；;]{2,8})[：:]")
_FIELD_KINDS = frozenset({"lead", "support", "responsible", "deadline"})


def _field_line(text: str) -> bool:
    """Whether a line is one of a task's fields: a label that heads a column of task tables
    (牵头单位, 配合单位, 完成时限 …) and a colon."""
    m = _FIELD_LABEL.match(text)
    return m is not None and column_kind(m.group(1)) in _FIELD_KINDS


def _ends_with_attribution(text: str) -> bool:
    found = find_attributions(text)
    return bool(found) and not text[found[-1].end :].strip(SPACE + "。；;.")


def _unnumbered_tasks(pieces: list[Piece], named: Callable[[str], bool]) -> tuple[list[Node], list[Node]]:
    """The tasks of a text without numbering (a Word document structured by heading styles alone,
    a notice of paragraphs), and the headings they sit under: each paragraph that ends with its
    own attribution or opens with a body's name (县农业农村局：负责…, ``named``), and each after a
    lead-in (现就有关事项通知如下：) — what a notice asks; numbered 第k段 by its place among the
    paragraphs, its parent the short unpunctuated line above it, if any (a heading, numbered so
    too). A paragraph is a line and the lines it wraps onto (:func:`fsgraph.targets.goes_on`)."""
    if not pieces:
        return [], []
    width = page_width([len(p.text) for p in pieces])
    paragraphs: list[list[Piece]] = [[pieces[0]]]
    for piece in pieces[1:]:
        if goes_on(paragraphs[-1][-1].text.rstrip(SPACE), width):
            paragraphs[-1].append(piece)
        else:
            paragraphs.append([piece])
    tasks: list[Node] = []
    headings: list[Node] = []
    heading: Node | None = None
    led_in = False
    for k, paragraph in enumerate(paragraphs, start=1):
        text = "\n".join(p.text for p in paragraph)
        if LEAD_IN.search(text):
            led_in = True
            continue
        stripped = text.strip(SPACE)
        # A heading ends with no punctuation, but a body's name alone (县市场监管局：) heads its duties.
        opens_named = named(stripped)
        named_alone = opens_named and bool(_NAME_AND_COLON.fullmatch(stripped))
        is_heading = len(paragraph) == 1 and (
            named_alone or (len(stripped) <= 30 and text.rstrip(SPACE)[-1:] not in CLAUSE_ENDS)
        )
        if not named_alone and (_ends_with_attribution(text) or opens_named or (led_in and not is_heading)):
            tasks.append(Node("part", f"第{k}段", 0, paragraph[0].line, pieces=paragraph, parent=heading))
            if heading is not None and not (headings and headings[-1] is heading):
                headings.append(heading)
        elif is_heading:
            heading = Node(
                "part", f"第{k}段", 0, paragraph[0].line, title=stripped.rstrip("：:"), pieces=paragraph
            )
    return tasks, headings


_SENTENCE_ENDS = frozenset("。！？!?；;")
# An item opening with a body's name and a colon, or a full stop (市教育局。负责…), lists that body's duties.
_NAME_AND_COLON = re.compile(r"(?P<name>[^：:，,。；;\n]{2,30})[：:。]")
# An item opening with who is responsible for it: 县市场监督管理局负责…, 由各乡镇人民政府负责… (not 负责人,
# 负责同志 or a 负责制, which name people and a system).
_NAME_THEN_DUTY = re.compile(r"由?(?P<name>[^：:，,。；;\n]{2,30}?)负责(?![人制]|同志)")


def _without_title(node: Node) -> list[Piece]:
    """A section's own text without its heading (总体目标 到2020年… → 到2020年…)."""
    pieces = list(node.pieces)
    if pieces and node.title and pieces[0].text.startswith(node.title):
        rest = pieces[0].text[len(node.title) :].lstrip(SPACE + "。")
        pieces[0] = Piece(pieces[0].line, rest)
        if not rest:
            pieces.pop(0)
    return pieces


def _own_text(node: Node) -> list[Piece]:
    """A section's text for the facts it states: without a heading set apart from it (总体目标 到2020年…),
    with one that is its first sentence (开展校园守护行动，覆盖率达到100%。…), which states them too;
    a section of its heading alone (第一条 根据《…》，制定本办法。) is its heading."""
    first = node.pieces[0].text if node.pieces else ""
    if (
        node.title
        and first.startswith(node.title)
        and first[len(node.title) : len(node.title) + 1] in _SENTENCE_ENDS
    ):
        return list(node.pieces)
    return _without_title(node) or list(node.pieces)


def _line_at(line_at: list[tuple[int, int]], offset: int) -> int:
    line = line_at[0][1] if line_at else 0
    for start, number in line_at:
        if start > offset:
            break
        line = number
    return line


# Lines the front matter claims that hold nothing the graph keeps: reported, with why.
_CLAIMS_UNPARSED = {
    "page": "page furniture",
    "colophon": "colophon (抄送, 印发)",
    "closing": "closing (特此通知, 联系人)",
}


def _cell_attribution(text: str, column: Role) -> list[tuple[Role, str]] | None:
    """The (role, name) pairs of a role cell of a table. A line break in a cell of a Word or web
    table is the author's (区商务局<br>各街道办事处): each line is read on its own when each names
    departments; else the lines are one name the cell's width broke."""
    lines = [line for line in text.split("\n") if line.strip(SPACE)]
    if len(lines) > 1:
        each = [read_attribution(line, column, column=True) for line in lines]
        if all(each):
            return [pair for pairs in each for pair in pairs or []]
    return read_attribution(text, column, column=True)


# An attribution of the items above it: （以上工作由…牵头）, 上述任务由…负责.
_ABOVE = re.compile(r"^[（(【［\[〔]?\s*(?:以上|上述)")


def _parent_ref(ref: str) -> str:
    return ref.rpartition(".")[0]


def _goal_year(node: Node | None) -> int | None:
    """The year a goals section sets for the goals under it: the one its heading writes (二、主要目标
    （2025年）) or its text opens with (到2026年，…具体目标：), the nearest such section's."""
    while node is not None and node.framing == "goals":
        if year := written_year(node.title or ""):
            return year
        text = _without_title(node)
        if text and (year := governing_year(text[0].text)):
            return year
        node = node.parent
    return None


def _first_of_each_list_leads(task: Task) -> None:
    """In a document that says the first body of each list leads it: the first of the bodies one
    attribution or cell names responsible leads, when it names two or more and no lead."""
    lists: dict[tuple[int, str], list[RoleAssignment]] = {}
    for assignment in task.roles:
        lists.setdefault((assignment.provenance.line, assignment.provenance.quote), []).append(assignment)
    for assignments in lists.values():
        responsible = [a for a in assignments if a.role == "responsible"]
        if len(responsible) >= 2 and not any(a.role == "lead" for a in assignments):
            responsible[0].role = "lead"


def _line_of(line_at: list[tuple[int, int]]) -> Callable[[int], int]:
    return lambda offset: _line_at(line_at, offset)


class _Builder:
    def __init__(self, source: Source, front: FrontMatter, outline: Outline) -> None:
        self.source = source
        self.wrap = _page_line(source)
        self.front = front
        self.outline = outline
        self.covered: set[int] = set(front.claims)
        self.collectives: dict[str, list[str]] = {}
        self.collective_scope: dict[str, str] = {}
        self.parents: list = []
        self.ids: set[str] = set()
        # Per heading (by identity): its time limit or its nearest ancestor's (_heading_time_limit).
        self.heading_limits: dict[int, tuple[list[Found], list[tuple[int, int]]] | None] = {}
        title_years = re.findall(rf"({YEAR})年", front.title or "")
        # An annual plan's targets are due in its year (2021年食品安全重点工作安排).
        self.annual_year = int(title_years[0]) if len(set(title_years)) == 1 else None
        # A page's panel dates the document when its text does not (成文日期：2025年03月14日).
        panel_date = None
        if front.date is None and (written := source.meta.get("date")):
            m = DATE.fullmatch(written) or ISO_DATE.fullmatch(written)
            panel_date = iso_date(m) if m else None
        self.doc = Document(
            doc=source.name,
            path=source.path,
            sha256=source.sha256,
            format=source.format,
            encoding=source.encoding,
            title=front.title,
            issuer=front.issuer or source.meta.get("issuer"),
            doc_number=front.doc_number or source.meta.get("doc_number"),
            date=front.date or source.meta.get("date"),
            date_iso=front.date_iso or panel_date,
            draft=front.draft,
            jurisdiction=None,
            year=front.year or (int(panel_date[:4]) if panel_date else None),
            addressee=front.addressee,
            notice=front.notice,
        )

    # -- driving -------------------------------------------------------------------------------
    def build(self) -> Document:
        doc = self.doc
        self._cover(self.outline.preamble)
        # A text with no numbered part at all: its paragraphs with their own attributions are tasks.
        tasks: list[Node] = []
        headings: list[Node] = []
        if not self.outline.parts:
            named = lambda text: bool(self._named_before_colon(text, 0))  # noqa: E731
            tasks, headings = _unnumbered_tasks(self.outline.preamble, named)
        taken = {id(piece) for node in [*tasks, *headings] for piece in node.pieces}
        rest = [piece for piece in self.outline.preamble if id(piece) not in taken]
        if rest:
            preamble, _ = _offsets(rest, self.wrap)
            doc.sections.append(Section("preamble", doc.title or "", rest[0].line, "preamble", preamble))
            self._paragraph_facts(rest, "document", ref=None)
        for heading in headings:
            doc.sections.append(Section(heading.ref, heading.title or "", heading.line, "body", ""))
        for node in tasks:
            # Under a heading that is a body's name (县市场监管局：), the body's.
            self._task(
                node, node.pieces, node.ref, self._named_in_heading(node.parent) if node.parent else []
            )
        for part in self.outline.parts:
            self._visit(part, [])
        text = "\n".join(b.text for b in self.source.blocks if isinstance(b, TextLine))
        if first_listed_leads(text):
            for task in doc.tasks:
                _first_of_each_list_leads(task)
        doc.parents = merge_parents(self.parents)
        self._departments(text)
        self._unparsed()
        doc.lines = max((b.line for b in self.source.blocks if isinstance(b, TextLine)), default=0)
        return doc

    def _cover(self, pieces: list[Piece]) -> None:
        self.covered.update(p.line for p in pieces)

    def _visit(self, node: Node, inherited: list[RoleAssignment]) -> None:
        self._cover(node.pieces)
        self._cover(node.notes)
        is_task = (
            node.kind == "part"
            and not node.children
            and node.framing is None
            and bool(node.text.strip())
            # A heading with nothing under it but a table is no task: the table's rows are.
            and not (node.tables and not _without_title(node))
        )
        holders = self._named_in_heading(node)
        own: list[RoleAssignment] = []
        tasks_before, targets_before = len(self.doc.tasks), len(self.doc.targets)
        if is_task:
            named = lambda text: bool(self._named_before_colon(text, 0))  # noqa: E731
            for pieces, ref in _paragraph_tasks(node, named, self.wrap):
                self._task(node, pieces, ref, holders or inherited)
        else:
            # A heading's own attribution ("（一）加强监管（市市场监管局牵头）") passes to the items under it
            # that name no department themselves.
            text, line_at = _offsets(node.pieces, self.wrap)
            own = [
                RoleAssignment(
                    role, name, Provenance(self.doc.doc, _line_at(line_at, a.start), a.quote), via=node.ref
                )
                for a in find_attributions(text)
                for role, name in a.roles
            ]
            inherited = own or holders or inherited
            kind = node.kind if node.kind == "attachment" else (node.framing or "body")
            title = node.title or (node.text.split("\n", 1)[0][:60] if node.children else "")
            body = [p for p in node.pieces if p.text != title]
            self.doc.sections.append(
                Section(node.ref, title, node.line, kind, "\n".join(p.text for p in body))
            )
            scope = "body" if node.framing is None else ("document" if node.framing != "background" else None)
            if node.kind == "attachment" and self._forwarded_plan(node):
                scope = "document"  # the plan a notice forwards opens here: its basis is the document's
            if scope is not None:
                # A section of one sentence (第一条 根据《…》，制定本办法。) is its own title.
                self._paragraph_facts(_own_text(node), scope, ref=node.ref, year=_goal_year(node))
        targets_after = len(self.doc.targets)
        for note in node.notes:
            self._note(note, node)
        for table in node.tables:
            self._table(table, node)
        for child in node.children:
            self._visit(child, inherited)
        self._attributed_above(node, tasks_before)
        if (
            own
            and node.children
            and node.kind == "part"
            and node.framing is None
            and not any(r.via == node.ref for task in self.doc.tasks[tasks_before:] for r in task.roles)
        ):
            # Every item under the heading names its own bodies: the heading's attribution
            # (2．开展守护行动…。（县教育局负责） over （1）…（县市场监管局） （2）…（县教育局）) would reach
            # none of them, so the heading is a task of its own, holding its own text's facts.
            task = self._task(node, node.pieces, node.ref, [], facts=False)
            self.doc.tasks.insert(tasks_before, self.doc.tasks.pop())
            for target in self.doc.targets[targets_before:targets_after]:
                target.task_id = task.id

    def _attributed_above(self, node: Node, tasks_before: int) -> None:
        """An attribution on a line of its own after a section's last item that says it is of the
        items above it (（以上工作由区教育局牵头，区市场监管局配合）) is also theirs, each that names
        no body itself."""
        tasks = self.doc.tasks[tasks_before:]
        if len(tasks) < 2 or any(_parent_ref(t.ref) != node.ref for t in tasks):
            return  # only the items right under the section, the line after the last of them
        last = tasks[-1]
        above = [r for r in last.roles if r.provenance.line > last.line and _ABOVE.match(r.provenance.quote)]
        for task in tasks[:-1]:
            if not task.roles:
                task.roles = [RoleAssignment(r.role, r.department, r.provenance) for r in above]

    def _named_before_colon(self, text: str, line: int) -> list[RoleAssignment]:
        """The bodies an item opens with before a colon (县市场监管局：负责…) or before 负责, as a 办法's
        article of duties does (县市场监督管理局负责…), responsible for it."""
        for pattern in (_NAME_AND_COLON, _NAME_THEN_DUTY):
            m = pattern.match(text)
            if m and (
                bodies := self._known_bodies(
                    m.group("name"), Provenance(self.doc.doc, line, m.group(0)), None
                )
            ):
                return bodies
        return []

    def _known_bodies(self, names: str, provenance: Provenance, via: str | None) -> list[RoleAssignment]:
        """The bodies a heading or an item's opening names, responsible for it: none unless it
        reads as names, each of a kind the alias table knows or a collective (培育和发展行业协会
        ends like a body's name and is a duty)."""
        if not looks_like_department(names):
            return []
        bodies = split_names(names)
        if not all((d := resolve_department(n, Jurisdiction())).category or d.collective for n in bodies):
            return []
        return [RoleAssignment("responsible", name, provenance, via=via) for name in bodies]

    def _named_in_heading(self, node: Node) -> list[RoleAssignment]:
        """A heading that is a body's name (一、市市场监管局, as a 责任清单 lists each body's duties
        under it): the body is responsible for the text and the items under it."""
        title = node.title
        if node.kind != "part" or not title or not node.pieces:
            return []
        # The name stands alone on the heading's line; a title with more after it is a duty.
        if node.pieces[0].text.strip(SPACE + "。：:") != title:
            return []
        return self._known_bodies(title, Provenance(self.doc.doc, node.line, title), node.ref)

    def _forwarded_plan(self, node: Node) -> bool:
        """Whether an attachment holds the plan the document's notice forwards (关于印发《X》的通知
        with X as 附件): the document's title heads it (a line the front matter took as the title,
        or one of its own)."""
        title = compact(self.doc.title or "")
        if not (self.doc.notice and title):
            return False
        end = node.children[0].line if node.children else None
        heads = any(
            node.line <= line and (end is None or line < end)
            for line, kind in self.front.claims.items()
            if kind == "title"
        )
        return heads or any(compact(p.text) == title for p in node.pieces)

    # -- facts in running text -----------------------------------------------------------------
    def _paragraph_facts(
        self, pieces: list[Piece], scope: str | None, ref: str | None, year: int | None = None
    ) -> None:
        text, line_at = _offsets(pieces, self.wrap)
        if not text:
            return
        self.doc.targets.extend(find_targets(text, line_at, year or self.annual_year, ref=ref))
        if scope:
            self.parents.extend(find_parents(text, _line_of(line_at), scope, self.doc.title))

    def _task_id(self, ref: str) -> str:
        base = f"{self.doc.id}#{ref}"
        tid, n = base, 2
        while tid in self.ids:
            tid, n = f"{base}~{n}", n + 1
        self.ids.add(tid)
        return tid

    def _task(
        self, node: Node, pieces: list[Piece], ref: str, inherited: list[RoleAssignment], facts: bool = True
    ) -> Task:
        """The task of ``pieces``, appended to the document; with ``facts``, also the targets and
        parents its text states (a heading's were read with its section)."""
        text, line_at = _offsets(pieces, self.wrap)
        task = Task(
            id=self._task_id(ref),
            ref=ref,
            text=text,
            line=pieces[0].line,
            end_line=pieces[-1].line,
            title=node.title,
            section=node.path_titles() + ([node.title] if ref != node.ref and node.title else []),
        )
        attributions = find_attributions(text)
        self._assign(task, text, line_at, attributions)
        # An item that opens with a body's name and a colon (县市场监管局：负责…, as a list of
        # members' duties is written) is that body's.
        inherited = self._named_before_colon(text, pieces[0].line) or inherited
        if not task.roles:
            task.roles = list(inherited)
        elif all(r.role == "support" for r in task.roles):
            # An item naming only who supports it is still led by whom its heading names.
            task.roles = [r for r in inherited if r.role != "support"] + task.roles
        found = find_deadlines(text)
        if not found and (heading := self._heading_time_limit(node if ref != node.ref else node.parent)):
            # An item with no time limit of its own is due when the phase it is under ends
            # (（二）集中整治阶段（2025年4月—9月） over 1. 2. 3.).
            found, line_at = heading
        task.deadline_text = deadline_text(found)
        for f, year in with_years(found, self.doc.year):
            task.deadlines.extend(normalise(f.text, year, _line_at(line_at, f.start)))
        self.doc.tasks.append(task)
        if facts:
            self.doc.targets.extend(find_targets(text, line_at, self.annual_year, ref=ref, task_id=task.id))
            self.parents.extend(find_parents(text, _line_of(line_at), "body", self.doc.title))
        return task

    def _heading_time_limit(self, node: Node | None) -> tuple[list[Found], list[tuple[int, int]]] | None:
        """The time limits the nearest heading above an item writes in its title (a phase and its
        months), with the heading's line; not a bare year (2025年重点任务 names the year's work).
        Each heading's title is read once, however many items are under it."""
        if node is None or node.kind != "part":
            return None
        key = id(node)
        if key not in self.heading_limits:
            # A heading's year alone (2025年重点工作, 到2025年) names the year's work: no time limit.
            found = [f for f in find_deadlines(node.title or "") if not bare_year(f.text)]
            self.heading_limits[key] = (
                (found, [(0, node.line)]) if found else self._heading_time_limit(node.parent)
            )
        return self.heading_limits[key]

    def _assign(
        self, task: Task, text: str, line_at: list[tuple[int, int]], attributions: list[Attribution]
    ) -> None:
        """Roles of a task; with several attributions, also per sentence (who owns which sentence)."""
        several = len(attributions) > 1
        start = 0
        for attribution in attributions:
            index: int | None = None
            if several:
                span = text[start : attribution.start].lstrip("。；;，, \n")
                if span:
                    lead_ws = len(text[start : attribution.start]) - len(span)
                    task.sentences.append(Sentence(span, _line_at(line_at, start + lead_ws)))
                    index = len(task.sentences) - 1
                start = attribution.end
            line = _line_at(line_at, attribution.start)
            for role, name in attribution.roles:
                assignment = RoleAssignment(
                    role, name, Provenance(self.doc.doc, line, attribution.quote), index
                )
                task.roles.append(assignment)
                if index is not None:
                    task.sentences[index].roles.append(assignment)
        if several:
            tail = text[start:].strip("。；;，, \n")
            if tail:
                task.sentences.append(Sentence(tail, _line_at(line_at, start)))

    # -- tables and notes ----------------------------------------------------------------------
    def _table(self, table: Table, node: Node) -> None:
        for cells in table.rows:
            self.covered.update(c.line for c in cells)
        self.covered.update(table.other_lines)
        caption = self.outline.captions.get(table.line)
        if caption:
            self.covered.add(caption.line)
        # Rows of an attachment's table are numbered within the attachment (附件.44); a table in
        # the body gets its own step in the path (第二章.第三节.表.4).
        base = node.ref if node.kind == "attachment" else f"{node.ref}.表"
        if position := node.tables.index(table):
            base = f"{base}{position + 1}"
        title = caption.text if caption else (node.title or "")
        read = read_table(table)
        if read is None:
            text = "\n".join("\t".join(c.text for c in cells) for cells in table.rows)
            self.doc.sections.append(Section(f"{base}.表头", title, table.line, "table", text))
            return
        header = "\n".join("\t".join(c.text for c in cells) for cells in read.header)
        # Rows above the header are the table's own title (a first row merged across the table).
        above = " ".join(c.text for cells in read.title_rows for c in cells if c.text)
        if above and not caption:
            title = above
        elif above:
            header = f"{above}\n{header}"
        self.doc.sections.append(Section(f"{base}.表头", title, table.line, "table", header))
        for cell in read.section_rows:
            self.doc.sections.append(
                Section(f"{base}.{cell.text[:2].rstrip('、')}", cell.text, cell.line, "table")
            )
        used = (
            {"seq", "task", "section", "lead", "responsible", "support", "deadline", "value", "problem"}
            if read.is_task_table
            else set()
        )
        if read.is_indicator_table:
            used |= {"seq", "indicator", "value", "attribute", "unit"}
        for n, row in enumerate(read.rows, start=1):
            ref = f"{base}.{row.number or n}"
            # Cells no column role reads are kept, and reported, rather than dropped.
            unread = row.others + [(kind, c) for kind, c in row.cells.items() if kind not in used and c.text]
            for column, cell in unread:
                self.doc.unparsed.append(
                    Unparsed(cell.line, cell.text, f"table cell ({column or 'no header'})")
                )
            if read.is_task_table and "task" in row.cells and row.cells["task"].text:
                self._table_task(row, ref, node)
            elif read.is_task_table:
                # A row with no task text (a merged or missing cell): its cells are kept as unread.
                for kind, cell in row.cells.items():
                    if cell.text and kind in used and not (kind == "seq" and cell.text.isdigit()):
                        self.doc.unparsed.append(Unparsed(cell.line, cell.text, "table row without a task"))
            if read.is_indicator_table and "indicator" in row.cells and row.cells["indicator"].text:
                value = row.cells.get("value")
                attribute = row.cells.get("attribute")
                unit = row.cells.get("unit")
                self.doc.targets.append(
                    table_target(
                        row.cells["indicator"].text,
                        value.text if value else "",
                        row.cells["indicator"].line,
                        read.value_header,
                        attribute.text if attribute and attribute.text else None,
                        ref,
                        unit.text if unit and unit.text else None,
                    )
                )

    def _table_task(self, row: TableRow, ref: str, node: Node) -> None:
        cell = row.cells["task"]
        task = Task(
            id=self._task_id(ref),
            ref=ref,
            text=cell.text,
            line=cell.line,
            end_line=max(c.line for c in row.cells.values()),
            section=[
                *node.path_titles(),
                *([node.title] if node.title else []),
                *([row.section] if row.section else []),
            ],
            source="table",
        )
        if (problem := row.cells.get("problem")) is not None and problem.text:
            task.title = problem.text  # the problem the row's measures answer (整改清单)
        for column in ("lead", "responsible", "support"):
            role_cell = row.cells.get(column)
            if role_cell is None or not role_cell.text:
                continue
            pairs = _cell_attribution(role_cell.text, column)
            if not pairs:
                self.doc.unparsed.append(
                    Unparsed(role_cell.line, role_cell.text, "table cell that names no department")
                )
            for role, name in pairs or []:
                task.roles.append(
                    RoleAssignment(role, name, Provenance(self.doc.doc, role_cell.line, role_cell.text))
                )
        due = row.cells.get("deadline")
        if due is not None and due.text:
            task.deadline_text = unwrapped_date(due.text)
            task.deadlines = normalise(task.deadline_text, self.doc.year, due.line)
        elif written := find_deadlines(cell.text):
            # No time cell, or an empty one: the time limits the task's own cell writes (…，11月底前完成).
            task.deadline_text = deadline_text(written)
            for f, year in with_years(written, self.doc.year):
                task.deadlines.extend(normalise(f.text, year, cell.line))
        self.doc.tasks.append(task)
        # Quantities may sit in the task cell, a goal cell (工作目标) or the time cell (2016年底前知晓率
        # 达到20%); how often alone is, in the time cell, when it is done (2021年起每年开展), no goal.
        goal = row.cells.get("value") if "indicator" not in row.cells else None  # else the indicator's
        for c in (cell, goal, due):
            if c is not None and c.text:
                found = find_targets(c.text, [(0, c.line)], self.annual_year, ref=ref, task_id=task.id)
                self.doc.targets.extend(t for t in found if c is not due or not is_frequency(t.value))
                if c is goal and not found:
                    self.doc.unparsed.append(Unparsed(c.line, c.text, "table cell (goal without a quantity)"))

    def _note(self, note: Piece, node: Node) -> None:
        m = _DEFINITION.search(note.text)
        if m:
            members = split_names(m.group("members"))
            if members:
                self.collectives[m.group("name")] = members
                self.collective_scope[m.group("name")] = node.ref
        self.doc.sections.append(Section(f"{node.ref}.注", "注", note.line, "note", note.text))

    # -- departments and the rest --------------------------------------------------------------
    def _departments(self, text: str) -> None:
        """Resolve the departments the tasks name, in the jurisdiction the document's ``text`` is of."""
        doc = self.doc
        where = jurisdiction_of(doc.title, doc.issuer, text)
        doc.jurisdiction = where.name
        names: list[str] = []
        for task in doc.tasks:
            for assignment in task.roles:
                if assignment.department not in names:
                    names.append(assignment.department)
        for members in self.collectives.values():
            names.extend(m for m in members if m not in names)
        out: list[Department] = []
        bureau = self._issuing_bureau(where)
        for name in names:
            dept = resolve_department(name, where, self.collectives)
            if (
                bureau is not None
                and not looks_like_department(name)
                and looks_like_department(name, column=True)
            ):
                # A division named alone in a column of bodies (食品生产处, 办公室): the issuer's own.
                dept.canonical = bureau.canonical + dept.name
                dept.level, dept.category = bureau.level, bureau.category
            if name in self.collective_scope:
                dept.members_scope = self.collective_scope[name]
            out.append(dept)
        doc.departments = out

    def _issuing_bureau(self, where: Jurisdiction) -> Department | None:
        """The body that issued the document, when it is one body of a known kind (not a
        government, whose offices have names of their own)."""
        issuer = self.doc.issuer
        if not issuer or ISSUER_SEPARATOR in issuer:  # joint issuers: whose division is not said
            return None
        bureau = resolve_department(issuer, where)
        return bureau if bureau.category not in (None, "government") and not bureau.collective else None

    def _unparsed(self) -> None:
        for piece in self.outline.unparsed:
            self.doc.unparsed.append(Unparsed(piece.line, piece.text, "page furniture"))
            self.covered.add(piece.line)
        for line, kind in self.front.claims.items():
            if kind in _CLAIMS_UNPARSED:
                text = next(b.text for b in self.source.blocks if isinstance(b, TextLine) and b.line == line)
                self.doc.unparsed.append(Unparsed(line, text.strip(SPACE), _CLAIMS_UNPARSED[kind]))
        for block in self.source.blocks:
            if isinstance(block, TextLine) and block.text.strip(SPACE) and block.line not in self.covered:
                self.doc.unparsed.append(Unparsed(block.line, block.text.strip(SPACE), "unrecognised"))
        self.doc.unparsed.sort(key=lambda u: u.line)
