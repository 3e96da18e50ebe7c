"""Every SPARQL query in the README runs and answers something on the example articles."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from newsgraph.graph.source import open_store
from newsgraph.ontology import PREFIXES
from newsgraph.output.cli import app

from .conftest import EXAMPLES, ROOT

QUERIES = re.findall(r"```sparql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
runner = CliRunner()


def rows(db, sparql: str) -> list:
    return list(db.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True))


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory, nlp):
    store = tmp_path_factory.mktemp("readme") / "store"
    result = runner.invoke(app, ["build", str(EXAMPLES), "--into", str(store)])
    assert result.exit_code == 0, result.output
    return open_store(store)


def test_the_readme_has_at_least_eight_queries():
    assert len(QUERIES) >= 8


@pytest.mark.parametrize(
    "sparql", [q for q in QUERIES if "owl:sameAs" not in q], ids=lambda q: q.split("WHERE")[0].strip()[:40]
)
def test_query_answers_on_the_examples(examples_store, sparql):
    assert rows(examples_store, sparql), "the README promises an answer from examples/articles"


def test_retired_iri_query_follows_a_merge(tmp_path, nlp):
    [sparql] = [q for q in QUERIES if "owl:sameAs" in q]
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.txt").write_text("Supporters of the FTP gathered in Harwick on Saturday.", encoding="utf-8")
    (one / "b.txt").write_text("The Harbour Workers Federation held a rally in Castell.", encoding="utf-8")
    (two / "c.txt").write_text("The Harbour Workers Federation (FTP) issued a statement.", encoding="utf-8")
    store = tmp_path / "store"
    for batch in (one, two):
        result = runner.invoke(app, ["build", str(batch), "--into", str(store)])
        assert result.exit_code == 0, result.output
    answer = rows(open_store(store), sparql)
    assert [(str(r["old"].value).rsplit("/", 1)[-1], r["label"].value) for r in answer] == [
        ("ftp", "Harbour Workers Federation")
    ]
