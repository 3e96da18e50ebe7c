"""The SPARQL endpoint, through real HTTP clients (urllib and curl) against a running server."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from typer.testing import CliRunner

from newsgraph.output.cli import app
from newsgraph.output.serve import make_server

from ..conftest import EXAMPLES

SELECT = "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, nlp):
    store = tmp_path_factory.mktemp("serve") / "store"
    result = CliRunner().invoke(app, ["build", str(EXAMPLES), "--into", str(store)])
    assert result.exit_code == 0, result.output
    server = make_server(store, port=0, timeout=2.0, max_results=50, log=lambda m: None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


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
    assert status == 400 and "error at 1:" in body


def test_result_size_limit(endpoint):
    status, _, body = request(f"{endpoint}?query={urllib.parse.quote('SELECT * WHERE { ?s ?p ?o }')}")
    assert status == 413 and "more than 50 results" in body


def test_query_timeout(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    status, _, body = request(f"{endpoint}?query={urllib.parse.quote(slow)}")
    assert status == 503 and "longer than 2 s" in body


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
