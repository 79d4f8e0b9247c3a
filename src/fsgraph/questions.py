"""The questions researchers ask, one plain function each, and the computations some of them need.

Each function runs the question's query file (``queries/NAME.rq`` or ``NAME.cypher``) through
:func:`fsgraph.queries.run` on the engine named, and returns :class:`fsgraph.store.Rows`; ``fsgraph ask
NAME`` is the same call. ``overlaps`` and ``compare`` finish in Python: their query fetches tasks and
departments, and the similarity of task texts is computed here (character n-gram TF-IDF, scikit-learn).
The network questions (``hubs``, ``clusters``, ``lineage``) are in :mod:`fsgraph.network`.

Examples
--------
>>> rows = Rows(["document", "ref", "text", "department", "role"], [
...     ("a.txt", "1", "推行明厨亮灶", "甲局", "lead"), ("a.txt", "1", "推行明厨亮灶", "乙局", "lead")])
>>> overlaps_from_rows(rows, {"kind": "leads", "threshold": 0.5, "min_shared": 3}).rows
[('leads', 'a.txt', '1', '乙局、甲局', None, None, None, 2, None)]
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from itertools import combinations
from typing import Any

from .errors import QueryError
from .queries import run
from .store import Rows

Store = str | os.PathLike[str] | None
SEPARATOR = "、"  # joins names in one cell, as the documents list departments


def _ask(name: str, engine: str, store: Store, engine_options: dict[str, Any], **params: Any) -> Rows:
    return run(name, params, engine=engine, store=store, **engine_options)


def owns(
    department: str = "",
    *,
    category: str = "",
    jurisdiction: str = "",
    engine: str = "oxigraph",
    store: Store = None,
    **engine_options: Any,
) -> Rows:
    """Everything a department leads, is responsible for or supports, directly or through a collective."""
    return _ask(
        "owns",
        engine,
        store,
        engine_options,
        department=department,
        category=category,
        jurisdiction=jurisdiction,
    )


def no_deadline(*, engine: str = "oxigraph", store: Store = None, **engine_options: Any) -> Rows:
    """Tasks with no deadline at all."""
    return _ask("no-deadline", engine, store, engine_options)


def no_lead(*, engine: str = "oxigraph", store: Store = None, **engine_options: Any) -> Rows:
    """Tasks with neither a lead nor a responsible department."""
    return _ask("no-lead", engine, store, engine_options)


def collective_only(*, engine: str = "oxigraph", store: Store = None, **engine_options: Any) -> Rows:
    """Tasks assigned only to collectives such as 各级政府."""
    return _ask("collective-only", engine, store, engine_options)


def gaps(
    as_of: str = "today", *, engine: str = "oxigraph", store: Store = None, **engine_options: Any
) -> Rows:
    """Unserved targets, departments never assigned anything, and tasks overdue as of ``as_of``."""
    return _ask("gaps", engine, store, engine_options, as_of=as_of)


def workload(
    department: str = "",
    *,
    jurisdiction: str = "",
    engine: str = "oxigraph",
    store: Store = None,
    **engine_options: Any,
) -> Rows:
    """Per department: tasks by role, by document and by deadline year."""
    return _ask("workload", engine, store, engine_options, department=department, jurisdiction=jurisdiction)


def timeline(
    *, jurisdiction: str = "", engine: str = "oxigraph", store: Store = None, **engine_options: Any
) -> Rows:
    """Dated deadlines by year and quarter."""
    return _ask("timeline", engine, store, engine_options, jurisdiction=jurisdiction)


def overlaps(
    kind: str = "",
    *,
    threshold: float = 0.6,
    min_shared: int = 3,
    engine: str = "oxigraph",
    store: Store = None,
    **engine_options: Any,
) -> Rows:
    """Tasks with several leads, near-identical duties of different departments, departments sharing tasks."""
    return _ask(
        "overlaps", engine, store, engine_options, kind=kind, threshold=threshold, min_shared=min_shared
    )


def compare(
    topic: str,
    *,
    threshold: float = 0.6,
    engine: str = "oxigraph",
    store: Store = None,
    **engine_options: Any,
) -> Rows:
    """Which department categories lead or are responsible for duties like ``topic``, per jurisdiction."""
    return _ask("compare", engine, store, engine_options, topic=topic, threshold=threshold)


# ---------------------------------------------------------------------------------------------
# Text similarity


def _vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Character n-grams need no word segmentation, which Chinese text would otherwise need.
    return TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)


def similarity(texts: list[str], queries: list[str]) -> Any:
    """Cosine similarities of character 2–3-gram TF-IDF vectors: each query (a row) with each text
    (a column), as a numpy array; the vocabulary is fitted on both."""
    from sklearn.metrics.pairwise import linear_kernel

    matrix = _vectorizer().fit_transform([_normalise(t) for t in [*texts, *queries]])
    return linear_kernel(matrix[len(texts) :], matrix[: len(texts)])  # l2-normalised: dot = cosine


def similar_pairs(texts: list[str], threshold: float, block: int = 256) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, cosine)`` with ``i < j`` of texts at least ``threshold`` alike.

    Computed a block of rows at a time, so memory stays at ``block`` × ``len(texts)`` however many
    texts there are.

    >>> similar_pairs(["全面推行明厨亮灶", "全面推行明厨亮灶工作", "农药减量增效"], 0.5)  # doctest: +ELLIPSIS
    [(0, 1, 0.8...)]
    """
    import numpy as np

    if len(texts) < 2:
        return []
    matrix = _vectorizer().fit_transform([_normalise(t) for t in texts])
    pairs: list[tuple[int, int, float]] = []
    for start in range(0, len(texts), block):
        scores = (matrix[start : start + block] @ matrix.T).toarray()
        rows, columns = np.nonzero(scores >= threshold)
        for r, c in zip(rows.tolist(), columns.tolist(), strict=True):
            if c > start + r:
                pairs.append((start + r, c, float(scores[r, c])))
    return pairs


def _normalise(text: str) -> str:
    return "".join(text.split())


# A duty is a clause of a task: tasks bundle several duties, and one shared duty is what makes two
# tasks overlap. Bracketed asides and attributions ((牵头单位:…), （区市场监管局）) are not duties.
_BRACKETED = re.compile(r"[（(][^（()）]*[)）]")
_CLAUSE_END = re.compile(r"[。；;！!？?，,：:\n]")
_DEADLINE_ONLY = re.compile(r"^(?:到|在|于)?\d{4}年(?:底|末|年底)?(?:前|以前)?$")
MIN_DUTY = 8  # characters: shorter clauses (提高监管效能) are too generic to tell duties apart


def duties(text: str) -> list[str]:
    """The clauses of a task text that state a duty (at least :data:`MIN_DUTY` characters).

    >>> duties("全面推行“明厨亮灶”，提高监管效能。（区市场监管局）")
    ['全面推行“明厨亮灶”']
    """
    text = _normalise(text)
    while _BRACKETED.search(text):
        text = _BRACKETED.sub("", text)
    clauses = (c.strip() for c in _CLAUSE_END.split(text))
    return [c for c in clauses if len(c) >= MIN_DUTY and not _DEADLINE_ONLY.match(c)]


def _tasks(rows: Rows) -> dict[tuple[str, str], dict[str, Any]]:
    """Tasks of fetched role rows: text, and departments by role (in a stable order)."""
    tasks: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows.to_dicts():
        key = (row["document"], row["ref"])
        task = tasks.setdefault(key, {"text": row["text"] or "", "roles": defaultdict(set), "rows": []})
        task["roles"][row["role"]].add(row["department"])
        task["rows"].append(row)
    return dict(sorted(tasks.items()))


COLUMNS_OVERLAPS = [
    "kind",
    "document",
    "ref",
    "departments",
    "other_document",
    "other_ref",
    "other_departments",
    "score",
    "duty",
]


def overlaps_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The overlaps question's answer from its fetched rows (see ``queries/overlaps.rq``)."""
    kind = params.get("kind") or ""
    if kind not in ("", "leads", "similar", "shared"):
        raise QueryError(f"overlaps: kind must be leads, similar or shared, not {kind!r}")
    threshold = float(params.get("threshold", 0.6))
    min_shared = int(params.get("min_shared", 3))
    tasks = _tasks(rows)
    out: list[tuple[Any, ...]] = []
    if kind in ("", "leads"):
        for (document, ref), task in tasks.items():
            leads = sorted(task["roles"].get("lead", ()))
            if len(leads) > 1:
                out.append(
                    ("leads", document, ref, SEPARATOR.join(leads), None, None, None, len(leads), None)
                )
    if kind in ("", "similar"):
        out.extend(_similar_duties(tasks, threshold))
    if kind in ("", "shared"):
        held: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for key, task in tasks.items():
            for names in task["roles"].values():
                for name in names:
                    held[name].add(key)
        for a, b in combinations(sorted(held), 2):
            shared = len(held[a] & held[b])
            if shared >= min_shared:
                out.append(("shared", None, None, a, None, None, b, shared, None))
    return Rows(COLUMNS_OVERLAPS, out)


def _similar_duties(tasks: dict[tuple[str, str], dict[str, Any]], threshold: float) -> list[tuple[Any, ...]]:
    """Pairs of tasks with different departments sharing a near-identical duty: the best pair of
    duties of each pair of tasks, when its similarity reaches ``threshold``."""
    keys = list(tasks)
    departments = {k: set().union(*tasks[k]["roles"].values()) for k in keys}
    units = [(k, duty) for k in keys for duty in duties(tasks[k]["text"])]
    best: dict[tuple[tuple[str, str], tuple[str, str]], tuple[float, str]] = {}
    for i, j, cosine in similar_pairs([duty for _, duty in units], threshold):
        a, b = units[i][0], units[j][0]
        score = round(cosine, 3)
        if a == b or score < threshold or departments[a] == departments[b]:
            continue
        pair = (a, b) if a < b else (b, a)
        duty = units[i][1] if pair[0] == a else units[j][1]
        if pair not in best or score > best[pair][0] or (score == best[pair][0] and duty < best[pair][1]):
            best[pair] = (score, duty)
    return [
        (
            "similar",
            *a,
            SEPARATOR.join(sorted(departments[a])),
            *b,
            SEPARATOR.join(sorted(departments[b])),
            score,
            duty,
        )
        for (a, b), (score, duty) in best.items()
    ]


def compare_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The compare question's answer from its fetched rows (see ``queries/compare.rq``)."""
    topic = str(params.get("topic") or "").strip()
    threshold = float(params.get("threshold", 0.6))
    tasks = _tasks(rows)
    asked = [topic]
    document, sep, ref = topic.partition(":")
    if sep:
        found = next(
            (t for (d, r), t in tasks.items() if r == ref and d.rsplit(".", 1)[0] in (document, d)), None
        )
        if found is None:
            raise QueryError(
                f"compare: no task {ref!r} with a lead or responsible department in {document!r}"
            )
        asked = duties(found["text"]) or [found["text"]]
    keys = list(tasks)
    chosen = {k for k in keys if not sep and _normalise(topic) in _normalise(tasks[k]["text"])}
    units = [(k, duty) for k in keys for duty in duties(tasks[k]["text"])]
    if units and any(asked):
        scores = similarity([duty for _, duty in units], asked)
        for column, (key, _) in enumerate(units):
            if float(scores[:, column].max()) >= threshold:
                chosen.add(key)
    groups: dict[tuple[Any, Any, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key in chosen:
        for row in tasks[key]["rows"]:
            if row["role"] not in ("lead", "responsible"):
                continue  # the question is who leads or answers for a duty, not who supports it
            group = groups[(row["region"], row["category"], row["role"])]
            group["tasks"].add(f"{key[0].rsplit('.', 1)[0]}:{key[1]}")
            group["departments"].add(row["department"])
    out = [
        (
            region,
            category,
            role,
            len(group["tasks"]),
            SEPARATOR.join(sorted(group["departments"])),
            SEPARATOR.join(sorted(group["tasks"])),
        )
        for (region, category, role), group in groups.items()
    ]
    return Rows(["region", "category", "role", "tasks", "departments", "refs"], out)
