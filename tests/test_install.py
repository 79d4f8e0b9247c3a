"""What the install built: the extraction modules compiled all together, or none of them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import fsgraph

ROOT = Path(__file__).resolve().parent.parent


def _listed() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    hook = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]
    paths = [ROOT / p for p in hook["include"]]
    assert all(p.is_file() for p in paths), [str(p) for p in paths if not p.is_file()]
    return sorted(p.stem for p in paths)


def test_the_compiled_modules_are_those_the_build_hook_lists_or_none() -> None:
    # A regular install compiles every listed module; an editable or pure-Python one none of them.
    assert fsgraph.compiled_modules() in ([], _listed())
    assert "extraction" in _listed()
