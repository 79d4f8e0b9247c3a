"""Whole-document extraction on the shared corpus, scored against the gold annotations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import corpus_files
from fsgraph.extraction import extract_path, extract_source
from fsgraph.readers import read
from lost import lost_lines

pytestmark = pytest.mark.shared


def test_gold_scores_meet_the_acceptance_figures(shared: Path) -> None:
    scorer = shared / "tools" / "score-extraction"
    run = subprocess.run(
        [sys.executable, str(scorer), "--json", "--fsgraph", f"{sys.executable} -m fsgraph"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    figures = json.loads(run.stdout)["figures"]
    assert figures["task_recall"] >= 0.95
    assert figures["role_f1"] >= 0.95
    assert figures["deadline_acc"] >= 0.95
    assert figures["target_recall"] >= 0.90
    assert figures["parent_recall"] == 1.0
    assert figures["spurious"] == 0


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:3])
def test_nothing_is_lost(path: Path, shared: Path) -> None:
    source = read(path)
    doc = extract_source(source)
    assert lost_lines(source, doc) == []
    # Only page furniture is left unparsed in the corpus: the documents themselves parse whole.
    assert {u.reason for u in doc.unparsed} <= {"page furniture"}


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:3])
def test_every_fact_quotes_its_source(path: Path, shared: Path) -> None:
    doc = extract_path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for task in doc.tasks:
        for role in task.roles:
            assert role.provenance.quote in lines[role.provenance.line - 1]
            assert role.department in role.provenance.quote or role.department.endswith("政府")
        assert task.text.split("\n")[0][:10] in lines[task.line - 1]
    for target in doc.targets:
        # A table target's value sits in a cell a few lines below its indicator.
        assert target.value in target.text or target.value in "\n".join(
            lines[target.line - 1 : target.line + 3]
        )
    for parent in doc.parents:
        assert parent.quote in lines[parent.line - 1]


def _by_ref(path: Path) -> dict[str, object]:
    return {t.ref: t for t in extract_path(path).tasks}


def test_seed_003_items_carry_their_attributions(shared: Path) -> None:
    # Worked out from the source: items (一)…(四十) under 二…九, each ending in (责任单位:…) or
    # (牵头单位:…); 一、总体目标 frames the plan and is no task.
    tasks = _by_ref(shared / "corpus" / "003_55275a48b47b0cb1.txt")
    assert len(tasks) == 40
    assert all(t.roles for t in tasks.values())  # type: ignore[attr-defined]
    t = tasks["八.(三十三)"]
    assert (t.names("lead"), t.deadline_text) == (["区市场监管局", "区农业农村局"], "用2—3年时间")  # type: ignore[attr-defined]
    t = tasks["四.(十八)"]
    assert (t.names("responsible"), t.deadline_text) == (["区农业农村局", "区商务局"], "到2020年；到2035年")  # type: ignore[attr-defined]
    assert tasks["二.(九)"].names("responsible") == ["区食安委有关成员单位", "各乡镇政府"]  # type: ignore[attr-defined]


def test_seed_004_plan_tasks_and_indicator_table(shared: Path) -> None:
    # Worked out from the source: 第三章 has 8+4+5+4+4+8 numbered tasks, 第四章 six sections of
    # measures; the indicator table has 19 rows with 预期性/约束性.
    doc = extract_path(shared / "corpus" / "004_11f62d047233d6bb.txt")
    tasks = {t.ref: t for t in doc.tasks}
    assert sum(r.startswith("第三章") for r in tasks) == 33
    assert sum(r.startswith("第四章") for r in tasks) == 6
    assert tasks["第三章.第六节.1"].deadline_text == "5年内；到2025年"
    assert tasks["第三章.第二节.2"].deadline_text == "2021年底前；2023年底前"
    table = [t for t in doc.targets if t.attribute]
    assert len(table) == 19
    row4 = table[3]
    assert (row4.value, row4.comparator, row4.number, row4.unit, row4.year, row4.attribute) == (
        "≥95",
        ">=",
        95.0,
        "%",
        2025,
        "预期性",
    )
    assert sum(t.attribute == "约束性" for t in table) == 5  # rows 11, 12, 13, 15, 16
    assert [p.title for p in doc.parents if p.scope == "document"] == [
        "中共中央 国务院关于深化改革加强食品安全工作的意见",
        "吉林省食品安全“十四五”规划",
        "长春市食品安全“十四五”规划",
    ]
