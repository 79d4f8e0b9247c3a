"""Tables: rebuild tables laid out as text, and tell what each column of a table holds.

Plain-text renderings of 公文 tables put one cell per line (often tab-indented) with a blank line
between rows, or one row per line with tabs between cells. A table starts at a header row whose
cells are column headers (序号, 工作任务, 责任单位, 时间进度, 指标名称 …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .lexicon import load
from .metadata import SPACE, compact, display_width, is_page_furniture
from .model import Table, TableCell, TextLine
from .numbering import YEAR, match_marker

Rows = tuple[tuple[TableCell, ...], ...]

COLUMN_KINDS = (
    "seq",
    "task",
    "lead",
    "support",
    "responsible",
    "deadline",
    "indicator",
    "value",
    "attribute",
    "section",
    "note",
    "problem",
    "unit",
)


_UNIT = re.compile(r"[（(][^）)]*[）)]$")  # 指标名称（单位）
_YEAR_HEADER = re.compile(rf"({YEAR})年(?:[（(][^）)]*[）)])?")  # 2025年, 2025年（目标）
_NOT_IN_HEADER = re.compile(r"[“”\"《》，,。；;：:]")


@cache
def _continued_words() -> frozenset[str]:
    """What heads a table's rows on the page after a break (续表)."""
    return frozenset(load("structure")["tables"]["continued"])


@cache
def _header_words() -> tuple[dict[str, str], dict[str, tuple[int, str]]]:
    """Header words → column kind (the first kind in COLUMN_KINDS that lists a word wins), and
    words a longer header may end with → (the order they are tried in, kind)."""
    vocab = load("structure")["tables"]
    exact: dict[str, str] = {}
    endings: dict[str, tuple[int, str]] = {}
    for kind in COLUMN_KINDS:
        for word in vocab[kind]:
            exact.setdefault(word, kind)
            # A unit column is headed 单位 alone: …单位 ends a column of bodies (承担单位).
            if len(word) >= 2 and kind != "unit":
                endings.setdefault(word, (len(endings), kind))
    return exact, endings


def column_kind(header: str) -> str | None:
    """What a column holds, from its header text (责任单位 → responsible)."""
    text = compact(header)
    if text.endswith(("）", ")", "\n")):
        text = _UNIT.sub("", text)
    if not text or len(text) > 16:
        return None
    exact, endings = _header_words()
    # Exact header words first, then headers that end with one (2025年目标值, 具体工作任务).
    if text in exact:
        return exact[text]
    # A header with a short qualifier before the word: 2025年目标值, 具体工作任务.
    if _NOT_IN_HEADER.search(text):
        return None
    # The ending tried first among those at most six characters shorter than the header.
    found = [endings[text[-k:]] for k in range(max(2, len(text) - 6), len(text) + 1) if text[-k:] in endings]
    return min(found)[1] if found else None


def header_kinds(cells: list[str]) -> list[str | None] | None:
    """Column kinds of a header row, or None when the row is not a table header."""
    kinds = [column_kind(c) for c in cells]
    # Two task columns (重点任务 | 具体措施): the first names the group, the second the task.
    if kinds.count("task") >= 2:
        kinds[kinds.index("task")] = "section"
    # An indicator table headed by years (2020年 | 2025年): the latest is the goal, the others the
    # baseline, a column no kind reads (its cells are reported with their year) but a header's all the same.
    baselines = 0
    if "indicator" in kinds and "value" not in kinds:
        years = [
            (int(m.group(1)), i) for i, c in enumerate(cells) if (m := _YEAR_HEADER.fullmatch(compact(c)))
        ]
        if years:
            kinds[max(years)[1]] = "value"
            baselines = len(years) - 1
    # 单位 heads a value's unit; in a table of tasks without values that names no bodies otherwise,
    # the bodies (序号 | 单位 | 职责).
    if "unit" in kinds and "task" in kinds and not {"indicator", "value", *_DEPARTMENT_COLUMNS} & set(kinds):
        kinds[kinds.index("unit")] = "responsible"
    known = [k for k in kinds if k]
    if len(known) < 2 or not ("task" in known or "indicator" in known):
        return None
    unknown = len(cells) - len(known) - baselines
    # One column of no known kind is allowed; more (责任领导 and 整改进展, 分值 and 评分标准) when a
    # column names the bodies too, as a row of prose with a few header words does not.
    if unknown <= 1 or (unknown < len(known) and not _DEPARTMENT_COLUMNS.isdisjoint(known)):
        return kinds
    return None


_DEPARTMENT_COLUMNS = frozenset({"lead", "responsible", "support"})


@dataclass
class TextTable:
    start: int  # index into the line list
    end: int  # index after the last line
    table: Table
    # Lines between its rows that are not the table's: a page's number where the page broke.
    furniture: tuple[TextLine, ...] = ()


def _cells_of(line: TextLine) -> list[str]:
    """Cells of a tab-separated row; tabs at either end are indentation, not empty cells."""
    return [c.strip(SPACE) for c in line.text.strip("\n").strip("\t").split("\t")]


def _is_cell_line(line: TextLine) -> bool:
    return line.text.startswith("\t") or "\t" in line.text.strip(SPACE + "\n")


def find_text_tables(lines: list[TextLine]) -> list[TextTable]:
    """Find tables laid out as text: one cell per line, or one row per line with tabs."""
    found: list[TextTable] = []
    i = 0
    n = len(lines)
    while i < n:
        table = _at(lines, i)
        if table is None:
            i += 1
            continue
        found.append(table)
        i = table.end
    return found


def opens_text_table(lines: list[TextLine], i: int) -> bool:
    """Whether the ``i``-th line opens a table laid out a cell per line, whose header's cells are
    lines of their own (a header row on one line holds tabs, bars or runs of spaces, and is no
    title or issuer)."""
    return _one_cell_per_line(lines, i) is not None


def _at(lines: list[TextLine], i: int) -> TextTable | None:
    return (
        _one_cell_per_line(lines, i)
        or _one_row_per_line(lines, i)
        or _space_aligned(lines, i)
        or _piped(lines, i)
        or _ideographic_spaced(lines, i)
    )


def joined_continued(items: list[TextLine | Table]) -> list[TextLine | Table]:
    """``items`` with a table that goes on after a page break (续表, a page's number) joined to
    the table above it: as wide, with no header of its own or the same header again. 续表 is the
    joined table's line; a page's number stays a line of text, after the table. (A table laid out
    as text goes on over a break as it is read: see _one_row_per_line.)"""
    out: list[TextLine | Table] = []
    for item in items:
        if isinstance(item, Table) and (found := _continues(out, item)) is not None:
            at, rows = found
            above = out[at]
            assert isinstance(above, Table)
            between = [b for b in out[at + 1 :] if isinstance(b, TextLine) and b.text.strip(SPACE)]
            marks = [b.line for b in between if b.text.strip(SPACE) in _continued_words()]
            joined = Table(above.line, (*above.rows, *rows), above.caption, (*above.other_lines, *marks))
            out[at:] = [joined, *(b for b in between if b.line not in marks)]
            continue
        out.append(item)
    return out


def _continues(out: list[TextLine | Table], table: Table) -> tuple[int, Rows] | None:
    """Where in ``out`` the table ``table`` goes on from, if it does — the table above it with only
    续表 or a page's furniture between — and the rows it adds."""
    at = len(out) - 1
    broke = False
    while at >= 0 and isinstance(line := out[at], TextLine):
        text = line.text.strip(SPACE)
        if text and not (text in _continued_words() or is_page_furniture(text)):
            return None
        broke = broke or bool(text)
        at -= 1
    if at < 0 or not broke:
        return None
    above = out[at]
    assert isinstance(above, Table)
    rows = rows_going_on(above, table)
    return None if rows is None else (at, rows)


def rows_going_on(above: Table, below: Table) -> Rows | None:
    """The rows of ``below`` that go on from ``above`` after a page break: all of them when it has
    no header, all but its header when it repeats the header of ``above``; None when it is a table
    of its own (another header, another width)."""
    if max(map(len, above.rows)) != max(map(len, below.rows)):
        return None
    first = _texts(below.rows[0])
    if first == _texts(above.rows[0]):
        return below.rows[1:]
    return None if header_kinds(first) is not None else below.rows


def _texts(row: tuple[TableCell, ...]) -> list[str]:
    return [c.text for c in row]


def _blank(line: TextLine) -> bool:
    return not line.text.strip(SPACE)


def _not_blank(lines: list[TextLine], start: int) -> Iterator[int]:
    """The places of the lines from ``start`` on that are not blank, in order (a table's rows may
    stand apart)."""
    return (j for j in range(start, len(lines)) if not _blank(lines[j]))


def _one_cell_per_line(lines: list[TextLine], start: int) -> TextTable | None:
    """Header cells on consecutive lines, then rows as groups of lines split by blank lines."""
    header: list[TextLine] = []
    j = start
    while (
        j < len(lines)
        and not _blank(lines[j])
        and column_kind(lines[j].text)
        and "\t" not in lines[j].text.strip(SPACE)
        and match_marker(lines[j].text.strip(SPACE)) is None  # a heading (第二章 主要目标) heads no column
    ):
        header.append(lines[j])
        j += 1
    if len(header) < 2:
        return None
    kinds = header_kinds([h.text for h in header])
    if kinds is None:
        return None
    tabbed = all(h.text.startswith("\t") for h in header)
    numbered = kinds[0] == "seq"
    width = len(header)
    rows: list[tuple[TableCell, ...]] = [tuple(TableCell(h.text.strip(SPACE), h.line) for h in header)]
    group: list[TextLine] = []
    end = j

    def flush() -> None:
        if group:
            rows.append(tuple(TableCell(g.text.strip(SPACE), g.line) for g in group))
            group.clear()

    while j < len(lines):
        line = lines[j]
        if _blank(line) and not line.text.startswith("\t"):
            flush()
            j += 1
            continue
        # In a tab-indented table every cell line starts with a tab; an untabbed line ends it.
        if tabbed and not line.text.startswith("\t"):
            break
        if not tabbed and _opens_part(line):
            break
        if not tabbed and len(group) >= width:
            # Rows one after another with no blank line between: the next row's number opens it.
            if not (numbered and _bare_number(line)):
                break
            flush()
        group.append(line)
        end = j + 1
        j += 1
    flush()
    if len(rows) < 2:
        return None
    if not tabbed:
        rows = [rows[0]] + [r for r in rows[1:] if len(r) <= width]
    return TextTable(start, end, Table(line=header[0].line, rows=tuple(rows)))


def _bare_number(line: TextLine) -> bool:
    text = line.text.strip(SPACE)
    return text.isdecimal() and len(text) <= 3


def _opens_part(line: TextLine) -> bool:
    """A numbered heading (第三章, 一、) ends a table laid out without tabs; a bare number is a cell."""
    marker = match_marker(line.text.strip(SPACE))
    return marker is not None and marker.kind not in ("arabic", "arabic_paren")


def _one_row_per_line(lines: list[TextLine], start: int) -> TextTable | None:
    """A header line with tab-separated headers, then one line per row."""
    first = lines[start]
    if "\t" not in first.text.strip(SPACE):
        return None
    cells = _cells_of(first)
    if len(cells) < 2 or header_kinds(cells) is None:
        return None
    rows = [tuple(TableCell(c, first.line) for c in cells)]
    end = start + 1
    furniture: list[TextLine] = []
    own: list[int] = []  # lines of the table that hold no row: 续表, the header again after a break
    broke = False
    for j in _not_blank(lines, start + 1):
        line = lines[j]
        text = line.text.strip(SPACE)
        # A page break inside the table (its page's number, 续表, the header again) does not end it.
        if is_page_furniture(text) and _row_follows(lines, j + 1):
            furniture.append(line)
            broke = True
            continue
        if (text in _continued_words() and _row_follows(lines, j + 1)) or (
            broke and _cells_of(line) == cells
        ):
            own.append(line.line)
            broke = True
            continue
        broke = False
        if "\t" not in text:
            # A lone section row inside the table ("一、…") keeps the table open when rows follow
            # it; the next part's heading ("三、工作要求" and its text) ends the table.
            marker = match_marker(line.text.strip(SPACE))
            if marker is None or marker.kind != "cn" or not _row_follows(lines, j + 1):
                break
        row = _cells_of(line)
        if j > end and header_kinds(row) is not None:
            break  # a header row after a blank line opens a table of its own
        rows.append(tuple(TableCell(c, line.line) for c in row))
        end = j + 1
    last = lines[end - 1].line
    kept = tuple(line for line in furniture if line.line < last)
    table = Table(line=first.line, rows=tuple(rows), other_lines=tuple(n for n in own if n < last))
    return TextTable(start, end, table, kept)


# Columns set apart by runs of spaces, as a table copied from a page or a PDF's text layout is.
_COLUMN_GAP = re.compile(r"[ \u3000]{2,}")


def _aligned_cells(text: str) -> list[tuple[int, str]]:
    """The cells of a line laid out with runs of spaces, each with the column it starts at."""
    cells: list[tuple[int, str]] = []
    at = 0
    for m in _COLUMN_GAP.finditer(text + "  "):
        cell = text[at : m.start()]
        if cell.strip(SPACE):
            cells.append((display_width(text[:at]), cell.strip(SPACE)))
        at = m.end()
    return cells


def _space_aligned(lines: list[TextLine], start: int) -> TextTable | None:
    """A header whose column names are set apart by runs of spaces, then a line per row, its cells
    under the columns they start at; a line of one cell further right goes on with the cell of
    the row above in that column (its text wrapped)."""
    first = lines[start]
    text = first.text.rstrip(SPACE + "\n")
    inner = text.strip(SPACE)
    # Most lines hold no run of spaces at all: a substring test says so for less than the pattern.
    if "\t" in text or ("  " not in inner and "\u3000" not in inner) or not _COLUMN_GAP.search(inner):
        return None
    header = _aligned_cells(text)
    if len(header) < 3 or header_kinds([c for _, c in header]) is None:
        return None
    starts = [at for at, _ in header]

    def column(at: int) -> int:
        return min(range(len(starts)), key=lambda k: abs(starts[k] - at))

    rows: list[list[TableCell]] = [[TableCell(c, first.line) for _, c in header]]
    continued: list[int] = []
    end = start + 1
    for j in _not_blank(lines, start + 1):
        line = lines[j]
        if _opens_part(line):
            break  # the next part's heading (第三章　　主要任务) is set apart as cells are
        cells = _aligned_cells(line.text.rstrip(SPACE + "\n"))
        k = column(cells[0][0]) if len(cells) == 1 else 0
        if k > 0 and len(rows) > 1 and cells[0][0] > starts[0]:
            above = rows[-1][k]
            rows[-1][k] = TableCell(f"{above.text}{cells[0][1]}", above.line if above.text else line.line)
            continued.append(line.line)
        elif len(cells) >= 2 and "\t" not in line.text.strip(SPACE):
            row = [TableCell("", line.line) for _ in starts]
            # A full row's cells go in order; a row with empty cells puts each under its column.
            for n, (at, cell) in enumerate(cells):
                k = n if len(cells) == len(starts) else column(at)
                row[k] = TableCell(f"{row[k].text}{cell}", line.line)
            rows.append(row)
        else:
            break
        end = j + 1
    if len(rows) < 2:
        return None
    table = Table(line=first.line, rows=tuple(tuple(r) for r in rows), other_lines=tuple(continued))
    return TextTable(start, end, table)


_IDEOGRAPHIC_GAP = re.compile("\u3000+")


def _ideographic_spaced(lines: list[TextLine], start: int) -> TextTable | None:
    """A header whose column names are set apart by single ideographic spaces (序号　指标名称　2025年),
    as a page's text may give a table, then a line per row of as many cells set apart so."""
    first = lines[start]
    text = first.text.strip(SPACE + "\n")
    if "\u3000" not in text or "\t" in text:
        return None
    header = _IDEOGRAPHIC_GAP.split(text)
    if len(header) < 3 or header_kinds(header) is None:
        return None
    rows = [tuple(TableCell(c, first.line) for c in header)]
    end = start + 1
    for j in _not_blank(lines, start + 1):
        line = lines[j]
        cells = _IDEOGRAPHIC_GAP.split(line.text.strip(SPACE + "\n"))
        if _opens_part(line) or len(cells) != len(header) or "\t" in line.text:
            break
        rows.append(tuple(TableCell(c, line.line) for c in cells))
        end = j + 1
    if len(rows) < 2:
        return None
    return TextTable(start, end, Table(line=first.line, rows=tuple(rows)))


# Cells between bars, as a table is drawn in plain text (| 序号 | 工作任务 |, │序号│工作任务│), with
# rules of dashes between rows.
_BARS = "|｜│┃"
_DRAWN = re.compile(f"[{_BARS}─━]|---")
_BAR = re.compile(f"[{_BARS}]")
_RULE = re.compile(r"^[\s|｜│┃\-—─━=＝:：+＋┼├┤┌┐└┘┬┴╋┣┫┳┻]+$")


def _piped_cells(text: str) -> list[str]:
    cells = [c.strip(SPACE) for c in _BAR.split(text.strip(SPACE + "\n"))]
    # Bars at either end close the row: no empty cells beyond them.
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _piped(lines: list[TextLine], start: int) -> TextTable | None:
    """A header of cells between bars, then a line per row, rules above, between and below them."""
    text = lines[start].text
    # Most lines hold no bar and no rule: a pattern says so for less than a test per mark.
    if not _DRAWN.search(text):
        return None
    rules: list[int] = []
    at = start
    if _RULE.match(text) and at + 1 < len(lines):  # the rule over the header
        rules.append(lines[at].line)
        at += 1
    first = lines[at]
    if not _BAR.search(first.text):
        return None
    header = _piped_cells(first.text)
    if len(header) < 3 or header_kinds(header) is None:
        return None
    rows = [tuple(TableCell(c, first.line) for c in header)]
    end = at + 1
    for j in _not_blank(lines, at + 1):
        line = lines[j]
        if _RULE.match(line.text):
            rules.append(line.line)
        elif _BAR.search(line.text) and len(cells := _piped_cells(line.text)) >= 2:
            rows.append(tuple(TableCell(c, line.line) for c in cells))
        else:
            break
        end = j + 1
    if len(rows) < 2:
        return None
    return TextTable(start, end, Table(line=first.line, rows=tuple(rows), other_lines=tuple(rules)))


def _row_follows(lines: list[TextLine], start: int) -> bool:
    """Whether the next line that is not blank, from ``start`` on, is a tab-separated row."""
    following = next((line for line in lines[start:] if not _blank(line)), None)
    return following is not None and "\t" in following.text.strip(SPACE)


@dataclass
class TableRow:
    """A body row of a table, its cells keyed by column kind."""

    number: str | None
    cells: dict[str, TableCell]
    line: int
    section: str | None  # the section row above it ("一、加快健全食品安全监管体系")
    others: list[tuple[str, TableCell]]  # cells of columns with no known role: (header, cell)


@dataclass
class ReadTable:
    kinds: list[str | None]
    header: list[tuple[TableCell, ...]]  # its header rows: one, or two when headings are grouped
    title_rows: list[tuple[TableCell, ...]]  # rows above the header: the table's own title
    rows: list[TableRow]
    section_rows: list[TableCell]
    value_header: str | None  # header of the value column (2025年目标值)

    @property
    def is_task_table(self) -> bool:
        return "task" in self.kinds

    @property
    def is_indicator_table(self) -> bool:
        return "indicator" in self.kinds and "value" in self.kinds


def _header(table: Table) -> tuple[int, int, list[str | None], tuple[TableCell, ...]] | None:
    """Where a table's header is — its first and last row — what each column holds, and the
    cells that name the columns; None when no row reads as a header.

    A header may take two rows: a group heading (责任分工) spans the columns the row below names
    (牵头单位, 配合单位), and the other headings span both rows. A web page, Word and Excel repeat
    those in the lower row, which then names every column; a PDF leaves their place in it empty,
    and the two rows together name the columns.
    """
    rows = table.rows
    lower_kinds = header_kinds([c.text for c in rows[0]]) if rows else None
    for h, row in enumerate(rows):
        kinds = lower_kinds  # each row's kinds are read once, as the lower row of the one above
        lower = rows[h + 1] if h + 1 < len(rows) else ()
        lower_kinds = header_kinds([c.text for c in lower]) if lower else None
        if kinds and len(lower) > len(row) and lower_kinds:
            return h, h + 1, lower_kinds, lower
        if len(lower) == len(row) and any(not c.text for c in lower) and any(c.text for c in lower):
            both = tuple(below if below.text else above for above, below in zip(row, lower, strict=True))
            both_kinds = header_kinds([c.text for c in both])
            if both_kinds and sum(map(bool, both_kinds)) > sum(map(bool, kinds or [])):
                return h, h + 1, both_kinds, both
        if kinds:
            return h, h, kinds, row
    return None


def has_header(table: Table) -> bool:
    """Whether a row of ``table`` (or two) reads as the header of a task or indicator table."""
    return _header(table) is not None


def read_table(table: Table) -> ReadTable | None:
    """Interpret ``table`` by its header row; None when no row reads as a header."""
    found = _header(table)
    if found is None:
        return None
    first, h, kinds, header = found
    width = len(kinds)
    value_header = next((c.text for c, k in zip(header, kinds, strict=True) if k == "value"), None)
    rows: list[TableRow] = []
    section_rows: list[TableCell] = []
    section: str | None = None
    group: str | None = None
    above: dict[str, TableCell] = {}
    ditto = _ditto_words()
    for row in table.rows[h + 1 :]:
        cells = list(row)
        texts = [c.text for c in cells if c.text]
        if len(cells) == 1 or (len(texts) == 1 and not texts[0].isdigit() and len(cells) < width):
            only = next((c for c in cells if c.text), cells[0])
            section, group = only.text, None
            section_rows.append(only)
            continue
        if len(cells) < width and kinds[0] == "seq" and not cells[0].text.isdigit():
            cells.insert(0, TableCell("", cells[0].line))
        keyed: dict[str, TableCell] = {}
        others: list[tuple[str, TableCell]] = []
        for i, cell in enumerate(cells):
            kind = kinds[i] if i < width else None
            if kind and kind not in keyed:
                keyed[kind] = cell
            elif cell.text:
                others.append((header[i].text if i < width else "", cell))
        for kind, cell in keyed.items():
            if cell.text in ditto and kind in above:  # 同上: the cell above, on this row's line
                keyed[kind] = TableCell(above[kind].text, cell.line)
        above = keyed
        number = keyed["seq"].text if "seq" in keyed and keyed["seq"].text else None
        # A group cell spans the rows below it (merged in the original); an empty one continues it.
        if "section" in keyed and keyed["section"].text:
            group = keyed["section"].text
        rows.append(TableRow(number, keyed, cells[0].line, group or section, others))
    _number_spanned_rows(rows)
    return ReadTable(
        kinds, list(table.rows[first : h + 1]), list(table.rows[:first]), rows, section_rows, value_header
    )


@cache
def _ditto_words() -> frozenset[str]:
    return frozenset(load("structure")["tables"]["ditto"])


def _number_spanned_rows(rows: list[TableRow]) -> None:
    """Rows under one merged 序号 cell (a task of several measures, one a row) are numbered within
    it, 1.1, 1.2 …: each row is a task, and a ref names one. Readers repeat a merged cell's text in
    each row it spans (a web page's with its own line, Word's and Excel's with the row's)."""
    start = 0
    while start < len(rows):
        seq = rows[start].cells.get("seq")
        end = start + 1
        while seq and seq.text and end < len(rows) and _text(rows[end].cells.get("seq")) == seq.text:
            end += 1
        if end - start > 1:
            for k, row in enumerate(rows[start:end], start=1):
                row.number = f"{row.number}.{k}"
        start = end


def _text(cell: TableCell | None) -> str | None:
    return cell.text if cell else None
