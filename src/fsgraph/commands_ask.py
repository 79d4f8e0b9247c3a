"""CLI command ``ask``: one subcommand per question of ``queries/`` (thin wrappers over fsgraph.queries.run).

``fsgraph ask --list`` shows the questions; ``fsgraph ask NAME [ARG] [--PARAM VALUE…]`` answers one
on the engine named by ``--engine``. The subcommands are made from the query files' headers, so a
question added to ``queries/`` is a command at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import engines, queries, questions
from .cli import _fail
from .engines import available
from .errors import EngineError, FsgraphError, QueryError

FORMATS = ("table", "csv", "json")


def _exit(error: FsgraphError) -> None:
    _fail(error)
    sys.exit(error.exit_code)


def _metavar(p: queries.Parameter) -> str:
    """How usage lines show a question's argument: bracketed when the question can do without it."""
    metavar = p.name.upper().replace("_", "-")
    return metavar if p.required else f"[{metavar}]"


def _usage(q: queries.Question) -> str:
    return " ".join([q.name, *(_metavar(p) for p in q.parameters if p.argument)])


def question_list() -> str:
    """The questions with their one-line descriptions, as ``ask --list`` prints them."""
    qs = queries.list_questions()
    width = max((len(_usage(q)) for q in qs), default=0)
    return "".join(f"{_usage(q):<{width}}  {q.description}\n" for q in qs)


def _answer(q: queries.Question) -> Callable[..., None]:
    def answer(
        fmt: str,
        engine: str,
        store_dir: Path | None,
        neo4j_uri: str | None,
        user: str,
        password_env: str,
        database: str | None,
        show_query: bool,
        **values: Any,
    ) -> None:
        params = {name: value for name, value in values.items() if value is not None}
        options: dict[str, Any] = {}
        try:
            if show_query:
                text = queries.query_text(q.name, params, engines.language(engine))
                click.echo(text, nl=not text.endswith("\n"))
                return
            if engine == "neo4j":
                password = os.environ.get(password_env)
                if password is None:
                    raise EngineError(f"no Neo4j password: set the environment variable {password_env}")
                options = {"uri": neo4j_uri, "user": user, "password": password, "database": database}
            rows = queries.run(q.name, params, engine=engine, store=store_dir, **options)
            if not rows.rows and params.get("department", "").strip():
                # Nothing answered for a department: a name the store does not know is an error (a
                # typo would otherwise read as "holds nothing"), with the names most like it.
                questions.check_department(params["department"], engine=engine, store=store_dir, **options)
        except FsgraphError as error:
            _exit(error)
            return
        text = {"table": rows.to_table, "csv": rows.to_csv, "json": rows.to_json}[fmt]()
        click.echo(text, nl=not text.endswith("\n"))

    return answer


def question_command(q: queries.Question) -> click.Command:
    """The click command of one question: its parameters as an argument and options."""
    params: list[click.Parameter] = []
    for p in q.parameters:
        if p.derived:
            continue
        if p.argument:
            # Not required by click: a missing value is the runner's one-line QueryError.
            params.append(click.Argument([p.name], required=False, metavar=_metavar(p)))
        else:
            default = f" [default: {p.default}]" if p.default else ""
            params.append(
                click.Option(
                    [p.option, p.name], default=None, metavar=p.type.upper(), help=p.description + default
                )
            )
    params += [
        click.Option(
            ["--format", "fmt"],
            type=click.Choice(FORMATS),
            default="table",
            show_default=True,
            help="Output format",
        ),
        click.Option(
            ["--engine"],
            type=click.Choice(available()),
            default="oxigraph",
            show_default=True,
            help="oxigraph: the store (SPARQL); ladybug: its embedded Cypher copy; neo4j: a server",
        ),
        click.Option(
            ["--store", "store_dir"],
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Store directory [default: $FSGRAPH_STORE, else ./.fsgraph/]",
        ),
        click.Option(
            ["--neo4j", "neo4j_uri"],
            envvar="NEO4J_URI",
            metavar="URI",
            default=None,
            help="With --engine neo4j: the server's Bolt URI [default: $NEO4J_URI]",
        ),
        click.Option(["--user"], envvar="NEO4J_USER", default="neo4j", help="Neo4j user [default: neo4j]"),
        click.Option(
            ["--password-env", "password_env"],
            default="NEO4J_PASSWORD",
            show_default=True,
            metavar="VAR",
            help="Environment variable that holds the Neo4j password",
        ),
        click.Option(["--database"], envvar="NEO4J_DATABASE", default=None, help="Neo4j database"),
        click.Option(
            ["--show-query", "show_query"],
            is_flag=True,
            help="Print the query --engine would run, the parameters written in (SPARQL) or listed "
            "above it (Cypher), and run nothing: to read it, or run it in another tool",
        ),
    ]
    files = ", ".join(f"queries/{path.name}" for path in q.files.values())
    return click.Command(
        q.name,
        callback=_answer(q),
        params=params,
        help=f"{q.description}.\n\nQuery files: {files}.",
        short_help=q.description,
    )


class AskGroup(click.Group):
    """Subcommands from the query catalogue; an unknown name is a QueryError like any bad question."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [q.name for q in queries.list_questions()]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = queries.catalogue().get(cmd_name)
        return question_command(found) if found else None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        command = self.get_command(ctx, name)
        if command is None:
            try:
                queries.question(name)  # raises the QueryError that names the question
            except QueryError as error:
                _exit(error)
        return name, command, args[1:]


@click.group("ask", cls=AskGroup, invoke_without_command=True, subcommand_metavar="NAME [ARGS]...")
@click.option("--list", "show_list", is_flag=True, help="List the questions with their one-line descriptions")
@click.pass_context
def ask_group(ctx: click.Context, show_list: bool) -> None:
    """Answer one of the questions of queries/ (fsgraph ask --list shows them), on any engine.

    Each question is a SPARQL file and a Cypher file with the same parameters; `fsgraph ask NAME
    --help` shows a question's parameters and files.
    """
    if show_list or ctx.invoked_subcommand is None:
        try:
            click.echo(question_list(), nl=False)
        except FsgraphError as error:
            _exit(error)


def _register() -> None:
    # Inside a function, so that mypy reads cli's type after cli.py, which imports this module.
    from .cli import cli

    cli.add_command(ask_group)


_register()
