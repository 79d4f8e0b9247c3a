"""CLI commands of the graph layer: ``build``, ``export``, ``sparql`` (thin wrappers over fsgraph.store)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import store
from .cli import _fail, cli, jobs_option
from .errors import FsgraphError

T = TypeVar("T")

_STORE_HELP = "Store directory [default: $FSGRAPH_STORE, else ./.fsgraph/]"
store_option = click.option(
    "--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help=_STORE_HELP
)


def _run(function: Callable[..., T], *args: Any) -> T:
    """Call a library function; an FsgraphError becomes one line on stderr and its exit code."""
    try:
        return function(*args)
    except FsgraphError as error:
        _fail(error)
        sys.exit(error.exit_code)


@cli.command("build")
@click.argument("paths", nargs=-1, required=True)
@store_option
@jobs_option
@click.option(
    "--prune",
    is_flag=True,
    help="Also remove the stored documents whose files are not among PATHS (deleted or renamed): "
    "the store then holds exactly the documents of PATHS",
)
def build_command(paths: tuple[str, ...], store_dir: Path | None, jobs: int | None, prune: bool) -> None:
    """Extract documents (files or folders) into the graph store; unchanged files are skipped.

    A build adds to the documents earlier builds stored, so that a store can be built folder by
    folder; --prune makes it forget the documents that are no longer there.
    """
    report = _run(lambda: store.build(paths, store_dir, jobs=jobs, prune=prune))
    for error in report.errors:
        _fail(error)
    for verb, ids in (
        ("added", report.added),
        ("updated", report.updated),
        ("removed", report.removed),
        ("skipped", report.skipped),
    ):
        for doc_id in ids:
            click.echo(f"{verb} {doc_id}")
    if report.ontology != "unchanged":
        click.echo(f"ontology {report.ontology}")
    click.echo(
        f"{report.store}: {len(report.added)} added, {len(report.updated)} updated, "
        + (f"{len(report.removed)} removed, " if prune else "")
        + f"{len(report.skipped)} skipped, {len(report.errors)} failed; {report.quads} quads",
        err=True,
    )
    if report.errors:
        sys.exit(max(error.exit_code for error in report.errors))


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(store.FORMATS), default="ttl", show_default=True)
@click.option("-o", "--output", "output", required=True, help="File to write, or - for standard output")
@store_option
def export_command(fmt: str, output: str, store_dir: Path | None) -> None:
    """Export the store: ttl and nt hold the union of all graphs, trig and jsonld the named graphs."""
    target: Any = sys.stdout.buffer if output == "-" else output
    count = _run(store.export, store_dir, fmt, target)
    click.echo(f"{count} {'quads' if fmt in ('trig', 'jsonld') else 'triples'} written", err=True)


@cli.command("sparql")
@click.argument("query_or_file")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@store_option
def sparql_command(query_or_file: str, fmt: str, store_dir: Path | None) -> None:
    """Run a SPARQL query (text, a .rq file, or - for standard input) over all graphs of the store.

    The prefixes fs:, fsid:, org:, eli:, dcterms:, prov:, time:, skos:, owl:, rdf:, rdfs:, xsd: are
    predeclared.
    """
    from .neo4j_load import read_query

    query = sys.stdin.read() if query_or_file == "-" else _run(read_query, query_or_file, (".rq", ".sparql"))
    rows = _run(store.sparql, store_dir, query)
    text = {"table": rows.to_table, "csv": rows.to_csv, "json": rows.to_json}[fmt]()
    click.echo(text, nl=not text.endswith("\n"))
