"""SHACL validation of a graph against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from rdflib import Graph

from newsgraph.ontology import SHAPES_PATH


def validate(graph: Graph) -> tuple[bool, str]:
    """Check the graph against the shapes.

    Returns:
        (conforms, the report as text)
    """
    import pyshacl

    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    return bool(conforms), str(text)
