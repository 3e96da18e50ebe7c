"""SPARQL clients with their defaults against a running endpoint (issue #25)."""

from __future__ import annotations

import threading

import pytest
from rdflib import Graph, Literal
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from newsgraph.output.serve import make_server

PERSON = "https://w3id.org/newsgraph/ontology#Person"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(scope="module")
def graph_dir(examples_graph):
    return examples_graph


@pytest.fixture(scope="module")
def endpoint(graph_dir):
    server = make_server(graph_dir, port=0, workers=2, log=lambda m: None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_rdflib_sparqlstore_with_its_defaults(endpoint, method):
    """SPARQLStore asks for SPARQL results XML and RDF/XML by default."""
    g = Graph(store=SPARQLStore(endpoint, method=method))
    rows = list(g.query(f"SELECT ?n WHERE {{ ?p a <{PERSON}> ; <{LABEL}> ?n }} ORDER BY ?n LIMIT 2"))
    assert [r[0] for r in rows] == [Literal("Amira Haddad"), Literal("Arthur Penrose")]
    assert g.query("ASK { ?s ?p ?o }").askAnswer is True
    built = g.query(f"CONSTRUCT {{ ?p <urn:name> ?n }} WHERE {{ ?p a <{PERSON}> ; <{LABEL}> ?n }}").graph
    assert Literal("Amira Haddad") in set(built.objects())
    described = g.query("DESCRIBE <https://w3id.org/newsgraph/id/entity/amira-haddad>").graph
    assert Literal("Amira Haddad") in set(described.objects())


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_with_its_defaults(endpoint, method):
    """SPARQLWrapper 2.0 asks for SPARQL results XML (SELECT, ASK) and RDF/XML (CONSTRUCT,
    DESCRIBE) unless told otherwise; it gets them, parsed by its own readers."""
    from SPARQLWrapper import GET, POST, SPARQLWrapper

    def ask(sparql):
        client = SPARQLWrapper(endpoint)
        client.setMethod(GET if method == "GET" else POST)
        client.setQuery(sparql)
        return client.queryAndConvert()

    table = ask(f"SELECT ?n WHERE {{ ?p a <{PERSON}> ; <{LABEL}> ?n }} ORDER BY ?n LIMIT 2")
    names = [b.getElementsByTagName("literal")[0].firstChild.data for b in table.getElementsByTagName("binding")]
    assert names == ["Amira Haddad", "Arthur Penrose"]
    answer = ask("ASK { ?s ?p ?o }")
    assert answer.getElementsByTagName("boolean")[0].firstChild.data == "true"
    built = ask(f"CONSTRUCT {{ ?p <urn:name> ?n }} WHERE {{ ?p a <{PERSON}> ; <{LABEL}> ?n }}")
    assert isinstance(built, Graph) and Literal("Amira Haddad") in set(built.objects())
    described = ask("DESCRIBE <https://w3id.org/newsgraph/id/entity/amira-haddad>")
    assert isinstance(described, Graph) and Literal("Amira Haddad") in set(described.objects())


def test_graph_answers_as_json_ld_parse_back(endpoint):
    import urllib.parse
    import urllib.request

    sparql = f"CONSTRUCT {{ ?p <{LABEL}> ?n }} WHERE {{ ?p a <{PERSON}> ; <{LABEL}> ?n }}"
    req = urllib.request.Request(
        f"{endpoint}?query={urllib.parse.quote(sparql)}", headers={"Accept": "application/ld+json"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.headers["Content-Type"].startswith("application/ld+json")
        got = Graph().parse(data=resp.read(), format="json-ld")
    assert Literal("Amira Haddad") in set(got.objects())


def test_options_and_cors_only_for_the_origin_given(graph_dir):
    import http.client

    server = make_server(graph_dir, port=0, workers=1, cors="https://editor.example", log=lambda m: None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        for origin, allowed in (("https://editor.example", True), ("https://other.example", False)):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("OPTIONS", "/sparql", headers={"Origin": origin})
            resp = conn.getresponse()
            assert resp.status == 204 and resp.getheader("Allow") == "GET, POST, OPTIONS"
            assert (resp.getheader("Access-Control-Allow-Origin") == origin) is allowed
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/sparql?query=ASK%20%7B%7D", headers={"Origin": origin})
            resp = conn.getresponse()
            assert resp.status == 200 and (resp.getheader("Access-Control-Allow-Origin") == origin) is allowed
            conn.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_endpoint_url_describes_the_service(endpoint):
    import urllib.request

    from rdflib import RDF, Namespace, URIRef

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    with urllib.request.urlopen(endpoint, timeout=10) as resp:
        assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/turtle")
        g = Graph().parse(data=resp.read(), format="turtle")
    assert (URIRef(endpoint), RDF.type, sd.Service) in g
    assert (URIRef(endpoint), sd.supportedLanguage, sd.SPARQL11Query) in g
