"""A change to query files, measured: each question's SPARQL as a git revision had it against the checkout's.

The speed of a shared host moves from minute to minute, so latencies measured an hour apart do not
show what a change to a query gained. This times both versions of each question in the same
process, on the same store, alternating in a random order, and reports both medians and whether
they answer the same rows. Questions about one department or document get the parameters that
``run.py`` gives them (the corpus's busiest department, its first document).

With ``--code`` it times the whole question instead (``fsgraph.queries.run``: the query, and the
Python that computes on its rows), each version with its own ``src/`` and ``queries/`` (the
revision's from a git worktree): batches of runs in a fresh process on either side, alternating.
Both sides run as pure Python, so a change to compiled modules' code is measured uncompiled.

    python benchmarks/query_changes.py --against d39ebcd                 # every question that changed
    python benchmarks/query_changes.py --against d39ebcd --sizes 100 --runs 9 no-lead
    python benchmarks/query_changes.py --against ad3ebec --code overlaps compare

Results: added to the list in benchmarks/results/query_changes.json, one entry per comparison (with
the machine and the host's speed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import (  # noqa: E402
    BY_DEPARTMENT,
    RESULTS,
    WHOLE_CORPUS,
    build,
    by_department,
    corpus,
    host_speed,
    machine,
    parameters,
    whole,
)

QUERIES = HERE.parent / "queries"


def earlier_text(revision: str, name: str) -> str | None:
    """``queries/NAME.rq`` as ``revision`` had it, or None when it had none."""
    shown = subprocess.run(
        ["git", "show", f"{revision}:queries/{name}.rq"], cwd=HERE.parent, capture_output=True, text=True
    )
    return shown.stdout if shown.returncode == 0 else None


def asked(name: str, picked: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """The (key, parameters) under which run.py times the question ``name``."""
    out = [(name, picked.get(name, {}))]
    if name in WHOLE_CORPUS:
        out.append((whole(name), {}))
    if name in BY_DEPARTMENT:
        out.append((by_department(name), picked[by_department(name)]))
    return out


def compare(store_dir: Path, name: str, params: dict[str, Any], before: str, runs: int) -> dict[str, Any]:
    """Medians (ms) of the revision's text and the checkout's, alternating, and whether rows agree."""
    from fsgraph import queries, store

    values = queries.bind(queries.question(name), params)
    texts = {"before": before, "after": (QUERIES / f"{name}.rq").read_text(encoding="utf-8")}

    def answer(text: str) -> list[str]:
        used = {k: values[k] for k in queries._used(text, "sparql", list(values))}
        return sorted(map(repr, store.sparql(store_dir, text, used).rows))

    rows = {key: answer(text) for key, text in texts.items()}  # also the warm-up
    times: dict[str, list[float]] = {key: [] for key in texts}
    order = list(texts)
    for _ in range(runs):
        random.shuffle(order)
        for key in order:
            start = time.perf_counter()
            answer(texts[key])
            times[key].append(time.perf_counter() - start)
    before_ms, after_ms = (round(statistics.median(times[key]) * 1000, 2) for key in ("before", "after"))
    return {
        "before_ms": before_ms,
        "after_ms": after_ms,
        "change_percent": round(100 * (after_ms - before_ms) / before_ms, 1),
        "runs": runs,
        "rows": len(rows["after"]),
        "same_rows": rows["before"] == rows["after"],
    }


# One batch of whole-question runs, in a process of its own on one side's src/: a warm-up (which
# also imports what the computation needs), then the runs; prints their seconds and a digest of
# the rows.
_BATCH = """
import hashlib, json, sys, time
from fsgraph import queries
store, name, params, runs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
rows = queries.run(name, params, store=store).rows
seconds = []
for _ in range(runs):
    start = time.perf_counter()
    queries.run(name, params, store=store)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"seconds": seconds, "rows": len(rows), "digest": hashlib.sha256(repr(rows).encode()).hexdigest()}))
"""


def compare_code(
    store_dir: Path, name: str, params: dict[str, Any], trees: dict[str, Path], runs: int
) -> dict[str, Any]:
    """Medians (ms) of the whole question with the revision's code and the checkout's (batches of
    ``runs`` in a fresh process, alternating, five batches a side), and whether rows agree."""
    times: dict[str, list[float]] = {key: [] for key in trees}
    digests: dict[str, set[str]] = {key: set() for key in trees}
    counts: dict[str, int] = {}
    order = list(trees)
    for _ in range(5):
        random.shuffle(order)
        for key in order:
            env = {**os.environ, "PYTHONPATH": str(trees[key] / "src")}
            done = subprocess.run(
                [sys.executable, "-c", _BATCH, str(store_dir), name, json.dumps(params), str(runs)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            batch = json.loads(done.stdout)
            times[key] += batch["seconds"]
            digests[key].add(batch["digest"])
            counts[key] = batch["rows"]
    before_ms, after_ms = (round(statistics.median(times[key]) * 1000, 2) for key in ("before", "after"))
    return {
        "before_ms": before_ms,
        "after_ms": after_ms,
        "change_percent": round(100 * (after_ms - before_ms) / before_ms, 1),
        "runs": 5 * runs,
        "rows": counts["after"],
        "same_rows": digests["before"] == digests["after"] and len(digests["after"]) == 1,
        "whole_question": True,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("names", nargs="*", help="questions (default: every one whose .rq changed)")
    parser.add_argument("--against", required=True, help="the git revision to compare with")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=15, help="runs of each version (median)")
    parser.add_argument(
        "--code", action="store_true", help="time the whole question with each version's code (see above)"
    )
    args = parser.parse_args()
    names = args.names or [
        path.stem
        for path in sorted(QUERIES.glob("*.rq"))
        if earlier_text(args.against, path.stem) != path.read_text()
    ]
    against = (
        subprocess.run(  # the commit itself: a name such as HEAD moves on
            ["git", "rev-parse", "--short", args.against], cwd=HERE.parent, capture_output=True, text=True
        ).stdout.strip()
        or args.against
    )
    result: dict[str, Any] = {"against": against, "machine": machine(), "sizes": {}}
    result["machine"]["python_loop_s"] = host_speed()
    trees: dict[str, Path] = {}
    if args.code:  # the revision's source beside the checkout's, removed when done
        trees = {"before": Path(tempfile.mkdtemp()) / "tree", "after": HERE.parent}
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(trees["before"]), against],
            cwd=HERE.parent,
            check=True,
            capture_output=True,
        )
    try:
        result["sizes"] = measure(args, names, trees)
    finally:
        if trees:
            subprocess.run(["git", "worktree", "remove", "--force", str(trees["before"])], cwd=HERE.parent)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "query_changes.json"
    earlier = json.loads(out.read_text()) if out.exists() else []
    out.write_text(json.dumps([*earlier, result], ensure_ascii=False, indent=1) + "\n")


def measure(args: argparse.Namespace, names: list[str], trees: dict[str, Path]) -> dict[str, Any]:
    """Timings of each question by size: its text against the revision's, or with ``trees``
    (``--code``) the whole question with each version's source."""
    sizes: dict[str, Any] = {}
    for size in args.sizes:
        store_dir = Path(tempfile.gettempdir()) / f"fsgraph-bench-store-{size}"
        if not (store_dir / "fsgraph-store.json").exists():
            build(corpus(size), store_dir, 1)
        picked = parameters(store_dir)
        timings: dict[str, Any] = {}
        for name in names:
            before = earlier_text(args.against, name)
            if before is None:
                continue
            for key, params in asked(name, picked):
                if trees:
                    timings[key] = compare_code(store_dir, name, params, trees, max(1, args.runs // 5))
                else:
                    timings[key] = compare(store_dir, name, params, before, args.runs)
                print(f"{size:>6} {key:36} {json.dumps(timings[key])}", flush=True)
        sizes[str(size)] = timings
    return sizes


if __name__ == "__main__":
    main()
