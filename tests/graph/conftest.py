from __future__ import annotations

import pytest
from rdflib import RDF, Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV


def without_runs(ds: Dataset) -> Graph:
    """Every triple of every graph, minus run provenance (which carries timestamps)."""
    runs = {s for s, _, _, _ in ds.quads((None, RDF.type, PROV.Activity))}
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        if s not in runs:
            g.add((s, p, o))
    return g


def assert_same_graph(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        lines = [f"- {t}" for t in sorted(only_a)[:20]] + [f"+ {t}" for t in sorted(only_b)[:20]]
        pytest.fail("graphs differ:\n" + "\n".join(lines))
