"""Property-based tests: the parser never crashes and never drops text silently."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fsgraph.extraction import extract_source
from fsgraph.model import Source, TextLine
from lost import lost_lines

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dongchuan_opinion.txt"
BASE_LINES = EXAMPLE.read_text(encoding="utf-8").split("\n")

# Pieces that exercise the parser's decisions: markers, brackets, attribution cues, time and
# quantity words, table layout characters.
FRAGMENTS = [
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "第一章",
    "第二节",
    "附件：",
    "注：",
    "\t",
    "　　",
    "（",
    "）",
    "(",
    ")",
    "《",
    "》",
    "“",
    "”",
    "：",
    "；",
    "，",
    "。",
    "、",
    "牵头单位",
    "责任单位",
    "配合",
    "牵头",
    "按职责分工负责",
    "市市场监管局",
    "各县区政府",
    "2020年底前",
    "持续实施",
    "每年",
    "8月27日前",
    "达到",
    "95%",
    "以上",
    "4批次/千人",
    "序号",
    "工作任务",
    "根据",
    "关于加强食品安全工作的意见",
    "食品安全",
    "加强监管",
]

line_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=6)), min_size=0, max_size=12
).map("".join)


def _source(lines: list[str]) -> Source:
    blocks = [TextLine(i, t) for i, t in enumerate(lines, start=1)]
    return Source("fuzz.txt", "fuzz.txt", "txt", "utf-8", list(blocks), "0" * 64, 0)


def _check(lines: list[str]) -> None:
    source = _source(lines)
    doc = extract_source(source)
    assert lost_lines(source, doc) == []
    for task in doc.tasks:
        assert task.line >= 1 and task.end_line >= task.line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_text, min_size=1, max_size=30))
def test_random_text_never_crashes_nor_loses_words(lines: list[str]) -> None:
    _check(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(BASE_LINES) - 1), st.sampled_from(["keep", "drop", "dup", "mutate"]), line_text
        ),
        min_size=1,
        max_size=40,
    )
)
def test_mutated_documents_never_crash_nor_lose_words(edits: list[tuple[int, str, str]]) -> None:
    lines = list(BASE_LINES)
    for index, action, extra in edits:
        index %= len(lines) if lines else 1
        if not lines:
            lines.append(extra)
        elif action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "mutate":
            cut = len(lines[index]) // 2
            lines[index] = lines[index][:cut] + extra + lines[index][cut:]
    _check(lines or [""])
