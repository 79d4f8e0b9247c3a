"""A static HTML report of the corpus in the store: counts, each department's workload, the deadline
timeline, the gaps and overlaps, and a responsibility map of each document.

The charts are SVG written here, inside the page; the maps are :func:`fsgraph.maps.map_html` pages
beside it. Nothing in the folder refers to anything outside it, so it can be zipped and mailed or
opened from a file share with no connection. The numbers come from catalogue questions:
``responsibilities`` (counts, documents), ``workload``, ``timeline``, ``gaps`` and ``overlaps``.

Examples
--------
>>> svg = bar_chart([("市农委", {"lead": 2, "support": 1}, 3)])
>>> svg.startswith("<svg") and "市农委" in svg
True
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import queries
from .ledger import COLUMN_NAMES
from .maps import (
    CJK_FONTS,
    ROLE_NAMES,
    ROLE_STYLES,
    Responsibilities,
    _environment,
    _write,
    map_html,
    matrix,
    responsibilities,
)
from .model import ROLES
from .store import Rows

# Colours of the documents in the timeline (cycled).
PALETTE = ("#2c6fbb", "#e07b39", "#27935a", "#8e6bbf", "#c0392b", "#16a085", "#7f8c8d", "#c27ba0")


@dataclass
class ReportSummary:
    index: Path
    pages: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def report(
    output: str | os.PathLike[str],
    store: str | os.PathLike[str] | None = None,
    *,
    as_of: str | None = None,
    engine: str = "oxigraph",
    **engine_options: Any,
) -> ReportSummary:
    """Write the report (``fsgraph report``) into the folder ``output``: ``index.html``, a map of each
    document in ``maps/`` and its matrix in ``matrices/``. ``as_of`` is the day the gaps
    count a deadline as passed (default today)."""
    folder = Path(output)
    r = responsibilities(store, engine=engine, **engine_options)
    run = {"engine": engine, "store": store, **engine_options}
    workload = queries.run("workload", {}, **run)
    timeline = queries.run("timeline", {}, **run)
    gaps = queries.run("gaps", {"as_of": as_of}, **run)
    overlaps = queries.run("overlaps", {}, **run)

    pages: list[Path] = []
    documents: list[dict[str, Any]] = []
    for doc, file, title in r.documents():
        page = folder / "maps" / f"{doc}.html"
        map_html(page, store, document=doc, engine=engine, **engine_options)
        # A matrix per document, as the maps: one of the whole corpus has a column for every
        # department of every jurisdiction (10,000 × 18,000 cells for a thousand documents).
        grid = matrix(
            folder / "matrices" / f"{doc}.html", store, document=doc, engine=engine, **engine_options
        )
        pages += [page, grid.path]
        tasks = r.tasks_of(doc)
        links = [link for t in tasks for link in r.links_of(t.id)]
        documents.append(
            {
                "doc": doc,
                "file": file,
                "title": title or file,
                "tasks": len(tasks),
                "assigned": sum(1 for t in tasks if r.assigned(t.id)),
                "links": len(links),
                "departments": len({link.department for link in links}),
                # As links: a file name may hold #, ?, % or a backslash, which a URL reads otherwise.
                "map": f"maps/{quote(doc)}.html",
                "matrix": f"matrices/{quote(doc)}.html",
            }
        )

    counts = summary_counts(r, gaps, overlaps)
    html = (
        _environment()
        .get_template("report.html")
        .render(
            title="食品安全政策任务分工报告",
            fonts=CJK_FONTS,
            counts=counts,
            documents=documents,
            workload=workload_charts(workload),
            timeline=timeline_chart(timeline, {d["file"]: d["title"] for d in documents}),
            undated=sum(1 for t in r.tasks.values() if not t.due),
            tables=[
                ("缺口", "gaps", table(gaps)),
                ("交叉与重叠", "overlaps", table(overlaps)),
            ],
            as_of=as_of,
        )
    )
    index = folder / "index.html"
    _write(index, html)
    return ReportSummary(index, [index, *pages], {label: n for label, n in counts})


def summary_counts(r: Responsibilities, gaps: Rows, overlaps: Rows) -> list[tuple[str, int]]:
    leads = {t for _, t, role in r.links if role == "lead"}
    return [
        ("文件", len(r.documents())),
        ("任务", len(r.tasks)),
        ("写明责任单位的任务", sum(1 for t in r.tasks if r.assigned(t))),
        ("有牵头单位的任务", len(leads)),
        ("分工（单位×任务×角色）", len(r.links)),
        ("单位", len(r.departments)),
        ("有日期时限的任务", sum(1 for t in r.tasks.values() if t.due)),
        ("缺口", len(gaps.rows)),
        ("交叉与重叠", len(overlaps.rows)),
    ]


def table(rows: Rows) -> dict[str, Any]:
    return {"head": [COLUMN_NAMES.get(c, c) for c in rows.variables], "rows": rows.rows}


# ---------------------------------------------------------------------------------------------
# Charts: plain SVG, sized to their content, text in the page's CJK font stack.

_LABEL_WIDTH = 14  # px per character of a Chinese label at 13px


def _text(x: float, y: float, text: str, **attrs: Any) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(text)}</text>'


def bar_chart(bars: list[tuple[str, dict[str, int], int]], width: int = 900) -> str:
    """Horizontal bars, one per department, stacked by role; ``bars`` are (name, tasks per role,
    distinct tasks), the number written at the end of the bar."""
    row, gap, top = 20, 6, 26
    label_width = min(24, max((len(name) for name, _, _ in bars), default=4)) * _LABEL_WIDTH + 10
    scale_max = max((sum(c.values()) for _, c, _ in bars), default=1) or 1
    plot = width - label_width - 60
    height = top + len(bars) * (row + gap) + 10
    parts = [
        f'<svg class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-size="13">'
    ]
    x: float = label_width
    for role in ROLES:  # legend
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{ROLE_STYLES[role]["color"]}"/>')
        parts.append(_text(x + 16, 15, f"{ROLE_NAMES[role]}（{role}）"))
        x += 150
    for i, (name, per_role, distinct) in enumerate(bars):
        y = top + i * (row + gap)
        label = name if len(name) <= 24 else name[:23] + "…"
        parts.append(_text(label_width - 8, y + row - 5, label, text_anchor="end"))
        x = label_width
        tip = "，".join(f"{ROLE_NAMES[r]} {per_role.get(r, 0)}" for r in ROLES if per_role.get(r))
        for role in ROLES:
            n = per_role.get(role, 0)
            if not n:
                continue
            w = plot * n / scale_max
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row}" fill="{ROLE_STYLES[role]["color"]}">'
                f"<title>{escape(name)}：{escape(tip)}</title></rect>"
            )
            x += w
        parts.append(_text(x + 6, y + row - 5, f"{distinct} 项", fill="#52606d"))
    parts.append("</svg>")
    return "".join(parts)


def workload_charts(rows: Rows) -> list[tuple[str, str]]:
    """One bar chart per jurisdiction, departments by the tasks they hold, busiest first.

    From the ``workload`` question: its ``role`` rows stack the bar, its ``year`` rows (one per
    deadline year, each task in one) add up to the distinct tasks."""
    per_role: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    distinct: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows.to_dicts():
        key = (row["region"] or "", row["name"])
        if row["by"] == "role":
            per_role[key][row["value"]] = row["tasks"]
        elif row["by"] == "year":
            distinct[key] += row["tasks"]
    regions: dict[str, list[tuple[str, dict[str, int], int]]] = defaultdict(list)
    for (region, name), counts in per_role.items():
        regions[region].append((name, counts, distinct.get((region, name), 0)))
    return [
        (region or "（未知辖区）", bar_chart(sorted(bars, key=lambda b: (-b[2], -sum(b[1].values()), b[0]))))
        for region, bars in sorted(regions.items())
    ]


def timeline_chart(rows: Rows, titles: dict[str, str], width: int = 900) -> str:
    """Tasks falling due per quarter, stacked by document, over the years the deadlines span
    (from the ``timeline`` question)."""
    data = rows.to_dicts()
    if not data:
        return "<p>没有带日期的完成时限。</p>"
    years = sorted({int(d["year"]) for d in data})
    first, last = years[0], years[-1]
    slots = (last - first + 1) * 4
    documents = sorted({d["document"] for d in data})
    colour = {doc: PALETTE[i % len(PALETTE)] for i, doc in enumerate(documents)}
    stacks: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for d in data:
        slot = (int(d["year"]) - first) * 4 + int(str(d["quarter"]).lstrip("Q")) - 1
        stacks[slot].append((d["document"], int(d["tasks"])))
    peak = max(sum(n for _, n in s) for s in stacks.values())
    left, right, top, plot_h = 40, 10, 14, 180
    legend_rows = len(documents)
    height = top + plot_h + 30 + legend_rows * 18 + 8
    step = (width - left - right) / slots
    parts = [
        f'<svg class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-size="12">'
    ]
    base = top + plot_h
    for k in range(0, peak + 1, max(1, peak // 5)):  # gridlines with task counts
        y = base - plot_h * k / peak
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e4e7eb"/>')
        parts.append(_text(left - 6, y + 4, str(k), text_anchor="end", fill="#52606d"))
    for year in range(first, last + 1):
        x = left + (year - first) * 4 * step
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{base + 4}" stroke="#c5ccd3"/>')
        if step * 4 >= 34 or year in (first, last) or (year - first) % 5 == 0:
            parts.append(_text(x + 2 * step, base + 18, str(year), text_anchor="middle"))
    for slot, stack in sorted(stacks.items()):
        y = float(base)
        for doc, n in stack:
            h = plot_h * n / peak
            y -= h
            quarter = f"{first + slot // 4}年第{slot % 4 + 1}季度"
            parts.append(
                f'<rect x="{left + slot * step + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 2):.1f}" '
                f'height="{h:.1f}" fill="{colour[doc]}"><title>{escape(quarter)}：'
                f"{escape(titles.get(doc, doc))} {n} 项任务到期</title></rect>"
            )
    for i, doc in enumerate(documents):
        y = base + 30 + i * 18
        parts.append(f'<rect x="{left}" y="{y}" width="12" height="12" fill="{colour[doc]}"/>')
        parts.append(_text(left + 18, y + 11, f"{titles.get(doc, doc)}（{doc}）"))
    parts.append("</svg>")
    return "".join(parts)
