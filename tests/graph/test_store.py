"""The store's properties (issue #5), on the examples, the seeds and 50 BBC articles."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Dataset, Graph
from typer.testing import CliRunner

from newsgraph.graph.source import open_dataset
from newsgraph.graph.store import GraphStore
from newsgraph.ontology import NG
from newsgraph.output.cli import app

from ..conftest import EXAMPLES, SHARED
from .conftest import assert_same_graph, without_runs

runner = CliRunner()


def comparable(ds: Dataset) -> Graph:
    """Entities, direct triples, assertions, quotes and documents: everything but run provenance,
    where each file was read from (ng:path), and the owl:sameAs links of retired IRIs."""
    g = without_runs(ds)
    g.remove((None, NG.path, None))
    entities = set(g.subjects(RDF.type, NG.Entity))
    for s, o in list(g.subject_objects(OWL.sameAs)):
        if s not in entities:
            g.remove((s, OWL.sameAs, o))
    return g


def corpus(name: str, tmp: Path) -> tuple[Path, Path]:
    """Two folders, A and B, of one corpus."""
    if name == "examples":
        files = sorted(EXAMPLES.iterdir())
    elif name == "seeds":
        files = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    else:
        all_files = sorted((SHARED / "corpus" / "bbc" / "politics").glob("*.txt"))
        files = all_files[:50]
    if not files:
        pytest.fail(f"{name}: no articles found (is ../shared there?)")
    a, b = tmp / "A", tmp / "B"
    for folder, part in ((a, files[: len(files) // 2]), (b, files[len(files) // 2 :])):
        folder.mkdir()
        for f in part:
            shutil.copy(f, folder / f.name)
    return a, b


def build(*args: str) -> None:
    result = runner.invoke(app, ["build", *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module", params=["examples", "seeds", "bbc50"])
def batches(request, tmp_path_factory, nlp):
    tmp = tmp_path_factory.mktemp(request.param)
    a, b = corpus(request.param, tmp)
    both = tmp / "AB"
    shutil.copytree(a, both)
    shutil.copytree(b, both, dirs_exist_ok=True)
    build(str(a), "--out", str(tmp / "outA"), "--no-validate")
    build(str(b), "--out", str(tmp / "outB"), "--no-validate")
    build(str(both), "--into", str(tmp / "all"))
    return tmp, a, b


def test_build_then_add_equals_build_of_both(batches):
    tmp, a, b = batches
    store = tmp / "grown"
    build(str(a), "--into", str(store))
    build(str(b), "--into", str(store))
    assert_same_graph(comparable(open_dataset(store)), comparable(open_dataset(tmp / "all")))


def test_merge_is_order_independent_and_idempotent(batches):
    tmp, _, _ = batches
    ab, ba, aa = tmp / "mAB", tmp / "mBA", tmp / "mAA"
    for out, files in ((ab, ["outA", "outB"]), (ba, ["outB", "outA"]), (aa, ["outA", "outA"])):
        result = runner.invoke(
            app, ["merge", *(str(tmp / f / "graph.trig") for f in files), "--out", str(out), "--no-validate"]
        )
        assert result.exit_code == 0, result.output
    assert_same_graph(comparable(open_dataset(ab)), comparable(open_dataset(ba)))
    assert_same_graph(comparable(open_dataset(aa)), comparable(open_dataset(tmp / "outA")))
    assert_same_graph(comparable(open_dataset(ab)), comparable(open_dataset(tmp / "all")))


def test_add_then_remove_gives_back_the_store(batches):
    tmp, a, b = batches
    store = tmp / "addremove"
    build(str(a), "--into", str(store))
    before = comparable(open_dataset(store))
    build(str(b), "--into", str(store))
    names = [f.name for f in sorted(b.iterdir())]
    result = runner.invoke(app, ["remove", str(store), *(str(b / n) for n in names)])
    assert result.exit_code == 0, result.output
    assert_same_graph(comparable(open_dataset(store)), before)


def test_adding_the_same_batch_again_changes_nothing(batches):
    tmp, a, _ = batches
    store = tmp / "again"
    build(str(a), "--into", str(store))
    generation = GraphStore(store).current()
    result = runner.invoke(app, ["build", str(a), "--into", str(store)])
    assert result.exit_code == 0 and GraphStore(store).current() == generation


def test_changed_document_replaces_its_old_version(tmp_path, nlp):
    src = tmp_path / "src"
    src.mkdir()
    article = src / "strike.txt"
    article.write_text(
        "Helena Marsh, the general secretary of the Coastal Transport Union, said: “We will strike on Monday.”",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    build(str(src), "--into", str(store))
    article.write_text(
        "Helena Marsh, the general secretary of the Coastal Transport Union, said: “We will strike on Friday.”",
        encoding="utf-8",
    )
    build(str(src), "--into", str(store))
    texts = {str(o) for o in open_dataset(store).objects(None, NG.text)}
    assert texts == {"We will strike on Friday."}
    assert len(json.loads((GraphStore(store).current() / "manifest.json").read_text())["documents"]) == 1


def test_new_alias_merges_stored_nodes_and_old_iri_stays_resolvable(tmp_path, nlp):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.txt").write_text("Supporters of the MEK gathered in Paris on Saturday.", encoding="utf-8")
    (one / "b.txt").write_text("The People's Mojahedin Organization of Iran held a rally in Berlin.", encoding="utf-8")
    (two / "c.txt").write_text(
        "The People's Mojahedin Organization of Iran (MEK) issued a statement.", encoding="utf-8"
    )
    store = tmp_path / "store"
    build(str(one), "--into", str(store))
    before = open_dataset(store)
    orgs_before = set(before.subjects(RDF.type, NG.Organization))
    assert len(orgs_before) == 2, "without the acronym, two nodes"
    build(str(two), "--into", str(store))
    after = open_dataset(store)
    orgs_after = set(after.subjects(RDF.type, NG.Organization)) - set(after.subjects(RDF.type, NG.Place))
    assert len(orgs_after) == 1
    [retired] = orgs_before - orgs_after
    assert (retired, OWL.sameAs, next(iter(orgs_after))) in after


def test_second_writer_gets_store_busy(tmp_path, nlp):
    store = tmp_path / "store"
    build(str(EXAMPLES / "03-drought-report.txt"), "--into", str(store))
    with GraphStore(store).writer():
        result = runner.invoke(app, ["build", str(EXAMPLES / "05-summit.txt"), "--into", str(store)])
        assert result.exit_code == 1 and "the store is busy" in result.output
        # readers work while a writer holds the store
        read = runner.invoke(app, ["query", str(store), "ASK { ?q a ng:Quote }"])
        assert read.exit_code == 0 and read.stdout.strip() == "yes"


@pytest.mark.parametrize("delay", [0.5, 2.0, 4.0, 6.0])
def test_sigkill_mid_batch_leaves_the_store_as_it_was(tmp_path, nlp, delay):
    store = tmp_path / "store"
    build(str(EXAMPLES), "--into", str(store))
    before = comparable(open_dataset(store))
    batch = tmp_path / "batch"
    batch.mkdir()
    for f in sorted((SHARED / "corpus" / "bbc" / "tech").glob("*.txt"))[:40]:
        shutil.copy(f, batch / f.name)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsgraph.output.cli", "build", str(batch), "--into", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = open_dataset(store)
    grew = len(set(after.subjects(RDF.type, NG.Document))) > len(set(before.subjects(RDF.type, NG.Document)))
    if not grew:  # killed before its commit: exactly the old store
        assert_same_graph(comparable(after), before)
    build(str(batch), "--into", str(store))  # and the next build works
    distinct = {f.read_bytes() for f in batch.iterdir()}  # the BBC corpus has a few duplicate articles
    assert len(set(open_dataset(store).subjects(RDF.type, NG.Document))) == 7 + len(distinct)
