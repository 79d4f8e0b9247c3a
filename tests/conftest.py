"""Shared fixtures: the corpus and gold annotations in ../shared, and the project's examples."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples every run (a failure there is reproducible); elsewhere each run
# draws new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The real Neo4j server fixtures: neo4j_server, neo4j_clean.
pytest_plugins = ["neo4j_fixture"]

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FSGRAPH_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
EXAMPLES = ROOT / "examples"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared acceptance data. In CI it must be there; elsewhere a missing copy skips."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the shared corpus is missing at {CORPUS}")
        pytest.skip(f"no shared corpus at {CORPUS} (only present beside a development checkout)")
    return SHARED


@pytest.fixture
def corpus_dir(shared: Path, tmp_path: Path) -> Path:
    """A private copy of the corpus, so a test may change, delete or rename a file."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in corpus_files():
        shutil.copy(path, folder / path.name)
    return folder
