"""CLI commands ``map``, ``matrix``, ``ledger`` and ``report``: thin wrappers over fsgraph.maps.map_html,
fsgraph.maps.matrix, fsgraph.ledger.ledger and fsgraph.report.report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .cli import _fail, cli
from .engines import available
from .errors import FsgraphError

T = TypeVar("T")


def _run(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a library function; an FsgraphError becomes one line on stderr and its exit code."""
    try:
        return function(*args, **kwargs)
    except FsgraphError as error:
        _fail(error)
        sys.exit(error.exit_code)


store_option = click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Store directory [default: $FSGRAPH_STORE, else ./.fsgraph/]",
)
engine_option = click.option(
    "--engine",
    type=click.Choice(available()),
    default="oxigraph",
    show_default=True,
    help="Where the queries run: the store (oxigraph), its embedded Cypher copy (ladybug), or a Neo4j "
    "server named by $NEO4J_URI, $NEO4J_USER, $NEO4J_PASSWORD",
)


def _filters(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option(
                "--document",
                metavar="DOC",
                help="One document: its id (file name without suffix) or file name",
            ),
            click.option(
                "--department",
                metavar="NAME",
                help="The tasks a department holds a role in (canonical name or alias as written)",
            ),
            click.option(
                "--category", metavar="CATEGORY", help="The tasks a category of department holds a role in"
            ),
        ]
    ):
        function = option(function)
    return function


@cli.command("map")
@_filters
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="HTML file to write, or - for standard output",
)
@store_option
@engine_option
def map_command(
    document: str | None,
    department: str | None,
    category: str | None,
    output: Path,
    store_dir: Path | None,
    engine: str,
) -> None:
    """An interactive responsibility map: departments and tasks, edges by role (lead, responsible,
    support), one self-contained HTML page that works offline."""
    from .maps import map_html

    summary = _run(
        map_html,
        output,
        store_dir,
        document=document,
        department=department,
        category=category,
        engine=engine,
    )
    click.echo(
        f"{summary.path}: {summary.departments} departments, {summary.tasks} tasks, {summary.edges} links",
        err=True,
    )


@cli.command("matrix")
@_filters
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write: .html, .csv or .xlsx",
)
@store_option
@engine_option
def matrix_command(
    document: str | None,
    department: str | None,
    category: str | None,
    output: Path,
    store_dir: Path | None,
    engine: str,
) -> None:
    """The responsibility matrix: tasks grouped by section × departments, cells L (lead), R
    (responsible), S (support)."""
    from .maps import matrix

    summary = _run(
        matrix, output, store_dir, document=document, department=department, category=category, engine=engine
    )
    click.echo(f"{summary.path}: {summary.tasks} tasks × {summary.departments} departments", err=True)


@cli.command("ledger")
@_filters
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=".xlsx file to write",
)
@click.option(
    "--as-of", metavar="DATE", default=None, help="The day a deadline counts as passed [default: today]"
)
@store_option
@engine_option
def ledger_command(
    document: str | None,
    department: str | None,
    category: str | None,
    output: Path,
    as_of: str | None,
    store_dir: Path | None,
    engine: str,
) -> None:
    """The task ledger (任务分工台账): one printable sheet per document, and a sheet of gaps and overlaps."""
    from .ledger import ledger

    summary = _run(
        ledger,
        output,
        store_dir,
        document=document,
        department=department,
        category=category,
        as_of=as_of,
        engine=engine,
    )
    pages = len(summary.sheets) - 1  # one per document; the gaps and overlaps sheet not counted
    click.echo(
        f"{summary.path}: {summary.tasks} tasks on {pages} sheet{'' if pages == 1 else 's'}, "
        f"{summary.gaps} gaps, {summary.overlaps} overlaps",
        err=True,
    )


@cli.command("report")
@click.option(
    "-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write"
)
@click.option(
    "--as-of", metavar="DATE", default=None, help="The day a deadline counts as passed [default: today]"
)
@store_option
@engine_option
def report_command(output: Path, as_of: str | None, store_dir: Path | None, engine: str) -> None:
    """A static HTML report of the corpus: counts, workload and deadline charts, gaps and overlaps, and
    a map and a matrix of each document; it works offline."""
    from .report import report

    summary = _run(report, output, store_dir, as_of=as_of, engine=engine)
    click.echo(f"{summary.index}: {len(summary.pages)} pages", err=True)
