"""Graph writers: Turtle (all graphs merged), TriG and N-Quads (one named graph a document)."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from .files import write_atomic


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def write_turtle(ds: Dataset, path: str | Path) -> Path:
    """Every triple of every graph, as one Turtle file."""
    return write_atomic(path, lambda tmp: union_graph(ds).serialize(tmp, format="turtle", encoding="utf-8"))


def write_trig(ds: Dataset, path: str | Path) -> Path:
    """One named graph per document plus the entity graph, as TriG."""
    return write_atomic(path, lambda tmp: ds.serialize(tmp, format="trig", encoding="utf-8"))


def write_nquads(ds: Dataset, path: str | Path) -> Path:
    return write_atomic(path, lambda tmp: ds.serialize(tmp, format="nquads", encoding="utf-8"))
