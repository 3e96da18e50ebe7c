"""A document's identity comes from its file, never from text; merges never pick silently."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from newsgraph.output.build import build_into
from newsgraph.output.cli import app

from .corpus import FINE, OTHER

runner = CliRunner()
FILES = "SELECT ?f WHERE { ?d a ng:Document ; ng:fileName ?f } ORDER BY ?f"


def file_names(graph) -> list[str]:
    result = runner.invoke(app, ["query", str(graph), FILES, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1:]


def test_a_jsonl_id_with_dots_is_a_label_not_a_path(tmp_path, nlp):
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "002.txt").write_text(FINE)
    store = tmp_path / "news.store"
    assert runner.invoke(app, ["build", str(feeds / "002.txt"), "--into", str(store)]).exit_code == 0
    row = {"id": "x/../../feeds/002.txt", "text": OTHER}
    (tmp_path / "x.jsonl").write_text(json.dumps(row) + "\n")
    report = build_into([tmp_path / "x.jsonl"], store)
    assert (report.store["added"], report.store["replaced"], report.store["documents"]) == (1, 0, 2)
    assert file_names(store) == ["002.txt", "x/../../feeds/002.txt"]


def test_a_file_whose_name_holds_a_hash_can_be_removed_by_name(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "issue#4.txt").write_text(FINE)
    (folder / "plain.txt").write_text(OTHER)
    store = tmp_path / "s.store"
    assert runner.invoke(app, ["build", str(folder), "--into", str(store)]).exit_code == 0
    result = runner.invoke(app, ["remove", str(store), "issue#4.txt"])
    assert result.exit_code == 0, result.output
    assert file_names(store) == ["plain.txt"]


def edited(graph_dir, tmp_path, name, *, replace: tuple[str, str], newer: bool = False):
    """A copy of a build's graph.trig with one text changed (as a forger would)."""
    text = (graph_dir / "graph.trig").read_text(encoding="utf-8")
    assert replace[0] in text
    text = text.replace(*replace)
    if newer:  # the forged graph claims a later run
        text = text.replace('prov:startedAtTime "20', 'prov:startedAtTime "21')
    out = tmp_path / name
    out.mkdir()
    (out / "graph.trig").write_text(text, encoding="utf-8")
    return out / "graph.trig"


def test_merge_refuses_two_graphs_that_disagree_about_a_document(src, tmp_path, nlp):
    built = tmp_path / "built"
    assert runner.invoke(app, ["build", str(src), "--out", str(built)]).exit_code == 0
    forged = edited(built, tmp_path, "forged", replace=("We will strike on Monday.", "We will riot on Monday."))
    for order in ([forged, built / "graph.trig"], [built / "graph.trig", forged]):
        result = runner.invoke(app, ["merge", *map(str, order), "--out", str(tmp_path / "merged")])
        assert result.exit_code == 1
        assert "disagree about the document 'fine.txt'" in result.output
        assert "pass --prefer-newer" in result.output
    assert not (tmp_path / "merged").exists()


def test_merge_prefer_newer_keeps_the_newer_runs_version(src, tmp_path, nlp):
    built = tmp_path / "built"
    assert runner.invoke(app, ["build", str(src), "--out", str(built)]).exit_code == 0
    change = ("We will strike on Monday.", "We will strike on Friday.")
    newer = edited(built, tmp_path, "newer", replace=change, newer=True)
    quotes = "SELECT ?t WHERE { ?q a ng:Quote ; ng:text ?t }"
    for order in ([newer, built / "graph.trig"], [built / "graph.trig", newer]):
        out = tmp_path / "merged"
        shutil.rmtree(out, ignore_errors=True)
        result = runner.invoke(app, ["merge", *map(str, order), "--out", str(out), "--prefer-newer"])
        assert result.exit_code == 0, result.output
        got = runner.invoke(app, ["query", str(out), quotes, "--format", "csv"]).stdout.splitlines()[1:]
        assert got == ["We will strike on Friday."]


def test_merge_of_the_same_text_under_two_names_is_one_document_whatever_the_order(tmp_path, nlp):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "monday.txt").write_text(FINE)
    (b / "copy.txt").write_text(FINE)
    for folder in (a, b):
        assert runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / f"out-{folder.name}")]).exit_code == 0
    names = []
    for order in (("a", "b"), ("b", "a")):
        out = tmp_path / f"merged-{''.join(order)}"
        graphs = [str(tmp_path / f"out-{x}" / "graph.trig") for x in order]
        assert runner.invoke(app, ["merge", *graphs, "--out", str(out)]).exit_code == 0
        names.append(file_names(out))
    assert names[0] == names[1] and len(names[0]) == 1
