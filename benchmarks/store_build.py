"""How to keep a store intact when a build is interrupted: one SPARQL update versus copy and swap.

Measures, on a synthetic corpus, the two ways fsgraph.store could make a build atomic:

- ``transaction``: the whole build as one SPARQL update, which Oxigraph applies as one transaction
  (what fsgraph.store does): the cost is building the update text and running it;
- ``copy_and_swap``: snapshot the store (``Store.backup``, hard links) or copy the directory,
  write into the copy, then rename it over the old one (two renames: not atomic in between).

    python benchmarks/store_build.py 200        # writes benchmarks/store_build.json
"""

from __future__ import annotations

import json
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_corpus

from fsgraph import store
from fsgraph.extraction import extract_path
from fsgraph.model import Document
from fsgraph.resources import data_file


def _timed(function, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main(count: int) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="fsgraph-bench-"))
    try:
        paths = generate_corpus(count, work / "corpus")
        extract_seconds, docs = _timed(_extract_all, paths)
        count = len(docs)
        ontology = data_file("ontology", "fsgraph.ttl")
        sha = store.file_sha256(ontology)

        text_seconds, update = _timed(store._build_update, docs, ontology, sha)
        db = store.open_store(work / "s", create=True)
        full_seconds, _ = _timed(db.update, update)
        quads = len(db)

        # a rebuild after one file changed: one document replaced, links recomputed
        one = store._build_update(docs[:1], None, sha)
        one_seconds, _ = _timed(db.update, one)

        backup_seconds, _ = _timed(db.backup, str(work / "snapshot"))
        del db
        copy_seconds, _ = _timed(shutil.copytree, work / "s", work / "copy")
        swap_seconds, _ = _timed(_swap, work / "s", work / "copy")
        size = sum(p.stat().st_size for p in (work / "s").rglob("*") if p.is_file())
        return {
            "documents": count,
            "quads": quads,
            "store_bytes": size,
            "extract_seconds": round(extract_seconds, 3),
            "transaction": {
                "update_text_bytes": len(update.encode()),
                "update_text_seconds": round(text_seconds, 3),
                "full_build_update_seconds": round(full_seconds, 3),
                "one_changed_document_update_seconds": round(one_seconds, 3),
            },
            "copy_and_swap": {
                "backup_hard_links_seconds": round(backup_seconds, 3),
                "copytree_seconds": round(copy_seconds, 3),
                "two_renames_seconds": round(swap_seconds, 4),
            },
            "pyoxigraph": ox.__version__,
            "python": platform.python_version(),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _extract_all(paths: list[Path]) -> list[Document]:
    """The documents this checkout can read (the generator also writes encodings and formats a reader
    may not handle yet)."""
    docs = []
    for path in paths:
        try:
            docs.append(extract_path(path))
        except Exception:
            continue
    return docs


def _swap(old: Path, new: Path) -> None:
    aside = old.with_name(old.name + ".old")
    old.rename(aside)
    new.rename(old)
    shutil.rmtree(aside)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    result = main(n)
    out = Path(__file__).with_name("store_build.json")
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
