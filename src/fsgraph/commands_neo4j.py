"""CLI commands for Neo4j: ``neo4j load``, ``neo4j export-csv`` and ``cypher`` (thin wrappers over
fsgraph.neo4j_load).

The password never travels on the command line: it is read from an environment variable
(``--password-env``, default ``NEO4J_PASSWORD``), or asked for when that is unset and a terminal is there.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import neo4j_load
from .cli import _fail, cli
from .errors import EngineError, FsgraphError
from .store import Rows

T = TypeVar("T")


def _run(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a library function; an FsgraphError becomes one line on stderr and its exit code."""
    try:
        return function(*args, **kwargs)
    except FsgraphError as error:
        _fail(error)
        sys.exit(error.exit_code)


def password_from(variable: str, user: str, uri: str) -> str:
    """The password in ``$variable``; else asked for on a terminal; else an EngineError."""
    password = os.environ.get(variable)
    if password is not None:
        return password
    if sys.stdin.isatty():
        return str(click.prompt(f"Neo4j password for {user} at {uri}", hide_input=True, err=True))
    raise EngineError(f"no Neo4j password: set the environment variable {variable} (see --password-env)")


def _connection_options(uri_option: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--uri (or --neo4j), --user, --password-env and --database, shared by the commands."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option(
                "--database",
                default=None,
                envvar="NEO4J_DATABASE",
                help="Database name [default: $NEO4J_DATABASE, else the server's default]",
            ),
            click.option(
                "--password-env",
                "password_env",
                default="NEO4J_PASSWORD",
                show_default=True,
                metavar="VAR",
                help="Environment variable that holds the password (asked for on a terminal when unset)",
            ),
            click.option(
                "--user",
                default="neo4j",
                envvar="NEO4J_USER",
                help="User name [default: $NEO4J_USER, else neo4j]",
            ),
        ]
        if uri_option == "--uri":
            options.append(
                click.option(
                    "--uri",
                    required=True,
                    envvar="NEO4J_URI",
                    metavar="URI",
                    help="Bolt URI, e.g. bolt://localhost:7687 [default: $NEO4J_URI]",
                )
            )
        for option in options:
            function = option(function)
        return function

    return decorate


@cli.group("neo4j")
def neo4j_group() -> None:
    """Load the graph into a Neo4j server, or write it as CSV for neo4j-admin import."""


@neo4j_group.command("load")
@click.argument("paths", nargs=-1, required=True, metavar="PATH_OR_STORE...")
@_connection_options("--uri")
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=neo4j_load.DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Rows per transaction",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar [default: on a terminal]")
@click.option(
    "--prune",
    is_flag=True,
    help="Also delete the documents the database holds that are not among PATH_OR_STORE (deleted or "
    "renamed), and the departments, cited policies and links that only they named: the database "
    "then holds exactly those documents",
)
def load_command(
    paths: tuple[str, ...],
    uri: str,
    user: str,
    password_env: str,
    database: str | None,
    batch_size: int,
    progress: bool | None,
    prune: bool,
) -> None:
    """Load documents (files or folders), or a store built by `fsgraph build`, into Neo4j.

    Idempotent: nodes are merged on their ids, relationships on their keys, so loading again changes
    nothing, and a load that failed part-way can be run again to completion. A document whose file
    changed since it was loaded is replaced: what the earlier version wrote is deleted first. A load
    adds to the documents earlier loads wrote; --prune makes the database forget the others.
    """
    _run(neo4j_load.check_uri, uri)
    password = _run(password_from, password_env, user, uri)
    report = _run(
        neo4j_load.load,
        paths,
        uri,
        user,
        password,
        database,
        batch_size=batch_size,
        progress=progress,
        prune=prune,
    )
    for error in report.errors:
        _fail(error)
    for verb, keys in (("removed", report.removed), ("replaced", report.replaced)):
        for key in keys:
            click.echo(f"{verb} {key}")
    stale = (
        f"; {report.stale_nodes} nodes and {report.stale_relationships} relationships that no document "
        "holds any longer deleted"
        if prune
        else ""
    )
    click.echo(
        f"{uri}: {report.nodes} nodes and {report.relationships} relationships written "
        f"({report.nodes_created} nodes and {report.relationships_created} relationships new) "
        f"in {report.batches} batches{stale}, {report.seconds:.1f}s",
        err=True,
    )
    if report.errors:
        sys.exit(max(error.exit_code for error in report.errors))


@neo4j_group.command("export-csv")
@click.argument("paths", nargs=-1, required=True, metavar="PATH_OR_STORE... DIR")
@click.option("--database", default="neo4j", show_default=True, help="Database the import command fills")
def export_csv_command(paths: tuple[str, ...], database: str) -> None:
    """Write CSV files for `neo4j-admin database import full` into DIR and print the import command.

    Run the command with the Neo4j server stopped; it replaces the database.
    """
    if len(paths) < 2:
        raise click.UsageError("give the documents (or a store) and the output directory")
    *sources, out_dir = paths
    export = _run(neo4j_load.export_csv, sources, out_dir, database)
    for error in export.errors:
        _fail(error)
    click.echo(
        f"{export.out_dir}: {export.nodes} nodes in {len(export.node_files)} files, "
        f"{export.relationships} relationships in {len(export.relationship_files)} files",
        err=True,
    )
    click.echo(export.command)
    if export.errors:
        sys.exit(max(error.exit_code for error in export.errors))


def _parameter(text: str) -> tuple[str, Any]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"{text!r}: use NAME=VALUE", param_hint="--param")
    try:
        return name, json.loads(value)  # numbers, booleans, lists; anything else is a string
    except ValueError:
        return name, value


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


@cli.command("cypher")
@click.argument("query_or_file")
@click.option(
    "--neo4j", "neo4j_uri", metavar="URI", default=None, help="Run on this Neo4j server (bolt://HOST:PORT)"
)
@_connection_options("--neo4j")
@click.option(
    "-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (JSON or text)"
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Without --neo4j: the store whose embedded LadybugDB copy runs the query "
    "[default: $FSGRAPH_STORE, else ./.fsgraph/]",
)
def cypher_command(
    query_or_file: str,
    neo4j_uri: str | None,
    user: str,
    password_env: str,
    database: str | None,
    params: tuple[str, ...],
    fmt: str,
    store_dir: str | None,
) -> None:
    """Run a Cypher query (text, a .cypher file, or - for standard input) on the embedded LadybugDB
    copy of the store, or with --neo4j on a Neo4j server."""
    query = sys.stdin.read() if query_or_file == "-" else query_or_file
    parameters = dict(_parameter(p) for p in params)
    if neo4j_uri is None:
        from . import engines

        embedded = _run(engines.cypher, query, parameters, store_dir)
        keys, records = embedded.variables, embedded.to_dicts()
    else:
        _run(neo4j_load.check_uri, neo4j_uri)
        password = _run(password_from, password_env, user, neo4j_uri)
        keys, records = _run(neo4j_load.cypher_result, neo4j_uri, user, password, query, parameters, database)
    if fmt == "json":
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    else:
        rows = Rows(keys, [tuple(_cell(r[k]) for k in keys) for r in records])
        text = rows.to_table() if fmt == "table" else rows.to_csv()
    click.echo(text, nl=not text.endswith("\n"))
