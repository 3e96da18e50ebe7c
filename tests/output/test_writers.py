"""The Turtle/TriG writers: the same graph always gives the same file, and the file is the graph."""

from __future__ import annotations

import random

from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from newsgraph.graph.quadview import QuadView
from newsgraph.output.turtle import write_nquads, write_trig, write_turtle

N = "https://example.org/"
QUADS = [
    (URIRef(N + "kane"), URIRef(N + "label"), Literal("Robert Kane"), URIRef(N + "entities")),
    (URIRef(N + "kane"), URIRef(N + "said"), URIRef(N + "q1"), URIRef(N + "doc1")),
    (URIRef(N + "kane"), URIRef(N + "said"), URIRef(N + "q2"), URIRef(N + "doc2")),
    (URIRef(N + "q1"), URIRef(N + "text"), Literal("We will not back down.", lang="en"), URIRef(N + "doc1")),
    (URIRef(N + "q1"), URIRef(N + "start"), Literal(120, datatype=XSD.integer), URIRef(N + "doc1")),
    (URIRef(N + "q2"), URIRef(N + "text"), Literal("Ports first."), URIRef(N + "doc2")),
    # the same triple in two documents' graphs: once in Turtle, twice in TriG
    (URIRef(N + "doyle"), URIRef(N + "memberOf"), URIRef(N + "green"), URIRef(N + "doc1")),
    (URIRef(N + "doyle"), URIRef(N + "memberOf"), URIRef(N + "green"), URIRef(N + "doc2")),
]


def test_same_graph_same_bytes_whatever_the_order(tmp_path):
    outs = []
    for seed in range(3):
        quads = QUADS[:]
        random.Random(seed).shuffle(quads)
        view = QuadView(quads)
        d = tmp_path / str(seed)
        d.mkdir()
        outs.append(
            tuple(
                f(view, d / name).read_bytes()
                for f, name in ((write_turtle, "g.ttl"), (write_trig, "g.trig"), (write_nquads, "g.nq"))
            )
        )
    assert outs[0] == outs[1] == outs[2]


def test_files_hold_the_graph(tmp_path):
    view = QuadView(QUADS)
    g = Graph().parse(write_turtle(view, tmp_path / "g.ttl"))
    assert isomorphic(
        g, Graph().parse(data="\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o, _ in QUADS), format="nt")
    )
    ds = Dataset()
    ds.parse(write_trig(view, tmp_path / "g.trig"), format="trig")
    got = {(s, p, o, c) for s, p, o, c in ds.quads((None, None, None, None))}
    assert got == set(QUADS)


def test_a_subjects_triples_stay_together(tmp_path):
    text = write_turtle(QuadView(QUADS), tmp_path / "g.ttl").read_text(encoding="utf-8")
    # one block per subject: Kane's label and both quotes under a single subject line
    assert text.count("<https://example.org/kane>") == 1


def test_plain_and_xsd_string_literals_are_one_term(tmp_path):
    quads = [
        (URIRef(N + "a"), URIRef(N + "p"), Literal("x"), URIRef(N + "g")),
        (URIRef(N + "a"), URIRef(N + "p"), Literal("x", datatype=XSD.string), URIRef(N + "g")),
    ]
    text = write_turtle(QuadView(quads), tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert text.count('"x"') == 1


def test_graph_ttl_reads_in_order_type_first_one_number_style(tmp_path):
    """The run, the documents (each before its mentions), the entities, the positions, the
    quotes, the claims and the assertions; ``a`` opens every node; 1 is written 1.0."""
    from rdflib import RDF

    from newsgraph.ontology import NG, NGR

    ngr = str(NGR)
    quads = [
        (URIRef(ngr + "assertion/1"), RDF.subject, URIRef(ngr + "entity/ann-lee"), None),
        (URIRef(ngr + "assertion/1"), RDF.type, NG.Assertion, None),
        (URIRef(ngr + "quote/1"), NG.confidence, Literal("1", datatype=XSD.decimal), None),
        (URIRef(ngr + "quote/1"), RDF.type, NG.Quote, None),
        (URIRef(ngr + "entity/ann-lee"), RDF.type, NG.Person, None),
        (URIRef(ngr + "doc/d1/e0"), NG.denotes, URIRef(ngr + "entity/ann-lee"), None),
        (URIRef(ngr + "doc/d1"), RDF.type, NG.Document, None),
        (URIRef(ngr + "run/r"), RDF.type, URIRef("http://www.w3.org/ns/prov#Activity"), None),
    ]
    text = write_turtle(QuadView(quads), tmp_path / "g.ttl").read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if not line.startswith("@prefix")]
    assert body == [
        "ngr:run\\/r a prov:Activity .",
        "ngr:doc\\/d1 a ng:Document .",
        "ngr:doc\\/d1\\/e0 ng:denotes ngr:entity\\/ann-lee .",
        "ngr:entity\\/ann-lee a ng:Person .",
        "ngr:quote\\/1 a ng:Quote ;",
        "\tng:confidence 1.0 .",
        "ngr:assertion\\/1 a ng:Assertion ;",
        "\trdf:subject ngr:entity\\/ann-lee .",
    ]
    assert Literal("1", datatype=XSD.decimal).eq(
        next(Graph().parse(data=text, format="turtle").objects(None, NG.confidence))
    )
