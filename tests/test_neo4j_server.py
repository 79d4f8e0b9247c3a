"""The Neo4j server the fixtures start is real, refuses strangers, enforces constraints, stays on loopback."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ConstraintError

from fsgraph.neo4j_server import NEO4J_VERSION, Neo4jServer, clear_database

pytestmark = pytest.mark.neo4j


def test_server_is_the_pinned_community_version(neo4j_server: Neo4jServer) -> None:
    with neo4j_server.driver() as driver:
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions, edition RETURN *")
    assert records[0]["edition"] == "community"
    assert records[0]["versions"] == [NEO4J_VERSION]


def test_write_then_read_returns_the_written_value(neo4j_clean: Neo4jServer) -> None:
    title = "关于加强食品安全工作的实施意见"
    with neo4j_clean.driver() as driver:
        driver.execute_query("CREATE (:Policy {title: $title, tasks: 12})", title=title)
        records, _, _ = driver.execute_query("MATCH (p:Policy) RETURN p.title AS title, p.tasks AS tasks")
    assert [(r["title"], r["tasks"]) for r in records] == [(title, 12)]


def test_wrong_password_is_refused(neo4j_server: Neo4jServer) -> None:
    with (
        GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, "not-" + neo4j_server.password)) as d,
        pytest.raises(AuthError),
    ):
        d.verify_connectivity()


def test_uniqueness_constraint_rejects_a_duplicate(neo4j_clean: Neo4jServer) -> None:
    with neo4j_clean.driver() as driver:
        driver.execute_query("CREATE CONSTRAINT policy_id FOR (p:Policy) REQUIRE p.id IS UNIQUE")
        driver.execute_query("CREATE (:Policy {id: 'doc-1'})")
        with pytest.raises(ConstraintError):
            driver.execute_query("CREATE (:Policy {id: 'doc-1'})")
        records, _, _ = driver.execute_query("MATCH (p:Policy {id: 'doc-1'}) RETURN count(p) AS n")
    assert records[0]["n"] == 1


def test_clear_database_removes_data_constraints_and_indexes(neo4j_server: Neo4jServer) -> None:
    with neo4j_server.driver() as driver:
        driver.execute_query("CREATE CONSTRAINT dept_name FOR (d:Department) REQUIRE d.name IS UNIQUE")
        driver.execute_query("CREATE INDEX task_deadline FOR (t:Task) ON (t.deadline)")
        driver.execute_query("CREATE (:Department {name: '市场监管局'})-[:LEADS]->(:Task {deadline: 2025})")
        clear_database(driver)
        nodes, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
        constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name")
        indexes, _, _ = driver.execute_query("SHOW INDEXES YIELD name, type")
    assert nodes[0]["n"] == 0
    assert constraints == []
    assert {r["type"] for r in indexes} <= {"LOOKUP"}


def _listening_addresses(pid: int) -> set[tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, int]]:
    """(address, port) of every TCP socket process ``pid`` listens on, read from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    found = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A" or inode not in inodes:  # 0A: LISTEN
                continue
            hex_address, hex_port = local.split(":")
            raw = bytes.fromhex(hex_address)
            # The kernel prints each 32-bit word in host (little-endian) order.
            packed = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            address = ipaddress.ip_address(packed)
            if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
                address = address.ipv4_mapped
            found.add((address, int(hex_port, 16)))
    return found


def test_server_listens_only_on_127_0_0_1(neo4j_server: Neo4jServer) -> None:
    pid = neo4j_server.pid
    assert pid is not None
    listening = _listening_addresses(pid)
    loopback = ipaddress.ip_address("127.0.0.1")
    assert {(loopback, neo4j_server.bolt_port), (loopback, neo4j_server.http_port)} <= listening
    assert {address for address, _ in listening} == {loopback}

    # Bound to 127.0.0.1 exactly, not to all addresses: another loopback address is refused.
    with socket.create_connection(("127.0.0.1", neo4j_server.bolt_port), timeout=5):
        pass
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", neo4j_server.bolt_port), timeout=5).close()
