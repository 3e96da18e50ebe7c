"""The graph without its unsure facts: ``--min-confidence`` of build, view and export.

A relation fact (ledBy, memberOf, holdsPosition, partOf, locatedIn) is kept when at least one
of its ``ng:Assertion`` nodes has ``ng:confidence`` at or above the minimum. Assertions below
it go, and so does the direct triple they alone supported (and a position node nothing holds
any more). A quote whose ``ng:confidence`` (how sure the choice of its speaker is) is below the
minimum loses its speaker: ``ng:said`` and ``ng:speakerMention``; its words, its speaker as
written and its place in the document stay. Entities, documents, mentions, quotes and claims
stay: the filter is on what the graph claims about entities, never on the way back to the words.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import RDF, Dataset, Graph, IdentifiedNode, Literal, Node

from newsgraph.ontology import NG

from .oxterms import from_ox, iter_ox_quads

_DEFAULT = ox.DefaultGraph()
FACT_PREDICATES = frozenset({NG.ledBy, NG.memberOf, NG.holdsPosition, NG.partOf, NG.locatedIn})


def confident(quads: Iterable[tuple], minimum: float) -> list[tuple]:
    """The quads without the relation facts whose every assertion is below ``minimum``, and
    without the speaker of a quote whose confidence is below it.

    >>> from rdflib import URIRef, Literal
    >>> x, y, a = URIRef("urn:x"), URIRef("urn:y"), URIRef("urn:a")
    >>> fact = [(x, NG.memberOf, y, None), (a, RDF.type, NG.Assertion, None), (a, RDF.subject, x, None),
    ...         (a, RDF.predicate, NG.memberOf, None), (a, RDF.object, y, None), (a, NG.confidence, Literal(0.6), None)]
    >>> len(confident(fact, 0.5)), len(confident(fact, 0.9))
    (6, 0)
    """
    if minimum <= 0:
        return quads if isinstance(quads, list) else list(quads)
    quads = list(quads)
    parts: dict[Node, dict[Node, Node]] = {}
    quotes: set[Node] = set()
    for s, p, o, _ in quads:
        if p in (RDF.subject, RDF.predicate, RDF.object, NG.confidence):
            parts.setdefault(s, {})[p] = o
        elif p == RDF.type and o == NG.Quote:
            quotes.add(s)
    low, sure = set(), set()
    for a, about in parts.items():
        if about.get(RDF.predicate) not in FACT_PREDICATES:
            continue
        triple = (about.get(RDF.subject), about.get(RDF.predicate), about.get(RDF.object))
        if _confidence(about.get(NG.confidence)) < minimum:
            low.add(a)
        else:
            sure.add(triple)
    unsupported = {
        (parts[a].get(RDF.subject), parts[a].get(RDF.predicate), parts[a].get(RDF.object)) for a in low
    } - sure
    gone_positions = {o for s, p, o in unsupported if p == NG.holdsPosition}
    gone_positions -= {o for s, p, o in sure if p == NG.holdsPosition}
    unsure_quotes = {q for q in quotes if _confidence(parts.get(q, {}).get(NG.confidence)) < minimum}
    return [
        q
        for q in quads
        if q[0] not in low
        and q[0] not in gone_positions
        and (q[0], q[1], q[2]) not in unsupported
        and not (q[1] == NG.said and q[2] in unsure_quotes)
        and not (q[1] == NG.speakerMention and q[0] in unsure_quotes)
    ]


def _confidence(value: Node | None) -> float:
    """A node's ``ng:confidence``; 1 when it has none (it was never in doubt)."""
    return float(value.toPython()) if isinstance(value, Literal) else 1.0


def confident_dataset(ds: Dataset, minimum: float) -> Dataset:
    """``confident`` over an rdflib Dataset (the union of its graphs as the default): a new one."""
    if minimum <= 0:
        return ds
    out = Dataset(default_union=True)
    graphs: dict[Node | None, Graph] = {}

    def graph(name: Node | None) -> Graph:  # rdflib's Dataset.quads names a graph by its identifier
        if name not in graphs:
            if isinstance(name, IdentifiedNode) and name != ds.default_graph.identifier:
                graphs[name] = out.graph(name)
            else:
                graphs[name] = out.default_graph
        return graphs[name]

    out.addN((s, p, o, graph(g)) for s, p, o, g in confident(ds.quads((None, None, None, None)), minimum))
    return out


def confident_store(store: ox.Store, minimum: float) -> ox.Store:
    """``confident`` over a pyoxigraph store: a new in-memory store (the one given is kept)."""
    if minimum <= 0:
        return store
    quads = [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), _graph_name(q.graph_name)) for q in store]
    out = ox.Store()
    out.bulk_extend(iter_ox_quads(confident(quads, minimum)))
    return out


def _graph_name(name: object) -> Node | None:
    return None if name == _DEFAULT else from_ox(name)
