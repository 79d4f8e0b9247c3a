"""The task ledger (任务分工台账) read back with openpyxl: sheets, rows against the graph, the cells of
tasks worked out by hand from the corpus, print setup, the gaps and overlaps sheet, the CLI."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import corpus_files
from fsgraph import ledger, maps, queries, store
from fsgraph.cli import cli
from fsgraph.errors import FsgraphError, QueryError

DOC_000 = "000_0233215bc68c24dd"
DOC_001 = "001_027cf20b2df691a7"
DOC_002 = "002_c0b8b7f66cffa162"
AS_OF = "2021-06-30"


@pytest.fixture(scope="module")
def built(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("ledger") / "store"
    report = store.build(corpus_files(), directory)
    assert not report.errors
    return directory


@pytest.fixture(scope="module")
def workbook(
    built: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ledger.LedgerSummary, openpyxl.Workbook]:
    summary = ledger.ledger(tmp_path_factory.mktemp("ledger-out") / "台账.xlsx", built, as_of=AS_OF)
    return summary, openpyxl.load_workbook(summary.path)


def rows_of(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, tuple[object, ...]]:
    """The task rows of a document's sheet, by the numbering the 工作任务 cell opens with."""
    out = {}
    for row in ws.iter_rows(min_row=3, values_only=True):
        out[str(row[1]).split("\u3000", 1)[0]] = row
    return out


def test_one_sheet_per_document_and_one_of_findings(
    workbook: tuple[ledger.LedgerSummary, openpyxl.Workbook], built: Path
) -> None:
    summary, wb = workbook
    r = maps.responsibilities(built)
    assert wb.sheetnames == summary.sheets
    assert len(wb.sheetnames) == len(r.documents()) + 1 == 6
    assert all(len(name) <= 31 for name in wb.sheetnames)
    assert len({name.lower() for name in wb.sheetnames}) == len(wb.sheetnames)
    assert wb.sheetnames[0].startswith("000 ") and wb.sheetnames[-1] == "缺口与交叉"
    for (doc, _, _), name in zip(r.documents(), wb.sheetnames, strict=False):
        ws = wb[name]
        assert [c.value for c in ws[2]] == list(ledger.LEDGER_HEAD)
        tasks = [t for t in r.tasks.values() if t.doc == doc]
        assert ws.max_row == 2 + len(tasks)
        assert [row[0] for row in ws.iter_rows(min_row=3, values_only=True)] == list(range(1, len(tasks) + 1))


def test_the_cells_of_tasks_worked_out_by_hand(
    workbook: tuple[ledger.LedgerSummary, openpyxl.Workbook],
) -> None:
    _, wb = workbook
    sheet = {name.split(" ", 1)[0]: wb[name] for name in wb.sheetnames}
    # 000 lines 63-66, table row 2: 市编委办，市公安局，市食品药品监管局 | 持续实施
    row = rows_of(sheet["000"])["附件.2"]
    assert row[2:] == (
        None,
        "阜新市机构编制委员会办公室、阜新市公安局、阜新市食品药品监督管理局",
        None,
        "持续实施",
        f"{DOC_000}.txt 第63行",
    )
    # 001 line 83: (牵头单位:市食安办;责任单位:市发改委、市财政局、市农牧局、市质监局、市食药监局,各县市区政府)
    row = rows_of(sheet["001"])["四.(一).1"]
    assert row[2] == "酒泉市食品安全委员会办公室"
    assert str(row[3]).startswith("酒泉市发展和改革委员会、酒泉市财政局、酒泉市农牧局")
    assert row[6] == f"{DOC_001}.txt 第83行"
    # 002 line 15: （区交通运输局牵头，区市场监管局配合） among the sentences' attributions
    row = rows_of(sheet["002"])["二.(一).2"]
    assert row[2] == "营口市鲅鱼圈区交通运输局" and row[4] == "营口市鲅鱼圈区市场监督管理局"
    assert "鲅鱼圈海关" in str(row[3])
    # 000 body item without any department: its row is there with empty role cells
    row = rows_of(sheet["000"])["二.(一)"]
    assert row[2:5] == (None, None, None) and row[5] == "到2017年底前；2018年底前；2020年底前"


def test_printable(workbook: tuple[ledger.LedgerSummary, openpyxl.Workbook]) -> None:
    _, wb = workbook
    for ws in wb.worksheets[:-1]:
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows == "$1:$2"  # title and headings on every page
        assert ws.freeze_panes == "A3"
        assert ws.auto_filter.ref == f"A2:G{ws.max_row}"
        assert [ws.column_dimensions[c].width for c in "ABCDEFG"] == list(ledger.LEDGER_WIDTHS)
        assert ws["B3"].alignment.wrap_text and ws["B3"].border.left.style == "thin"
        assert "A1:G1" in {str(m) for m in ws.merged_cells.ranges}


def test_the_findings_sheet_holds_the_gaps_and_overlaps_questions(
    workbook: tuple[ledger.LedgerSummary, openpyxl.Workbook], built: Path
) -> None:
    summary, wb = workbook
    gaps = queries.run("gaps", {"as_of": AS_OF}, store=built)
    overlaps = queries.run("overlaps", {}, store=built)
    assert (summary.gaps, summary.overlaps) == (len(gaps.rows), len(overlaps.rows))
    ws = wb["缺口与交叉"]
    values = [row for row in ws.iter_rows(values_only=True)]
    assert values[0][0] == f"缺口（gaps）：{len(gaps.rows)} 条"
    assert [v for v in values[1] if v] == [ledger.COLUMN_NAMES.get(c, c) for c in gaps.variables]
    at = 2 + len(gaps.rows) + 1
    assert values[at][0] == f"交叉与重叠（overlaps）：{len(overlaps.rows)} 条"
    assert len(values) == at + 2 + len(overlaps.rows)
    assert ws.page_setup.orientation == "landscape"


def test_a_ledger_of_one_document(built: Path, tmp_path: Path) -> None:
    # by 2022 the deadlines of 002 (8月27日和10月29日前, 2021) have passed
    summary = ledger.ledger(tmp_path / "002.xlsx", built, document=DOC_002, as_of="2022-01-01")
    assert summary.sheets == ["002 营口市鲅鱼圈区2021年食品安全重点工作安排", "缺口与交叉"]
    assert summary.tasks == 33
    ws = openpyxl.load_workbook(summary.path)["缺口与交叉"]
    values = list(ws.iter_rows(values_only=True))
    at = 2 + summary.gaps + 1
    gaps, overlaps = values[2 : 2 + summary.gaps], values[at + 2 :]
    assert gaps and all(row[1] == f"{DOC_002}.txt" for row in gaps)
    # an overlap with another document is about this one too; department pairs have no document
    assert overlaps and all(f"{DOC_002}.txt" in (row[1], row[4]) or row[1] is None for row in overlaps)
    assert len(overlaps) < len(queries.run("overlaps", {}, store=built).rows)


def test_errors(built: Path, tmp_path: Path) -> None:
    with pytest.raises(FsgraphError, match=r"\.xlsx"):
        ledger.ledger(tmp_path / "l.csv", built)
    with pytest.raises(QueryError, match="unknown department '月球食品局'"):
        ledger.ledger(tmp_path / "l.xlsx", built, department="月球食品局")
    with pytest.raises(QueryError, match="as_of must be a date"):
        ledger.ledger(tmp_path / "l.xlsx", built, as_of="June")


def test_sheet_names() -> None:
    taken: set[str] = set()
    long = ledger.sheet_name("005_x", "关于印发某某市2022年食品安全重点工作安排的通知：附件一", taken)
    again = ledger.sheet_name("005_y", "关于印发某某市2022年食品安全重点工作安排的通知：附件二", taken)
    assert len(long) == len(again) == 31 and long != again and again.endswith("(2)")
    assert ledger.sheet_name("006", "a/b:c", taken) == "006 a_b_c"


def test_ledger_command(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    result = CliRunner().invoke(cli, ["ledger", "-o", str(out), "--store", str(built), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    assert "246 tasks on 5 sheets" in result.output and out.is_file()
