"""`fsgraph extract` on good and bad input: one clear line per bad file, the others still extracted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from fsgraph.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOOD = EXAMPLES / "dongchuan_opinion.txt"


def _bad(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.txt"
    if kind == "missing":
        return path
    if kind == "folder":
        path = tmp_path / "folder"
        path.mkdir()
        (path / "notes.xyz").write_text("x")
        return path
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 40)
    elif kind == "undecodable":
        path.write_bytes("食品安全".encode("utf-16-le")[1:] + b"\xff\xfe\xfd" * 50)
    elif kind == "truncated":
        path = tmp_path / "page.html"
        path.write_text(
            "<html><head><title>通知</title></head><body><div><p>为加强食品安全工作，", encoding="utf-8"
        )
    elif kind == "single-line":
        path.write_text("加强食品安全监管工作。" * 2_000_000, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "kind", ["missing", "folder", "empty", "binary", "undecodable", "truncated", "single-line"]
)
def test_bad_input_gets_one_line_and_the_rest_is_extracted(tmp_path: Path, kind: str) -> None:
    bad = _bad(tmp_path, kind)
    result = CliRunner().invoke(cli, ["extract", str(bad), str(GOOD), "--format", "json"])
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.startswith("fsgraph:")]
    assert len(errors) == 1 and bad.name in errors[0]
    assert "Traceback" not in result.output + result.stderr
    documents = json.loads(result.stdout)
    assert [d["doc"] for d in documents] == [GOOD.name]


def test_summary_line_per_file_on_stderr() -> None:
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLES), "--format", "summary"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len([p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html", ".xlsx")])
    assert any(line.startswith("dongchuan_opinion.txt: 9 tasks") for line in lines)
    assert any(line.startswith("xiling_county_ledger.xlsx: 6 tasks, 11 roles") for line in lines)
    assert result.stdout == ""


def test_an_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:  # a disk with no space left behind the redirect
        done = subprocess.run(
            [sys.executable, "-m", "fsgraph", "extract", str(ROOT / "examples")],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
    assert done.returncode == 3
    assert done.stderr.splitlines()[-1] == "fsgraph: cannot write the output: No space left on device"
    assert "Traceback" not in done.stderr


def test_ctrl_c_is_one_line_and_exit_code_130(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    # `sparql -` waits on its standard input: interrupted there, in the middle of a command.
    command = [sys.executable, "-m", "fsgraph", "sparql", "-", "--store", str(tmp_path / "s")]
    waiting = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    syscall = Path(f"/proc/{waiting.pid}/syscall")
    deadline = time.monotonic() + 60
    while syscall.read_text().split()[:2] != ["0", "0x0"]:  # read(0, …): the command is reading
        assert time.monotonic() < deadline and waiting.poll() is None
        time.sleep(0.05)
    waiting.send_signal(signal.SIGINT)
    _, stderr = waiting.communicate(timeout=60)
    assert waiting.returncode == 130
    assert stderr.splitlines() == ["fsgraph: interrupted"]
