"""The 公文 tree: numbered parts, their titles and text, attachments, tables and notes.

The parser walks the lines once with a stack of open parts. A numbering marker opens a part and
closes every open part of equal or deeper rank (see :mod:`fsgraph.numbering`); a line without a
marker continues the deepest open part. A marker may also start in the middle of a line — a heading
and its first item on one line, or an item that begins right after the previous one's full stop —
and is accepted there only when its number continues the sequence, so that references such as
"按（一）要求" stay text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from .lexicon import alternation, load
from .metadata import SPACE, FrontMatter, attachment_re, compact, is_page_furniture
from .model import RUNNING_HEAD, Source, Table, TextLine
from .numbering import Marker, embedded_marker_positions, match_marker
from .tables import find_text_tables, has_header, joined_continued


@dataclass
class Piece:
    line: int
    text: str


@dataclass
class Node:
    kind: str  # part | attachment
    ref: str
    rank: int
    line: int
    marker: Marker | None = None
    title: str | None = None
    pieces: list[Piece] = field(default_factory=list)  # own text, marker stripped
    children: list[Node] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[Piece] = field(default_factory=list)
    framing: str | None = None  # guidance | goals | background, inherited by children
    numbering_before: dict[str, int] = field(default_factory=dict)  # a box's: the numbers around it
    # The enclosing part. A part and its children make a cycle, which the cycle collector frees
    # with the outline; the documents kept meanwhile are frozen out of its reach (api.extract_many),
    # so that costs little. (A weak reference would avoid the cycle, but compiled classes take none.)
    parent: Node | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pieces)

    @property
    def end_line(self) -> int:
        last = self.line
        for p in self.pieces:
            last = max(last, p.line)
        for child in self.children:
            last = max(last, child.end_line)
        return last

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def path_titles(self) -> list[str]:
        titles: list[str] = []
        node: Node | None = self.parent
        while node is not None:
            if node.title:
                titles.append(node.title)
            node = node.parent
        return list(reversed(titles))


@dataclass
class Outline:
    preamble: list[Piece]
    parts: list[Node]  # top-level parts, attachments included
    unparsed: list[Piece]
    captions: dict[int, Piece]  # table line → caption


_SENTENCE_END = "。！？!?"
_MARKER_WINDOW = 48  # enough text after a position to read a marker and see that text follows it
_HEADING_GAP = re.compile(rf"^([^{SPACE}。，,；;：:]{{2,30}})[{SPACE}]+(\S.*)$")
_STOP = re.compile(f"[{_SENTENCE_END}]")
_CLAUSE_MARK = re.compile(r"[，,；;]")
_PUNCTUATION = re.compile(f"[{_SENTENCE_END}，,；;]")


@cache
def _framing_patterns() -> dict[str, re.Pattern[str]]:
    sections = load("structure")["sections"]
    return {kind: re.compile(rf"(?:{alternation(words)})$") for kind, words in sections.items()}


_BRACKET_AFTER = re.compile(r"[（(][^（()）]*[）)]$")


def framing_kind(title: str | None) -> str | None:
    """guidance / goals / background for a heading that frames the document, else None."""
    if not title:
        return None
    # A year or a note in brackets after the heading's words (工作目标（2026年）) is no part of them.
    t = _BRACKET_AFTER.sub("", compact(title).rstrip("。：:；;，,"))
    if len(t) > 14:
        return None
    for kind, pattern in _framing_patterns().items():
        if pattern.search(t):
            return kind
    return None


@cache
def _itself_re() -> re.Pattern[str]:
    data = load("structure")["itself"]
    return re.compile(
        rf"制定本(?:{alternation(data['names'])})|^本(?:{alternation(data['names'])})(?:{alternation(data['clauses'])})"
    )


def _about_itself(text: str) -> bool:
    """Whether an item speaks of the document itself — why and on what it was made (…，制定本办法),
    what it covers (本办法适用于…), when it takes effect and who reads it (本办法自…起施行, 由…负责
    解释): a 办法's 总则 and 附则 without their headings, no task."""
    return "本" in text and _itself_re().search(compact(text)) is not None


@cache
def _note_starts() -> tuple[str, ...]:
    return tuple(load("structure")["attachments"]["notes"])


def _is_note(text: str) -> bool:
    return text.startswith(_note_starts())


def split_title(segment: str) -> tuple[str | None, str]:
    """Split an item's text into its inline heading and the full text.

    "深化食品安全监管体制改革。全面落实…" has the heading 深化食品安全监管体制改革; "总体目标 到2020年…"
    puts the heading before a run of spaces; a short line with no full stop is all heading.
    """
    text = segment.strip(SPACE)
    gap = _HEADING_GAP.match(text)
    if gap and len(gap.group(2)) > len(gap.group(1)):
        return gap.group(1), text
    stop = _STOP.search(text)
    if stop and stop.start() <= 40:
        return text[: stop.start()], text
    if not stop and len(text) <= 40 and not _CLAUSE_MARK.search(text):
        return text, text
    return None, text


class _Parser:
    def __init__(self, source: Source, front: FrontMatter) -> None:
        self.source = source
        self.front = front
        self.preamble: list[Piece] = []
        self.parts: list[Node] = []
        self.stack: list[Node] = []
        self.unparsed: list[Piece] = []
        self.captions: dict[int, Piece] = {}
        self.last_number: dict[str, int] = {}
        self.attachment: Node | None = None
        self.pending_attachment_title: Node | None = None
        # The body's list of attachments numbered 1．2．… and the marker of its last entry: the
        # entries after its first line are more of it, not items of the attachment.
        self.listing: tuple[Node, Marker] | None = None
        self.lines: list[TextLine] = []
        self.line_starts: list[tuple[int, Marker]] | None = None  # made when a box needs them

    # -- the sequence of lines and tables -------------------------------------------------------
    def items(self) -> list[TextLine | Table]:
        """Blocks in order, with tables laid out as text rebuilt into Table blocks."""
        out: list[TextLine | Table] = []
        run: list[TextLine] = []

        def flush() -> None:
            if not run:
                return
            tables = {t.start: t for t in find_text_tables(run)}
            i = 0
            while i < len(run):
                if i in tables:
                    out.append(tables[i].table)
                    out.extend(tables[i].furniture)  # reported as the page's, after the table
                    i = tables[i].end
                else:
                    out.append(run[i])
                    i += 1
            run.clear()

        for block in self.source.blocks:
            if isinstance(block, TextLine):
                run.append(block)
            else:
                flush()
                out.append(block)
        flush()
        out = joined_continued(out)
        # A short line right above a table is its caption.
        for k, item in enumerate(out):
            if not isinstance(item, Table):
                continue
            j = k - 1
            while j >= 0 and isinstance(out[j], TextLine) and not out[j].text.strip(SPACE):  # type: ignore[union-attr]
                j -= 1
            if j >= 0 and isinstance(out[j], TextLine):
                prev = out[j]
                assert isinstance(prev, TextLine)
                text = prev.text.strip(SPACE)
                if (
                    len(text) <= 40
                    and not _PUNCTUATION.search(text)
                    and match_marker(text) is None
                    and not attachment_re().match(text)
                    and prev.line not in self.front.claims
                ):
                    self.captions[item.line] = Piece(prev.line, text)
        return out

    # -- parsing --------------------------------------------------------------------------------
    def parse(self) -> Outline:
        items = self.items()
        self.lines = [item for item in items if isinstance(item, TextLine)]
        caption_lines = {p.line for p in self.captions.values()}
        for item in items:
            if isinstance(item, Table):
                self._add_table(item)
                continue
            line = item
            if line.line in caption_lines:
                continue
            if line.line in self.front.claims and line.line not in self.front.remainders:
                continue
            text = self.front.remainders.get(line.line, line.text).strip(SPACE)
            if not text:
                continue
            if is_page_furniture(text) or (line.origin or "").endswith(RUNNING_HEAD):
                self.unparsed.append(Piece(line.line, text))
                continue
            self._line(line.line, text)
        return Outline(self.preamble, self.parts, self.unparsed, self.captions)

    def _line(self, number: int, text: str) -> None:
        if self.pending_attachment_title is not None:
            node = self.pending_attachment_title
            self.pending_attachment_title = None
            if len(text) <= 40 and not _PUNCTUATION.search(text):
                node.title = text
                node.pieces.append(Piece(number, text))
                return
        if self.listing is not None:
            node, last = self.listing
            self.listing = None
            entry = match_marker(text)
            if (
                entry is not None
                and entry.kind == last.kind
                and entry.number == last.number + 1
                and len(text) <= 40
                and not _PUNCTUATION.search(text, entry.length)
            ):
                node.pieces.append(Piece(number, text))
                self.listing = (node, entry)
                return
        m = attachment_re().match(text)
        if m and len(m.group("title")) <= 40 and not _STOP.search(m.group("title")):
            self._open_attachment(number, m.group("label"), m.group("title").strip(SPACE))
            return
        if _is_note(text):
            target = self.stack[-1] if self.stack else self.attachment
            if target is not None:
                target.notes.append(Piece(number, text))
            else:
                self.preamble.append(Piece(number, text))
            return
        # Split the line at embedded markers that continue the numbering, left to right; a marker
        # is judged against the state left by the parts opened before it on the same line.
        positions = embedded_marker_positions(text)
        cursor = 0  # index into positions
        start = 0
        marker = match_marker(text)
        while True:
            opened = self._push(number, marker) if marker is not None else None
            body_start = start + (marker.length if marker is not None else 0)
            cursor = bisect.bisect_right(positions, body_start, lo=cursor)
            end, following = len(text), None
            while cursor < len(positions):
                pos = positions[cursor]
                cursor += 1
                candidate = match_marker(text[pos : pos + _MARKER_WINDOW])
                if candidate is not None and self._continues(candidate, number):
                    end, following = pos, candidate
                    break
            segment = text[body_start:end]
            if following is not None:
                segment = segment.rstrip(SPACE)
            if opened is not None:
                self._fill(opened, number, segment)
            elif segment:
                self._append(number, segment)
            if following is None:
                return
            start, marker = end, following

    def _continues(self, marker: Marker, line: int) -> bool:
        numbering, open_parts = self.last_number, self.stack
        box = self._open_box()
        if box is not None and not self._in_box(marker, line):  # it closes the box: read what was around it
            numbering, open_parts = box.numbering_before, self.stack[: self.stack.index(box)]
        if marker.number == numbering.get(marker.kind, 0) + 1:
            return True
        deepest = open_parts[-1].rank if open_parts else -1
        return marker.number == 1 and marker.rank > deepest

    def _append(self, number: int, text: str) -> None:
        if self.stack:
            self.stack[-1].pieces.append(Piece(number, text))
        elif self.attachment is not None:
            self.attachment.pieces.append(Piece(number, text))
        else:
            self.preamble.append(Piece(number, text))

    def _push(self, number: int, marker: Marker) -> Node:
        """Open a part: close every open part of equal or deeper rank, and go under the rest."""
        while self.stack and (self.stack[-1].rank >= marker.rank or not self._in_box(marker, number)):
            self._pop()
        parent = self.stack[-1] if self.stack else self.attachment
        ref = f"{parent.ref}.{marker.label}" if parent is not None else marker.label
        node = Node(
            kind="part",
            ref=ref,
            rank=marker.rank,
            line=number,
            marker=marker,
            parent=parent,
        )
        if marker.kind == "box":
            node.numbering_before = dict(self.last_number)
        self.last_number[marker.kind] = marker.number
        if parent is not None:
            parent.children.append(node)
        else:
            self.parts.append(node)
        self.stack.append(node)
        return node

    def _open_box(self) -> Node | None:
        return next(
            (n for n in reversed(self.stack) if n.marker is not None and n.marker.kind == "box"), None
        )

    def _in_box(self, marker: Marker, line: int) -> bool:
        """Whether ``marker`` (on ``line``) stays inside the open box (专栏) of a plan, if one is: a
        box holds the one list it opens with (1. …, 2. …, numbered apart) and what those items
        hold; any other marker closes it, whatever its rank (the items of the section around it go
        on). A box has no end marker: where the list around it could go on with the same number as
        the box's own, the number is the box's if a later line of the section opens with it again."""
        box = self._open_box()
        if box is None:
            return True
        if not box.children:
            return marker.number == 1 and marker.rank > box.rank
        last = box.children[-1].marker
        if last is None or marker.rank < last.rank:
            return False
        if marker.rank > last.rank:
            return True  # under the box's item
        box_next = marker.kind == last.kind and marker.number == last.number + 1
        if box_next and box.numbering_before.get(marker.kind, 0) + 1 == marker.number:
            return self._opens_again(marker, line, box.rank)
        return box_next

    def _opens_again(self, marker: Marker, line: int, rank: int) -> bool:
        """Whether a line after ``line`` opens with ``marker``'s number again before a part of
        ``rank`` or higher (the next box, section or chapter) closes the region."""
        if self.line_starts is None:
            found = ((tl.line, match_marker(tl.text.strip(SPACE))) for tl in self.lines)
            self.line_starts = [(n, m) for n, m in found if m is not None]
        start = bisect.bisect_right(self.line_starts, line, key=lambda start: start[0])
        for _, later in self.line_starts[start:]:
            if later.rank <= rank:
                return False
            if later.kind == marker.kind and later.number == marker.number:
                return True
        return False

    def _pop(self) -> None:
        """Close the innermost open part; a box's list leaves the numbering around it as it was."""
        node = self.stack.pop()
        if node.marker is not None and node.marker.kind == "box":
            self.last_number = {**node.numbering_before, "box": node.marker.number}

    def _fill(self, node: Node, number: int, head: str) -> None:
        title, _ = split_title(head)
        node.title = title
        if head:
            node.pieces.append(Piece(number, head))
        node.framing = (
            (node.parent.framing if node.parent is not None else None)
            or framing_kind(title)
            or ("guidance" if _about_itself(head) else None)
        )

    def _open_attachment(self, number: int, label: str, title: str) -> None:
        label = compact(label)
        self.stack.clear()
        self.last_number.clear()
        written = f"{label}：{title}" if title else label
        previous = self.attachment
        if previous is not None and previous.ref == label and not (previous.tables or previous.children):
            # The body's list of attachments ("附件：…") followed by the attachment itself.
            previous.pieces.append(Piece(number, written))
            previous.title = previous.title or title or None
            node = previous
        else:
            node = Node(kind="attachment", ref=label, rank=-1, line=number, title=title or None)
            node.pieces.append(Piece(number, written))
            self.parts.append(node)
        if not node.title:
            self.pending_attachment_title = node
        self.attachment = node
        first = match_marker(title)
        if first is not None and first.number == 1:
            self.listing = (node, first)

    def _add_table(self, table: Table) -> None:
        self.pending_attachment_title = None
        self.listing = None
        caption = self.captions.get(table.line)
        container = self.stack[-1] if self.stack else self.attachment
        # A table after a finished item (its text ends with a full stop) belongs to the item's
        # section, not to the item; an item that ends with "：" introduces the table, and so does
        # one that is a heading alone (（一）校园食品安全。 over its table of tasks).
        if (
            container is not None
            and container.kind == "part"
            and container.parent is not None
            and not container.children
            and not container.text.rstrip(SPACE).endswith(("：", ":"))
            and not _heading_alone(container)
        ):
            container = container.parent
        if container is not None and container.kind == "attachment" and caption and not container.title:
            container.title = caption.text
        if container is None:
            container = Node(kind="attachment", ref="表", rank=-1, line=table.line)
            self.parts.append(container)
            # A table of tasks or indicators outside any part is the document's own (a ledger):
            # what follows belongs to it. Any other (a page's panel of 索引号 and 发文字号) holds
            # nothing after it.
            if has_header(table):
                self.attachment = container
        container.tables.append(table)


def _heading_alone(node: Node) -> bool:
    """Whether an item's text is its title alone, a short phrase (校园食品安全。), no sentence of a duty."""
    text = node.text.strip(SPACE + "。")
    return bool(node.title) and text == node.title and not _PUNCTUATION.search(text)


def parse_outline(source: Source, front: FrontMatter) -> Outline:
    """Parse the body of ``source`` (its front matter already read) into an :class:`Outline`."""
    return _Parser(source, front).parse()
