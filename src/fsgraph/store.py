"""The embedded default store: a persistent on-disk Oxigraph store of named graphs.

Layout of a store directory::

    fsgraph-store.json   version marker: {"fsgraph_store": 2}
    oxigraph/            the Oxigraph (RocksDB) database
    oxigraph.building/   only while a large build runs (or after one was killed): its snapshot
    oxigraph.replaced/   only for the instant of the swap: the previous database

Named graphs: one per document (``graph/doc/<id>``), the ontology (``graph/ontology``), the links
computed across documents (``graph/links``) and build bookkeeping (``graph/build``). Queries see
the union of all graphs as their default graph.

What a build promises: when it fails or is interrupted, however, the store is as it was before it
(see :func:`build` for how, with a transaction or with a snapshot swapped in). It holds one batch of
documents in memory, never the corpus. Unchanged files (same SHA-256 as the stored document) are
neither read again nor written.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import json
import os
import re
import shutil
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from . import rdf, sparql_params, terms, vocab
from .errors import FsgraphError, InputError, QueryError, StoreError
from .resources import data_file

STORE_FORMAT = 2
MARKER = "fsgraph-store.json"
DATABASE = "oxigraph"
DEFAULT_STORE = ".fsgraph"
FORMATS = ("ttl", "nt", "jsonld", "trig")

_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in vocab.PREFIXES.items())


def default_store(store: str | os.PathLike[str] | None = None) -> Path:
    """The store directory: ``store`` if given, else ``$FSGRAPH_STORE``, else ``./.fsgraph/``."""
    if store:
        return Path(store)
    return Path(os.environ.get("FSGRAPH_STORE") or DEFAULT_STORE)


# ---------------------------------------------------------------------------------------------
# Opening


def open_store(store_dir: str | os.PathLike[str] | None = None, *, create: bool = False) -> ox.Store:
    """Open the store read-write (Oxigraph allows one process at a time); ``create`` makes a new one.

    Raises :class:`StoreError` when the directory is missing (and not ``create``), is not an fsgraph
    store, is from another store format, or is locked by another process.
    """
    path = default_store(store_dir)
    _check(path, create)
    try:
        return ox.Store(str(path / DATABASE))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreError(
                f"the store at {path} is locked: another fsgraph process is building it; "
                "run this again when it is done"
            ) from error
        raise StoreError(f"cannot open the store at {path}: {error}") from error
    except RuntimeError as error:  # RocksDB's "Corruption: …"
        raise _damaged(path, error) from error


def _damaged(path: Path, error: Exception) -> StoreError:
    return StoreError(
        f"the store at {path} is damaged ({error}): build it again into a new directory "
        f"(fsgraph build PATH… --store NEW_DIR)"
    )


def _check(path: Path, create: bool = False) -> None:
    """That ``path`` is an fsgraph store of this format (made first with ``create``), its database
    in place."""
    marker = path / MARKER
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file, not a store directory")
    try:
        if not path.exists():
            if not create:
                raise StoreError(f"no graph store at {path}: run `fsgraph build PATH… --store {path}` first")
            path.mkdir(parents=True)
        if not marker.exists():
            if not create or any(path.iterdir()):
                raise StoreError(f"{path} is not an fsgraph store (it has no {MARKER})")
            marker.write_text(json.dumps({"fsgraph_store": STORE_FORMAT}) + "\n", encoding="utf-8")
    except OSError as error:  # a parent that is a file, a folder one may not write in
        raise StoreError(f"cannot make a store at {path}: {error.strerror or error}") from error
    try:
        version = json.loads(marker.read_text(encoding="utf-8")).get("fsgraph_store")
    except (OSError, ValueError, AttributeError) as error:
        raise StoreError(f"{marker}: unreadable store marker ({error})") from error
    if version != STORE_FORMAT:
        raise StoreError(
            f"{path} is a store of format {version!r}; this fsgraph reads format {STORE_FORMAT}: "
            f"build a new store from the documents (fsgraph build PATH… --store NEW_DIR)"
        )
    _recover(path)


# Read-only handles kept open between the queries of a process: opening the store costs 30–50 ms at
# 1,000 documents (RocksDB reads its manifest), more than most questions take. A read-only handle
# takes no lock, so it never blocks a build in another process, and it sees the store as it was
# when opened: it is opened again whenever the database's files changed since (another directory
# after a staged build, a longer log or a new manifest after an in-place one).
_READERS: dict[Path, tuple[tuple[Any, ...], ox.Store]] = {}


def open_reader(store_dir: str | os.PathLike[str] | None = None) -> ox.Store:
    """The store opened read-only for queries, reused while the database is unchanged.

    Raises :class:`StoreError` as :func:`open_store` does, except that a store another process
    holds (a build under way) can be read: it answers with the last completed build.
    """
    path = default_store(store_dir)
    _check(path)
    database = path / DATABASE
    try:
        fingerprint = _fingerprint(database)
    except OSError as error:
        raise StoreError(f"cannot open the store at {path}: {error}") from error
    cached = _READERS.get(database)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    _READERS.pop(database, None)
    try:
        reader = ox.Store.read_only(str(database))
        built = reader.contains_named_graph(ox.NamedNode(str(vocab.ONTOLOGY_GRAPH)))
    except OSError as error:
        raise StoreError(f"cannot open the store at {path}: {error}") from error
    except RuntimeError as error:  # RocksDB's "Corruption: …"
        raise _damaged(path, error) from error
    if not built:  # every build writes the ontology: a first build stopped before its end
        raise StoreError(
            f"the store at {path} holds no completed build (was the first one interrupted?): "
            f"run `fsgraph build PATH… --store {path}` again"
        )
    _READERS[database] = (fingerprint, reader)
    return reader


def _fingerprint(database: Path) -> tuple[Any, ...]:
    """What changes when the database does: its directory, and the name, size and time of its files."""
    entries = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(database))
    return (database.stat().st_ino, *entries)


# ---------------------------------------------------------------------------------------------
# Building


@dataclass
class BuildReport:
    """What a build did. Paths are as given; ids are document ids (file stems)."""

    store: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # stored documents whose file is gone (prune)
    errors: list[FsgraphError] = field(default_factory=list)
    ontology: str = "unchanged"  # added | updated | unchanged
    quads: int = 0  # quads in the store after the build

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.ontology != "unchanged")


def file_sha256(path: Path) -> str:
    """The hash a reader records for a file (:attr:`fsgraph.model.Source.sha256`): of its bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def document_id(path: Path) -> str:
    """The id a document read from ``path`` will have (:attr:`fsgraph.model.Document.id`)."""
    name = path.name
    return name.rsplit(".", 1)[0] if "." in name else name


def stored_hashes(store: ox.Store) -> dict[str, str]:
    """SHA-256 of each document in the store, by the IRI of its named graph."""
    query = "SELECT ?g ?sha WHERE { GRAPH ?g { ?d a fs:SourceDocument ; fs:sha256 ?sha } }"
    return {
        row["g"].value: row["sha"].value  # type: ignore[union-attr]
        for row in store.query(query, prefixes=vocab.PREFIXES)  # type: ignore[union-attr]
    }


def build(
    paths: Iterable[str | Path],
    store_dir: str | os.PathLike[str] | None = None,
    *,
    jobs: int | None = None,
    batch_size: int | None = None,
    prune: bool = False,
) -> BuildReport:
    """Extract the documents under ``paths`` into the store; skip unchanged files, replace changed ones.

    ``jobs`` worker processes extract in parallel (default: one per core). Errors of single files are
    collected in the report; the other files are still built. A build adds to what earlier builds
    stored; with ``prune`` the store keeps only the documents of ``paths``: a stored document whose
    file is not among them (deleted, renamed) is removed, in the same transaction or snapshot. A path
    that cannot be read stops a pruning build before it writes anything, since every document would
    otherwise look deleted.

    How much is held at once, and what an interruption leaves:

    - Up to ``batch_size`` changed documents (default :data:`BATCH_SIZE`) are written **in place**
      as one SPARQL update, which Oxigraph applies as one transaction.
    - More are **staged**: a snapshot of the store (:meth:`pyoxigraph.Store.backup`, hard links, so
      cheap) in ``oxigraph.building/`` takes the documents ``batch_size`` at a time (Oxigraph's bulk
      loader), then the ontology and the links across documents; then the snapshot replaces the
      database (:func:`_swap`). Memory holds the batch being loaded and at most one more that the
      workers map meanwhile, never the corpus.

    Either way a build that fails or is interrupted before its end leaves the previous store as it
    was: the transaction is not applied, or the snapshot is deleted (on an exception or Ctrl-C at
    once; after a crash or ``kill -9``, by the next build; the database itself is never written). The
    store stays open, so locked against other builds, until the swap. The swap is two renames; a
    crash between them is undone when the store is next opened (:func:`_recover` puts the previous
    database back), a crash after them finished by it. Queries in other processes read the previous
    database until the swap (:func:`open_reader`).
    """
    from .api import expand, map_files

    batch_size = batch_size or BATCH_SIZE
    path = default_store(store_dir)
    files, input_errors = expand(paths)
    if prune and input_errors:
        raise InputError(input_errors[0].path, f"{input_errors[0].reason}; not pruning the store")
    report = BuildReport(store=path, errors=list(input_errors))
    store: ox.Store | None = open_store(path, create=True)
    assert store is not None
    staging = path / STAGING
    if staging.exists():
        shutil.rmtree(staging)  # left by a build that was killed: never swapped in
    stored = stored_hashes(store)
    changed, kept = _changed_files(files, stored, report)
    if prune:
        report.removed = sorted(vocab.document_id_of_graph(graph) for graph in stored.keys() - kept)
    ontology_file = data_file("ontology", "fsgraph.ttl")
    ontology_sha = file_sha256(ontology_file)
    previous = _ontology_sha(store)
    new_ontology = ontology_file if previous != ontology_sha else None
    if new_ontology is not None:
        report.ontology = "added" if previous is None else "updated"

    in_place = len(changed) <= batch_size
    # Staged, the workers map the next batch while this process loads one (ahead=batch_size).
    worker = _document_ntriples if in_place else _document_nquads
    documents = map_files(worker, changed, jobs, ahead=batch_size)
    try:
        if in_place:
            graphs = _collect(documents, stored, report)
            if report.changed:
                store.update(_build_update(graphs, report.removed, new_ontology, ontology_sha))
                # The transaction is in the write-ahead log only: written into tables now, so that
                # no later opening replays it (a read-only one did at each question: 2 s at 100
                # documents) and the next build does not (2.6 s of a one-file rebuild's 2.8 s).
                store.flush()
            del graphs
            report.quads = len(store)
            if report.changed:
                store = None  # closed, so that it can be opened once more
                _drop_flushed_log(path)
            return report
        store.backup(str(staging))
        # The store stays open, so locked, until the swap: no other process writes to it meanwhile.
        report.quads = _stage(staging, documents, stored, report, batch_size, new_ontology, ontology_sha)
        store = None  # closes the store (so unlocks it) before its database is replaced
        _swap(path)
        return report
    except BaseException as error:
        # The frames of the traceback hold the stores open (and locked): drop their locals, so
        # that the snapshot is closed before it is deleted.
        store = None
        traceback.clear_frames(error.__traceback__)
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError | RuntimeError | SyntaxError):
            raise StoreError(f"the build failed and left the store at {path} as it was: {error}") from error
        raise
    finally:
        documents.close()  # stops the worker processes, also after an error


def _drop_flushed_log(path: Path) -> None:
    """Open the database once more: RocksDB deletes a log whose data a flush wrote into tables only
    when the database is opened, and an in-place build's log is as large as what it wrote."""
    # Another build may have opened it first (locked): that opening deletes the log.
    with contextlib.suppress(OSError, RuntimeError):
        ox.Store(str(path / DATABASE))


def _changed_files(
    files: list[Path], stored: dict[str, str], report: BuildReport
) -> tuple[list[Path], set[str]]:
    """The files whose content differs from the stored document's (the others are reported
    skipped), and the graphs of all the files' documents."""
    changed: list[Path] = []
    seen: dict[str, Path] = {}
    for file in files:
        doc_id = document_id(file)
        if doc_id in seen:
            report.errors.append(InputError(str(file), f"same document id {doc_id!r} as {seen[doc_id]}"))
            continue
        seen[doc_id] = file
        try:
            sha = file_sha256(file)
        except OSError as error:
            report.errors.append(InputError(str(file), f"cannot read: {error.strerror or error}"))
            continue
        if stored.get(str(vocab.document_graph(doc_id))) == sha:
            report.skipped.append(doc_id)
        else:
            changed.append(file)
    return changed, {str(vocab.document_graph(doc_id)) for doc_id in seen}


# Changed documents written per transaction (in place) or per load (staged). Measured on synthetic
# corpora (benchmarks/run.py): a batch of ~250 documents is ~35 MB of N-Triples; larger batches
# gain little time and cost memory.
BATCH_SIZE = 250
STAGING = DATABASE + ".building"  # the snapshot a staged build writes into
_REPLACED = DATABASE + ".replaced"  # the previous database during the swap


def _document_ntriples(path: Path) -> tuple[str, str]:
    """A document's id and its triples as N-Triples (run in worker processes)."""
    # Imported here: extraction (and cn2an under it) is half of the start-up of a command that only
    # asks the store a question.
    from .extraction import extract_path

    doc = extract_path(path)
    return doc.id, rdf.to_ntriples(rdf.document_triples(doc))


def _document_nquads(path: Path) -> tuple[str, str]:
    """A document's id and its triples in its named graph as N-Quads (run in worker processes)."""
    doc_id, ntriples = _document_ntriples(path)
    # A line ends with " .\n" and nowhere else: N-Triples escapes line breaks inside literals.
    return doc_id, ntriples.replace(" .\n", f" <{vocab.document_graph(doc_id)}> .\n")


def _collect(
    documents: Iterable[tuple[str, str] | FsgraphError], stored: dict[str, str], report: BuildReport
) -> list[tuple[str, str]]:
    """The documents that extracted (id, N-Triples), recorded in the report with the errors."""
    graphs: list[tuple[str, str]] = []
    for result in documents:
        if isinstance(result, FsgraphError):
            report.errors.append(result)
            continue
        doc_id, _ = result
        (report.updated if str(vocab.document_graph(doc_id)) in stored else report.added).append(doc_id)
        graphs.append(result)
    return graphs


def _stage(
    staging: Path,
    documents: Iterator[tuple[str, str] | FsgraphError],
    stored: dict[str, str],
    report: BuildReport,
    batch_size: int,
    ontology_file: Path | None,
    ontology_sha: str,
) -> int:
    """Write the documents into the snapshot in batches, then the ontology and links; its quads."""
    db = ox.Store(str(staging))
    try:
        for doc_id in report.removed:
            db.remove_graph(ox.NamedNode(vocab.document_graph(doc_id)))
        while batch := _collect(itertools.islice(documents, batch_size), stored, report):
            _load_batch(db, batch, stored)
        db.update(_finish_update(ontology_file, ontology_sha))
        db.flush()
        # Bulk loads leave the database in many overlapping files, each of which a lookup may have
        # to read; compacting them makes the questions about one department or document about a
        # quarter faster, for about a tenth more build time and disk.
        db.optimize()
        return len(db)
    finally:
        del db


def _load_batch(db: ox.Store, batch: list[tuple[str, str]], stored: dict[str, str]) -> None:
    """Replace the graphs of a batch of documents in a store being staged."""
    for doc_id, _ in batch:
        graph = vocab.document_graph(doc_id)
        if str(graph) in stored:
            db.remove_graph(ox.NamedNode(graph))
    # One N-Quads text per batch: one parse and one write instead of one per document. The bulk
    # loader writes sorted files straight into the database, without a transaction's log (a
    # transactional load of 250 documents took twice as long and wrote 300 MB of log); the snapshot
    # needs none, since a failed build deletes it.
    data = "".join(nquads for _, nquads in batch)
    batch.clear()  # the documents' own texts are no longer needed: hold the batch once, not twice
    db.bulk_load(data, format=ox.RdfFormat.N_QUADS)


def _swap(path: Path) -> None:
    """Put the staged database in place of the current one; a crash between the renames is undone
    by :func:`_recover` (the previous database comes back)."""
    current, staged, replaced = path / DATABASE, path / STAGING, path / _REPLACED
    if replaced.exists():
        shutil.rmtree(replaced)
    current.rename(replaced)
    staged.rename(current)
    shutil.rmtree(replaced, ignore_errors=True)


def _recover(path: Path) -> None:
    """Finish or undo a swap a crash interrupted: with no database but the replaced one, that one
    comes back (the build never finished); beside a database, it is deleted (the build had)."""
    current, replaced = path / DATABASE, path / _REPLACED
    if not replaced.exists():
        return
    if current.exists():
        shutil.rmtree(replaced, ignore_errors=True)
    else:
        replaced.rename(current)


def _ontology_sha(store: ox.Store) -> str | None:
    query = (
        f"SELECT ?sha WHERE {{ GRAPH <{vocab.BUILD_GRAPH}> {{ <{vocab.ONTOLOGY_GRAPH}> fs:sha256 ?sha }} }}"
    )
    for row in store.query(query, prefixes=vocab.PREFIXES):  # type: ignore[union-attr]
        return row["sha"].value  # type: ignore[no-any-return,union-attr]
    return None


def _build_update(
    graphs: list[tuple[str, str]], removed: list[str], ontology_file: Path | None, ontology_sha: str
) -> str:
    """One SPARQL update for a whole in-place build: Oxigraph runs an update as a single transaction.

    ``graphs`` holds (document id, N-Triples); N-Triples is valid SPARQL inside ``INSERT DATA``.
    ``removed`` are the ids of documents whose graphs go.
    """
    parts: list[str] = [_PREFIXES]
    parts.extend(f"DROP SILENT GRAPH <{vocab.document_graph(doc_id)}> ;\n" for doc_id in removed)
    for doc_id, ntriples in graphs:
        graph = vocab.document_graph(doc_id)
        parts.append(f"DROP SILENT GRAPH <{graph}> ;\n")
        parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}}} }} ;\n")
    parts.append(_finish_update(ontology_file, ontology_sha, prefixes=False))
    return "".join(parts)


def _finish_update(ontology_file: Path | None, ontology_sha: str, prefixes: bool = True) -> str:
    """The end of every build: the ontology when it changed, its hash, and the links across documents.

    The links are computed once per build over the whole store, a join on 文号 and title
    (linear in the citations and documents, not in their product), whatever the number of batches.
    """
    parts: list[str] = [_PREFIXES] if prefixes else []
    if ontology_file is not None:
        ontology = ox.parse(path=str(ontology_file), format=ox.RdfFormat.TURTLE)
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in ontology)  # type: ignore[union-attr]
        parts.append(f"DROP SILENT GRAPH <{vocab.ONTOLOGY_GRAPH}> ;\n")
        parts.append(_insert_data(vocab.ONTOLOGY_GRAPH, triples))
    parts.append(f"DROP SILENT GRAPH <{vocab.BUILD_GRAPH}> ;\n")
    parts.append(
        f'INSERT DATA {{ GRAPH <{vocab.BUILD_GRAPH}> {{ <{vocab.ONTOLOGY_GRAPH}> fs:sha256 "{ontology_sha}" }} }} ;\n'
    )
    # Links across documents, over the document graphs as they are after this update.
    parts.append(f"DROP SILENT GRAPH <{vocab.LINKS_GRAPH}> ;\n")
    parts.append(
        f"INSERT {{ GRAPH <{vocab.LINKS_GRAPH}> {{ {rdf.SAME_POLICY_TEMPLATE} }} }}\n"
        f"WHERE {{ {rdf.SAME_POLICY_WHERE} }}"
    )
    return "".join(parts)


def _insert_data(graph: Any, triples: Iterable[ox.Triple]) -> str:
    body = " .\n".join(str(t) for t in triples)
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body} }} }} ;\n"


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass
class Rows:
    """The answer to a query: variable names and rows of values (IRIs and literals as strings).

    An ASK query gives one row with one boolean; CONSTRUCT and DESCRIBE give subject, predicate, object.
    """

    variables: list[str]
    rows: list[tuple[Any, ...]]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def to_json(self) -> str:
        return json.dumps(self.to_dicts(), ensure_ascii=False, indent=1)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.variables)
        writer.writerows(["" if v is None else v for v in row] for row in self.rows)
        return out.getvalue()

    def to_table(self) -> str:
        """Aligned columns; Chinese characters count as two columns wide."""
        cells = [self.variables] + [["" if v is None else str(v) for v in row] for row in self.rows]
        widths = [max(_width(row[i]) for row in cells) for i in range(len(self.variables))]
        lines = []
        for n, row in enumerate(cells):
            lines.append(
                "  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=True)).rstrip()
            )
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_LOCATION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def _query_error(error: SyntaxError) -> QueryError:
    """A QueryError naming the line and column the parser stopped at."""
    text = str(error)
    m = _LOCATION.search(text)
    if not m:
        return QueryError(f"malformed SPARQL query: {text.splitlines()[0] if text else 'syntax error'}")
    line, column, message = m.group(1), m.group(2), m.group(3)
    if "Prefix not found" in message:
        message = "undeclared prefix"
    else:
        message = message.splitlines()[0]
        if len(message) > 160:
            message = message[:157] + "…"
    return QueryError(f"malformed SPARQL query at line {line}, column {column}: {message}")


# A query's prologue (comments, PREFIX and BASE declarations), then the keyword of an update.
_PROLOGUE = re.compile(r"^(?:\s+|#[^\n]*|(?:PREFIX\s+[^:\s]*:|BASE)\s*<[^>]*>)*", re.IGNORECASE)
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


def sparql(
    store_dir: str | os.PathLike[str] | None, query: str, params: dict[str, Any] | None = None
) -> Rows:
    """Run a SPARQL query over the union of all graphs of the store.

    The project's prefixes (fs:, org:, skos:, dcterms:, prov:, time:, …) are predeclared.
    ``params`` binds variables to values (str, :class:`~fsgraph.sparql_params.Label`, int, float,
    bool), written into the query as constants (:func:`fsgraph.sparql_params.inline`): they are no
    columns of the answer.
    Raises :class:`QueryError` for a malformed query, with the line and column. Reads through
    :func:`open_reader`: a build under way in another process does not stop it.
    """
    store = open_reader(store_dir)
    try:
        result = store.query(
            sparql_params.inline(query, params or {}),
            prefixes=vocab.PREFIXES,
            use_default_graph_as_union=True,
        )
        if isinstance(result, ox.QueryBoolean):
            return Rows(["ask"], [(bool(result),)])
        if isinstance(result, ox.QueryTriples):
            return Rows(["subject", "predicate", "object"], terms.triples(result))
        names = [v.value for v in result.variables]
        return Rows(names, terms.rows(result))
    except SyntaxError as error:
        if _UPDATE.match(_PROLOGUE.sub("", query)):
            raise QueryError(
                "SPARQL updates are not run: queries read the store, `fsgraph build` writes it"
            ) from None
        raise _query_error(error) from None
    except OSError as error:
        raise StoreError(f"reading the store failed: {error}") from error
    except (ValueError, TypeError, RuntimeError) as error:
        raise QueryError(f"the query failed: {error}") from error
    finally:
        del store


def _union_triples(store: ox.Store) -> list[ox.Triple]:
    """The triples of all graphs, each once, in a stable order."""
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
    return sorted(seen, key=str)


def export(
    store_dir: str | os.PathLike[str] | None, fmt: str, out: str | os.PathLike[str] | io.BufferedIOBase
) -> int:
    """Write the store to ``out``: ttl and nt hold the union of all graphs, trig and jsonld the named graphs.

    Returns the number of triples (ttl, nt) or quads (trig, jsonld) written.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if isinstance(out, str | os.PathLike):
        return _export_to_file(store_dir, fmt, Path(out))
    try:
        return _export(store_dir, fmt, out)
    except BrokenPipeError:
        raise  # the reader stopped reading (| head): the command line ends quietly
    except OSError as error:
        raise StoreError(f"export failed: {error}") from error


def _export_to_file(store_dir: str | os.PathLike[str] | None, fmt: str, path: Path) -> int:
    """Export into a file beside ``path``, renamed to it once complete: an export that fails or is
    interrupted leaves no half-written file and an earlier one as it was."""
    if path.is_dir():
        raise StoreError(f"cannot write {path}: it is a directory")
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        if path.exists() and not path.is_file():  # a device or a pipe (/dev/stdout): written as it is
            return _export(store_dir, fmt, str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        count = _export(store_dir, fmt, str(partial))
        os.replace(partial, path)
        return count
    except OSError as error:
        raise StoreError(f"cannot write {path}: {error.strerror or error}") from error
    finally:
        partial.unlink(missing_ok=True)


def _export(store_dir: str | os.PathLike[str] | None, fmt: str, target: Any) -> int:
    """Write the store to ``target`` (a file name or a binary stream); the writer's OSError passes."""
    if fmt == "jsonld":
        dataset = as_rdflib_graph(store_dir)
        data = dataset.serialize(format="json-ld", encoding="utf-8")
        if isinstance(target, str):
            Path(target).write_bytes(data)
        else:
            target.write(data)
        return sum(len(graph) for graph in dataset.graphs())  # quads; len(dataset) is the union's triples
    store = open_reader(store_dir)  # the last completed build, also while one runs
    if fmt == "trig":
        store.dump(target, ox.RdfFormat.TRIG, prefixes=vocab.PREFIXES)
        return len(store)
    triples = _union_triples(store)
    format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_TRIPLES
    prefixes = vocab.PREFIXES if fmt == "ttl" else None
    ox.serialize(triples, target, format, prefixes=prefixes)
    return len(triples)


def as_rdflib_graph(store_dir: str | os.PathLike[str] | None = None) -> Dataset:
    """The store's content as an :class:`rdflib.Dataset` (named graphs kept, default graph = union).

    A copy: rdflib users read it like any rdflib dataset; changes do not go back to the store.
    """
    data = open_reader(store_dir).dump(format=ox.RdfFormat.N_QUADS)
    dataset = Dataset(default_union=True)
    vocab.bind_prefixes(dataset)
    dataset.parse(data=data, format="nquads")
    return dataset
