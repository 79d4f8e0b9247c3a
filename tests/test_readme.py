"""The README's commands run as shown: every `$ fsgraph …` line of its console blocks."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from fsgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", README, flags=re.S)
    lines = [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ fsgraph ")]
    # Drop the shell's own part (redirections, comments): the command is what fsgraph receives.
    return [re.split(r"\s+(?:>|#)", line)[0].strip() for line in lines]


COMMANDS = _commands()


def test_the_readme_shows_commands() -> None:
    assert len(COMMANDS) >= 5
    assert any(c.startswith("fsgraph build") for c in COMMANDS)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the examples, where the README's relative paths resolve."""
    work = tmp_path_factory.mktemp("readme")
    (work / "examples").symlink_to(ROOT / "examples")
    return work


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("FSGRAPH_STORE", str(workdir / ".fsgraph"))
    runner = CliRunner()
    # Commands that read the graph need it built first; building twice is a no-op.
    runner.invoke(cli, ["build", "examples/"])
    args = shlex.split(command)[1:]
    if "-o" in args:
        args[args.index("-o") + 1] = str(workdir / Path(args[args.index("-o") + 1]).name)
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, f"{command}: {result.output}{result.stderr}"
    assert "Traceback" not in result.output


SPARQL = re.findall(r"```sparql\n(.*?)```", README, flags=re.S)


@pytest.mark.parametrize("query", SPARQL, ids=[f"sparql{i}" for i in range(len(SPARQL))])
def test_readme_sparql_runs(query: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    runner = CliRunner()
    runner.invoke(cli, ["build", "examples/", "--store", str(workdir / ".fsgraph")])
    result = runner.invoke(cli, ["sparql", "-", "--store", str(workdir / ".fsgraph")], input=query)
    assert result.exit_code == 0, result.output + result.stderr


def test_the_python_tour_runs_as_shown(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (block,) = re.findall(r"## The Python API\n\n```python\n(.*?)```", README, flags=re.S)
    monkeypatch.chdir(workdir)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "附件.1 ['市编办', '市市场监管局', '各区政府', '县政府'] 2020年底前完成设立；持续实施" in out
    assert "东川市市场监督管理局  东川市  responsible" in out  # owns' table
    assert "unknown department '区市场监督局'" in out and "names like it: 南湖区市场监督管理局" in out
    assert '?d skos:prefLabel|skos:altLabel "市农委"@zh' in out  # the query text, the value written in
