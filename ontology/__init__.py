"""The ontology (Turtle), the SHACL shapes and the namespace constants."""

from __future__ import annotations

from pathlib import Path

from .namespace import NG, NGR

# rdflib's DefinedNamespace makes a new URIRef through its metaclass on every read of NG.x
# (about 1.4 µs); building a graph reads the terms some 100,000 times per 400 articles, so each
# is made once here and read as a plain class attribute (NG["x"] and unknown names work as before).
for _term in NG.__annotations__:
    setattr(NG, _term, NG[_term])
del _term

# Prefixes every writer and the query command use.
PREFIXES = {
    "ng": "https://w3id.org/newsgraph/ontology#",
    "ngr": "https://w3id.org/newsgraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
}
ONTOLOGY_PATH = Path(__file__).with_name("newsgraph.ttl")
SHAPES_PATH = Path(__file__).with_name("shapes.ttl")

__all__ = ["NG", "NGR", "ONTOLOGY_PATH", "PREFIXES", "SHAPES_PATH"]
