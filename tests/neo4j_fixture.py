"""pytest fixtures for a real Neo4j server (registered from conftest.py through ``pytest_plugins``).

``neo4j_server`` (session): one Neo4j 5.26 community server for the whole test session, in a fresh
folder on free 127.0.0.1 ports, installed on first use; it has ``uri``, ``user``, ``password``,
``http_port``, ``bolt_port``, ``auth`` and ``driver()``. ``neo4j_clean`` (function): the same server,
emptied first (no nodes, relationships, constraints or indexes but the token lookups).

A server that cannot be installed or started fails the tests that need it; it never skips them.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from fsgraph.neo4j_server import NEO4J_VERSION, Neo4jServer, clear_database, free_ports, start_server


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """One real Neo4j server for the session: ``uri``, ``user``, ``password``, ``http_port``, ``driver()``."""
    bolt_port, http_port = free_ports(2)
    try:
        server = start_server(
            tmp_path_factory.mktemp("neo4j"),
            bolt_port=bolt_port,
            http_port=http_port,
            # Opening with "-", as one random password in 64 does: neo4j-admin must not take it for an option.
            password="-" + secrets.token_urlsafe(16),
        )
    except Exception as exc:  # any cause, install or start, is a failure of the tests that need it
        pytest.fail(
            f"the Neo4j {NEO4J_VERSION} test server could not be installed or started: {exc}", pytrace=False
        )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def neo4j_clean(neo4j_server: Neo4jServer) -> Neo4jServer:
    """The session's server, emptied of data, constraints and indexes before the test."""
    with neo4j_server.driver() as driver:
        clear_database(driver)
    return neo4j_server
