"""Engines: every question answered alike by Oxigraph (SPARQL), LadybugDB and Neo4j (Cypher) on the
whole corpus; the embedded LadybugDB copy follows the store."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from conftest import corpus_files
from fsgraph import engines, neo4j_load, queries, store, terms
from fsgraph.errors import EngineError, QueryError
from fsgraph.neo4j_server import Neo4jServer

# Parameters for each question: enough to run every query file through every part it has.
CASES: list[tuple[str, dict[str, Any]]] = [
    ("owns", {}),
    ("owns", {"department": "市农委"}),
    ("owns", {"department": "市农业委员会"}),
    ("owns", {"department": "区市场监管局"}),
    ("owns", {"category": "agriculture"}),
    ("owns", {"category": "market_regulation", "jurisdiction": "酒泉市"}),
    ("departments", {}),
    ("departments", {"department": "市农委"}),
    ("departments", {"department": "市场监管局"}),
    ("departments", {"jurisdiction": "酒泉市"}),
    ("departments", {"match": "农业"}),
    ("no-deadline", {}),
    ("no-lead", {}),
    ("collective-only", {}),
    ("overlaps", {}),
    ("overlaps", {"kind": "similar", "threshold": 0.4}),
    ("gaps", {"as_of": "2017-01-01"}),
    ("gaps", {"as_of": "2022-06-30"}),
    ("workload", {}),
    ("workload", {"department": "市食药监局"}),
    ("workload", {"jurisdiction": "XX区"}),
    ("lineage", {"document": "000_0233215bc68c24dd"}),
    ("lineage", {"document": "中共中央 国务院关于深化改革加强食品安全工作的意见"}),
    ("lineage", {"document": "食品安全法"}),
    ("lineage", {"document": "004_11f62d047233d6bb.txt"}),  # a file name: its node, no title search
    ("lineage", {"document": "甘政办发〔2018〕56号"}),
    ("lineage", {"document": "深化改革"}),  # part of titles
    ("responsibilities", {"document": "002_c0b8b7f66cffa162.txt"}),
    ("responsibilities", {"document": "000_0233215bc68c24dd", "category": "agriculture"}),
    ("responsibilities", {"department": "市工信委"}),
    ("responsibilities", {"category": "agriculture"}),
    ("responsibilities", {"department": "市农委", "category": "agriculture"}),
    ("responsibilities", {"department": "区市场监管局", "document": "002_c0b8b7f66cffa162"}),
    ("compare", {"topic": "明厨亮灶"}),
    ("compare", {"topic": "餐厨废弃物"}),
    ("compare", {"topic": "002_c0b8b7f66cffa162:二.(十一).23"}),
    ("timeline", {}),
    ("timeline", {"jurisdiction": "公主岭市"}),
    ("hubs", {}),
    ("hubs", {"jurisdiction": "阜新市"}),
    ("clusters", {}),
]
IDS = [f"{name}-{i}" for i, (name, _) in enumerate(CASES)]


@pytest.fixture(scope="module")
def built(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("engines") / "graph"
    report = store.build(corpus_files(), directory)
    assert not report.errors
    return directory


@pytest.fixture(scope="module")
def loaded(neo4j_server: Neo4jServer, built: Path) -> dict[str, Any]:
    """The session's Neo4j server, emptied and loaded with the corpus store, for this module."""
    from fsgraph.neo4j_server import clear_database

    with neo4j_server.driver() as driver:
        clear_database(driver)
    report = neo4j_load.load(built, neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    assert not report.errors
    return {"uri": neo4j_server.uri, "user": neo4j_server.user, "password": neo4j_server.password}


def test_every_question_is_covered() -> None:
    assert {name for name, _ in CASES} >= {q.name for q in queries.list_questions()} - {"responsibilities"}


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_oxigraph_and_ladybug_agree(built: Path, name: str, params: dict[str, Any]) -> None:
    sparql = queries.run(name, params, engine="oxigraph", store=built)
    cypher = queries.run(name, params, engine="ladybug", store=built)
    assert sparql.variables == cypher.variables
    assert sparql.rows == cypher.rows  # the runner orders both the same way
    assert sparql.rows or name in ("lineage",)


@pytest.fixture(scope="module")
def elsewhere(built: Path, tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The store's graphs exported as TriG and read by pyoxigraph alone: another tool's copy."""
    path = tmp_path_factory.mktemp("elsewhere") / "graphs.trig"
    store.export(built, "trig", path)
    other = ox.Store()
    other.load(path=str(path), format=ox.RdfFormat.TRIG)
    return other


@pytest.mark.parametrize(
    ("name", "params"), [*CASES, ("responsibilities", {})], ids=[*IDS, "responsibilities"]
)
def test_the_query_shown_runs_as_it_is_in_another_tool(
    elsewhere: ox.Store, built: Path, name: str, params: dict[str, Any]
) -> None:
    # `fsgraph ask NAME --show-query` prints this text: its prefixes declared, the parameters
    # written in, so that it reads the same rows from the exported graphs with nothing of fsgraph.
    result = elsewhere.query(queries.query_text(name, params), use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    shown = _unordered(terms.rows(result))
    assert shown == _unordered(queries.fetch(name, params, store=built).rows)


def _unordered(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows in a stable order, each GROUP_CONCAT cell's lines too (SPARQL leaves both unordered)."""
    cells = [tuple(sorted(c.split("\n")) if isinstance(c, str) and "\n" in c else c for c in r) for r in rows]
    return sorted(cells, key=repr)


def test_every_query_file_is_sparql_as_it_is() -> None:
    # Copied into another tool unchanged (the parameters left variables), each file parses.
    for q in queries.list_questions():
        result = ox.Store().query(queries.load_query(q.name, "sparql"))
        assert isinstance(result, ox.QuerySolutions) and not list(result), q.name


@pytest.mark.neo4j
@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_oxigraph_and_neo4j_agree(
    built: Path, loaded: dict[str, Any], name: str, params: dict[str, Any]
) -> None:
    sparql = queries.run(name, params, engine="oxigraph", store=built)
    neo4j = queries.run(name, params, engine="neo4j", **loaded)
    assert sparql.variables == neo4j.variables
    assert sparql.rows == neo4j.rows


@pytest.mark.neo4j
def test_the_responsibilities_question_agrees_too(built: Path, loaded: dict[str, Any]) -> None:
    sparql = queries.run("responsibilities", {}, engine="oxigraph", store=built)
    assert sparql.rows == queries.run("responsibilities", {}, engine="ladybug", store=built).rows
    assert sparql.rows == queries.run("responsibilities", {}, engine="neo4j", **loaded).rows


@pytest.mark.neo4j
def test_neo4j_errors(loaded: dict[str, Any]) -> None:
    with pytest.raises(QueryError, match="malformed Cypher query"):
        engines.get("neo4j", **loaded).query("MATCH (n RETURN n")
    with pytest.raises(EngineError, match="refused user"):
        engines.get("neo4j", **{**loaded, "password": "wrong-password"}).query("RETURN 1")


def test_neo4j_needs_a_server() -> None:
    with pytest.raises(EngineError, match="needs a server"):
        engines.get("neo4j", uri="", password="x")


def test_the_ladybug_copy_follows_the_store(shared: Path, tmp_path: Path) -> None:
    files = corpus_files()
    directory = tmp_path / "graph"
    store.build(files[:2], directory)
    count = "MATCH (p:Policy) WHERE p.in_corpus RETURN count(p) AS n"
    ladybug = engines.get("ladybug", store=directory)
    assert ladybug.query(count).rows == [(2,)]
    database = directory / engines.LADYBUG_DIR / engines.LADYBUG_DATABASE
    stamp = database.stat().st_mtime_ns
    assert ladybug.query(count).rows == [(2,)]
    assert database.stat().st_mtime_ns == stamp  # unchanged store: not rebuilt
    store.build(files[:3], directory)
    assert ladybug.query(count).rows == [(3,)]
    assert not (directory / f"{engines.LADYBUG_DIR}.building").exists()
    shutil.rmtree(directory / engines.LADYBUG_DIR)  # a lost copy is made again
    assert ladybug.query(count).rows == [(3,)]


def test_the_embedded_copy_holds_the_rows_of_the_store(built: Path) -> None:
    from fsgraph import pg_from_rdf, propertygraph

    expected = propertygraph.graph_counts(pg_from_rdf.from_store(built))
    ladybug = engines.get("ladybug", store=built)
    for label in propertygraph.NODE_LABELS:
        assert ladybug.query(f"MATCH (n:{label}) RETURN count(n) AS n").rows == [(expected[label],)], label
    for kind in propertygraph.RELATIONSHIP_TYPES:
        assert ladybug.query(f"MATCH ()-[r:{kind}]->() RETURN count(r) AS n").rows == [(expected[kind],)], (
            kind
        )


def _relationships(database: Path) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    """Every relationship of a LadybugDB database: (type, start id, end id, key) → its other properties."""
    ladybug = engines._ladybug()
    db = ladybug.Database(str(database), read_only=True)
    connection = ladybug.Connection(db)
    try:
        found = connection.execute("MATCH (a)-[r]->(b) RETURN label(r), a.id, b.id, r").get_all()
    finally:
        connection.close()
        db.close()
    out = {}
    for kind, start, end, rel in found:
        props = {k: v for k, v in rel.items() if not k.startswith("_") and v is not None}
        out[(kind, start, end, props.pop("key"))] = props
    return out


def _expected(graph: Any) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    return {
        (r.type, r.start, r.end, neo4j_load.relationship_key(r)): dict(r.properties)
        for r in graph.relationships.values()
    }


def test_the_embedded_copy_has_every_relationship_with_its_properties(built: Path) -> None:
    from fsgraph import pg_from_rdf

    engines.get("ladybug", store=built).query("RETURN 1")  # brings the copy up to date
    database = built / engines.LADYBUG_DIR / engines.LADYBUG_DATABASE
    assert _relationships(database) == _expected(pg_from_rdf.from_store(built)) != {}


def test_relationship_texts_reach_the_copy_as_written(tmp_path: Path) -> None:
    from fsgraph import propertygraph as pg

    graph = pg.PropertyGraph()
    graph.node("urn:d", "Department", name="区市场监管局")
    graph.node("urn:t", "Task", ref="1")
    graph.node("urn:p", "Policy", key="p")
    graph.node("urn:q", "Policy", key="q")
    texts = ['他说"严格"，并且, 还有|竖线', "第一行\n第二行\r\n第三行", "", '"', "\\ 反斜杠 \\n"]
    for n, text in enumerate(texts):
        graph.link("LEADS", "urn:d", "urn:t", id=f"urn:role/{n}", line=n, quote=text, doc="p")
    graph.link("CITES", "urn:p", "urn:q", id="urn:cite/1", quote="《食品安全法》", line=7)
    graph.link("SAME_AS", "urn:q", "urn:p")
    engines._load_ladybug(tmp_path / "db", graph)
    assert _relationships(tmp_path / "db") == _expected(graph)


def test_oxigraph_binds_parameters_and_drops_their_columns(built: Path) -> None:
    oxigraph = engines.get("oxigraph", store=built)
    rows = oxigraph.query(
        "SELECT ?file ?name WHERE { ?d fs:fileName ?file FILTER (STR(?file) = ?name) }",
        {"name": "002_c0b8b7f66cffa162.txt"},
    )
    assert rows.variables == ["file"] and rows.rows == [("002_c0b8b7f66cffa162.txt",)]
    with pytest.raises(QueryError, match=r"does not use the parameter \?name"):
        oxigraph.query("SELECT ?file WHERE { ?d fs:fileName ?file }", {"name": "x"})


@pytest.mark.neo4j
def test_ask_on_neo4j_from_the_command_line(loaded: dict[str, Any], built: Path) -> None:
    from click.testing import CliRunner

    from fsgraph.cli import cli

    args = ["ask", "owns", "市农委", "--engine", "neo4j", "--neo4j", loaded["uri"], "--format", "csv"]
    result = CliRunner().invoke(cli, args, env={"NEO4J_PASSWORD": loaded["password"]})
    assert result.exit_code == 0, result.output
    assert result.output == queries.run("owns", {"department": "市农委"}, store=built).to_csv()
    unset = CliRunner().invoke(cli, [*args, "--password-env", "FSGRAPH_UNSET_PASSWORD"])
    assert unset.exit_code == EngineError.exit_code
    assert unset.output == "fsgraph: no Neo4j password: set the environment variable FSGRAPH_UNSET_PASSWORD\n"


def test_a_department_and_a_category_asked_together_narrow_each_other(built: Path) -> None:
    """Tasks of 市农委 that also name a market regulator: fewer than 市农委's, each with both."""

    def tasks(params: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for row in queries.run("responsibilities", params, store=built).to_dicts():
            out.setdefault(row["task"], []).append(row)
        return out

    department = tasks({"department": "市农委"})
    both = tasks({"department": "市农委", "category": "market_regulation"})
    assert both and set(both) < set(department)
    for task, rows in both.items():
        assert rows == department[task]  # every role of the task, not only the matching ones
        assert {"agriculture", "market_regulation"} <= {row["dept_category"] for row in rows}
