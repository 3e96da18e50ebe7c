"""Each layer imports only what it may: extract/ never rdflib, graph/ never spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module, forbidden",
    [
        ("newsgraph.extract.pipeline", "rdflib"),
        ("newsgraph.extract.input.reader", "rdflib"),
        ("newsgraph.graph.build", "spacy"),
        ("newsgraph.graph.codec", "spacy"),
        ("newsgraph.graph.resolve", "spacy"),
        ("newsgraph.graph.source", "spacy"),
        ("newsgraph.graph.store", "spacy"),
        ("newsgraph.graph.query", "spacy"),
        ("newsgraph", "spacy"),
        ("newsgraph", "rdflib"),
        ("newsgraph.output.html", "spacy"),
    ],
)
def test_layer_does_not_import(module, forbidden):
    code = f"import sys, {module}; print({forbidden!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
