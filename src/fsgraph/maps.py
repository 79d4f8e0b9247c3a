"""Responsibility maps and matrices: who leads (牵头), is responsible for (责任单位) or supports (配合)
which task, drawn as an interactive network or tabulated as a departments × tasks matrix.

Everything here reads the graph through one question of the catalogue, ``responsibilities``
(``queries/responsibilities.rq`` and ``.cypher``), run by :func:`fsgraph.queries.run`; the rows become
a :class:`Responsibilities` (tasks, departments, links) that the map, the matrix, the ledger
(:mod:`fsgraph.ledger`) and the report (:mod:`fsgraph.report`) all draw from.

Generated pages are self-contained: vis-network's script and stylesheet (the copy pyvis ships) are
inlined, nothing is loaded from a network, so a map opens from a file:// URL with no connection.

Examples
--------
>>> rows = Rows(list(COLUMNS), [
...     ("d", "d.txt", "示例", "t1", "1", None, "做某事", 3, "一、总体", "年底前", "2021-12-31",
...      "a1", "lead", "x", "某市农业局", "agriculture", "某市", 3, "（某市农业局牵头）", None),
... ])
>>> r = from_rows(rows)
>>> [t.ref for t in r.tasks.values()], [d.name for d in r.departments.values()]
(['1'], ['某市农业局'])
>>> r.cell("t1", "x")
'L'
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import queries
from .errors import FsgraphError, QueryError, StoreError
from .model import ROLES, Role
from .questions import check_department
from .store import Rows

QUESTION = "responsibilities"
COLUMNS = (
    "doc",
    "file",
    "doc_title",
    "task",
    "ref",
    "task_title",
    "text",
    "line",
    "section",
    "deadline",
    "due",
    "assignment",
    "role",
    "dept",
    "dept_name",
    "dept_category",
    "jurisdiction",
    "role_line",
    "quote",
    "sentence",
)

ROLE_LETTERS: dict[str, str] = {"lead": "L", "responsible": "R", "support": "S"}
ROLE_NAMES: dict[str, str] = {"lead": "牵头", "responsible": "责任", "support": "配合"}
# Colour, width and dash of each role's edges; also the matrix cells and the report's bars.
ROLE_STYLES: dict[str, dict[str, Any]] = {
    "lead": {"color": "#c0392b", "width": 3.5, "dashes": False},
    "responsible": {"color": "#2c6fbb", "width": 2.0, "dashes": False},
    "support": {"color": "#27935a", "width": 1.6, "dashes": [6, 5]},
}
ROLE_FILLS: dict[str, str] = {"lead": "F6D5D1", "responsible": "D5E4F5", "support": "D4EEDF"}
# Fonts Debian (fonts-noto-cjk), Windows and macOS have, so Chinese renders without a web font.
CJK_FONTS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
    '"Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", sans-serif'
)
# Department colours by category; categories outside the list take the grey.
CATEGORY_COLOURS: dict[str, str] = {
    "government": "#8e6bbf",
    "food_safety_office": "#e07b39",
    "market_regulation": "#d9534f",
    "agriculture": "#5cb85c",
    "health": "#3fa7c9",
    "public_security": "#34495e",
    "education": "#f0ad4e",
    "commerce": "#c27ba0",
    "industry_it": "#7f8c8d",
    "customs": "#16a085",
}
OTHER_COLOUR = "#a0a0a0"
TASK_COLOUR = {"background": "#dfe7ef", "border": "#7d8fa3"}
UNASSIGNED_COLOUR = {"background": "#fff4d6", "border": "#c98a00"}

_HERE = Path(__file__).resolve().parent


# ---------------------------------------------------------------------------------------------
# The rows as tasks, departments and links


@dataclass(frozen=True)
class TaskInfo:
    id: str  # the task's IRI
    doc: str  # document id (file name without suffix)
    file: str
    doc_title: str | None
    ref: str
    title: str | None
    text: str
    line: int
    section: str | None
    deadline: str | None  # as written
    due: str | None  # ISO date of the latest dated deadline


@dataclass(frozen=True)
class DepartmentInfo:
    id: str  # the department's IRI
    name: str  # canonical name
    category: str | None
    jurisdiction: str | None


@dataclass
class Link:
    """A department in one role for one task; several assignments (sentences, rows) fold into one."""

    department: str
    task: str
    role: Role
    lines: list[int] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    assignments: list[str] = field(default_factory=list)
    position: int = 0  # where the department is first named among the task's roles (1-based)


@dataclass
class Responsibilities:
    """Tasks (in document order), departments and the links between them."""

    tasks: dict[str, TaskInfo] = field(default_factory=dict)
    departments: dict[str, DepartmentInfo] = field(default_factory=dict)
    links: dict[tuple[str, str, str], Link] = field(default_factory=dict)

    # Links by task, by department and tasks by document, indexed on first use (once from_rows has
    # folded the rows): a map, matrix or ledger of a thousand documents asks for each of 18,000 tasks
    # and 10,000 departments, and a scan of the 40,000 links each time took minutes.
    @cached_property
    def _links_of_task(self) -> dict[str, list[Link]]:
        out: dict[str, list[Link]] = defaultdict(list)
        for link in sorted(self.links.values(), key=lambda link: link.position):
            out[link.task].append(link)
        return out

    @cached_property
    def _tasks_of_department(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for department, task, _ in self.links:
            out[department].add(task)
        return out

    @cached_property
    def _tasks_of_document(self) -> dict[str, list[TaskInfo]]:
        out: dict[str, list[TaskInfo]] = defaultdict(list)
        for task in self.tasks.values():
            out[task.doc].append(task)
        return out

    def links_of(self, task: str) -> list[Link]:
        """The links of ``task``, in the order the document names their departments."""
        return self._links_of_task.get(task, [])

    def roles(self, task: str) -> dict[str, list[str]]:
        """Department ids of each role on ``task``, in the order the document names them."""
        out: dict[str, list[str]] = {role: [] for role in ROLES}
        for link in self.links_of(task):
            out[link.role].append(link.department)
        return out

    def tasks_of(self, doc: str) -> list[TaskInfo]:
        """The tasks of one document (by id), in order."""
        return self._tasks_of_document.get(doc, [])

    def department_tasks(self, department: str) -> set[str]:
        """The ids of the tasks a department holds any role in."""
        return self._tasks_of_department.get(department, set())

    def cell(self, task: str, department: str) -> str:
        """The matrix cell: L, R, S, or several joined by '/' (a department leading one sentence of a
        task and supporting another)."""
        return "/".join(ROLE_LETTERS[r] for r in ROLES if (department, task, r) in self.links)

    def workload(self) -> dict[str, Counter[str]]:
        """Tasks per role of each department (a task counts once per role)."""
        counts: dict[str, Counter[str]] = {d: Counter() for d in self.departments}
        for dept, _, role in self.links:
            counts[dept][role] += 1
        return counts

    def task_count(self, department: str) -> int:
        """How many distinct tasks a department holds any role in: the size of its node."""
        return len(self.department_tasks(department))

    def documents(self) -> list[tuple[str, str, str | None]]:
        """(id, file name, title) of each document, in order."""
        return [(doc, tasks[0].file, tasks[0].doc_title) for doc, tasks in self._tasks_of_document.items()]

    def assigned(self, task: str) -> bool:
        return task in self._links_of_task

    @property
    def assignments(self) -> int:
        """Role assignments as the graph holds them (before folding into links)."""
        return sum(len(link.assignments) for link in self.links.values())


def from_rows(rows: Rows) -> Responsibilities:
    """Fold the rows of the ``responsibilities`` question into tasks, departments and links."""
    missing = [c for c in COLUMNS if c not in rows.variables]
    if missing:
        raise QueryError(f"the {QUESTION} question answered without the columns {', '.join(missing)}")
    out = Responsibilities()
    for row in rows.to_dicts():
        task_id = row["task"]
        if task_id not in out.tasks:
            out.tasks[task_id] = TaskInfo(
                id=task_id,
                doc=row["doc"],
                file=row["file"],
                doc_title=row["doc_title"],
                ref=row["ref"],
                title=row["task_title"],
                text=row["text"],
                line=int(row["line"]),
                section=row["section"],
                deadline=row["deadline"],
                due=row["due"],
            )
        dept_id = row["dept"]
        if dept_id is None:
            continue
        out.departments.setdefault(
            dept_id, DepartmentInfo(dept_id, row["dept_name"], row["dept_category"], row["jurisdiction"])
        )
        role: Role = row["role"]
        link = out.links.setdefault((dept_id, task_id, role), Link(dept_id, task_id, role))
        if row["role_line"] is not None and int(row["role_line"]) not in link.lines:
            link.lines.append(int(row["role_line"]))
        if row["quote"] and row["quote"] not in link.quotes:
            link.quotes.append(row["quote"])
        if row["sentence"] and row["sentence"] not in link.sentences:
            link.sentences.append(row["sentence"])
        if row["assignment"] and row["assignment"] not in link.assignments:
            link.assignments.append(row["assignment"])
            written = position(row["assignment"])
            link.position = min(link.position, written) if link.position else written
    return out


def position(assignment: str) -> int:
    """The place of a role assignment among its task's, which its IRI ends in (vocab.role_iri).

    >>> position("https://w3id.org/fsgraph/id/doc/d/task/附件.2/role/10")
    10
    """
    tail = assignment.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def responsibilities(
    store: str | os.PathLike[str] | None = None,
    *,
    document: str | None = None,
    department: str | None = None,
    category: str | None = None,
    engine: str = "oxigraph",
    **engine_options: Any,
) -> Responsibilities:
    """The tasks and role assignments of the store, narrowed to a document, or to the tasks a
    department (canonical name or alias) or a category of department holds a role in.

    Raises :class:`QueryError` naming a filter that matches nothing.
    """
    params = {"document": document or "", "department": department or "", "category": category or ""}
    rows = queries.run(QUESTION, params, engine=engine, store=store, **engine_options)
    if not rows.rows:
        if department:
            check_department(department, engine=engine, store=store, **engine_options)
        given = [(name, value) for name, value in params.items() if value]
        if len(given) == 1:
            name, value = given[0]
            raise QueryError(f"unknown {name} {value!r}: no task in the store matches it")
        if given:
            raise QueryError("no task matches " + " and ".join(f"{name} {value!r}" for name, value in given))
        raise QueryError("the store holds no tasks: build it from documents first (fsgraph build PATH…)")
    return from_rows(rows)


# ---------------------------------------------------------------------------------------------
# The map


@dataclass
class MapSummary:
    path: Path
    nodes: int
    edges: int
    departments: int
    tasks: int


def short_name(dept: DepartmentInfo, jurisdictions: set[str | None]) -> str:
    """The name drawn on the map: without the jurisdiction when the map shows only one."""
    j = dept.jurisdiction
    if len(jurisdictions) == 1 and j and dept.name.startswith(j) and len(dept.name) > len(j):
        return dept.name[len(j) :]
    return dept.name


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _source(task: TaskInfo) -> str:
    return f"{task.file} 第{task.line}行"


def task_tooltip(task: TaskInfo) -> str:
    head = f"{task.ref}　{task.section or ''}".rstrip()
    return "\n".join(
        [head, _clip(task.text, 400), f"完成时限：{task.deadline or '未写明'}", f"来源：{_source(task)}"]
    )


def network(r: Responsibilities, heading: str = "") -> Any:
    """A pyvis Network of departments and tasks: edges coloured and dashed by role, departments sized
    by the tasks they hold, hover text with the task, its deadline and the line it comes from."""
    from pyvis.network import Network

    # Directed: a department may hold two roles on one task (one per sentence), and an undirected pyvis
    # network keeps only the first edge between two nodes.
    net = Network(height="100%", width="100%", heading=heading, cdn_resources="in_line", directed=True)
    jurisdictions = {d.jurisdiction for d in r.departments.values()}
    several_docs = len(r.documents()) > 1
    workload = r.workload()
    for dept in r.departments.values():
        counts = workload[dept.id]
        n = r.task_count(dept.id)
        roles = " · ".join(f"{ROLE_NAMES[role]} {counts[role]}" for role in ROLES if counts[role])
        net.add_node(
            dept.id,
            label=short_name(dept, jurisdictions),
            shape="dot",
            value=n,
            color=CATEGORY_COLOURS.get(dept.category or "", OTHER_COLOUR),
            title=f"{dept.name}\n类别：{dept.category or '未分类'}\n任务 {n} 项：{roles}",
            kind="department",
            category=dept.category or "",
            docs=sorted({r.tasks[t].doc for t in r.department_tasks(dept.id)}),
            font={"size": 20, "strokeWidth": 4, "strokeColor": "#ffffff"},
        )
    for task in r.tasks.values():
        assigned = r.assigned(task.id)
        net.add_node(
            task.id,
            label=f"{task.doc.split('_', 1)[0]}·{task.ref}" if several_docs else task.ref,
            shape="square",
            size=7 if assigned else 8,
            color=TASK_COLOUR if assigned else UNASSIGNED_COLOUR,
            shapeProperties={"borderDashes": False if assigned else [3, 3]},
            borderWidth=1 if assigned else 2,
            # Tasks without a department take no part in the layout: the page lines them up below it.
            physics=assigned,
            title=task_tooltip(task) + ("" if assigned else "\n（未写明责任单位）"),
            kind="task",
            assigned=assigned,
            docs=[task.doc],
            font={"size": 12, "color": "#44505c"},
        )
    for link in r.links.values():
        dept = r.departments[link.department]
        task = r.tasks[link.task]
        style = ROLE_STYLES[link.role]
        lines = "、".join(str(n) for n in link.lines)
        said = "\n".join(f"「{s}」" for s in link.sentences[:3])
        net.add_edge(
            link.department,
            link.task,
            color={"color": style["color"], "highlight": style["color"], "hover": style["color"]},
            width=style["width"],
            dashes=style["dashes"],
            title="\n".join(
                x
                for x in (
                    f"{dept.name} {ROLE_NAMES[link.role]} {task.ref}",
                    said,
                    f"原文：{'；'.join(link.quotes)}" if link.quotes else "",
                    f"来源：{task.file} 第{lines}行",
                )
                if x
            ),
            role=link.role,
            category=dept.category or "",
        )
    net.set_options(json.dumps(MAP_OPTIONS))
    return net


# forceAtlas2 spreads a bipartite graph of ~30 departments and ~100 tasks into readable clusters
# around each department; stabilisation runs off-screen, then physics is switched off (the page
# does it) so the layout stays put while one reads it. A fixed seed gives the same layout each time.
MAP_OPTIONS: dict[str, Any] = {
    "nodes": {"font": {"face": CJK_FONTS}, "scaling": {"min": 10, "max": 46}},
    "edges": {
        "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
        "hoverWidth": 1.5,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
    },
    "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": True, "navigationButtons": False},
    "layout": {"randomSeed": 7, "improvedLayout": False},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -50,
            "centralGravity": 0.02,
            "springLength": 60,
            "springConstant": 0.08,
            "damping": 0.55,
            "avoidOverlap": 0.5,
        },
        "maxVelocity": 60,
        "minVelocity": 0.8,
        "timestep": 0.45,
        "stabilization": {"enabled": True, "iterations": 1500, "updateInterval": 40, "fit": True},
    },
}


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(_HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    # Chinese as itself rather than \u escapes: a third of the size (tojson still escapes <, >, &, ').
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    return env


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as pyvis ships them, to inline into pages."""
    import pyvis

    folder = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as error:
        raise FsgraphError(f"pyvis's copy of vis-network is missing ({error})") from error
    # A literal "</script>" inside the inlined code would end the element early.
    return script.replace("</script", "<\\/script"), style


def map_page(r: Responsibilities, title: str, subtitle: str = "", highlight: str | None = None) -> str:
    """The map as one self-contained HTML page."""
    net = network(r, heading=title)
    nodes, edges, _, _, _, options = net.get_network_data()
    script, style = vis_assets()
    categories = sorted({d.category or "" for d in r.departments.values()})
    return (
        _environment()
        .get_template("map.html")
        .render(
            title=title,
            subtitle=subtitle,
            nodes=nodes,
            edges=edges,
            options=json.loads(options),
            vis_script=script,
            vis_style=style,
            fonts=CJK_FONTS,
            roles=[(role, ROLE_NAMES[role], ROLE_STYLES[role]) for role in ROLES],
            categories=[(c, CATEGORY_COLOURS.get(c, OTHER_COLOUR)) for c in categories],
            documents=r.documents(),
            highlight=highlight,
            task_colour=TASK_COLOUR,
            unassigned_colour=UNASSIGNED_COLOUR,
        )
    )


def _describe(document: str | None, department: str | None, category: str | None) -> str:
    parts = []
    if document:
        parts.append(f"文件 {document}")
    if department:
        parts.append(f"单位 {department}")
    if category:
        parts.append(f"类别 {category}")
    return "；".join(parts)


def _write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path``; ``-`` is the standard output (whose errors, a closed pipe or a full
    disk, pass to the command line's handling of its output)."""
    if str(path) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        sys.stdout.buffer.flush()
        return
    if path.parent.exists() and not path.parent.is_dir():  # mkdir would say "File exists"
        raise StoreError(f"cannot write {path}: {path.parent} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as error:
        raise StoreError(f"cannot write {path}: {error.strerror or error}") from error


def map_html(
    output: str | os.PathLike[str],
    store: str | os.PathLike[str] | None = None,
    *,
    document: str | None = None,
    department: str | None = None,
    category: str | None = None,
    engine: str = "oxigraph",
    **engine_options: Any,
) -> MapSummary:
    """Write the responsibility map (``fsgraph map``) of the store, or of one document, or of the tasks
    of one department or category, to ``output`` as a self-contained HTML page."""
    r = responsibilities(
        store, document=document, department=department, category=category, engine=engine, **engine_options
    )
    return write_map(r, Path(output), _describe(document, department, category))


def write_map(r: Responsibilities, path: Path, scope: str = "") -> MapSummary:
    docs = r.documents()
    title = (docs[0][2] or docs[0][1]) if len(docs) == 1 else f"{len(docs)} 份文件"
    counts = f"{len(r.departments)} 个单位 · {len(r.tasks)} 项任务 · {len(r.links)} 条分工"
    subtitle = "；".join(x for x in (scope, counts) if x)
    _write(path, map_page(r, f"任务分工图：{title}", subtitle))
    return MapSummary(path, len(r.departments) + len(r.tasks), len(r.links), len(r.departments), len(r.tasks))


# ---------------------------------------------------------------------------------------------
# The matrix


@dataclass
class MatrixSummary:
    path: Path
    format: str
    tasks: int
    departments: int


MATRIX_FORMATS = ("html", "csv", "xlsx")
# Beyond this a matrix is no table anyone reads (a corpus of 100 documents makes about two million
# cells, of 1,000 about 150 million), and takes minutes and gigabytes to write.
MATRIX_MAX_CELLS = 5_000_000
MATRIX_HEAD = ("文件", "章节", "编号", "工作任务")


def matrix_departments(r: Responsibilities) -> list[DepartmentInfo]:
    """Columns of the matrix: the busiest departments first, then by name."""
    return sorted(r.departments.values(), key=lambda d: (-r.task_count(d.id), d.name))


def matrix_rows(r: Responsibilities) -> Iterable[tuple[TaskInfo, list[str]]]:
    """Each task (in document order, so grouped by section) with its cell under each column."""
    columns = matrix_departments(r)
    for task in r.tasks.values():
        yield task, [r.cell(task.id, d.id) for d in columns]


def sections(r: Responsibilities) -> list[tuple[str, str | None, list[TaskInfo]]]:
    """Runs of consecutive tasks of one document under one heading."""
    out: list[tuple[str, str | None, list[TaskInfo]]] = []
    for task in r.tasks.values():
        if out and out[-1][0] == task.doc and out[-1][1] == task.section:
            out[-1][2].append(task)
        else:
            out.append((task.doc, task.section, [task]))
    return out


def matrix(
    output: str | os.PathLike[str],
    store: str | os.PathLike[str] | None = None,
    *,
    document: str | None = None,
    department: str | None = None,
    category: str | None = None,
    engine: str = "oxigraph",
    **engine_options: Any,
) -> MatrixSummary:
    """Write the responsibility matrix (``fsgraph matrix``), tasks grouped by section × departments,
    cells L (lead, 牵头), R (responsible, 责任) and S (support, 配合); the suffix of ``output`` chooses
    HTML, CSV or XLSX."""
    path = Path(output)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in MATRIX_FORMATS:
        raise FsgraphError(
            f"{path}: the matrix is written as .html, .csv or .xlsx, not {path.suffix or '(none)'}"
        )
    r = responsibilities(
        store, document=document, department=department, category=category, engine=engine, **engine_options
    )
    if (cells := len(r.tasks) * len(r.departments)) > MATRIX_MAX_CELLS:
        raise FsgraphError(
            f"the matrix of {len(r.tasks):,} tasks × {len(r.departments):,} departments would have "
            f"{cells:,} cells: narrow it with --document, --department or --category "
            f"(fsgraph ledger lists a whole corpus)"
        )
    scope = _describe(document, department, category)
    if fmt == "csv":
        _write(path, matrix_csv(r).encode("utf-8-sig"))  # the BOM makes Excel read it as UTF-8
    elif fmt == "xlsx":
        _write(path, matrix_xlsx(r))
    else:
        _write(path, matrix_html(r, scope))
    return MatrixSummary(path, fmt, len(r.tasks), len(r.departments))


def matrix_csv(r: Responsibilities) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*MATRIX_HEAD, *(d.name for d in matrix_departments(r))])
    for task, cells in matrix_rows(r):
        writer.writerow([task.file, task.section or "", task.ref, task.text, *cells])
    return out.getvalue()


def matrix_xlsx(r: Responsibilities) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "责任矩阵"
    columns = matrix_departments(r)
    thin = Side(style="thin", color="B0B7BF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    ws.append([*MATRIX_HEAD, *(d.name for d in columns)])
    for i, _ in enumerate(ws[1], 1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        cell.border = border
        cell.fill = PatternFill("solid", fgColor="EEF1F4")
        # Department names read top to bottom, as Chinese column heads often do, to keep columns narrow.
        vertical = i > len(MATRIX_HEAD)
        cell.alignment = Alignment(
            horizontal="center",
            vertical="bottom" if vertical else "center",
            wrap_text=True,
            text_rotation=255 if vertical else 0,
        )
    ws.row_dimensions[1].height = min(240, 15 * max((len(d.name) for d in columns), default=4))
    fills = {letter: PatternFill("solid", fgColor=ROLE_FILLS[role]) for role, letter in ROLE_LETTERS.items()}
    top, wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    centred = Alignment(horizontal="center", vertical="center")
    for task, cells in matrix_rows(r):
        # Only the cells that hold a role are written: a corpus's matrix is mostly empty, and an
        # empty cell written and styled costs as much as a full one.
        ws.append([task.file, task.section or "", task.ref, task.text])
        row = ws.max_row
        for i in range(1, len(MATRIX_HEAD) + 1):
            ws.cell(row=row, column=i).alignment = wrapped if i == 4 else top
        for i, value in enumerate(cells, len(MATRIX_HEAD) + 1):
            if value:
                cell = ws.cell(row=row, column=i, value=value)
                cell.alignment, cell.border, cell.fill, cell.font = centred, border, fills[value[0]], bold
    for i, width in enumerate((22, 24, 11, 60), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for i in range(len(MATRIX_HEAD) + 1, len(MATRIX_HEAD) + len(columns) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 4.5
    ws.freeze_panes = ws.cell(row=2, column=len(MATRIX_HEAD) + 1)
    ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4

    legend = wb.create_sheet("图例")
    legend.append(["代码", "角色", "含义"])
    for role in ROLES:
        legend.append([ROLE_LETTERS[role], role, f"{ROLE_NAMES[role]}单位"])
        legend.cell(row=legend.max_row, column=1).fill = fills[ROLE_LETTERS[role]]
    legend.append([])
    legend.append(["“L/S”：同一单位在该任务的不同句子中承担不同角色"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def matrix_html(r: Responsibilities, scope: str = "") -> str:
    columns = matrix_departments(r)
    jurisdictions = {d.jurisdiction for d in columns}
    docs = r.documents()
    title = (docs[0][2] or docs[0][1]) if len(docs) == 1 else f"{len(docs)} 份文件"
    return (
        _environment()
        .get_template("matrix.html")
        .render(
            title=f"责任矩阵：{title}",
            scope=scope,
            columns=[(d, short_name(d, jurisdictions)) for d in columns],
            groups=[
                (doc, section, [(t, [r.cell(t.id, d.id) for d in columns]) for t in tasks])
                for doc, section, tasks in sections(r)
            ],
            several_docs=len(docs) > 1,
            fonts=CJK_FONTS,
            roles=[(ROLE_LETTERS[role], ROLE_NAMES[role], ROLE_FILLS[role]) for role in ROLES],
            fills={ROLE_LETTERS[role]: ROLE_FILLS[role] for role in ROLES},
        )
    )
