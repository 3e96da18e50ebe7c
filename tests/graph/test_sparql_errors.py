"""Syntax errors in plain words: the mistakes people make, each named where it is (issue #25)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from newsgraph.graph.query import QuerySyntaxError, run_query

CASES = [
    (
        "SELEC ?who WHERE { ?who a ng:Person }",
        "line 1, column 1: a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE (after any PREFIX lines), "
        "not 'SELEC'; did you mean SELECT?",
    ),
    ("SELECT ?who WHERE { ?who a ng:Person", "line 1, column 19: this '{' is never closed (a '}' is missing)"),
    ("SELECT ?who WHERE { ?who a ng:Person } }", "line 1, column 40: this '}' closes nothing that was opened"),
    (
        "SELECT ?who WHERE { ?who a ng:Person . FILTER(?who != ngr:x }",
        "line 1, column 46: this '(' is never closed (before the '}' after it)",
    ),
    ("SELECT ?who WHERE { ?who ng:said }", "line 1, column 21: this triple pattern lacks an object"),
    (
        "SELECT ?who WHERE { ?who a ng:Person } LIMT 5",
        "line 1, column 40: 'LIMT' is no SPARQL keyword; did you mean LIMIT?",
    ),
    (
        "SELECT ?who WHERE { ?who foaf:name ?n }",
        "line 1, column 26: unknown prefix 'foaf:' (declare it with 'PREFIX foaf: <...>'; predefined: dcterms:, ng:, "
        "ngr:, owl:, prov:, rdf:, rdfs:, schema:, skos:, xsd:)",
    ),
    (
        'SELECT ?who WHERE { ?who rdfs:label "Ann Lee }',
        'line 1, column 37: a string opened here with " is never closed on its line',
    ),
    (
        "SELECT who WHERE { ?who a ng:Person }",
        "line 1, column 8: after SELECT come variables (?name), (expression AS ?name) or *, not 'who'",
    ),
]


@pytest.mark.parametrize("sparql, message", CASES)
def test_a_syntax_error_says_what_is_wrong_and_where(sparql, message):
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(ox.Store(), sparql)
    assert str(caught.value) == f"SPARQL syntax error at {message}"


def test_a_mistake_no_check_knows_gives_the_parsers_expected_words():
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(ox.Store(), "SELECT ?who WHERE { ?who ?p ?o } GROUP ?who")
    assert str(caught.value) == "SPARQL syntax error at line 1, column 40, near '?who': expected BY"
