"""The persistent store: incremental builds, atomicity, export round trips, SPARQL, errors, the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import fsgraph.api
from conftest import corpus_files
from fsgraph import store
from fsgraph.cli import cli
from fsgraph.errors import InputError, QueryError, StoreError

DOC_002 = "002_c0b8b7f66cffa162"

# The README's example queries, with the rows they give on the corpus (read off the source text).
WHO_LEADS_AND_WHO_SUPPORTS = """
SELECT ?file ?task ?lead ?support ?line ?quote WHERE {
  ?a fs:roleKind fs:Lead ; fs:task ?t ; fs:department ?l ; fs:line ?line ; fs:quote ?quote .
  ?b fs:roleKind fs:Support ; fs:task ?t ; fs:department ?s ; fs:quote ?quote .
  ?l skos:prefLabel ?lead . ?s skos:prefLabel ?support .
  ?t fs:ref ?task . ?doc fs:hasTask ?t ; fs:fileName ?file .
} ORDER BY ?file ?line
"""
PARENTS_CITED_BY_SEVERAL = """
SELECT ?title (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?citation a fs:Citation ; fs:citing ?doc ; fs:cited ?policy .
  ?policy dcterms:title ?title .
} GROUP BY ?title HAVING (COUNT(DISTINCT ?doc) > 1) ORDER BY ?title
"""
DATED_TASKS_OF_002 = """
SELECT ?task ?written ?due WHERE {
  ?doc fs:fileName "002_c0b8b7f66cffa162.txt" ; fs:hasTask ?t .
  ?t fs:ref ?task ; fs:deadlineText ?written ; fs:dueDate ?due .
} ORDER BY ?due
"""


@pytest.fixture(scope="module")
def built(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the shared corpus, for the read-only tests."""
    directory = tmp_path_factory.mktemp("store") / "graph"
    report = store.build(corpus_files(), directory)
    assert not report.errors
    return directory


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    """Records the files each build hands to extraction."""
    calls: list[list[Path]] = []
    original = fsgraph.api.map_files

    def record(function: Any, paths: Any, *args: Any, **kwargs: Any) -> Any:
        paths = list(paths)
        calls.append([Path(p) for p in paths])
        return original(function, paths, *args, **kwargs)

    monkeypatch.setattr(fsgraph.api, "map_files", record)
    return calls


def dump(directory: Path) -> bytes:
    opened = store.open_store(directory)
    try:
        return b"".join(sorted(opened.dump(format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)))
    finally:
        del opened


def union(directory: Path) -> Graph:
    """The triples of all graphs of a store, through rdflib."""
    graph = Graph()
    for triple in store.as_rdflib_graph(directory).triples((None, None, None)):
        graph.add(triple)
    return graph


# ---------------------------------------------------------------------------------------------
# Building


def test_build_adds_every_document_and_the_ontology(corpus_dir: Path, tmp_path: Path) -> None:
    report = store.build([corpus_dir], tmp_path / "s")
    assert sorted(report.added) == sorted(p.stem for p in corpus_files())
    assert report.updated == report.skipped == report.errors == []
    assert report.ontology == "added"
    assert json.loads((tmp_path / "s" / store.MARKER).read_text()) == {"fsgraph_store": store.STORE_FORMAT}
    graphs = {
        row[0] for row in store.sparql(tmp_path / "s", "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }").rows
    }
    assert "https://w3id.org/fsgraph/graph/ontology" in graphs
    assert f"https://w3id.org/fsgraph/graph/doc/{DOC_002}" in graphs


def test_a_second_build_without_changes_does_no_work(
    corpus_dir: Path, tmp_path: Path, extractions: list[list[Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.build([corpus_dir], tmp_path / "s")
    before = dump(tmp_path / "s")

    def no_update(*args: object) -> str:
        raise AssertionError("an unchanged build wrote to the store")

    monkeypatch.setattr(store, "_build_update", no_update)
    report = store.build([corpus_dir], tmp_path / "s")
    assert sorted(report.skipped) == sorted(p.stem for p in corpus_files())
    assert report.added == report.updated == [] and not report.changed
    assert extractions[-1] == []  # nothing was read again
    assert dump(tmp_path / "s") == before


def test_changing_one_file_re_extracts_only_that_file(
    corpus_dir: Path, tmp_path: Path, extractions: list[list[Path]]
) -> None:
    store.build([corpus_dir], tmp_path / "s")
    changed = corpus_dir / f"{DOC_002}.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n附：本安排自印发之日起施行。\n", encoding="utf-8"
    )
    report = store.build([corpus_dir], tmp_path / "s")
    assert report.updated == [DOC_002]
    assert len(report.skipped) == 4 and report.added == []
    assert extractions[-1] == [changed]
    assert report.ontology == "unchanged"
    sha = store.file_sha256(changed)
    rows = store.sparql(
        tmp_path / "s", f'SELECT ?d {{ ?d fs:fileName "{DOC_002}.txt" ; fs:sha256 ?sha }}'
    ).rows
    assert len(rows) == 1  # the old version is gone
    assert store.sparql(tmp_path / "s", f'ASK {{ ?d fs:sha256 "{sha}" }}').rows == [(True,)]


def test_an_in_place_build_leaves_its_data_in_tables_not_in_the_log(corpus_dir: Path, tmp_path: Path) -> None:
    # A read-only handle (every question) replays the database's write-ahead log at each opening and
    # a writer replays it once: a build whose transaction stayed only in the log made every later
    # opening read it again (2 s per question at 100 documents); a log whose data is in tables is
    # deleted, not left beside them.
    report = store.build([corpus_dir], tmp_path / "s")
    assert report.added and report.quads > 0
    database = tmp_path / "s" / store.DATABASE
    tables = sum(f.stat().st_size for f in database.glob("*.sst"))
    logs = sum(f.stat().st_size for f in database.glob("*.log"))
    assert logs * 20 < tables


def test_building_twice_into_new_stores_gives_isomorphic_graphs(corpus_dir: Path, tmp_path: Path) -> None:
    store.build([corpus_dir], tmp_path / "a")
    store.build([corpus_dir], tmp_path / "b")
    assert isomorphic(union(tmp_path / "a"), union(tmp_path / "b"))
    # beyond isomorphism: the document graphs hold no blank nodes, so they are the very same quads
    ontology = b"<https://w3id.org/fsgraph/graph/ontology> .\n"
    a, b = (dump(tmp_path / name).splitlines(keepends=True) for name in "ab")
    assert [q for q in a if not q.endswith(ontology)] == [q for q in b if not q.endswith(ontology)]


def test_a_failing_update_leaves_the_previous_store(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.build([corpus_dir], tmp_path / "s")
    before = dump(tmp_path / "s")
    for name in (f"{DOC_002}.txt", "000_0233215bc68c24dd.txt"):
        (corpus_dir / name).write_text(
            (corpus_dir / name).read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8"
        )
    original: Callable[..., str] = store._build_update

    def failing(*args: Any) -> str:  # the last operation of the transaction fails
        return original(*args) + " ;\nCREATE GRAPH <urn:x:twice> ;\nCREATE GRAPH <urn:x:twice>"

    monkeypatch.setattr(store, "_build_update", failing)
    with pytest.raises(StoreError, match="as it was"):
        store.build([corpus_dir], tmp_path / "s")
    assert dump(tmp_path / "s") == before


def test_an_interrupted_build_leaves_the_previous_store(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.build([corpus_dir], tmp_path / "s")
    before = dump(tmp_path / "s")
    (corpus_dir / f"{DOC_002}.txt").write_text("一、总体要求\n改。\n", encoding="utf-8")

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(fsgraph.api, "map_files", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.build([corpus_dir], tmp_path / "s")
    assert dump(tmp_path / "s") == before


PARENT = "辽宁省人民政府文件\n辽政发〔2015〕42号\n辽宁省人民政府关于进一步加强食品安全工作的意见\n一、总体要求\n（一）加强监管。（省食药监局）\n"
CHILD = (
    "阜新市人民政府关于加强食品安全工作的意见\n"
    "根据《辽宁省人民政府关于进一步加强食品安全工作的意见》（辽政发〔2015〕42号），制定本意见。\n"
    "一、主要任务\n（一）加强监管。（市食药监局）\n"
)
SAME_AS = (
    "SELECT ?cited ?doc WHERE { GRAPH <https://w3id.org/fsgraph/graph/links> { ?cited owl:sameAs ?doc } }"
)


def test_a_cited_policy_built_later_is_linked_to_its_document(tmp_path: Path) -> None:
    (tmp_path / "child.txt").write_text(CHILD, encoding="utf-8")
    (tmp_path / "parent.txt").write_text(PARENT, encoding="utf-8")
    store.build([tmp_path / "child.txt"], tmp_path / "s")
    assert store.sparql(tmp_path / "s", SAME_AS).rows == []
    store.build([tmp_path / "parent.txt"], tmp_path / "s")  # a separate build: the child is not read again
    assert store.sparql(tmp_path / "s", SAME_AS).rows == [
        (
            "https://w3id.org/fsgraph/id/policy/number/辽政发〔2015〕42号",
            "https://w3id.org/fsgraph/id/doc/parent",
        )
    ]
    (tmp_path / "parent.txt").write_text(PARENT.replace("42号", "43号"), encoding="utf-8")
    store.build([tmp_path / "parent.txt"], tmp_path / "s")
    assert store.sparql(tmp_path / "s", SAME_AS).rows == []  # links follow the documents


def test_a_bad_file_is_reported_and_the_others_are_built(corpus_dir: Path, tmp_path: Path) -> None:
    (corpus_dir / "empty.txt").write_text("", encoding="utf-8")
    report = store.build([corpus_dir, tmp_path / "missing.txt"], tmp_path / "s")
    assert len(report.added) == 5
    failed = sorted(str(getattr(e, "path", "")) for e in report.errors)
    assert failed == sorted([str(corpus_dir / "empty.txt"), str(tmp_path / "missing.txt")])


# ---------------------------------------------------------------------------------------------
# Reading


def test_the_store_content_conforms_to_the_shapes(built: Path) -> None:
    from fsgraph import rdf

    conforms, report = rdf.validate(union(built))
    assert conforms, report


def test_exported_turtle_is_isomorphic_to_the_store(built: Path, tmp_path: Path) -> None:
    content = union(built)
    assert len(content) > 10_000
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt")):
        out = tmp_path / f"export.{fmt}"
        assert store.export(built, fmt, out) == len(content)
        assert isomorphic(Graph().parse(out, format=parser), content), fmt


@pytest.mark.parametrize(("fmt", "parser"), [("trig", "trig"), ("jsonld", "json-ld")])
def test_exported_datasets_keep_the_named_graphs(built: Path, tmp_path: Path, fmt: str, parser: str) -> None:
    out = tmp_path / f"export.{fmt}"
    written = store.export(built, fmt, out)
    dataset = Dataset()
    dataset.parse(out, format=parser)
    names = {str(g.identifier) for g in dataset.graphs()}
    assert f"https://w3id.org/fsgraph/graph/doc/{DOC_002}" in names
    assert "https://w3id.org/fsgraph/graph/ontology" in names
    original = store.as_rdflib_graph(built)
    assert (
        len(list(dataset.quads())) == len(list(original.quads())) == written
    )  # the count said is the file's


def test_asking_the_store_a_question_loads_no_extraction(built: Path) -> None:
    # Extraction's modules (and cn2an under them) took half of `fsgraph ask`'s start-up, for a
    # question that only reads the store.
    code = (
        "import sys\n"
        "from fsgraph.cli import cli\n"
        f"cli(['ask', 'workload', '--store', {str(built)!r}], standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m in ('fsgraph.extraction', 'cn2an')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *answer, loaded = result.stdout.rstrip().splitlines()
    assert answer[0].split()[0] == "name" and len(answer) > 10  # it answered: a row per department
    assert loaded == "[]"


def test_example_query_who_leads_and_who_supports(built: Path) -> None:
    rows = store.sparql(built, WHO_LEADS_AND_WHO_SUPPORTS).to_dicts()
    assert [(r["file"], r["task"], r["line"], r["quote"]) for r in rows] == [
        (f"{DOC_002}.txt", "二.(一).2", 15, "（区交通运输局牵头，区市场监管局配合）"),
        (f"{DOC_002}.txt", "二.(三).8", 30, "（区农业农村局牵头，区市场监管局配合）"),
    ]
    # canonical names (区交通运输局 as written is 营口市鲅鱼圈区交通运输局 once resolved)
    assert ["交通运输局" in rows[0]["lead"], "农业农村局" in rows[1]["lead"]] == [True, True]
    assert all("市场监" in r["support"] for r in rows)


def test_example_query_parents_cited_by_several_documents(built: Path) -> None:
    rows = store.sparql(built, PARENTS_CITED_BY_SEVERAL).rows
    assert rows == [
        ("中共中央 国务院关于深化改革加强食品安全工作的意见", 2),
        ("地方党政领导干部食品安全责任制规定", 2),
        ("食品安全法", 2),
    ]


def test_example_query_dated_tasks_with_the_year_supplied(built: Path) -> None:
    rows = store.sparql(built, DATED_TASKS_OF_002).rows
    assert rows == [
        ("三.(十八).32", "8月27日和10月29日前", "2021-10-29"),
        ("三.(十六).30", "11月1日前", "2021-11-01"),
    ]


def test_ask_and_construct(built: Path) -> None:
    assert store.sparql(built, "ASK { ?d a fs:SourceDocument }").rows == [(True,)]
    rows = store.sparql(built, "CONSTRUCT { ?d a fs:Policy } WHERE { ?d a fs:SourceDocument }")
    assert rows.variables == ["subject", "predicate", "object"] and len(rows.rows) == 5


def test_a_malformed_query_names_line_and_column(built: Path) -> None:
    with pytest.raises(QueryError, match=r"line 3, column 2"):
        store.sparql(built, "SELECT ?x WHERE {\n  ?x ?y\n}")
    with pytest.raises(QueryError, match=r"line 1, column \d+: undeclared prefix"):
        store.sparql(built, "SELECT ?x WHERE { ?x nope:p ?y }")


def test_rows_render_as_table_csv_and_json(built: Path) -> None:
    rows = store.sparql(built, DATED_TASKS_OF_002)
    table = rows.to_table().splitlines()
    assert table[0].split() == ["task", "written", "due"] and set(table[1]) == {"-", " "}
    # columns line up although the cells hold Chinese (two columns wide each)
    assert table[2].index("2021-10-29") > 0
    assert rows.to_csv().splitlines()[1] == "三.(十八).32,8月27日和10月29日前,2021-10-29"
    assert json.loads(rows.to_json())[1] == {
        "task": "三.(十六).30",
        "written": "11月1日前",
        "due": "2021-11-01",
    }


def test_as_rdflib_graph_is_an_rdflib_dataset(built: Path) -> None:
    dataset = store.as_rdflib_graph(built)
    assert isinstance(dataset, Dataset)
    result = dataset.query("SELECT (COUNT(?t) AS ?n) WHERE { ?t a <https://w3id.org/fsgraph/ontology#Task> }")
    assert int(next(iter(result))[0]) > 200  # type: ignore[index,arg-type]


# ---------------------------------------------------------------------------------------------
# Store errors


def test_a_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graph store"):
        store.sparql(tmp_path / "nowhere", "ASK {}")
    assert not (tmp_path / "nowhere").exists()  # reading creates nothing


def test_a_store_of_an_unknown_version_is_a_store_error(built: Path, tmp_path: Path) -> None:
    other = tmp_path / "old"
    shutil.copytree(built, other)
    (other / store.MARKER).write_text('{"fsgraph_store": 99}')
    with pytest.raises(StoreError, match="format 99"):
        store.sparql(other, "ASK {}")
    with pytest.raises(StoreError, match="format 99"):
        store.build(corpus_files(), other)


def test_a_folder_that_is_not_a_store_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not an fsgraph store"):
        store.build(corpus_files(), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.fixture
def held(built: Path) -> Iterator[None]:
    """Another process holding the store open."""
    code = "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('ready', flush=True); sys.stdin.read()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(built / store.DATABASE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    try:
        yield
    finally:
        process.communicate("")


def test_a_locked_store_is_a_store_error_to_write_but_can_be_read(
    built: Path, held: None, tmp_path: Path
) -> None:
    with pytest.raises(
        StoreError, match=r"locked: another fsgraph process is building it; run this again when"
    ):
        store.build(corpus_files(), built)
    # queries open the store read-only, which takes no lock: a build under way does not stop them,
    # nor an export, nor the embedded Cypher copy (they read the last completed build)
    assert store.sparql(built, "ASK { ?d a fs:SourceDocument }").rows == [(True,)]
    assert store.export(built, "nt", tmp_path / "graph.nt") > 0
    from fsgraph import engines, queries

    try:
        assert queries.run("no-lead", {}, engine="ladybug", store=built).rows
    finally:  # the copy it made in the store would be a stranger to the module's other tests
        shutil.rmtree(built / engines.LADYBUG_DIR, ignore_errors=True)


def test_default_store_from_option_environment_or_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FSGRAPH_STORE", raising=False)
    assert store.default_store() == Path(".fsgraph")
    monkeypatch.setenv("FSGRAPH_STORE", str(tmp_path / "env"))
    assert store.default_store() == tmp_path / "env"
    assert store.default_store(tmp_path / "opt") == tmp_path / "opt"


# ---------------------------------------------------------------------------------------------
# The command line


def test_cli_build_sparql_export(corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.setenv("FSGRAPH_STORE", str(tmp_path / "s"))  # no --store: the environment decides
    result = runner.invoke(cli, ["build", str(corpus_dir)])
    assert result.exit_code == 0, result.output
    assert f"added {DOC_002}" in result.stdout
    result = runner.invoke(cli, ["build", str(corpus_dir), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0 and f"skipped {DOC_002}" in result.stdout

    query = tmp_path / "q.rq"
    query.write_text(DATED_TASKS_OF_002, encoding="utf-8")
    result = runner.invoke(cli, ["sparql", str(query), "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "task,written,due",
        "三.(十八).32,8月27日和10月29日前,2021-10-29",
        "三.(十六).30,11月1日前,2021-11-01",
    ]
    result = runner.invoke(cli, ["sparql", "ASK { ?t a fs:Task }", "--format", "json"])
    assert json.loads(result.stdout) == [{"ask": True}]

    out = tmp_path / "all.nt"
    result = runner.invoke(cli, ["export", "--format", "nt", "-o", str(out)])
    assert result.exit_code == 0 and len(Graph().parse(out, format="nt")) > 10_000


def test_cli_errors_are_one_line_without_traceback(corpus_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["sparql", "SELECT ?x {", "--store", str(tmp_path / "none")])
    assert result.exit_code == StoreError.exit_code
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output

    result = runner.invoke(
        cli, ["build", str(corpus_dir), str(tmp_path / "missing.txt"), "--store", str(tmp_path / "s")]
    )
    assert result.exit_code != 0
    assert "missing.txt" in result.stderr and "Traceback" not in result.output
    assert sum(line.startswith("added 0") for line in result.stdout.splitlines()) == 5  # built all the same

    result = runner.invoke(cli, ["sparql", "SELECT ?x WHERE {\n ?x ?y\n}", "--store", str(tmp_path / "s")])
    assert result.exit_code == QueryError.exit_code
    assert result.stderr.startswith("fsgraph: malformed SPARQL query at line 3, column 2")
    assert result.stderr.count("\n") == 1


# ---------------------------------------------------------------------------------------------
# Batches: builds larger than one batch are staged in a snapshot and swapped in


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty synthetic documents in the five layouts, and a parent and child that link."""
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import generate_corpus

    folder = tmp_path_factory.mktemp("synthetic")
    generate_corpus(30, folder, seed=11)
    (folder / "parent.txt").write_text(PARENT, encoding="utf-8")
    (folder / "child.txt").write_text(CHILD, encoding="utf-8")
    return folder


@pytest.fixture
def synthetic_copy(synthetic: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(synthetic, folder)
    return folder


def links(directory: Path) -> list[tuple[Any, ...]]:
    return sorted(store.sparql(directory, SAME_AS).rows)


def test_a_batched_build_gives_the_graph_of_a_one_shot_build(synthetic: Path, tmp_path: Path) -> None:
    from fsgraph import rdf

    one = store.build([synthetic], tmp_path / "one", jobs=1, batch_size=100)  # one transaction
    batched = store.build([synthetic], tmp_path / "batched", jobs=2, batch_size=7)  # five batches
    assert len(one.added) == 32 and sorted(batched.added) == sorted(one.added)
    assert batched.errors == one.errors == [] and batched.ontology == one.ontology == "added"
    assert batched.quads == one.quads == len(dump(tmp_path / "one").splitlines())
    assert not (tmp_path / "batched" / store.STAGING).exists()
    a, b = union(tmp_path / "one"), union(tmp_path / "batched")
    assert rdf.graph_counts(a) == rdf.graph_counts(b)
    assert isomorphic(a, b)
    assert links(tmp_path / "one") == links(tmp_path / "batched") != []


def test_a_batched_rebuild_replaces_the_changed_documents(synthetic_copy: Path, tmp_path: Path) -> None:
    store.build([synthetic_copy], tmp_path / "s", batch_size=7)
    changed = sorted(synthetic_copy.glob("000*.txt"))[:10]
    for path in changed:
        path.write_bytes(path.read_bytes() + b"\n")  # a new hash (some files are GB18030: ASCII only)
    (synthetic_copy / "parent.txt").write_text(PARENT.replace("42号", "43号"), encoding="utf-8")
    report = store.build([synthetic_copy], tmp_path / "s", batch_size=4)
    assert sorted(report.updated) == sorted([p.stem for p in changed] + ["parent"])
    assert len(report.skipped) == 21 and report.added == []
    fresh = store.build([synthetic_copy], tmp_path / "fresh", batch_size=100)
    assert report.quads == fresh.quads
    assert isomorphic(union(tmp_path / "s"), union(tmp_path / "fresh"))
    assert links(tmp_path / "s") == []  # the parent's 文号 changed: the link went with it


@pytest.mark.parametrize("batch_size", [100, 4], ids=["in place", "staged"])
def test_pruning_removes_the_documents_whose_files_are_gone(
    synthetic_copy: Path, tmp_path: Path, batch_size: int
) -> None:
    store.build([synthetic_copy], tmp_path / "s", batch_size=batch_size)
    assert links(tmp_path / "s") != []
    deleted = sorted(synthetic_copy.glob("000*.txt"))[:3]
    for path in deleted:
        path.unlink()
    (synthetic_copy / "parent.txt").rename(synthetic_copy / "parent-2015.txt")
    (synthetic_copy / "child.txt").unlink()

    plain = store.build([synthetic_copy], tmp_path / "s", batch_size=batch_size)
    assert plain.added == ["parent-2015"] and plain.removed == []  # a build only adds
    assert document_ids(tmp_path / "s") >= {p.stem for p in deleted} | {"parent", "child"}

    touched = sorted(synthetic_copy.glob("0001*.txt"))[:6]  # more than a staged batch holds
    for path in touched:
        path.write_bytes(path.read_bytes() + b"\n")
    report = store.build([synthetic_copy], tmp_path / "s", batch_size=batch_size, prune=True)
    assert report.removed == sorted([p.stem for p in deleted] + ["parent", "child"])
    assert report.updated == sorted(p.stem for p in touched)
    assert report.added == [] and len(report.skipped) == 22
    assert document_ids(tmp_path / "s") == {p.stem for p in synthetic_copy.iterdir()}
    fresh = store.build([synthetic_copy], tmp_path / "fresh")
    assert report.quads == fresh.quads
    assert isomorphic(union(tmp_path / "s"), union(tmp_path / "fresh"))
    assert links(tmp_path / "s") == []  # the child that cited the parent is gone, and so is the link


def test_pruning_with_a_path_that_cannot_be_read_changes_nothing(corpus_dir: Path, tmp_path: Path) -> None:
    store.build([corpus_dir], tmp_path / "s")
    before = dump(tmp_path / "s")
    with pytest.raises(InputError, match=r"no such file.*not pruning"):
        store.build([tmp_path / "typo"], tmp_path / "s", prune=True)
    assert dump(tmp_path / "s") == before


def test_cli_build_prune(corpus_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(corpus_dir), "--store", str(tmp_path / "s")]).exit_code == 0
    (corpus_dir / f"{DOC_002}.txt").unlink()
    result = runner.invoke(cli, ["build", "--prune", str(corpus_dir), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert f"removed {DOC_002}" in result.stdout.splitlines()
    assert "0 added, 0 updated, 1 removed, 4 skipped, 0 failed" in result.stderr
    missing = runner.invoke(cli, ["build", "--prune", str(tmp_path / "typo"), "--store", str(tmp_path / "s")])
    assert missing.exit_code == 2 and "not pruning the store" in missing.stderr
    assert "Traceback" not in missing.output
    assert document_ids(tmp_path / "s") == {p.stem for p in corpus_dir.iterdir()}


def document_ids(directory: Path) -> set[str]:
    rows = store.sparql(directory, "SELECT ?name { ?d a fs:SourceDocument ; fs:fileName ?name }").rows
    return {name.rsplit(".", 1)[0] for (name,) in rows}


@pytest.mark.parametrize("failure", [RuntimeError("no space left on device"), KeyboardInterrupt()])
def test_a_build_that_fails_in_its_middle_batch_leaves_the_previous_store(
    synthetic_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    store.build([synthetic_copy], tmp_path / "s", batch_size=7)
    before = dump(tmp_path / "s")
    for path in synthetic_copy.iterdir():
        path.write_bytes(path.read_bytes() + b"\n")
    loaded: list[int] = []
    original = store._load_batch

    def failing(db: Any, batch: list[tuple[str, str]], stored: dict[str, str]) -> None:
        loaded.append(len(batch))
        if len(loaded) == 3:  # of five
            raise failure
        original(db, batch, stored)

    monkeypatch.setattr(store, "_load_batch", failing)
    expected = StoreError if isinstance(failure, Exception) else KeyboardInterrupt
    with pytest.raises(expected):
        store.build([synthetic_copy], tmp_path / "s", batch_size=7)
    assert len(loaded) == 3
    assert dump(tmp_path / "s") == before  # readable, and as it was
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted([store.DATABASE, store.MARKER])
    monkeypatch.undo()
    report = store.build([synthetic_copy], tmp_path / "s", batch_size=7)  # the next build does it all
    assert len(report.updated) == 32


KILLED_BUILD = """
import sys, time
from fsgraph import store
original = store._load_batch
calls = []
def slow(db, batch, stored):
    calls.append(1)
    if len(calls) == 2:
        print("second batch", flush=True)
        time.sleep(60)
    original(db, batch, stored)
store._load_batch = slow
store.build([sys.argv[1]], sys.argv[2], batch_size=7, jobs=1)
"""


def test_a_build_killed_in_its_middle_batch_leaves_the_previous_store(
    synthetic_copy: Path, tmp_path: Path
) -> None:
    store.build([synthetic_copy], tmp_path / "s", batch_size=7)
    before = dump(tmp_path / "s")
    for path in synthetic_copy.iterdir():
        path.write_bytes(path.read_bytes() + b"\n")
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(synthetic_copy), str(tmp_path / "s")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "second batch"
    process.kill()  # SIGKILL: no handler runs, the snapshot stays behind
    process.wait()
    assert (tmp_path / "s" / store.STAGING).exists()
    assert dump(tmp_path / "s") == before
    report = store.build([synthetic_copy], tmp_path / "s", batch_size=7)
    assert len(report.updated) == 32 and not (tmp_path / "s" / store.STAGING).exists()


def test_a_crash_inside_the_swap_is_undone_or_finished(built: Path, tmp_path: Path) -> None:
    before = dump(built)
    copy = tmp_path / "s"
    # killed between the two renames: the database is set aside and the new one not yet in place
    shutil.copytree(built, copy)
    (copy / store.DATABASE).rename(copy / store._REPLACED)
    assert dump(copy) == before
    assert sorted(p.name for p in copy.iterdir()) == sorted([store.DATABASE, store.MARKER])
    # killed after them: the database in place, the replaced one still there
    shutil.copytree(copy / store.DATABASE, copy / store._REPLACED)
    assert dump(copy) == before
    assert not (copy / store._REPLACED).exists()


def test_cli_build_jobs(synthetic: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(synthetic), "--store", str(tmp_path / "s"), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("added ") == 32
    result = runner.invoke(cli, ["build", str(synthetic), "--store", str(tmp_path / "s"), "-j", "0"])
    assert result.exit_code == 2 and "--jobs" in result.stderr


def test_queries_reuse_a_read_only_handle_until_the_store_changes(
    synthetic_copy: Path, tmp_path: Path
) -> None:
    count = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a fs:SourceDocument }"
    store.build([synthetic_copy], tmp_path / "s", batch_size=7)
    assert store.sparql(tmp_path / "s", count).rows == [(32,)]
    assert store.open_reader(tmp_path / "s") is store.open_reader(tmp_path / "s")
    for n in range(3):
        (synthetic_copy / f"extra{n}.txt").write_text(PARENT.replace("42号", f"5{n}号"), encoding="utf-8")
    store.build([synthetic_copy], tmp_path / "s", batch_size=7)  # in place
    assert store.sparql(tmp_path / "s", count).rows == [(35,)]
    for n in range(3, 12):
        (synthetic_copy / f"extra{n}.txt").write_text(PARENT.replace("42号", f"5{n}号"), encoding="utf-8")
    store.build([synthetic_copy], tmp_path / "s", batch_size=7)  # staged and swapped in
    assert store.sparql(tmp_path / "s", count).rows == [(44,)]


@pytest.mark.parametrize("where", ["file", "under_a_file"])
def test_a_store_where_no_directory_can_be_is_one_clear_error(tmp_path: Path, where: str) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a store", encoding="utf-8")
    target = blocker if where == "file" else blocker / "store"
    document = tmp_path / "doc.txt"
    document.write_text("甲市食品安全工作要点\n一、开展整治。（市市场监管局）\n", encoding="utf-8")
    # Through the environment: --store checks its value before the command runs.
    result = CliRunner().invoke(cli, ["build", str(document)], env={"FSGRAPH_STORE": str(target)})
    assert result.exit_code == StoreError.exit_code
    assert result.output.strip().endswith(
        "is a file, not a store directory" if where == "file" else "Not a directory"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_damaged_store_is_one_clear_error(built: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(built, damaged)
    for table in (damaged / store.DATABASE).glob("*.sst"):
        table.write_bytes(b"garbage")
    for args in (["ask", "no-lead"], ["export", "-o", str(tmp_path / "x.ttl")], ["build", str(tmp_path)]):
        result = CliRunner().invoke(cli, [*args, "--store", str(damaged)])
        assert result.exit_code == StoreError.exit_code, args
        assert "is damaged" in result.output and "build it again into a new directory" in result.output


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_export_writes_whole_files_or_none(
    built: Path, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    # A missing folder is made; a directory is refused in one line.
    target = tmp_path / "new" / f"graph.{fmt}"
    assert (
        runner.invoke(cli, ["export", "--format", fmt, "-o", str(target), "--store", str(built)]).exit_code
        == 0
    )
    earlier = target.read_bytes()
    result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(tmp_path), "--store", str(built)])
    assert (result.exit_code, result.output.strip()) == (
        3,
        f"fsgraph: cannot write {tmp_path}: it is a directory",
    )
    # A writer that fails halfway leaves the earlier file as it was, and no partial file beside it.
    real = store._export

    def failing(store_dir: Any, fmt: str, out: Any) -> int:
        real(store_dir, fmt, out)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_export", failing)
    result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(target), "--store", str(built)])
    assert (result.exit_code, result.output.strip()) == (
        3,
        f"fsgraph: cannot write {target}: No space left on device",
    )
    assert target.read_bytes() == earlier
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_export_to_a_device_writes_to_it(built: Path) -> None:
    full = Path("/dev/full")
    result = CliRunner().invoke(cli, ["export", "-o", str(full), "--store", str(built)])
    assert result.exit_code == 3 and "No space left on device" in result.output
    assert full.is_char_device()  # written to, not replaced by a file


def test_a_query_file_that_cannot_be_read_is_one_clear_error(built: Path, tmp_path: Path) -> None:
    (tmp_path / "gbk.rq").write_bytes('SELECT ?s WHERE { ?s ?p "国" }'.encode("gb18030"))
    (tmp_path / "folder.rq").mkdir()
    expected = {
        "gbk.rq": "cannot read the query (the file is not UTF-8 text)",
        "folder.rq": "a directory, not a query file",
        "missing.rq": "no such query file",
    }
    for name, message in expected.items():
        result = CliRunner().invoke(cli, ["sparql", str(tmp_path / name), "--store", str(built)])
        assert (result.exit_code, result.output.strip()) == (4, f"fsgraph: {tmp_path / name}: {message}")


@pytest.mark.parametrize(
    "update",
    ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "PREFIX x: <urn:x:> # a comment\ndelete where { ?s ?p ?o }"],
)
def test_an_update_is_refused_as_such(built: Path, update: str) -> None:
    result = CliRunner().invoke(cli, ["sparql", update, "--store", str(built)])
    assert (result.exit_code, result.output.strip()) == (
        4,
        "fsgraph: SPARQL updates are not run: queries read the store, `fsgraph build` writes it",
    )


def test_a_store_whose_first_build_never_ended_says_so(tmp_path: Path) -> None:
    store.open_store(tmp_path / "s", create=True)  # what a first build has made when it is stopped
    result = CliRunner().invoke(cli, ["ask", "no-lead", "--store", str(tmp_path / "s")])
    assert result.exit_code == 3
    assert "holds no completed build (was the first one interrupted?)" in result.output


def test_an_export_whose_reader_stops_ends_quietly_with_141(built: Path) -> None:
    # `fsgraph export -o - | head`: the reader closes the pipe early; the shell's code for a closed
    # pipe (128 + SIGPIPE), no message, as every command gives (click's own code was 1).
    command = [sys.executable, "-m", "fsgraph", "export", "--format", "nt", "-o", "-", "--store", str(built)]
    export = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert export.stdout is not None and export.stderr is not None
    assert export.stdout.read(10).startswith(b"<")
    export.stdout.close()
    stderr = export.stderr.read().decode()
    assert export.wait(timeout=120) == 141 and stderr == ""
