"""Loading the graph into a real Neo4j server: same counts as both mappings, idempotent, provenance
kept, clear errors without the password, CSV files that neo4j-admin imports to the same graph, Cypher."""

from __future__ import annotations

import csv
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import corpus_files
from fsgraph import neo4j_load, rdf, store, vocab
from fsgraph import propertygraph as pg
from fsgraph.api import extract_many
from fsgraph.cli import cli
from fsgraph.errors import EngineError, InputError, QueryError
from fsgraph.model import Document, Provenance, RoleAssignment, Sentence, Task
from fsgraph.neo4j_server import NEO4J_VERSION, Neo4jServer, ensure_installed, free_ports
from fsgraph.pg_from_rdf import from_store


@pytest.fixture(scope="module")
def docs(shared: Path) -> list[Document]:
    documents, errors = extract_many(corpus_files())
    assert not errors
    return documents


@pytest.fixture(scope="module")
def rows(docs: list[Document]) -> pg.PropertyGraph:
    return pg.corpus_rows(docs)


@pytest.fixture(scope="module")
def built(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from the corpus by ``fsgraph build``'s function."""
    path = tmp_path_factory.mktemp("store") / "store"
    report = store.build(corpus_files(), path)
    assert not report.errors
    return path


def _args(server: Neo4jServer) -> tuple[str, str, str]:
    return server.uri, server.user, server.password


def ordered(graph: pg.PropertyGraph) -> dict[str, Any]:
    """The rows with list properties sorted: RDF keeps no order of repeated values."""

    def props(properties: dict[str, Any]) -> dict[str, Any]:
        return {k: sorted(v) if isinstance(v, list) else v for k, v in properties.items()}

    return {
        "nodes": {n.id: (sorted(n.labels), props(n.properties)) for n in graph.nodes.values()},
        "relationships": {k: props(r.properties) for k, r in graph.relationships.items()},
    }


def database_content(server: Neo4jServer) -> dict[str, Any]:
    """Every node and relationship of the database, keyed as ``ordered`` keys the rows."""
    nodes = neo4j_load.cypher(
        *_args(server), "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
    )
    rels = neo4j_load.cypher(
        *_args(server),
        "MATCH (a)-[r]->(b) RETURN a.id AS a, b.id AS b, type(r) AS type, properties(r) AS props",
    )
    content: dict[str, Any] = {"nodes": {}, "relationships": {}}
    for n in nodes:
        props = {k: sorted(v) if isinstance(v, list) else v for k, v in n["props"].items() if k != "id"}
        content["nodes"][n["id"]] = (sorted(n["labels"]), props)
    for r in rels:
        props = {k: sorted(v) if isinstance(v, list) else v for k, v in r["props"].items()}
        key = props.pop("key", None)  # None: a relationship fsgraph did not write
        qualified = None if key in {str(p) for p in rdf.LINK_PREDICATES.values()} else key
        content["relationships"][(r["type"], r["a"], r["b"], qualified)] = props
    return content


# ---------------------------------------------------------------------------------------------
# Rows from the store


def test_rows_from_the_store_equal_rows_from_the_documents(rows: pg.PropertyGraph, built: Path) -> None:
    from_built = from_store(built)
    assert ordered(from_built) == ordered(rows)
    assert pg.graph_counts(from_built) == pg.graph_counts(rows)
    # lists aside, even the order of labels and the first of several values agree on the corpus
    assert {i: n.labels for i, n in from_built.nodes.items()} == {i: n.labels for i, n in rows.nodes.items()}


def test_schema_statements_cover_every_label_and_are_idempotent() -> None:
    statements = neo4j_load.schema_statements()
    assert all("IF NOT EXISTS" in s for s in statements)
    for label in pg.NODE_LABELS:
        assert f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE" in "\n".join(statements)
    assert len(set(statements)) == len(statements)


# ---------------------------------------------------------------------------------------------
# Loading through the driver


@pytest.mark.neo4j
def test_corpus_counts_equal_both_graphs_and_a_second_load_changes_nothing(
    neo4j_clean: Neo4jServer, docs: list[Document], rows: pg.PropertyGraph, built: Path
) -> None:
    expected = pg.graph_counts(rows)
    assert expected == rdf.graph_counts(store.as_rdflib_graph(built))

    first = neo4j_load.load(corpus_files(), *_args(neo4j_clean), batch_size=200, progress=False)
    assert neo4j_load.counts(*_args(neo4j_clean)) == expected
    assert first.nodes == first.nodes_created == len(rows.nodes)
    assert first.relationships == first.relationships_created == len(rows.relationships)
    assert first.batches > len(neo4j_load.write_steps(rows))  # several batches for the big kinds
    assert database_content(neo4j_clean) == ordered(rows)

    second = neo4j_load.load(corpus_files(), *_args(neo4j_clean), progress=False)
    assert second.nodes_created == second.relationships_created == 0
    assert neo4j_load.counts(*_args(neo4j_clean)) == expected

    # the store gives the same rows, so loading it over the documents creates nothing either
    third = neo4j_load.load(built, *_args(neo4j_clean), progress=False)
    assert third.nodes_created == third.relationships_created == 0
    assert neo4j_load.counts(*_args(neo4j_clean)) == expected
    assert database_content(neo4j_clean) == ordered(rows)


@pytest.mark.neo4j
def test_the_store_loads_into_an_empty_database(
    neo4j_clean: Neo4jServer, rows: pg.PropertyGraph, built: Path
) -> None:
    report = neo4j_load.load(built, *_args(neo4j_clean), progress=False)
    assert report.nodes_created == len(rows.nodes)
    assert neo4j_load.counts(*_args(neo4j_clean)) == pg.graph_counts(rows)
    assert database_content(neo4j_clean) == ordered(rows)


@pytest.mark.neo4j
def test_schema_constraints_and_indexes_exist_once(neo4j_clean: Neo4jServer, rows: pg.PropertyGraph) -> None:
    for _ in range(2):
        neo4j_load.load_graph(rows, *_args(neo4j_clean), progress=False)
    constraints = neo4j_load.cypher(
        *_args(neo4j_clean), "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties"
    )
    assert {c["name"]: (c["type"], c["labelsOrTypes"], c["properties"]) for c in constraints} == {
        name: ("UNIQUENESS", [label], ["id"]) for label, name in neo4j_load.CONSTRAINTS.items()
    }
    indexes = neo4j_load.cypher(
        *_args(neo4j_clean),
        "SHOW INDEXES YIELD name, labelsOrTypes, properties, state, type, owningConstraint "
        "WHERE owningConstraint IS NULL "
        "AND type = 'RANGE' RETURN *",
    )
    assert {(i["labelsOrTypes"][0], i["properties"][0]) for i in indexes} == {
        (label, prop) for label, props in neo4j_load.INDEXES.items() for prop in props
    }
    assert {i["state"] for i in indexes} == {"ONLINE"}


@pytest.mark.neo4j
def test_role_relationships_carry_provenance_that_matches_the_source(
    neo4j_clean: Neo4jServer, docs: list[Document]
) -> None:
    neo4j_load.load(corpus_files(), *_args(neo4j_clean), progress=False)
    roles = neo4j_load.cypher(
        *_args(neo4j_clean),
        "MATCH (d)-[r:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t:Task) "
        "RETURN r.doc AS doc, r.line AS line, r.quote AS quote, t.line AS start, t.end_line AS end, "
        "d.name AS name, d.aliases AS aliases",
    )
    assert len(roles) == sum(len(t.roles) for d in docs for t in d.tasks)
    texts = {d.id: Path(d.path).read_text(encoding="utf-8").splitlines() for d in docs}
    for role in roles:
        line = texts[role["doc"]][role["line"] - 1]
        assert role["quote"] in line, role
    lead = neo4j_load.cypher(
        *_args(neo4j_clean),
        "MATCH (d)-[r:LEADS]->(t:Task {doc: $doc, ref: $ref}) RETURN r.line AS line, r.quote AS quote, "
        "r.sentence_text AS sentence, d.name AS name, d.aliases AS aliases",
        {"doc": "002_c0b8b7f66cffa162", "ref": "二.(一).2"},
    )
    assert len(lead) == 1
    assert lead[0]["line"] == 15
    assert lead[0]["quote"] == "（区交通运输局牵头，区市场监管局配合）"
    assert lead[0]["quote"] in texts["002_c0b8b7f66cffa162"][14]
    assert lead[0]["sentence"] == "严格落实进口冷链食品道路运输运单管理制度"
    assert "区交通运输局" in [lead[0]["name"], *(lead[0]["aliases"] or [])]


def _one_task_doc() -> Document:
    """A department that leads one task in two sentences: two assignments between one pair."""
    roles = [
        RoleAssignment("lead", "市商务局", Provenance("r.txt", 5, "（市商务局牵头）"), sentence=0),
        RoleAssignment("lead", "市商务局", Provenance("r.txt", 6, "（市商务局负责）"), sentence=1),
    ]
    task = Task(
        "r#1",
        "1",
        "整治农贸市场（市商务局牵头）。规范冷链经营（市商务局负责）。",
        5,
        6,
        roles=roles,
        sentences=[Sentence("整治农贸市场", 5, roles[:1]), Sentence("规范冷链经营", 6, roles[1:])],
    )
    return Document(
        doc="r.txt",
        path="r.txt",
        sha256="c" * 64,
        format="txt",
        encoding="utf-8",
        title="专项整治方案",
        issuer=None,
        doc_number=None,
        date=None,
        date_iso=None,
        draft=None,
        jurisdiction="阜新市",
        year=2020,
        tasks=[task],
    )


@pytest.mark.neo4j
def test_two_assignments_between_one_pair_stay_two(neo4j_clean: Neo4jServer) -> None:
    rows = pg.corpus_rows([_one_task_doc()])
    for _ in range(2):
        neo4j_load.load_graph(rows, *_args(neo4j_clean), progress=False)
    leads = neo4j_load.cypher(
        *_args(neo4j_clean), "MATCH (:Department)-[r:LEADS]->(:Task) RETURN r.line AS line ORDER BY line"
    )
    assert [r["line"] for r in leads] == [5, 6]


def _owned_by(content: dict[str, Any], doc_id: str) -> dict[str, Any]:
    """The nodes and relationships of ``content`` that one document's version writes: the document,
    what its IRI heads, and the relationships from them."""
    policy = str(vocab.document_iri(doc_id))

    def owned(node_id: str) -> bool:
        return node_id == policy or node_id.startswith(policy + "/")

    return {
        "nodes": {i: n for i, n in content["nodes"].items() if owned(i)},
        # keyed (type, start, end, id) both in the database's content and in the rows
        "relationships": {k: r for k, r in content["relationships"].items() if owned(k[1])},
    }


@pytest.mark.neo4j
def test_a_changed_document_replaces_its_earlier_version(
    neo4j_clean: Neo4jServer, docs: list[Document], corpus_dir: Path
) -> None:
    folder = corpus_dir
    neo4j_load.load(folder, *_args(neo4j_clean), progress=False)

    # The new version drops the first and the last task that name a department, and the line of
    # its last citation of a parent policy.
    doc, with_roles = next(
        (d, ts)
        for d in docs
        if d.parents and len(ts := [t for t in d.tasks if t.roles and t.source == "body"]) >= 3
    )
    dropped = {n for t in (with_roles[0], with_roles[-1]) for n in range(t.line, t.end_line + 1)}
    dropped.add(doc.parents[-1].line)
    path = folder / doc.doc
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(x for n, x in enumerate(lines, 1) if n not in dropped), encoding="utf-8")
    new_docs, errors = extract_many([folder])
    assert not errors
    new = next(d for d in new_docs if d.id == doc.id)
    assert len(new.tasks) < len(doc.tasks) and len(new.parents) < len(doc.parents)

    report = neo4j_load.load(folder, *_args(neo4j_clean), progress=False)
    assert report.replaced == [doc.id]
    expected = ordered(pg.corpus_rows(new_docs))
    assert _owned_by(database_content(neo4j_clean), doc.id) == _owned_by(expected, doc.id) != {}
    tasks = neo4j_load.cypher(*_args(neo4j_clean), f"MATCH (t:Task {{doc: '{doc.id}'}}) RETURN t.ref AS ref")
    assert sorted(r["ref"] for r in tasks) == sorted(t.ref for t in new.tasks)
    # the other documents were not touched, and a third load replaces nothing
    for other in docs:
        if other.id != doc.id:
            assert _owned_by(database_content(neo4j_clean), other.id) == _owned_by(expected, other.id)
    assert neo4j_load.load(folder, *_args(neo4j_clean), progress=False).replaced == []


@pytest.mark.neo4j
def test_pruning_deletes_the_documents_no_longer_among_the_paths(
    neo4j_clean: Neo4jServer, docs: list[Document], corpus_dir: Path, tmp_path: Path
) -> None:
    folder = corpus_dir
    neo4j_load.load(folder, *_args(neo4j_clean), progress=False)
    gone, renamed = docs[1], docs[2]
    (folder / gone.doc).unlink()
    (folder / renamed.doc).rename(folder / f"renamed-{renamed.doc}")

    plain = neo4j_load.load(folder, *_args(neo4j_clean), progress=False)
    assert plain.removed == []  # a load only adds
    assert _owned_by(database_content(neo4j_clean), gone.id)["nodes"] != {}

    with pytest.raises(InputError, match="not pruning the database"):
        neo4j_load.load([folder, tmp_path / "typo"], *_args(neo4j_clean), progress=False, prune=True)
    assert _owned_by(database_content(neo4j_clean), gone.id)["nodes"] != {}

    runner = CliRunner()
    result = runner.invoke(
        cli, ["neo4j", "load", "--prune", str(folder), "--uri", neo4j_clean.uri], env=_env(neo4j_clean)
    )
    assert result.exit_code == 0, result.output
    assert sorted(x for x in result.stdout.splitlines() if x.startswith("removed")) == [
        f"removed {gone.id}",
        f"removed {renamed.id}",
    ]
    content = database_content(neo4j_clean)
    for doc in (gone, renamed):
        assert _owned_by(content, doc.id) == {"nodes": {}, "relationships": {}}
    new_docs, errors = extract_many([folder])
    assert not errors
    expected = ordered(pg.corpus_rows(new_docs))
    for doc in new_docs:
        assert _owned_by(content, doc.id) == _owned_by(expected, doc.id) != {}
    # nothing else either: the departments, jurisdictions and cited policies only they named are gone
    assert content == expected
    kept = neo4j_load.cypher(
        *_args(neo4j_clean), "MATCH (p:Policy {in_corpus: true}) RETURN p.key AS key ORDER BY key"
    )
    assert [r["key"] for r in kept] == sorted(d.id for d in new_docs)


@pytest.mark.neo4j
def test_a_pruning_load_leaves_the_rows_labels_and_properties_and_other_data_alone(
    neo4j_clean: Neo4jServer,
) -> None:
    before = pg.PropertyGraph()
    before.node("urn:d1", "Department", name="甲", level="市")
    before.node("urn:d1", "Collective")
    before.node("urn:d2", "Department", name="乙")
    before.node("urn:d3", "Department", name="丙")  # a collective in the new rows
    before.node("urn:j", "Jurisdiction", name="某市")
    before.link("MEMBER_OF", "urn:d2", "urn:d1")
    before.link("IN_JURISDICTION", "urn:d1", "urn:j")
    before.link("LEADS", "urn:d2", "urn:d1", id="urn:role/1", line=3, quote="旧")
    after = pg.PropertyGraph()
    after.node("urn:d1", "Department", name="甲")
    after.node("urn:d2", "Department", name="乙")
    after.node("urn:d3", "Collective", name="丙")
    after.link("LEADS", "urn:d2", "urn:d1", id="urn:role/1", line=3)
    after.link("MEMBER_OF", "urn:d2", "urn:d3")
    neo4j_load.load_graph(before, *_args(neo4j_clean), progress=False)
    neo4j_load.cypher(*_args(neo4j_clean), "CREATE (:Note {text: 'kept'})-[:ABOUT]->(:Note {text: 'too'})")

    # a plain load only adds: the label, the property, the link and the node stay
    plain = neo4j_load.load_graph(after, *_args(neo4j_clean), progress=False)
    assert (plain.stale_nodes, plain.stale_relationships) == (0, 0)
    kept = database_content(neo4j_clean)
    assert kept["nodes"]["urn:d1"] == (["Collective", "Department"], {"name": "甲", "level": "市"})
    assert ("MEMBER_OF", "urn:d2", "urn:d1", None) in kept["relationships"]

    pruned = neo4j_load.load_graph(after, *_args(neo4j_clean), progress=False, prune=True)
    assert (pruned.stale_nodes, pruned.stale_relationships) == (2, 2)
    content = database_content(neo4j_clean)
    ids = neo4j_load.cypher(*_args(neo4j_clean), "MATCH (n) WHERE n.id IS NOT NULL RETURN n.id AS id")
    assert sorted(r["id"] for r in ids) == sorted(after.nodes)  # one node each, none left unlabelled
    assert content["nodes"].pop(None)[0] == ["Note"]  # the other tool's nodes have no id
    assert content["relationships"].pop(("ABOUT", None, None, None)) == {}
    assert content == ordered(after)
    other = neo4j_load.cypher(*_args(neo4j_clean), "MATCH (a:Note)-[:ABOUT]->(b:Note) RETURN a.text, b.text")
    assert other == [{"a.text": "kept", "b.text": "too"}]


@pytest.mark.neo4j
def test_a_failed_batch_is_rolled_back_and_the_load_can_be_run_again(
    neo4j_clean: Neo4jServer, rows: pg.PropertyGraph
) -> None:
    refs = [n.properties["ref"] for n in rows.nodes.values() if n.labels == ["Task"]]
    assert len(set(refs)) < len(refs)  # documents share numbering
    neo4j_load.cypher(
        *_args(neo4j_clean), "CREATE CONSTRAINT other_tool_task_ref FOR (t:Task) REQUIRE t.ref IS UNIQUE"
    )
    with pytest.raises(EngineError, match="conflicts with data or a constraint") as failure:
        neo4j_load.load_graph(rows, *_args(neo4j_clean), batch_size=10, progress=False)
    assert "Task" in str(failure.value) and "ref" in str(failure.value)
    tasks = neo4j_load.counts(*_args(neo4j_clean))["Task"]
    assert 0 < tasks < len(refs) and tasks % 10 == 0  # whole batches only: the failing one left nothing

    neo4j_load.cypher(*_args(neo4j_clean), "DROP CONSTRAINT other_tool_task_ref")
    neo4j_load.load_graph(rows, *_args(neo4j_clean), batch_size=10, progress=False)
    assert neo4j_load.counts(*_args(neo4j_clean)) == pg.graph_counts(rows)


@pytest.mark.neo4j
def test_a_constraint_of_another_tool_under_our_name_is_reported(
    neo4j_clean: Neo4jServer, rows: pg.PropertyGraph
) -> None:
    neo4j_load.cypher(
        *_args(neo4j_clean), "CREATE CONSTRAINT fsgraph_policy_id FOR (n:Policy) REQUIRE n.key IS UNIQUE"
    )
    with pytest.raises(EngineError, match="constraint named fsgraph_policy_id already exists") as failure:
        neo4j_load.load_graph(rows, *_args(neo4j_clean), progress=False)
    assert neo4j_clean.password not in str(failure.value)
    assert neo4j_load.counts(*_args(neo4j_clean))["Policy"] == 0


@pytest.mark.neo4j
def test_duplicate_ids_written_by_another_tool_are_reported(
    neo4j_clean: Neo4jServer, rows: pg.PropertyGraph
) -> None:
    task = next(n.id for n in rows.nodes.values() if n.labels == ["Task"])
    neo4j_load.cypher(*_args(neo4j_clean), "CREATE (:Task {id: $id}), (:Task {id: $id})", {"id": task})
    with pytest.raises(EngineError) as failure:
        neo4j_load.load_graph(rows, *_args(neo4j_clean), progress=False)
    message = str(failure.value)
    assert "conflicts with data or a constraint" in message and "\n" not in message
    assert neo4j_clean.password not in message


# ---------------------------------------------------------------------------------------------
# Bad input: one clear EngineError, never the password


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("wrong password", "refused user 'neo4j': wrong user name or password"),
        ("nothing listening", "cannot reach Neo4j at bolt://127.0.0.1:"),
        ("bad scheme", "is not a Neo4j Bolt URI"),
        ("no such database", "no such database"),
    ],
)
def test_bad_connections_are_one_clear_engine_error(
    neo4j_server: Neo4jServer, rows: pg.PropertyGraph, case: str, expected: str
) -> None:
    uri, user, password, database = neo4j_server.uri, neo4j_server.user, neo4j_server.password, None
    if case == "wrong password":
        password = "wrong-" + secrets.token_urlsafe(12)
    elif case == "nothing listening":
        uri = f"bolt://127.0.0.1:{free_ports(1)[0]}"
    elif case == "bad scheme":
        uri = f"http://127.0.0.1:{neo4j_server.http_port}"
    else:
        database = "nosuch"
    with pytest.raises(EngineError) as failure:
        neo4j_load.load_graph(rows, uri, user, password, database, progress=False)
    message = str(failure.value)
    assert expected in message
    assert password not in message and neo4j_server.password not in message
    assert "\n" not in message
    with pytest.raises(EngineError) as again:
        neo4j_load.cypher(uri, user, password, "RETURN 1", database=database)
    assert password not in str(again.value)


# ---------------------------------------------------------------------------------------------
# CSV for neo4j-admin import, imported for real into a fresh database that is then served read-only


class ReadOnlyServer(Neo4jServer):
    """A server whose default database refuses writes (``server.databases.read_only``, in community)."""

    def _conf_lines(self) -> list[str]:
        return [*super()._conf_lines(), "server.databases.read_only=neo4j"]


@pytest.fixture(scope="module")
def imported(
    rows: pg.PropertyGraph, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Neo4jServer, neo4j_load.CsvExport]]:
    """The corpus exported as CSV, imported by neo4j-admin into a fresh instance, served read-only."""
    export = neo4j_load.export_graph_csv(rows, tmp_path_factory.mktemp("csv"))
    bolt_port, http_port = free_ports(2)
    base = tmp_path_factory.mktemp("neo4j-imported")
    try:
        server = ReadOnlyServer(ensure_installed(), base, bolt_port, http_port, secrets.token_urlsafe(16))
        server.initialise()
        neo4j_load.admin_import(export, server)
        server.start()
    except Exception as exc:  # a server that cannot be set up fails the tests, never skips them
        pytest.fail(f"neo4j-admin import into a Neo4j {NEO4J_VERSION} instance failed: {exc}", pytrace=False)
    try:
        yield server, export
    finally:
        server.stop()


def test_csv_files_have_the_import_headers(rows: pg.PropertyGraph, tmp_path: Path) -> None:
    export = neo4j_load.export_graph_csv(rows, tmp_path)
    assert export.args[:5] == [
        "neo4j-admin",
        "database",
        "import",
        "full",
        f"--nodes={tmp_path / 'nodes.Policy.csv'}",
    ]
    assert "--overwrite-destination" in export.args and export.args[-1] == "neo4j"
    assert export.command.startswith("neo4j-admin database import full --nodes=")
    with (tmp_path / "nodes.Task.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:2] == ["id:ID(Task)", ":LABEL"]
    assert {"line:int", "end_line:int", "ref:string", "text:string"} <= set(header)
    with (tmp_path / "relationships.LEADS.Department-Task.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:4] == [":START_ID(Department)", ":END_ID(Task)", ":TYPE", "key"]
    assert {"line:int", "quote:string"} <= set(header)
    assert export.nodes == len(rows.nodes) and export.relationships == len(rows.relationships)
    assert len(export.node_files) == len({n.labels[0] for n in rows.nodes.values()})


@pytest.mark.neo4j
def test_the_admin_import_gives_the_graph_the_driver_loads(
    imported: tuple[Neo4jServer, neo4j_load.CsvExport], neo4j_clean: Neo4jServer, rows: pg.PropertyGraph
) -> None:
    server, _ = imported
    neo4j_load.load_graph(rows, *_args(neo4j_clean), progress=False)
    assert (
        neo4j_load.counts(*_args(server)) == neo4j_load.counts(*_args(neo4j_clean)) == pg.graph_counts(rows)
    )
    assert database_content(server) == database_content(neo4j_clean)


@pytest.mark.neo4j
def test_a_read_only_database_is_one_clear_engine_error(
    imported: tuple[Neo4jServer, neo4j_load.CsvExport], rows: pg.PropertyGraph
) -> None:
    server, _ = imported
    with pytest.raises(EngineError) as failure:
        neo4j_load.load_graph(rows, *_args(server), progress=False)
    message = str(failure.value)
    assert f"Neo4j at {server.uri} is read-only" in message
    assert server.password not in message and "\n" not in message


# ---------------------------------------------------------------------------------------------
# Ad-hoc Cypher


@pytest.mark.neo4j
def test_cypher_returns_plain_rows_and_reads_query_files(neo4j_clean: Neo4jServer, tmp_path: Path) -> None:
    neo4j_load.load_graph(pg.corpus_rows([_one_task_doc()]), *_args(neo4j_clean), progress=False)
    query = tmp_path / "leads.cypher"
    query.write_text(
        "// Tasks a department leads\nMATCH (d:Department {name: $name})-[r:LEADS]->(t:Task)\n"
        "RETURN t.ref AS ref, count(r) AS n, collect(r.line) AS lines",
        encoding="utf-8",
    )
    rows = neo4j_load.cypher(*_args(neo4j_clean), str(query), {"name": "市商务局"})
    assert [(r["ref"], r["n"], sorted(r["lines"])) for r in rows] == [("1", 2, [5, 6])]
    nodes = neo4j_load.cypher(*_args(neo4j_clean), "MATCH (t:Task)<-[r:LEADS]-() RETURN t, r LIMIT 1")
    assert nodes[0]["t"]["labels"] == ["Task"] and nodes[0]["t"]["properties"]["ref"] == "1"
    assert nodes[0]["r"]["type"] == "LEADS" and nodes[0]["r"]["properties"]["line"] in (5, 6)


@pytest.mark.neo4j
def test_a_malformed_query_is_a_query_error_with_the_servers_message(neo4j_server: Neo4jServer) -> None:
    with pytest.raises(QueryError) as failure:
        neo4j_load.cypher(*_args(neo4j_server), "MATCH (t:Task RETURN t")
    message = str(failure.value)
    assert message.startswith("malformed Cypher query: Invalid input 'RETURN'")
    assert "line 1, column 15" in message and "\n" not in message


# ---------------------------------------------------------------------------------------------
# Command line


def _env(server: Neo4jServer) -> dict[str, str]:
    return {"NEO4J_PASSWORD": server.password, "NEO4J_URI": server.uri, "NEO4J_USER": server.user}


@pytest.mark.neo4j
def test_cli_loads_then_queries(neo4j_clean: Neo4jServer, rows: pg.PropertyGraph, shared: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["neo4j", "load", str(shared / "corpus"), "--uri", neo4j_clean.uri], env=_env(neo4j_clean)
    )
    assert result.exit_code == 0, result.output
    assert f"{len(rows.nodes)} nodes and {len(rows.relationships)} relationships written" in result.output
    assert neo4j_load.counts(*_args(neo4j_clean)) == pg.graph_counts(rows)

    query = "MATCH (t:Task) RETURN count(t) AS tasks"
    result = runner.invoke(
        cli, ["cypher", "--neo4j", neo4j_clean.uri, query, "--format", "csv"], env=_env(neo4j_clean)
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"tasks\n{pg.graph_counts(rows)['Task']}\n"
    result = runner.invoke(
        cli,
        ["cypher", "--neo4j", neo4j_clean.uri, "-p", "n=2", "RETURN $n + 1 AS x", "--format", "json"],
        env=_env(neo4j_clean),
    )
    assert result.exit_code == 0, result.output
    assert '"x": 3' in result.output


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["cypher", "--neo4j", "{uri}", "MATCH (n RETURN n"], 4, "malformed Cypher query"),
        (
            ["cypher", "--neo4j", "{uri}", "RETURN 1", "--password-env", "WRONG_PW"],
            5,
            "wrong user name or password",
        ),
        (["neo4j", "load", "{corpus}", "--uri", "bolt://127.0.0.1:{free}"], 5, "cannot reach Neo4j"),
        (["neo4j", "load", "{corpus}", "--uri", "http://127.0.0.1:{free}"], 5, "not a Neo4j Bolt URI"),
        (
            ["cypher", "--neo4j", "{uri}", "RETURN 1", "--password-env", "UNSET_PW"],
            5,
            "set the environment variable UNSET_PW",
        ),
    ],
)
def test_cli_errors_are_one_line_without_the_password(
    neo4j_server: Neo4jServer, shared: Path, args: list[str], code: int, expected: str
) -> None:
    values = {"uri": neo4j_server.uri, "corpus": str(shared / "corpus"), "free": str(free_ports(1)[0])}
    env = {**_env(neo4j_server), "WRONG_PW": "not-" + neo4j_server.password}
    result = CliRunner().invoke(cli, [a.format(**values) for a in args], env=env)
    assert result.exit_code == code, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("fsgraph: ") and expected in lines[0]
    assert neo4j_server.password not in result.output and "Traceback" not in result.output


def test_cli_has_no_password_option() -> None:
    result = CliRunner().invoke(cli, ["neo4j", "load", "x", "--uri", "bolt://h:1", "--password", "secret"])
    assert result.exit_code == 2 and "No such option '--password'" in result.output


def test_cli_export_csv_prints_the_import_command(shared: Path, built: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["neo4j", "export-csv", str(built), str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    command = result.stdout.strip()
    assert command.startswith("neo4j-admin database import full --nodes=")
    assert command.endswith("--overwrite-destination neo4j")
    assert (tmp_path / "csv" / "nodes.Task.csv").is_file()


def test_cli_export_csv_with_nothing_to_export_prints_no_import_command(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = CliRunner().invoke(cli, ["neo4j", "export-csv", str(tmp_path / "missing"), str(out)])
    # Run, an import command with no --nodes would replace the database with an empty one.
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.output.strip() == f"fsgraph: {tmp_path / 'missing'}: no such file or directory"
    assert not out.exists()


def test_cli_export_csv_into_a_file_is_one_clear_error(tmp_path: Path) -> None:
    document = tmp_path / "doc.txt"
    document.write_text("甲市食品安全工作要点\n一、开展整治。（市市场监管局）\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["neo4j", "export-csv", str(document), str(document)])
    assert result.exit_code == 3
    assert result.output.strip() == f"fsgraph: cannot write the CSV files into {document}: File exists"
