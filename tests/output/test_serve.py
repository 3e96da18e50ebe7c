"""The SPARQL endpoint, through real HTTP clients (urllib and curl) against a running server."""

from __future__ import annotations

import concurrent.futures
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import psutil
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsgraph.output.cli import app
from newsgraph.output.serve import make_server

from ..conftest import EXAMPLES

SELECT = "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } ORDER BY ?name"
STORE: list = []  # the fixture's store, for the CLI tests beside the server ones


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, nlp):
    store = tmp_path_factory.mktemp("serve") / "store"
    result = CliRunner().invoke(app, ["build", str(EXAMPLES), "--into", str(store)])
    assert result.exit_code == 0, result.output
    STORE[:] = [store]
    server = make_server(
        store, port=0, timeout=2.0, max_results=50, max_bytes=100_000, workers=3, read_timeout=2.0, log=lambda m: None
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    assert all(not w.process.is_alive() for w in server.endpoint.all), "server_close stops the workers"


def request(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, str]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode()


def test_get_select_as_sparql_json(endpoint):
    status, ctype, body = request(
        f"{endpoint}?query={urllib.parse.quote(SELECT)}", headers={"Accept": "application/sparql-results+json"}
    )
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    names = [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert "Helena Marsh" in names and names == sorted(names)


def test_post_form_and_direct_body_with_csv(endpoint):
    form = urllib.parse.urlencode({"query": SELECT}).encode()
    status, ctype, body = request(
        endpoint, data=form, headers={"Accept": "text/csv", "Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200 and ctype.startswith("text/csv") and body.splitlines()[0] == "name"
    status, ctype, body = request(
        endpoint,
        data=SELECT.encode(),
        headers={"Accept": "text/tab-separated-values", "Content-Type": "application/sparql-query"},
    )
    assert status == 200 and body.splitlines()[0] == "?name" and '"Helena Marsh"' in body


def test_construct_as_turtle(endpoint):
    q = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a ng:Organization ; rdfs:label ?l } LIMIT 5"
    status, ctype, body = request(f"{endpoint}?query={urllib.parse.quote(q)}", headers={"Accept": "text/turtle"})
    assert status == 200 and ctype.startswith("text/turtle") and "rdfs:label" in body


@pytest.mark.parametrize(
    "data, ctype",
    [
        (urllib.parse.urlencode({"update": "DROP ALL"}).encode(), "application/x-www-form-urlencoded"),
        (b"DROP ALL", "application/sparql-update"),
    ],
)
def test_updates_are_refused(endpoint, data, ctype):
    status, _, body = request(endpoint, data=data, headers={"Content-Type": ctype})
    assert status == 403 and "read-only" in body
    assert request(f"{endpoint}?query={urllib.parse.quote('ASK { ?s a ng:Person }')}")[2].find("true") >= 0


def test_syntax_error_is_400_with_position(endpoint):
    status, _, body = request(f"{endpoint}?query={urllib.parse.quote('SELECT ?x WHERE { ?x ?p }')}")
    assert status == 400
    assert body.strip() == "SPARQL syntax error at line 1, column 19: this triple pattern lacks an object"


def test_result_size_limit(endpoint):
    status, _, body = request(f"{endpoint}?query={urllib.parse.quote('SELECT * WHERE { ?s ?p ?o }')}")
    assert status == 413 and "more than 50 results" in body


def get(endpoint: str, sparql: str, **headers: str) -> tuple[int, str, str]:
    return request(f"{endpoint}?query={urllib.parse.quote(sparql)}", headers=headers)


def worker_cpu(seconds: float) -> float:
    """CPU seconds this test process's children (the query workers) use over ``seconds``."""
    children = psutil.Process().children(recursive=True)

    def total() -> float:
        out = 0.0
        for c in children:
            try:
                times = c.cpu_times()
            except psutil.NoSuchProcess:
                continue
            out += times.user + times.system
        return out

    before = total()
    time.sleep(seconds)
    return total() - before


def test_query_timeout_stops_the_query(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    status, _, body = get(endpoint, slow)
    assert status == 503 and "longer than 2 s" in body
    assert time.monotonic() - started < 4
    assert worker_cpu(1.0) < 0.3, "the runaway query still runs after its 503"
    assert get(endpoint, "ASK {}")[0] == 200


def test_runaway_queries_do_not_starve_the_endpoint(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        runaways = [pool.submit(get, endpoint, slow) for _ in range(4)]
        assert {f.result()[0] for f in runaways} <= {503}
    assert get(endpoint, "ASK {}")[0] == 200


def test_deeply_nested_query_is_refused_not_a_crash(endpoint):
    deep = "SELECT * { FILTER(" + "(" * 7000 + "1" + ")" * 7000 + ") }"
    status, _, body = get(endpoint, deep)
    assert status == 400 and "the query has 14,007 operators and brackets" in body
    assert get(endpoint, "ASK {}")[0] == 200


def test_service_is_refused_and_sends_nothing(endpoint, listener):
    target, seen = listener
    status, _, body = get(endpoint, f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}")
    assert status == 400 and "SERVICE" in body
    result = CliRunner().invoke(app, ["query", str(STORE[0]), f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"])
    assert result.exit_code == 1 and "SERVICE (a federated query) is refused" in result.output
    assert seen == []


@pytest.mark.parametrize(
    "sparql, status, words",
    [
        ("SELECT * FROM <urn:x> WHERE { ?s ?p ?o } LIMIT 1", 400, "FROM / FROM NAMED is not supported"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "read-only"),
        ("SELECT (GROUP_CONCAT(CONCAT(?t, ?u)) AS ?all) WHERE { ?q ng:text ?t . ?r ng:text ?u }", 413, "over 100,000"),
    ],
)
def test_refused_queries(endpoint, sparql, status, words):
    got, _, body = get(endpoint, sparql)
    assert got == status and words in body


def test_dataset_parameters_are_refused(endpoint):
    status, _, body = request(f"{endpoint}?query=ASK%20%7B%7D&default-graph-uri=urn:x")
    assert status == 400 and "not supported" in body


def raw_exchange(endpoint: str, data: bytes, *, wait: float = 5.0) -> bytes:
    """Send bytes on a fresh connection and read what comes back until the server closes."""
    port = urllib.parse.urlparse(endpoint).port
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


@pytest.mark.parametrize(
    "headers, status",
    [
        (b"Content-Length: -1\r\n", b" 400 "),
        (b"Content-Length: many\r\n", b" 400 "),
        (b"", b" 411 "),
        (b"Content-Length: 99999999999\r\n", b" 413 "),
    ],
)
def test_malformed_posts_get_an_http_answer(endpoint, headers, status):
    path = urllib.parse.urlparse(endpoint).path
    answer = raw_exchange(endpoint, b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
    assert answer.startswith(b"HTTP/1.") and status in answer.split(b"\r\n")[0]


def test_malformed_accept_still_gets_an_answer(endpoint):
    status, _, _ = get(endpoint, SELECT, Accept="application/sparql-results+json;q=high, text/csv;q=0.5")
    assert status == 200


def test_a_client_that_stops_sending_is_dropped(endpoint):
    started = time.monotonic()
    answer = raw_exchange(endpoint, b"GET /sparql?query=ASK HTTP/1.1\r\nHost: x\r\n", wait=10)
    assert time.monotonic() - started < 6  # read timeout 2 s in this fixture
    assert answer == b"" or answer.startswith(b"HTTP/1.")
    assert get(endpoint, "ASK {}")[0] == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=300), line=st.sampled_from([b"GET /sparql?query=", b"POST /sparql HTTP/1.1", b""]))
def test_fuzzed_requests_never_take_the_server_down(endpoint, junk, line):
    answer = raw_exchange(endpoint, line + junk + b"\r\n\r\n", wait=5)
    assert answer == b"" or answer.startswith(b"HTTP/")
    assert get(endpoint, "ASK {}")[0] == 200


def test_unacceptable_type(endpoint):
    status, _, _ = request(f"{endpoint}?query={urllib.parse.quote(SELECT)}", headers={"Accept": "image/png"})
    assert status == 406


def test_curl_answers_a_select_in_json(endpoint):
    curl = shutil.which("curl")
    if curl is None:
        pytest.fail("curl is not installed (apt-get install curl)")
    out = subprocess.run(
        [curl, "-s", "-H", "Accept: application/sparql-results+json", "--data-urlencode", f"query={SELECT}", endpoint],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["head"]["vars"] == ["name"]
