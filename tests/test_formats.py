"""A .docx, an .html and a .pdf rendering of each corpus file extract to the same tasks and roles as the .txt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import corpus_files
from fsgraph.extraction import extract_path
from fsgraph.model import Document, TextLine
from fsgraph.readers import read
from fsgraph.tables import find_text_tables
from renderers import to_docx, to_html, to_pdf, to_ruled_pdf

pytestmark = pytest.mark.shared


def _rendering(path: Path) -> tuple[list[str], list[tuple[int, list[list[str]]]]]:
    """The file's lines, with tables laid out as text turned into real tables."""
    lines = [b for b in read(path).blocks if isinstance(b, TextLine)]
    tables = find_text_tables(lines)
    out: list[str] = []
    placed: list[tuple[int, list[list[str]]]] = []
    i = 0
    for t in tables:
        out.extend(line.text for line in lines[i : t.start])
        placed.append((len(out), [[c.text for c in row] for row in t.table.rows]))
        i = t.end
    out.extend(line.text for line in lines[i:])
    return out, placed


def _signature(doc: Document) -> list[tuple[str, str, tuple[tuple[str, str], ...], str | None]]:
    def norm(text: str) -> str:
        return re.sub(r"\s+", "", text)

    return [
        (t.ref, norm(t.text), tuple((r.role, r.department) for r in t.roles), t.deadline_text)
        for t in doc.tasks
    ]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:3])
@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_rendering_extracts_like_the_text(path: Path, fmt: str, tmp_path: Path, shared: Path) -> None:
    lines, tables = _rendering(path)
    target = tmp_path / f"{path.stem}.{fmt}"
    if fmt == "docx":
        to_docx(lines, target, tables)
    else:
        to_html(lines, target, tables)
    expected = extract_path(path)
    got = extract_path(target)
    assert _signature(got) == _signature(expected)
    assert [(p.title, p.number) for p in got.parents] == [(p.title, p.number) for p in expected.parents]
    assert (got.title, got.doc_number) == (expected.title, expected.doc_number)


def _without_tables() -> list[Path]:
    """The corpus files with no table: a .pdf of their lines wraps every long line as a page does."""
    return [path for path in corpus_files() if not _rendering(path)[1]]


@pytest.mark.parametrize("path", _without_tables(), ids=lambda p: p.name[:3])
def test_pdf_rendering_wrapped_at_the_page_width_extracts_like_the_text(
    path: Path, tmp_path: Path, shared: Path
) -> None:
    # Line breaks fall anywhere: inside a name (各县 / 市区政府), a time limit (2017年底 / 前) or a
    # value (100 / %), and the text is read across them.
    lines, _ = _rendering(path)
    expected = extract_path(path)
    got = extract_path(to_pdf(lines, tmp_path / f"{path.stem}.pdf"))
    assert _signature(got) == _signature(expected)
    assert [(t.indicator, t.value, t.year) for t in got.targets] == [
        (t.indicator, t.value, t.year) for t in expected.targets
    ]
    assert [(p.title, p.number) for p in got.parents] == [(p.title, p.number) for p in expected.parents]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:3])
def test_pdf_with_ruled_tables_extracts_like_the_text(path: Path, tmp_path: Path, shared: Path) -> None:
    # Paragraphs and table cells wrapped as a word processor wraps them, tables running over pages.
    # (The title is not compared: a paragraph is laid out with a run of spaces as one, and a title
    # set apart from the preamble on its line by spaces alone is then no longer apart.)
    lines, tables = _rendering(path)
    expected = extract_path(path)
    got = extract_path(to_ruled_pdf(lines, tmp_path / f"{path.stem}.pdf", tables))
    assert _signature(got) == _signature(expected)
    assert [(t.indicator, t.value, t.year) for t in got.targets] == [
        (t.indicator, t.value, t.year) for t in expected.targets
    ]
    assert [(p.title, p.number) for p in got.parents] == [(p.title, p.number) for p in expected.parents]
