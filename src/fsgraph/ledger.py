"""The task ledger (任务分工台账) a food-safety office (食安办) prints and checks tasks off against.

One sheet per document: 序号, 工作任务, 牵头单位, 责任单位, 配合单位, 完成时限, 来源 (file and line),
set up for A4 landscape with the heading rows repeated on every page; then a sheet of the gaps and
overlaps the catalogue finds (the ``gaps`` and ``overlaps`` questions). The tasks and roles come from
the ``responsibilities`` question, as the map and the matrix do (:mod:`fsgraph.maps`).
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import queries
from .errors import FsgraphError
from .maps import Responsibilities, TaskInfo, _write, responsibilities
from .model import ROLES
from .store import Rows

LEDGER_HEAD = ("序号", "工作任务", "牵头单位", "责任单位", "配合单位", "完成时限", "来源")
LEDGER_WIDTHS = (6, 62, 18, 26, 18, 18, 20)
# Headings of the gaps and overlaps sheet, by column name of the questions (others print as named).
COLUMN_NAMES: dict[str, str] = {
    "gap": "缺口",
    "kind": "类型",
    "document": "文件",
    "item": "事项",
    "detail": "说明",
    "due": "到期",
    "year": "年份",
    "line": "行",
    "ref": "编号",
    "departments": "单位",
    "other_document": "另一文件",
    "other_ref": "另一编号",
    "other_departments": "另一方单位",
    "score": "程度",
    "duty": "职责",
}
SHEET_NAME_LIMIT = 31  # Excel's limit
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class LedgerSummary:
    path: Path
    sheets: list[str] = field(default_factory=list)
    tasks: int = 0
    gaps: int = 0
    overlaps: int = 0


def sheet_name(doc: str, title: str | None, taken: set[str]) -> str:
    """A sheet name of at most 31 characters, none of []:*?/\\, unique among ``taken``:
    the document's number (the id up to its first '_') and as much of its title as fits.

    >>> sheet_name("000_0233215bc68c24dd", "关于进一步加强食品安全工作的意见", set())
    '000 关于进一步加强食品安全工作的意见'
    >>> sheet_name("a" * 40, None, set())
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
    >>> sheet_name("x_1", "同名", {"x 同名"})
    'x 同名 (2)'
    """
    short = doc.split("_", 1)[0]
    name = f"{short} {title}" if title else doc
    name = _SHEET_FORBIDDEN.sub("_", name).strip("'")[:SHEET_NAME_LIMIT].strip() or "sheet"
    candidate, n = name, 1
    while candidate.lower() in {t.lower() for t in taken}:  # Excel compares sheet names without case
        n += 1
        suffix = f" ({n})"
        candidate = name[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def ledger_rows(r: Responsibilities, doc: str) -> list[tuple[Any, ...]]:
    """The rows of one document's sheet, in the document's order."""
    rows: list[tuple[Any, ...]] = []
    for n, task in enumerate(r.tasks_of(doc), 1):
        roles = r.roles(task.id)
        names = ["、".join(r.departments[d].name for d in roles[role]) for role in ROLES]
        rows.append((n, task_text(task), *names, task.deadline or "", f"{task.file} 第{task.line}行"))
    return rows


def task_text(task: TaskInfo) -> str:
    """The task as the ledger states it: its numbering, then its text."""
    return f"{task.ref}　{task.text}"


def ledger(
    output: str | os.PathLike[str],
    store: str | os.PathLike[str] | None = None,
    *,
    document: str | None = None,
    department: str | None = None,
    category: str | None = None,
    as_of: str | None = None,
    engine: str = "oxigraph",
    **engine_options: Any,
) -> LedgerSummary:
    """Write the task ledger (``fsgraph ledger``) as an .xlsx workbook; ``as_of`` is the day the gaps
    count a deadline as passed (default today)."""
    path = Path(output)
    if path.suffix.lower() != ".xlsx":
        raise FsgraphError(f"{path}: the ledger is written as .xlsx, not {path.suffix or '(none)'}")
    r = responsibilities(
        store, document=document, department=department, category=category, engine=engine, **engine_options
    )
    gaps = queries.run("gaps", {"as_of": as_of}, engine=engine, store=store, **engine_options)
    overlaps = queries.run("overlaps", {}, engine=engine, store=store, **engine_options)
    if document or department or category:
        # Only the findings about what the ledger covers: its documents, or its departments for
        # findings that belong to no document (departments sharing tasks).
        files = {t.file for t in r.tasks.values()}
        names = {d.name for d in r.departments.values()}
        gaps, overlaps = _about(gaps, files, names), _about(overlaps, files, names)
    summary = LedgerSummary(path, tasks=len(r.tasks), gaps=len(gaps.rows), overlaps=len(overlaps.rows))
    _write(path, ledger_xlsx(r, gaps, overlaps, summary.sheets))
    return summary


def _about(rows: Rows, files: set[str], names: set[str]) -> Rows:
    def index(*columns: str) -> list[int]:
        return [rows.variables.index(c) for c in columns if c in rows.variables]

    documents, departments = index("document", "other_document"), index("departments", "other_departments")

    def kept(row: tuple[Any, ...]) -> bool:
        if any(row[i] in files for i in documents):
            return True
        return any(name in names for i in departments for name in str(row[i] or "").split("、"))

    return Rows(rows.variables, [row for row in rows.rows if kept(row)])


def ledger_xlsx(r: Responsibilities, gaps: Rows, overlaps: Rows, sheets: list[str] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # Named styles, registered once: setting a cell's border and alignment one by one hashes each
    # style object again, which took most of the time of a thousand documents' ledger.
    head = NamedStyle("台账表头", font=Font(bold=True), fill=PatternFill("solid", fgColor="E8ECF0"))
    head.border, head.alignment = border, centred
    number = NamedStyle("台账序号", border=border, alignment=centred)
    text = NamedStyle("台账正文", border=border, alignment=wrap_top)

    def set_up_page(ws: Worksheet, head_row: int | None) -> None:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        if head_row:
            ws.print_title_rows = f"1:{head_row}"
            ws.freeze_panes = ws.cell(row=head_row + 1, column=1)

    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for style in (head, number, text):
        wb.add_named_style(style)
    taken: set[str] = set()
    names = sheets if sheets is not None else []
    for doc, file, title in r.documents():
        ws = wb.create_sheet(sheet_name(doc, title, taken))
        names.append(ws.title)
        ws.append([f"{title or file} 任务分工台账"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(LEDGER_HEAD))
        ws.cell(row=1, column=1).font = Font(bold=True, size=14)
        ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[1].height = 26
        for i, value in enumerate(LEDGER_HEAD, 1):
            ws.cell(row=2, column=i, value=value).style = head.name
        at = 3
        for row in ledger_rows(r, doc):
            for i, value in enumerate(row, 1):
                ws.cell(row=at, column=i, value=value).style = number.name if i == 1 else text.name
            at += 1
        for i, width in enumerate(LEDGER_WIDTHS, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.auto_filter.ref = f"A2:{get_column_letter(len(LEDGER_HEAD))}{ws.max_row}"
        set_up_page(ws, 2)

    ws = wb.create_sheet(sheet_name("缺口与交叉", None, taken))
    names.append(ws.title)
    at = 1
    for heading, rows in (("缺口（gaps）", gaps), ("交叉与重叠（overlaps）", overlaps)):
        ws.cell(row=at, column=1, value=f"{heading}：{len(rows.rows)} 条").font = Font(bold=True, size=13)
        at += 1
        for i, name in enumerate(rows.variables, 1):
            ws.cell(row=at, column=i, value=COLUMN_NAMES.get(name, name)).style = head.name
        at += 1
        for values in rows.rows:
            for i, value in enumerate(values, 1):
                ws.cell(row=at, column=i, value=value).style = text.name
            at += 1
        at += 1
    widths = (16, 24, 22, 30, 24, 14, 30, 8, 40)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    set_up_page(ws, None)  # two tables on one sheet: no single heading to repeat
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
