"""Network questions on small hand-built graphs, where the answers can be worked out on paper."""

from __future__ import annotations

import pytest

from fsgraph import network
from fsgraph.errors import QueryError
from fsgraph.store import Rows


def memberships(*tasks: tuple[str, ...]) -> Rows:
    """Rows as hubs.rq and clusters.rq fetch them: one per department and task."""
    return Rows(
        ["name", "region", "task"], [(name, "x", f"t{i}") for i, names in enumerate(tasks) for name in names]
    )


# Two triangles (甲乙丙 share t0, 丁戊己 share t2) joined by t1, which 丙 and 丁 share; 庚 works alone.
BRIDGE = memberships(("甲", "乙", "丙"), ("丙", "丁"), ("丁", "戊", "己"), ("庚",))


def test_department_graph() -> None:
    graph = network.department_graph(memberships(("甲", "乙"), ("甲", "乙", "丙")))
    assert graph["甲"]["乙"]["weight"] == 2 and graph["甲"]["丙"]["weight"] == 1
    assert set(graph) == {"甲", "乙", "丙"}


@pytest.mark.parametrize("seed", range(12))
def test_betweenness_by_component_is_networkx_betweenness(seed: int) -> None:
    import networkx as nx

    # Sparse random graphs: several components, isolated nodes, paths and cycles.
    graph = nx.gnm_random_graph(40, 30 + seed, seed=seed)
    expected = nx.betweenness_centrality(graph)
    got = network.component_betweenness(graph)
    assert got.keys() == expected.keys()
    assert all(got[node] == pytest.approx(expected[node], abs=1e-12) for node in graph)
    assert any(value > 0 for value in got.values())


def test_hubs_on_a_bridge() -> None:
    rows = {r["name"]: r for r in network.hubs_from_rows(BRIDGE, {}).to_dicts()}
    # 丙 lies on the one shortest path of each pair of 甲/乙 with 丁/戊/己 (2 x 3 = 6 pairs), 丁 on
    # those of 戊/己 with 甲/乙/丙 (6 pairs); networkx normalises by (n-1)(n-2)/2 = 15 for n = 7.
    assert rows["丙"]["betweenness"] == rows["丁"]["betweenness"] == round(6 / 15, 4)
    assert rows["甲"]["betweenness"] == 0.0 and rows["庚"]["betweenness"] == 0.0
    assert (rows["丙"]["partners"], rows["丙"]["shared"]) == (3, 3)
    assert rows["丙"]["degree"] == round(3 / 6, 4)  # 3 partners of 6 possible
    assert (rows["庚"]["partners"], rows["庚"]["degree"]) == (0, 0.0)
    order = [r[0] for r in network.hubs_from_rows(BRIDGE, {}).rows]
    assert order[:2] == ["丁", "丙"] and order[-1] == "庚"


def test_clusters_split_at_the_bridge() -> None:
    rows = network.clusters_from_rows(BRIDGE, {}).to_dicts()
    groups: dict[int, set[str]] = {}
    for row in rows:
        groups.setdefault(row["cluster"], set()).add(row["name"])
    assert sorted(groups.values(), key=sorted) == [{"丁", "戊", "己"}, {"丙", "甲", "乙"}]
    assert "庚" not in {r["name"] for r in rows}  # shares no task: no community
    inside = {r["name"]: r["inside"] for r in rows}
    assert inside["丙"] == 2 and inside["甲"] == 2  # 丙's tie to 丁 crosses the bridge
    assert {r["size"] for r in rows} == {3}


def test_clusters_of_an_empty_network() -> None:
    assert network.clusters_from_rows(memberships(("甲",)), {}).rows == []


CITATION_COLUMNS = [
    "relation",
    "source",
    "source_title",
    "source_number",
    "source_file",
    "target",
    "target_title",
    "target_number",
    "target_file",
    "scope",
    "cue",
    "line",
]


def cites(source: str, target: str, line: int, scope: str = "document") -> tuple[object, ...]:
    """A row as lineage.rq fetches it for one citation."""
    ends = (source, TITLES[source], None, FILES.get(source), target, TITLES[target], None, FILES.get(target))
    return ("cites", *ends, scope, "根据", line)


TITLES = {
    "a": "县方案",
    "b": "市意见（引）",
    "c": "市意见",
    "d": "省意见",
    "e": "国务院意见",
    "f": "另一县方案",
}
FILES = {"a": "a.txt", "c": "c.txt", "f": "f.txt"}
# a (a corpus document) cites b, which is the corpus document c (owl:sameAs); c cites d, d cites e;
# a also cites e directly in its body; f cites d.
CITATIONS = Rows(
    CITATION_COLUMNS,
    [
        cites("a", "b", 3),
        cites("c", "d", 5),
        cites("d", "e", 7),
        cites("a", "e", 40, "body"),
        cites("f", "d", 2),
        ("same", "b", TITLES["b"], None, None, "c", TITLES["c"], None, "c.txt", None, None, None),
    ],
)


def test_the_citation_dag_merges_a_cited_policy_into_its_document() -> None:
    graph = network.citation_graph(CITATIONS)
    assert "b" not in graph and graph.has_edge("a", "c")
    assert graph.nodes["c"]["file"] == "c.txt"
    assert sorted(graph.successors("a")) == ["c", "e"]


def test_lineage_walks_up_and_down() -> None:
    rows = network.lineage_from_rows(CITATIONS, {"document": "a.txt"}).to_dicts()
    parents = {(r["title"], r["depth"], r["via"], r["line"]) for r in rows}
    # a → c (line 3), a → e (line 40); then c → d (line 5), d → e (line 7): e is at depth 1 by the
    # direct citation, and the citation d → e is part of the chain too.
    assert parents == {
        ("市意见", 1, "a.txt", 3),
        ("国务院意见", 1, "a.txt", 40),
        ("省意见", 2, "c.txt", 5),
        ("国务院意见", 1, "省意见", 7),
    }
    assert {r["relation"] for r in rows} == {"parent"}
    down = network.lineage_from_rows(CITATIONS, {"document": "省意见"}).to_dicts()
    cited_by = {(r["relation"], r["title"], r["depth"]) for r in down}
    assert ("cited by", "市意见", 1) in cited_by and ("cited by", "另一县方案", 1) in cited_by
    assert ("cited by", "县方案", 2) in cited_by
    assert ("parent", "国务院意见", 1) in cited_by


def test_lineage_finds_documents_by_part_of_a_title() -> None:
    rows = network.lineage_from_rows(CITATIONS, {"document": "国务院"}).to_dicts()
    assert {r["document"] for r in rows} == {"国务院意见"}
    with pytest.raises(QueryError, match="no document or cited policy matches"):
        network.lineage_from_rows(CITATIONS, {"document": "不存在"})
