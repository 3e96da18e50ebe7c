"""Guards decided on the parsed query: no SERVICE gets out, no query crashes a process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from newsgraph.graph.guard import QueryRefused, check_query
from newsgraph.graph.query import network_isolated, query_thread, run_query
from newsgraph.output.cli import app
from newsgraph.output.serve import make_server

from .corpus import DEEP_QUERIES, SERVICE_VARIANTS

runner = CliRunner()


@pytest.fixture(scope="module")
def graph(examples_graph):
    return examples_graph


@pytest.fixture(scope="module")
def endpoint(graph):
    server = make_server(graph, port=0, timeout=5.0, workers=2, log=lambda m: None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def get(endpoint: str, sparql: str) -> tuple[int, str]:
    """GET, or for a long query POST (a URL is cut at 64 KB)."""
    if len(sparql) < 8000:
        req = urllib.request.Request(f"{endpoint}?query={urllib.parse.quote(sparql)}")
    else:
        headers = {"Content-Type": "application/sparql-query"}
        req = urllib.request.Request(endpoint, data=sparql.encode(), headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


@pytest.mark.parametrize("name", SERVICE_VARIANTS)
def test_no_spelling_of_service_reaches_a_listener(name, graph, endpoint, listener):
    target, seen = listener
    sparql = SERVICE_VARIANTS[name].format(target=target)
    status, body = get(endpoint, sparql)
    assert status == 400, body
    result = runner.invoke(app, ["query", str(graph), sparql])
    assert result.exit_code == 1, result.output
    assert seen == []


def test_a_refusal_says_nothing_about_the_target(graph, listener):
    target, _ = listener
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    for variant in SERVICE_VARIANTS.values():
        answers = set()
        for where in (target, f"http://127.0.0.1:{port}/admin"):
            result = runner.invoke(app, ["query", str(graph), variant.format(target=where)])
            answers.add((result.exit_code, result.output.replace(where, "TARGET")))
        assert len(answers) == 1, answers


@pytest.mark.parametrize("name", DEEP_QUERIES)
def test_deep_queries_are_refused_by_their_parse_and_crash_nothing(name, endpoint):
    with pytest.raises(QueryRefused) as refused:
        check_query(DEEP_QUERIES[name])
    assert refused.value.kind in {"nesting", "syntax", "size"}
    status, body = get(endpoint, DEEP_QUERIES[name])
    assert status == 400, body
    assert get(endpoint, "ASK {}") == (200, '{"head": {}, "boolean": true}')


def test_the_command_line_answers_a_deep_query_with_one_line(graph):
    sparql = DEEP_QUERIES["brackets hidden behind escaped quotes in names"]
    proc = subprocess.run(
        [sys.executable, "-m", "newsgraph.output.cli", "query", str(graph), sparql], capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == "error: the query has 14,011 operators and brackets; at most 3,000 are accepted\n"


def test_a_query_nested_within_the_limit_still_runs(graph):
    nested = "SELECT ?x WHERE { BIND(" + "(" * 100 + "1" + ")" * 100 + " AS ?x) }"
    result = runner.invoke(app, ["query", str(graph), nested, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["x", "1"]


def test_the_query_thread_parses_what_an_8_mb_stack_cannot():
    """The second wall: even a query the check let through cannot overflow the stack."""
    deep = "SELECT * { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }"
    answer = query_thread().run(lambda: len(list(ox.Store().query(deep))))
    assert answer == 1  # FILTER((...(1)...)) keeps the one empty solution


@pytest.mark.skipif(os.geteuid() != 0, reason="a network namespace of its own needs root (CI runs as root)")
def test_queries_run_without_a_network(listener):
    target, seen = listener
    assert network_isolated()
    host, port = urllib.parse.urlsplit(target).netloc.split(":")

    def connect() -> str:
        try:
            socket.create_connection((host, int(port)), timeout=2).close()
        except OSError as err:
            return type(err).__name__
        return "connected"

    assert query_thread().run(connect) != "connected"
    assert seen == []


def test_updates_and_dataset_clauses_are_refused_on_their_parse():
    store = ox.Store()
    for sparql, kind in [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "update"),
        ("DELETE WHERE { ?s ?p ?o }", "update"),
        ("SELECT * FROM <urn:g> { ?s ?p ?o }", "dataset"),
        ("SELECT * FROM NAMED <urn:g> { GRAPH ?g { ?s ?p ?o } }", "dataset"),
    ]:
        with pytest.raises(QueryRefused) as refused:
            run_query(store, sparql)
        assert refused.value.kind == kind
