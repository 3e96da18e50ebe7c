from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from newsgraph.graph.build import RunInfo, build_dataset
from newsgraph.graph.codec import from_graph
from newsgraph.graph.iris import ENTITY_GRAPH, entity_iri
from newsgraph.graph.validate import validate
from newsgraph.ontology import NG

from .conftest import assert_same_graph, without_runs

DATA = Path(__file__).parent.parent / "data"
RUN = RunInfo("0.0.0", "en_core_web_sm 3.8.0", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:01+00:00")


def test_example_graph_validates(example_records):
    ok, report = validate(without_runs(build_dataset(example_records, [RUN])))
    assert ok, report


def test_batch_order_does_not_matter(example_records):
    assert_same_graph(
        without_runs(build_dataset(example_records)), without_runs(build_dataset(list(reversed(example_records))))
    )


def test_document_graphs_round_trip_to_the_same_graph(example_records):
    ds = build_dataset(example_records, [RUN])
    records, runs = from_graph(ds)
    assert runs == [RUN]
    assert_same_graph(without_runs(ds), without_runs(build_dataset(records)))


def test_merge_of_halves_equals_one_build(example_records, tmp_path):
    half = len(example_records) // 2
    a, b = build_dataset(example_records[:half]), build_dataset(example_records[half:])
    merged = build_dataset(from_graph(a)[0] + from_graph(b)[0])
    assert_same_graph(without_runs(merged), without_runs(build_dataset(example_records)))


def test_same_document_twice_counts_once(example_records):
    assert_same_graph(
        without_runs(build_dataset(example_records + example_records[:2])), without_runs(build_dataset(example_records))
    )


def test_entity_iris_are_deterministic_names():
    assert entity_iri("Maryam Rajavi") == entity_iri("Mrs. Maryam Rajavi")
    assert entity_iri("Maryam Rajavi") != entity_iri("Massoud Rajavi")


def test_every_relation_triple_has_an_assertion(example_records):
    ds = build_dataset(example_records)
    eg = ds.graph(ENTITY_GRAPH)
    for p in (NG.ledBy, NG.memberOf, NG.holdsPosition, NG.partOf, NG.locatedIn):
        for s, o in eg.subject_objects(p):
            support = [
                a for a in ds.subjects(RDF.subject, s) if (a, RDF.predicate, p) in ds and (a, RDF.object, o) in ds
            ]
            assert support, (s, p, o)
            for a in support:
                assert ds.value(a, NG.document) is not None and ds.value(a, NG.confidence) is not None


def test_entity_graph_of_a_small_text(extract_text):
    """The entity description graph of tests/data/rajavi.txt, compared with the expected Turtle."""
    from newsgraph.graph.records import from_extraction

    x = extract_text((DATA / "rajavi.txt").read_text(encoding="utf-8"), name="rajavi.txt")
    ds = build_dataset([from_extraction(x)])
    got = Graph()
    for t in ds.graph(ENTITY_GRAPH):
        got.add(t)
    expected = Graph().parse(DATA / "rajavi.entities.ttl")
    assert_same_graph(got, expected)


def test_cross_document_surname_and_acronym(extract_text):
    from newsgraph.graph.records import from_extraction

    one = extract_text(
        "Supreme Leader Ali Khamenei spoke. The Islamic Revolutionary Guard Corps (IRGC) marched.", "a.txt"
    )
    two = extract_text("Khamenei said the IRGC would stay. Massoud Rajavi and Maryam Rajavi were named.", "b.txt")
    ds = build_dataset([from_extraction(one), from_extraction(two)])
    ali = entity_iri("Ali Khamenei")
    assert (ali, SKOS.altLabel, Literal("Khamenei")) in ds
    irgc = entity_iri("Islamic Revolutionary Guard Corps")
    assert (irgc, SKOS.altLabel, Literal("IRGC")) in ds
    labels = {str(o) for o in ds.objects(None, RDFS.label)}
    assert {"Massoud Rajavi", "Maryam Rajavi"} <= labels


def test_a_former_office_is_marked_and_leads_nothing(extract_text):
    """ "Former X chairman": the position and the assertions read from it say ng:former true;
    no ledBy; the graph still validates against the shapes."""
    from newsgraph.graph.records import from_extraction

    x = extract_text("Former Harbour Trust chairman Tom Reed wrote the report. Kim Moss chairs the Green Alliance.")
    ds = build_dataset([from_extraction(x)])
    reed, trust = entity_iri("Tom Reed"), entity_iri("Harbour Trust")
    position = ds.value(reed, NG.holdsPosition)
    assert (position, NG.title, Literal("Former chairman")) in ds
    assert (position, NG.former, Literal(True)) in ds
    assert (trust, NG.ledBy, reed) not in ds and (reed, NG.memberOf, trust) in ds
    member = next(a for a in ds.subjects(RDF.predicate, NG.memberOf) if ds.value(a, RDF.subject) == reed)
    assert (member, NG.former, Literal(True)) in ds
    # a current office is not marked
    assert (entity_iri("Green Alliance"), NG.ledBy, entity_iri("Kim Moss")) in ds
    assert not any(ds.value(a, NG.former) for a in ds.subjects(RDF.predicate, NG.ledBy))
    ok, report = validate(without_runs(ds))
    assert ok, report


def test_an_office_of_state_has_its_country_as_organisation(extract_text):
    """ "French finance minister X": the position's ng:organization is the place France, which
    is no organisation and so has no leader or member; the graph validates against the shapes."""
    from newsgraph.graph.records import from_extraction

    x = extract_text("France raised the tax. French finance minister Paul Roux said it would stay.")
    ds = build_dataset([from_extraction(x)])
    roux, france = entity_iri("Paul Roux"), entity_iri("France")
    position = ds.value(roux, NG.holdsPosition)
    assert (position, NG.title, Literal("finance minister")) in ds
    assert (position, NG.organization, france) in ds
    assert (france, RDF.type, NG.Place) in ds
    assert (roux, NG.memberOf, france) not in ds and (france, NG.ledBy, roux) not in ds
    ok, report = validate(without_runs(ds))
    assert ok, report
