"""Network questions, computed with networkx on rows that a query file reads from the graph.

``hubs`` and ``clusters`` work on the department network: two departments are joined when they hold
roles in the same task, weighted by the number of such tasks. ``lineage`` works on the citation DAG:
a document points to each policy it cites, and a cited policy that is a corpus document (owl:sameAs,
SAME_AS) is that document. Each ``*_from_rows`` function turns the rows of its query
(``queries/hubs.rq`` …) into the answer; :func:`fsgraph.queries.run` calls it.

Examples
--------
Two triangles joined through one edge: ``丙`` and ``丁`` carry every path between them (and tie).

>>> rows = Rows(["name", "region", "task"], [
...     ("甲", "x", "t1"), ("乙", "x", "t1"), ("丙", "x", "t1"),
...     ("丙", "x", "t2"), ("丁", "x", "t2"),
...     ("丁", "x", "t3"), ("戊", "x", "t3"), ("己", "x", "t3")])
>>> [row[0] for row in hubs_from_rows(rows, {}).rows][:2]
['丁', '丙']
"""

from __future__ import annotations

import os
from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from .errors import QueryError
from .queries import run, sort_rows
from .store import Rows

Store = str | os.PathLike[str] | None


def hubs(
    *, jurisdiction: str = "", engine: str = "oxigraph", store: Store = None, **engine_options: Any
) -> Rows:
    """Departments by centrality in the network of departments that share tasks."""
    return run("hubs", {"jurisdiction": jurisdiction}, engine=engine, store=store, **engine_options)


def clusters(
    *, jurisdiction: str = "", engine: str = "oxigraph", store: Store = None, **engine_options: Any
) -> Rows:
    """Communities of departments that work together."""
    return run("clusters", {"jurisdiction": jurisdiction}, engine=engine, store=store, **engine_options)


def lineage(document: str, *, engine: str = "oxigraph", store: Store = None, **engine_options: Any) -> Rows:
    """Parent policies above a document and the documents that cite it."""
    return run("lineage", {"document": document}, engine=engine, store=store, **engine_options)


# ---------------------------------------------------------------------------------------------
# The department network


def department_graph(rows: Rows) -> nx.Graph:
    """Departments joined by shared tasks (``weight``: how many); rows have name, region and task.

    Nodes and edges are added in sorted order, so every engine's rows give the same graph and the
    same floating-point results.
    """
    tasks: dict[str, set[str]] = defaultdict(set)
    region: dict[str, Any] = {}
    for row in rows.to_dicts():
        tasks[row["task"]].add(row["name"])
        region.setdefault(row["name"], row.get("region"))
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for names in tasks.values():
        for a, b in combinations(sorted(names), 2):
            weights[(a, b)] += 1
    graph = nx.Graph()
    for name in sorted(region):
        graph.add_node(name, region=region[name])
    for (a, b), weight in sorted(weights.items()):
        graph.add_edge(a, b, weight=weight)
    return graph


def hubs_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The hubs question's answer (see ``queries/hubs.rq``)."""
    graph = department_graph(rows)
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    betweenness = component_betweenness(graph)
    out = [
        (
            name,
            graph.nodes[name]["region"],
            graph.degree(name),
            int(graph.degree(name, weight="weight")),
            round(degree[name], 4),
            round(betweenness[name], 4),
        )
        for name in graph
    ]
    return sort_rows(
        Rows(["name", "region", "partners", "shared", "degree", "betweenness"], out),
        ["-betweenness", "-degree", "name"],
    )


def component_betweenness(graph: nx.Graph) -> dict[Any, float]:
    """networkx's normalised betweenness centrality, computed one connected component at a time.

    No shortest path leaves its component, so each component's (unnormalised) figures are exact;
    they are scaled as networkx scales the whole graph's. networkx sizes its bookkeeping by the whole
    graph for every source node, which makes one call quadratic in the number of departments (over a
    minute at 10,000), where the departments of a corpus fall into many small components.
    """
    n = len(graph)
    if n <= 2:
        return dict.fromkeys(graph, 0.0)
    scale = 2 / ((n - 1) * (n - 2))
    out: dict[Any, float] = {}
    for component in nx.connected_components(graph):
        sub = graph.subgraph(component)
        for node, value in nx.betweenness_centrality(sub, normalized=False).items():
            out[node] = value * scale
    return out


def clusters_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The clusters question's answer (see ``queries/clusters.rq``).

    Departments that share no task with another form no community and are left out.
    """
    graph = department_graph(rows)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    if not len(graph):
        return Rows(["cluster", "name", "region", "size", "inside"], [])
    communities = nx.community.greedy_modularity_communities(graph, weight="weight")
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c))
    out = []
    for number, members in enumerate(ordered, 1):
        group = set(members)
        for name in members:
            inside = sum(d["weight"] for _, other, d in graph.edges(name, data=True) if other in group)
            out.append((number, name, graph.nodes[name]["region"], len(members), inside))
    return Rows(["cluster", "name", "region", "size", "inside"], out)


# ---------------------------------------------------------------------------------------------
# The citation DAG


def citation_graph(rows: Rows) -> nx.MultiDiGraph:
    """Policies and their citations (an edge per citation, with scope, cue and line).

    A cited policy that is a corpus document (a ``same`` row) is merged into that document's node.
    """
    same: dict[str, str] = {}
    facts: dict[str, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    records = rows.to_dicts()
    for row in records:
        for end in ("source", "target"):
            info = facts[row[end]]
            for field in ("title", "number", "file"):
                if row.get(f"{end}_{field}") is not None:
                    info[field].add(row[f"{end}_{field}"])
        if row["relation"] == "same":
            same[row["source"]] = row["target"]

    def canonical(node: str) -> str:
        seen = set()
        while node in same and node not in seen:
            seen.add(node)
            node = same[node]
        return node

    graph = nx.MultiDiGraph()
    for node in sorted(facts):
        target = canonical(node)
        data = graph.nodes[target] if target in graph else {}
        for field, values in facts[node].items():
            data.setdefault(field, set()).update(values)
        graph.add_node(target, **data)
    for row in sorted(
        (r for r in records if r["relation"] == "cites"),
        key=lambda r: (r["source"], r["target"], r["line"] or 0, r["scope"] or "", r["cue"] or ""),
    ):
        graph.add_edge(
            canonical(row["source"]),
            canonical(row["target"]),
            scope=row["scope"],
            cue=row["cue"],
            line=row["line"],
        )
    for node in graph:
        for field in ("title", "number", "file"):
            values = graph.nodes[node].get(field) or set()
            graph.nodes[node][field] = min(values) if values else None  # RDF keeps no order: the least
    return graph


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    return str(data.get("file") or data.get("title") or data.get("number") or node)


def find_policies(graph: nx.MultiDiGraph, text: str) -> list[str]:
    """Nodes whose file name, id, title or 文号 is ``text``; failing that, whose title contains it."""
    text = text.strip()
    exact = []
    for node, data in graph.nodes(data=True):
        file = data.get("file")
        names = {data.get("title"), data.get("number"), file, file.rsplit(".", 1)[0] if file else None}
        if text in names:
            exact.append(node)
    if exact:
        return sorted(exact)
    return sorted(n for n, d in graph.nodes(data=True) if text and text in (d.get("title") or ""))


def lineage_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The lineage question's answer (see ``queries/lineage.rq``)."""
    graph = citation_graph(rows)
    asked = str(params.get("document") or "")
    found = find_policies(graph, asked)
    if not found:
        raise QueryError(f"lineage: no document or cited policy matches {asked!r}")
    out: list[tuple[Any, ...]] = []
    for node in found:
        name = _label(graph, node)
        up = nx.single_source_shortest_path_length(graph, node)
        down = nx.single_source_shortest_path_length(graph.reverse(copy=False), node)
        # Every citation among the ancestors (parents) or among the descendants (cited by): the DAG.
        for u, v, data in graph.edges(data=True):
            if u in up and v != node and v in up:
                out.append(_edge_row(graph, name, "parent", up[v], v, u, data))
            if v in down and u != node and u in down:
                out.append(_edge_row(graph, name, "cited by", down[u], u, v, data))
    columns = ["document", "relation", "depth", "title", "number", "file", "via", "scope", "cue", "line"]
    return Rows(columns, out)


def _edge_row(
    graph: nx.MultiDiGraph, name: str, relation: str, depth: int, node: str, via: str, data: dict[str, Any]
) -> tuple[Any, ...]:
    info = graph.nodes[node]
    return (
        name,
        relation,
        depth,
        info.get("title"),
        info.get("number"),
        info.get("file"),
        _label(graph, via),
        data.get("scope"),
        data.get("cue"),
        data.get("line"),
    )
