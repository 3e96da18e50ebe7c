from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from newsgraph.extract.errors import InputError
from newsgraph.graph.aliases import AliasEntry, load_aliases
from newsgraph.graph.build import build_dataset
from newsgraph.graph.iris import entity_iri
from newsgraph.graph.records import from_extraction
from newsgraph.ontology import NG


def test_alias_file_pins_label_type_and_same_as(tmp_path, extract_text):
    path = tmp_path / "aliases.csv"
    path.write_text(
        "id,label,type,aliases,sameAs\n"
        "mek,People's Mojahedin Organization of Iran,Organization,MEK|MEK Iran,https://example.org/mek\n",
        encoding="utf-8",
    )
    entries = load_aliases(path)
    x = extract_text("MEK Iran said the rally would go ahead. The MEK expects ten thousand people.")
    ds = build_dataset([from_extraction(x)], aliases=entries)
    node = entity_iri("People's Mojahedin Organization of Iran")
    assert (node, RDFS.label, Literal("People's Mojahedin Organization of Iran")) in ds
    assert (node, RDF.type, NG.Organization) in ds
    assert (node, OWL.sameAs, URIRef("https://example.org/mek")) in ds


def test_alias_entries_forbid_a_merge(extract_text):
    one = extract_text("The Workers Union (WU) called a strike in the port.", "a.txt")
    two = extract_text("The Writers Union (WU) gave its prize to a poet.", "b.txt")
    records = [from_extraction(one), from_extraction(two)]
    without = build_dataset(records)
    assert len(set(without.subjects(RDF.type, NG.Organization))) == 1, "the shared acronym merges them"
    entries = [
        AliasEntry("workers", "Workers Union", "Organization", ()),
        AliasEntry("writers", "Writers Union", "Organization", ()),
    ]
    kept = build_dataset(records, aliases=entries)
    assert {str(kept.value(o, RDFS.label)) for o in kept.subjects(RDF.type, NG.Organization)} == {
        "Workers Union",
        "Writers Union",
    }


def test_two_entries_never_share_a_node(extract_text):
    x = extract_text("Posters of Massoud Rajavi and Maryam Rajavi were carried. Rajavi was cheered.")
    entries = [
        AliasEntry("maryam", "Maryam Rajavi", "Person", ("Rajavi",)),
        AliasEntry("massoud", "Massoud Rajavi", "Person", ()),
    ]
    ds = build_dataset([from_extraction(x)], aliases=entries)
    maryam, massoud = entity_iri("Maryam Rajavi"), entity_iri("Massoud Rajavi")
    assert maryam != massoud
    assert (maryam, RDFS.label, Literal("Maryam Rajavi")) in ds and (
        massoud,
        RDFS.label,
        Literal("Massoud Rajavi"),
    ) in ds


@pytest.mark.parametrize(
    "content, suffix, message",
    [
        ("id,label\nx,\n", ".csv", ":2: an alias entry needs a 'label'"),
        ("id,label,type\nx,X,Animal\n", ".csv", ":2: type 'Animal' is not one of"),
        ('[{"label": "A", "aliases": ["B"]}, {"label": "B"}]', ".json", "is given to both"),
        ("{oops", ".json", ":1: not valid JSON"),
    ],
)
def test_bad_alias_files_name_the_problem(tmp_path, content, suffix, message):
    path = tmp_path / f"aliases{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=None) as err:
        load_aliases(path)
    assert str(err.value).startswith(str(path)) and message in str(err.value)


def test_shipped_example_alias_file_loads():
    from ..conftest import ROOT

    entries = load_aliases(ROOT / "examples" / "aliases.csv")
    assert {e.id for e in entries} == {"ctu", "reyes", "federation"}


def _party_nodes(ds) -> dict[str, set[str]]:
    """Organisation label -> every name of its node."""
    out: dict[str, set[str]] = {}
    for node in ds.subjects(RDF.type, NG.Organization):
        names = {str(o) for o in ds.objects(node, RDFS.label)} | {str(o) for o in ds.objects(node, SKOS.altLabel)}
        out[str(ds.value(node, RDFS.label))] = names
    return out


def test_party_variants_fold_into_one_node_by_default(extract_text):
    """Adjective, plural, short and full names of a party are one node, across documents."""
    texts = [
        "Tory leader Tom Reed said the plan was fair.",
        "The Tories said they would vote against it. The Conservatives had a meeting.",
        "The Conservative Party chose a new chairman.",
        "Lib Dem spokesman Kim Moss disagreed. The Liberal Democrats voted against.",
    ]
    records = [from_extraction(extract_text(t, f"{i}.txt")) for i, t in enumerate(texts)]
    nodes = _party_nodes(build_dataset(records))
    assert {"Tory", "Tories", "Conservatives", "Conservative Party"} <= nodes["Conservative Party"]
    assert {"Lib Dem", "Liberal Democrats"} <= nodes["Liberal Democrats"]


def test_a_party_named_by_its_members_noun_is_the_party(extract_text):
    """ "fellow Democrat X", "a Republican senator": the US parties, with their members."""
    texts = [
        "The bill was backed by fellow Democrat Mary Hale.",
        "Tom Reed, a Republican senator, said he was pleased.",
        "The Democratic Party and the Republican Party met.",
    ]
    ds = build_dataset([from_extraction(extract_text(t, f"{i}.txt")) for i, t in enumerate(texts)])
    hale, reed = entity_iri("Mary Hale"), entity_iri("Tom Reed")
    assert (hale, NG.memberOf, entity_iri("Democratic Party")) in ds
    assert (reed, NG.memberOf, entity_iri("Republican Party")) in ds
    assert set(_party_nodes(ds)) == {"Democratic Party", "Republican Party"}


def test_user_aliases_replace_a_default_entry_sharing_a_name(tmp_path, extract_text):
    path = tmp_path / "aliases.csv"
    rows = "id,label,type,aliases,sameAs\ntories,Tory Party (UK),Organization,Tory|Tories,\n"
    path.write_text(rows, encoding="utf-8")
    x = extract_text("Tory leader Tom Reed said the plan was fair. The Tories agreed.")
    nodes = _party_nodes(build_dataset([from_extraction(x)], aliases=load_aliases(path)))
    assert "Tory Party (UK)" in nodes and "Conservative Party" not in nodes


def test_a_name_holding_an_acronym_is_not_spelled_by_its_initials():
    """ "CR" is not the initials of "CTU Radio" (a channel and a company were one node)."""
    from newsgraph.extract.mentions.linking import NameIndex

    index: NameIndex[str] = NameIndex()
    index.add("CTU Radio", "channel")
    index.add("Coastal Railways", "company")
    assert index.spelled("CR") == {"company"}


def test_a_countrys_short_names_are_one_place_across_documents(extract_text):
    """ "Britain", "the UK" and "the United Kingdom" in three documents are one place; a person
    called by a surname that is also a country's name ("Jordan") stays a person of their own."""
    texts = [
        "Trade with Britain fell in May, the ministry said.",
        "The UK said exports rose by a tenth.",
        "Kim Moss flew to the United Kingdom on Monday.",
        "Tom Jordan runs the Harbour Trust. Jordan said the pier would reopen.",
        "Troops left Jordan in May.",
    ]
    records = [from_extraction(extract_text(t, f"{i}.txt")) for i, t in enumerate(texts)]
    ds = build_dataset(records)
    uk, jordan = entity_iri("United Kingdom"), entity_iri("Jordan")
    assert (uk, RDF.type, NG.Place) in ds
    assert {str(n) for n in ds.objects(uk, SKOS.altLabel)} >= {"Britain", "UK"}
    assert (jordan, RDF.type, NG.Place) in ds
    tom = entity_iri("Tom Jordan")
    assert (tom, RDF.type, NG.Person) in ds and (tom, RDF.type, NG.Place) not in ds
