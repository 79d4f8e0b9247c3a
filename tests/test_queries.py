"""The questions of queries/ on the corpus, with answers read off the source text by hand; the
catalogue, parameters and the ``ask`` command.

Line numbers are those of the files in shared/corpus (000 = 000_0233215bc68c24dd.txt, …).
"""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import corpus_files
from fsgraph import queries, questions, sparql_params, store
from fsgraph.cli import cli
from fsgraph.errors import QueryError
from fsgraph.resources import data_dir

DOC_000 = "000_0233215bc68c24dd.txt"
DOC_001 = "001_027cf20b2df691a7.txt"
DOC_002 = "002_c0b8b7f66cffa162.txt"
DOC_003 = "003_55275a48b47b0cb1.txt"
DOC_004 = "004_11f62d047233d6bb.txt"


@pytest.fixture(scope="module")
def built(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("questions") / "graph"
    report = store.build(corpus_files(), directory)
    assert not report.errors
    return directory


def ask(built: Path, name: str, **params: Any) -> list[dict[str, Any]]:
    return queries.run(name, params, store=built).to_dicts()


# ---------------------------------------------------------------------------------------------
# The catalogue


def test_every_question_has_both_files_with_the_same_header() -> None:
    names = {q.name for q in queries.list_questions()}
    assert {
        "owns",
        "no-deadline",
        "no-lead",
        "collective-only",
        "overlaps",
        "gaps",
        "workload",
        "lineage",
        "compare",
        "timeline",
        "hubs",
        "clusters",
    } <= names
    for q in queries.list_questions():
        assert set(q.files) == {"sparql", "cypher"}, q.name
        assert q.description and "\n" not in q.description
        assert q.columns
        for language in ("sparql", "cypher"):
            assert queries.load_query(q.name, language).strip()


def test_the_query_files_ship_as_package_data() -> None:
    assert (data_dir("queries") / "owns.rq").is_file()


def test_the_header_is_parsed() -> None:
    q = queries.question("gaps")
    (as_of,) = q.parameters
    assert (as_of.name, as_of.type, as_of.default, as_of.required) == ("as_of", "date", "today", False)
    assert q.columns == ("gap", "document", "item", "detail", "due", "year", "line")
    overlaps = queries.question("overlaps")
    assert overlaps.computed == "fsgraph.questions.overlaps_from_rows"
    assert [p.name for p in overlaps.parameters] == ["kind", "threshold", "min_shared"]
    owns = queries.question("owns")
    assert owns.parameters[0].argument and [p.name for p in owns.parameters if p.derived] == [
        "department_form",
        "department_level",
        "department_name",
        "department_kind",
        "every_department",
        "every_collective",
    ]
    derived = queries.bind(owns, {"department": "市农委"})
    assert derived["department_name"] == "市农委" and isinstance(derived["department_name"], queries.Label)
    assert derived["department_kind"].endswith("/category/agriculture")
    assert derived["every_department"] == derived["every_collective"] == queries.NOTHING
    everything = queries.bind(owns, {})
    assert everything["department_kind"] == queries.NOTHING
    assert everything["every_department"].endswith("#Department")
    assert queries.bind(owns, {"category": "finance"})["department_kind"].endswith("/category/finance")


def test_headers_of_the_two_languages_must_agree(tmp_path: Path) -> None:
    (tmp_path / "x.rq").write_text("# Question: x\n# Answers: A\n# Columns: a\nSELECT ?a {}\n")
    (tmp_path / "x.cypher").write_text("// Question: x\n// Answers: A\n// Columns: b\nRETURN 1 AS b\n")
    with pytest.raises(QueryError, match=r"headers of x\.rq and x\.cypher differ"):
        queries._catalogue(tmp_path)


def test_unknown_question_and_language() -> None:
    with pytest.raises(QueryError, match=r"unknown question 'own'.*did you mean owns"):
        queries.question("own")
    with pytest.raises(QueryError, match="unknown query language"):
        queries.load_query("owns", "gremlin")


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("owns", {"departement": "x"}, "unknown parameter 'departement'"),
        ("gaps", {"as_of": "2021-02-30"}, "no calendar date"),
        ("gaps", {"as_of": "yesterday"}, "must be a date YYYY-MM-DD"),
        ("overlaps", {"threshold": "high"}, "threshold must be a number"),
        ("overlaps", {"min_shared": "2.5"}, "min_shared must be an integer"),
        ("lineage", {}, "the parameter document is required"),
        ("compare", {"topic": " "}, "the parameter topic is required"),
    ],
)
def test_bad_parameters(name: str, params: dict[str, Any], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        queries.bind(queries.question(name), params)


def test_parameters_are_converted_and_defaulted() -> None:
    values = queries.bind(queries.question("overlaps"), {"threshold": "0.7", "min-shared": "4"})
    assert values == {"kind": "", "threshold": 0.7, "min_shared": 4}
    assert (
        queries.bind(queries.question("gaps"), {})["as_of"] == __import__("datetime").date.today().isoformat()
    )


@pytest.mark.parametrize(
    ("document", "node"),
    [
        ("002_c0b8b7f66cffa162.txt", "002_c0b8b7f66cffa162"),  # a file name loses its suffix
        ("002_c0b8b7f66cffa162", "002_c0b8b7f66cffa162"),  # an id is taken as it is
        ("规划.2021.DOCX", "规划.2021"),  # a known suffix in any case
        ("规划.2021", "规划.2021"),  # a dot inside an id is no suffix
    ],
)
def test_the_document_asked_for_is_read_in_its_own_graph(document: str, node: str) -> None:
    from fsgraph import vocab

    values = queries.bind(queries.question("responsibilities"), {"document": document})
    assert values["document_graph"] == str(vocab.document_graph(node))


def test_with_no_document_asked_the_graph_stays_a_variable() -> None:
    values = queries.bind(queries.question("responsibilities"), {})
    assert values["document_graph"] is None
    text = sparql_params.inline(queries.load_query("responsibilities", "sparql"), values)
    assert "GRAPH ?document_graph {" in text
    assert "?document_graph" not in text[text.index("SELECT") : text.index("WHERE")]


def test_a_category_asked_is_looked_up_by_its_node() -> None:
    from fsgraph import vocab

    asked = queries.bind(queries.question("responsibilities"), {"category": "agriculture"})
    assert asked["category_node"] == str(vocab.category_iri("agriculture"))
    assert queries.bind(queries.question("responsibilities"), {})["category_node"] == queries.NOTHING


@pytest.mark.parametrize(
    ("written", "form"),
    [
        ("市农委", ("{}农业委员会", "市")),
        ("市农业委员会", ("{}农业委员会", "市")),
        ("区市场监管局", ("{}市场监督管理局", "区")),
        ("市委宣传部", ("中共{}委宣传部", "市")),
        ("阜新市农业委员会", ("", "")),  # names its own place: matched as written
        ("各县区政府", ("", "")),  # a collective
        ("市场监管局", ("{}市场监督管理局", "")),  # 市 opens the body's own name: no level
        ("县市场监管局", ("{}市场监督管理局", "县")),
        ("不是部门", ("", "")),
    ],
)
def test_department_forms(written: str, form: tuple[str, str]) -> None:
    assert queries.department_form(written) == form


def test_the_collector_is_paused_while_a_question_is_answered(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed = questions.overlaps_from_rows
    seen: list[bool] = []

    def spy(rows: store.Rows, params: dict[str, Any]) -> store.Rows:
        seen.append(gc.isenabled())
        return computed(rows, params)

    monkeypatch.setattr(questions, "overlaps_from_rows", spy)
    assert queries.run("overlaps", {}, store=built).rows
    assert seen == [False] and gc.isenabled()

    def failing(rows: store.Rows, params: dict[str, Any]) -> store.Rows:
        raise QueryError("overlaps: failed")

    monkeypatch.setattr(questions, "overlaps_from_rows", failing)
    with pytest.raises(QueryError):
        queries.run("overlaps", {}, store=built)
    assert gc.isenabled()  # on again after a failure
    gc.disable()
    try:  # left off when the caller had turned it off
        queries.run("no-lead", {}, store=built)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_rows_are_sorted_with_missing_values_first_and_descending_columns() -> None:
    rows = store.Rows(["a", "b"], [("x", 2), (None, 1), ("x", 3), ("a", None)])
    assert queries.sort_rows(rows, ["a", "-b"]).rows == [(None, 1), ("a", None), ("x", 3), ("x", 2)]


_TEXT = st.sampled_from(["a", "b", "甲", ""])
_NUMBER = st.one_of(st.integers(-3, 3), st.sampled_from([0.5, -1.5, float("-inf"), float("inf")]))
_CELL = st.one_of(st.none(), _NUMBER, _TEXT)


@given(
    st.one_of(  # any cells; a column of text and one of numbers (each is its own sort key); the
        # same with missing values (which stand as "" or minus infinity unless one is there already)
        st.lists(st.tuples(_CELL, _CELL, _CELL), max_size=30),
        st.lists(st.tuples(_TEXT, _NUMBER, _CELL)),
        st.lists(st.tuples(st.one_of(st.none(), _TEXT), st.one_of(st.none(), _NUMBER), _CELL)),
    ),
    st.lists(st.sampled_from(["a", "-a", "b", "-b", "c", "-c"]), max_size=3, unique_by=lambda c: c[-1]),
)
def test_rows_sort_as_stable_sorts_by_each_column_would(
    cells: list[tuple[Any, ...]], order: list[str]
) -> None:
    """One sort with composite keys, or stable sorts when a descending column holds text: the
    order of sorting by every column, then by the order's columns from the last to the first."""

    def key(value: Any) -> tuple[int, Any]:
        return (0, 0) if value is None else (1, value) if isinstance(value, int | float) else (2, value)

    expected = sorted(cells, key=lambda row: tuple(map(key, row)))
    for column in reversed(order):
        i = "abc".index(column[-1])
        expected.sort(key=lambda row, i=i: key(row[i]), reverse=column.startswith("-"))  # type: ignore[misc]
    assert queries.sort_rows(store.Rows(["a", "b", "c"], cells), order).rows == expected


def test_a_malformed_query_file_is_a_query_error(built: Path, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL query at line 1"):
        store.sparql(built, "SELECT ?x WHERE { ?x ?y }")
    from fsgraph import engines

    with pytest.raises(QueryError, match="malformed Cypher query"):
        engines.get("ladybug", store=built).query("MATCH (n RETURN n")
    with pytest.raises(QueryError, match="unknown engine 'gremlin'"):
        engines.get("gremlin")


# ---------------------------------------------------------------------------------------------
# The questions on the corpus


# 000's table: the rows whose 责任单位 cell names 市农委 (lines 74, 134, 173, 178, 183, 188, 198, 228,
# 238, 265, 379, 384, 394, 399; the cell is the line after the task text)…
OWNS_DIRECT = {4, 16, 23, 24, 25, 26, 28, 34, 36, 41, 63, 64, 66, 67}
# …and the rows whose cell names 市食品安全监管部门, which the note on line 452 defines as nine
# departments, 市农委 among them (lines 79, 89, 99, 109, 129, 146, 151, 156, 208, 213, 218, 243, 248,
# 253, 260, 270, 275, 280, 285, 295, 302, 312, 332, 342, 352, 357, 362, 367, 372, 404, 409, 426, 431).
OWNS_VIA = {5, 7, 9, 11, 15, 18, 19, 20, 30, 31, 32, 37, 38, 39, 40, 42, 43, 44, 45, 47, 48, 50, 54, 56, 58}
OWNS_VIA |= {59, 60, 61, 62, 68, 69, 72, 73}


def test_owns_directly_and_through_the_collective(built: Path) -> None:
    rows = ask(built, "owns", department="市农委")
    assert {r["name"] for r in rows} == {"阜新市农业委员会"}
    assert {r["role"] for r in rows} == {"responsible"}  # the table has one column, 责任单位
    direct = {int(r["ref"].removeprefix("附件.")) for r in rows if r["via"] is None}
    via = {int(r["ref"].removeprefix("附件.")) for r in rows if r["via"] == "阜新市食品安全监管部门"}
    assert (direct, via) == (OWNS_DIRECT, OWNS_VIA)
    assert len(rows) == len(OWNS_DIRECT) + len(OWNS_VIA)
    row4 = next(r for r in rows if r["ref"] == "附件.4")
    # Lines 74-75: 市食安办、市食品药品监管局、市农委、市畜牧兽医局等 | 2018年底前全部达到规范要求；持续实施
    assert row4["line"] == 74 and row4["quote"].startswith("市食安办、市食品药品监管局、市农委")
    assert (row4["deadline"], row4["due"], row4["document"]) == (
        "2018年底前全部达到规范要求；持续实施",
        "2018-12-31",
        DOC_000,
    )


def test_owns_reads_aliases_and_the_alias_table(built: Path) -> None:
    # 市农委 is written in 000; 市农业委员会 is how the alias table spells it, 阜新市农业委员会 the canonical name.
    answers = [queries.run("owns", {"department": d}, store=built).rows for d in ("市农委", "市农业委员会")]
    answers.append(queries.run("owns", {"department": "阜新市农业委员会"}, store=built).rows)
    assert answers[0] == answers[1] == answers[2] and answers[0]


def test_owns_by_category_across_jurisdictions(built: Path) -> None:
    # The agriculture bodies of the four documents with attributions: 000 市农委 and 市畜牧兽医局,
    # 001 市农牧局 (line 83), 002 区农业农村局 (line 21), 003 区农业农村局 (line 21).
    names = {r["name"] for r in ask(built, "owns", category="agriculture")}
    assert names == {
        "阜新市农业委员会",
        "阜新市畜牧兽医局",
        "酒泉市农牧局",
        "营口市鲅鱼圈区农业农村局",
        "XX区农业农村局",
    }
    narrowed = {r["name"] for r in ask(built, "owns", category="agriculture", jurisdiction="阜新市")}
    assert narrowed == {"阜新市农业委员会", "阜新市畜牧兽医局"}


def test_departments_lists_each_body_with_its_tasks_and_documents(built: Path) -> None:
    rows = ask(built, "departments")
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)) and "阜新市农业委员会" in names
    # The tasks 市农委 holds directly (owns without via), in the one document that names it.
    (agri,) = ask(built, "departments", department="市农委")
    assert agri == {
        "name": "阜新市农业委员会",
        "region": "阜新市",
        "category": "agriculture",
        "tasks": len(OWNS_DIRECT),
        "documents": 1,
    }
    assert agri in rows
    # A member of a collective named only through it holds no task of its own, in no document.
    members = [r for r in rows if r["tasks"] == 0]
    assert members and all(r["documents"] == 0 for r in members)
    # Without its place, a body is every jurisdiction's (市场监管局: 市 opens its name, no level).
    regulators = {r["region"] for r in ask(built, "departments", department="市场监管局")}
    assert regulators >= {"XX区", "营口市鲅鱼圈区"}
    assert {r["region"] for r in ask(built, "departments", jurisdiction="阜新市")} == {"阜新市"}
    # a part of the canonical name
    agricultural = ask(built, "departments", match="农业")
    assert agricultural and all("农业" in r["name"] for r in agricultural)
    assert [r for r in rows if "农业" in r["name"]] == agricultural


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["ask", "owns", "火星食品局"],
            "fsgraph: unknown department '火星食品局': no department of the store goes by it",
        ),
        (["ask", "workload", "阜新市农业委"], "names like it: 阜新市农业委员会"),
        (["ask", "departments", "农业委"], "names like it: 阜新市农业委员会"),
    ],
)
def test_a_department_the_store_does_not_know_is_an_error_with_names_like_it(
    args: list[str], message: str, built: Path
) -> None:
    result = CliRunner().invoke(cli, [*args, "--store", str(built)])
    assert result.exit_code == QueryError.exit_code
    assert len(result.output.strip().splitlines()) == 1 and message in result.output


def test_a_known_department_with_nothing_to_answer_is_no_error(built: Path) -> None:
    # 市农委 is known; narrowed to a jurisdiction it is not in, owns answers nothing, and says so.
    result = CliRunner().invoke(
        cli, ["ask", "owns", "市农委", "--jurisdiction", "酒泉市", "--store", str(built)]
    )
    assert result.exit_code == 0 and "阜新市农业委员会" not in result.output


def test_no_deadline(built: Path) -> None:
    rows = ask(built, "no-deadline")
    table = {r["ref"] for r in rows if r["document"] == DOC_000 and r["ref"].startswith("附件")}
    assert table == {"附件.42", "附件.43"}  # the 时间进度 cells on lines 271 and 276 are empty
    # 001 sets no deadline in 四 (every 每年/每季度 is a frequency): all 19 tasks of lines 83-125.
    refs_001 = {r["ref"] for r in rows if r["document"] == DOC_001}
    assert {f"四.(一).{i}" for i in range(1, 9)} | {f"四.(二).{i}" for i in range(1, 10)} <= refs_001
    assert {"四.(三)", "四.(四)"} <= refs_001
    assert "三.(一)" not in refs_001  # line 63: 2018年7月初 … 2018年7月底前
    assert "三.(四)" not in refs_001  # line 69: 每年10月底前 is a (recurring) deadline
    # 002: only items 30 (line 94, 11月1日前) and 32 (line 101, 8月27日和10月29日前) have one.
    items_002 = {int(r["ref"].rsplit(".", 1)[1]) for r in rows if r["document"] == DOC_002}
    assert items_002 == set(range(1, 34)) - {30, 32}


def test_no_lead(built: Path) -> None:
    rows = ask(built, "no-lead")
    by_document: dict[str, set[str]] = {}
    for row in rows:
        by_document.setdefault(row["document"], set()).add(row["ref"])
        assert row["supporters"] == 0  # 配合 only occurs next to a 牵头 (002 lines 15, 30)
    # 002 items 31 and 32 (lines 98, 101) name their actors only as sentence subjects.
    assert by_document[DOC_002] == {"三.(十七).31", "三.(十八).32"}
    assert DOC_003 not in by_document  # every item of 003 ends with (责任单位:…) or (牵头单位:…)
    assert len(by_document[DOC_004]) == 39  # 004 has no attributions at all
    # 000's 27 body measures (lines 11-45) leave the departments to the table; no table row lacks them.
    assert len(by_document[DOC_000]) == 27 and not any(r.startswith("附件") for r in by_document[DOC_000])
    # 001: the 创建工作安排 of 三 (lines 63-75) and the 工作要求 of 五 (lines 129-137).
    assert by_document[DOC_001] == {f"三.({n})" for n in "一二三四五六七"} | {
        f"五.({n})" for n in "一二三四五"
    }


def test_collective_only(built: Path) -> None:
    rows = ask(built, "collective-only")
    tasks = {(r["document"], r["ref"], r["line"]) for r in rows}
    # 000's table: 各级政府 (lines 59, 84, 104), 各县区、乡镇（街道）政府 (69), 各县区政府 (94),
    # 市食安委各成员单位 (119), 市食品安全监管部门 alone (109, 146, 151, 213, 270, 275, 280, 285, 404),
    # 食品安全相关行业协会、商会 (161, 337), 市食品安全监管部门，食品安全相关协会 (357) and
    # 各级政府，各责任单位 (416); 003: 区食安委有关成员单位，各乡镇政府 (lines 31, 32, 33).
    expected_000 = {1: 58, 3: 68, 6: 83, 8: 93, 10: 103, 11: 108, 13: 118, 18: 145, 19: 150, 21: 160}
    expected_000 |= {31: 212, 42: 269, 43: 274, 44: 279, 45: 284, 55: 336, 59: 356, 68: 403, 70: 415}
    expected = {(DOC_000, f"附件.{n}", line) for n, line in expected_000.items()}
    expected |= {(DOC_003, "二.(九)", 31), (DOC_003, "二.(十)", 32), (DOC_003, "三.(十一)", 33)}
    assert tasks == expected
    defined = {r["members"] for r in rows if r["collective"] == "阜新市食品安全监管部门"}
    assert defined == {9}  # the nine departments of the note on line 452
    assert {r["members"] for r in rows if r["collective"] != "阜新市食品安全监管部门"} == {0}
    assert {r["role"] for r in rows} == {"responsible"}


def test_overlaps(built: Path) -> None:
    rows = ask(built, "overlaps")
    leads = {(r["document"], r["ref"], r["score"]) for r in rows if r["kind"] == "leads"}
    # 001 lines 93, 95, 103, 117 (牵头单位 with two or three names) and 003 line 59.
    assert leads == {
        (DOC_001, "四.(一).6", 2),
        (DOC_001, "四.(一).7", 2),
        (DOC_001, "四.(二).2", 3),
        (DOC_001, "四.(二).9", 2),
        (DOC_003, "八.(三十三)", 2),
    }
    similar = {
        (r["document"], r["ref"], r["other_document"], r["other_ref"]) for r in rows if r["kind"] == "similar"
    }
    # 002 line 71 and 003 line 60: 支持餐饮服务企业发展连锁经营和中央厨房，提升餐饮行业标准化水平…,
    # 区市场监管局牵头 with 区商务局、区卫健局 in one district, 区市场监管局 alone in the other.
    assert (DOC_002, "二.(十一).23", DOC_003, "八.(三十四)") in similar
    # 明厨亮灶: 002 line 55 全面推行学校食堂“明厨亮灶” (区教育局) and 003 line 58 全面推行“明厨亮灶” (区教体局).
    assert (DOC_002, "二.(九).17", DOC_003, "八.(三十二)") in similar
    # One row per task of a duty's group, the duty as its first task words it.
    kitchens = {(r["document"], r["ref"]) for r in rows if r["duty"] == "全面推行学校食堂“明厨亮灶”"}
    assert kitchens == {(DOC_002, "二.(九).17"), (DOC_003, "八.(三十二)")}
    shared = {
        frozenset((r["departments"], r["other_departments"])): r["score"]
        for r in rows
        if r["kind"] == "shared"
    }
    # 市农委 with 市水利局: rows 16, 23-26, 28, 34, 36, 41, 63, 64, 66, 67; with 市畜牧兽医局 also row 4.
    assert shared[frozenset(("阜新市水利局", "阜新市农业委员会"))] == 13
    assert shared[frozenset(("阜新市农业委员会", "阜新市畜牧兽医局"))] == 14


def test_overlaps_threshold_and_kind(built: Path) -> None:
    strict = ask(built, "overlaps", kind="similar", threshold=0.99)
    assert strict and all(r["score"] >= 0.99 and r["kind"] == "similar" for r in strict)
    assert len(ask(built, "overlaps", kind="similar", threshold=0.5)) > len(strict)
    assert {r["kind"] for r in ask(built, "overlaps", kind="shared", min_shared=20)} <= {"shared"}
    with pytest.raises(QueryError, match="kind must be leads, similar or shared"):
        ask(built, "overlaps", kind="everything")


def test_gaps(built: Path) -> None:
    rows = ask(built, "gaps", as_of="2017-01-01")
    overdue = {(r["document"], r["item"], r["due"]) for r in rows if r["gap"] == "overdue task"}
    # 000: measure (十八) 2016年底前 (line 33), rows 8 (line 95), 47 (296): 2016年底前…, 62 (373): 2015年底前.
    assert overdue == {
        (DOC_000, "五.(十八)", "2016-12-31"),
        (DOC_000, "附件.8", "2016-12-31"),
        (DOC_000, "附件.47", "2016-12-31"),
        (DOC_000, "附件.62", "2015-12-31"),
    }
    # 001's issuer (line 2) holds no role in the plan; bodies only known as successors are not named.
    unassigned = {r["item"] for r in rows if r["gap"] == "unassigned department"}
    assert unassigned == {"酒泉市人民政府办公室"}
    targets = {(r["document"], r["line"], r["detail"]) for r in rows if r["gap"] == "unserved target"}
    assert (DOC_000, 9, "达到80%以上") in targets  # 一、总体目标 states it outside any task
    assert not any(d == DOC_002 and line == 28 for d, line, _ in targets)  # item 7: 区市场监管局
    later = {r["item"] for r in ask(built, "gaps", as_of="2021-01-01") if r["gap"] == "overdue task"}
    assert "附件.5" in later and "附件.5" not in {i for _, i, _ in overdue}  # 2020年底前 (line 80)


def test_workload(built: Path) -> None:
    rows = {(r["by"], r["value"]): r["tasks"] for r in ask(built, "workload", department="市农委")}
    # The 14 rows of OWNS_DIRECT, all 责任单位 of 000; row 4 is due 2018年底前, the others 持续实施.
    assert rows == {
        ("role", "responsible"): 14,
        ("document", DOC_000): 14,
        ("year", "2018"): 1,
        ("year", None): 13,
    }


def test_timeline(built: Path) -> None:
    rows = [r for r in ask(built, "timeline") if r["document"] == DOC_004]
    # 004: 2021年底前 and 2023年底前 (line 158), 到2025年 (lines 159, 179), 2022年底前 (line 181);
    # 5年内 (line 179) is a duration without a date.
    assert [(r["year"], r["quarter"], r["deadlines"], r["tasks"]) for r in rows] == [
        ("2021", "Q4", 1, 1),
        ("2022", "Q4", 1, 1),
        ("2023", "Q4", 1, 1),
        ("2025", "Q4", 2, 2),
    ]
    # 002: 11月1日前 (line 94) in Q4, and 8月27日和10月29日前 (line 101).
    quarters = {(r["year"], r["quarter"]) for r in ask(built, "timeline", jurisdiction="营口市鲅鱼圈区")}
    assert ("2021", "Q4") in quarters and all(year == "2021" for year, _ in quarters)


def test_lineage(built: Path) -> None:
    rows = ask(built, "lineage", document="000_0233215bc68c24dd")
    # Line 7: 根据《辽宁省人民政府关于进一步加强食品安全工作的意见》（辽政发〔2015〕42号）; line 45: 依据《食品安全法》.
    assert [(r["relation"], r["depth"], r["title"], r["number"], r["scope"], r["line"]) for r in rows] == [
        ("parent", 1, "辽宁省人民政府关于进一步加强食品安全工作的意见", "辽政发〔2015〕42号", "document", 7),
        ("parent", 1, "食品安全法", None, "body", 45),
    ]
    cited = ask(built, "lineage", document="中共中央 国务院关于深化改革加强食品安全工作的意见")
    # 002 line 4 (为深入贯彻落实《…》) and 004 line 3 (根据《…》) cite it.
    assert {(r["relation"], r["file"], r["line"]) for r in cited} == {
        ("cited by", DOC_002, 4),
        ("cited by", DOC_004, 3),
    }
    with pytest.raises(QueryError, match="no document or cited policy matches"):
        ask(built, "lineage", document="不存在的文件")


def test_compare(built: Path) -> None:
    rows = ask(built, "compare", topic="明厨亮灶")
    got = {(r["region"], r["category"], r["role"]): set(r["refs"].split("、")) for r in rows}
    # 000 row 33 (lines 222-223); 001 四.(二).2 (line 103, 牵头 市大数据局、市食药监局、市农牧局) and
    # 四.(二).6 (line 111, 责任部门); 002 items 17, 18, 21 (lines 55, 57, 67); 003 (三十二), (三十四)
    # (lines 58, 60, 牵头). 000 measure (十一) and 004's plan name no department.
    assert got[("阜新市", "market_regulation", "responsible")] == {"000_0233215bc68c24dd:附件.33"}
    assert got[("阜新市", "customs", "responsible")] == {"000_0233215bc68c24dd:附件.33"}
    assert got[("酒泉市", "big_data", "lead")] == {"001_027cf20b2df691a7:四.(二).2"}
    assert got[("酒泉市", "education", "responsible")] == {"001_027cf20b2df691a7:四.(二).6"}
    assert got[("营口市鲅鱼圈区", "education", "responsible")] == {"002_c0b8b7f66cffa162:二.(九).17"}
    assert got[("营口市鲅鱼圈区", "market_regulation", "responsible")] == {
        "002_c0b8b7f66cffa162:二.(九).18",
        "002_c0b8b7f66cffa162:二.(十一).21",
    }
    assert got[("XX区", "education", "lead")] == {"003_55275a48b47b0cb1:八.(三十二)"}
    assert got[("XX区", "market_regulation", "lead")] == {"003_55275a48b47b0cb1:八.(三十四)"}
    assert len(got) == 14
    by_task = ask(built, "compare", topic="002_c0b8b7f66cffa162:二.(九).17")
    assert ("XX区", "education", "lead") in {(r["region"], r["category"], r["role"]) for r in by_task}


def test_hubs_and_clusters_on_the_corpus(built: Path) -> None:
    hubs = ask(built, "hubs", jurisdiction="营口市鲅鱼圈区")
    # 区市场监管局 shares tasks with 17 others in 002 (items 2, 3, 5-8, 12, 18-26 name them with it).
    assert (hubs[0]["name"], hubs[0]["partners"]) == ("营口市鲅鱼圈区市场监督管理局", 17)
    clusters = ask(built, "clusters")
    regions: dict[int, set[str]] = {}
    cluster_of = {}
    for row in clusters:
        regions.setdefault(row["cluster"], set()).add(row["region"])
        cluster_of[row["name"]] = row["cluster"]
    assert all(len(r) == 1 for r in regions.values())  # no task names departments of two places
    # 市农委, 市水利局 and 市畜牧兽医局 share 13 rows of 000's table.
    assert cluster_of["阜新市农业委员会"] == cluster_of["阜新市水利局"] == cluster_of["阜新市畜牧兽医局"]


def test_the_question_functions(built: Path) -> None:
    assert (
        questions.owns("市农委", store=built).rows
        == queries.run("owns", {"department": "市农委"}, store=built).rows
    )
    assert (
        questions.gaps("2017-01-01", store=built).rows
        == queries.run("gaps", {"as_of": "2017-01-01"}, store=built).rows
    )
    from fsgraph import network

    assert network.lineage("000_0233215bc68c24dd", store=built).rows


# ---------------------------------------------------------------------------------------------
# The ask command


def test_ask_list_shows_every_question() -> None:
    result = CliRunner().invoke(cli, ["ask", "--list"])
    assert result.exit_code == 0
    for q in queries.list_questions():
        line = next(line for line in result.output.splitlines() if line.split()[0] == q.name)
        assert q.description in line
    assert "owns [DEPARTMENT]" in result.output and "lineage DOCUMENT" in result.output
    # and each question's help shows its argument as the list does
    owns, lineage = (CliRunner().invoke(cli, ["ask", name, "--help"]).output for name in ("owns", "lineage"))
    assert "ask owns [OPTIONS] [DEPARTMENT]\n" in owns and "ask lineage [OPTIONS] DOCUMENT\n" in lineage


def test_ask_answers_in_each_format(built: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["ask", "workload", "市农委", "--store", str(built)])
    assert table.exit_code == 0 and "阜新市农业委员会" in table.output and "responsible" in table.output
    csv = runner.invoke(
        cli, ["ask", "gaps", "--as-of", "2017-01-01", "--format", "csv", "--store", str(built)]
    )
    assert csv.output.splitlines()[0] == "gap,document,item,detail,due,year,line"
    js = runner.invoke(
        cli, ["ask", "owns", "市农委", "--format", "json", "--engine", "ladybug", "--store", str(built)]
    )
    assert js.exit_code == 0 and len(__import__("json").loads(js.output)) == len(OWNS_DIRECT) + len(OWNS_VIA)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "nosuch"], "fsgraph: unknown question 'nosuch': `fsgraph ask --list` shows them all"),
        (["ask", "gaps", "--as-of", "2021-13-01"], "fsgraph: gaps: as_of is no calendar date: '2021-13-01'"),
        (["ask", "overlaps", "--threshold", "x"], "fsgraph: overlaps: threshold must be a number, not 'x'"),
        (["ask", "lineage"], "fsgraph: lineage: the parameter document is required"),
    ],
)
def test_ask_errors_are_one_line(args: list[str], message: str, built: Path) -> None:
    result = CliRunner().invoke(cli, [*args, "--store", str(built)] if len(args) > 2 else args)
    assert result.exit_code == QueryError.exit_code
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith(message)


def test_show_query_prints_the_query_with_its_values_and_runs_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    nowhere = ["--store", str(tmp_path / "none")]  # no store: nothing is read
    sparql = runner.invoke(cli, ["ask", "owns", "市农委", "--show-query", *nowhere])
    assert sparql.exit_code == 0 and sparql.output.startswith("# Question: owns")
    assert '?d skos:prefLabel|skos:altLabel "市农委"@zh' in sparql.output  # the value written in
    assert "?department_name" not in sparql.output and "?department " not in sparql.output
    cypher = runner.invoke(cli, ["ask", "owns", "市农委", "--show-query", "--engine", "ladybug", *nowhere])
    first, *rest = cypher.output.splitlines()
    assert json.loads(first.removeprefix("// parameters: "))["department_form"] == "{}农业委员会"
    assert rest[0] == "// Question: owns" and "$department" in cypher.output


def test_ask_without_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "timeline", "--store", str(tmp_path / "none")])
    assert result.exit_code == 3 and result.output.startswith("fsgraph: no graph store at")


def test_cypher_runs_on_the_embedded_engine(built: Path) -> None:
    query = "MATCH (d:Department) WHERE $n IN d.aliases RETURN d.name AS name"
    result = CliRunner().invoke(
        cli, ["cypher", query, "-p", "n=市农委", "--store", str(built), "--format", "csv"]
    )
    assert result.exit_code == 0 and result.output == "name\n阜新市农业委员会\n"
    bad = CliRunner().invoke(cli, ["cypher", "MATCH (n RETURN n", "--store", str(built)])
    assert bad.exit_code == QueryError.exit_code and bad.output.startswith("fsgraph: malformed Cypher query")
