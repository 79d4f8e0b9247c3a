"""The computed parts of overlaps and compare on random rows full of repeated duties, where they must
give what comparing every duty with every other gives: the same groups and rows, with the same
scores; and workload's, which must give the counts of each department's distinct tasks. (The
answers on the corpus, read off the text by hand, are in test_queries.py.)"""

from __future__ import annotations

import random
from functools import partial
from itertools import combinations
from typing import Any

import pytest

from fsgraph import questions
from fsgraph.errors import QueryError
from fsgraph.store import Rows

# Duties of at least eight characters: some near-identical, some alike in part, some unlike any other.
CLAUSES = [
    "全面推行明厨亮灶工程建设",
    "全面推行明厨亮灶工程",
    "推行明厨亮灶和阳光厨房",
    "加强餐厨废弃物资源化利用",
    "加强餐厨废弃物的收运处置",
    "开展农药兽药残留专项整治",
    "开展农药残留专项整治行动",
    "健全食品安全信用体系建设",
    "推进智慧监管平台应用建设",
    "严厉打击制售假冒伪劣食品",
]
DEPARTMENTS = ["市场监管局", "农业农村局", "卫生健康委", "公安局", "城管局"]
ROLES = ["lead", "responsible", "support"]


def random_rows(seed: int, tasks: int = 40, grouped: bool = True) -> Rows:
    """Rows as overlaps.rq fetches them: tasks of one to four duties drawn from a few clauses (so the
    same duty comes back in many tasks), each with one to three departments, a task's holders in one
    row (as the SPARQL gives them) or one holder a row (as the Cypher does)."""
    rng = random.Random(seed)
    rows = []
    for n in range(tasks):
        clauses = rng.choices(CLAUSES, k=rng.randint(1, 4))
        text = "，".join(clauses) + rng.choice(["。", "，提高效能。", "（区市场监管局）"])
        holders = [f"{rng.choice(ROLES)}\t{d}" for d in rng.sample(DEPARTMENTS, rng.randint(1, 3))]
        for held in ["\n".join(holders)] if grouped else holders:
            rows.append((f"{n % 3}.txt", f"{n // 3}", text, held))
    return Rows(["document", "ref", "text", "holders"], rows)


def roles(rows: Rows) -> list[tuple[str, str, str, str]]:
    """(document, ref, department, role) of every holder of the rows."""
    return [
        (document, ref, *reversed(holder.split("\t")))  # type: ignore[misc]
        for document, ref, _, held in rows.rows
        for holder in held.split("\n")
    ]


def similar_rows(rows: Rows, threshold: float) -> list[tuple[Any, ...]]:
    """The similar kind of overlaps, every duty compared with every other: duties grouped under the
    one most tasks hold (then the first), which takes every ungrouped duty at least ``threshold``
    alike (score rounded); for each group whose tasks' departments differ, one row per task with its
    best score, and as the other task the group's first, or the first whose departments differ."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    tasks = questions._tasks(rows)
    keys = list(tasks)
    departments = {k: {department for _, department in t["holders"]} for k, t in tasks.items()}
    units = [(k, duty) for k in keys for duty in questions.duties(tasks[k]["text"])]
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)
    vectorizer.fit([duty for _, duty in units])
    distinct = list(dict.fromkeys(duty for _, duty in units))
    scores = (lambda m: (m @ m.T).toarray())(vectorizer.transform(distinct))
    holders = {d: len({k for k, duty in units if duty == d}) for d in distinct}
    leader: dict[int, tuple[int, float]] = {}
    for d in sorted(range(len(distinct)), key=lambda d: (-holders[distinct[d]], d)):
        if d in leader:
            continue
        for e in range(len(distinct)):
            score = round(float(scores[d, e]), 3)
            if e not in leader and scores[d, e] >= threshold and score >= threshold:
                leader[e] = (d, score)
    groups: dict[int, dict[Any, float]] = {}
    for k, duty in units:
        if distinct.index(duty) in leader:
            d, score = leader[distinct.index(duty)]
            groups.setdefault(d, {})
            groups[d][k] = max(groups[d].get(k, 0.0), score)
    out = []
    for d, best in groups.items():
        held = sorted(best, key=keys.index)
        others = [k for k in held if departments[k] != departments[held[0]]]
        for k in held if others else []:
            other = held[0] if departments[k] != departments[held[0]] else others[0]
            names = "、".join(sorted(departments[k])), "、".join(sorted(departments[other]))
            out.append(("similar", *k, names[0], *other, names[1], best[k], distinct[d]))
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("block", [1, 3, 256])
def test_similar_duties_are_those_of_every_pair(
    seed: int, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Duties are compared a block at a time: one, a few, all of them.
    monkeypatch.setattr(questions, "_similar_duties", partial(questions._similar_duties, block=block))
    rows = random_rows(seed)
    for threshold in (0.3, 0.6, 0.95):
        got = questions.overlaps_from_rows(rows, {"kind": "similar", "threshold": threshold}).rows
        assert sorted(got) == sorted(similar_rows(rows, threshold))
        assert all(row[3] != row[6] and row[7] >= threshold for row in got)
    assert got, "identical duties of tasks with different departments are near-identical"


def test_similar_duties_group_a_duty_every_city_gives_its_own_bureau() -> None:
    # The same duty in 300 cities' plans, each giving it to its own bureau, and one unlike duty:
    # one group, one row per task, not a row per pair of tasks (44,850 of them).
    rows = [(f"{n}.txt", "1", "全面推行明厨亮灶工程建设。", f"lead\t{n}市市场监管局") for n in range(300)] + [
        ("a.txt", "2", "开展农药兽药残留专项整治。", "lead\t甲市农业农村局")
    ]
    got = questions.overlaps_from_rows(
        Rows(["document", "ref", "text", "holders"], rows), {"kind": "similar"}
    ).rows
    assert len(got) == 300 and {row[8] for row in got} == {"全面推行明厨亮灶工程建设"}
    assert {row[1] for row in got} == {f"{n}.txt" for n in range(300)}
    assert all(row[4] == "0.txt" for row in got if row[1] != "0.txt")  # who else: the first city
    assert [row[4] for row in got if row[1] == "0.txt"] == ["1.txt"]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("min_shared", [0, 1, 2, 4])
def test_shared_counts_are_those_of_every_pair_of_departments(seed: int, min_shared: int) -> None:
    rows = random_rows(seed)
    held: dict[str, set[tuple[str, str]]] = {}
    for document, ref, department, _ in roles(rows):
        held.setdefault(department, set()).add((document, ref))
    expected = [
        ("shared", None, None, a, None, None, b, len(held[a] & held[b]), None)
        for a, b in combinations(sorted(held), 2)
        if len(held[a] & held[b]) >= min_shared
    ]
    got = questions.overlaps_from_rows(rows, {"kind": "shared", "min_shared": min_shared}).rows
    assert got == expected and any(row[7] >= 2 for row in got)


@pytest.mark.parametrize("seed", range(6))
def test_similarity_is_that_of_every_text_with_every_query(seed: int) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    rng = random.Random(seed)
    texts = rng.choices(CLAUSES, k=25)
    asked = ["明厨亮灶", rng.choice(CLAUSES), "餐厨废弃物"]
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)
    matrix = vectorizer.fit_transform([*texts, *asked])
    expected = (matrix[len(texts) :] @ matrix[: len(texts)].T).toarray()
    got = questions.similarity(texts, asked)
    assert got.shape == expected.shape and got.tobytes() == expected.tobytes()


@pytest.mark.parametrize("seed", range(4))
def test_holders_grouped_in_one_row_or_one_a_row_give_the_same_overlaps(seed: int) -> None:
    grouped, one_a_row = random_rows(seed), random_rows(seed, grouped=False)
    assert len(one_a_row.rows) > len(grouped.rows)
    for kind in ("leads", "similar", "shared"):
        got = questions.overlaps_from_rows(grouped, {"kind": kind, "min_shared": 1}).rows
        assert got and sorted(got) == sorted(
            questions.overlaps_from_rows(one_a_row, {"kind": kind, "min_shared": 1}).rows
        )


@pytest.mark.parametrize("grouped", [True, False])
def test_compare_reads_each_holder_s_role_department_category_and_region(grouped: bool) -> None:
    # An empty field is a missing value; supporters are not counted.
    holders = {
        ("a.txt", "1", "全面推行明厨亮灶工程建设。"): [
            "lead\t甲市市场监管局\tmarket_regulation\t甲市",
            "responsible\t甲市教育局\t\t甲市",
            "support\t甲市公安局\tpublic_security\t",
        ],
        ("b.txt", "2", "推行明厨亮灶和阳光厨房建设。"): ["lead\t乙区市场监管局\tmarket_regulation\t乙区"],
        ("b.txt", "3", "开展农药兽药残留专项整治。"): ["lead\t乙区农业农村局\tagriculture\t"],
    }
    rows = [
        (*task, held) for task, each in holders.items() for held in (["\n".join(each)] if grouped else each)
    ]
    got = questions.compare_from_rows(
        Rows(["document", "ref", "text", "holders"], rows), {"topic": "明厨亮灶"}
    ).rows
    assert sorted(got, key=str) == sorted(
        [
            ("甲市", "market_regulation", "lead", 1, "甲市市场监管局", "a:1"),
            ("甲市", None, "responsible", 1, "甲市教育局", "a:1"),
            ("乙区", "market_regulation", "lead", 1, "乙区市场监管局", "b:2"),
        ],
        key=str,
    )


def random_roles(seed: int, tasks: int = 60) -> list[tuple[str, str, str | None, str, str | None]]:
    """(document, ref, due, holder, region) of random tasks: some without a due date, departments
    in one of two regions or none, and a department sometimes holding two roles on one task."""
    rng = random.Random(seed)
    out = []
    for n in range(tasks):
        due = rng.choice([None, "2024-06-30", "2025-12-31"])
        for department in rng.sample(DEPARTMENTS, rng.randint(1, 3)):
            region = rng.choice([None, "甲市", "乙区"])
            for role in rng.sample(ROLES, rng.choice([1, 1, 2])):
                out.append((f"{n % 4}.txt", f"{n // 4}", due, f"{role}\t{department}", region))
    return out


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("grouped", [True, False])
def test_workload_counts_each_department_s_distinct_tasks(seed: int, grouped: bool) -> None:
    roles = random_roles(seed)
    # Counted the plain way: the distinct tasks of each department by role, document and year.
    expected: dict[tuple[Any, ...], set[tuple[str, str]]] = {}
    for document, ref, due, holder, region in roles:
        role, name = holder.split("\t")
        for by, value in (("role", role), ("document", document), ("year", due[:4] if due else None)):
            expected.setdefault((name, region, by, value), set()).add((document, ref))
    cells: dict[tuple[str, str, str | None], list[str]] = {}
    for document, ref, due, holder, region in roles:
        cells.setdefault((document, ref, due), []).append(f"{holder}\t{region or ''}")
    rows = [
        (*task, cell) for task, each in cells.items() for cell in (["\n".join(each)] if grouped else each)
    ]
    got = questions.workload_from_rows(Rows(["document", "ref", "due", "holders"], rows), {}).rows
    assert sorted(got, key=str) == sorted(((*key, len(held)) for key, held in expected.items()), key=str)


@pytest.mark.parametrize("threshold", [-1.0, 1.5, float("nan"), float("inf")])
def test_a_similarity_threshold_outside_0_to_1_is_refused(threshold: float) -> None:
    rows = Rows(
        ["document", "ref", "text", "holders"], [("a.txt", "1", "推行明厨亮灶工程全覆盖", "lead\t甲局")]
    )
    with pytest.raises(QueryError, match="threshold is a cosine similarity from 0 to 1"):
        questions.overlaps_from_rows(rows, {"threshold": threshold})
    with pytest.raises(QueryError, match="min_shared is a number of tasks"):
        questions.overlaps_from_rows(rows, {"min_shared": -3})
