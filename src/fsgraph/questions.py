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

import gc
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import combinations, repeat
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


def _distinct_vectors(texts: list[str], extra: list[str] | None = None) -> tuple[Any, Any, Any]:
    """Character 2–3-gram TF-IDF vectors of the distinct normalised texts of ``texts`` and ``extra``
    (rows in order of first appearance), and which row each text and each extra is (index arrays).

    The weights are those of the whole list, repeats included, and each row is the one a
    ``TfidfVectorizer`` fitted on the whole list would give, stored in the same order (the order in
    which n-grams first appear), so that dot products with it are the same floats to the last bit.
    """
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    everything = [*texts, *(extra or [])]
    ids: dict[str, int] = {}
    inverse = np.fromiter(
        (ids.setdefault(_normalise(t), len(ids)) for t in everything), np.intp, len(everything)
    )
    # A TfidfVectorizer is a CountVectorizer and a TfidfTransformer. Character n-grams need no word
    # segmentation, which Chinese text would otherwise need.
    counts = CountVectorizer(analyzer="char", ngram_range=(2, 3), dtype=np.float64).fit_transform(list(ids))
    weights = TfidfTransformer(sublinear_tf=True).fit(counts[inverse])
    return weights.transform(counts), inverse[: len(texts)], inverse[len(texts) :]


def similarity(texts: list[str], queries: list[str]) -> Any:
    """Cosine similarities of character 2–3-gram TF-IDF vectors: each query (a row) with each text
    (a column), as a numpy array; the vocabulary is fitted on both.

    >>> similarity(["全面推行明厨亮灶", "农药减量增效", "全面推行明厨亮灶"], ["推行明厨亮灶"]).round(2)
    array([[0.77, 0.  , 0.77]])
    """
    from sklearn.metrics.pairwise import linear_kernel

    matrix, of_texts, of_queries = _distinct_vectors(texts, queries)
    return linear_kernel(matrix[of_queries], matrix)[:, of_texts]  # l2-normalised: dot = cosine


def _similar_rows(matrix: Any, threshold: float, block: int) -> tuple[Any, Any, Any]:
    """Ordered pairs ``(p, q, cosine)`` of rows at least ``threshold`` alike, a row with itself too,
    as three arrays: ``cosine`` is row p's dot product with row q, summed in row p's order.

    Computed a block of rows at a time, so memory stays at ``block`` × rows however many there are.
    """
    import numpy as np

    found: list[tuple[Any, Any, Any]] = []
    for start in range(0, matrix.shape[0], block):
        scores = (matrix[start : start + block] @ matrix.T).toarray()
        rows, columns = np.nonzero(scores >= threshold)
        found.append((rows + start, columns, scores[rows, columns]))
    return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))  # type: ignore[return-value]


def _partners(
    inverse: Any, p: Any, q: Any, after: Any, limit: int = 1 << 20
) -> Iterator[tuple[Any, Any, Any]]:
    """Pairs of items whose distinct texts are paired, in chunks of index arrays ``(i, j, pair)``.

    ``inverse`` gives each item's distinct text; ``p``, ``q`` the ordered pairs of distinct texts.
    Every ``i`` is paired with every ``j > after[i]`` whose text is ``q[pair]`` for a ``pair`` with
    ``p[pair]`` the text of ``i`` (``after`` is nondecreasing, at least the item's index), in order of
    ``i`` then ``j``. A chunk holds about ``limit`` pairs and starts at an ``i`` beyond ``after[i - 1]``:
    items sharing an ``after`` (a task's duties) are in one chunk.
    """
    import numpy as np

    n = len(inverse)
    by_text = np.argsort(inverse, kind="stable")
    offsets = np.concatenate(([0], np.cumsum(np.bincount(inverse))))
    # The items each text is paired with: per pair, the items of its q, sorted by (p, item).
    sizes = offsets[q + 1] - offsets[q]
    pair = np.repeat(np.arange(len(p)), sizes)
    item = by_text[_ragged(offsets[q], sizes)]
    key = p[pair].astype(np.int64) * n + item
    order = np.argsort(key, kind="stable")
    key, item, pair = key[order], item[order], pair[order]
    # For each i, its partners are key[low[i] : high[i]].
    text = inverse.astype(np.int64) * n
    low = np.searchsorted(key, text + after, side="right")
    high = np.searchsorted(key, text + n, side="left")
    counts = high - low
    ends = np.cumsum(counts)
    breaks = np.append(np.flatnonzero(after[:-1] < np.arange(1, n)) + 1, n)  # where a chunk may start
    start = done = 0
    while start < n:
        full = int(np.searchsorted(ends, done + limit)) + 1  # items 0 … full - 1 have limit pairs
        stop = int(breaks[np.searchsorted(breaks, min(max(full, start + 1), n))])
        i = np.repeat(np.arange(start, stop), counts[start:stop])
        positions = _ragged(low[start:stop], counts[start:stop])
        yield i, item[positions], pair[positions]
        start, done = stop, int(ends[stop - 1])


def _ragged(starts: Any, sizes: Any) -> Any:
    """``concatenate([arange(s, s + n) for s, n in zip(starts, sizes)])`` without a Python loop."""
    import numpy as np

    total = int(sizes.sum())
    shift = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes)
    return np.arange(total, dtype=np.int64) + shift


def similar_pairs(texts: list[str], threshold: float, block: int = 256) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, cosine)`` with ``i < j`` of texts at least ``threshold`` alike.

    Each distinct text is compared once with each other, a block of them at a time, so memory stays at
    ``block`` × distinct texts however many there are.

    >>> similar_pairs(["全面推行明厨亮灶", "全面推行明厨亮灶工作", "农药减量增效"], 0.5)  # doctest: +ELLIPSIS
    [(0, 1, 0.8...)]
    """
    import numpy as np

    if len(texts) < 2:
        return []
    matrix, inverse, _ = _distinct_vectors(texts)
    p, q, cosine = _similar_rows(matrix, threshold, block)
    pairs: list[tuple[int, int, float]] = []
    if len(p):
        for i, j, pair in _partners(inverse, p, q, np.arange(len(texts))):
            pairs.extend(zip(i.tolist(), j.tolist(), cosine[pair].tolist(), strict=True))
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
    """Tasks of fetched role rows, in order of (document, ref): text, departments by role, and the
    rows themselves (tuples, as ``rows.rows`` holds them)."""
    document, ref, text, department, role = map(
        rows.variables.index, ("document", "ref", "text", "department", "role")
    )
    tasks: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows.rows:
        key = (row[document], row[ref])
        task = tasks.get(key)
        if task is None:
            task = tasks[key] = {"text": row[text] or "", "roles": defaultdict(set), "rows": []}
        task["roles"][row[role]].add(row[department])
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
        together: Counter[tuple[str, str]] = Counter()
        for task in tasks.values():
            together.update(combinations(sorted(set().union(*task["roles"].values())), 2))
        if min_shared > 0:
            pairs = sorted(pair for pair, n in together.items() if n >= min_shared)
        else:  # pairs of departments sharing no task count too
            held = {name for task in tasks.values() for names in task["roles"].values() for name in names}
            pairs = list(combinations(sorted(held), 2))
        out.extend(("shared", None, None, a, None, None, b, together[(a, b)], None) for a, b in pairs)
    return Rows(COLUMNS_OVERLAPS, out)


def _similar_duties(
    tasks: dict[tuple[str, str], dict[str, Any]], threshold: float, block: int = 256
) -> list[tuple[Any, ...]]:
    """Pairs of tasks with different departments sharing a near-identical duty: the best pair of
    duties of each pair of tasks, when its similarity reaches ``threshold``.

    The best pair has the highest score (rounded to three places), then the first duty (of the
    earlier task) first in order. Pairs of tasks come in order of the first pair of their duties to
    reach ``threshold`` (duties in order of task, then of text).
    """
    import numpy as np

    keys = list(tasks)
    units = [(n, duty) for n, key in enumerate(keys) for duty in duties(tasks[key]["text"])]
    if len(units) < 2:
        return []
    matrix, inverse, _ = _distinct_vectors([duty for _, duty in units])
    p, q, cosine = _similar_rows(matrix, threshold, block)
    text = dict(zip(inverse.tolist(), (duty for _, duty in units), strict=True))
    found = [(round(c, 3), text[t]) for c, t in zip(cosine.tolist(), p.tolist(), strict=True)]
    kept = [n for n, (score, _) in enumerate(found) if score >= threshold]
    if not kept:
        return []
    # (score, duty) of each pair of distinct duties, ranked worst to best: of two tasks' pairs of
    # duties, the best has the highest score, then the earlier task's duty first in order.
    ranked = sorted({found[n] for n in kept}, key=lambda v: (-v[0], v[1]), reverse=True)
    rank = {v: r for r, v in enumerate(ranked)}
    pair_rank = np.array([rank[found[n]] for n in kept])
    scores = np.array([score for score, _ in ranked], dtype=object)
    duty_of = np.array([duty for _, duty in ranked], dtype=object)

    task = np.array([n for n, _ in units])
    last = np.searchsorted(task, task, side="right") - 1  # each duty's task's last duty
    departments = [set().union(*tasks[key]["roles"].values()) for key in keys]
    groups: dict[frozenset[str], int] = {}
    group = np.array([groups.setdefault(frozenset(d), len(groups)) for d in departments])
    documents = np.array([d for d, _ in keys], dtype=object)
    refs = np.array([r for _, r in keys], dtype=object)
    names = np.array([SEPARATOR.join(sorted(d)) for d in departments], dtype=object)

    out: list[tuple[Any, ...]] = []
    with _collector_paused():  # millions of rows of strings and numbers, which make no cycles
        for i, j, pair in _partners(inverse, p[kept], q[kept], last):
            a, b = task[i], task[j]
            differ = group[a] != group[b]
            if not differ.any():
                continue
            i, a, b, best = i[differ], a[differ], b[differ], pair_rank[pair[differ]]
            key = a.astype(np.int64) * len(keys) + b
            order = np.argsort(key, kind="stable")  # runs of each i are sorted: timsort merges them
            key = key[order]
            starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
            best = np.maximum.reduceat(best[order], starts)
            first = i[order][starts]  # the stable sort keeps each pair of tasks' first i first
            a, b = a[order][starts], b[order][starts]
            order = np.argsort(first, kind="stable")  # b stays in order for each first
            a, b, best = a[order], b[order], best[order]
            out.extend(
                zip(
                    repeat("similar", len(a)),
                    documents[a].tolist(),
                    refs[a].tolist(),
                    names[a].tolist(),
                    documents[b].tolist(),
                    refs[b].tolist(),
                    names[b].tolist(),
                    scores[best].tolist(),
                    duty_of[best].tolist(),
                    strict=True,
                )
            )
    return out


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: building millions of tuples would start it at every
    700th, and each time it goes through the young lists and tuples again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    words = _normalise(topic)
    chosen = {k for k in keys if not sep and words in _normalise(tasks[k]["text"])}
    units = [(k, duty) for k in keys for duty in duties(tasks[k]["text"])]
    if units and any(asked):
        from sklearn.metrics.pairwise import linear_kernel

        matrix, of_duties, of_asked = _distinct_vectors([duty for _, duty in units], asked)
        alike = (linear_kernel(matrix[of_asked], matrix).max(axis=0) >= threshold)[of_duties]
        chosen.update(key for (key, _), hit in zip(units, alike.tolist(), strict=True) if hit)
    groups: dict[tuple[Any, Any, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    region, category, role, department = map(
        rows.variables.index, ("region", "category", "role", "department")
    )
    for key in chosen:
        for row in tasks[key]["rows"]:
            if row[role] not in ("lead", "responsible"):
                continue  # the question is who leads or answers for a duty, not who supports it
            group = groups[(row[region], row[category], row[role])]
            group["tasks"].add(f"{key[0].rsplit('.', 1)[0]}:{key[1]}")
            group["departments"].add(row[department])
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
