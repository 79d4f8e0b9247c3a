"""Scale benchmark: extraction throughput, build time and memory, store size, question latencies.

For each corpus size (synthetic corpora from benchmarks/synthetic.py, cached in benchmarks/corpora/):

- extraction throughput with one worker and with ``--jobs`` workers (MB/s of file bytes, documents/s),
  each in a fresh process, and the wall time of ``fsgraph extract`` (JSON written out) with each;
- the build of the embedded store in a fresh process: wall time, peak memory (VmHWM of the build
  process from /proc, and the largest sum of the RSS of it and its worker processes, sampled with
  psutil every 50 ms), size on disk; then a second build after one file changed;
- the median latency of every question in ``queries/`` through :func:`fsgraph.queries.run` on the
  store, over ``--runs`` runs (questions about one department or document get one from the corpus),
  and of the same SPARQL (``queries.fetch``) against rdflib's in-memory Dataset of the same quads
  with the parameters written in as Oxigraph gets them, with the ratio.

    python benchmarks/run.py                      # 100, 1000 and 10000 documents
    python benchmarks/run.py --sizes 1000 --jobs 2 --runs 20

Results: benchmarks/results/scale-<size>.json and the table in benchmarks/results/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import generate_corpus  # noqa: E402

CORPORA = HERE / "corpora"
RESULTS = HERE / "results"
# How many times slower than Oxigraph rdflib is expected to be (the goal the benchmark reports on).
RATIO_GOAL = 30.0


def corpus(size: int) -> Path:
    """The cached synthetic corpus of ``size`` documents (seed 0), generated when missing."""
    folder = CORPORA / str(size)
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != size:
        shutil.rmtree(folder, ignore_errors=True)
        generate_corpus(size, folder)
    return folder


# ---------------------------------------------------------------------------------------------
# Measurements in fresh processes (memory and imports of one do not count in the next)

_EXTRACT = """
import json, sys, time
from fsgraph.api import extract_many
if __name__ == "__main__":
    folder, jobs = sys.argv[1], int(sys.argv[2])
    wall, cpu = time.perf_counter(), time.process_time()
    docs, errors = extract_many([folder], jobs=jobs)
    print(json.dumps({"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu,
                      "documents": len(docs), "errors": len(errors)}))
"""

_BUILD = """
import json, sys, time
from fsgraph import store
if __name__ == "__main__":
    folder, target, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    wall = time.perf_counter()
    report = store.build([folder], target, jobs=jobs)
    seconds = time.perf_counter() - wall
    status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    print(json.dumps({"seconds": seconds, "added": len(report.added), "updated": len(report.updated),
                      "errors": len(report.errors), "quads": report.quads,
                      "vmhwm_mb": int(status["VmHWM"].split()[0]) / 1024}))
"""


def _measured(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter; its JSON line, with the peak RSS of its process tree."""
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=tempfile.gettempdir()
    )
    peak = 0
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    out, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"measurement failed ({process.returncode}): {code.splitlines()[3]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_tree_mb"] = round(peak / 2**20, 1)
    return result


def extraction(folder: Path, jobs: int, runs: int = 3) -> dict[str, Any]:
    """Extraction with one worker and with ``jobs``: the run of median time of ``runs`` fresh
    processes each (the speed of a shared host varies from minute to minute)."""
    size_mb = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
    out: dict[str, Any] = {"corpus_mb": round(size_mb, 3), "runs": runs}
    for label, n in (("one_job", 1), ("jobs", jobs)):
        measured = sorted(
            (_measured(_EXTRACT, str(folder), str(n)) for _ in range(runs)), key=lambda r: r["seconds"]
        )
        r = measured[len(measured) // 2]
        out[label] = {
            "jobs": n,
            "seconds": round(r["seconds"], 3),
            "seconds_of_runs": [round(m["seconds"], 3) for m in measured],
            "documents": r["documents"],
            "mb_per_s": round(size_mb / r["seconds"], 3),
            "mb_per_s_per_core": round(size_mb / r["seconds"] / n, 3),
            "documents_per_s": round(r["documents"] / r["seconds"], 1),
            "documents_per_s_per_core": round(r["documents"] / r["seconds"] / n, 1),
        }
        if n == 1:  # CPU time of the one process: the per-core rate however busy the machine is
            out[label]["mb_per_cpu_s"] = round(size_mb / r["cpu_seconds"], 3)
    # The command as a user runs it, JSON written out: start-up, extraction and encoding.
    out["command"] = {}
    for n in sorted({1, jobs}):
        seconds = sorted(_command_seconds(["extract", str(folder), "--jobs", str(n)]) for _ in range(runs))
        median = seconds[len(seconds) // 2]
        out["command"][str(n)] = {
            "jobs": n,
            "seconds": round(median, 3),
            "seconds_of_runs": [round(t, 3) for t in seconds],
            "mb_per_s": round(size_mb / median, 3),
        }
    return out


def _command_seconds(args: list[str]) -> float:
    """Wall time of ``fsgraph ARGS`` in a fresh interpreter, its output thrown away."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "fsgraph", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:  # a synthetic corpus has no unreadable file
        last = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise RuntimeError(f"fsgraph {args[0]} failed ({done.returncode}): {last[0]}")
    return seconds


def _disk(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(folder: Path, store_dir: Path, jobs: int) -> dict[str, Any]:
    shutil.rmtree(store_dir, ignore_errors=True)
    first = _measured(_BUILD, str(folder), str(store_dir), str(jobs))
    out: dict[str, Any] = {
        "jobs": jobs,
        "seconds": round(first["seconds"], 2),
        "documents": first["added"],
        "errors": first["errors"],
        "quads": first["quads"],
        "peak_rss_build_process_mb": round(first["vmhwm_mb"], 1),
        "peak_rss_with_workers_mb": first["peak_rss_tree_mb"],
        "store_mb": round(_disk(store_dir) / 1e6, 1),
    }
    # One changed file, then back: the corpus stays as generated.
    changed = sorted(folder.glob("*.txt"))[3]
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + b"\n")
        second = _measured(_BUILD, str(folder), str(store_dir), str(jobs))
    finally:
        changed.write_bytes(original)
    assert second["updated"] == 1, second
    out["one_changed_seconds"] = round(second["seconds"], 3)
    out["one_changed_percent_of_first"] = round(100 * second["seconds"] / first["seconds"], 2)
    return out


# ---------------------------------------------------------------------------------------------
# Questions

# Questions about one department or document, and the parameter that names it.
SINGLE = {
    "departments": "department",
    "owns": "department",
    "workload": "department",
    "lineage": "document",
    "responsibilities": "document",
}
# Those also asked of the whole corpus (no parameter): the list of every department, and what the
# maps, matrix, ledger and report of every document read, timed as corpus-wide questions under this name.
WHOLE_CORPUS = {"departments", "owns", "workload", "responsibilities"}
# Those about a document also asked of the busiest department (the responsibility map of one
# department), timed as questions about one department under this name.
BY_DEPARTMENT = {"responsibilities"}


def whole(name: str) -> str:
    return f"{name} (whole corpus)"


def by_department(name: str) -> str:
    return f"{name} (one department)"


def kind(key: str) -> str:
    """The kind of question timed under ``key``: about one department or document, or corpus-wide."""
    if key in SINGLE or key in {by_department(name) for name in BY_DEPARTMENT}:
        return "one department or document"
    return "corpus-wide"


def parameters(store_dir: Path) -> dict[str, dict[str, Any]]:
    """Parameters picked from the corpus: its busiest department, its first document, a duty."""
    from fsgraph import store

    department = store.sparql(
        store_dir,
        """SELECT ?name (COUNT(?a) AS ?n) WHERE { ?a fs:department ?d . ?d a fs:Department ;
           skos:prefLabel ?name } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1""",
    ).rows[0][0]
    document = store.sparql(
        store_dir, "SELECT ?f WHERE { ?d a fs:SourceDocument ; fs:fileName ?f } ORDER BY ?f LIMIT 1"
    ).rows[0][0]
    return {
        "departments": {"department": department},
        "owns": {"department": department},
        "workload": {"department": department},
        "lineage": {"document": document},
        "responsibilities": {"document": Path(document).stem},
        "compare": {"topic": "明厨亮灶"},
        **{by_department(name): {"department": department} for name in BY_DEPARTMENT},
    }


# A worker process that times one engine: it reads one question per line (JSON), runs it until it
# has ``runs`` timings or ``budget`` seconds are spent (at least three runs, or the one warm-up run
# when that alone took longer than the budget), and answers with the median. A run is interrupted
# after the job's ``timeout`` seconds; the parent gives up on a worker that does not answer and
# starts a new one: rdflib takes minutes on some questions.
_TIMER = """
import json, signal, statistics, sys, time
from fsgraph import queries, sparql_params, store, vocab
engine, store_dir = sys.argv[1], sys.argv[2]

class TimedOut(BaseException):  # not an Exception: a failing query is caught apart from it
    pass

def alarm(signum, frame):
    raise TimedOut

signal.signal(signal.SIGALRM, alarm)
dataset = store.as_rdflib_graph(store_dir) if engine == "rdflib" else None
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    job = json.loads(line)
    limit = job["timeout"]
    q = queries.question(job["name"])
    if engine == "oxigraph-run":
        call = lambda: len(queries.run(q.name, job["params"], store=store_dir).rows)
    elif engine == "oxigraph-sparql":
        values = queries.bind(q, job["params"])
        call = lambda: len(queries.fetch(q.name, values, store=store_dir).rows)
    else:
        values = queries.bind(q, job["params"])
        # The text Oxigraph runs: the parameters written in as values (fsgraph.sparql_params).
        text = queries.load_query(q.name, "sparql")
        used = {k: values[k] for k in queries._used(text, "sparql", list(values))}
        text = sparql_params.inline(text, used)
        call = lambda: len(list(dataset.query(text, initNs=vocab.PREFIXES)))
    # A run that passes the timeout is interrupted (SIGALRM; rdflib's engine is Python, and Oxigraph's
    # answers are read in Python), and the question reported as timed out.
    try:
        signal.alarm(limit)
        start = time.perf_counter()
        try:
            rows = call()  # a warm-up, not counted; unless it alone spent the budget, then it is the run
        except Exception as error:  # rdflib does not read Oxigraph's extensions (LATERAL)
            signal.alarm(0)
            print(json.dumps({"ms": None, "error": f"{type(error).__name__}: {str(error)[:200]}"}), flush=True)
            continue
        first = time.perf_counter() - start
        slow = first > job["budget"]
        times = [first] if slow else []
        while len(times) < job["runs"] and (sum(times) < job["budget"] or (len(times) < 3 and not slow)):
            signal.alarm(limit)
            start = time.perf_counter()
            rows = call()
            times.append(time.perf_counter() - start)
        signal.alarm(0)
    except TimedOut:
        print(json.dumps({"ms": None, "timed_out_after_s": limit}), flush=True)
        continue
    print(json.dumps({"ms": round(statistics.median(times) * 1000, 2), "runs": len(times), "rows": rows}),
          flush=True)
"""


class Timer:
    """A timing worker for one engine (oxigraph-run, oxigraph-sparql or rdflib) on one store."""

    def __init__(self, engine: str, store_dir: Path, timeout: float) -> None:
        self.engine, self.store_dir, self.timeout = engine, store_dir, timeout
        self.process: subprocess.Popen[str] | None = None
        self.lines: queue.Queue[str] = queue.Queue()
        self.load_seconds: float | None = None

    def _start(self) -> subprocess.Popen[str]:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", _TIMER, self.engine, str(self.store_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        # A thread reads the answers, so that waiting for one can time out (select() on the pipe
        # would miss lines already read into the stream's buffer).
        self.lines = queue.Queue()
        threading.Thread(target=_pump, args=(process.stdout, self.lines), daemon=True).start()
        self.lines.get()
        self.load_seconds = round(time.perf_counter() - start, 1)
        return process

    def time(
        self, name: str, params: dict[str, Any] | None, runs: int, budget: float, timeout: float | None = None
    ) -> dict[str, Any]:
        """{"ms", "runs", "rows"}, or {"timed_out_after_s"} when one run took longer than ``timeout``
        (default: the timer's)."""
        limit = max(1, math.ceil(timeout or self.timeout))  # whole seconds: the worker uses alarm()
        if self.process is None:
            self.process = self._start()
        assert self.process.stdin is not None and self.process.stdout is not None
        job = {"name": name, "params": params, "runs": runs, "budget": budget, "timeout": limit}
        self.process.stdin.write(json.dumps(job))
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        try:  # the worker interrupts a slow run itself; this is for one that does not come back
            answer: dict[str, Any] = json.loads(self.lines.get(timeout=limit * 3 + 60))
        except queue.Empty:
            self.close()
            return {"timed_out_after_s": limit}
        if answer["ms"] is None:
            del answer["ms"]
        return answer

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _pump(stream: Any, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def questions(
    store_dir: Path, runs: int, budget: float, timeout: float, with_rdflib: bool, goal: float = RATIO_GOAL
) -> dict[str, Any]:
    """Every question timed on each engine. rdflib's run of a question may take ``goal`` times
    Oxigraph's (its SPARQL alone) when that is longer than ``timeout``: a run abandoned then still
    shows whether rdflib is at least ``goal`` times slower."""
    from fsgraph import queries

    params = parameters(store_dir)
    timers = {name: Timer(name, store_dir, timeout) for name in ("oxigraph-run", "oxigraph-sparql")}
    if with_rdflib:
        timers["rdflib"] = Timer("rdflib", store_dir, timeout)
    out: dict[str, Any] = {"parameters": params, "timeout_s": timeout, "ratio_goal": goal, "questions": {}}
    try:
        asked = [(q.name, q.name, params.get(q.name)) for q in queries.list_questions()]
        asked += [(whole(name), name, {}) for name in sorted(WHOLE_CORPUS)]
        asked += [(by_department(name), name, params[by_department(name)]) for name in sorted(BY_DEPARTMENT)]
        entries: dict[str, dict[str, Any]] = {}
        # Oxigraph's timings first, for every question, and rdflib's after them: an rdflib run cut
        # off at its time limit leaves its worker busy freeing gigabytes of Python objects, which
        # would slow the next Oxigraph timing on a machine of two cores.
        for key, name, given in asked:
            entry = entries[key] = {"kind": kind(key), "parameters": given or {}}
            for engine in ("oxigraph-run", "oxigraph-sparql"):
                entry[engine] = timers[engine].time(name, given, runs, budget)
        for engine in ("oxigraph-run", "oxigraph-sparql"):
            timers[engine].close()
        for key, name, given in asked:
            entry = entries[key]
            if "rdflib" in timers:
                wait = None
                if "ms" in entry["oxigraph-sparql"]:
                    # Long enough to tell whether rdflib is ``goal`` times slower (5% more).
                    wait = max(timeout, goal * entry["oxigraph-sparql"]["ms"] / 1000 * 1.05)
                entry["rdflib"] = timers["rdflib"].time(name, given, runs, budget, wait)
            ox, rd = entry["oxigraph-sparql"], entry.get("rdflib")
            if rd is not None and "ms" in ox and "error" not in rd:
                entry["rdflib_rows_match"] = rd.get("rows") == ox["rows"] if "rows" in rd else None
                slow = rd.get("ms", rd.get("timed_out_after_s", 0) * 1000)
                entry["rdflib_over_oxigraph"] = round(slow / max(ox["ms"], 0.01), 1)
                entry["rdflib_over_oxigraph_is_lower_bound"] = "timed_out_after_s" in rd
            out["questions"][key] = entry
            print(
                f"  {key:18s}",
                json.dumps({k: v for k, v in entry.items() if k != "parameters"}),
                flush=True,
            )
        out["rdflib_load_seconds"] = timers["rdflib"].load_seconds if with_rdflib else None
    finally:
        for timer in timers.values():
            timer.close()
    return out


# ---------------------------------------------------------------------------------------------


_LOOP = "import time\nt = time.perf_counter()\ns = 0\nfor i in range(5_000_000):\n    s += i\nprint(time.perf_counter() - t)"


def host_speed() -> float:
    """Seconds a fresh interpreter takes for a fixed pure-Python loop (5 M additions), the best of
    three: a shared host's speed varies through the day, and this is a rough gauge of how fast it
    was when a part was measured."""
    runs = [
        float(
            subprocess.run([sys.executable, "-c", _LOOP], capture_output=True, text=True, check=True).stdout
        )
        for _ in range(3)
    ]
    return round(min(runs), 3)


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def cpu_model() -> str:
    """The processor's model name: a virtual machine may start on another kind of host."""
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def machine() -> dict[str, Any]:
    import pyoxigraph
    import rdflib

    import fsgraph

    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        # extraction is about 1.4 times faster compiled (hatch_build.py)
        "fsgraph_compiled_modules": fsgraph.compiled_modules(),
        "date": _now(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=20, help="runs per question (median)")
    parser.add_argument("--extraction-runs", type=int, default=3, help="runs of each extraction (median)")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds of runs per question at most")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds one run may take at most")
    parser.add_argument(
        "--ratio-goal",
        type=float,
        default=RATIO_GOAL,
        help="an rdflib run may take this many times Oxigraph's when that exceeds --timeout",
    )
    parser.add_argument(
        "--rdflib-max", type=int, default=1000, help="largest corpus loaded into rdflib (memory, time)"
    )
    parser.add_argument("--skip", nargs="*", default=[], choices=["extraction", "build", "questions"])
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    for size in args.sizes:
        print(f"{size} documents", flush=True)
        folder = corpus(size)
        store_dir = Path(tempfile.gettempdir()) / f"fsgraph-bench-store-{size}"
        result: dict[str, Any] = {"documents": size, "machine": machine()}
        out = RESULTS / f"scale-{size}.json"
        previous = json.loads(out.read_text()) if out.exists() else {}
        for part in ("extraction", "build", "questions"):
            if part in args.skip:  # kept from the previous run, if it had one
                if part in previous:
                    result[part] = previous[part]
            else:
                _measure(part, result, folder, store_dir, size, args)
                print(f"  {part}: done", flush=True)
            # Written after every part, measured or kept: a long run stopped midway keeps what it has.
            out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_table()


def _measure(
    part: str, result: dict[str, Any], folder: Path, store_dir: Path, size: int, args: argparse.Namespace
) -> None:
    """Measure one part into ``result``, with how fast the host was when it started."""
    # Per part: a part kept from an earlier run (--skip) may have been measured on another processor.
    host = {"date": _now(), "python_loop_s": host_speed(), "cpu": cpu_model()}
    if part == "extraction":
        result[part] = extraction(folder, args.jobs, args.extraction_runs)
    elif part == "build":
        result[part] = build(folder, store_dir, args.jobs)
    else:
        if not (store_dir / "fsgraph-store.json").exists():
            build(folder, store_dir, args.jobs)
        result[part] = questions(
            store_dir, args.runs, args.budget, args.timeout, size <= args.rdflib_max, args.ratio_goal
        )
    result[part]["host"] = host


def _ms(timing: dict[str, Any]) -> str:
    if "ms" in timing:
        return f"{timing['ms']:,.1f} ms"
    if "error" in timing:
        return "cannot run it"
    return f"> {timing['timed_out_after_s']:.0f} s"


def _compiled(machine: dict[str, Any]) -> str:
    modules = machine.get("fsgraph_compiled_modules")
    if modules is None:
        return "not recorded whether fsgraph ran compiled"
    return f"fsgraph's {', '.join(modules)} compiled (mypyc)" if modules else "fsgraph pure Python"


def write_table() -> None:
    """benchmarks/results/README.md from the scale-*.json files there."""
    results = sorted(
        (json.loads(p.read_text(encoding="utf-8")) for p in RESULTS.glob("scale-*.json")),
        key=lambda r: r["documents"],
    )
    if not results:
        return
    m = results[-1]["machine"]
    lines = [
        "# Scale benchmark results",
        "",
        f"`python benchmarks/run.py` on {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python "
        f"{m['python']}, pyoxigraph {m['pyoxigraph']}, rdflib {m['rdflib']}; {m['date'][:10]}; "
        f"{_compiled(m)}. Synthetic corpora (benchmarks/synthetic.py); raw figures in `scale-<size>.json`.",
        "",
        "| documents | extraction, 1 core | extraction, all cores | `fsgraph extract`, 1 job / all | build "
        "| peak memory (build / with workers) | store on disk | rebuild, 1 file changed |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        e, b = r.get("extraction"), r.get("build")
        ex1 = f"{e['one_job']['mb_per_s']} MB/s, {e['one_job']['documents_per_s']} docs/s" if e else "–"
        exn = f"{e['jobs']['mb_per_s']} MB/s ({e['jobs']['jobs']} jobs)" if e else "–"
        command = e.get("command") if e else None
        cli = " / ".join(f"{c['seconds']} s" for c in command.values()) if command else "–"
        if b:
            built = f"{b['seconds']} s"
            memory = f"{b['peak_rss_build_process_mb']:.0f} / {b['peak_rss_with_workers_mb']:.0f} MB"
            disk = f"{b['store_mb']:.0f} MB"
            again = f"{b['one_changed_seconds']} s ({b['one_changed_percent_of_first']}%)"
        else:
            built = memory = disk = again = "–"
        lines.append(
            f"| {r['documents']:,} | {ex1} | {exn} | {cli} | {built} | {memory} | {disk} | {again} |"
        )
    speeds = [
        f"{r['documents']:,} documents: "
        + ", ".join(
            f"{part} {r[part]['host']['python_loop_s']} s ({r[part]['host']['date'][:16].replace('T', ' ')}"
            + (f", {r[part]['host']['cpu']})" if "cpu" in r[part]["host"] else ")")
            for part in ("extraction", "build", "questions")
            if "host" in r.get(part, {})
        )
        for r in results
    ]
    if any("(" in line for line in speeds):
        lines += [
            "",
            "How fast the shared host was when each part was measured: the best of three runs of a "
            "fixed pure-Python loop (5 M additions) in a fresh interpreter, lower is faster, and the "
            "time (UTC) and, where recorded, the processor. A rough gauge: it shows a slower processor, not every kind of contention "
            "from the host's other tenants (memory, caches, disk).",
            "",
            *(f"- {line}" for line in speeds if "(" in line),
        ]
    with_questions = [r for r in results if r.get("questions")]
    if with_questions:
        names = sorted({n for r in with_questions for n in r["questions"]["questions"]})
        header = " | ".join(f"{r['documents']:,} docs" for r in with_questions)
        goal = max(r["questions"].get("ratio_goal", 0) for r in with_questions)
        limit = f"the larger of --timeout and {goal:g} times Oxigraph's time, " if goal else ""
        lines += [
            "",
            "Median latency of each question through `fsgraph.queries.run` on the embedded store "
            "(computation included); in brackets its SPARQL alone on the store, then on rdflib's "
            "in-memory Dataset of the same quads, and how many times slower rdflib is "
            f"(> when a run passed the time limit, {limit}after which the run is abandoned; rdflib "
            "cannot parse a query that uses Oxigraph's LATERAL extension).",
            "",
            f"| question | kind | {header} |",
            "|---|---|" + "---:|" * len(with_questions),
        ]
        for name in names:
            cells = []
            for r in with_questions:
                q = r["questions"]["questions"].get(name)
                if q is None:
                    cells.append("–")
                    continue
                cell = _ms(q["oxigraph-run"])
                inner = [f"SPARQL {_ms(q['oxigraph-sparql'])}"]
                if "error" in q.get("rdflib", {}):
                    inner.append("rdflib cannot run it: " + q["rdflib"]["error"].split(":")[0])
                elif "rdflib" in q:
                    bound = ">" if q.get("rdflib_over_oxigraph_is_lower_bound") else ""
                    inner.append(f"rdflib {_ms(q['rdflib'])}, {bound}{q.get('rdflib_over_oxigraph', '?')}×")
                cells.append(f"{cell} ({'; '.join(inner)})")
            lines.append(f"| {name} | {kind(name)} | " + " | ".join(cells) + " |")
    (RESULTS / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
