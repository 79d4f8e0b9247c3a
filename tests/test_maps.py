"""Responsibility maps and matrices: what the page and the files hold against the graph, the cells of
tasks worked out by hand from the corpus, errors, the CLI, and the map drawn in a real Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from browser import (
    chromium_fixture,  # noqa: F401  (the chromium fixture)
    colours,
    console_errors,
    loaded_resources,
    open_page,
    wait_for_map,
)
from conftest import corpus_files
from fsgraph import maps, queries, store
from fsgraph.cli import cli
from fsgraph.errors import FsgraphError, QueryError

DOC_000 = "000_0233215bc68c24dd"  # 76-row task table, 责任单位 only
DOC_001 = "001_027cf20b2df691a7"  # (牵头单位:…;责任单位:…) after each item
DOC_002 = "002_c0b8b7f66cffa162"  # one attribution per sentence
DOC_004 = "004_11f62d047233d6bb"  # no attribution at all


@pytest.fixture(scope="module")
def built(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("maps") / "store"
    report = store.build(corpus_files(), directory)
    assert not report.errors
    return directory


def expected(built: Path, **params: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Nodes (task and department IRIs) and edges (department, task, role) of the question's rows."""
    rows = queries.run("responsibilities", params, store=built).to_dicts()
    nodes = {r["task"] for r in rows} | {r["dept"] for r in rows if r["dept"]}
    edges = {(r["dept"], r["task"], r["role"]) for r in rows if r["dept"]}
    return nodes, edges


def page_data(path: Path) -> dict[str, Any]:
    """The nodes, edges and options the page hands to vis-network."""
    text = path.read_text(encoding="utf-8")
    m = re.search(r"const DATA = (\{.*?\});\n", text)
    assert m, "the page holds no DATA"
    return json.loads(m.group(1))  # type: ignore[no-any-return]


def by_ref(r: maps.Responsibilities, doc: str, ref: str) -> maps.TaskInfo:
    return next(t for t in r.tasks.values() if t.doc == doc and t.ref == ref)


def names(r: maps.Responsibilities, task: maps.TaskInfo) -> dict[str, list[str]]:
    return {role: [r.departments[d].name for d in ids] for role, ids in r.roles(task.id).items()}


# ---------------------------------------------------------------------------------------------
# The rows as tasks, departments and links


def test_every_task_department_and_role_of_the_rows(built: Path) -> None:
    r = maps.responsibilities(built)
    nodes, edges = expected(built)
    assert set(r.tasks) | set(r.departments) == nodes
    assert set(r.links) == edges
    tasks = store.sparql(built, "SELECT (COUNT(DISTINCT ?t) AS ?n) { ?t a fs:Task }").rows[0][0]
    roles = store.sparql(built, "SELECT (COUNT(DISTINCT ?a) AS ?n) { ?a a fs:RoleAssignment }").rows[0][0]
    assert len(r.tasks) == tasks  # tasks nobody is named for are there too
    assert r.assignments == roles


def test_roles_in_the_order_the_document_names_them(built: Path) -> None:
    r = maps.responsibilities(built, document=DOC_000)
    # 000 line 64, table row 2: 市编委办，市公安局，市食品药品监管局
    assert names(r, by_ref(r, DOC_000, "附件.2")) == {
        "lead": [],
        "responsible": ["阜新市机构编制委员会办公室", "阜新市公安局", "阜新市食品药品监督管理局"],
        "support": [],
    }
    r = maps.responsibilities(built, document=DOC_001)
    # 001 line 83: (牵头单位:市食安办;责任单位:市发改委、市财政局、市农牧局、市质监局、市食药监局,各县市区政府)
    assert names(r, by_ref(r, DOC_001, "四.(一).1")) == {
        "lead": ["酒泉市食品安全委员会办公室"],
        "responsible": [
            "酒泉市发展和改革委员会",
            "酒泉市财政局",
            "酒泉市农牧局",
            "酒泉市质量技术监督局",
            "酒泉市食品药品监督管理局",
            "酒泉市各县（市、区）人民政府",
        ],
        "support": [],
    }


def test_a_department_filter_keeps_the_other_departments_of_its_tasks(built: Path) -> None:
    # 市食安办 is written in 000 (阜新) and in 001 (酒泉): an alias of two offices
    r = maps.responsibilities(built, department="市食安办")
    offices = {"阜新市食品安全委员会办公室", "酒泉市食品安全委员会办公室"}
    assert r.tasks and all(
        any(r.departments[d].name in offices for d, t, _ in r.links if t == task) for task in r.tasks
    )
    assert len(r.departments) > len(offices)  # who else works on those tasks
    assert {t.doc for t in r.tasks.values()} == {DOC_000, DOC_001}
    only = maps.responsibilities(built, department="阜新市食品安全委员会办公室")  # canonical name
    assert {t.doc for t in only.tasks.values()} == {DOC_000} and set(only.tasks) < set(r.tasks)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"department": "月球食品局"}, "unknown department '月球食品局'"),
        ({"document": "999_none"}, "unknown document '999_none'"),
        ({"category": "astronomy"}, "unknown category 'astronomy'"),
        ({"document": DOC_004, "department": "市食安办"}, "no task matches document"),
    ],
)
def test_filters_that_match_nothing_are_query_errors_naming_them(
    built: Path, tmp_path: Path, params: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        maps.map_html(tmp_path / "m.html", built, **params)
    assert not (tmp_path / "m.html").exists()


@pytest.mark.parametrize(
    "params",
    [{}, {"document": f"{DOC_002}.txt"}, {"department": "区市场监管局"}, {"category": "agriculture"}],
    ids=["all", "document", "department", "category"],
)
def test_the_cypher_of_the_question_gives_the_rows_of_the_sparql(built: Path, params: dict[str, str]) -> None:
    sparql = queries.run("responsibilities", params, engine="oxigraph", store=built)
    cypher = queries.run("responsibilities", params, engine="ladybug", store=built)
    assert sparql.rows and sparql.rows == cypher.rows


# ---------------------------------------------------------------------------------------------
# The map page


def test_the_page_holds_every_node_and_edge_of_the_question(built: Path, tmp_path: Path) -> None:
    summary = maps.map_html(tmp_path / "000.html", built, document=DOC_000)
    data = page_data(summary.path)
    nodes, edges = expected(built, document=DOC_000)
    assert {n["id"] for n in data["nodes"]} == nodes
    assert {(e["from"], e["to"], e["role"]) for e in data["edges"]} == edges
    assert (summary.nodes, summary.edges) == (len(nodes), len(edges))
    assert summary.tasks == 103 and summary.tasks >= 80  # a whole document: the brief's layout case


def test_edges_styled_by_role_and_departments_sized_by_workload(built: Path, tmp_path: Path) -> None:
    data = page_data(maps.map_html(tmp_path / "002.html", built, document=DOC_002).path)
    for edge in data["edges"]:
        style = maps.ROLE_STYLES[edge["role"]]
        assert edge["color"]["color"] == style["color"] and edge["width"] == style["width"]
        assert bool(edge["dashes"]) == (edge["role"] == "support")
    assert {e["role"] for e in data["edges"]} == {"lead", "responsible", "support"}
    departments = [n for n in data["nodes"] if n["kind"] == "department"]
    busiest = max(departments, key=lambda n: n["value"])
    assert busiest["title"].startswith("营口市鲅鱼圈区市场监督管理局")
    assert busiest["value"] == len({e["to"] for e in data["edges"] if e["from"] == busiest["id"]})
    # 002 line 15: 区交通运输局牵头 — the hover text names the task, its deadline and the line
    lead = next(e for e in data["edges"] if e["role"] == "lead" and "交通运输局" in e["title"])
    assert "第15行" in lead["title"] and "（区交通运输局牵头，区市场监管局配合）" in lead["title"]
    task = next(n for n in data["nodes"] if n["id"] == lead["to"])
    assert task["label"] == "二.(一).2"
    assert "完成时限：" in task["title"] and f"{DOC_002}.txt 第15行" in task["title"]


def test_a_document_without_attributions_is_a_map_of_its_tasks(built: Path, tmp_path: Path) -> None:
    summary = maps.map_html(tmp_path / "004.html", built, document=DOC_004)
    data = page_data(summary.path)
    assert summary.edges == 0 and summary.departments == 0 and summary.tasks == 39
    assert all(n["kind"] == "task" and not n["assigned"] and n["physics"] is False for n in data["nodes"])


# ---------------------------------------------------------------------------------------------
# The matrix


def test_matrix_xlsx_cells_frozen_headings_and_filters(built: Path, tmp_path: Path) -> None:
    summary = maps.matrix(tmp_path / "m.xlsx", built)
    ws = openpyxl.load_workbook(summary.path)["责任矩阵"]
    head = [c.value for c in ws[1]]
    assert head[:4] == list(maps.MATRIX_HEAD)
    r = maps.responsibilities(built)
    assert ws.max_row == 1 + len(r.tasks) and len(head) == 4 + len(r.departments)
    assert ws.freeze_panes == "E2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(head)).column_letter}{ws.max_row}"

    def row_of(file: str, ref: str) -> dict[str, str]:
        for row in ws.iter_rows(min_row=2, values_only=True):
            if row[0] == file and row[2] == ref:
                return {name: value for name, value in zip(head[4:], row[4:], strict=True) if value}
        raise AssertionError(f"no row {file} {ref}")

    # 000 line 64: 市编委办，市公安局，市食品药品监管局 (责任单位 column)
    assert row_of(f"{DOC_000}.txt", "附件.2") == {
        "阜新市机构编制委员会办公室": "R",
        "阜新市公安局": "R",
        "阜新市食品药品监督管理局": "R",
    }
    # 002 line 15: …（鲅鱼圈海关）。…（区交通运输局牵头，区市场监管局配合）。…（区交通运输局）。
    # …（区市场监管局）。…（区卫健局、区市场监管局按职责分工负责）。
    assert row_of(f"{DOC_002}.txt", "二.(一).2") == {
        "鲅鱼圈海关": "R",
        "营口市鲅鱼圈区交通运输局": "L/R",
        "营口市鲅鱼圈区市场监督管理局": "R/S",
        "营口市鲅鱼圈区卫生健康局": "R",
    }
    # 001 line 83: 牵头单位:市食安办; 责任单位 includes 市发改委
    cells = row_of(f"{DOC_001}.txt", "四.(一).1")
    assert cells["酒泉市食品安全委员会办公室"] == "L" and cells["酒泉市发展和改革委员会"] == "R"
    # Tasks of a section stay together (the matrix is grouped by section).
    seen: list[tuple[str, str]] = []
    for file, section, *_ in ws.iter_rows(min_row=2, values_only=True):
        if not seen or seen[-1] != (file, section):
            assert (file, section) not in seen, f"section {section} of {file} is split"
            seen.append((file, section))


def test_matrix_csv_and_html(built: Path, tmp_path: Path) -> None:
    raw = maps.matrix(tmp_path / "m.csv", built, document=DOC_002).path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == list(maps.MATRIX_HEAD) and len(rows) == 1 + 33
    row = next(r for r in rows if r[2] == "二.(一).2")
    assert row[rows[0].index("营口市鲅鱼圈区交通运输局")] == "L/R"

    html = maps.matrix(tmp_path / "m.html", built, document=DOC_002).path.read_text(encoding="utf-8")
    assert html.count('<tr class="section">') == len(
        maps.sections(maps.responsibilities(built, document=DOC_002))
    )
    assert '<td class="cell L">L/R</td>' in html


def test_a_matrix_too_large_to_read_is_refused_with_the_way_to_narrow_it(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = maps.responsibilities(built, document=DOC_002)
    monkeypatch.setattr(maps, "MATRIX_MAX_CELLS", len(r.tasks) * len(r.departments))
    assert maps.matrix(tmp_path / "m.csv", built, document=DOC_002).tasks == len(r.tasks)  # at the limit
    with pytest.raises(FsgraphError, match=r"would have [\d,]+ cells: narrow it with --document"):
        maps.matrix(tmp_path / "all.csv", built)
    assert not (tmp_path / "all.csv").exists()


def test_matrix_output_must_be_html_csv_or_xlsx(built: Path, tmp_path: Path) -> None:
    with pytest.raises(FsgraphError, match=r"\.html, \.csv or \.xlsx"):
        maps.matrix(tmp_path / "m.pdf", built)


# ---------------------------------------------------------------------------------------------
# The CLI


def test_map_and_matrix_commands(built: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "map.html"
    result = runner.invoke(cli, ["map", "--document", DOC_002, "-o", str(out), "--store", str(built)])
    assert result.exit_code == 0, result.output
    assert "22 departments, 33 tasks, 70 links" in result.output and out.is_file()
    result = runner.invoke(
        cli, ["matrix", "--category", "customs", "-o", str(tmp_path / "m.csv"), "--store", str(built)]
    )
    assert result.exit_code == 0, result.output


def test_a_map_to_dash_goes_to_the_standard_output(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "map.html"
    to_file = CliRunner().invoke(cli, ["map", "--document", DOC_002, "-o", str(out), "--store", str(built)])
    to_stdout = CliRunner().invoke(cli, ["map", "--document", DOC_002, "-o", "-", "--store", str(built)])
    assert to_stdout.exit_code == 0 and not (tmp_path / "-").exists()  # no file named "-"
    assert to_stdout.stdout_bytes == out.read_bytes() and to_file.exit_code == 0
    assert "22 departments, 33 tasks, 70 links" in to_stdout.stderr


def test_a_map_that_cannot_be_written_is_one_line_and_exit_code_3(built: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    target = tmp_path / "file" / "map.html"  # under a file: no folder can be made there
    result = CliRunner().invoke(cli, ["map", "-o", str(target), "--store", str(built)])
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [
        f"fsgraph: cannot write {target}: {tmp_path / 'file'} is a file, not a folder"
    ]


def test_an_unknown_department_is_one_line_and_exit_code_4(built: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["map", "--department", "月球食品局", "-o", str(tmp_path / "m.html"), "--store", str(built)]
    )
    assert result.exit_code == QueryError.exit_code == 4
    assert result.output.strip().splitlines() == [
        "fsgraph: unknown department '月球食品局': no department of the store goes by it"
        " (`fsgraph ask departments` lists them)"
    ]


# ---------------------------------------------------------------------------------------------
# In a real browser


@pytest.mark.browser
@pytest.mark.parametrize("document", [DOC_000, DOC_002, None], ids=["000", "002", "corpus"])
def test_the_map_draws_every_node_and_edge_in_chromium(
    built: Path, tmp_path: Path, chromium: Any, document: str | None
) -> None:
    path = maps.map_html(tmp_path / "map.html", built, document=document).path
    nodes, edges = expected(built, **({"document": document} if document else {}))
    open_page(chromium, path)
    wait_for_map(chromium)
    counts = chromium.execute_script(
        "const m = window.fsgraphMap; return [m.nodes.length, m.edges.length,"
        " m.network.body.nodeIndices.length, m.network.body.edgeIndices.length,"
        " m.network.physics.physicsEnabled]"
    )
    assert counts[:4] == [len(nodes), len(edges), len(nodes), len(edges)]
    assert counts[4] is False  # the layout is frozen once it has settled
    positions = chromium.execute_script("return Object.values(window.fsgraphMap.network.getPositions())")
    assert all(abs(p["x"]) < 1e5 and abs(p["y"]) < 1e5 for p in positions)
    png = chromium.find_element("id", "network").screenshot_as_png
    distinct, inked = colours(png)
    assert distinct > 200 and inked > 0.01, (distinct, inked)
    assert console_errors(chromium) == []
    assert all(url.startswith("file:") for url in loaded_resources(chromium))


@pytest.mark.browser
def test_role_and_category_filters_and_search(built: Path, tmp_path: Path, chromium: Any) -> None:
    path = maps.map_html(tmp_path / "002.html", built, document=DOC_002).path
    nodes, edges = expected(built, document=DOC_002)
    unassigned = nodes - {d for d, _, _ in edges} - {t for _, t, _ in edges}
    assert len(unassigned) == 2  # 002 三.(十七).31 and 三.(十八).32 (lines 98, 101) name no one department
    open_page(chromium, path)
    wait_for_map(chromium)

    def visible() -> list[int]:
        return list(
            chromium.execute_script(
                "const m = window.fsgraphMap; return [m.network.body.nodeIndices.length,"
                " m.network.body.edgeIndices.length]"
            )
        )

    chromium.find_element("css selector", "input.role[value=responsible]").click()
    shown = {e for e in edges if e[2] != "responsible"}
    drawn = {d for d, _, _ in shown} | {t for _, t, _ in shown} | unassigned
    assert visible() == [len(drawn), len(shown)]
    chromium.find_element("id", "unassigned").click()
    assert visible() == [len(drawn - unassigned), len(shown)]
    chromium.find_element("css selector", "input.role[value=responsible]").click()
    assert visible()[1] == len(edges)

    r = maps.responsibilities(built, document=DOC_002)
    customs = {d for d in r.departments.values() if d.category == "customs"}
    chromium.execute_script(
        "const s = document.getElementById('category'); s.value = 'customs';"
        " s.dispatchEvent(new Event('change'))"
    )
    assert visible()[1] == sum(1 for d, _, _ in edges if d in {c.id for c in customs})
    chromium.execute_script(
        "const s = document.getElementById('category'); s.value = ''; s.dispatchEvent(new Event('change'))"
    )

    box = chromium.find_element("id", "search")
    box.send_keys("交通运输局\n")
    selected = chromium.execute_script("return window.fsgraphMap.network.getSelectedNodes()")
    assert [r.departments[s].name for s in selected if s in r.departments] == ["营口市鲅鱼圈区交通运输局"]
    assert console_errors(chromium) == []


def test_a_map_on_neo4j_without_a_server_says_how_to_name_one(built: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["map", "--engine", "neo4j", "-o", str(tmp_path / "m.html"), "--store", str(built)],
        env={"NEO4J_URI": None, "NEO4J_PASSWORD": "x"},
    )
    assert result.exit_code == 5
    assert "$NEO4J_URI (ask and cypher also take --neo4j URI)" in result.output
