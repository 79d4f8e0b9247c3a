"""Render document lines as .docx, .html and .pdf files, for tests that compare formats.

``lines`` are the document's lines as a .txt reader gives them. ``tables`` places real tables among
them: each ``(index, rows)`` puts a table of ``rows`` (lists of cell texts) before ``lines[index]``
(``index == len(lines)`` appends it). A row shorter than the widest row has its last cell merged
across the remaining columns, the way section rows (一、…) span a 分工表 in published documents.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from pathlib import Path

Rows = Sequence[Sequence[str]]
Tables = Sequence[tuple[int, Rows]]

# Page furniture of a typical government site: every string here must be absent from what a
# reader keeps of the page.
JUNK = (
    "阜新市人民政府门户网站",
    "网站首页",
    "办事服务",
    "互动交流",
    "您的位置",
    "打印本页",
    "关闭窗口",
    "相关文章",
    "关于开展2016年食品安全宣传周活动的通知",
    "版权所有",
    "辽ICP备05001234号",
    "var pageTracker",
    "font-family",
)


def _tables_at(tables: Tables, index: int) -> Iterator[Rows]:
    for at, rows in tables:
        if at == index:
            yield rows


def _check_tables(lines: Sequence[str], tables: Tables) -> None:
    for at, rows in tables:
        if not 0 <= at <= len(lines):
            raise ValueError(f"table position {at} is outside 0..{len(lines)}")
        if not rows or not any(rows):
            raise ValueError("a table needs at least one non-empty row")


def to_docx(lines: Sequence[str], path: str | Path, tables: Tables = ()) -> Path:
    """Write ``lines`` as one paragraph each (tabs kept) and ``tables`` as Word tables."""
    from docx import Document

    _check_tables(lines, tables)
    document = Document()
    for index in range(len(lines) + 1):
        for rows in _tables_at(tables, index):
            width = max(len(row) for row in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for row, texts in zip(table.rows, rows, strict=True):
                if texts and len(texts) < width:
                    row.cells[len(texts) - 1].merge(row.cells[width - 1])
                for cell, text in zip(row.cells, texts, strict=False):
                    cell.text = text
        if index < len(lines):
            document.add_paragraph(lines[index])
    out = Path(path)
    document.save(str(out))
    return out


def _html_table(rows: Rows) -> list[str]:
    width = max(len(row) for row in rows)
    out = ['<table border="1" cellspacing="0">']
    for row in rows:
        cells = []
        for i, text in enumerate(row):
            span = width - i if i == len(row) - 1 and len(row) < width else 1
            attr = f' colspan="{span}"' if span > 1 else ""
            cells.append(f"<td{attr}>{html.escape(text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return out


def to_html(
    lines: Sequence[str],
    path: str | Path,
    tables: Tables = (),
    junk: bool = True,
    *,
    encoding: str = "utf-8",
    title: str | None = None,
) -> Path:
    """Write a saved government web page whose article holds ``lines`` (one ``<p>`` per source line).

    With ``junk`` the article sits among the site's header, navigation, breadcrumb, share bar,
    related links, footer, scripts and styles (the strings in :data:`JUNK`). Blank lines are left
    out, as a web page has no blank paragraphs. ``encoding`` is the file's encoding, declared in a
    ``<meta>`` (GB18030 is declared as gb2312, as such sites do).
    """
    _check_tables(lines, tables)
    charset = "gb2312" if encoding.lower().replace("-", "") in {"gb18030", "gbk", "gb2312"} else encoding
    page_title = title if title is not None else next((ln.strip() for ln in lines if ln.strip()), "")
    out = [
        "<!DOCTYPE html>",
        "<html>",
        "<head>",
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        f"<title>{html.escape(page_title)}_阜新市人民政府</title>",
    ]
    if junk:
        out += [
            "<style>body { font-family: SimSun; }</style>",
            "<script>var pageTracker = {};</script>",
        ]
    out += ["</head>", "<body>"]
    if junk:
        out += [
            '<div class="top"><span>阜新市人民政府门户网站</span>',
            '<a href="/">网站首页</a> | <a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a></div>',
            '<nav><ul><li><a href="/">网站首页</a></li><li><a href="/bsfw/">办事服务</a></li></ul></nav>',
            '<div class="crumb">您的位置：<a href="/">网站首页</a> &gt; <a href="/bsfw/">办事服务</a></div>',
            '<div class="wrap">',
        ]
    out.append('<div class="article" id="zoom">')
    for index in range(len(lines) + 1):
        for rows in _tables_at(tables, index):
            out += _html_table(rows)
        if index < len(lines) and lines[index].strip():
            out.append(f"<p>{html.escape(lines[index])}</p>")
    out.append("</div>")
    if junk:
        out += [
            '<div class="share"><a href="javascript:print()">【打印本页】</a>',
            '<a href="javascript:close()">【关闭窗口】</a></div>',
            '<div class="related"><h3>相关文章</h3><ul>',
            '<li><a href="/1.html">关于开展2016年食品安全宣传周活动的通知</a></li>',
            '<li><a href="/2.html">阜新市2016年食品安全监督抽检计划的通知</a></li>',
            "</ul></div>",
            "</div>",
            "<footer>版权所有：阜新市人民政府办公室 辽ICP备05001234号</footer>",
            "<script>pageTracker.track();</script>",
        ]
    out += ["</body>", "</html>", ""]
    target = Path(path)
    target.write_bytes("\n".join(out).encode(encoding))
    return target


def to_ruled_pdf(lines: Sequence[str], path: str | Path, tables: Tables = ()) -> Path:
    """Write ``lines`` as paragraphs wrapped to an A4 page and ``tables`` as tables ruled as a word
    processor draws them, their cells wrapped too, running over as many pages as they fill.

    A paragraph is laid out as HTML is: a run of spaces is one space.
    """
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _check_tables(lines, tables)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=10, leading=16, wordWrap="CJK")
    story: list[object] = []
    for index in range(len(lines) + 1):
        for rows in _tables_at(tables, index):
            width = max(len(row) for row in rows)
            cells = [
                [Paragraph(escape(text), style) for text in [*row, *[""] * (width - len(row))]]
                for row in rows
            ]
            table = Table(cells, colWidths=[480 / width] * width)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(table)
        if index < len(lines):
            story.append(Paragraph(escape(lines[index]) or "&nbsp;", style))
    out = Path(path)
    SimpleDocTemplate(str(out), pagesize=A4).build(story)
    return out


def to_pdf(lines: Sequence[str], path: str | Path) -> Path:
    """Write ``lines`` as an A4 PDF with a real text layer, wrapping long lines to the page width.

    Uses reportlab's built-in CID font STSong-Light, which needs no font file on the machine.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, margin = "STSong-Light", 11, 56
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    usable = width - 2 * margin
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = height - margin

    def new_line() -> None:
        nonlocal y
        y -= size * 1.6
        if y < margin:
            pdf.showPage()
            y = height - margin

    for line in lines:
        text = line.replace("\t", "    ")
        if not text.strip():
            new_line()
            continue
        # Wrap by glyph widths: CJK text has no spaces to break at.
        current, used = "", 0.0
        for char in text:
            step = pdfmetrics.stringWidth(char, font, size)
            if current and used + step > usable:
                pdf.setFont(font, size)
                pdf.drawString(margin, y, current)
                new_line()
                current, used = "", 0.0
            current, used = current + char, used + step
        pdf.setFont(font, size)
        pdf.drawString(margin, y, current)
        new_line()
    pdf.save()
    return Path(path)
