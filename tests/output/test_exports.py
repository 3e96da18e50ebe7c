"""export --format: the files open in networkx and rdflib and say what the graph says (issue #25)."""

from __future__ import annotations

import csv
import gzip

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Dataset, Graph
from rdflib.compare import to_isomorphic
from typer.testing import CliRunner

import newsgraph
from newsgraph.ontology import NG
from newsgraph.output.cli import app

runner = CliRunner()
CLASSES = {NG.Person: "Person", NG.Organization: "Organization", NG.Place: "Place", NG.Event: "Event"}
DIRECT = (NG.ledBy, NG.memberOf, NG.partOf, NG.locatedIn)
RELATIONS = {"ledBy", "memberOf", "partOf", "locatedIn", "holdsPosition"}


@pytest.fixture(scope="module")
def built(examples_graph):
    return examples_graph


@pytest.fixture(scope="module")
def turtle(built):
    g = Graph()
    g.parse(built / "graph.ttl")
    return g


def exported(built, tmp_path, fmt, *more):
    result = runner.invoke(app, ["export", str(built), "--format", fmt, "--out", str(tmp_path), *more])
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if line]


def expected_nodes(g):
    """Entity IRI -> (class, label), read from graph.ttl with rdflib."""
    return {str(e): (name, str(g.value(e, RDFS.label))) for c, name in CLASSES.items() for e in g.subjects(RDF.type, c)}


def expected_edges(g):
    """(source, target, relation) of every relation between two entities in graph.ttl."""
    entities = set(expected_nodes(g))
    out = {(str(s), str(o), str(p).rsplit("#")[-1]) for p in DIRECT for s, o in g.subject_objects(p)}
    for person, position in g.subject_objects(NG.holdsPosition):
        org = g.value(position, NG.organization)
        if org is not None:
            out.add((str(person), str(org), "holdsPosition"))
    return {e for e in out if e[0] in entities and e[1] in entities}


@pytest.mark.parametrize(
    "fmt, name, read", [("graphml", "graph.graphml", nx.read_graphml), ("gexf", "graph.gexf", nx.read_gexf)]
)
def test_graphml_and_gexf_open_in_networkx_with_the_entities_and_relations(built, turtle, tmp_path, fmt, name, read):
    assert exported(built, tmp_path, fmt) == [str(tmp_path / name)]
    g = read(tmp_path / name)
    assert {n: (a["class"], a["label"]) for n, a in g.nodes(data=True)} == expected_nodes(turtle)
    assert relations(g) == expected_edges(turtle)
    confidences = [a["confidence"] for *_, a in g.edges(data=True) if a["label"] in RELATIONS]
    assert confidences and all(0 < float(c) <= 1 for c in confidences)
    assert {(s, o): int(a["documents"]) for s, o, a in g.edges(data=True) if a["label"] == "coOccurs"} == (
        expected_cooccurrence(turtle)
    )
    in_sentence = {(s, o): int(a["sentences"]) for s, o, a in g.edges(data=True) if a["label"] == "coOccurs"}
    assert {k: v for k, v in in_sentence.items() if v} == expected_sentence_cooccurrence(turtle)
    assert {(s, o): int(a["quotes"]) for s, o, a in g.edges(data=True) if a["label"] == "mentions"} == (
        expected_said_about(turtle)
    )


def relations(g):
    return {(s, o, a["label"]) for s, o, a in g.edges(data=True) if a["label"] in RELATIONS}


def expected_cooccurrence(g):
    """(a, b) -> documents naming both, a's IRI first, from the document entities of graph.ttl."""
    from collections import Counter
    from itertools import combinations

    named = {}
    for local, entity in g.subject_objects(NG.denotes):
        named.setdefault(g.value(local, NG.document), set()).add(str(entity))
    return Counter(pair for entities in named.values() for pair in combinations(sorted(entities), 2))


def expected_sentence_cooccurrence(g):
    """(a, b) -> documents with a sentence naming both, from ng:sameSentence in graph.ttl."""
    from collections import Counter

    pairs = set()
    for x, y in g.subject_objects(NG.sameSentence):
        a, b = sorted((str(g.value(x, NG.denotes)), str(g.value(y, NG.denotes))))
        if a != b:
            pairs.add((a, b, g.value(x, NG.document)))
    return Counter((a, b) for a, b, _ in pairs)


def expected_said_about(g):
    """(speaker, entity) -> quotes and claims of the speaker whose words name the entity."""
    from collections import Counter

    spoken = [(s, q) for s, q in g.subject_objects(NG.said)] + [(s, c) for c, s in g.subject_objects(NG.claimedBy)]
    return Counter((str(s), str(e)) for s, q in spoken for e in g.objects(q, NG.mentions) if e != s)


def test_csv_is_a_node_list_and_an_edge_list_gephi_reads(built, turtle, tmp_path):
    assert exported(built, tmp_path, "csv") == [str(tmp_path / "nodes.csv"), str(tmp_path / "edges.csv")]
    with open(tmp_path / "nodes.csv", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(tmp_path / "edges.csv", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert {r["Id"]: (r["class"], r["Label"]) for r in nodes} == expected_nodes(turtle)
    assert {(r["Source"], r["Target"], r["Label"]) for r in edges if r["Label"] in RELATIONS} == expected_edges(turtle)


def test_json_ld_parses_back_to_the_same_graph(built, turtle, tmp_path):
    exported(built, tmp_path, "jsonld")
    back = Graph()
    back.parse(tmp_path / "graph.jsonld", format="json-ld")
    assert to_isomorphic(back) == to_isomorphic(turtle)


def _shards(folder):
    return [p.read_bytes() for p in sorted(folder.glob("graph-*.nq.gz"))]


def test_n_quads_are_gzipped_with_a_named_graph_per_document(built, tmp_path):
    exported(built, tmp_path, "nquads")
    back, trig = Dataset(), Dataset()
    for shard in _shards(tmp_path):
        back.parse(data=gzip.decompress(shard).decode(), format="nquads")
    trig.parse(built / "graph.trig", format="trig")

    def quads(ds):
        return {(s, p, o, str(g)) for s, p, o, g in ds.quads((None, None, None, None))}

    assert quads(back) == quads(trig)
    documents = {s for s, *_ in trig.quads((None, RDF.type, NG.Document, None))}
    assert len({g for *_, g in quads(back)} - {str(back.default_graph.identifier)}) > len(documents) >= 5
    again = tmp_path / "again"
    exported(built, again, "nquads")
    assert _shards(again) == _shards(tmp_path)


def test_n_quads_shards_keep_each_named_graph_whole(built, tmp_path, monkeypatch):
    from newsgraph.output import exports

    monkeypatch.setattr(exports, "SHARD_QUADS", 200)  # the examples' graph in several shards
    exported(built, tmp_path, "nquads")
    shards = _shards(tmp_path)
    graphs_of = []
    for shard in shards:
        ds = Dataset()
        ds.parse(data=gzip.decompress(shard).decode(), format="nquads")
        graphs_of.append({str(g) for *_, g in ds.quads((None, None, None, None))})
    assert len(shards) > 2
    assert all(not (a & b) for i, a in enumerate(graphs_of) for b in graphs_of[i + 1 :]), "a graph split over shards"


def test_min_confidence_leaves_out_the_unsure_relations(built, turtle, tmp_path):
    exported(built, tmp_path, "graphml", "--min-confidence", "0.95")
    g = nx.read_graphml(tmp_path / "graph.graphml")
    kept = relations(g)
    assert kept < expected_edges(turtle)
    assert all(float(a["confidence"]) >= 0.95 for *_, a in g.edges(data=True) if a["label"] in RELATIONS)
    assert set(g.nodes) == set(expected_nodes(turtle))  # entities stay


def test_an_unknown_format_is_one_clear_line(built, tmp_path):
    result = runner.invoke(app, ["export", str(built), "--format", "xml", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: --format xml: not a format newsgraph exports (one of graphml, gexf, csv, jsonld, nquads)"
    )
    assert not list(tmp_path.iterdir())


def test_to_networkx_is_the_graphml_export(built, tmp_path):
    exported(built, tmp_path, "graphml")
    from_file = nx.read_graphml(tmp_path / "graph.graphml")
    g = newsgraph.to_networkx(built)
    assert dict(g.nodes(data=True)) == {
        n: {k: type(g.nodes[n][k])(v) for k, v in a.items()} for n, a in from_file.nodes(data=True)
    }
    assert {(s, o, a["label"]) for s, o, a in g.edges(data=True)} == {
        (s, o, a["label"]) for s, o, a in from_file.edges(data=True)
    }
