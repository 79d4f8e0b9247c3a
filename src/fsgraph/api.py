"""The library functions behind each CLI command."""

from __future__ import annotations

import gc
import itertools
import json
import multiprocessing
import os
import pickle
import signal
import statistics
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from .errors import FsgraphError, InputError
from .extraction import extract_path
from .model import Document

T = TypeVar("T")

# Files per task sent to a worker process: a synthetic document takes a few milliseconds, so eight
# make a task long enough that sending it costs little, and short enough to keep the cores even.
CHUNKSIZE = 8
# Below this many files a pool costs more to start than it saves.
MIN_PARALLEL_FILES = 16
# Seconds until worker processes are ready (the fork server imports fsgraph first: 0.3–0.4 s on a
# 2-core host). This process works on meanwhile, and the workers share what is left then, so they
# save time only when the work is at least twice that: else this process does it all.
WORKERS_START = 0.4
# Files whose median time is this process's pace (see map_files).
_PACE_FILES = 8
# Modules the worker processes import once, in the server they are forked from.
_PRELOAD = ["fsgraph.extraction", "fsgraph.store"]


def default_jobs() -> int:
    """The number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files to read: each path, or every supported file under a folder; plus the bad paths."""
    from . import readers

    return readers.iter_inputs(paths)


def extract_many(
    paths: Iterable[str | Path], jobs: int | None = None
) -> tuple[list[Document], list[FsgraphError]]:
    """Extract every readable document; collect one error per unreadable one.

    ``jobs`` worker processes extract in parallel (default: one per core); the documents come in
    the order of the files, the same as with ``jobs=1``.
    """
    return map_paths(extract_path, paths, jobs)


def map_paths(
    function: Callable[[Path], T], paths: Iterable[str | Path], jobs: int | None = None
) -> tuple[list[T], list[FsgraphError]]:
    """``function`` of every file of ``paths`` (:func:`expand`), in order (:func:`map_files`); and
    the errors: bad paths first, then those the files raised."""
    files, errors = expand(paths)
    results: list[T] = []
    failures: list[FsgraphError] = list(errors)
    # The results kept make no reference cycles (refcounting frees them): each is frozen out of
    # the cyclic collector's reach, whose full collections would otherwise go through all of them
    # again and again as they pile up (a tenth of the time of a thousand documents).
    thawed = gc.get_freeze_count() == 0
    try:
        for result in map_files(function, files, jobs):
            if isinstance(result, FsgraphError):
                failures.append(result)
            else:
                results.append(result)
                gc.freeze()
    finally:
        if thawed:
            gc.unfreeze()
    return results, failures


def summary_line(doc: Document) -> str:
    """What ``fsgraph extract`` says of a document on stderr."""
    roles = sum(len(t.roles) for t in doc.tasks)
    return (
        f"{doc.doc}: {len(doc.tasks)} tasks, {roles} roles, {len(doc.departments)} departments, "
        f"{sum(1 for t in doc.tasks if t.deadline_text)} deadlines, {len(doc.targets)} targets, "
        f"{len(doc.parents)} parents, {len(doc.unparsed)} unparsed"
    )


def extract_json(path: Path, entry: bool = True) -> tuple[str, str]:
    """A document's summary line and its ``fsgraph extract --format json`` entry (JSON text, as an
    element of the list the command writes; "" without ``entry``): what a worker of the command
    hands back. The main process then writes text out as it comes instead of encoding every
    :class:`Document` itself (a pure-Python, indented JSON encoder), and no Document is pickled."""
    doc = extract_path(path)
    return summary_line(doc), json_entry(doc.to_json()) if entry else ""


def json_entry(value: Any) -> str:
    """``value`` as ``json.dump(…, indent=1)`` writes an element of a list: every line one space
    in. A line break in the text is always JSON's own (strings have theirs escaped); str.splitlines
    would also break at U+2028 or U+0085, which JSON leaves as they are."""
    return " " + json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")


def map_files(
    function: Callable[[Path], T],
    files: Sequence[Path],
    jobs: int | None = None,
    chunksize: int = CHUNKSIZE,
    ahead: int | None = None,
    *,
    head_start: bool = True,
) -> Generator[T | FsgraphError, None, None]:
    """``function`` of each file, in the order of ``files``; the FsgraphError a file raised in its place.

    With ``jobs`` > 1 the files are handed to worker processes ``chunksize`` at a time, and at most
    ``ahead`` files (default: two chunks per worker) are under way ahead of the consumer: a consumer
    that stores results as they come holds a bounded number of them, however many files there are,
    and the workers go on while it is busy. With ``head_start`` this process works on the files
    itself, one at a time, until at the pace of its last few the rest would take at least twice
    as long as workers take to start (:data:`WORKERS_START`): then it starts them and goes on
    until they are ready. A corpus that one process finishes sooner starts no workers at all.
    ``function`` must be a module-level function (workers import it by name). Other exceptions
    propagate, as in a loop.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1 or len(files) < MIN_PARALLEL_FILES:
        for file in files:
            yield from _apply(function, [file])
        return
    done_here = 0  # the first files, which this process did itself
    took: deque[float] = deque(maxlen=_PACE_FILES)
    pool: ProcessPoolExecutor | None = None
    starter: ThreadPoolExecutor | None = None
    starting: Future[None] | None = None
    try:
        # One file at a time here: the workers are started (in a thread) once the pace says they
        # pay, and this process goes on until they are ready.
        while done_here < len(files):
            if starting is None and (not head_start or _workers_pay(took, len(files) - done_here)):
                pool = ProcessPoolExecutor(
                    max_workers=jobs, mp_context=_context(), initializer=_leave_interrupts_to_the_caller
                )
                starter = ThreadPoolExecutor(max_workers=1)
                starting = starter.submit(_start_workers, pool, jobs)
            if starting is not None and (not head_start or starting.done()):
                break
            began = time.perf_counter()
            results = _apply(function, [files[done_here]])
            took.append(time.perf_counter() - began)
            done_here += 1
            yield from results
        if pool is None or starting is None:
            return  # this process did every file
        starting.result()  # a failure to start the workers is raised here
        rest = files[done_here:]
        chunks = (list(rest[i : i + chunksize]) for i in range(0, len(rest), chunksize))
        in_flight = max(2 * jobs, -(-(ahead or 0) // chunksize))
        window: deque[Future[bytes]] = deque(
            pool.submit(_apply_pickled, function, chunk) for chunk in itertools.islice(chunks, in_flight)
        )
        while window:
            done: list[T | FsgraphError] = pickle.loads(window.popleft().result())
            for chunk in itertools.islice(chunks, 1):
                window.append(pool.submit(_apply_pickled, function, chunk))
            yield from done
    finally:
        # Also when the consumer stops early (an error, an interrupt): drop what has not started.
        if starter is not None:
            starter.shutdown(wait=True)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _workers_pay(took: deque[float], left: int) -> bool:
    """Whether ``left`` files at the median pace of the files ``took`` (seconds each; three at
    least, since the first call also loads what extraction needs once) take at least twice as long
    as workers take to start."""
    return len(took) >= 3 and statistics.median(took) * left >= 2 * WORKERS_START


def _leave_interrupts_to_the_caller() -> None:
    """Ctrl-C reaches every process of the terminal's group: a worker leaves it to the process
    that started it, which stops the pool, instead of printing a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _apply(function: Callable[[Path], T], files: list[Path]) -> list[T | FsgraphError]:
    results: list[T | FsgraphError] = []
    for file in files:
        try:
            results.append(function(file))
        except FsgraphError as error:
            results.append(error)
    return results


def _start_workers(pool: ProcessPoolExecutor, jobs: int) -> None:
    """Start the pool's workers: a task for each makes the pool start it (and, before the first,
    the fork server); each returns at once."""
    for _ in range(jobs):
        pool.submit(int)


def _apply_pickled(function: Callable[[Path], T], files: list[Path]) -> bytes:
    """:func:`_apply` pickled in the worker, so that the pool hands back one bytes object, which
    its thread in the main process takes off the pipe at once; the consumer unpickles it. Left to
    the pool, that thread unpickles each result itself before it reads the next, holding the
    interpreter lock, while the workers wait to write theirs."""
    global _settled
    out = pickle.dumps(_apply(function, files), protocol=pickle.HIGHEST_PROTOCOL)
    if not _settled:
        # After its first task a worker holds what extraction loads once (lexicons, patterns,
        # caches): moved out of the cyclic collector's reach, which otherwise walks all of it in
        # every full collection (1,000 synthetic documents: 0.18-0.25 s of the workers' 2 s went
        # to collections, 0.07-0.13 s so). Garbage of the first task is kept, once.
        gc.freeze()
        _settled = True
    return out


_settled = False  # whether this worker process has frozen what it loaded (see _apply_pickled)


def _context() -> multiprocessing.context.BaseContext:
    """Workers forked from a clean server process that has imported fsgraph once: cheap to start,
    and never a fork of a process whose store (RocksDB) threads are running."""
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")
