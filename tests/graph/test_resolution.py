"""Resolution kept between store commits gives what resolving everything gives (issue #27)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.graph.aliases import AliasEntry, with_defaults
from newsgraph.graph.build import _entity_iris
from newsgraph.graph.records import LocalEntity
from newsgraph.graph.resolution import Rebuild, ResolutionState
from newsgraph.graph.resolve import resolve
from newsgraph.graph.store import STATE, GraphStore, speech_counts_of
from newsgraph.output.build import build_into

from .test_resolve_sql import document_entities


def resolved(locals_: list[LocalEntity], aliases=()) -> tuple[dict, dict]:
    """What ``resolve`` makes of every document entity: (document, key) -> IRI, and each IRI's
    label, type, names, mentions and sameAs."""
    ordered = sorted(locals_, key=lambda e: e.doc)  # build_parts' order: by document, then as written
    used, iri_of = _entity_iris(ordered, resolve(ordered, aliases))
    entities = {str(i): (e.label, e.type, tuple(e.names), e.mentions, e.same_as) for i, e in used.items()}
    return {k: str(v) for k, v in iri_of.items()}, entities


def kept(state: ResolutionState) -> tuple[dict, dict]:
    entities = {}
    for iri, data in state.db.execute("SELECT iri, data FROM entities"):
        _, label, etype, names, mentions, same_as = json.loads(data)
        entities[iri] = (label, etype, tuple(names), mentions, same_as)
    return state.denotes(), entities


def grow(tmp: Path, batches: list[list[LocalEntity]], aliases=()) -> tuple[ResolutionState, int]:
    """A state of the first batch, then each other batch added; (state, how many rebuilt)."""
    state = ResolutionState(tmp / "state.sqlite")
    every = with_defaults(aliases)
    done = sorted(batches[0], key=lambda e: e.doc)
    state.rebuild(done, every)
    by = {(e.doc, e.key): e for b in batches for e in b}
    rebuilt = 0
    for batch in batches[1:]:
        try:
            state.add(sorted(batch, key=lambda e: e.doc), every, lambda pairs: [by[p] for p in pairs])
        except Rebuild:
            state.db.rollback()
            rebuilt += 1
            state.rebuild(sorted(done + batch, key=lambda e: e.doc), every)
        done += batch
    state.db.commit()
    return state, rebuilt


@settings(max_examples=120, deadline=None)
@given(document_entities(), st.integers(1, 4), st.booleans())
def test_property_adding_in_batches_equals_resolving_everything(tmp_path_factory, mentions, parts, pinned):
    aliases = (
        [AliasEntry("a", "Harbour Trust", "Organization", ()), AliasEntry("b", "Dana Ortiz", "Person", ("Ortiz",))]
        if pinned
        else []
    )
    docs = sorted({e.doc for e in mentions})
    batches = [[e for e in mentions if docs.index(e.doc) % parts == n] for n in range(parts)]
    batches = [b for b in batches if b]
    state, rebuilt = grow(tmp_path_factory.mktemp("state"), batches, aliases)
    assert kept(state) == resolved(mentions, aliases)
    if not pinned:
        assert rebuilt == 0  # without alias entries every addition is made by sums


def person(doc: str, label: str, *names: str) -> LocalEntity:
    return LocalEntity(doc, "e0", label, (label, *names), (("Person", 1.0),), 1, 0.9)


def test_an_alias_a_second_full_name_comes_to_share_stops_joining(tmp_path):
    # "the Port Authority chair" joined Dana Ortiz and a document that names nobody else;
    # a later document gives the same words to Rob Lane: the alias now joins nobody
    first = [person("0" * 8, "Dana Ortiz", "the Port Authority chair"), person("1" * 8, "the Port Authority chair")]
    later = [person("2" * 8, "Rob Lane", "the Port Authority chair")]
    (tmp_path / "a").mkdir()
    before, _ = grow(tmp_path / "a", [first])
    assert len(set(kept(before)[0].values())) == 1
    state, rebuilt = grow(tmp_path, [first, later])
    assert rebuilt == 0
    assert kept(state) == resolved(first + later)
    assert len(set(kept(state)[0].values())) == 3


def test_a_surname_stops_fitting_when_a_second_full_name_arrives(tmp_path):
    first = [person("0" * 8, "Dana Ortiz"), person("1" * 8, "Ortiz")]
    later = [person("2" * 8, "Rob Ortiz")]
    state, rebuilt = grow(tmp_path, [first, later])
    assert rebuilt == 0
    iris, _ = kept(state)
    assert iris == resolved(first + later)[0]
    assert iris[("1" * 8, "e0")].endswith("/ortiz")  # "Ortiz" alone is no longer Dana Ortiz


def test_names_that_fold_alike_are_numbered_in_document_order_again(tmp_path):
    # two alias entries whose labels fold to one IRI: the entity whose first document sorts
    # first takes the plain IRI, also when it arrives later
    aliases = [
        AliasEntry("a", "Ines Hale", "Person", ("Ines Hale of Leeds",)),
        AliasEntry("b", "Ines-Hale", "Person", ("Ines Hale of York",)),
    ]
    first = [person("5" * 8, "Ines Hale of Leeds")]
    later = [person("0" * 8, "Ines Hale of York")]
    (tmp_path / "a").mkdir()
    before, _ = grow(tmp_path / "a", [first], aliases)
    assert list(kept(before)[0].values())[0].endswith("/ines-hale")
    state, rebuilt = grow(tmp_path, [first, later], aliases)
    assert rebuilt == 0
    iris, _ = kept(state)
    assert iris == resolved(first + later, aliases)[0]
    assert iris[("5" * 8, "e0")].endswith("/ines-hale-2")
    assert kept(state) == resolved(first + later, aliases)


def quads(store: Path) -> set:
    current = GraphStore(store).current()
    assert current is not None
    return set(ox.Store.read_only(str(current / "oxigraph")))


@pytest.fixture(scope="module")
def grown(tmp_path_factory, shared, nlp):
    """60 BBC politics articles added in three batches of 20."""
    tmp = tmp_path_factory.mktemp("grown")
    files = sorted((shared / "corpus" / "bbc" / "politics").glob("*.txt"))[:60]
    resolved_by = []
    for n in range(3):
        batch = tmp / f"b{n}"
        batch.mkdir()
        for f in files[n * 20 : (n + 1) * 20]:
            shutil.copy(f, batch / f.name)
        build_into([batch], tmp / "store", on_stage=lambda name, done, _: resolved_by.append(done))
    return tmp / "store", [d for d in resolved_by if "resolved" in d]


def test_batches_resolve_only_what_they_touch_and_give_the_rebuilt_graph(grown, tmp_path):
    store, stages = grown
    assert "every document together" in stages[0]
    assert all("what the batch touches" in s for s in stages[1:]), stages
    # the same store, its resolution state thrown away: the next commit resolves everything
    again = tmp_path / "again"
    shutil.copytree(store, again)
    (again / STATE).unlink()
    with GraphStore(again).writer() as w:
        w.commit(None)
        assert w.resolved == "every document"
    assert quads(again) == quads(store)  # every quad: entities, documents, runs, retired IRIs
    assert GraphStore(store).quads() == len(quads(store))  # the count the manifest keeps
    assert GraphStore(store).manifest()["counts"] == speech_counts_of(GraphStore(store).open_read())


def test_a_writer_stopped_before_current_moves_leaves_a_state_the_next_commit_rebuilds(grown, tmp_path, monkeypatch):
    import newsgraph.graph.store as store_module

    store = tmp_path / "store"
    shutil.copytree(grown[0], store)
    before = quads(store)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "a.txt").write_text("Dana Ortiz, the harbour chief, said the port would reopen on Monday.\n")
    real = store_module._write_atomic

    def stop_at_current(path: Path, text: str) -> None:
        if path.name == "CURRENT":
            raise OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setattr(store_module, "_write_atomic", stop_at_current)
    with pytest.raises(Exception, match="could not write the store"):
        build_into([extra], store)
    monkeypatch.setattr(store_module, "_write_atomic", real)
    assert quads(store) == before  # readers still see the old generation
    stages: list[str] = []
    build_into([extra], store, on_stage=lambda name, done, _: stages.append(done))
    assert any("every document together" in s for s in stages)  # the state was ahead: rebuilt
    with GraphStore(store).writer() as w:
        w.commit(None)  # the state is current again: a commit adds nothing and changes nothing
    rebuilt = tmp_path / "rebuilt"
    shutil.copytree(store, rebuilt)
    (rebuilt / STATE).unlink()
    with GraphStore(rebuilt).writer() as w:
        w.commit(None)
    assert quads(rebuilt) == quads(store)


def test_what_a_document_graph_owes_its_entities_is_all_that_moves_with_them(example_records):
    # a store rewrites only linked_quads when entities get other IRIs or types: the rest of a
    # document's graph must be the same whatever its entities' IRIs and types
    from rdflib import URIRef

    from newsgraph.graph.codec import linked_quads, to_quads

    for r in example_records:
        h = r.meta.content_hash
        keys = [e.key for e in r.entities]
        one = {(h, k): URIRef(f"https://example.org/one/{k}") for k in keys}
        two = {(h, k): URIRef(f"https://example.org/two/{k}") for k in keys}
        types_one = dict.fromkeys(one.values(), "Person")
        types_two = {iri: ("Organization", "Person", "Place")[n % 3] for n, iri in enumerate(two.values())}
        full_one, full_two = to_quads(r, one, types_one), to_quads(r, two, types_two)
        linked_one, linked_two = linked_quads(r, one, types_one), linked_quads(r, two, types_two)
        assert set(linked_one.named) <= set(full_one.named) and set(linked_two.named) <= set(full_two.named)
        assert set(full_one.named) - set(linked_one.named) == set(full_two.named) - set(linked_two.named)
        assert linked_one.entity == full_one.entity and linked_two.entity == full_two.entity


def test_quads_of_nodes_without_a_moved_entity_stay_as_they_were(example_records):
    # linked_quads(keys=...) gives the quads of the facts, quotes, claims and document
    # entities that involve the keys; a store rewrites only those when those entities move
    from rdflib import URIRef

    from newsgraph.graph.codec import linked_quads

    for r in example_records:
        h = r.meta.content_hash
        keys = [e.key for e in r.entities]
        moved = set(keys[::2])
        one = {(h, k): URIRef(f"https://example.org/one/{k}") for k in keys}
        two = {(h, k): URIRef(f"https://example.org/{'two' if k in moved else 'one'}/{k}") for k in keys}
        types = {**dict.fromkeys(one.values(), "Person"), **dict.fromkeys(two.values(), "Organization")}
        types.update({iri: "Person" for (_, k), iri in two.items() if k not in moved})
        all_one, all_two = set(linked_quads(r, one, types).named), set(linked_quads(r, two, types).named)
        some_one, some_two = (
            set(linked_quads(r, one, types, moved).named),
            set(linked_quads(r, two, types, moved).named),
        )
        assert some_one <= all_one and some_two <= all_two
        assert all_one - some_one == all_two - some_two
