"""rdflib terms to pyoxigraph terms (rdflib builds our graphs; pyoxigraph stores and writes them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import IdentifiedNode, Node


class OxTerms:
    """rdflib terms -> pyoxigraph terms, each converted once."""

    def __init__(self) -> None:
        self.cache: dict[object, Any] = {}
        self._datatypes: dict[object, ox.NamedNode] = {}  # a graph has a handful

    def __call__(self, t: object) -> Any:  # a pyoxigraph term (NamedNode, BlankNode, Literal)
        got = self.cache.get(t)
        if got is None:
            if isinstance(t, URIRef):
                got = ox.NamedNode(t)
            elif isinstance(t, Literal):
                if t.language:
                    got = ox.Literal(t, language=t.language)
                elif t.datatype:
                    dt = self._datatypes.get(t.datatype)
                    if dt is None:
                        dt = self._datatypes[t.datatype] = ox.NamedNode(t.datatype)
                    got = ox.Literal(t, datatype=dt)
                else:
                    got = ox.Literal(t)
            elif isinstance(t, BNode):
                got = ox.BlankNode(t)
            else:
                raise TypeError(f"cannot write RDF term {t!r}")
            self.cache[t] = got
        return got


def to_ox_quads(quads: Iterable[tuple], conv: OxTerms | None = None) -> list[ox.Quad]:
    """(s, p, o, graph name) tuples of rdflib terms as pyoxigraph quads."""
    return list(iter_ox_quads(quads, conv))


def iter_ox_quads(quads: Iterable[tuple], conv: OxTerms | None = None) -> Iterator[ox.Quad]:
    """The same, one at a time (a bulk load need not hold them all: an ox.Quad owns copies
    of its strings)."""
    conv = conv or OxTerms()
    default = ox.DefaultGraph()
    return (ox.Quad(conv(s), conv(p), conv(o), conv(g) if g is not None else default) for s, p, o, g in quads)


def from_ox(t: object) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt: str | None = t.datatype.value if t.datatype is not None else None
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            dt = None
        return Literal(t.value, datatype=URIRef(dt) if dt else None)
    raise TypeError(f"cannot read RDF term {t!r}")


def dataset_from_ox(store: ox.Store) -> Dataset:
    """Every quad of a pyoxigraph store as an rdflib Dataset (for the view and the writers)."""
    ds = Dataset(default_union=True)
    graphs: dict[Any, Graph] = {}
    cache: dict[Any, Node] = {}

    def conv(t: object) -> Node:
        got = cache.get(t)
        if got is None:
            got = cache[t] = from_ox(t)
        return got

    quads: list[tuple[Node, Node, Node, Graph]] = []
    for q in store.quads_for_pattern(None, None, None, None):
        g = q.graph_name
        if g not in graphs:
            name = conv(g) if not isinstance(g, ox.DefaultGraph) else None
            graphs[g] = ds.graph(name) if isinstance(name, IdentifiedNode) else ds.default_graph
        quads.append((conv(q.subject), conv(q.predicate), conv(q.object), graphs[g]))
    ds.addN(quads)
    return ds
