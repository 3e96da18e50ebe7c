"""The ontology (Turtle), the SHACL shapes and the namespace constants."""
from __future__ import annotations

from pathlib import Path

from .namespace import NG, NGR

ONTOLOGY_PATH = Path(__file__).with_name("newsgraph.ttl")
SHAPES_PATH = Path(__file__).with_name("shapes.ttl")

__all__ = ["NG", "NGR", "ONTOLOGY_PATH", "SHAPES_PATH"]
