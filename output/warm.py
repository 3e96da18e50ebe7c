"""Warm SPARQL checking, for the query server's fork server (``serve.Endpoint``).

The fork server imports this module once; importing it parses one query of each SPARQL form
and clause, because rdflib's parser (pyparsing) builds much of its matching machinery on first
use: 0.13 s for a first query with PREFIX lines, 3 ms after. Every query worker is forked from
the fork server afterwards, so it starts warm, and a replacement costs nothing to warm. This is
the one module of newsgraph that does work when imported; nothing else imports it.
"""

from __future__ import annotations

from newsgraph.graph.guard import QueryRefused, check_query

WARM_QUERIES = (
    "ASK {}",
    "PREFIX ex: <http://example.org/> BASE <http://example.org/> "
    "SELECT DISTINCT ?s (COUNT(?o) AS ?n) WHERE { ?s a ex:C ; ex:p ?o , 'x'@en . ?o ex:q* / ^ex:r ?z "
    "OPTIONAL { ?s ex:t ?t } { ?s ex:u 1 } UNION { ?s ex:v 2.5 } MINUS { ?s ex:w true } "
    "FILTER(?n > 1 && (REGEX(STR(?s), '^a', 'i') || !BOUND(?t)) && ?t IN (1, 2)) "
    "BIND(CONCAT(LCASE(?t), '-') AS ?c) VALUES ?v { <http://e/1> UNDEF } "
    "FILTER NOT EXISTS { ?s ex:x [ ex:y ?q ] } GRAPH ?g { ?s ?p ( 1 2 ) } "
    "{ SELECT ?s WHERE { ?s ex:z ?y } LIMIT 1 } } "
    "GROUP BY ?s HAVING (COUNT(?o) > 0) ORDER BY DESC(?n) ?s LIMIT 10 OFFSET 2",
    "CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s ?p ?o } LIMIT 1",
    "CONSTRUCT WHERE { ?s <urn:p> ?o }",
    "DESCRIBE <http://example.org/x> ?s WHERE { ?s <urn:p> 'x'^^<http://www.w3.org/2001/XMLSchema#string> }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "SELEC *",
)

for _query in WARM_QUERIES:
    try:
        check_query(_query)
    except QueryRefused:  # the refused forms are warm too
        pass
