"""Code habits the lint cannot check: short functions (or a docstring that says why not)."""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

PACKAGES = ("extract", "graph", "output", "ontology", "newsgraph")
MAX_LINES = 80


def functions():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield path.relative_to(ROOT), node


@pytest.mark.parametrize("package", PACKAGES)
def test_no_function_over_80_lines_unless_its_docstring_says_why(package):
    long = [
        f"{path}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path, node in functions()
        if path.parts[0] == package
        and node.end_lineno - node.lineno + 1 > MAX_LINES
        and "long because" not in (ast.get_docstring(node) or "").lower()
    ]
    assert long == []
