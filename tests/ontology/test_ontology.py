from __future__ import annotations

import re
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef

from newsgraph.ontology import NG, ONTOLOGY_PATH, SHAPES_PATH
from newsgraph.ontology.build_namespace import ontology_terms, render


def test_namespace_module_is_generated_from_the_ttl():
    generated = render(ontology_terms())
    assert (Path(ONTOLOGY_PATH).parent / "namespace.py").read_text(encoding="utf-8") == generated


def test_every_contract_term_is_in_the_ontology(shared):
    contract = (shared / "OUTPUT-CONTRACT.md").read_text(encoding="utf-8")
    terms = set(re.findall(r"`ng:(\w+)`", contract)) | set(re.findall(r"\bng:(\w+)\b", contract))
    known = set(ontology_terms())
    assert terms and terms <= known, terms - known


def test_classes_and_properties_have_labels_and_comments():
    g = Graph().parse(ONTOLOGY_PATH)
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, BNode):
                continue  # a class expression ("Organization or Place"), not a term of its own
            assert g.value(s, RDFS.label) is not None, s
            assert g.value(s, RDFS.comment) is not None, s


def test_alignments_to_schema_org_org_and_prov():
    g = Graph().parse(ONTOLOGY_PATH)
    assert (NG.Person, OWL.equivalentClass, URIRef("https://schema.org/Person")) in g
    assert (NG.memberOf, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#memberOf")) in g
    assert (NG.Quote, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in g


def test_shapes_parse():
    assert len(Graph().parse(SHAPES_PATH)) > 20
