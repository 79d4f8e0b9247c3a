"""Network questions, computed with networkx on rows that a query file reads from the graph.

``hubs`` and ``clusters`` work on the department network: two departments are joined when they hold
roles in the same task, weighted by the number of such tasks. ``lineage`` works on the citation DAG:
a document points to each policy it cites, and a cited policy that is a corpus document (owl:sameAs,
SAME_AS) is that document. Each ``*_from_rows`` function turns the rows of its query
(``queries/hubs.rq`` …) into the answer; :func:`fsgraph.queries.run` calls it.

``hubs`` and ``clusters`` give networkx's figures and communities of :func:`department_graph`, but
call networkx one connected component at a time, on a small graph of each component that needs it:
networkx's calls on the whole graph take seconds on the ten thousand departments of a thousand
documents, these a fifth of one at most.

Examples
--------
Two triangles joined through one edge: ``丙`` and ``丁`` carry every path between them (and tie).

>>> rows = Rows(["task", "holders"], [
...     ("t1", "甲\\tx\\n乙\\tx\\n丙\\tx"), ("t2", "丙\\tx\\n丁\\tx"), ("t3", "丁\\tx\\n戊\\tx\\n己\\tx")])
>>> [row[0] for row in hubs_from_rows(rows, {}).rows][:2]
['丁', '丙']
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from itertools import chain, combinations
from typing import Any

import networkx as nx

from .errors import QueryError
from .fetched import holders
from .queries import run
from .readers import is_file_name
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


def _network(rows: Rows) -> tuple[list[str], list[Any], Counter[tuple[int, int]]]:
    """The department graph as numbers: names (sorted), their regions, and edge weights by pair.

    A fetched row is a task and its holders: one or several (the SPARQL groups a task's holders in
    one row, the Cypher gives one a row), each a department's name and region joined by a tab, one
    a line, an empty region for none. A department is its place in the sorted names, so numbers
    order as names do; a pair puts the smaller number first. A department's region is the first
    that its rows give.
    """
    task_at, holders_at = rows.variables.index("task"), rows.variables.index("holders")
    members: dict[Any, list[str]] = defaultdict(list)
    region: dict[str, Any] = {}
    for row in rows.rows:
        group = members[row[task_at]]
        for name, place in holders(row[holders_at]):
            if name is None:
                continue  # a holder with no name is no department
            group.append(name)
            if name not in region:
                region[name] = place
    names = sorted(region)
    number = {name: i for i, name in enumerate(names)}
    groups = (sorted(set(map(number.__getitem__, group))) for group in members.values() if len(group) > 1)
    weights = Counter(chain.from_iterable(combinations(group, 2) for group in groups))
    return names, [region[name] for name in names], weights


def _adjacency(n: int, weights: Counter[tuple[int, int]]) -> tuple[list[list[int]], list[int]]:
    """Each node's neighbours, in increasing order (as :func:`department_graph` has them), and its
    weighted degree."""
    neighbours: list[list[int]] = [[] for _ in range(n)]
    degree = [0] * n
    for (a, b), weight in weights.items():
        neighbours[a].append(b)
        neighbours[b].append(a)
        degree[a] += weight
        degree[b] += weight
    for others in neighbours:
        others.sort()
    return neighbours, degree


def _components(neighbours: list[list[int]]) -> list[list[int]]:
    """The connected components of a graph given as lists of neighbours, each in increasing order.

    A breadth-first walk over the numbered lists: networkx would first need the graph built (twenty times
    the time at ten thousand departments), and scipy's csgraph costs half a second to import.
    """
    seen = [False] * len(neighbours)
    out = []
    for start in range(len(neighbours)):
        if seen[start]:
            continue
        seen[start] = True
        component = [start]
        for node in component:  # grows as it is read: breadth first
            for other in neighbours[node]:
                if not seen[other]:
                    seen[other] = True
                    component.append(other)
        component.sort()
        out.append(component)
    return out


def department_graph(rows: Rows) -> nx.Graph:
    """Departments joined by shared tasks (``weight``: how many); rows have name, region and task.

    Nodes and edges are added in sorted order, so every engine's rows give the same graph and the
    same floating-point results.
    """
    names, regions, weights = _network(rows)
    graph = nx.Graph()
    graph.add_nodes_from((name, {"region": region}) for name, region in zip(names, regions, strict=True))
    graph.add_edges_from((names[a], names[b], {"weight": w}) for (a, b), w in sorted(weights.items()))
    return graph


def _component_graph(
    component: list[int], neighbours: list[list[int]], weights: Counter[tuple[int, int]] | None = None
) -> nx.Graph:
    """A graph of one component alone, nodes and each node's neighbours in increasing order (the order
    of :func:`department_graph`, on which networkx's floating-point sums depend), with ``weight``s."""
    graph = nx.Graph()
    graph.add_nodes_from(component)
    pairs = ((a, b) for a in component for b in neighbours[a] if a < b)
    if weights is None:
        graph.add_edges_from(pairs)
    else:
        graph.add_edges_from((a, b, {"weight": weights[a, b]}) for a, b in pairs)
    return graph


def _betweenness(component: nx.Graph, n: int) -> dict[Any, float]:
    """networkx's normalised betweenness centrality of a component's nodes in a graph of ``n`` nodes.

    No shortest path leaves its component, so the component's own (unnormalised) figures are exact;
    they are scaled as networkx scales the whole graph's, to the same bits (the factors differ by
    powers of two). networkx sizes its bookkeeping by the whole graph for every source node, which
    makes one call on the whole graph quadratic in the number of departments (over a minute at 10,000).
    """
    scale = 2 / ((n - 1) * (n - 2))
    figures = nx.betweenness_centrality(component, normalized=False)
    return {node: value * scale for node, value in figures.items()}


def _betweenness_by_component(neighbours: list[list[int]], shown_to: int | None = None) -> list[float]:
    """Each node's networkx normalised betweenness, computed on its component alone (see
    :func:`_betweenness`). With ``shown_to`` places, a component whose figures all round to 0.0 there
    is not computed: a node of a component of k nodes lies on at most (k-1)(k-2)/2 of the
    (n-1)(n-2)/2 pairs that normalise it, so for 4 places a component with
    20,001 (k-1)(k-2) <= (n-1)(n-2) reports 0.0 for each of its nodes."""
    n = len(neighbours)
    betweenness = [0.0] * n
    if n <= 2:
        return betweenness
    for component in _components(neighbours):
        k = len(component)
        if k <= 2:
            continue  # no node lies between two others
        if shown_to is not None and (2 * 10**shown_to + 1) * (k - 1) * (k - 2) <= (n - 1) * (n - 2):
            continue
        for i, value in _betweenness(_component_graph(component, neighbours), n).items():
            betweenness[i] = value
    return betweenness


def hubs_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The hubs question's answer (see ``queries/hubs.rq``).

    The figures are networkx's degree and betweenness centrality of :func:`department_graph`; the
    betweenness is networkx's on each connected component that can reach 0.0001 (see
    :func:`_betweenness`), the whole graph never being built.
    """
    names, regions, weights = _network(rows)
    n = len(names)
    neighbours, shared = _adjacency(n, weights)
    betweenness = _betweenness_by_component(neighbours, shown_to=4)
    partners = [len(others) for others in neighbours]
    per_partner = 1.0 / (n - 1.0) if n > 1 else 0.0  # as networkx's degree_centrality
    degree = {count: round(count * per_partner, 4) for count in set(partners)}
    out = [
        (name, regions[i], partners[i], shared[i], degree[partners[i]], round(betweenness[i], 4))
        for i, name in enumerate(names)
    ]
    # Names are unique and in order: sort_rows(…, ["-betweenness", "-degree", "name"]) gives this.
    out.sort(key=lambda row: (-row[5], -row[4]))
    return Rows(["name", "region", "partners", "shared", "degree", "betweenness"], out)


def component_betweenness(graph: nx.Graph) -> dict[Any, float]:
    """networkx's normalised betweenness centrality, computed one connected component at a time.

    To the last bit networkx's ``betweenness_centrality(graph)`` when each node's neighbours come in
    the graph's node order, as in :func:`department_graph`; otherwise networkx adds the same terms in
    another order, and the figures agree to rounding.
    """
    nodes = list(graph)
    number = {node: i for i, node in enumerate(nodes)}
    neighbours = [sorted(number[other] for other in graph[node]) for node in nodes]
    return dict(zip(nodes, _betweenness_by_component(neighbours), strict=True))


def clusters_from_rows(rows: Rows, params: dict[str, Any]) -> Rows:
    """The clusters question's answer (see ``queries/clusters.rq``).

    Departments that share no task with another form no community and are left out. The communities
    are networkx's ``greedy_modularity_communities`` of :func:`department_graph`, weighted (see
    :func:`_greedy_modularity`).
    """
    names, regions, weights = _network(rows)
    if not weights:
        return Rows(["cluster", "name", "region", "size", "inside"], [])
    communities = _greedy_modularity(len(names), weights)
    ordered = sorted(communities, key=lambda members: (-len(members), members))
    community = [0] * len(names)
    for number, members in enumerate(ordered, 1):
        for i in members:
            community[i] = number
    inside = [0] * len(names)
    for (a, b), weight in weights.items():
        if community[a] == community[b]:
            inside[a] += weight
            inside[b] += weight
    out = [
        (number, names[i], regions[i], len(members), inside[i])
        for number, members in enumerate(ordered, 1)
        for i in members
    ]
    return Rows(["cluster", "name", "region", "size", "inside"], out)


def _greedy_modularity(n: int, weights: Counter[tuple[int, int]]) -> list[list[int]]:
    """networkx's ``greedy_modularity_communities(graph, weight="weight")`` (each sorted) of the nodes
    with an edge, nodes numbered in the graph's order, computed one connected component at a time.

    networkx merges the pair of communities with the largest gain in modularity ``dq`` (on a tie the
    least pair), while ``dq >= 0``. A merge changes the ``dq`` of pairs in its own component only, so
    each component's merges come in the same order whichever merges of other components come between
    them, and a component whose best ``dq`` is below 0 stays so: the components can be run one after
    another, each to its end. The ``dq`` of a pair is ``w_ij / m - K_i K_j / 2m²`` with ``m`` the
    graph's total weight, so networkx runs each component with the rest of the graph stood in for by
    one edge of the weight outside it, between two nodes of its own (-2 and -1): networkx then
    computes every ``dq`` of the component from the same numbers as on the whole graph, to the same
    bits. (Passing ``resolution=m_component / m`` instead gives the same gains in exact arithmetic
    only, and in about 1 random network in 30 another answer, where two gains are equal or a gain is
    0 in exact arithmetic and rounding decides.)

    Most components need no merging at all. With K a component's total degree, two joined
    communities i and j of the component, of degrees K_i + K_j <= K, have
    ``dq = 2 (w_ij / 2m - K_i K_j / 4m²) >= 1/m - K² / 8m²`` (weights are counts, w_ij >= 1), at
    least ``1/2m`` when ``K² <= 4m``: far from any rounding error, every merge in the component
    gains, and merges go on until the component is one community, in whatever order they come.
    """
    neighbours, degree = _adjacency(n, weights)
    ends = sum(degree)  # 2m
    out: list[list[int]] = []
    for component in _components(neighbours):
        if len(component) < 2:
            continue
        total = sum(degree[i] for i in component)
        if total * total <= 2 * ends:
            out.append(component)
            continue
        graph = _component_graph(component, neighbours, weights)
        if total < ends:
            graph.add_edge(-2, -1, weight=(ends - total) // 2)  # the rest of the graph's weight
        communities = nx.community.greedy_modularity_communities(graph, weight="weight")
        out.extend(sorted(members) for members in communities if -1 not in members)
    return out


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
    """Nodes whose file name, id, title or 文号 is ``text``; failing that, unless ``text`` is a file
    name (a suffix fsgraph reads), whose title contains it."""
    text = text.strip()
    exact = []
    for node, data in graph.nodes(data=True):
        file = data.get("file")
        names = {data.get("title"), data.get("number"), file, file.rsplit(".", 1)[0] if file else None}
        if text in names:
            exact.append(node)
    if exact or is_file_name(text):
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
    position = {node: i for i, node in enumerate(graph)}  # the rows follow the graph's edge order
    for node in found:
        name = _label(graph, node)
        up = nx.single_source_shortest_path_length(graph, node)
        down = nx.single_source_shortest_path_length(graph.reverse(copy=False), node)
        # Every citation among the ancestors (parents) or among the descendants (cited by): the DAG.
        # A citation from an ancestor ends at one; one into a descendant starts at one.
        for u in sorted(up.keys() | down.keys(), key=position.__getitem__):
            for _, v, data in graph.out_edges(u, data=True):
                if u in up and v != node:
                    out.append(_edge_row(graph, name, "parent", up[v], v, u, data))
                if v in down and u != node:
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
