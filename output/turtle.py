"""Graph writers: Turtle (all graphs merged), TriG and N-Quads (one named graph a document).

The graph comes as quads (a QuadView) or an rdflib Dataset; pyoxigraph writes it (its
serializers are native code, about twenty times faster than rdflib's on our graphs, which
matters for a corpus of thousands of articles). Output is sorted, so the same graph always
gives the same file, and sorted for a reader: the run, then the documents (with their
mentions), the entities, their positions, the quotes, the claims and last the assertions; in
each node ``a`` (rdf:type) first; every decimal written as a decimal (``1.0``, never
``"1"^^xsd:decimal``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, XSD, Dataset, Graph, URIRef

from newsgraph.graph.oxterms import OxTerms
from newsgraph.graph.quadview import QuadView
from newsgraph.ontology import NGR, PREFIXES

from .files import write_atomic


def quad_tuples(source: Dataset | Graph | QuadView) -> list[tuple]:
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


# The order of the parts of the graph in a file: a reader meets what a thing is before what
# is said of it (the documents before their quotes, the entities before the assertions).
_GROUPS = tuple(str(NGR) + part for part in ("run/", "doc/", "entity/", "position/", "quote/", "claim/", "assertion/"))
_TYPE = RDF.type
_DECIMAL = ox.NamedNode(str(XSD.decimal))


def _group(term: object) -> int:
    text = str(term) if isinstance(term, URIRef) else ""
    return next((i for i, prefix in enumerate(_GROUPS) if text.startswith(prefix)), len(_GROUPS))


def decimal_style(t: Any) -> Any:
    """A decimal with no decimal point ("1", as oxigraph stores it) written as ``1.0``: the
    same number (every reader, oxigraph included, reads it back as 1), in the style of the rest."""
    if isinstance(t, ox.Literal) and t.datatype == _DECIMAL and "." not in t.value:
        return ox.Literal(t.value + ".0", datatype=_DECIMAL)
    return t


def _order(source: Dataset | Graph | QuadView) -> tuple[OxTerms, list[tuple], list[tuple]]:
    """The quads sorted by graph name, then subject, predicate, object, and the distinct
    triples sorted the same way (so a subject's triples stay together), each term ranked by
    its N-Triples text; computed once per QuadView.

    The lists hold the rdflib tuples we already have and the terms are ranked once each:
    pyoxigraph terms are made as the writer asks for them (an ox.Quad owns copies of its
    strings, and a list of them plus sort keys of N-Triples text cost more memory than the
    graph itself).
    """
    cached = getattr(source, "_order", None)
    if cached is not None:
        return cached
    conv = OxTerms()
    quads = list(dict.fromkeys(quad_tuples(source)))
    terms = {t for q in quads for t in q if t is not None}
    rank = {t: i for i, t in enumerate(sorted(terms, key=lambda t: str(conv(t))))}
    del terms
    # subjects by their IRI's text (a document before its mentions ".../doc/x/e0"; in N-Triples
    # text the closing ">" sorts after "/")
    subjects = sorted({q[0] for q in quads}, key=str)
    place = {t: (_group(t), i) for i, t in enumerate(subjects)}

    def node(s: object, p: object, o: object) -> tuple:
        return (*place[s], p != _TYPE, rank[p], rank[o])

    quads.sort(key=lambda q: (-1 if q[3] is None else rank[q[3]], *node(q[0], q[1], q[2])))
    triples = sorted(dict.fromkeys(q[:3] for q in quads), key=lambda t: node(*t))
    out = (conv, quads, triples)
    if isinstance(source, QuadView):
        source._order = out
    return out


def _triples(source: Dataset | Graph | QuadView) -> Iterator[ox.Triple]:
    """Every distinct triple, in order."""
    conv, _, triples = _order(source)
    return _distinct(ox.Triple(conv(s), conv(p), decimal_style(conv(o))) for s, p, o in triples)


def _quads(source: Dataset | QuadView) -> Iterator[ox.Quad]:
    """Every quad, in order."""
    conv, quads, _ = _order(source)
    default = ox.DefaultGraph()
    return _distinct(
        ox.Quad(conv(s), conv(p), decimal_style(conv(o)), default if g is None else conv(g)) for s, p, o, g in quads
    )


def _distinct(items: Iterator) -> Iterator:
    """Drop repeats, which are adjacent: two rdflib terms can be one RDF term ("x" and
    "x"^^xsd:string), and terms with the same text have neighbouring ranks."""
    last = None
    for x in items:
        if x != last:
            yield x
        last = x


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
