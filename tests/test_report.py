"""The corpus report, and that no generated page (map, matrix, report) refers to anything outside
itself: no http(s) script, stylesheet, font, image or @import."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner

from browser import (
    chromium_fixture,  # noqa: F401  (the chromium fixture)
    colours,
    console_errors,
    loaded_resources,
    open_page,
    wait_for_map,
)
from conftest import corpus_files
from fsgraph import maps, queries, report, store
from fsgraph.cli import cli

AS_OF = "2021-06-30"
DOC_002 = "002_c0b8b7f66cffa162"


@pytest.fixture(scope="module")
def built(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("report") / "store"
    result = store.build(corpus_files(), directory)
    assert not result.errors
    return directory


@pytest.fixture(scope="module")
def written(built: Path, tmp_path_factory: pytest.TempPathFactory) -> report.ReportSummary:
    return report.report(tmp_path_factory.mktemp("out") / "report", built, as_of=AS_OF)


class References(HTMLParser):
    """Every URL a page refers to (attributes that load or link something) and its CSS text."""

    ATTRIBUTES = frozenset({"src", "href", "data", "srcset", "poster", "action", "formaction", "background"})

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []  # tag, attribute, value
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in self.ATTRIBUTES:
                self.urls.append((tag, name, value))
            elif name == "style":
                self.css.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)


EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //host (not data:, #)


def outside_references(page: Path) -> list[str]:
    parser = References()
    parser.feed(page.read_text(encoding="utf-8"))
    bad = [f"<{tag} {name}={value!r}>" for tag, name, value in parser.urls if EXTERNAL.match(value)]
    for css in parser.css:
        bad += [f"@import in CSS: {m}" for m in re.findall(r"@import[^;]*", css)]
        bad += [
            f"CSS url({u})" for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", css) if not u.startswith("data:")
        ]
    return bad


def test_no_generated_page_refers_to_anything_outside_itself(
    built: Path, written: report.ReportSummary, tmp_path: Path
) -> None:
    pages = [
        maps.map_html(tmp_path / "map.html", built).path,
        maps.map_html(tmp_path / "map-dept.html", built, department="市食安办").path,
        maps.matrix(tmp_path / "matrix.html", built).path,
        *written.pages,
    ]
    assert len(pages) == 3 + 1 + 5 + 5  # map ×2, matrix; report index, a map and a matrix per document
    for page in pages:
        assert outside_references(page) == [], page
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=[\"']https?:", text), page


def test_the_checker_finds_outside_references(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/x.js"></script>'
        "<style>@import 'x.css'; body { background: url(https://x/y.png) }</style>"
        '<img src="data:image/png;base64,AAAA"><a href="#top">top</a>',
        encoding="utf-8",
    )
    assert len(outside_references(page)) == 4


def test_links_inside_the_report_lead_to_its_files(written: report.ReportSummary) -> None:
    parser = References()
    parser.feed(written.index.read_text(encoding="utf-8"))
    links = [value for tag, name, value in parser.urls if tag == "a"]
    files = {urlparse(v).path for v in links if not v.startswith("#")}
    assert files == {f"{kind}/{p.stem}.html" for p in corpus_files() for kind in ("maps", "matrices")}
    for file in files:
        assert (written.index.parent / file).is_file()
    anchors = {v[1:] for v in links if v.startswith("#")}
    text = written.index.read_text(encoding="utf-8")
    assert all(f'id="{a}"' in text for a in anchors)


def test_counts_charts_and_tables_from_the_questions(built: Path, written: report.ReportSummary) -> None:
    rows = queries.run("responsibilities", {}, store=built).to_dicts()
    gaps = queries.run("gaps", {"as_of": AS_OF}, store=built)
    overlaps = queries.run("overlaps", {}, store=built)
    assert written.counts["文件"] == len({r["doc"] for r in rows}) == 5
    assert written.counts["任务"] == len({r["task"] for r in rows}) == 246
    assert written.counts["单位"] == len({r["dept"] for r in rows if r["dept"]})
    assert written.counts["写明责任单位的任务"] == len({r["task"] for r in rows if r["dept"]})
    assert written.counts["缺口"] == len(gaps.rows) and written.counts["交叉与重叠"] == len(overlaps.rows)

    text = written.index.read_text(encoding="utf-8")
    workload = queries.run("workload", {}, store=built).to_dicts()
    departments = {(w["region"], w["name"]) for w in workload if w["by"] == "role"}
    # one bar label per department, one <h3> per jurisdiction
    assert len(re.findall(r'<text [^>]*text-anchor="end">', text)) == len(departments)
    assert text.count("<h3>") == len({region for region, _ in departments})
    timeline = queries.run("timeline", {}, store=built)
    assert text.count("项任务到期</title></rect>") == len(timeline.rows)
    assert text.count("<tr>") >= len(gaps.rows) + len(overlaps.rows)


def test_report_command(built: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "-o", str(tmp_path / "r"), "--store", str(built)])
    assert result.exit_code == 0, result.output
    assert (
        "11 pages" in result.output and (tmp_path / "r" / "index.html").is_file()
    )  # the index, a map and a matrix of each of five documents


@pytest.mark.browser
def test_the_report_and_its_pages_in_chromium(written: report.ReportSummary, chromium: Any) -> None:
    open_page(chromium, written.index)
    charts = chromium.execute_script(
        "return Array.from(document.querySelectorAll('svg.chart')).map(s => s.getBoundingClientRect().height)"
    )
    assert len(charts) >= 2 and all(h > 50 for h in charts)
    distinct, inked = colours(chromium.get_screenshot_as_png())
    assert distinct > 50 and inked > 0.02
    assert console_errors(chromium) == []
    assert all(url.startswith("file:") for url in loaded_resources(chromium))

    chromium.find_element("css selector", f'a[href="maps/{DOC_002}.html"]').click()
    wait_for_map(chromium)
    assert chromium.execute_script("return window.fsgraphMap.edges.length") > 0
    assert console_errors(chromium) == []

    open_page(chromium, written.index.parent / "matrices" / f"{DOC_002}.html")
    cells = chromium.execute_script(
        "return document.querySelectorAll('td.cell.L, td.cell.R, td.cell.S').length"
    )
    assert cells > 0
    assert console_errors(chromium) == []
    assert all(url.startswith("file:") for url in loaded_resources(chromium))


def test_links_to_documents_whose_names_a_url_reads_otherwise(tmp_path: Path) -> None:
    from urllib.parse import unquote

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a#b.txt", "q?x 食品.txt", "100%.txt"):
        (folder / name).write_text("甲市食品安全工作要点\n一、开展整治。（市市场监管局）\n", encoding="utf-8")
    assert not store.build([folder], tmp_path / "store").errors
    written = report.report(tmp_path / "report", tmp_path / "store", as_of=AS_OF)
    parser = References()
    parser.feed(written.index.read_text(encoding="utf-8"))
    links = [urlparse(value) for tag, _, value in parser.urls if tag == "a" and not value.startswith("#")]
    assert all(not link.fragment and not link.query for link in links)
    assert sorted(unquote(link.path) for link in links) == sorted(
        f"{kind}/{stem}.html" for stem in ("a#b", "q?x 食品", "100%") for kind in ("maps", "matrices")
    )
    assert all((written.index.parent / unquote(link.path)).is_file() for link in links)
