"""--min-confidence: the graph without its unsure facts, and nothing else gone."""

from __future__ import annotations

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic

from newsgraph.graph.confident import confident, confident_dataset
from newsgraph.ontology import NG

X, Y, Z, DOC = (URIRef(f"urn:{n}") for n in ("x", "y", "z", "doc"))


def assertion(name: str, s: URIRef, p: URIRef, o: URIRef, confidence: float) -> list[tuple]:
    a = URIRef(f"urn:assertion/{name}")
    return [
        (a, RDF.type, NG.Assertion),
        (a, RDF.subject, s),
        (a, RDF.predicate, p),
        (a, RDF.object, o),
        (a, NG.document, DOC),
        (a, NG.confidence, Literal(confidence)),
    ]


def dataset(triples: list[tuple]) -> Dataset:
    ds = Dataset(default_union=True)
    for t in triples:
        ds.add(t)
    return ds


def union(ds: Dataset) -> Graph:
    g = Graph()
    for t in ds.triples((None, None, None)):
        g.add(t)
    return to_isomorphic(g)


def test_a_fact_stays_while_one_reading_is_sure_and_goes_with_its_last():
    entities = [(X, RDF.type, NG.Person), (Y, RDF.type, NG.Organization), (Z, RDF.type, NG.Organization)]
    sure_twice = [
        (X, NG.memberOf, Y),
        *assertion("a1", X, NG.memberOf, Y, 0.95),
        *assertion("a2", X, NG.memberOf, Y, 0.6),
    ]
    unsure = [(Z, NG.ledBy, X), *assertion("a3", Z, NG.ledBy, X, 0.7)]
    quote = [(X, NG.said, URIRef("urn:q")), (URIRef("urn:q"), NG.text, Literal("We will win."))]
    ds = dataset(entities + sure_twice + unsure + quote)

    kept = confident_dataset(ds, 0.9)

    want = dataset(entities + sure_twice[:1] + assertion("a1", X, NG.memberOf, Y, 0.95) + quote)
    assert union(kept) == union(want)
    assert union(confident_dataset(ds, 0.0)) == union(ds)


def test_a_position_nothing_holds_any_more_goes_with_its_holder():
    pos = URIRef("urn:position/1")
    held = [(X, NG.holdsPosition, pos), (pos, NG.title, Literal("treasurer")), (pos, NG.organization, Y)]
    quads = [(*t, None) for t in held + assertion("p", X, NG.holdsPosition, pos, 0.5)]
    assert confident(quads, 0.9) == []
    assert confident(quads, 0.5) == quads


def test_a_quote_whose_speaker_is_unsure_keeps_its_words_and_loses_its_speaker():
    def quote(name: str, confidence: float) -> list[tuple]:
        q = URIRef(f"urn:quote/{name}")
        return [
            (q, RDF.type, NG.Quote),
            (q, NG.text, Literal(f"words of {name}")),
            (q, NG.speakerText, Literal("she")),
            (q, NG.confidence, Literal(confidence)),
            (q, NG.speakerMention, URIRef(f"urn:mention/{name}")),
            (X, NG.said, q),
        ]

    sure, unsure = quote("sure", 0.95), quote("unsure", 0.4)
    kept = confident_dataset(dataset([(X, RDF.type, NG.Person), *sure, *unsure]), 0.9)
    assert union(kept) == union(dataset([(X, RDF.type, NG.Person), *sure, *unsure[:4]]))
