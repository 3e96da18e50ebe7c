"""The README's queries give the same answers in Virtuoso and the Oxigraph server as in
`newsgraph query` (issue #27).

The examples, the seeds and the BBC development set are built into a store, exported as gzip N-Quads shards,
bulk-loaded into a real Virtuoso (Debian's package) and into the Oxigraph server (each bound to
127.0.0.1, stopped after), and every example query of the README is asked of each and of
`newsgraph query`. A Virtuoso that cannot start fails the
test with its reason; it never skips.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation

import pytest
from rdflib import Literal
from typer.testing import CliRunner

from newsgraph.ontology import PREFIXES
from newsgraph.output.cli import app

from ..conftest import EXAMPLES
from ..test_readme import QUERIES
from .servers import OxigraphServer, Virtuoso

runner = CliRunner()


def _value(term: dict) -> object:
    """A result term, comparable across engines: an IRI as itself, a literal by its value
    (Virtuoso writes 0.90 or 2026-01-05T10:00:00Z where oxigraph writes 0.9 or +00:00)."""
    if term["type"] == "uri":
        return ("iri", term["value"])
    if term["type"] == "bnode":
        return ("bnode",)
    literal = Literal(term["value"], datatype=term.get("datatype"), lang=term.get("xml:lang"))
    value = literal.toPython()
    if isinstance(value, int | float | Decimal):
        try:
            return ("number", Decimal(str(value)).normalize())
        except InvalidOperation:
            pass
    return ("literal", str(value), term.get("xml:lang"))


def _answer(bindings: list[dict], separator: str | None = None) -> list[tuple]:
    """The rows as a sorted list (a multiset): ORDER BY leaves ties in an engine's own order,
    and GROUP_CONCAT (its ``separator``) the parts in its own order too."""

    def value(term: dict) -> object:
        if separator and term["type"] == "literal" and separator in term["value"]:
            return ("concat", tuple(sorted(term["value"].split(separator))))
        return _value(term)

    rows = [tuple(sorted((var, value(term)) for var, term in row.items())) for row in bindings]
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def exported(tmp_path_factory, shared, nlp):
    """A store of the examples, the seeds and the BBC development set, and its N-Quads shards."""
    work = tmp_path_factory.mktemp("exported")
    store, shards = work / "store", work / "shards"
    # the README's queries name people of the examples: they are loaded too
    for corpus in (EXAMPLES, shared / "corpus" / "seeds", shared / "eval" / "bbc-dev" / "text"):
        result = runner.invoke(app, ["build", str(corpus), "--into", str(store), "-q", "--no-validate"])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", str(store), "--format", "nquads", "--out", str(shards), "-q"])
    assert result.exit_code == 0, result.output
    return store, sorted(shards.glob("graph-*.nq.gz"))


@pytest.fixture(scope="module", params=["virtuoso", "oxigraph"])
def loaded(request, exported, tmp_path_factory):
    """(the store, a running server with its export loaded); the server stops after the module."""
    store, shards = exported
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "virtuoso":
        with Virtuoso(folder) as virtuoso:
            virtuoso.load(shards)
            yield store, virtuoso
    else:
        with OxigraphServer(folder, shards) as oxigraph:
            yield store, oxigraph


def test_the_export_loads_whole(loaded):
    store, server = loaded
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/')) }"
    ours = runner.invoke(app, ["query", str(store), count, "--format", "json"])
    assert ours.exit_code == 0, ours.output
    assert _answer(server.select(count)) == _answer(json.loads(ours.output)["results"]["bindings"])


@pytest.mark.parametrize("sparql", QUERIES, ids=lambda q: q.split("WHERE")[0].strip()[:40])
def test_each_readme_query_answers_the_same(loaded, sparql):
    store, server = loaded
    ours = runner.invoke(app, ["query", str(store), sparql, "--format", "json"])
    assert ours.exit_code == 0, ours.output
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    separator = found.group(1) if (found := re.search(r'separator\s*=\s*"([^"]+)"', sparql)) else None
    theirs = _answer(server.select(prefixes + sparql), separator)
    assert theirs == _answer(json.loads(ours.output)["results"]["bindings"], separator)
    assert theirs or "owl:sameAs" in sparql, "an empty answer would compare equal without testing anything"
