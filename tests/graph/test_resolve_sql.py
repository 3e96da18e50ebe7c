"""The DuckDB resolver gives exactly the entities resolve() gives (issue #27)."""

from __future__ import annotations

import importlib.util
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from newsgraph.graph.aliases import AliasEntry
from newsgraph.graph.records import LocalEntity, from_extraction
from newsgraph.graph.resolve import resolve
from newsgraph.graph.resolve_sql import resolve_sql

from ..conftest import ROOT


def _synthetic():
    spec = importlib.util.spec_from_file_location("er_scale", ROOT / "bench" / "er_scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("er_scale", module)
    spec.loader.exec_module(module)
    return module.synthetic


def test_on_100k_synthetic_mentions():
    mentions = _synthetic()(100_000)
    sql = resolve_sql(mentions)
    assert not sql.fell_back
    assert sql.entities == resolve(mentions)


def test_on_the_records_of_the_bbc_development_set_and_the_examples(shared, nlp):
    from newsgraph.extract.input.reader import Article, read_articles
    from newsgraph.extract.pipeline import extract_articles

    from ..conftest import EXAMPLES

    files = [EXAMPLES, shared / "eval" / "bbc-dev" / "text", shared / "corpus" / "seeds"]
    articles = [a for a in read_articles(files) if isinstance(a, Article)]
    records = sorted((from_extraction(x) for x in extract_articles(nlp, articles)), key=lambda r: r.meta.content_hash)
    mentions = [e for r in records for e in r.entities]
    assert len(records) == 91 and len(mentions) > 1000
    sql = resolve_sql(mentions)
    assert sql.entities == resolve(mentions)
    # with a user's alias file: one entry pins a name, another forces a merge
    aliases = [
        AliasEntry("ctu", "Coastal Transport Union", "Organization", ("CTU", "the dockers' union")),
        AliasEntry("pm", "Prime Minister's Office", "Organization", ("Downing Street",)),
    ]
    assert resolve_sql(mentions, aliases).entities == resolve(mentions, aliases)


FIRST = ["Dana", "Rob", "Ines", "Omar"]
LAST = ["Whitefeather", "Ortiz", "Hale-Reed", "Lane"]
ORGS = ["Harbour Trust", "Coastal Transport Union", "Port Workers Federation"]


@st.composite
def document_entities(draw):
    """Small graphs of people by full name, surname, "Mr" and surname; organisations by name
    and acronym; each with votes: the cases resolve's rules tell apart."""
    out = []
    for d in range(draw(st.integers(1, 6))):
        for k in range(draw(st.integers(1, 5))):
            kind = draw(st.sampled_from(["full", "surname", "titled", "org", "acronym"]))
            first, last, org = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST)), draw(st.sampled_from(ORGS))
            acronym = "".join(w[0] for w in org.split())
            label, names, vote = {
                "full": (f"{first} {last}", (f"{first} {last}", last), "Person"),
                "surname": (last, (last,), "Person"),
                "titled": (f"Mr {last}", (f"Mr {last}",), "Person"),
                "org": (org, (org,), "Organization"),
                "acronym": (acronym, (acronym,), draw(st.sampled_from(["Organization", "Person"]))),
            }[kind]
            weight = draw(st.sampled_from([0.5, 1.0, 2.0]))
            out.append(LocalEntity(f"{d:016x}", f"e{k}", label, names, ((vote, weight),), 1, 0.9))
    return out


@settings(max_examples=150, deadline=None)
@given(document_entities(), st.booleans())
def test_property_equal_to_resolve(mentions, pinned):
    # an alias file that pins two names to two entries: where a component would hold both,
    # resolve_sql hands the case to resolve (and says so); either way the answer is resolve's
    aliases = (
        [AliasEntry("a", "Harbour Trust", "Organization", ()), AliasEntry("b", "Dana Ortiz", "Person", ("Ortiz",))]
        if pinned
        else []
    )
    assert resolve_sql(mentions, aliases).entities == resolve(mentions, aliases)


def test_no_document_entities_resolve_to_no_entities():
    assert resolve_sql([]).entities == resolve([]) == []


def test_two_entries_in_one_component_are_left_to_resolve():
    # a strong alias joins two document entities that the alias file pins to two entries
    mentions = [
        LocalEntity("0" * 16, "e0", "Dana Ortiz", ("Dana Ortiz", "Ortiz Group Ltd"), (("Person", 1.0),), 1, 0.9),
        LocalEntity("1" * 16, "e0", "Ortiz Group Ltd", ("Ortiz Group Ltd",), (("Organization", 1.0),), 1, 0.9),
    ]
    aliases = [AliasEntry("a", "Dana Ortiz", "Person", ()), AliasEntry("b", "Ortiz Group Ltd", "Organization", ())]
    sql = resolve_sql(mentions, aliases)
    assert sql.fell_back
    assert sql.entities == resolve(mentions, aliases)
    assert len(sql.entities) == 2


def test_newsgraph_resolver_duckdb_builds_the_same_graph(example_records, monkeypatch):
    from newsgraph.graph import build

    from .conftest import assert_same_graph

    def graph():
        g = Graph()
        for s, p, o, _ in build.build_parts(example_records).quads():
            g.add((s, p, o))
        return g

    before = graph()
    called = []
    real = resolve_sql

    def counted(*args, **kwargs):
        called.append(1)
        return real(*args, **kwargs)

    monkeypatch.setenv("NEWSGRAPH_RESOLVER", "duckdb")
    monkeypatch.setattr("newsgraph.graph.resolve_sql.resolve_sql", counted)
    assert_same_graph(graph(), before)
    assert called
