"""Neo4j load throughput on a synthetic corpus: the driver path and the CSV-import path.

- driver: :func:`fsgraph.neo4j_load.load_graph` (batched ``UNWIND … MERGE``, one managed transaction
  per batch) into an emptied database, at several batch sizes, then once more over the loaded graph
  (the idempotent re-run); with the driver's Rust packing (``neo4j-rust-ext``) when it is installed,
  and with its pure-Python packing;
- csv: :func:`fsgraph.neo4j_load.export_graph_csv` and ``neo4j-admin database import full`` (the
  server's own admin tool, a fresh JVM) into a fresh instance, which is then started and counted.

Both run against Neo4j servers this script starts (fsgraph.neo4j_server) and stops. Throughput is
relationship rows per second; "relationship phase" excludes the schema and the nodes.

    python benchmarks/neo4j_load.py [DOCUMENTS] [REPEATS]   # writes benchmarks/results/neo4j_load.json
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_corpus

from fsgraph import __version__ as fsgraph_version
from fsgraph import neo4j_load
from fsgraph import propertygraph as pg
from fsgraph.api import extract_many
from fsgraph.neo4j_server import (
    NEO4J_VERSION,
    Neo4jServer,
    clear_database,
    ensure_installed,
    free_ports,
    java_command,
    start_server,
)

BATCH_SIZES = (2000, 5000, 10000, 20000)
RESULTS = Path(__file__).resolve().parent / "results" / "neo4j_load.json"


def rust_packing_available() -> bool:
    from neo4j._codec.packstream import v1

    return v1._rust_pack is not None


@contextlib.contextmanager
def python_packing() -> Iterator[None]:
    """Make the driver pack with its pure-Python packer for a while (what it does without the Rust
    extension); benchmark-only, through the driver's internals."""
    from neo4j._codec.packstream.v1 import Packer

    rust = Packer.__dict__["_pack"]

    def _pack(self: Any, data: Any, dehydration_hooks: Any = None) -> None:
        self._py_pack(data, dehydration_hooks)

    Packer._pack = _pack  # type: ignore[method-assign]
    try:
        yield
    finally:
        Packer._pack = rust  # type: ignore[method-assign]


def driver_runs(
    server: Neo4jServer, rows: pg.PropertyGraph, batch_sizes: tuple[int, ...], repeats: int
) -> list[dict[str, Any]]:
    results = []
    for batch_size in batch_sizes:
        first, again = [], []
        for _ in range(repeats):
            with server.driver() as driver:
                clear_database(driver)
            first.append(neo4j_load.load_graph(rows, *_auth(server), batch_size=batch_size, progress=False))
            again.append(neo4j_load.load_graph(rows, *_auth(server), batch_size=batch_size, progress=False))
            assert again[-1].relationships_created == 0
        results.append(
            {
                "batch_size": batch_size,
                "batches": first[0].batches,
                "seconds": _median(r.seconds for r in first),
                "schema_seconds": _median(r.schema_seconds for r in first),
                "node_seconds": _median(r.node_seconds for r in first),
                "relationship_seconds": _median(r.relationship_seconds for r in first),
                "relationships_per_second": round(
                    statistics.median(r.relationships_per_second for r in first)
                ),
                "relationships_per_second_overall": round(
                    statistics.median(r.relationships / r.seconds for r in first)
                ),
                "reload_seconds": _median(r.seconds for r in again),
                "reload_relationships_per_second": round(
                    statistics.median(r.relationships_per_second for r in again)
                ),
                "runs_relationships_per_second": [round(r.relationships_per_second) for r in first],
            }
        )
        print(json.dumps(results[-1]), file=sys.stderr)
    return results


def csv_run(rows: pg.PropertyGraph, work: Path, expected: dict[str, int]) -> dict[str, Any]:
    started = time.perf_counter()
    export = neo4j_load.export_graph_csv(rows, work / "csv")
    export_seconds = time.perf_counter() - started
    bolt_port, http_port = free_ports(2)
    server = Neo4jServer(
        ensure_installed(), work / "imported", bolt_port, http_port, secrets.token_urlsafe(16)
    )
    server.initialise()
    started = time.perf_counter()
    neo4j_load.admin_import(export, server)
    import_seconds = time.perf_counter() - started
    server.start()
    try:
        counts = neo4j_load.counts(*_auth(server))
    finally:
        server.stop()
    assert counts == expected, "the imported database differs from the rows"
    size = sum(p.stat().st_size for p in (work / "csv").glob("*.csv"))
    return {
        "files": len(export.node_files) + len(export.relationship_files),
        "csv_bytes": size,
        "export_seconds": round(export_seconds, 2),
        "import_seconds": round(import_seconds, 2),
        "relationships_per_second": round(export.relationships / (export_seconds + import_seconds)),
        "import_only_relationships_per_second": round(export.relationships / import_seconds),
        "note": "import_seconds include starting the admin tool's JVM",
    }


def _auth(server: Neo4jServer) -> tuple[str, str, str]:
    return server.uri, server.user, server.password


def _median(values: Any) -> float:
    return round(statistics.median(values), 2)


def machine() -> dict[str, Any]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor(),
    )
    memory = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), "0")
    java = subprocess.run([java_command(), "-version"], capture_output=True, text=True, check=False)
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gib": round(int(memory) / 2**20, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "java": (java.stderr or java.stdout).splitlines()[0],
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def main(count: int, repeats: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="fsgraph-neo4j-bench-"))
    try:
        info = machine()
        started = time.perf_counter()
        docs, errors = extract_many(generate_corpus(count, work / "corpus"))
        rows = pg.corpus_rows(docs)
        prepare_seconds = time.perf_counter() - started
        expected = pg.graph_counts(rows)

        bolt_port, http_port = free_ports(2)
        server = start_server(
            work / "neo4j", bolt_port=bolt_port, http_port=http_port, password=secrets.token_urlsafe(16)
        )
        driver: dict[str, Any] = {}
        try:
            if rust_packing_available():
                driver["rust_packing"] = driver_runs(server, rows, BATCH_SIZES, repeats)
            with python_packing():
                driver["python_packing"] = driver_runs(server, rows, BATCH_SIZES[1:3], repeats)
            assert neo4j_load.counts(*_auth(server)) == expected
        finally:
            server.stop()
        csv = csv_run(rows, work, expected)

        best = max(
            (run for runs in driver.values() for run in runs), key=lambda run: run["relationships_per_second"]
        )
        return {
            "benchmark": "neo4j_load",
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": info,
            "versions": {
                "fsgraph": fsgraph_version,
                "python": platform.python_version(),
                "neo4j_server": f"{NEO4J_VERSION} community",
                "neo4j_driver": _version("neo4j"),
                "neo4j_rust_ext": _version("neo4j-rust-ext"),
            },
            "server_memory": "heap 512m-1g, page cache 512m (fsgraph.neo4j_server defaults)",
            "corpus": {
                "documents": len(docs),
                "unreadable": len(errors),
                "nodes": len(rows.nodes),
                "relationships": len(rows.relationships),
                "extract_and_rows_seconds": round(prepare_seconds, 1),
            },
            "repeats": repeats,
            "driver": driver,
            "best_driver": {k: best[k] for k in ("batch_size", "relationships_per_second", "seconds")},
            "csv_import": csv,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    result = main(documents, repeat)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
