"""Property-graph rows → Neo4j: a batched, idempotent load through the official driver, CSV files for
``neo4j-admin database import``, and ad-hoc Cypher.

The rows come from documents (:func:`fsgraph.propertygraph.corpus_rows`) or from a store built by
``fsgraph build`` (:func:`fsgraph.pg_from_rdf.from_store`); both give the same rows. Every node is
merged on its ``id`` (its RDF IRI) under its first label, every relationship on its ends and its
``key``: the IRI of the qualified RDF node it stands for (a role assignment, a citation), or the
predicate of the RDF triple for plain links. Loading the same rows twice therefore changes nothing,
and a load that failed part-way can be run again to completion. A document loaded before whose
content has changed since (its ``sha256`` differs) is replaced: its tasks, sections, targets,
deadlines and role assignments are deleted before the new version is written, so that a task
dropped or a role reassigned in the new version does not linger (:func:`replace_changed`). A pruning
load also deletes the documents not among the rows (:func:`remove_others`) and then whatever no row
holds any longer (:func:`remove_stale`).

Schema (:data:`CONSTRAINTS`, :data:`INDEXES`), created with ``IF NOT EXISTS``:

=============  ==========================================================================
label          constraint, indexes
=============  ==========================================================================
every label    ``id`` unique (``fsgraph_<label>_id``)
Policy         ``key`` (document id), ``number`` (文号), ``title``
Task           ``ref``, ``doc``, ``due_date``
Section        ``ref``, ``doc``
Target         ``indicator``, ``year``
Deadline       ``kind``, ``date``
Department     ``name`` (canonical name), ``category``, ``jurisdiction``
Collective     ``name``
Jurisdiction   ``name``
Category       ``name``
=============  ==========================================================================
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import propertygraph as pg
from .errors import EngineError, FsgraphError, InputError, QueryError, StoreError
from .rdf import LINK_PREDICATES

DEFAULT_BATCH_SIZE = 5000
# The schemes of the Bolt protocol; the driver's preview HTTP support has no managed transactions.
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

# label → indexed properties (besides ``id``, which every label's uniqueness constraint indexes).
INDEXES: dict[str, tuple[str, ...]] = {
    "Policy": ("key", "number", "title"),
    "Task": ("ref", "doc", "due_date"),
    "Section": ("ref", "doc"),
    "Target": ("indicator", "year", "doc"),
    "Deadline": ("kind", "date"),
    "Department": ("name", "category", "jurisdiction"),
    "Collective": ("name",),
    "Jurisdiction": ("name",),
    "Category": ("name",),
}
CONSTRAINTS: dict[str, str] = {label: f"fsgraph_{label.lower()}_id" for label in pg.NODE_LABELS}

T = TypeVar("T")


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def schema_statements() -> list[str]:
    """The Cypher that creates the constraints and indexes (idempotent: ``IF NOT EXISTS``)."""
    statements = [
        f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{_quote(label)}) REQUIRE n.id IS UNIQUE"
        for label, name in CONSTRAINTS.items()
    ]
    for label, properties in INDEXES.items():
        for prop in properties:
            statements.append(
                f"CREATE INDEX fsgraph_{label.lower()}_{prop} IF NOT EXISTS "
                f"FOR (n:{_quote(label)}) ON (n.{_quote(prop)})"
            )
    return statements


# ---------------------------------------------------------------------------------------------
# Sources: documents or a store


def is_store(path: str | os.PathLike[str]) -> bool:
    """True for a directory made by ``fsgraph build`` (it has the store's marker file)."""
    from .store import MARKER

    return (Path(path) / MARKER).is_file()


def graph_of(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
) -> tuple[pg.PropertyGraph, list[FsgraphError]]:
    """The rows of a store directory, or of the documents under the given paths (with their errors)."""
    paths: list[str | Path] = (
        [Path(source)] if isinstance(source, str | os.PathLike) else [Path(p) for p in source]
    )
    stores = [p for p in paths if is_store(p)]
    if stores:
        if len(paths) > 1:
            raise FsgraphError(f"{stores[0]} is a store: load it on its own, not with other paths")
        from .pg_from_rdf import from_store

        return from_store(stores[0]), []
    from .api import extract_many

    docs, errors = extract_many(paths)
    return pg.corpus_rows(docs), errors


def relationship_key(rel: pg.Relationship) -> str:
    """What tells two relationships of one type between one pair apart: the RDF node or predicate."""
    return rel.id if rel.id is not None else str(LINK_PREDICATES[rel.type])


@dataclass
class Step:
    """One kind of write: a Cypher statement, the rows it unwinds (batch by batch), fixed parameters."""

    kind: str  # nodes | relationships
    name: str  # the labels (Department:Collective) or the relationship type
    query: str
    rows: list[list[Any]]
    params: dict[str, Any] = field(default_factory=dict)


def write_steps(graph: pg.PropertyGraph, exact: bool = False) -> list[Step]:
    """Nodes grouped by their labels, then relationships grouped by (type, start label, end label).

    Rows are lists, not maps: the driver packs every value, map keys included, in Python, and that
    dominates a load. Node rows are ``[id, props]``; plain links ``[start, end]`` with their one key
    as a parameter; qualified relationships ``[start, end, key, props]``. Labels and types cannot be
    parameters, so each group has its own statement (whose plan the server caches). The properties
    of the rows are added to those a node or relationship has; with ``exact`` they replace them (the
    rows are then all there is: a property only a removed document gave goes).

    Examples
    --------
    >>> g = pg.PropertyGraph()
    >>> _ = g.node("urn:d", "Department", name="阜新市商务局")
    >>> _ = g.node("urn:t", "Task", ref="1")
    >>> g.link("LEADS", "urn:d", "urn:t", id="urn:t/role/1", line=5)
    >>> [(s.kind, s.name, s.rows) for s in write_steps(g)][2]
    ('relationships', 'LEADS', [['urn:d', 'urn:t', 'urn:t/role/1', {'line': 5}]])
    """
    order = {label: i for i, label in enumerate(pg.NODE_LABELS)}
    by_labels: dict[tuple[str, ...], list[list[Any]]] = {}
    for node in graph.nodes.values():
        by_labels.setdefault(tuple(node.labels), []).append([node.id, node.properties])
    steps: list[Step] = []
    for labels in sorted(by_labels, key=lambda ls: [order.get(label, len(order)) for label in ls]):
        # Merged under the first label only, so a node keeps one identity whatever labels it gains.
        extra = "".join(f" SET n:{_quote(label)}" for label in labels[1:])
        props = "SET n = row[1], n.id = row[0]" if exact else "SET n += row[1]"
        query = f"UNWIND $rows AS row MERGE (n:{_quote(labels[0])} {{id: row[0]}}){extra} {props}"
        steps.append(Step("nodes", ":".join(labels), query, by_labels[labels]))

    by_kind: dict[tuple[str, str, str, bool], list[list[Any]]] = {}
    for rel in graph.relationships.values():
        start, end = _label(graph, rel, rel.start), _label(graph, rel, rel.end)
        qualified = rel.id is not None
        row = [rel.start, rel.end, rel.id, rel.properties] if qualified else [rel.start, rel.end]
        by_kind.setdefault((rel.type, start, end, qualified), []).append(row)
    types = {t: i for i, t in enumerate(pg.RELATIONSHIP_TYPES)}
    props = "SET r = row[3], r.key = row[2]" if exact else "SET r += row[3]"
    for kind in sorted(by_kind, key=lambda k: (types.get(k[0], len(types)), k)):
        type_, start, end, qualified = kind
        # Labelled MATCHes use the id constraints' indexes; the key keeps MERGE from folding two
        # assignments of one department to one task into one relationship.
        match = (
            f"UNWIND $rows AS row MATCH (a:{_quote(start)} {{id: row[0]}}) "
            f"MATCH (b:{_quote(end)} {{id: row[1]}}) MERGE (a)-[r:{_quote(type_)} "
        )
        if qualified:
            steps.append(Step("relationships", type_, match + "{key: row[2]}]->(b) " + props, by_kind[kind]))
        else:
            # A plain link has no properties, and its key is its type's RDF predicate.
            key = str(LINK_PREDICATES[type_])
            steps.append(
                Step("relationships", type_, match + "{key: $key}]->(b)", by_kind[kind], {"key": key})
            )
    return steps


def _label(graph: pg.PropertyGraph, rel: pg.Relationship, node_id: str) -> str:
    node = graph.nodes.get(node_id)
    if node is None:
        raise ValueError(f"a {rel.type} relationship ends at {node_id}, which is no node of the graph")
    return node.labels[0]


# ---------------------------------------------------------------------------------------------
# Errors: each failure of the driver or the server becomes one clear EngineError or QueryError


@dataclass
class Connection:
    """Where to connect; the password is kept out of every message (:meth:`scrub`)."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str | None = None

    @property
    def where(self) -> str:
        return f"Neo4j at {self.uri}" + (f" (database {self.database!r})" if self.database else "")

    def scrub(self, text: str) -> str:
        """Text from the driver or the server, on one line, with the password (should it echo) masked."""
        text = " ".join(text.split())
        return text.replace(self.password, "***") if len(self.password) >= 4 else text

    def error(self, error: BaseException, doing: str) -> FsgraphError:
        """The one-line error for an exception of the driver raised while ``doing`` something."""
        from neo4j import exceptions as neo

        code = getattr(error, "code", None) or ""
        message = _server_message(error)
        if isinstance(error, neo.AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized"):
            return EngineError(f"{self.where} refused user {self.user!r}: wrong user name or password")
        if isinstance(error, neo.ServiceUnavailable | neo.SessionExpired | OSError):
            found = re.search(r"\(reason (.*)\)\s*$", message)
            reason = found.group(1) if found else message
            return EngineError(
                f"cannot reach {self.where}: is the server running and is the URI right? "
                f"({self.scrub(reason)})"
            )
        said = self.scrub(message)
        if isinstance(error, neo.ForbiddenOnReadOnlyDatabase) or "ReadOnly" in code:
            text = f"{self.where} is read-only: cannot {doing} ({said})"
        elif isinstance(error, neo.Forbidden) or ".Security." in code or "AccessMode" in code:
            text = f"{self.where} does not allow user {self.user!r} to {doing}: {said}"
        elif code == "Neo.ClientError.Database.DatabaseNotFound":
            text = f"{self.where}: no such database ({said})"
        elif isinstance(error, neo.ConstraintError) or ".Schema." in code:
            text = (
                f"cannot {doing}: it conflicts with data or a constraint already in {self.where} "
                f"({said}); load into an empty database, or remove what conflicts"
            )
        elif isinstance(error, neo.Neo4jError):
            text = f"{self.where} failed to {doing}: {said} ({code})"
        else:
            text = f"cannot {doing} on {self.where}: {said or type(error).__name__}"
        return EngineError(text)


def _server_message(error: BaseException) -> str:
    """The server's own message: ``str()`` of a server error also holds its GQL status fields."""
    from neo4j.exceptions import Neo4jError

    text = (error.message if isinstance(error, Neo4jError) else None) or str(error)
    return text.strip()


def check_uri(uri: str) -> None:
    """Refuse a URI the Bolt driver cannot use, before any connection is tried."""
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme.lower() not in SCHEMES or not rest:
        raise EngineError(
            f"{uri!r} is not a Neo4j Bolt URI: use bolt://HOST:PORT or neo4j://HOST:PORT "
            f"(schemes: {', '.join(SCHEMES)})"
        )


def connect(target: Connection) -> Any:
    """A verified ``neo4j.Driver`` (the caller closes it); failures are EngineErrors."""
    from neo4j import GraphDatabase

    check_uri(target.uri)
    try:
        driver = GraphDatabase.driver(target.uri, auth=(target.user, target.password), connection_timeout=10)
    except (ValueError, TypeError) as error:
        raise EngineError(f"{target.uri!r} is not a usable Neo4j URI: {target.scrub(str(error))}") from None
    except Exception as error:
        raise target.error(error, "connect") from None
    try:
        driver.verify_connectivity()
    except Exception as error:
        driver.close()
        raise target.error(error, "connect") from None
    return driver


def _session(driver: Any, database: str | None) -> Any:
    """A session for fsgraph's own statements: their notices (e.g. "no such relationship type yet"
    when counting an empty database) are expected, so the server sends none."""
    return driver.session(database=database, notifications_min_severity="OFF")


def _guard(target: Connection, doing: str, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)``, with a failure of the driver or the server as one EngineError."""
    from neo4j.exceptions import DriverError, Neo4jError

    try:
        return function(*args)
    except (Neo4jError, DriverError, OSError) as error:
        raise target.error(error, doing) from None


# ---------------------------------------------------------------------------------------------
# Loading


@dataclass
class LoadReport:
    """What a load did: rows sent, what the server created, and the documents that failed to read."""

    uri: str
    database: str | None
    nodes: int = 0  # node rows written
    relationships: int = 0  # relationship rows written
    batches: int = 0
    seconds: float = 0.0  # the whole load: connecting, schema, nodes, relationships
    schema_seconds: float = 0.0
    node_seconds: float = 0.0
    relationship_seconds: float = 0.0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    replaced: list[str] = field(default_factory=list)  # documents whose earlier version was deleted
    removed: list[str] = field(default_factory=list)  # documents not in the rows, deleted (prune)
    # What no row holds any longer, deleted after a pruning load: departments, jurisdictions, cited
    # policies and links between them that only removed or replaced documents named.
    stale_nodes: int = 0
    stale_relationships: int = 0
    errors: list[FsgraphError] = field(default_factory=list)

    @property
    def relationships_per_second(self) -> float:
        """Relationship rows written per second of relationship writing."""
        return self.relationships / self.relationship_seconds if self.relationship_seconds else 0.0


def create_schema(driver: Any, target: Connection) -> None:
    """Create the constraints and indexes, wait until they are online, and check the constraints hold.

    A constraint of another tool with one of our names but another definition makes ``IF NOT EXISTS``
    do nothing, so each uniqueness constraint on ``id`` is looked for afterwards.
    """
    with _session(driver, target.database) as session:
        for statement in schema_statements():
            _guard(target, "create the fsgraph schema", _consume, session, statement)
        _guard(target, "wait for the indexes", _consume, session, "CALL db.awaitIndexes(300)")
        show = "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties"
        found = _guard(target, "read the constraints", lambda: session.run(show).data())
    for label, name in CONSTRAINTS.items():
        if any(
            c["entityType"] == "NODE"
            and "UNIQUENESS" in c["type"]
            and c["labelsOrTypes"] == [label]
            and c["properties"] == ["id"]
            for c in found
        ):
            continue
        other = next((c for c in found if c["name"] == name), None)
        what = (
            f"a constraint named {name} already exists as {other['type']} on "
            f"{other['labelsOrTypes']} {other['properties']}"
            if other
            else f"no uniqueness constraint on :{label}(id) could be created"
        )
        raise EngineError(f"cannot load into {target.where}: {what}; drop it or load into another database")


def _consume(session: Any, query: str) -> None:
    session.run(query).consume()


# The corpus documents of the rows that the database holds in another version: [id, key] of each.
_CHANGED_DOCUMENTS = (
    "UNWIND $documents AS doc MATCH (p:Policy {id: doc[0]}) "
    "WHERE p.sha256 IS NULL OR p.sha256 <> doc[1] RETURN p.id AS id, doc[2] AS key ORDER BY key"
)
# What one version of a document wrote, bar the nodes other documents share (departments,
# jurisdictions, cited policies) and the sameAs links other documents' citations make to it.
_DROP_DOCUMENT = (
    "MATCH (:Task {doc: $key})-[:HAS_DEADLINE]->(d:Deadline) DETACH DELETE d",
    "MATCH (n:Task {doc: $key}) DETACH DELETE n",
    "MATCH (n:Section {doc: $key}) DETACH DELETE n",
    "MATCH (n:Target {doc: $key}) DETACH DELETE n",
    "MATCH (:Policy {id: $id})-[r]->() DELETE r",
    "MATCH (p:Policy {id: $id}) SET p = {id: $id}",
)


# The corpus documents in the database that are not among the rows': [id, key] of each.
_OTHER_DOCUMENTS = (
    "MATCH (p:Policy {in_corpus: true}) WHERE NOT p.id IN $ids RETURN p.id AS id, p.key AS key ORDER BY key"
)


def _documents_query(tx: Any, query: str, **params: Any) -> list[tuple[str, str]]:
    return [(row["id"], row["key"]) for row in tx.run(query, **params)]


def _drop_document(tx: Any, node_id: str, key: str, remove: bool = False) -> None:
    for statement in _DROP_DOCUMENT:
        tx.run(statement, id=node_id, key=key).consume()
    if remove:
        tx.run("MATCH (p:Policy {id: $id}) DETACH DELETE p", id=node_id).consume()


def _corpus_documents(graph: pg.PropertyGraph) -> list[list[str]]:
    """[id, sha256, key] of each corpus document of the rows."""
    return [
        [node.id, node.properties["sha256"], node.properties["key"]]
        for node in graph.nodes.values()
        if node.labels[0] == "Policy" and node.properties.get("in_corpus") and "sha256" in node.properties
    ]


def replace_changed(session: Any, target: Connection, graph: pg.PropertyGraph) -> list[str]:
    """Delete what earlier loads wrote of the documents of ``graph`` whose content has changed since;
    their keys. Each document goes in one transaction, so a failure leaves it whole, old or gone."""
    documents = _corpus_documents(graph)
    if not documents:
        return []
    return _drop_found(session, target, "replace", _CHANGED_DOCUMENTS, documents=documents)


def remove_others(session: Any, target: Connection, graph: pg.PropertyGraph) -> list[str]:
    """Delete the corpus documents the database holds that ``graph`` does not (deleted, renamed), with
    what they wrote; their keys. Departments and cited policies, which documents share, stay."""
    ids = [node_id for node_id, _, _ in _corpus_documents(graph)]
    return _drop_found(session, target, "remove", _OTHER_DOCUMENTS, ids=ids)


def _drop_found(session: Any, target: Connection, verb: str, query: str, **params: Any) -> list[str]:
    """Drop each document ``query`` finds ([id, key] rows), one transaction each; with ``verb``
    "remove" its Policy node goes too. Their keys."""
    found = _guard(
        target, "compare documents", session.execute_read, lambda tx: _documents_query(tx, query, **params)
    )
    for node_id, key in found:
        _guard(
            target,
            f"{verb} document {key}",
            session.execute_write,
            _drop_document,
            node_id,
            key,
            verb == "remove",
        )
    return [key for _, key in found]


def remove_stale(
    session: Any, target: Connection, graph: pg.PropertyGraph, batch_size: int
) -> tuple[int, int]:
    """Make the database's fsgraph part hold exactly ``graph``'s nodes and relationships: delete the
    nodes of fsgraph's labels and the relationships of its types that the rows do not hold, and take
    from a node a label the rows no longer give it. The nodes and relationships deleted.

    Replacing and removing a document deletes what it alone wrote (tasks, sections, …) but not what
    documents share (a department, a cited policy, a membership of a collective): once the rows are
    the whole corpus (a pruning load), what no row holds any longer is what only the documents
    removed or replaced named. Nodes and relationships of other labels and types are left alone.
    The comparisons run in the server, on lists of the rows' ids: reading the database's
    relationships back would cost several times as much.
    """
    nodes = relationships = 0
    # The ids of each label's nodes, in one pass over the rows.
    having_label: dict[str, list[str]] = {label: [] for label in pg.NODE_LABELS}
    for node in graph.nodes.values():
        for label in node.labels:
            having_label.setdefault(label, []).append(node.id)
    for label in pg.NODE_LABELS:
        quoted = _quote(label)
        having = having_label[label]
        found = _guard(
            target,
            f"compare the {label} nodes",
            session.execute_read,
            lambda tx, q=f"MATCH (n:{quoted}) WHERE NOT n.id IN $having RETURN n.id", having=having: [
                row[0] for row in tx.run(q, having=having)
            ],
        )
        # [id, the label the rows merge it under]: a node that has that label too only loses this
        # one; one that lacks it is another node than the rows' (merged under its old first label).
        rows = [
            [node_id, graph.nodes[node_id].labels[0] if node_id in graph.nodes else ""] for node_id in found
        ]
        for change in (
            f"WHERE row[1] IN labels(n) REMOVE n:{quoted}",
            "WHERE NOT row[1] IN labels(n) DETACH DELETE n",
        ):
            for chunk in _chunks(rows, batch_size):
                query = f"UNWIND $rows AS row MATCH (n:{quoted} {{id: row[0]}}) {change}"
                counters = _guard(
                    target, f"update stale {label} nodes", session.execute_write, _write, query, chunk, {}
                )
                nodes += counters.nodes_deleted
                relationships += counters.relationships_deleted
    # A relationship is its type, its ends and its key; IRIs hold no space.
    held: dict[str, list[str]] = {type_: [] for type_ in pg.RELATIONSHIP_TYPES}
    for rel in graph.relationships.values():
        held.setdefault(rel.type, []).append(f"{rel.start} {rel.end} {relationship_key(rel)}")
    for type_, identities in held.items():
        query = (
            f"MATCH (a)-[r:{_quote(type_)}]->(b) WITH r, a.id + ' ' + b.id + ' ' + r.key AS identity "
            "WHERE NOT identity IN $rows DELETE r"
        )
        counters = _guard(
            target,
            f"delete stale {type_} relationships",
            session.execute_write,
            _write,
            query,
            identities,
            {},
        )
        relationships += counters.relationships_deleted
    return nodes, relationships


def _write(tx: Any, query: str, rows: list[Any], params: dict[str, Any]) -> Any:
    return tx.run(query, params, rows=rows).consume().counters


def load_graph(
    graph: pg.PropertyGraph,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool | None = None,
    prune: bool = False,
) -> LoadReport:
    """Write property-graph rows to Neo4j: schema first, then nodes, then relationships.

    Each batch of ``batch_size`` rows is one managed transaction (the driver retries transient
    failures); a batch that fails is rolled back and the error raised as an :class:`EngineError`.
    ``progress``: show a progress bar on stderr (default: when stderr is a terminal). ``prune``:
    first delete the corpus documents the database holds that the rows do not (:func:`remove_others`),
    write the rows' properties in place of those the database has, and last delete what no row holds
    (:func:`remove_stale`): the database's fsgraph part is then the rows.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    target = Connection(uri, user, password, database)
    steps = write_steps(graph, exact=prune)
    report = LoadReport(uri=uri, database=database)
    started = time.perf_counter()
    driver = connect(target)
    try:
        schema_started = time.perf_counter()
        create_schema(driver, target)
        report.schema_seconds = time.perf_counter() - schema_started
        total = sum(len(step.rows) for step in steps)
        with _session(driver, database) as session, _Progress(progress, total) as advance:
            if prune:
                report.removed = remove_others(session, target, graph)
            report.replaced = replace_changed(session, target, graph)
            for step in steps:
                step_started = time.perf_counter()
                doing = f"write {step.name} {step.kind}"
                for chunk in _chunks(step.rows, batch_size):
                    counters = _guard(
                        target, doing, session.execute_write, _write, step.query, chunk, step.params
                    )
                    report.batches += 1
                    report.nodes_created += counters.nodes_created
                    report.relationships_created += counters.relationships_created
                    report.properties_set += counters.properties_set
                    if step.kind == "nodes":
                        report.nodes += len(chunk)
                    else:
                        report.relationships += len(chunk)
                    advance(step.name, len(chunk))
                elapsed = time.perf_counter() - step_started
                if step.kind == "nodes":
                    report.node_seconds += elapsed
                else:
                    report.relationship_seconds += elapsed
            if prune:
                report.stale_nodes, report.stale_relationships = remove_stale(
                    session, target, graph, batch_size
                )
    finally:
        driver.close()
    report.seconds = time.perf_counter() - started
    return report


def load(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool | None = None,
    prune: bool = False,
) -> LoadReport:
    """Load documents (files or folders), or a store directory built by ``fsgraph build``, into Neo4j.

    Documents that cannot be read are reported in ``LoadReport.errors``; the others are loaded.
    With ``prune`` the database then holds exactly the documents of ``source``: the others it held
    are deleted first; a document that cannot be read stops a pruning load before it writes
    anything (it would otherwise look deleted). Raises :class:`EngineError` for a bad URI, a server
    that does not answer, refused credentials, a read-only database, or a conflict with data or
    constraints already there.
    """
    check_uri(uri)
    graph, errors = graph_of(source)
    if prune and errors:
        first = errors[0]
        if isinstance(first, InputError):
            raise InputError(first.path, f"{first.reason}; not pruning the database")
        raise FsgraphError(f"{first}; not pruning the database")
    report = load_graph(
        graph, uri, user, password, database, batch_size=batch_size, progress=progress, prune=prune
    )
    report.errors = errors
    return report


def _chunks(rows: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


class _Progress:
    """A rich progress bar on stderr, or nothing; used as ``with _Progress(show, total) as advance``."""

    def __init__(self, show: bool | None, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        enabled = console.is_terminal if show is None else show
        self.bar = Progress(
            TextColumn("{task.description:<16}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not enabled,
        )
        self.task = self.bar.add_task("loading", total=total)

    def __enter__(self) -> Callable[[str, int], None]:
        self.bar.__enter__()
        return lambda description, done: self.bar.update(self.task, description=description, advance=done)

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)


def _single(session: Any, query: str) -> Any:
    return session.run(query).single(strict=True)["n"]


def counts(uri: str, user: str, password: str, database: str | None = None) -> dict[str, int]:
    """Nodes per label and relationships per type in the database, keyed as :func:`propertygraph.graph_counts`."""
    target = Connection(uri, user, password, database)
    driver = connect(target)
    out: dict[str, int] = {}
    try:
        with _session(driver, database) as session:
            for label in pg.NODE_LABELS:
                query = f"MATCH (n:{_quote(label)}) RETURN count(n) AS n"
                out[label] = _guard(target, "count nodes", _single, session, query)
            for type_ in pg.RELATIONSHIP_TYPES:
                query = f"MATCH ()-[r:{_quote(type_)}]->() RETURN count(r) AS n"
                out[type_] = _guard(target, "count relationships", _single, session, query)
    finally:
        driver.close()
    return out


# ---------------------------------------------------------------------------------------------
# CSV files for neo4j-admin database import


@dataclass
class CsvExport:
    """The files written and the ``neo4j-admin`` command that imports them."""

    out_dir: Path
    node_files: list[Path]
    relationship_files: list[Path]
    args: list[str]  # the command as arguments, starting with neo4j-admin
    nodes: int = 0
    relationships: int = 0
    errors: list[FsgraphError] = field(default_factory=list)

    @property
    def command(self) -> str:
        return shlex.join(self.args)


# Candidates for the array delimiter: the first that no list value contains is used.
_ARRAY_DELIMITERS = ("|", ";", "¦", "^", "~")


def _csv_type(values: list[Any]) -> str:
    """The import type of a column: int, long, double, boolean, string, or an array of one."""
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds <= {int}:
        return "int" if all(-(2**31) <= v < 2**31 for v in values) else "long"
    if kinds <= {int, float}:
        return "double"
    if kinds == {list}:
        inner = _csv_type([x for v in values for x in v]) if any(values) else "string"
        return inner + "[]"
    return "string"


def _csv_field(value: Any, kind: str, delimiter: str) -> str:
    if value is None:
        return ""  # an empty, unquoted field: no property (a quoted "" would be an empty string)
    if kind.endswith("[]"):
        return _csv_field(delimiter.join(_csv_scalar(v, kind[:-2]) for v in value), "string", delimiter)
    if kind == "string":
        text = str(value)
        return '"' + text.replace('"', '""') + '"'
    return _csv_scalar(value, kind)


def _csv_scalar(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(value)


def write_csv(path: Path, header: list[tuple[str, str]], rows: list[list[Any]], delimiter: str) -> None:
    """A CSV file as neo4j-admin and LadybugDB's COPY read it: text quoted (a quote doubled), a
    missing value an empty unquoted field, list items joined by ``delimiter``. ``header``: (column,
    import type) with types of '' for id and type columns."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(name for name, _ in header) + "\n")
        for row in rows:
            fields = [
                _csv_field(value, kind or "string", delimiter)
                for (_, kind), value in zip(header, row, strict=True)
            ]
            out.write(",".join(fields) + "\n")


def _columns(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    names = sorted({name for props in items for name in props})
    return [(name, _csv_type([p[name] for p in items if name in p])) for name in names]


def _array_delimiter(graph: pg.PropertyGraph) -> str:
    items: list[pg.Node | pg.Relationship] = [*graph.nodes.values(), *graph.relationships.values()]
    values = [
        str(v)
        for item in items
        for value in item.properties.values()
        if isinstance(value, list)
        for v in value
    ]
    for candidate in _ARRAY_DELIMITERS:
        if not any(candidate in v for v in values):
            return candidate
    raise FsgraphError("every array delimiter neo4j-admin could use occurs in a list value")


def export_graph_csv(
    graph: pg.PropertyGraph, out_dir: str | os.PathLike[str], database: str = "neo4j"
) -> CsvExport:
    """Write the rows as CSV files for ``neo4j-admin database import full`` into ``out_dir``.

    One node file per label (``nodes.Task.csv``: ``id:ID(Task)``, ``:LABEL`` and typed properties;
    a node with several labels goes to the file of its first, which is its ID space) and one
    relationship file per type and pair of ID spaces (``relationships.LEADS.Department-Task.csv``:
    ``:START_ID(Department)``, ``:END_ID(Task)``, ``:TYPE``, ``key`` and typed properties).
    """
    out = Path(out_dir).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file of that name, a folder one may not write in
        raise StoreError(f"cannot write the CSV files into {out}: {error.strerror or error}") from error
    delimiter = _array_delimiter(graph)
    export = CsvExport(out, [], [], [])

    by_label: dict[str, list[pg.Node]] = {}
    for node in graph.nodes.values():
        by_label.setdefault(node.labels[0], []).append(node)
    order = {label: i for i, label in enumerate(pg.NODE_LABELS)}
    for label in sorted(by_label, key=lambda x: (order.get(x, len(order)), x)):
        items = by_label[label]
        columns = _columns([n.properties for n in items])
        header = [(f"id:ID({label})", ""), (":LABEL", ""), *[(f"{n}:{t}", t) for n, t in columns]]
        rows = [[n.id, ";".join(n.labels), *[n.properties.get(name) for name, _ in columns]] for n in items]
        path = out / f"nodes.{label}.csv"
        write_csv(path, header, rows, delimiter)
        export.node_files.append(path)
        export.nodes += len(items)

    by_kind: dict[tuple[str, str, str], list[pg.Relationship]] = {}
    for rel in graph.relationships.values():
        key = (rel.type, graph.nodes[rel.start].labels[0], graph.nodes[rel.end].labels[0])
        by_kind.setdefault(key, []).append(rel)
    for type_, start, end in sorted(by_kind):
        rels = by_kind[(type_, start, end)]
        columns = _columns([r.properties for r in rels])
        header = [
            (f":START_ID({start})", ""),
            (f":END_ID({end})", ""),
            (":TYPE", ""),
            ("key", "string"),
            *[(f"{n}:{t}", t) for n, t in columns],
        ]
        rows = [
            [r.start, r.end, r.type, relationship_key(r), *[r.properties.get(n) for n, _ in columns]]
            for r in rels
        ]
        path = out / f"relationships.{type_}.{start}-{end}.csv"
        write_csv(path, header, rows, delimiter)
        export.relationship_files.append(path)
        export.relationships += len(rels)

    export.args = [
        "neo4j-admin",
        "database",
        "import",
        "full",
        *[f"--nodes={p}" for p in export.node_files],
        *[f"--relationships={p}" for p in export.relationship_files],
        f"--array-delimiter={delimiter}",
        "--multiline-fields=true",
        f"--report-file={out / 'import.report'}",  # else it lands in the working directory
        "--overwrite-destination",
        database,
    ]
    return export


def export_csv(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    database: str = "neo4j",
) -> CsvExport:
    """CSV files for ``neo4j-admin database import`` of documents or a store; see :func:`export_graph_csv`."""
    graph, errors = graph_of(source)
    if not graph.nodes:
        # No import command for nothing: run, it would replace the database with an empty one.
        if len(errors) == 1:
            raise errors[0]
        named = [str(source)] if isinstance(source, str | os.PathLike) else [str(p) for p in source]
        raise InputError(", ".join(named), "no document to export" + "".join(f"; {e}" for e in errors))
    export = export_graph_csv(graph, out_dir, database)
    export.errors = errors
    return export


def admin_import(export: CsvExport, server: Any, timeout: float = 1800.0) -> str:
    """Run the export's import command with the Neo4j install of ``server`` (a stopped
    :class:`fsgraph.neo4j_server.Neo4jServer`) into that instance's data directory; return its output.
    """
    from .neo4j_server import Neo4jServerError, java_command

    env = dict(os.environ, NEO4J_HOME=str(server.home), NEO4J_CONF=str(server.conf_dir))
    command = [
        java_command(),
        "-Xmx1g",
        "-cp",
        f"{server.home / 'lib'}/*",
        "org.neo4j.server.startup.Neo4jAdminCommand",  # what bin/neo4j-admin runs
        *export.args[1:],
    ]
    try:
        result = subprocess.run(
            command,
            env=env,
            cwd=export.out_dir,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise Neo4jServerError(f"neo4j-admin database import took over {timeout:.0f}s") from error
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise Neo4jServerError(
            f"neo4j-admin database import failed (exit {result.returncode}):\n{output[-3000:]}"
        )
    return output


# ---------------------------------------------------------------------------------------------
# Ad-hoc Cypher


def read_query(query_or_file: str, suffixes: tuple[str, ...] = (".cypher", ".cql")) -> str:
    """The text of the file ``query_or_file`` names, else ``query_or_file`` itself (a query). A
    name with one of ``suffixes`` that names no readable file is an error, not a query."""
    if "\n" in query_or_file or len(query_or_file) > 1024:
        return query_or_file
    path = Path(query_or_file)
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise QueryError(f"{path}: cannot read the query (the file is not UTF-8 text)") from None
        except OSError as error:
            raise QueryError(f"{path}: cannot read the query ({error.strerror or error})") from None
    if path.is_dir():
        raise QueryError(f"{path}: a directory, not a query file")
    if path.suffix in suffixes:
        raise QueryError(f"{path}: no such query file")
    return query_or_file


def cypher_result(
    uri: str,
    user: str,
    password: str,
    query: str,
    params: dict[str, Any] | None = None,
    database: str | None = None,
) -> tuple[list[str], list[dict[str, Any]]]:
    """The column names and the rows (plain values) of a Cypher query run on Neo4j."""
    from neo4j.exceptions import ClientError, CypherSyntaxError, CypherTypeError, DriverError, Neo4jError

    target = Connection(uri, user, password, database)
    text = read_query(query)
    driver = connect(target)
    try:
        result = driver.execute_query(text, parameters_=params or {}, database_=database)
    except CypherSyntaxError as error:
        # The server's first line names the line and column; the rest repeats the query with a caret.
        said = target.scrub(_server_message(error).splitlines()[0])
        raise QueryError(f"malformed Cypher query: {said}") from None
    except ClientError as error:
        code = error.code or ""
        if isinstance(error, CypherTypeError) or code.startswith(
            ("Neo.ClientError.Statement.", "Neo.ClientError.Procedure.")
        ):
            raise QueryError(f"the Cypher query failed: {target.scrub(_server_message(error))}") from None
        raise target.error(error, "run the query") from None
    except (Neo4jError, DriverError, OSError) as error:
        raise target.error(error, "run the query") from None
    finally:
        driver.close()
    keys = list(result.keys)
    return keys, [{k: plain(record[k]) for k in keys} for record in result.records]


def cypher(
    uri: str,
    user: str,
    password: str,
    query: str,
    params: dict[str, Any] | None = None,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Run a Cypher query (text, or a .cypher file) on Neo4j; rows as dicts of plain values.

    Raises :class:`QueryError` with the server's message for a malformed query, and
    :class:`EngineError` when the server cannot be reached or refuses the request.
    """
    return cypher_result(uri, user, password, query, params, database)[1]


def plain(value: Any) -> Any:
    """A JSON-ready value: nodes, relationships and paths as dicts, temporal values as ISO text."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": plain(dict(value))}
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        return {
            "type": value.type,
            "start": start.get("id", start.element_id) if start is not None else None,
            "end": end.get("id", end.element_id) if end is not None else None,
            "properties": plain(dict(value)),
        }
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
