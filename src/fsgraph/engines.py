"""Query engines behind one small interface, chosen by name (as rdflib registers its stores).

An engine runs a query text with named parameters and answers with :class:`fsgraph.store.Rows`:

==========  ========  ==========================================================================
name        language  where the graph is
==========  ========  ==========================================================================
oxigraph    sparql    the store built by ``fsgraph build`` (parameters written into the query as
                      values, :mod:`fsgraph.sparql_params`)
ladybug     cypher    an embedded LadybugDB database (the continuation of Kùzu) kept beside the
                      store in ``<store>/ladybug/``, loaded from the store's property-graph rows and
                      rebuilt whenever the store's documents change
neo4j       cypher    a Neo4j server (``uri``, ``user``, ``password``, ``database``), loaded with
                      ``fsgraph neo4j load``
==========  ========  ==========================================================================

The Cypher of ``queries/`` is the part of openCypher that both Neo4j 5 and LadybugDB read: label
alternatives ``(d:Department|Collective)``, ``EXISTS { MATCH … }``, ``UNION ALL``, ``left``/``right``
on strings; no ``type(r)``, ``labels(n)``, list comprehensions, ``CALL {}`` subqueries, ``WITH …
ORDER BY`` without ``LIMIT``, or ``toInteger``/``toString`` (LadybugDB lacks them). An optional text
parameter is ``""`` when not given rather than null, since LadybugDB types a null parameter as a
boolean; an empty column of one part of a ``UNION ALL`` is ``CASE WHEN false THEN '' END`` (or ``0``),
since LadybugDB needs its type to join the parts.

Examples
--------
>>> sorted(available())
['ladybug', 'neo4j', 'oxigraph']
>>> get("oxigraph", store="no/such/store").language
'sparql'
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from . import sparql_params
from . import store as store_module
from .errors import EngineError, QueryError
from .store import Rows


class Engine(Protocol):
    """What every engine offers: the language it reads, and running one query with parameters."""

    name: str
    language: str  # "sparql" or "cypher": the suffix of the query file is .rq or .cypher

    def __init__(self, store: str | os.PathLike[str] | None = None, **options: Any) -> None: ...

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> Rows: ...


_REGISTRY: dict[str, type[Engine]] = {}


def register(name: str, factory: type[Engine]) -> None:
    """Make an engine available under ``name``; ``factory(store=…, **options)`` opens it, and its
    ``language`` is known before (:func:`language`)."""
    _REGISTRY[name] = factory


def available() -> list[str]:
    return list(_REGISTRY)


def language(name: str) -> str:
    """The query language of the engine registered as ``name`` (sparql or cypher), without opening it."""
    factory = _REGISTRY.get(name)
    if factory is None:
        raise QueryError(f"unknown engine {name!r}: use one of {', '.join(available())}")
    return factory.language


def get(name: str, store: str | os.PathLike[str] | None = None, **options: Any) -> Engine:
    """The engine registered as ``name``, on ``store`` (oxigraph, ladybug) or with ``options`` (neo4j)."""
    factory = _REGISTRY.get(name)
    if factory is None:
        raise QueryError(f"unknown engine {name!r}: use one of {', '.join(available())}")
    return factory(store=store, **options)


# ---------------------------------------------------------------------------------------------
# Oxigraph: the store itself


class OxigraphEngine:
    name = "oxigraph"
    language = "sparql"

    def __init__(self, store: str | os.PathLike[str] | None = None, **options: Any) -> None:
        if options:
            raise QueryError(f"the oxigraph engine takes no options ({', '.join(options)})")
        self.store = store_module.default_store(store)

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> Rows:
        """Run SPARQL on the store, the parameters written in as values (no columns of the answer)."""
        params = dict(params or {})
        unused = sorted(set(params) - sparql_params.variables(text))
        if unused:
            raise QueryError(f"the query does not use the parameter ?{unused[0]}")
        return store_module.sparql(self.store, text, params)


# ---------------------------------------------------------------------------------------------
# LadybugDB: embedded Cypher beside the store

LADYBUG_DIR = "ladybug"
LADYBUG_DATABASE = "graph.lbug"
LADYBUG_STAMP = "fingerprint.json"
# Bumped when the layout of the embedded database changes, so older copies are rebuilt.
LADYBUG_LAYOUT = 2

# Properties of each node label and relationship type, with LadybugDB types: the columns every
# table has even when no row fills them, so that a query reads null where Neo4j would (LadybugDB
# refuses a property its table lacks). Taken from fsgraph.propertygraph.document_rows.
_TEXT, _INT, _FLOAT, _BOOL, _TEXTS = "STRING", "INT64", "DOUBLE", "BOOLEAN", "STRING[]"
_DEPARTMENT = {
    "name": _TEXT,
    "aliases": _TEXTS,
    "jurisdiction": _TEXT,
    "level": _TEXT,
    "category": _TEXT,
    "members_scope": _TEXT,
}
NODE_PROPERTIES: dict[str, dict[str, str]] = {
    "Policy": {
        "key": _TEXT,
        "in_corpus": _BOOL,
        "file": _TEXT,
        "sha256": _TEXT,
        "format": _TEXT,
        "encoding": _TEXT,
        "lines": _INT,
        "title": _TEXT,
        "titles": _TEXTS,
        "number": _TEXT,
        "issued": _TEXT,
        "date_text": _TEXT,
        "draft": _TEXT,
        "year": _INT,
        "addressee": _TEXT,
        "notice": _TEXT,
        "issuer_name": _TEXT,
    },
    "Section": {"doc": _TEXT, "ref": _TEXT, "title": _TEXT, "kind": _TEXT, "line": _INT, "text": _TEXT},
    "Task": {
        "doc": _TEXT,
        "ref": _TEXT,
        "text": _TEXT,
        "title": _TEXT,
        "line": _INT,
        "end_line": _INT,
        "source": _TEXT,
        "deadline_text": _TEXT,
        "due_date": _TEXT,
    },
    "Target": {
        "doc": _TEXT,
        "text": _TEXT,
        "indicator": _TEXT,
        "value": _TEXT,
        "comparator": _TEXT,
        "number": _FLOAT,
        "unit": _TEXT,
        "year": _INT,
        "attribute": _TEXT,
        "line": _INT,
        "ref": _TEXT,
    },
    "Deadline": {"kind": _TEXT, "text": _TEXT, "date": _TEXT, "period": _TEXT, "line": _INT},
    "Department": _DEPARTMENT,
    "Collective": _DEPARTMENT,
    "Jurisdiction": {"name": _TEXT},
    "Category": {"name": _TEXT},
}
_ROLE = {
    "key": _TEXT,
    "doc": _TEXT,
    "line": _INT,
    "quote": _TEXT,
    "sentence": _INT,
    "sentence_text": _TEXT,
    "via": _TEXT,
}
_ORGS = ("Department", "Collective")
# Relationship type → its properties and the (start label, end label) pairs it joins.
RELATIONSHIPS: dict[str, tuple[dict[str, str], list[tuple[str, str]]]] = {
    "PART_OF": (
        {"key": _TEXT},
        [
            ("Section", "Section"),
            ("Section", "Policy"),
            ("Task", "Section"),
            ("Target", "Task"),
            ("Target", "Section"),
        ],
    ),
    "HAS_TASK": ({"key": _TEXT}, [("Policy", "Task")]),
    "HAS_TARGET": ({"key": _TEXT}, [("Policy", "Target")]),
    "HAS_DEADLINE": ({"key": _TEXT}, [("Task", "Deadline")]),
    "MEMBER_OF": ({"key": _TEXT}, [(a, b) for a in _ORGS for b in _ORGS]),
    "IN_JURISDICTION": ({"key": _TEXT}, [(a, "Jurisdiction") for a in ("Policy", *_ORGS)]),
    "IN_CATEGORY": ({"key": _TEXT}, [(a, "Category") for a in _ORGS]),
    "SUCCEEDED_BY": ({"key": _TEXT}, [(a, b) for a in _ORGS for b in _ORGS]),
    "ISSUED_BY": ({"key": _TEXT}, [("Policy", b) for b in _ORGS]),
    "SAME_AS": ({"key": _TEXT}, [("Policy", "Policy")]),
    "LEADS": (_ROLE, [(a, "Task") for a in _ORGS]),
    "RESPONSIBLE_FOR": (_ROLE, [(a, "Task") for a in _ORGS]),
    "SUPPORTS": (_ROLE, [(a, "Task") for a in _ORGS]),
    "CITES": (
        {"key": _TEXT, "scope": _TEXT, "cue": _TEXT, "line": _INT, "quote": _TEXT},
        [("Policy", "Policy")],
    ),
    "UNDER_HEADING": ({"key": _TEXT}, [("Task", "Section")]),
}


def _ladybug() -> Any:
    try:
        import ladybug
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise EngineError(f"the ladybug engine needs the ladybug package ({error})") from None
    return ladybug


def _fingerprint(store_dir: Path) -> str:
    """What the embedded copy depends on: the stored documents (by hash) and the layout version."""
    # Read-only: the copy of the last completed build is made while a build runs, as queries are.
    hashes = store_module.stored_hashes(store_module.open_reader(store_dir))
    data = json.dumps({"layout": LADYBUG_LAYOUT, "documents": sorted(hashes.items())}, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return _BOOL
    if isinstance(value, int):
        return _INT
    if isinstance(value, float):
        return _FLOAT
    if isinstance(value, list):
        return _TEXTS
    return _TEXT


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _columns(properties: dict[str, str]) -> str:
    return "".join(f", {_quote(name)} {kind}" for name, kind in properties.items())


def _load_ladybug(path: Path, graph: Any) -> None:
    """Create the tables and copy the property-graph rows into a new LadybugDB database at ``path``."""
    lb = _ladybug()
    database = lb.Database(str(path))
    connection = lb.Connection(database)
    try:
        node_properties = {label: dict(props) for label, props in NODE_PROPERTIES.items()}
        by_label: dict[str, list[Any]] = {}
        for node in graph.nodes.values():
            label = node.labels[0]  # a table per label; a node with two labels lives under its first
            props = node_properties.setdefault(label, {})
            for name, value in node.properties.items():
                props.setdefault(name, _type_of(value))
            by_label.setdefault(label, []).append(node)
        relationships = {kind: (dict(props), list(pairs)) for kind, (props, pairs) in RELATIONSHIPS.items()}
        by_kind: dict[tuple[str, str, str], list[Any]] = {}
        for rel in graph.relationships.values():
            start, end = graph.nodes[rel.start].labels[0], graph.nodes[rel.end].labels[0]
            props, pairs = relationships.setdefault(rel.type, ({"key": _TEXT}, []))
            if (start, end) not in pairs:
                pairs.append((start, end))
            for name, value in rel.properties.items():
                props.setdefault(name, _type_of(value))
            by_kind.setdefault((rel.type, start, end), []).append(rel)

        for label, props in node_properties.items():
            connection.execute(f"CREATE NODE TABLE {_quote(label)}(id STRING PRIMARY KEY{_columns(props)})")
        for kind, (props, pairs) in relationships.items():
            ends = ", ".join(f"FROM {_quote(a)} TO {_quote(b)}" for a, b in pairs)
            connection.execute(f"CREATE REL TABLE {_quote(kind)}({ends}{_columns(props)})")

        for label, nodes in by_label.items():
            assign = ", ".join(["id: row.id", *(_assign(n, t) for n, t in node_properties[label].items())])
            statement = f"UNWIND $rows AS row CREATE (:{_quote(label)} {{{assign}}})"
            rows = [{"id": n.id, **{p: n.properties.get(p) for p in node_properties[label]}} for n in nodes]
            _unwind(connection, statement, rows, node_properties[label])
        # Relationships through LadybugDB's bulk loader, one CSV file per (type, start, end): created
        # one by one, with a MATCH of both ends each, they took most of the load (100 of 120 s at
        # 1,000 documents).
        with tempfile.TemporaryDirectory(prefix="fsgraph-ladybug-") as folder:
            for n, ((kind, start, end), rels) in enumerate(by_kind.items()):
                props = relationships[kind][0]
                file = Path(folder) / f"{n}.csv"
                _relationship_csv(file, props, rels)
                connection.execute(
                    f"COPY {_quote(kind)} FROM '{file.as_posix()}' "
                    f"(from='{start}', to='{end}', HEADER=true, QUOTE='\"', ESCAPE='\"', PARALLEL=false)"
                )
    finally:
        connection.close()
        database.close()


_BATCH = 2000
# A column's type in LadybugDB → its type in the CSV files of fsgraph.neo4j_load (their quoting:
# text quoted, a missing value an empty unquoted field, which LadybugDB reads as null as well).
_CSV_TYPES = {_TEXT: "string", _INT: "long", _FLOAT: "double", _BOOL: "boolean"}


def _relationship_csv(file: Path, props: dict[str, str], rels: list[Any]) -> None:
    """A CSV file for ``COPY``: the ends' ids, then the properties in the order of the table's columns."""
    from .neo4j_load import relationship_key, write_csv

    if any(kind not in _CSV_TYPES for kind in props.values()):
        raise EngineError(f"relationship properties are single values, not {sorted(props.items())}")
    header = [("from", ""), ("to", ""), *((name, _CSV_TYPES[kind]) for name, kind in props.items())]
    rows = [
        [
            r.start,
            r.end,
            *(relationship_key(r) if name == "key" else r.properties.get(name) for name in props),
        ]
        for r in rels
    ]
    write_csv(file, header, rows, delimiter="|")


def _assign(name: str, kind: str) -> str:
    """``name: row.name``, cast to the column's type: LadybugDB types a batch's column by its values,
    and one whose values are all null would otherwise be a string."""
    value = f"row.{_quote(name)}"
    return f"{_quote(name)}: {value if kind == _TEXT else f'CAST({value} AS {kind})'}"


def _unwind(connection: Any, statement: str, rows: list[dict[str, Any]], types: dict[str, str]) -> None:
    """Send rows in batches; values are cast to their column's type so LadybugDB infers it right."""
    for row in rows:
        for name, kind in types.items():
            value = row.get(name)
            if value is None:
                continue
            if kind == _FLOAT and isinstance(value, int | float) and not isinstance(value, bool):
                row[name] = float(value)
            elif kind == _TEXT and not isinstance(value, str):
                row[name] = str(value)
    for i in range(0, len(rows), _BATCH):
        connection.execute(statement, {"rows": rows[i : i + _BATCH]})


def ladybug_database(store: str | os.PathLike[str] | None = None) -> Path:
    """The embedded LadybugDB copy of the store, brought up to date first; its path.

    The copy is rebuilt in a new folder and swapped in, so a reader never sees half a database.
    """
    from .pg_from_rdf import from_store

    store_dir = store_module.default_store(store)
    fingerprint = _fingerprint(store_dir)  # also checks that the store is there
    folder = store_dir / LADYBUG_DIR
    stamp = folder / LADYBUG_STAMP
    if stamp.is_file():
        try:
            if json.loads(stamp.read_text(encoding="utf-8")).get("fingerprint") == fingerprint:
                return folder / LADYBUG_DATABASE
        except (OSError, ValueError, AttributeError):
            pass  # unreadable: rebuild
    building = store_dir / f"{LADYBUG_DIR}.building"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    try:
        _load_ladybug(building / LADYBUG_DATABASE, from_store(store_dir))
    except RuntimeError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise EngineError(f"cannot load the store into LadybugDB: {error}") from error
    (building / LADYBUG_STAMP).write_text(json.dumps({"fingerprint": fingerprint}) + "\n", encoding="utf-8")
    old = store_dir / f"{LADYBUG_DIR}.old"
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    building.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    return folder / LADYBUG_DATABASE


def _cypher_error(error: Exception) -> QueryError:
    text = " ".join(str(error).split())
    if text.startswith("Parser exception"):
        first = str(error).splitlines()[0]
        return QueryError(f"malformed Cypher query: {first.removeprefix('Parser exception: ')}")
    return QueryError(f"the Cypher query failed: {text[:300]}")


class LadybugEngine:
    name = "ladybug"
    language = "cypher"

    def __init__(self, store: str | os.PathLike[str] | None = None, **options: Any) -> None:
        if options:
            raise QueryError(f"the ladybug engine takes no options ({', '.join(options)})")
        self.store = store_module.default_store(store)

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> Rows:
        path = ladybug_database(self.store)
        lb = _ladybug()
        database = lb.Database(str(path), read_only=True)
        connection = lb.Connection(database)
        try:
            result = connection.execute(text, dict(params or {}))
            if isinstance(result, list):  # several statements: the answer of the last
                result = result[-1]
            names = list(result.get_column_names())
            rows = [tuple(_plain(v) for v in row) for row in result.get_all()]
        except RuntimeError as error:
            raise _cypher_error(error) from None
        finally:
            connection.close()
            database.close()
        return Rows(names, rows)


def _plain(value: Any) -> Any:
    """JSON-ready values, as :func:`fsgraph.neo4j_load.plain` gives them for Neo4j."""
    if isinstance(value, dict):
        if "_label" in value and "_id" in value:  # a node or a relationship
            props = {k: _plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
            return {"labels": [value["_label"]], "properties": props}
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# ---------------------------------------------------------------------------------------------
# Neo4j: a server loaded with `fsgraph neo4j load`


class Neo4jEngine:
    name = "neo4j"
    language = "cypher"

    def __init__(
        self,
        store: str | os.PathLike[str] | None = None,
        *,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> None:
        # The store is not read: the server holds what `fsgraph neo4j load` put there.
        self.uri = uri or os.environ.get("NEO4J_URI")
        self.user = user or os.environ.get("NEO4J_USER") or "neo4j"
        self.password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        if not self.uri:
            raise EngineError(
                "the neo4j engine needs a server: give its URI in $NEO4J_URI (ask and cypher also take --neo4j URI)"
            )
        if self.password is None:
            raise EngineError("no Neo4j password: set the environment variable NEO4J_PASSWORD")

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> Rows:
        from . import neo4j_load

        assert self.uri is not None and self.password is not None
        # The server notes that a relationship type is absent (no SAME_AS in a corpus without links):
        # a query of the catalogue expects that, and the driver would log it as a warning.
        notices = logging.getLogger("neo4j.notifications")
        level = notices.level
        notices.setLevel(logging.ERROR)
        try:
            keys, records = neo4j_load.cypher_result(
                self.uri, self.user, self.password, text, dict(params or {}), self.database
            )
        finally:
            notices.setLevel(level)
        return Rows(keys, [tuple(record[k] for k in keys) for record in records])


register("oxigraph", OxigraphEngine)
register("ladybug", LadybugEngine)
register("neo4j", Neo4jEngine)


def cypher(
    query: str, params: Mapping[str, Any] | None = None, store: str | os.PathLike[str] | None = None
) -> Rows:
    """Run ad-hoc Cypher (text, or a .cypher file) on the embedded LadybugDB copy of the store."""
    from .neo4j_load import read_query

    return LadybugEngine(store).query(read_query(query), params)
