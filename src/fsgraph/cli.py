"""The command line: thin click wrappers over the library functions of the same names."""

from __future__ import annotations

import errno
import functools
import os
import sys

import click

from .errors import FsgraphError


def _fail(error: FsgraphError) -> None:
    click.echo(f"fsgraph: {error}", err=True)


jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that extract in parallel [default: one per core]",
)


class _Commands(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as error:
            # The reader stopped reading (| head) while a command wrote: the exit code every
            # command gives for it (click's own would be 1, as for a failure).
            raise SystemExit(_output_failed(error)) from None
        except KeyboardInterrupt:
            # Ctrl-C: one line and the shell's code for it (128 + SIGINT), not click's "Aborted!"
            # and 1, which scripts cannot tell from a failure. The store keeps its last whole build.
            click.echo("fsgraph: interrupted", err=True)
            raise SystemExit(130) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fsgraph")
def cli() -> None:
    """Food-safety policy documents into a knowledge graph of policies, tasks and departments."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "summary"]), default="json", show_default=True)
@jobs_option
def extract(paths: tuple[str, ...], fmt: str, jobs: int | None) -> None:
    """Extract tasks, roles, deadlines, targets and parents from documents (files or folders)."""
    from .api import extract_json, map_paths

    # Workers hand back each document's summary line and JSON text, not the document itself.
    extracted, errors = map_paths(functools.partial(extract_json, entry=fmt == "json"), paths, jobs)
    for error in errors:
        _fail(error)
    for line, _ in extracted:
        click.echo(line, err=True)
    if fmt == "json":  # the entries of one JSON list, as json.dump(…, indent=1) writes it
        sys.stdout.write(
            "[\n" + ",\n".join(entry for _, entry in extracted) + "\n]\n" if extracted else "[]\n"
        )
    if errors:
        sys.exit(max(e.exit_code for e in errors))


def main() -> None:
    code: int | str | None = 0
    try:
        cli(standalone_mode=True)
    except SystemExit as done:  # how click ends every command
        code = done.code
    except FsgraphError as error:  # pragma: no cover - commands catch their own
        _fail(error)
        code = error.exit_code
    except OSError as error:
        if error.filename is None:  # the output could not be written: a write to a stream names no file
            code = _output_failed(error)
        else:  # a file a command did not expect to fail on: still one line
            click.echo(f"fsgraph: {error.filename}: {error.strerror or error}", err=True)
            code = 3
    try:  # what is still buffered for the output is written now, not at the interpreter's exit
        sys.stdout.flush()
    except OSError as error:
        code = _output_failed(error)
    sys.exit(code)


def _output_failed(error: OSError) -> int:
    """One line for an output that cannot be written (a full disk, a closed pipe), and the exit code."""
    # Nothing more may go to the broken output, also not when the interpreter flushes it at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    if error.errno == errno.EPIPE:  # the reader stopped reading (| head): not an error of ours
        return 141
    click.echo(f"fsgraph: cannot write the output: {error.strerror or error}", err=True)
    return 3


from . import (  # noqa: E402  (after cli: the modules register their commands on it)
    commands_ask,  # noqa: F401  (registers ask)
    commands_graph,  # noqa: F401  (registers build, export, sparql)
    commands_maps,  # noqa: F401  (registers map, matrix, ledger, report)
    commands_neo4j,  # noqa: F401  (registers neo4j load|export-csv, cypher)
)

if __name__ == "__main__":
    main()
