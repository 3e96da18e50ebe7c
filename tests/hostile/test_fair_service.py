"""The endpoint under hostile load: runaways keep to their lane, clients to their share,
connections and buffered answers to their caps, workers to the machine's memory."""

from __future__ import annotations

import concurrent.futures
import http.client
import os
import socket
import threading
import time
import urllib.parse

import pytest
from typer.testing import CliRunner

from newsgraph.output.cli import app
from newsgraph.output.serve import make_server, memory_per_worker

runner = CliRunner()
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BIG = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 400"


@pytest.fixture(scope="module")
def graph(tmp_path_factory, nlp):
    from ..conftest import EXAMPLES

    out = tmp_path_factory.mktemp("fair") / "out"
    assert runner.invoke(app, ["build", str(EXAMPLES), "--out", str(out)]).exit_code == 0
    return out


@pytest.fixture
def serve(graph):
    started = []

    def start(**options):
        server = make_server(graph, port=0, log=lambda m: None, **options)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return server.server_address[1]

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


def ask(port: int, sparql: str, *, client: str = "127.0.0.1") -> tuple[int, str, float]:
    """One GET from the loopback address ``client`` (each 127.x address is another client)."""
    began = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(client, 0))
    try:
        conn.request("GET", f"/sparql?query={urllib.parse.quote(sparql)}")
        resp = conn.getresponse()
        return resp.status, resp.read().decode(), time.monotonic() - began
    finally:
        conn.close()


def test_runaways_fill_the_general_lane_and_quick_queries_are_still_answered(serve):
    port = serve(workers=4, timeout=4.0)  # two workers for any query, two for quick-looking ones
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        runaways = [pool.submit(ask, port, RUNAWAY, client=f"127.0.1.{i}") for i in range(6)]
        time.sleep(1.0)  # two runaways run, four wait for a general worker
        for k in range(5):
            status, _, seconds = ask(port, "ASK {}", client=f"127.0.2.{k}")
            assert status == 200 and seconds < 2.0, (status, seconds)
        answers = [f.result() for f in runaways]
    assert sorted(a[0] for a in answers) == [503] * 6
    assert sum("every query worker is busy" in a[1] for a in answers) == 4
    assert sum("longer than 4 s" in a[1] for a in answers) == 2


def test_a_slow_query_that_looks_quick_is_stopped_in_the_quick_lane(serve):
    port = serve(workers=2, timeout=4.0)  # one general worker, one quick
    disguised = "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?b . ?c a ?d . ?e a ?f . ?g a ?h }"
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        runaway = pool.submit(ask, port, RUNAWAY, client="127.0.1.1")
        time.sleep(0.5)
        status, body, seconds = ask(port, disguised, client="127.0.1.2")
        assert status == 503 and "slower than its shape suggested" in body and seconds < 3.0
        assert ask(port, "ASK {}", client="127.0.2.1")[0] == 200
        assert runaway.result()[0] == 503


def test_one_client_may_run_only_its_share_at_once(serve):
    port = serve(workers=4, timeout=3.0, per_client=2)
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        mine = [pool.submit(ask, port, RUNAWAY, client="127.0.3.1") for _ in range(3)]
        statuses = sorted(f.result()[0] for f in mine)
    assert statuses == [429, 503, 503]
    assert ask(port, "ASK {}", client="127.0.3.1")[0] == 200


def test_connections_past_the_cap_get_503_at_once(serve):
    port = serve(workers=2, timeout=3.0, max_connections=2, read_timeout=3.0)
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]  # they send nothing
    try:
        time.sleep(0.2)
        extra = socket.create_connection(("127.0.0.1", port), timeout=5)
        assert extra.recv(200).startswith(b"HTTP/1.0 503")
        extra.close()
    finally:
        for s in idle:
            s.close()


def test_answers_past_the_buffer_budget_get_503(serve):
    port = serve(workers=2, timeout=5.0, max_buffered=4096)
    status, body, _ = ask(port, BIG)
    assert status == 503 and "too many large answers" in body
    assert ask(port, "ASK {}")[0] == 200


def test_worker_memory_caps_add_up_to_less_than_the_machine():
    machine = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    for workers in (1, 8, 32):
        assert workers * memory_per_worker(workers) < machine


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not ipv6_loopback(), reason="this machine has no IPv6 loopback")
def test_serve_on_ipv6_loopback(graph):
    server = make_server(graph, host="::1", port=0, workers=1, log=lambda m: None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        conn = http.client.HTTPConnection("::1", server.server_address[1], timeout=10)
        conn.request("GET", "/sparql?query=ASK%20%7B%7D")
        assert conn.getresponse().status == 200
    finally:
        server.shutdown()
        server.server_close()
