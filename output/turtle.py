"""Graph writers: Turtle (all graphs merged), TriG and N-Quads (one named graph a document).

The graph comes as quads (a QuadView) or an rdflib Dataset; pyoxigraph writes it (its
serializers are native code, about twenty times faster than rdflib's on our graphs, which
matters for a corpus of thousands of articles). Output is sorted, so the same graph always
gives the same file.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from newsgraph.graph.oxterms import OxTerms
from newsgraph.graph.quadview import QuadView
from newsgraph.ontology import PREFIXES

from .files import write_atomic



def _quad_tuples(source: Dataset | Graph | QuadView) -> list[tuple]:
    """(s, p, o, graph name or None) from any of the graph holders we use."""
    if isinstance(source, QuadView):
        return source.quads()
    if isinstance(source, Dataset):
        out = []
        for s, p, o, g in source.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            out.append((s, p, o, None if name is None or str(name).startswith("urn:x-rdflib:default") else name))
        return out
    return [(s, p, o, None) for s, p, o in source]


def _sorted_quads(source: Dataset | Graph | QuadView) -> list[ox.Quad]:
    """Every quad as pyoxigraph terms, sorted by graph name, then by the triple's N-Triples
    text (so a subject's triples stay together); computed once per QuadView."""
    return _sorted(source)[0]


def _sorted(source: Dataset | Graph | QuadView) -> tuple[list[ox.Quad], list[ox.Triple]]:
    cached = getattr(source, "_sorted_ox", None)
    if cached is not None:
        return cached
    conv = OxTerms()
    default = ox.DefaultGraph()
    quads: dict[ox.Quad, tuple[str, str]] = {}
    triples: dict[ox.Triple, str] = {}
    for s, p, o, g in _quad_tuples(source):
        t = ox.Triple(conv(s), conv(p), conv(o))
        key = triples.get(t)
        if key is None:
            key = triples[t] = str(t)
        q = ox.Quad(t.subject, t.predicate, t.object, default if g is None else conv(g))
        quads[q] = (str(q.graph_name), key)
    out = (sorted(quads, key=quads.__getitem__), sorted(triples, key=triples.__getitem__))
    if isinstance(source, QuadView):
        source._sorted_ox = out  # type: ignore[attr-defined]
    return out


def _triples(source: Dataset | Graph | QuadView) -> list[ox.Triple]:
    """Every distinct triple, sorted by its N-Triples text."""
    return _sorted(source)[1]


def _quads(source: Dataset | QuadView) -> list[ox.Quad]:
    return _sorted(source)[0]


def union_graph(source: Dataset | QuadView) -> Graph:
    """Every triple of every named graph, as one rdflib graph."""
    if isinstance(source, QuadView):
        return source.graph()
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.addN((s, p, o, g) for s, p, o, _ in source.quads((None, None, None, None)))
    return g


def write_turtle(ds: Dataset | Graph | QuadView, path: str | Path) -> Path:
    """Every triple of every graph, as one Turtle file."""
    return write_atomic(path, lambda tmp: ox.serialize(_triples(ds), str(tmp), ox.RdfFormat.TURTLE, prefixes=PREFIXES))


def write_trig(ds: Dataset | QuadView, path: str | Path) -> Path:
    """One named graph per document plus the entity graph, as TriG."""
    return write_atomic(path, lambda tmp: ox.serialize(_quads(ds), str(tmp), ox.RdfFormat.TRIG, prefixes=PREFIXES))


def write_nquads(ds: Dataset | QuadView, path: str | Path) -> Path:
    return write_atomic(path, lambda tmp: ox.serialize(_quads(ds), str(tmp), ox.RdfFormat.N_QUADS))
