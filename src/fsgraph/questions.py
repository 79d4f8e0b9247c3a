"""The questions researchers ask, one plain function each, and the computations some of them need.

Each function runs the question's query file (``queries/NAME.rq`` or ``NAME.cypher``) through
:func:`fsgraph.queries.run` on the engine named, and returns :class:`fsgraph.store.Rows`; ``fsgraph ask
NAME`` is the same call. ``overlaps`` and ``compare`` finish in Python: their query fetches tasks and
departments, and the similarity of task texts is computed here (character n-gram TF-IDF, scikit-learn).
The network questions (``hubs``, ``clusters``, ``lineage``) are in :mod:`fsgraph.network`.

Examples
--------
>>> rows = Rows(["document", "ref", "text", "holders"], [("a.txt", "1", "推行明厨亮灶", "lead\\t甲局\\nlead\\t乙局")])
>>> overlaps_from_rows(rows, {"kind": "leads", "threshold": 0.5, "min_shared": 3}).rows
[('leads', 'a.txt', '1', '乙局、甲局', None, None, None, 2, None)]
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter, defaultdict
from itertools import combinations, pairwise
from typing import Any

from . import fetched
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


def departments(
    department: str = "",
    *,
    jurisdiction: str = "",
    match: str = "",
    engine: str = "oxigraph",
    store: Store = None,
    **engine_options: Any,
) -> Rows:
    """The departments the store knows (all, those ``department`` names, or those whose canonical
    name contains ``match``), with their tasks and documents."""
    return _ask(
        "departments",
        engine,
        store,
        engine_options,
        department=department,
        jurisdiction=jurisdiction,
        match=match,
    )


def check_department(
    department: str, *, engine: str = "oxigraph", store: Store = None, **engine_options: Any
) -> None:
    """Raise :class:`QueryError` when no department of the store goes by ``department`` (as a name,
    an alias or a short form such as 市农委), naming the departments whose names are most like it."""
    if departments(department, engine=engine, store=store, **engine_options).rows:
        return
    names = [str(row[0]) for row in departments(engine=engine, store=store, **engine_options).rows]
    alike = names_like(department, names)
    hint = f"; names like it: {SEPARATOR.join(alike)}" if alike else ""
    raise QueryError(
        f"unknown department {department!r}: no department of the store goes by it "
        f"(`fsgraph ask departments` lists them){hint}"
    )


def names_like(asked: str, names: list[str], n: int = 5) -> list[str]:
    """Up to ``n`` of ``names`` most like ``asked``: those containing it, shortest first, else the
    closest by difflib's ratio over characters (0.5 at least, so that a name unlike any gives none).

    >>> names_like("农业", ["阜新市农业委员会", "阜新市商务局", "XX区农业农村局"])
    ['XX区农业农村局', '阜新市农业委员会']
    >>> names_like("阜新市商务厅", ["阜新市农业委员会", "阜新市商务局"])
    ['阜新市商务局']
    """
    asked = asked.strip()
    containing = sorted((name for name in set(names) if asked and asked in name), key=lambda x: (len(x), x))
    if containing:
        return containing[:n]
    return difflib.get_close_matches(asked, sorted(set(names)), n=n, cutoff=0.5)


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
    """Character 2–3-gram TF-IDF vectors of the distinct texts of ``texts`` and ``extra``, which are
    normalised (:func:`_normalise`, as duties are), in rows in order of first appearance, and which
    row each text and each extra is (index arrays).

    The weights are those of the whole list, repeats included, and each row is the one a
    ``TfidfVectorizer`` fitted on the whole list would give, stored in the same order (the order in
    which n-grams first appear), so that dot products with it are the same floats to the last bit.
    """
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    everything = [*texts, *(extra or [])]
    ids: dict[str, int] = {}
    inverse = np.fromiter((ids.setdefault(t, len(ids)) for t in everything), np.intp, len(everything))
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

    matrix, of_texts, of_queries = _distinct_vectors(
        list(map(_normalise, texts)), list(map(_normalise, queries))
    )
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


def _normalise(text: str) -> str:
    return "".join(text.split())


# A duty is a clause of a task: tasks bundle several duties, and one shared duty is what makes two
# tasks overlap. Bracketed asides and attributions ((牵头单位:…), （区市场监管局）) are not duties.
_BRACKETED = re.compile(r"[（(【][^（()）【】]*[)）】]")
_CLAUSE_END = re.compile(r"[。；;！!？?，,：:\n]")
_DEADLINE_ONLY = re.compile(r"^(?:到|在|于)?\d{4}年(?:底|末|年底)?(?:前|以前)?$")
MIN_DUTY = 8  # characters: shorter clauses (提高监管效能) are too generic to tell duties apart


def duties(text: str) -> list[str]:
    """The clauses of a task text that state a duty (at least :data:`MIN_DUTY` characters).

    >>> duties("全面推行“明厨亮灶”，提高监管效能。（区市场监管局）")
    ['全面推行“明厨亮灶”']
    >>> duties("推进化肥农药减量增效【责任单位：市农业农村局】")
    ['推进化肥农药减量增效']
    """
    text = _normalise(text)
    while _BRACKETED.search(text):
        text = _BRACKETED.sub("", text)
    clauses = (c.strip() for c in _CLAUSE_END.split(text))
    return [c for c in clauses if len(c) >= MIN_DUTY and not _DEADLINE_ONLY.match(c)]


def _tasks(rows: Rows) -> dict[tuple[str, str], dict[str, Any]]:
    """Tasks of fetched rows, in order of (document, ref): text, holders and departments
    (:func:`fsgraph.fetched.tasks`)."""
    return fetched.tasks(rows.rows, *map(rows.variables.index, ("document", "ref", "text", "holders")))


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


def _similarity_threshold(params: dict[str, Any]) -> float:
    """The least cosine similarity asked for: a number from 0 to 1 (NaN compares false with all)."""
    threshold = float(params.get("threshold", 0.6))
    if not 0 <= threshold <= 1:
        raise QueryError(f"threshold is a cosine similarity from 0 to 1, not {threshold:g}")
    return threshold


def overlaps_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The overlaps question's answer from its fetched rows (see ``queries/overlaps.rq``)."""
    kind = params.get("kind") or ""
    if kind not in ("", "leads", "similar", "shared"):
        raise QueryError(f"overlaps: kind must be leads, similar or shared, not {kind!r}")
    threshold = _similarity_threshold(params)
    min_shared = int(params.get("min_shared", 3))
    if min_shared < 0:
        raise QueryError(f"overlaps: min_shared is a number of tasks, 0 or more, not {min_shared}")
    tasks = _tasks(rows)
    out: list[tuple[Any, ...]] = []
    if kind in ("", "leads"):
        for (document, ref), task in tasks.items():
            leads = {department for role, department, *_ in task["holders"] if role == "lead"}
            if len(leads) > 1:
                out.append(
                    (
                        "leads",
                        document,
                        ref,
                        SEPARATOR.join(sorted(leads)),
                        None,
                        None,
                        None,
                        len(leads),
                        None,
                    )
                )
    if kind in ("", "similar"):
        out.extend(_similar_duties(tasks, threshold))
    if kind in ("", "shared"):
        together: Counter[tuple[str, str]] = Counter()
        pairs_of: dict[frozenset[str], list[tuple[str, str]]] = {}  # tasks share department sets
        for task in tasks.values():
            departments = task["departments"]
            if departments not in pairs_of:
                pairs_of[departments] = list(combinations(sorted(departments), 2))
            together.update(pairs_of[departments])
        if min_shared > 0:
            pairs = sorted(pair for pair, n in together.items() if n >= min_shared)
        else:  # pairs of departments sharing no task count too
            held = set().union(*(task["departments"] for task in tasks.values()))
            pairs = list(combinations(sorted(held), 2))
        out.extend(("shared", None, None, a, None, None, b, together[(a, b)], None) for a, b in pairs)
    return Rows(COLUMNS_OVERLAPS, out)


def _similar_duties(
    tasks: dict[tuple[str, str], dict[str, Any]], threshold: float, block: int = 256
) -> list[tuple[Any, ...]]:
    """Near-identical duties given to different departments: one row per task holding a duty of a
    group whose tasks' departments differ (see ``queries/overlaps.rq``).

    Duties are grouped by their leading duty: in order of how many tasks hold them (then of first
    appearance), each duty not yet grouped leads a group and takes every ungrouped duty at least
    ``threshold`` alike to it. Every duty of a group is so alike to the one that leads it, which
    names the group, and however many tasks share a duty the answer has one row per task (pairs of
    tasks would be quadratic: a duty every city's plan gives its own bureau makes millions).
    """
    import numpy as np

    keys = list(tasks)
    units = [(n, duty) for n, key in enumerate(keys) for duty in duties(tasks[key]["text"])]
    if not units:
        return []
    matrix, inverse, _ = _distinct_vectors([duty for _, duty in units])
    p, q, cosine = _similar_rows(matrix, threshold, block)
    score = np.array([round(c, 3) for c in cosine.tolist()])  # printed to three places, and so compared
    kept = score >= threshold
    order = np.lexsort((q[kept], p[kept]))
    p, q, score = p[kept][order], q[kept][order], score[kept][order]
    size = matrix.shape[0]
    starts = np.searchsorted(p, np.arange(size + 1))  # duty d's alike ones: q[starts[d] : starts[d + 1]]
    task = np.array([n for n, _ in units])
    holders = np.bincount(np.unique(inverse * len(keys) + task) // len(keys), minlength=size)
    leader = np.full(size, -1)
    alike = np.zeros(size)
    for d in sorted(range(size), key=lambda d: (-holders[d], d)):
        if leader[d] >= 0:
            continue
        near, scores = q[starts[d] : starts[d + 1]], score[starts[d] : starts[d + 1]]
        free = leader[near] < 0
        leader[near[free]], alike[near[free]] = d, scores[free]

    text = dict(zip(inverse.tolist(), (duty for _, duty in units), strict=True))
    # Each task's best score in each group: the units sorted by (group, task), best score first,
    # and the first of each run kept. Tasks then come in order within a group.
    group_of, alike_of = leader[inverse], alike[inverse]  # each unit's group, and its score there
    grouped = group_of >= 0
    pair = group_of[grouped] * len(keys) + task[grouped]
    order = np.lexsort((-alike_of[grouped], pair))
    pair, best = pair[order], alike_of[grouped][order]
    first = np.ones(len(pair), dtype=bool)
    first[1:] = pair[1:] != pair[:-1]
    group, held, best = pair[first] // len(keys), pair[first] % len(keys), best[first]
    runs = np.flatnonzero(np.diff(group, prepend=-1, append=-1)).tolist()

    departments = [tasks[key]["departments"] for key in keys]
    named = {d: SEPARATOR.join(sorted(d)) for d in set(departments)}  # tasks share department sets
    names = [named[d] for d in departments]
    out: list[tuple[Any, ...]] = []
    for start, end in pairwise(runs):
        members, scores = held[start:end].tolist(), best[start:end].tolist()
        first_task = members[0]
        other = next((n for n in members if departments[n] != departments[first_task]), None)
        if other is None:
            continue  # every task of the group gives the duty to the same departments
        duty = text[int(group[start])]
        for n, score in zip(members, scores, strict=True):
            # Who else: the group's first task, or the first whose departments differ from it.
            m = first_task if departments[n] != departments[first_task] else other
            out.append(("similar", *keys[n], names[n], *keys[m], names[m], score, duty))
    return out


def workload_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The workload question's answer from its fetched rows (see ``queries/workload.rq``): each
    department's distinct tasks by role, by document and by the year of the task's due date (None
    for a task without one; :func:`fsgraph.fetched.workload`)."""
    columns = map(rows.variables.index, ("document", "ref", "due", "holders"))
    return Rows(["name", "region", "by", "value", "tasks"], fetched.workload(rows.rows, *columns))


def compare_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The compare question's answer from its fetched rows (see ``queries/compare.rq``)."""
    topic = str(params.get("topic") or "").strip()
    threshold = _similarity_threshold(params)
    tasks = _tasks(rows)
    words = _normalise(topic)
    asked = [words]
    document, sep, ref = topic.partition(":")
    if sep:
        found = next(
            (t for (d, r), t in tasks.items() if r == ref and d.rsplit(".", 1)[0] in (document, d)), None
        )
        if found is None:
            raise QueryError(
                f"compare: no task {ref!r} with a lead or responsible department in {document!r}"
            )
        asked = duties(found["text"]) or [_normalise(found["text"])]
    keys = list(tasks)
    chosen = {k for k in keys if not sep and words in _normalise(tasks[k]["text"])}
    units = [(k, duty) for k in keys for duty in duties(tasks[k]["text"])]
    if units and any(asked):
        from sklearn.metrics.pairwise import linear_kernel

        matrix, of_duties, of_asked = _distinct_vectors([duty for _, duty in units], asked)
        alike = (linear_kernel(matrix[of_asked], matrix).max(axis=0) >= threshold)[of_duties]
        chosen.update(key for (key, _), hit in zip(units, alike.tolist(), strict=True) if hit)
    groups: dict[tuple[Any, Any, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key in chosen:
        for role, department, category, region in tasks[key]["holders"]:
            if role not in ("lead", "responsible"):
                continue  # the question is who leads or answers for a duty, not who supports it
            group = groups[(region, category, role)]
            group["tasks"].add(f"{key[0].rsplit('.', 1)[0]}:{key[1]}")
            group["departments"].add(department)
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
