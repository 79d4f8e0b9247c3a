"""Tests for :mod:`fsgraph.readers`: every format, every kind of bad input, and line provenance."""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fsgraph.errors import InputError, UnsupportedFormat
from fsgraph.model import Source, Table, TableCell, TextLine
from fsgraph.readers import iter_inputs, read, supported_suffixes
from renderers import JUNK, to_docx, to_html, to_pdf

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))

# Lines in the shapes the corpus has: title lines, a blank line, a document number, full-width
# indentation, a tab-indented table cell, leading ASCII spaces and no-break spaces.
SAMPLE = [
    "阜新市人民政府",
    "关于进一步加强食品安全工作的意见",
    "",
    "阜政发〔2016〕25号",
    "各县、区人民政府，市政府各部门、各直属单位：",
    "　　一、总体目标",
    "　　（一）深化食品安全监管体制改革。到2017年底前，乡镇（街道）全部设立派出机构。（市编委办牵头，市食品药品监管局配合）",
    "\t市食安办、市食品药品监管局、市农委、市畜牧兽医局等",
    "  附件：重点任务分工及进度安排表",
    "\xa0\xa0力争到2020年，食品安全总体满意率达到80%以上。",
]

TASK_TABLE = [
    ["序号", "工作任务", "责任单位", "时间进度"],
    ["一、加快健全食品安全监管体系"],
    ["1", "推进食品药品犯罪侦查队伍接受双重领导。", "市编委办，市公安局，市食品药品监管局", "持续实施"],
    ["2", "分步实施检验检测机构规范化建设。", "市食安办、市农委", "2018年底前全部达到规范要求"],
]

# A page long enough for the article to stand out from the site around it, as real ones are.
ARTICLE = [
    "阜新市人民政府关于进一步加强食品安全工作的意见",
    "阜政发〔2016〕25号",
    "各县、区人民政府，市政府各部门、各直属单位：",
    "　　为进一步加强我市食品安全工作，提升食品安全保障水平，根据《辽宁省人民政府关于进一步加强食品安全工作的意见》"
    "（辽政发〔2015〕42号）精神，经市政府常务会议讨论通过，现提出如下意见。",
    "　　一、总体目标",
    "　　到2020年，将阜新市建设成为食品安全放心城市，食品产业取得长足发展。食品安全监管体制机制、食品安全法规制度和"
    "标准体系、检验检测和风险监测等技术支撑体系更加科学完善，食品生产经营者的食品安全管理水平和诚信意识普遍增强。",
    "　　二、加快健全食品安全监管体系",
    "　　（一）深化食品安全监管体制改革。全面落实“有机构、有人员、有职责、有手段”的要求，优化职能分工和工作流程，"
    "解决监管空白和职能交叉等问题。到2017年底前，规划设立食品安全监管机构的乡镇（街道）全部设立派出机构。",
    "　　（二）落实属地责任。各县区要切实承担起促一方发展、保一方平安的政治责任，每年至少听取一次食品安全工作汇报，"
    "分析研判形势，解决重大问题，制定政策措施。",
    "　　（三）加强食品安全监管队伍建设。制定实施全市食品安全中长期人才发展规划。实施基层监管业务骨干培训工程和"
    "监管人员三年轮训制度，开展食品安全技能评选和专业技能竞赛。",
    "附件：重点任务分工及进度安排表",
    "阜新市人民政府",
    "2016年5月10日",
]


def _blocks(source: Source) -> list[tuple[int, str]]:
    return [(b.line, b.text) for b in source.blocks if isinstance(b, TextLine)]


def _table_texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def _html_lines(lines: list[str]) -> list[str]:
    """What a browser shows of each line: ASCII whitespace collapsed and trimmed, blank lines gone."""
    out = []
    for line in lines:
        if line.strip():
            out.append(re.sub(r"[ \t\n\r\f]+", " ", line).strip(" \t\n\r\f"))
    return out


def _all_text(source: Source) -> str:
    parts: list[str] = []
    for block in source.blocks:
        if isinstance(block, TextLine):
            parts.append(block.text)
        else:
            parts += [cell.text for row in block.rows for cell in row]
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# .txt


@pytest.mark.parametrize(
    ("codec", "encoding"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("utf-16", "utf-16")],
)
def test_txt_encodings_read_back_identically(tmp_path: Path, codec: str, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(("\n".join(SAMPLE) + "\n").encode(codec))
    source = read(path)
    assert _blocks(source) == list(enumerate(SAMPLE, start=1))
    assert source.encoding == encoding
    assert source.format == "txt"


def test_txt_gbk_is_read_as_gb18030(tmp_path: Path) -> None:
    # GBK is a subset of GB18030: the superset decodes it and never fails on a GBK character.
    lines = [line for line in SAMPLE if "\xa0" not in line]
    path = tmp_path / "gbk.txt"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    source = read(path)
    assert _blocks(source) == list(enumerate(lines, start=1))
    assert source.encoding == "gb18030"


def test_txt_short_gbk_prefers_gb18030_over_big5(tmp_path: Path) -> None:
    # Four GBK bytes that decode as Big5 just as cleanly (as 潼奪); mainland documents are GB-encoded.
    path = tmp_path / "short.txt"
    path.write_bytes("监管".encode("gbk"))
    assert _blocks(read(path)) == [(1, "监管")]


def test_txt_big5_is_recognised(tmp_path: Path) -> None:
    text = "為進一步加強我市食品安全工作，提升食品安全保障水平，現提出如下意見。"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    source = read(path)
    assert _blocks(source) == [(1, text)]
    assert source.encoding == "big5"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_txt_line_endings_are_normalised(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(newline.join(SAMPLE).encode("utf-8"))
    assert _blocks(read(path)) == list(enumerate(SAMPLE, start=1))


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("一\n二", ["一", "二"]),
        ("一\n二\n", ["一", "二"]),
        ("一\n\n二\n\n", ["一", "", "二", ""]),
        ("\n\n一", ["", "", "一"]),
        ("一\r\n\r\n二\r三\n", ["一", "", "二", "三"]),
        # Characters str.splitlines() would break at are part of a line's text, not line ends.
        ("一\x0c二\x1c三\u2028四\x85五", ["一\x0c二\x1c三\u2028四\x85五"]),
    ],
)
def test_txt_lines_are_the_files_lines(tmp_path: Path, text: str, lines: list[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    assert _blocks(read(path)) == list(enumerate(lines, start=1))


@pytest.mark.shared
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:3])
def test_txt_corpus_lines_are_kept_exactly(path: Path) -> None:
    expected = path.read_text(encoding="utf-8").split("\n")
    if expected[-1] == "":
        expected.pop()
    source = read(path)
    assert _blocks(source) == list(enumerate(expected, start=1))
    assert source.name == path.name
    assert source.size == path.stat().st_size
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.shared
def test_txt_corpus_table_keeps_tabs_and_blank_lines() -> None:
    source = read(CORPUS / "000_0233215bc68c24dd.txt")
    lines = dict(_blocks(source))
    assert len(CORPUS_FILES) == 5
    assert [lines[n] for n in range(50, 58)] == [
        "\t序号",
        "\t工作任务",
        "\t责任单位",
        "\t时间进度",
        "",
        "\t一、加快健全食品安全监管体系",
        "",
        "\t1",
    ]


def test_txt_source_identity(tmp_path: Path) -> None:
    data = "\ufeff一、总体目标\n".encode()
    path = tmp_path / "政策.txt"
    path.write_bytes(data)
    source = read(str(path))
    assert (source.name, source.path, source.format) == ("政策.txt", str(path), "txt")
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.size == len(data)
    assert _blocks(source) == [(1, "一、总体目标")]


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_txt_large_single_line(tmp_path: Path, codec: str) -> None:
    # 20 MB on one line: reading must stay linear in the size of the file.
    unit = "食品安全监管abc，"
    count = 20_000_000 // len(unit.encode(codec))
    path = tmp_path / "big.txt"
    path.write_bytes((unit * count).encode(codec))
    source = read(path)
    assert source.size >= 19_000_000
    assert len(source.blocks) == 1
    block = source.blocks[0]
    assert isinstance(block, TextLine)
    assert len(block.text) == len(unit) * count
    assert block.text.startswith(unit) and block.text.endswith(unit)
    assert source.encoding == codec


# ---------------------------------------------------------------------------------------------
# .html


def test_html_page_keeps_only_the_article(tmp_path: Path) -> None:
    path = to_html(ARTICLE, tmp_path / "page.html", tables=[(11, TASK_TABLE)])
    source = read(path)
    assert source.format == "html"
    assert source.encoding == "utf-8"
    assert source.meta["html_title"] == f"{ARTICLE[0]}_阜新市人民政府"
    kinds = ["table" if isinstance(b, Table) else "line" for b in source.blocks]
    assert kinds == ["line"] * 11 + ["table"] + ["line"] * 2
    assert [text for _, text in _blocks(source)] == _html_lines(ARTICLE)
    table = source.blocks[11]
    assert isinstance(table, Table)
    assert _table_texts(table) == TASK_TABLE
    text = _all_text(source)
    for junk in JUNK:
        assert junk not in text


def test_html_line_numbers_are_source_lines(tmp_path: Path) -> None:
    path = to_html(ARTICLE, tmp_path / "page.html", tables=[(11, TASK_TABLE)])
    file_lines = [html.unescape(line) for line in path.read_text(encoding="utf-8").split("\n")]
    source = read(path)
    for number, text in _blocks(source):
        assert text in file_lines[number - 1]
    table = next(b for b in source.blocks if isinstance(b, Table))
    assert file_lines[table.line - 1].startswith("<table")
    for row in table.rows:
        for cell in row:
            assert f">{cell.text}</td>" in file_lines[cell.line - 1]


@pytest.mark.shared
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:3])
def test_html_rendered_corpus_reads_back_every_line(tmp_path: Path, path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    source = read(to_html(lines, tmp_path / "page.html"))
    assert [text for _, text in _blocks(source)] == _html_lines(lines)
    text = _all_text(source)
    for junk in JUNK:
        assert junk not in text


FLOW_PAGE = """<html><head><title> 食品安全
 工作要点 </title></head><body>
<div class="content">
<p>第一行<br>第二行<br/>
第三行</p>
<p>市食品药品
监管局负责</p>
<p>Food safety
plan, <b>bold</b> and <span>span
text</span> tail</p>
<h2>二、工作要求</h2><div>一行<div>嵌套</div>之后</div>
<!-- 注释 -->
<p hidden>隐藏</p><p style="display: none">也隐藏</p><p>　　全角缩进&nbsp;保留</p>
</div>
</body></html>
"""

FLOW_LINES = [
    (4, "第一行"),
    (4, "第二行"),
    (5, "第三行"),
    (6, "市食品药品监管局负责"),
    (8, "Food safety plan, bold and span text tail"),
    (11, "二、工作要求"),
    (11, "一行"),
    (11, "嵌套"),
    (11, "之后"),
    (13, "　　全角缩进\xa0保留"),
]


def _laid_out(lines: list[tuple[int, str]], shift: int = 0) -> list[tuple[int, str, str | None]]:
    """Lines numbered as laid out, their source lines (``shift`` lines further down) their origin."""
    return [(n, text, f"source line {line + shift}") for n, (line, text) in enumerate(lines, start=1)]


def _with_origins(source: Source) -> list[tuple[int, str, str | None]]:
    return [(b.line, b.text, b.origin) for b in source.blocks if isinstance(b, TextLine)]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_html_lines_follow_breaks_blocks_and_source_lines(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "flow.htm"
    path.write_bytes(FLOW_PAGE.replace("\n", newline).encode("utf-8"))
    source = read(path)
    # Lines that share a source line (第一行<br>第二行) are numbered as laid out.
    assert _with_origins(source) == _laid_out(FLOW_LINES)
    assert source.meta["html_title"] == "食品安全工作要点"  # a line break between CJK characters is no space


def test_html_saved_on_one_line_reads_as_the_same_page_laid_out(tmp_path: Path) -> None:
    # Sites often serve a page minified, all on one line: its title, 文号 and addressee share that
    # line with the text, and each line is still read on its own.
    from fsgraph.extraction import extract_source

    path = to_html(ARTICLE, tmp_path / "page.html", tables=[(11, TASK_TABLE)])
    one_line = tmp_path / "one_line.html"
    one_line.write_text(re.sub(r">\s*\n\s*<", "><", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert len(one_line.read_text(encoding="utf-8").splitlines()) == 1
    apart, together = read(path), read(one_line)
    assert [t for _, t in _blocks(together)] == [t for _, t in _blocks(apart)]
    # Numbered as laid out, from 1, a table's rows among them: no two lines share a number.
    lines = [b.line for b in together.blocks if isinstance(b, TextLine)]
    assert lines[0] == 1 and lines == sorted(set(lines))
    table = next(b for b in together.blocks if isinstance(b, Table))
    assert [row[0].line for row in table.rows] == list(range(table.line, table.line + len(table.rows)))
    doc_apart, doc_together = extract_source(apart), extract_source(together)
    assert doc_together.doc_number == doc_apart.doc_number == "阜政发〔2016〕25号"
    assert doc_together.title == doc_apart.title
    assert [(t.ref, t.text, [(r.role, r.department) for r in t.roles]) for t in doc_together.tasks] == [
        (t.ref, t.text, [(r.role, r.department) for r in t.roles]) for t in doc_apart.tasks
    ]
    assert doc_together.tasks


def test_html_headline_before_the_article_is_kept(tmp_path: Path) -> None:
    # Sites often set the headline apart from the article body, with page tools in between.
    page = to_html(ARTICLE[1:], tmp_path / "page.html", title=ARTICLE[0]).read_text(encoding="utf-8")
    page = page.replace(
        '<div class="wrap">',
        f'<div class="wrap">\n<div class="titlebar"><h1>{ARTICLE[0]}</h1></div>\n'
        '<div class="tools">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a> <a href="#">【打印本页】</a></div>',
    )
    path = tmp_path / "headline.html"
    path.write_text(page, encoding="utf-8")
    file_lines = page.split("\n")
    source = read(path)
    blocks = _blocks(source)
    assert [text for _, text in blocks] == _html_lines(ARTICLE)
    assert ARTICLE[0] in file_lines[blocks[0][0] - 1]
    assert "打印本页" not in _all_text(source)


def test_html_gb2312_page_reads_like_utf8(tmp_path: Path) -> None:
    utf8 = read(to_html(ARTICLE, tmp_path / "utf8.html", tables=[(11, TASK_TABLE)]))
    gb = read(to_html(ARTICLE, tmp_path / "gb.html", tables=[(11, TASK_TABLE)], encoding="gb18030"))
    assert gb.encoding == "gb18030"
    assert gb.blocks == utf8.blocks
    assert gb.meta == utf8.meta


def test_html_charset_is_read_from_the_bytes_not_the_meta(tmp_path: Path) -> None:
    # A page whose meta says gb2312 but that was saved as UTF-8 (common after re-saving).
    page = FLOW_PAGE.replace("<head>", '<head><meta charset="gb2312">')
    path = tmp_path / "mislabelled.html"
    path.write_bytes(page.encode("utf-8"))
    source = read(path)
    assert source.encoding == "utf-8"
    assert _with_origins(source)[0] == (1, "第一行", "source line 4")


def test_html_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="gb2312"?>\n' + FLOW_PAGE.replace(
        "<html>", '<html xmlns="http://www.w3.org/1999/xhtml">'
    )
    path = tmp_path / "x.html"
    path.write_bytes(page.encode("gb18030"))
    source = read(path)
    assert source.encoding == "gb18030"
    assert _with_origins(source) == _laid_out(FLOW_LINES, shift=1)


TABLE_PAGE = """<html><head><title>表</title></head><body>
<table width="100%"><tr><td>
<p>附件</p>
<table border="1">
<caption>重点任务分工及进度安排表</caption>
<thead><tr><th>序号</th><th>工作任务</th><th>责任单位</th></tr></thead>
<tbody>
<tr><td colspan="3">一、加快健全食品安全监管体系</td></tr>
<tr><td>1</td><td><p>全面落实要求。</p><p>持续实施。</p></td><td rowspan="2">各级政府</td></tr>
<tr><td>2</td><td>推进队伍建设。</td></tr>
<tr><td></td><td> </td><td></td></tr>
</tbody></table>
</td></tr></table>
</body></html>
"""


def test_html_tables_become_table_blocks(tmp_path: Path) -> None:
    path = tmp_path / "table.html"
    path.write_text(TABLE_PAGE, encoding="utf-8")
    source = read(path)
    # The outer one-cell table only lays the page out: its content flows as lines.
    assert [type(b) for b in source.blocks] == [TextLine, Table]
    assert source.blocks[0] == TextLine(3, "附件")
    table = source.blocks[1]
    assert isinstance(table, Table)
    assert table.line == 4
    assert table.caption == "重点任务分工及进度安排表"
    assert table.rows == (
        (TableCell("序号", 6), TableCell("工作任务", 6), TableCell("责任单位", 6)),
        (TableCell("一、加快健全食品安全监管体系", 8),),
        (TableCell("1", 9), TableCell("全面落实要求。\n持续实施。", 9), TableCell("各级政府", 9)),
        # The rowspan cell holds for the row below too, with its own line.
        (TableCell("2", 10), TableCell("推进队伍建设。", 10), TableCell("各级政府", 9)),
    )


SPANNED_TABLE = """<html><body><div class="article"><p>重点任务清单</p>
<table>
<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td colspan="5">一、源头治理</td></tr>
<tr><td>1</td><td>开展耕地安全利用</td><td rowspan="2">区农业农村局</td><td>区生态环境局</td><td rowspan="2">2024年10月底前</td></tr>
<tr><td>2</td><td>推行合格证制度</td><td>区市场监管局</td></tr>
<tr><td>3</td><td>开展专项整治</td><td>区公安分局</td><td rowspan="9999">区商务局<br>各街道办事处</td><td>2024年6月底前</td></tr>
<tr><td>4</td><td>开展宣传活动</td><td>区食安办</td><td>长期坚持</td></tr>
</table></div></body></html>
"""


def test_html_spanned_cells_hold_for_every_row_they_span(tmp_path: Path) -> None:
    path = tmp_path / "spans.html"
    path.write_text(SPANNED_TABLE, encoding="utf-8")
    (table,) = [b for b in read(path).blocks if isinstance(b, Table)]
    assert _table_texts(table) == [
        ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"],
        ["一、源头治理"],  # a row spanning every column stays one cell: a section row
        ["1", "开展耕地安全利用", "区农业农村局", "区生态环境局", "2024年10月底前"],
        ["2", "推行合格证制度", "区农业农村局", "区市场监管局", "2024年10月底前"],
        ["3", "开展专项整治", "区公安分局", "区商务局\n各街道办事处", "2024年6月底前"],
        ["4", "开展宣传活动", "区食安办", "区商务局\n各街道办事处", "长期坚持"],
    ]
    assert table.rows[3][2].line == table.rows[2][2].line  # the spanned cell's own line


def test_html_spanned_and_broken_role_cells_give_each_row_its_departments(tmp_path: Path) -> None:
    from fsgraph.extraction import extract_path

    path = tmp_path / "spans.html"
    path.write_text(SPANNED_TABLE, encoding="utf-8")
    doc = extract_path(path)
    assert [(t.names("lead"), t.names("responsible"), t.deadline_text) for t in doc.tasks] == [
        (["区农业农村局"], ["区生态环境局"], "2024年10月底前"),
        (["区农业农村局"], ["区市场监管局"], "2024年10月底前"),
        (["区公安分局"], ["区商务局", "各街道办事处"], "2024年6月底前"),
        (["区食安办"], ["区商务局", "各街道办事处"], "长期坚持"),
    ]
    assert doc.unparsed == []


def test_docx_cell_of_two_paragraphs_names_two_departments(tmp_path: Path) -> None:
    from docx import Document

    from fsgraph.extraction import extract_path

    document = Document()
    document.add_paragraph("某市食品安全重点任务分工")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "重点任务", "牵头单位", "配合单位"], strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["1", "打击食品安全犯罪", "市公安局", "市市场监管局"], strict=True
    ):
        cell.text = text
    table.cell(1, 3).add_paragraph("市农业农村局")
    table.cell(1, 1).add_paragraph("保持高压态势")  # a task's text goes on, it names no one
    path = tmp_path / "cells.docx"
    document.save(str(path))
    (task,) = extract_path(path).tasks
    assert (task.names("lead"), task.names("support")) == (["市公安局"], ["市市场监管局", "市农业农村局"])


def test_html_doc_number_in_the_pages_metadata_panel(tmp_path: Path) -> None:
    page = SPANNED_TABLE.replace(
        "<body>",
        "<body><table><tr><td>索引号：</td><td>0012/2024-00012</td></tr>"
        "<tr><td>发文字号：</td><td>望政办发〔2024〕8号</td></tr></table>",
    )
    path = tmp_path / "panel.html"
    path.write_text(page, encoding="utf-8")
    assert read(path).meta["doc_number"] == "望政办发〔2024〕8号"
    from fsgraph.extraction import extract_path

    assert extract_path(path).doc_number == "望政办发〔2024〕8号"


PANEL_PAGE = """<html><body>
<div class="header"><a>首页</a> | <a>政务公开</a> | <a>互动交流</a></div>
<table class="xxgk"><tr><td>索引号：</td><td>0012/2024-00031</td><td>发布机构：</td><td>某县人民政府办公室</td></tr>
<tr><td>发文字号：</td><td>某政办〔2024〕12号</td><td>发布日期：</td><td>2024-03-20</td></tr></table>
<div class="article">
<p>某县2024年食品安全工作要点</p>
<p>2024年是实施“十四五”规划的关键之年。</p>
<p><strong>一、压紧压实食品安全责任</strong></p>
<p><span>1.</span><span>落实党政同责。</span>考核权重不低于3%。（责任单位：县委组织部、县食安办）</p>
<p>2.落实“两个责任”。持续开展包保督导。（责任单位：县市场监管局）</p>
</div></body></html>
"""


def test_a_pages_panel_above_the_text_holds_none_of_the_text(tmp_path: Path) -> None:
    from fsgraph.extraction import extract_path

    path = tmp_path / "panel.html"
    path.write_text(PANEL_PAGE, encoding="utf-8")
    doc = extract_path(path)
    assert doc.doc_number == "某政办〔2024〕12号"
    # The panel's issuer is the document's; the day it was posted (发布日期) is not the day it was signed.
    assert (doc.issuer, doc.date) == ("某县人民政府办公室", None)
    # The text after the panel is the document's, not the panel's: its parts are 一, 一.1 …
    assert [t.ref for t in doc.tasks] == ["一.1", "一.2"]
    (preamble,) = [s for s in doc.sections if s.kind == "preamble"]
    assert preamble.text == "2024年是实施“十四五”规划的关键之年。"
    # The site's menu is page furniture, reported as such.
    assert ("首页 | 政务公开 | 互动交流", "page furniture") in [(u.text, u.reason) for u in doc.unparsed]


def test_a_pages_panel_gives_the_date_of_signing_when_the_text_has_none(tmp_path: Path) -> None:
    from fsgraph.extraction import extract_path

    page = PANEL_PAGE.replace(
        "<td>发布日期：</td><td>2024-03-20</td>", "<td>成文日期：</td><td>2024年03月14日</td>"
    )
    page = page.replace("</tr>\n<tr>", "</tr><tr>")  # the panel's cells run together in its text
    path = tmp_path / "signed.html"
    path.write_text(page, encoding="utf-8")
    doc = extract_path(path)
    assert (doc.issuer, doc.doc_number, doc.date, doc.date_iso) == (
        "某县人民政府办公室",
        "某政办〔2024〕12号",
        "2024年03月14日",
        "2024-03-14",
    )


# ---------------------------------------------------------------------------------------------
# .xlsx


def _workbook(path: Path, rows: list[list[Any]], merged: tuple[str, ...] = (), sheets: int = 1) -> Path:
    """A workbook of ``sheets`` sheets holding ``rows``, with the cell ranges ``merged`` merged."""
    import openpyxl

    book = openpyxl.Workbook()
    for n in range(sheets):
        sheet = book.active if n == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = f"表{n + 1}"
        for row in rows:
            sheet.append(row)
        for cells in merged:
            sheet.merge_cells(cells)
    book.save(path)
    return path


TASK_SHEET = [
    ["某市2024年食品安全重点工作任务分工表", None, None, None, None],
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["一、强化源头治理", None, None, None, None],
    [1, "开展耕地土壤污染排查", "市生态环境局", "市农业农村局\n市自然资源局", "2024年底前"],
    [2, "推进农药减量增效", "市农业农村局", None, None],
    [3, "推行明厨亮灶", "市市场监管局", "市教育局", "2024-06-30"],
]


def test_xlsx_task_table_with_merged_title_group_and_role_cells(tmp_path: Path) -> None:
    import datetime

    from fsgraph.extraction import extract_path

    rows = [list(r) for r in TASK_SHEET]
    rows[5][4] = datetime.datetime(2024, 6, 30)  # a date cell, as Excel stores it
    path = _workbook(tmp_path / "tasks.xlsx", rows, merged=("A1:E1", "A3:E3", "E4:E5"))
    source = read(path)
    assert source.format == "xlsx"
    title, table = source.blocks
    assert isinstance(title, TextLine) and title.text == TASK_SHEET[0][0] and title.line == 1
    assert title.origin == "sheet 表1, row 1"
    assert isinstance(table, Table) and table.line == 2
    assert [[c.text for c in row] for row in table.rows] == [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["一、强化源头治理"],  # merged across the row: one cell
        ["1", "开展耕地土壤污染排查", "市生态环境局", "市农业农村局\n市自然资源局", "2024年底前"],
        ["2", "推进农药减量增效", "市农业农村局", "", "2024年底前"],  # merged down: it holds for both
        ["3", "推行明厨亮灶", "市市场监管局", "市教育局", "2024年6月30日"],
    ]
    assert [row[0].line for row in table.rows] == [2, 3, 4, 5, 6]  # the rows of the sheet
    doc = extract_path(path)
    assert [(t.ref, t.text, t.names("lead"), t.names("support"), t.deadline_text) for t in doc.tasks] == [
        ("表.1", "开展耕地土壤污染排查", ["市生态环境局"], ["市农业农村局", "市自然资源局"], "2024年底前"),
        ("表.2", "推进农药减量增效", ["市农业农村局"], [], "2024年底前"),
        ("表.3", "推行明厨亮灶", ["市市场监管局"], ["市教育局"], "2024年6月30日"),
    ]
    assert doc.tasks[2].deadlines[0].date == "2024-06-30" and doc.unparsed == []
    assert doc.title == TASK_SHEET[0][0] and {t.section[-1] for t in doc.tasks} == {"一、强化源头治理"}


def test_xlsx_indicator_table_with_lines_before_and_after_it(tmp_path: Path) -> None:
    from fsgraph.extraction import extract_path

    rows = [
        ["附件2"],
        ["主要指标"],
        ["指标", "2020年", "2025年目标值"],
        ["群众食品安全满意度", None, "80%以上"],
        [],
        ["备注：以上为预期性指标"],
    ]
    source = read(_workbook(tmp_path / "indicators.xlsx", rows))
    assert [(type(b).__name__, b.line) for b in source.blocks] == [
        ("TextLine", 1),
        ("TextLine", 2),
        ("Table", 3),
        ("TextLine", 6),  # a note under the table is text, no row of it
    ]
    (target,) = extract_path(tmp_path / "indicators.xlsx").targets
    assert (target.indicator, target.value, target.line) == ("群众食品安全满意度", "80%以上", 4)


def test_xlsx_sheets_follow_each_other_in_line_numbers(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "two.xlsx", TASK_SHEET, sheets=2)
    blocks = read(path).blocks
    titles = [b for b in blocks if isinstance(b, TextLine)]
    assert [(t.line, t.origin) for t in titles] == [(1, "sheet 表1, row 1"), (7, "sheet 表2, row 1")]


# ---------------------------------------------------------------------------------------------
# .docx


def test_docx_paragraphs_and_table_in_document_order(tmp_path: Path) -> None:
    lines = [
        "关于进一步加强食品安全工作的意见",
        "",
        "\t一、总体目标",
        "附件：重点任务分工及进度安排表",
        "阜新市人民政府",
    ]
    path = to_docx(lines, tmp_path / "doc.docx", tables=[(4, TASK_TABLE)])
    source = read(path)
    assert (source.format, source.encoding) == ("docx", None)
    assert source.blocks[:4] == [
        TextLine(1, lines[0], "paragraph 1"),
        TextLine(2, "", "paragraph 2"),
        TextLine(3, "\t一、总体目标", "paragraph 3"),
        TextLine(4, lines[3], "paragraph 4"),
    ]
    table = source.blocks[4]
    assert isinstance(table, Table)
    assert table.line == 5
    # The section row's merged cell comes once; each row is numbered as one block.
    assert _table_texts(table) == TASK_TABLE
    assert [row[0].line for row in table.rows] == [5, 6, 7, 8]
    assert source.blocks[5:] == [TextLine(9, "阜新市人民政府", "paragraph 5")]


def test_docx_soft_breaks_split_lines_and_vertical_merges_repeat(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    run = document.add_paragraph().add_run("阜新市人民政府")
    run.add_break()
    run.add_text("关于进一步加强食品安全工作的意见")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "1"
    table.cell(1, 0).text = "2"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "市食安办"
    document.add_paragraph("结束")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    source = read(path)
    # Each line of a paragraph broken by soft line breaks is a line of its own.
    assert source.blocks[:2] == [
        TextLine(1, "阜新市人民政府", "paragraph 1"),
        TextLine(2, "关于进一步加强食品安全工作的意见", "paragraph 1"),
    ]
    table_block = source.blocks[2]
    assert isinstance(table_block, Table)
    # A vertically merged cell holds for every row it spans.
    assert _table_texts(table_block) == [["1", "市食安办"], ["2", "市食安办"]]
    assert source.blocks[3] == TextLine(5, "结束", "paragraph 2")


def test_docx_text_pasted_into_one_paragraph_is_read_line_by_line(tmp_path: Path) -> None:
    # A whole text pasted into one paragraph, its lines kept by soft line breaks: the title and
    # the items are lines of their own, not one line the title claims.
    from docx import Document

    from fsgraph.extraction import extract_source

    lines = [
        "西平县2026年食品安全工作要点",
        "一、加强源头治理",
        "（一）深化农药兽药残留治理，年底前完成。（县农业农村局牵头，县市场监管局配合）",
        "（二）加强粮食质量安全监管。（县发展改革委负责）",
    ]
    document = Document()
    run = document.add_paragraph().add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)
    path = tmp_path / "pasted.docx"
    document.save(str(path))
    doc = extract_source(read(path))
    assert doc.title == lines[0]
    assert [(t.ref, t.names("lead") + t.names("responsible"), t.line) for t in doc.tasks] == [
        ("一.(一)", ["县农业农村局"], 3),
        ("一.(二)", ["县发展改革委"], 4),
    ]


GONGWEN_LEVELS = [
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3．"),
    ("decimalEnclosedParen", "%4"),
]


def _numbered_docx(
    path: Path, items: list[tuple[int, str]], levels: list[tuple[str, str]] = GONGWEN_LEVELS
) -> Path:
    """A Word document whose paragraphs are numbered by Word itself (a list with the levels
    一、 / （一） / 1. unless others are given), as lists typed with automatic numbering are: the
    numbers are in no text."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    numbering = document.part.numbering_part.element
    definition = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.append(
        parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{definition}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    document.add_paragraph("某市食品安全工作要点")
    for level, text in items:
        paragraph = document.add_paragraph(text)
        properties = paragraph._p.get_or_add_pPr()
        properties.append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    document.save(str(path))
    return path


def _wrapped(run: Any, tag: str, **attributes: str) -> None:
    """Put a python-docx run inside a new element ``tag`` (w:ins, w:del, w:sdt …) where it stands."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    outer = OxmlElement(tag)
    for name, value in attributes.items():
        outer.set(qn(f"w:{name}"), value)
    run._r.addprevious(outer)
    if tag == "w:sdt":
        content = OxmlElement("w:sdtContent")
        outer.append(content)
        outer = content
    outer.append(run._r)


def test_docx_text_is_read_as_word_shows_it_tracked_changes_and_content_controls_too(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tracked = {"id": "1", "author": "某", "date": "2025-01-01T00:00:00Z"}
    document = Document()
    paragraph = document.add_paragraph("（一）开展学校食堂检查")
    _wrapped(paragraph.add_run("，落实陪餐制度"), "w:ins", **tracked)
    deleted = paragraph.add_run()
    deleted._r.append(OxmlElement("w:delText"))
    deleted._r[-1].text = "，已删去的话"
    _wrapped(deleted, "w:del", **tracked)
    paragraph.add_run("。")
    _wrapped(paragraph.add_run("（县市场监管局）"), "w:sdt")
    # a tab stop of the paragraph's own is no tab in its text
    paragraph.paragraph_format.tab_stops.add_tab_stop(1000000)
    table = document.add_table(rows=1, cols=2)
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("县教育局")
    _wrapped(cell.add_run("、县卫生健康局"), "w:ins", **tracked)
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    blocks = read(path).blocks
    assert blocks[0] == TextLine(1, "（一）开展学校食堂检查，落实陪餐制度。（县市场监管局）", "paragraph 1")
    assert isinstance(blocks[1], Table) and blocks[1].rows[0][1].text == "县教育局、县卫生健康局"
    assert qn("w:tab") in {e.tag for e in document.paragraphs[0]._p.iter()}


def test_docx_automatic_numbering_is_read_as_written(tmp_path: Path) -> None:
    from fsgraph.extraction import extract_path

    items = [
        (0, "强化源头治理"),
        (1, "开展农药残留整治。（市农业农村局牵头）"),
        (1, "推行合格证制度"),
        (2, "规模主体全部开具合格证。（市农业农村局）"),
        (2, "开展监督抽查"),
        (3, "抽查规模主体。（市市场监管局）"),
        (3, "抽查合作社。（市市场监管局）"),
        (0, "严格过程监管"),
        (1, "推进明厨亮灶。（市市场监管局）"),
    ]
    path = _numbered_docx(tmp_path / "numbered.docx", items)
    texts = [b.text for b in read(path).blocks if isinstance(b, TextLine)]
    assert texts[1:] == [
        "一、强化源头治理",
        "（一）开展农药残留整治。（市农业农村局牵头）",
        "（二）推行合格证制度",
        "1．规模主体全部开具合格证。（市农业农村局）",
        "2．开展监督抽查",
        "⑴抽查规模主体。（市市场监管局）",
        "⑵抽查合作社。（市市场监管局）",
        "二、严格过程监管",
        "（一）推进明厨亮灶。（市市场监管局）",
    ]
    assert [t.ref for t in extract_path(path).tasks] == [
        "一.(一)",
        "一.(二).1",
        "一.(二).2.(1)",
        "一.(二).2.(2)",
        "二.(一)",
    ]


def test_docx_paragraphs_of_a_numbered_style_take_its_numbers(tmp_path: Path) -> None:
    # Word's List Number style carries the list: its paragraphs have no numbering of their own.
    from docx import Document

    document = Document()
    document.add_paragraph("某区食品安全工作要点")
    document.add_paragraph("二、重点任务")
    document.add_paragraph("加强肉品质量安全监管。（区农业农村局）", style="List Number")
    document.add_paragraph("加强应急管理。（区市场监管局）", style="List Number")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    texts = [b.text for b in read(path).blocks if isinstance(b, TextLine)]
    assert texts[2:] == ["1.加强肉品质量安全监管。（区农业农村局）", "2.加强应急管理。（区市场监管局）"]


def test_docx_multilevel_numbering_is_read_a_level_deeper_for_each_number(tmp_path: Path) -> None:
    from fsgraph.extraction import extract_path

    items = [
        (0, "强化源头治理"),
        (1, "开展农药残留整治。（市农业农村局牵头）"),
        (1, "推行合格证制度。（市农业农村局）"),
        (2, "抽查规模主体。（市市场监管局）"),
        (0, "严格过程监管"),
        (1, "推进明厨亮灶。（市市场监管局）"),
    ]
    levels = [("decimal", "%1."), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3")]
    path = _numbered_docx(tmp_path / "multilevel.docx", items, levels)
    texts = [b.text for b in read(path).blocks if isinstance(b, TextLine)]
    # Word draws a tab after 1.1: run into the text, 1.1开展 would read as a decimal.
    assert texts[1:4] == [
        "1.强化源头治理",
        "1.1 开展农药残留整治。（市农业农村局牵头）",
        "1.2 推行合格证制度。（市农业农村局）",
    ]
    # 1.2 heads 1.2.1, which names its own body: 1.2's attribution makes it a task too.
    assert [t.ref for t in extract_path(path).tasks] == ["1.1", "1.2", "1.2.1", "2.1"]


def test_docx_structured_by_heading_styles_alone_gives_its_attributed_paragraphs(tmp_path: Path) -> None:
    from docx import Document

    from fsgraph.extraction import extract_path

    document = Document()
    document.add_heading("某县2025年食品安全工作要点", level=0)
    document.add_paragraph("为做好2025年食品安全工作，制定本要点。")
    document.add_heading("强化源头治理", level=1)
    document.add_paragraph("开展农药兽药残留专项整治。（县农业农村局牵头，县市场监管局配合）")
    document.add_heading("严格过程监管", level=1)
    document.add_paragraph("加强校园食品安全监管。（县教育局）")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    doc = extract_path(path)
    # No numbering anywhere: all of it was the preamble, and no task.
    assert [(t.text, t.section, t.names("lead") + t.names("responsible")) for t in doc.tasks] == [
        (
            "开展农药兽药残留专项整治。（县农业农村局牵头，县市场监管局配合）",
            ["强化源头治理"],
            ["县农业农村局"],
        ),
        ("加强校园食品安全监管。（县教育局）", ["严格过程监管"], ["县教育局"]),
    ]


def _docx_with_footnote(path: Path, body: list[str], note: str) -> Path:
    """A Word document with one footnote (python-docx writes none: the part is added to the zip)."""
    from docx import Document

    document = Document()
    for text in body:
        document.add_paragraph(text)
    plain = path.with_suffix(".plain.docx")
    document.save(str(plain))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    override = (
        b'<Override PartName="/word/footnotes.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    relationship = (
        b'<Relationship Id="rIdNote1" Target="footnotes.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override + b"</Types>")
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", relationship + b"</Relationships>")
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", notes.encode())
    plain.unlink()
    return path


def test_docx_footnotes_are_read_after_the_text(tmp_path: Path) -> None:
    note = "注：县食品安全监管部门特指县市场监管局、县农业农村局。"
    body = ["某县食品安全工作方案", "一、任务", "1.开展专项整治（县食品安全监管部门）。"]
    source = read(_docx_with_footnote(tmp_path / "noted.docx", body, note))
    # The separator Word keeps among the notes is no note; the note was lost.
    assert [(b.text, b.origin) for b in source.blocks if isinstance(b, TextLine)][-1] == (note, "footnote 1")
    assert sum(isinstance(b, TextLine) for b in source.blocks) == 4


@pytest.mark.shared
def test_docx_rendered_corpus_reads_back_every_line(tmp_path: Path) -> None:
    lines = (CORPUS / "001_027cf20b2df691a7.txt").read_text(encoding="utf-8").split("\n")
    source = read(to_docx(lines, tmp_path / "001.docx"))
    assert _blocks(source) == list(enumerate(lines, start=1))


# ---------------------------------------------------------------------------------------------
# .pdf


def test_a_pdf_line_ending_inside_a_marker_gives_the_marker_to_the_next(tmp_path: Path) -> None:
    # An item that starts after the previous one's full stop, its （ the last character a line
    # holds and 九） the first of the next: the marker is read whole, opening the next line.
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth

    registerFont(UnicodeCIDFont("STSong-Light"))
    item = "16.开展婴幼儿配方乳粉追溯体系建设，切实管控好经营环节关键风险"
    # as wide as the page's line holds with 。（ after it (to_pdf: 11 pt, 56 pt margins on A4)
    while stringWidth(item + "点（区市场监管局）。（", "STSong-Light", 11) <= 595.27 - 2 * 56:
        item += "点"
    lines = [
        "某区2021年食品安全重点工作",
        "（八）追溯",
        item + "（区市场监管局）。（九）深化校园食品安全守护行动",
    ]
    source = read(to_pdf(lines, tmp_path / "doc.pdf"))
    texts = [b.text for b in source.blocks if isinstance(b, TextLine)]
    assert texts[2].endswith("。") and texts[3].startswith("（九）深化")
    # a reference cut so (按（ / 三）要求) stays as it is
    lines[2] = item + "（区市场监管局）按（三）要求开展"
    texts = [b.text for b in read(to_pdf(lines, tmp_path / "ref.pdf")).blocks if isinstance(b, TextLine)]
    assert texts[2].endswith("按（") and texts[3].startswith("三）要求")


def test_pdf_reads_back_chinese_text(tmp_path: Path) -> None:
    lines = ARTICLE * 4  # more than one page
    source = read(to_pdf(lines, tmp_path / "doc.pdf"))
    assert (source.format, source.encoding) == ("pdf", None)
    blocks = [b for b in source.blocks if isinstance(b, TextLine)]
    assert len(blocks) == len(source.blocks)
    assert [b.line for b in blocks] == list(range(1, len(blocks) + 1))
    assert blocks[0].origin == "page 1"
    # (The text repeats, so a line may also repeat at the foot of both pages: a running head.)
    assert blocks[-1].origin is not None and blocks[-1].origin.startswith("page 2")
    assert blocks[0].text == ARTICLE[0]

    def squash(text: str) -> str:
        return re.sub(r"\s+", "", text)

    assert squash("".join(b.text for b in blocks)) == squash("".join(lines))


def _cjk_pdf(path: Path, running_head: str, items: list[Any], widths: list[int]) -> Path:
    """A PDF of ``items`` under a running header, its pages numbered — 1 —, — 2 —: a string is a
    paragraph, a list of rows a table ruled as a word processor draws it (``widths`` its columns'),
    None a page break."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=18, wordWrap="CJK")

    def furniture(canvas: Any, document: Any) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(60, 800, running_head)
        canvas.drawCentredString(300, 30, f"— {document.page} —")

    story: list[Any] = []
    for item in items:
        if item is None:
            story.append(PageBreak())
        elif isinstance(item, str):
            story.append(Paragraph(item, style))
        else:
            table = Table([[Paragraph(c, style) for c in row] for row in item], colWidths=widths)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(table)
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def _ruled_pdf(path: Path) -> Path:
    """Two pages under a running header, numbered — 1 —, — 2 —; a ruled task table on the second."""
    cells = [
        ["序号", "工作任务", "责任单位", "完成时间"],
        ["1", "制定包保主体清单和包保干部名单", "区市场监管局、各镇人民政府、各街道办事处", "2023年8月底前"],
        ["2", "开展学校食堂专项检查", "区教育局", "2023年11月底前"],
    ]
    items = [
        "甲区食品安全工作方案",
        "一、主要任务",
        "（一）建立包保责任体系。（区市场监管局牵头）",
        None,
        "二、任务分工",
        cells,
        "甲区人民政府办公室",
        "2023年8月10日",
    ]
    return _cjk_pdf(path, "甲区人民政府办公室文件", items, [40, 170, 150, 90])


def test_pdf_ruled_table_running_header_and_page_numbers(tmp_path: Path) -> None:
    from fsgraph.extraction import extract_path

    path = _ruled_pdf(tmp_path / "ruled.pdf")
    source = read(path)
    (table,) = [b for b in source.blocks if isinstance(b, Table)]
    # A cell's text wrapped at the cell's width is joined again.
    assert _table_texts(table)[1] == [
        "1",
        "制定包保主体清单和包保干部名单",
        "区市场监管局、各镇人民政府、各街道办事处",
        "2023年8月底前",
    ]
    doc = extract_path(path)
    assert [(t.ref, t.names("responsible"), t.deadline_text) for t in doc.tasks] == [
        ("一.(一)", [], None),
        ("二.表.1", ["区市场监管局", "各镇人民政府", "各街道办事处"], "2023年8月底前"),
        ("二.表.2", ["区教育局"], "2023年11月底前"),
    ]
    assert doc.tasks[0].names("lead") == ["区市场监管局"]
    assert (doc.issuer, doc.date) == ("甲区人民政府办公室", "2023年8月10日")
    # The header on the second page and both page numbers are reported, not read as text.
    assert [(u.text, u.reason) for u in doc.unparsed] == [
        ("— 1 —", "page furniture"),
        ("甲区人民政府办公室文件", "page furniture"),
        ("— 2 —", "page furniture"),
    ]


def _paged_tables_pdf(path: Path, pages: list[list[list[str]]]) -> Path:
    """A task plan whose ruled table the page breaks cut into ``pages`` (each a list of rows, every
    row boxed, as a word processor draws them), a running header and page numbers on every page."""
    items: list[Any] = ["某县2025年食品安全重点工作任务分工", "一、任务分工"]
    for n, rows in enumerate(pages):
        items += [None, rows] if n else [rows]
    return _cjk_pdf(path, "某县人民政府办公室文件", items, [40, 200, 120, 90])


_PAGED_HEADER = ["序号", "工作任务", "责任单位", "完成时限"]
_PAGED_ROWS = [
    ["1", "开展学校食堂专项检查", "县市场监管局", "2025年6月底前"],
    ["2", "推进农贸市场快检室建设", "县市场监管局、县商务局", "2025年9月底前"],
    ["3", "开展农村集体聚餐指导", "县卫生健康局", "2025年10月底前"],
]


@pytest.mark.parametrize(
    "pages",
    [
        # the table runs on without its header
        [[_PAGED_HEADER, *_PAGED_ROWS[:2]], [_PAGED_ROWS[2]]],
        # the header repeated at the top of the next page
        [[_PAGED_HEADER, *_PAGED_ROWS[:1]], [_PAGED_HEADER, *_PAGED_ROWS[1:]]],
        # a row cut in two by the page break: its number stays on the first page
        [
            [_PAGED_HEADER, _PAGED_ROWS[0], ["2", "推进农贸市场", "县市场监管局、", "2025年9月"]],
            [["", "快检室建设", "县商务局", "底前"], _PAGED_ROWS[2]],
        ],
        # the header alone at the foot of a page, the rows on the next
        [[_PAGED_HEADER], _PAGED_ROWS],
    ],
    ids=["runs-on", "header-repeated", "row-cut", "header-alone"],
)
def test_a_pdf_table_cut_by_page_breaks_is_one_table(tmp_path: Path, pages: list[list[list[str]]]) -> None:
    from fsgraph.extraction import extract_path

    path = _paged_tables_pdf(tmp_path / "paged.pdf", pages)
    (table,) = [b for b in read(path).blocks if isinstance(b, Table)]
    assert _table_texts(table) == [_PAGED_HEADER, *_PAGED_ROWS]
    doc = extract_path(path)
    assert [(t.ref, t.text, t.names("responsible"), t.deadline_text) for t in doc.tasks] == [
        ("一.表.1", "开展学校食堂专项检查", ["县市场监管局"], "2025年6月底前"),
        ("一.表.2", "推进农贸市场快检室建设", ["县市场监管局", "县商务局"], "2025年9月底前"),
        ("一.表.3", "开展农村集体聚餐指导", ["县卫生健康局"], "2025年10月底前"),
    ]
    assert {u.reason for u in doc.unparsed} == {"page furniture"}


def test_a_pdf_table_with_a_header_of_its_own_on_the_next_page_is_another_table(tmp_path: Path) -> None:
    indicators = [["序号", "指标名称", "目标值"], ["1", "食品抽检合格率", "98%以上"]]
    tasks = [_PAGED_HEADER[:3], _PAGED_ROWS[0][:3]]
    path = _paged_tables_pdf(tmp_path / "two.pdf", [tasks, indicators])
    tables = [_table_texts(b) for b in read(path).blocks if isinstance(b, Table)]
    assert tables == [tasks, indicators]


def test_punctuation_hanging_past_a_cells_rule_is_the_cells(tmp_path: Path) -> None:
    # Word lets a full-width ） or 。 end a line past the text's edge (允许标点溢出边界): in a table
    # cell its middle may stand over the rule, in the next cell.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "hanging.pdf"
    pdf = canvas.Canvas(str(path))
    columns, rows = [60, 100, 260, 400], [720, 700, 680]
    for x in columns:
        pdf.line(x, rows[-1], x, rows[0])
    for y in rows:
        pdf.line(columns[0], y, columns[-1], y)
    pdf.setFont("STSong-Light", 12)
    for y, cells in ((704, ["序号", "责任单位", "完成时限"]), (684, ["1", "各乡镇（街道）", "2025年底前"])):
        pdf.drawString(64, y, cells[0])
        pdf.drawString(264, y, cells[2])
        pdf.drawRightString(
            270, y, cells[1]
        )  # its ） from 258 to 270 points: its middle past the rule at 260
    pdf.save()
    (table,) = [b for b in read(path).blocks if isinstance(b, Table)]
    assert _table_texts(table) == [["序号", "责任单位", "完成时限"], ["1", "各乡镇（街道）", "2025年底前"]]


# ---------------------------------------------------------------------------------------------
# Bad input

Maker = Callable[[Path], Path]


def _write(name: str, data: bytes) -> Maker:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


def _zip(name: str, files: dict[str, bytes]) -> Maker:
    def make(tmp: Path) -> Path:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for member, content in files.items():
                archive.writestr(member, content)
        return _write(name, buffer.getvalue())(tmp)

    return make


def _docx_with(transform: Callable[[bytes], bytes]) -> Maker:
    def make(tmp: Path) -> Path:
        good = to_docx(["一、总体目标"], tmp / "good.docx")
        return _write("bad.docx", transform(good.read_bytes()))(tmp)

    return make


def _broken_document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["word/document.xml"] = files["word/document.xml"][:300]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _pdf(name: str, draw: Callable[..., None], **options: object) -> Maker:
    def make(tmp: Path) -> Path:
        from reportlab.pdfgen import canvas

        path = tmp / name
        pdf = canvas.Canvas(str(path), **options)  # type: ignore[arg-type]
        draw(pdf)
        pdf.save()
        return path

    return make


def _encrypted(tmp: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption

    make = _pdf(
        "locked.pdf", lambda pdf: pdf.drawString(72, 720, "food safety"), encrypt=StandardEncryption("secret")
    )
    return make(tmp)


def _truncated_pdf(tmp: Path) -> Path:
    good = to_pdf(ARTICLE, tmp / "good.pdf").read_bytes()
    return _write("cut.pdf", good[: len(good) // 2])(tmp)


def _page_cut(cut: Callable[[str], str]) -> Maker:
    def make(tmp: Path) -> Path:
        page = to_html(ARTICLE, tmp / "full.html").read_text(encoding="utf-8")
        return _write("cut.html", cut(page).encode("utf-8"))(tmp)

    return make


def _directory(tmp: Path) -> Path:
    path = tmp / "folder.txt"
    path.mkdir()
    return path


BAD_INPUTS: list[tuple[str, Maker, type[InputError], str]] = [
    ("missing", lambda tmp: tmp / "missing.txt", InputError, "no such file"),
    ("directory", _directory, InputError, "is a directory"),
    (
        "doc suffix",
        _write("old.doc", b"\xd0\xcf\x11\xe0"),
        UnsupportedFormat,
        "unsupported file type .doc: the binary Word format; save it as .docx",
    ),
    ("wps suffix", _write("old.wps", b"\xd0\xcf\x11\xe0"), UnsupportedFormat, "save it as .docx"),
    (
        "xls suffix",
        _write("old.xls", b"\xd0\xcf\x11\xe0"),
        UnsupportedFormat,
        "save it as .xlsx (Excel, WPS or",
    ),
    ("xlsx not a zip", _write("bad.xlsx", b"not a zip at all"), InputError, "not an .xlsx file"),
    ("xlsx of no text", lambda tmp: _workbook(tmp / "blank.xlsx", []), InputError, "workbook has no text"),
    ("no suffix", _write("README", "食品安全".encode()), UnsupportedFormat, "unsupported file type (none)"),
    ("empty txt", _write("empty.txt", b""), InputError, "file is empty (0 bytes)"),
    ("empty html", _write("empty.html", b""), InputError, "file is empty (0 bytes)"),
    ("empty docx", _write("empty.docx", b""), InputError, "file is empty (0 bytes)"),
    ("empty pdf", _write("empty.pdf", b""), InputError, "file is empty (0 bytes)"),
    ("whitespace txt", _write("blank.txt", b" \r\n\t\n  \n"), InputError, "file is empty (whitespace only)"),
    (
        "bom and ideographic spaces",
        _write("blank2.txt", "\ufeff\u3000\u3000\n".encode()),
        InputError,
        "empty",
    ),
    ("nul bytes", _write("nul.txt", "食品安全".encode() + b"\x00\x01\x00rest"), InputError, "binary file"),
    (
        "control bytes",
        _write("ctl.txt", bytes(range(1, 9)) * 200 + "食品".encode()),
        InputError,
        "binary file",
    ),
    (
        "latin-1",
        _write("latin.txt", "Café crème brûlée".encode("cp1252")),
        InputError,
        "tried utf-8, gb18030, big5",
    ),
    ("invalid bytes", _write("ff.txt", b"\xff\xfe\xfd\xff" * 10), InputError, "cannot decode"),
    (
        "bad utf-8 after bom",
        _write("bom.txt", b"\xef\xbb\xbf" + "食品".encode() + b"\xff"),
        InputError,
        "byte-order mark",
    ),
    ("html nul bytes", _write("nul.html", b"<html>\x00\x00\x00</html>"), InputError, "binary file"),
    (
        "text cut inside a character",
        _write("cut.txt", "一、加强监管\n（一）开展食品安全检查".encode()[:-1]),
        InputError,
        "truncated: it ends inside a character (it is utf-8",
    ),
    (
        "gb18030 text cut inside a character",
        _write("cut-gb.txt", "一、加强监管\n（一）开展食品安全检查工作".encode("gb18030")[:-1]),
        InputError,
        "truncated: it ends inside a character (it is gb18030",
    ),
    (
        "html cut mid-text",
        _page_cut(lambda page: page[: page.index("（二）") + 2]),
        InputError,
        "HTML page is truncated",
    ),
    (
        "html cut mid-tag",
        _page_cut(lambda page: page[: page.index("</div>") + 3]),
        InputError,
        "HTML page is truncated",
    ),
    (
        "html without </html>",
        _page_cut(lambda page: page.replace("</html>", "")),
        InputError,
        "HTML page is truncated",
    ),
    (
        "html cut in body",
        _page_cut(lambda page: page[: page.index("<footer>")]),
        InputError,
        "HTML page is truncated",
    ),
    (
        "html without article",
        _write(
            "nav.html",
            "<html><body><nav><a href='/'>首页</a></nav><footer>版权所有</footer></body></html>".encode(),
        ),
        InputError,
        "no article text",
    ),
    (
        "html only markup",
        _write("bare.html", b"<html><head><title>t</title></head><body></body></html>"),
        InputError,
        "no article text",
    ),
    (
        "docx plain text",
        _write("text.docx", "食品安全".encode()),
        InputError,
        "not a .docx file (not a zip archive)",
    ),
    (
        "docx truncated",
        _docx_with(lambda data: data[: len(data) // 2]),
        InputError,
        "not a .docx file (not a zip archive)",
    ),
    ("docx other zip", _zip("other.docx", {"a.txt": b"hello"}), InputError, "not a Word document"),
    (
        "docx is xlsx",
        _zip(
            "sheet.docx",
            {
                "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
                "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
            },
        ),
        InputError,
        "not a Word document",
    ),
    ("docx broken xml", _docx_with(_broken_document_xml), InputError, "corrupt .docx"),
    (
        "pdf scanned",
        _pdf("scan.pdf", lambda pdf: pdf.rect(72, 72, 300, 300, fill=1)),
        InputError,
        "has no text layer (scanned PDF?): give it one with OCR first",
    ),
    ("pdf encrypted", _encrypted, InputError, "encrypted"),
    ("pdf truncated", _truncated_pdf, InputError, "not a readable PDF"),
    ("pdf garbage", _write("junk.pdf", b"%PDF-1.4\nthis is not a pdf\n"), InputError, "not a readable PDF"),
]


@pytest.mark.parametrize(
    ("make", "kind", "reason"), [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS]
)
def test_bad_input_raises_input_error(
    tmp_path: Path, make: Maker, kind: type[InputError], reason: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        read(path)
    assert type(caught.value) is kind
    assert caught.value.path == str(path)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}: ")


# ---------------------------------------------------------------------------------------------
# Registry and input discovery


def test_every_format_is_registered() -> None:
    assert supported_suffixes() == [".docx", ".htm", ".html", ".pdf", ".txt", ".xlsm", ".xlsx"]


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "DOC.TXT"
    path.write_bytes("一、总体目标".encode())
    assert _blocks(read(path)) == [(1, "一、总体目标")]


def test_iter_inputs_expands_directories_and_reports_bad_paths(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    names = ["b.txt", "a.HTML", "sub/z.docx", "sub/deeper/c.pdf", "notes.md", "~$z.docx", ".hidden.txt"]
    for name in [*names, "sub/old.DOC", "~$old.doc", "photo.jpg"]:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(b"x")
    (tmp_path / "empty").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "readme.md").write_bytes(b"x")
    single = tmp_path / "single.htm"
    single.write_bytes(b"x")
    (tmp_path / "scan.tif").write_bytes(b"x")

    good, bad = iter_inputs(
        [
            docs,
            str(single),
            tmp_path / "missing.txt",
            tmp_path / "empty",
            tmp_path / "other",
            tmp_path / "scan.tif",
            docs / "b.txt",
        ]
    )
    assert good == [
        docs / "a.HTML",
        docs / "b.txt",
        docs / "sub" / "deeper" / "c.pdf",
        docs / "sub" / "z.docx",
        single,
    ]
    assert [(e.path, type(e)) for e in bad] == [
        (str(docs / "sub" / "old.DOC"), UnsupportedFormat),  # a document in an old format is reported
        (str(tmp_path / "missing.txt"), InputError),
        (str(tmp_path / "empty"), InputError),
        (str(tmp_path / "other"), InputError),
        (str(tmp_path / "scan.tif"), UnsupportedFormat),
    ]
    assert "save it as .docx" in bad[0].reason
    assert "no such file or directory" in bad[1].reason
    assert "no supported file" in bad[2].reason and ".docx" in bad[2].reason


def test_iter_inputs_of_nothing(tmp_path: Path) -> None:
    assert iter_inputs([]) == ([], [])


def test_a_file_name_that_is_not_utf8_is_refused_alone(tmp_path: Path) -> None:
    import os

    good_file = tmp_path / "good.txt"
    good_file.write_text("甲市食品安全工作要点\n一、开展整治。（市市场监管局）\n", encoding="utf-8")
    gbk = Path(os.fsdecode(bytes(tmp_path) + b"/" + "食品安全意见.txt".encode("gb18030")))
    gbk.write_bytes(good_file.read_bytes())
    good, bad = iter_inputs([tmp_path])
    assert good == [good_file]
    (error,) = bad
    assert (
        str(error)
        == f"{tmp_path}/食品安全意见.txt: the file name is not UTF-8 (GBK or GB18030 from Windows?): rename the file"
    )
    str(error).encode("utf-8")  # the message itself prints anywhere


# A header over two rows: a group heading (责任分工) spans the two role columns named in the row
# below it, and the other headings span both rows, as task tables are often drawn.
TWO_ROW_HEADER_PAGE = """<html><body><p>重点任务分工</p><table border="1">
<tr><td rowspan="2">序号</td><td rowspan="2">重点任务</td><td colspan="2">责任分工</td><td rowspan="2">完成时限</td></tr>
<tr><td>牵头单位</td><td>配合单位</td></tr>
<tr><td>1</td><td>开展冷库专项检查</td><td>市市场监管局</td><td>市商务局</td><td>2023年6月底前</td></tr>
<tr><td>2</td><td>开展禁限用药物专项整治</td><td>市农业农村局</td><td>市公安局</td><td>持续推进</td></tr>
</table></body></html>
"""
TWO_ROW_HEADER_TASKS = [
    ("表.1", "开展冷库专项检查", ["市市场监管局"], ["市商务局"], "2023年6月底前"),
    ("表.2", "开展禁限用药物专项整治", ["市农业农村局"], ["市公安局"], "持续推进"),
]


def _two_row_header_docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("重点任务分工")
    table = document.add_table(rows=4, cols=5)
    texts = [
        ["序号", "重点任务", "责任分工", "", "完成时限"],
        ["", "", "牵头单位", "配合单位", ""],
        ["1", "开展冷库专项检查", "市市场监管局", "市商务局", "2023年6月底前"],
        ["2", "开展禁限用药物专项整治", "市农业农村局", "市公安局", "持续推进"],
    ]
    for row, values in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    table.cell(0, 2).merge(table.cell(0, 3))
    for column in (0, 1, 4):
        table.cell(0, column).merge(table.cell(1, column))
    document.save(str(path))
    return path


def _two_row_header_pdf(path: Path) -> Path:
    """The table drawn with rules, its merged cells spanning: a PDF leaves a spanned cell empty."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=18, wordWrap="CJK")
    cells = [
        ["序号", "重点任务", "责任分工", "", "完成时限"],
        ["", "", "牵头单位", "配合单位", ""],
        ["1", "开展冷库专项检查", "市市场监管局", "市商务局", "2023年6月底前"],
        ["2", "开展禁限用药物专项整治", "市农业农村局", "市公安局", "持续推进"],
    ]
    table = Table([[Paragraph(c, style) for c in row] for row in cells], colWidths=[40, 150, 90, 90, 90])
    spans = [
        ("SPAN", (2, 0), (3, 0)),
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
        ("SPAN", (4, 0), (4, 1)),
    ]
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), *spans]))
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("重点任务分工", style), table])
    return path


@pytest.mark.parametrize("suffix", [".html", ".docx", ".xlsx", ".pdf"])
def test_a_header_over_two_rows_names_the_columns_by_its_lower_row(tmp_path: Path, suffix: str) -> None:
    from fsgraph.extraction import extract_path

    path = tmp_path / f"two_rows{suffix}"
    if suffix == ".html":
        path.write_text(TWO_ROW_HEADER_PAGE, encoding="utf-8")
    elif suffix == ".docx":
        _two_row_header_docx(path)
    elif suffix == ".pdf":
        _two_row_header_pdf(path)
    else:
        rows: list[list[Any]] = [
            ["重点任务分工"],
            ["序号", "重点任务", "责任分工", None, "完成时限"],
            [None, None, "牵头单位", "配合单位", None],
            [1, "开展冷库专项检查", "市市场监管局", "市商务局", "2023年6月底前"],
            [2, "开展禁限用药物专项整治", "市农业农村局", "市公安局", "持续推进"],
        ]
        _workbook(path, rows, merged=("A2:A3", "B2:B3", "C2:D2", "E2:E3"))
    doc = extract_path(path)
    assert [(t.ref, t.text, t.names("lead"), t.names("support"), t.deadline_text) for t in doc.tasks] == (
        TWO_ROW_HEADER_TASKS
    )
    assert doc.unparsed == []
    (header,) = [s for s in doc.sections if s.ref.endswith("表头")]
    assert header.text.split("\n") == (
        ["序号\t重点任务\t责任分工\t\t完成时限", "\t\t牵头单位\t配合单位\t"]  # as the page has it
        if suffix == ".pdf"
        else ["序号\t重点任务\t责任分工\t完成时限", "序号\t重点任务\t牵头单位\t配合单位\t完成时限"]
    )


@pytest.mark.parametrize("suffix", [".html", ".xlsx"])
def test_rows_under_one_merged_number_are_numbered_within_it(tmp_path: Path, suffix: str) -> None:
    from fsgraph.extraction import extract_path

    path = tmp_path / f"measures{suffix}"
    rows: list[list[Any]] = [
        ["序号", "重点任务", "具体措施", "牵头单位"],
        [1, "加强冷链食品监管", "落实入库查验制度", "市市场监管局"],
        [None, None, "开展冷库专项检查", "市商务局"],
        [2, "推进农药残留治理", "开展专项整治", "市农业农村局"],
    ]
    if suffix == ".html":
        path.write_text(
            "<html><body><table>"
            "<tr><td>序号</td><td>重点任务</td><td>具体措施</td><td>牵头单位</td></tr>"
            '<tr><td rowspan="2">1</td><td rowspan="2">加强冷链食品监管</td><td>落实入库查验制度</td>'
            "<td>市市场监管局</td></tr><tr><td>开展冷库专项检查</td><td>市商务局</td></tr>"
            "<tr><td>2</td><td>推进农药残留治理</td><td>开展专项整治</td><td>市农业农村局</td></tr>"
            "</table></body></html>",
            encoding="utf-8",
        )
    else:
        _workbook(path, rows, merged=("A2:A3", "B2:B3"))
    doc = extract_path(path)
    assert [(t.ref, t.text, t.section[-1], t.names("lead")) for t in doc.tasks] == [
        ("表.1.1", "落实入库查验制度", "加强冷链食品监管", ["市市场监管局"]),
        ("表.1.2", "开展冷库专项检查", "加强冷链食品监管", ["市商务局"]),
        ("表.2", "开展专项整治", "推进农药残留治理", ["市农业农村局"]),
    ]


def test_a_title_row_above_a_tables_header_is_the_tables_title(tmp_path: Path) -> None:
    from fsgraph.extraction import extract_path

    path = tmp_path / "titled.html"
    title_row = '<tr><td colspan="5">安平市2023年食品安全监管重点任务分工表</td></tr>\n'
    path.write_text(TWO_ROW_HEADER_PAGE.replace('<table border="1">\n', '<table border="1">\n' + title_row))
    doc = extract_path(path)
    (header,) = [s for s in doc.sections if s.ref.endswith("表头")]
    assert header.title == "安平市2023年食品安全监管重点任务分工表"
    assert [t.ref for t in doc.tasks] == ["表.1", "表.2"] and doc.unparsed == []


def test_html_numbered_lists_are_read_with_the_numbers_a_browser_draws(tmp_path: Path) -> None:
    from fsgraph.extraction import extract_path

    page = """<html><body><div class="article"><h2>某区2024年食品安全工作要点</h2>
<ol style="list-style-type: cjk-ideographic"><li>强化源头治理
<ol><li>开展农药残留专项整治。（区农业农村局牵头）</li><li>推行合格证制度。（区农业农村局）</li></ol></li>
<li>严格过程监管<ol start="3"><li>开展学校食堂专项检查。（区教育局）</li></ol></li></ol>
<ul><li>附：联系人</li></ul>
</div></body></html>"""
    path = tmp_path / "lists.html"
    path.write_text(page, encoding="utf-8")
    texts = [b.text for b in read(path).blocks if isinstance(b, TextLine)]
    assert texts == [
        "某区2024年食品安全工作要点",
        "一、强化源头治理",
        "1.开展农药残留专项整治。（区农业农村局牵头）",
        "2.推行合格证制度。（区农业农村局）",
        "二、严格过程监管",
        "3.开展学校食堂专项检查。（区教育局）",
        "附：联系人",  # an item of a list without numbers is as written
    ]
    assert [t.ref for t in extract_path(path).tasks] == ["一.1", "一.2", "二.3"]


def test_docx_text_boxes_are_read_once_where_they_are_anchored(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml

    namespaces = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    box = "<w:txbxContent><w:p><w:r><w:t>某县人民政府办公室文件</w:t></w:r></w:p></w:txbxContent>"
    # Word writes a box twice: as a drawing, and as VML for readers that know no drawings.
    run = (
        f"<w:r {namespaces}><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    document = Document()
    anchor = document.add_paragraph("某政办〔2024〕3号")
    anchor._p.append(parse_xml(run))
    document.add_paragraph("关于做好食品安全工作的通知")
    path = tmp_path / "boxed.docx"
    document.save(str(path))
    lines = [(b.line, b.text, b.origin) for b in read(path).blocks if isinstance(b, TextLine)]
    assert lines == [
        (1, "某县人民政府办公室文件", "text box in paragraph 1"),
        (2, "某政办〔2024〕3号", "paragraph 1"),
        (3, "关于做好食品安全工作的通知", "paragraph 2"),
    ]
