"""The computed parts of overlaps and compare on random rows full of repeated duties, where they must
give what comparing every pair of duties gives: the same pairs, in the same order, with the same
floats. (The answers on the corpus, read off the text by hand, are in test_queries.py.)"""

from __future__ import annotations

import random
from functools import partial
from itertools import combinations
from typing import Any

import pytest

from fsgraph import questions
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


def random_rows(seed: int, tasks: int = 40) -> Rows:
    """Role rows as overlaps.rq fetches them: tasks of one to four duties drawn from a few clauses
    (so the same duty comes back in many tasks), each with one to three departments."""
    rng = random.Random(seed)
    rows = []
    for n in range(tasks):
        clauses = rng.choices(CLAUSES, k=rng.randint(1, 4))
        text = "，".join(clauses) + rng.choice(["。", "，提高效能。", "（区市场监管局）"])
        for department in rng.sample(DEPARTMENTS, rng.randint(1, 3)):
            rows.append((f"{n % 3}.txt", f"{n // 3}", text, department, rng.choice(ROLES)))
    return Rows(["document", "ref", "text", "department", "role"], rows)


def every_pair(texts: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, cosine)``, ``i < j``, of the texts at least ``threshold`` alike, every text's
    vector with every other's."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)
    matrix = vectorizer.fit_transform(["".join(t.split()) for t in texts])
    scores = (matrix @ matrix.T).toarray()
    return [
        (i, j, float(scores[i, j]))
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if scores[i, j] >= threshold
    ]


def similar_rows(rows: Rows, threshold: float) -> list[tuple[Any, ...]]:
    """The similar kind of overlaps, duty pair by duty pair: of each pair of tasks with different
    departments, the best score (rounded), then the first duty first in order; pairs of tasks in
    order of their first pair of duties."""
    tasks = questions._tasks(rows)
    departments = {k: set().union(*t["roles"].values()) for k, t in tasks.items()}
    units = [(k, duty) for k in tasks for duty in questions.duties(tasks[k]["text"])]
    best: dict[tuple[Any, Any], tuple[float, str]] = {}
    for i, j, cosine in every_pair([duty for _, duty in units], threshold):
        (a, duty), (b, _) = units[i], units[j]
        score = round(cosine, 3)
        if a == b or score < threshold or departments[a] == departments[b]:
            continue
        if (a, b) not in best or (-score, duty) < (-best[a, b][0], best[a, b][1]):
            best[a, b] = (score, duty)
    return [
        ("similar", *a, "、".join(sorted(departments[a])), *b, "、".join(sorted(departments[b])), *found)
        for (a, b), found in best.items()
    ]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("threshold", [0.3, 0.6, 0.9])
def test_similar_pairs_are_those_of_every_pair(seed: int, threshold: float) -> None:
    rng = random.Random(seed)
    texts = [*rng.choices(CLAUSES, k=30), " 全面推行 明厨亮灶工程 "]  # repeats, and one spaced out
    # The same floats: each score is the same sum of the same products, in the same order.
    assert questions.similar_pairs(texts, threshold, block=7) == every_pair(texts, threshold)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("limit", [1, 5, 1 << 22])
def test_similar_duties_are_those_of_every_pair(
    seed: int, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pairs of duties are taken a chunk at a time: chunks of one task, a few tasks, all of them.
    monkeypatch.setattr(questions, "_partners", partial(questions._partners, limit=limit))
    rows = random_rows(seed)
    for threshold in (0.3, 0.6, 0.95):
        got = questions.overlaps_from_rows(rows, {"kind": "similar", "threshold": threshold}).rows
        assert got == similar_rows(rows, threshold)
    assert got, "identical duties of tasks with different departments are near-identical"


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("min_shared", [0, 1, 2, 4])
def test_shared_counts_are_those_of_every_pair_of_departments(seed: int, min_shared: int) -> None:
    rows = random_rows(seed)
    held: dict[str, set[tuple[str, str]]] = {}
    for document, ref, _, department, _ in rows.rows:
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
