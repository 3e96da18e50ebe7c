"""The graph for other tools: networkx (GraphML and GEXF for Gephi), CSV node and edge lists,
JSON-LD and gzip-compressed N-Quads.

The network is the entity graph a Gephi or networkx user expects: one node per entity (its
class, label, mention and quote counts, and the titles it holds), one edge per relation between
two entities (``ledBy``, ``memberOf``, ``partOf``, ``locatedIn``, and ``holdsPosition`` drawn
from the holder to the position's organisation), with the highest confidence of its assertions
and the number of documents that say it; an edge ``mentions`` from a speaker to each entity
its quotes and claims name (``quotes``: how many); and an edge ``coOccurs`` between two
entities named in the same documents (``documents``: how many; ``sentences``: in how many of
them one sentence names both; drawn from the one whose IRI sorts first). Quotes, documents and
assertions stay in the RDF formats, which carry everything.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter
from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from newsgraph.graph.network import cooccurrence, said_about, sentence_cooccurrence
from newsgraph.graph.query import run_query
from newsgraph.ontology import NG, PREFIXES

from .files import write_atomic
from .results import spreadsheet_safe
from .turtle import decimal_style

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

FORMATS = ("graphml", "gexf", "csv", "jsonld", "nquads")
ENTITY_CLASSES = ("Person", "Organization", "Place", "Event")

_NODES = """
SELECT ?e ?class ?label ?mentions (COUNT(DISTINCT ?q) AS ?quotes)
       (GROUP_CONCAT(DISTINCT ?title; SEPARATOR="; ") AS ?titles) WHERE {
  VALUES ?class { ng:Person ng:Organization ng:Place ng:Event }
  ?e a ?class ; rdfs:label ?label .
  OPTIONAL { ?e ng:mentionCount ?mentions }
  OPTIONAL { ?e ng:said ?q }
  OPTIONAL { ?e ng:holdsPosition/ng:title ?title }
} GROUP BY ?e ?class ?label ?mentions
"""
# Relations between two entities; a position's organisation stands in for the position.
_EDGES = """
SELECT ?s ?p ?o ?title (MAX(?c) AS ?confidence) (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  {
    VALUES ?p { ng:ledBy ng:memberOf ng:partOf ng:locatedIn }
    ?s ?p ?o . BIND(?o AS ?target)
  } UNION {
    BIND(ng:holdsPosition AS ?p)
    ?s ng:holdsPosition ?target . ?target ng:organization ?o ; ng:title ?title .
  }
  OPTIONAL { ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?target ; ng:confidence ?c ; ng:document ?doc }
} GROUP BY ?s ?p ?o ?title
"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def entity_network(store: ox.Store) -> nx.MultiDiGraph:
    """The entities and their relations as a networkx MultiDiGraph: nodes keyed by IRI, with
    ``class``, ``label``, ``mentions``, ``quotes`` and (for holders) ``titles``; edges keyed by
    the relation's name, with ``label`` (the same name, which Gephi shows), ``confidence``,
    ``documents`` and, for ``holdsPosition``, ``title``."""
    import networkx as nx

    g = nx.MultiDiGraph()
    names, rows = run_query(store, _NODES).table()
    for row in rows:
        v = {n: t.value for n, t in zip(names, row, strict=True) if t is not None}
        attrs: dict[str, Any] = {
            "class": _local(v["class"]),
            "label": v["label"],
            "mentions": int(v.get("mentions", 0)),
            "quotes": int(v["quotes"]),
        }
        if v.get("titles"):
            attrs["titles"] = v["titles"]
        g.add_node(v["e"], **attrs)
    names, rows = run_query(store, _EDGES).table()
    for row in rows:
        v = {n: t.value for n, t in zip(names, row, strict=True) if t is not None}
        if v["s"] not in g or v["o"] not in g:
            continue
        relation = _local(v["p"])
        attrs = {"label": relation, "documents": int(v["documents"])}
        if "confidence" in v:
            attrs["confidence"] = float(v["confidence"])
        key = relation
        if "title" in v:
            attrs["title"] = v["title"]
            key = f"{relation}:{v['title']}"
        g.add_edge(v["s"], v["o"], key=key, **attrs)
    for (s, o), n in _said_about(store).items():
        if s in g and o in g:
            g.add_edge(s, o, key="mentions", label="mentions", quotes=n)
    documents, sentences = _together(store)
    for (s, o), n in documents.items():
        if s in g and o in g:
            g.add_edge(s, o, key="coOccurs", label="coOccurs", documents=n, sentences=sentences.get((s, o), 0))
    return _sorted(g)


def _pairs(store: ox.Store, predicate: str) -> list[tuple[str, str]]:
    p = ox.NamedNode(str(NG) + predicate)
    return [(_text(q.subject), _text(q.object)) for q in store.quads_for_pattern(None, p, None, None)]


def _text(t: object) -> str:
    return t.value if isinstance(t, ox.NamedNode | ox.BlankNode | ox.Literal) else str(t)


def _said_about(store: ox.Store) -> Counter[tuple[str, str]]:
    return said_about(_pairs(store, "said"), _pairs(store, "claimedBy"), _pairs(store, "mentions"))


def _together(store: ox.Store) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """Documents, and documents with one sentence, naming both of two entities."""
    denotes, document = _pairs(store, "denotes"), _pairs(store, "document")
    return cooccurrence(denotes, document), sentence_cooccurrence(denotes, document, _pairs(store, "sameSentence"))


def _sorted(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges in a fixed order, so a file written from it is the
    same whatever order the store answered in."""
    import networkx as nx

    out = nx.MultiDiGraph()
    out.add_nodes_from(sorted(g.nodes(data=True)))
    out.add_edges_from(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    return out


def _csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows([[spreadsheet_safe(x) if isinstance(x, str) else x for x in row] for row in rows])
    return buf.getvalue().encode("utf-8")


def _write_bytes(path: Path, data: bytes) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_bytes(data))


def _csv(store: ox.Store, out: Path) -> list[Path]:
    """nodes.csv and edges.csv, with the column names Gephi's spreadsheet import reads (Id,
    Label; Source, Target, Label, Weight = confidence)."""
    g = entity_network(store)
    edge_columns = ["Source", "Target", "Label", "Weight", "documents", "sentences", "quotes", "title"]
    nodes = [
        [n, a["label"], a["class"], a["mentions"], a["quotes"], a.get("titles", "")] for n, a in g.nodes(data=True)
    ]
    edges = [
        [
            s,
            o,
            a["label"],
            a.get("confidence", ""),
            *(a.get(k, "") for k in ("documents", "sentences", "quotes", "title")),
        ]
        for s, o, a in g.edges(data=True)
    ]
    node_columns = ["Id", "Label", "class", "mentions", "quotes", "titles"]
    return [
        _write_bytes(out / "nodes.csv", _csv_bytes(node_columns, nodes)),
        _write_bytes(out / "edges.csv", _csv_bytes(edge_columns, edges)),
    ]


def _graphml(store: ox.Store, out: Path) -> list[Path]:
    import networkx as nx

    g = entity_network(store)
    return [write_atomic(out / "graph.graphml", lambda tmp: nx.write_graphml(g, str(tmp)))]


def _gexf(store: ox.Store, out: Path) -> list[Path]:
    import networkx as nx

    g = entity_network(store)
    return [write_atomic(out / "graph.gexf", lambda tmp: nx.write_gexf(g, str(tmp)))]


def _sorted_quads(store: ox.Store, *, by_graph: bool = False) -> list[ox.Quad]:
    """Every quad, sorted (``by_graph``: by graph first), with decimals written as graph.ttl
    writes them."""
    quads = (ox.Quad(q.subject, q.predicate, decimal_style(q.object), q.graph_name) for q in store)
    return sorted(quads, key=(lambda q: (str(q.graph_name), str(q))) if by_graph else str)


def _jsonld(store: ox.Store, out: Path) -> list[Path]:
    """Every triple of every graph, merged (as graph.ttl), as JSON-LD with the prefixes as its
    context."""
    triples = list(dict.fromkeys(q.triple for q in _sorted_quads(store)))
    data = ox.serialize(triples, format=ox.RdfFormat.JSON_LD, prefixes=PREFIXES)
    assert data is not None  # with no output file, serialize returns the bytes
    return [_write_bytes(out / "graph.jsonld", data)]


SHARD_QUADS = 500_000  # quads per N-Quads shard: a few MB gzip-compressed; a bulk loader reads shards in parallel


def _nquads(store: ox.Store, out: Path) -> list[Path]:
    """Every quad as gzip-compressed N-Quads shards, ``graph-00001.nq.gz`` on: one named graph
    per document and the entity graph, each graph whole in one shard, shards of about
    SHARD_QUADS quads, for a triple store's bulk loader. No time stamp in the gzip header and
    the quads sorted: the same graph gives the same bytes."""
    shards: list[list[ox.Quad]] = [[]]
    for _, quads in groupby(_sorted_quads(store, by_graph=True), key=lambda q: str(q.graph_name)):
        graph = list(quads)
        if shards[-1] and len(shards[-1]) + len(graph) > SHARD_QUADS:
            shards.append([])
        shards[-1].extend(graph)
    written = []
    for i, shard in enumerate(shards, 1):
        data = ox.serialize(shard, format=ox.RdfFormat.N_QUADS)
        assert data is not None  # with no output file, serialize returns the bytes
        written.append(_write_bytes(out / f"graph-{i:05d}.nq.gz", gzip.compress(data, mtime=0)))
    return written


_WRITERS: dict[str, Callable[[ox.Store, Path], list[Path]]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "csv": _csv,
    "jsonld": _jsonld,
    "nquads": _nquads,
}


def export_format(store: ox.Store, out: str | Path, fmt: str) -> list[Path]:
    """Write the graph in ``fmt`` (one of FORMATS) into the folder ``out``; the paths written.

    Raises:
        ValueError: an unknown format.
    """
    if fmt not in _WRITERS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    where = Path(out)
    where.mkdir(parents=True, exist_ok=True)
    return _WRITERS[fmt](store, where)
