"""Hostile articles, file names, ids and side files: one line each, nothing lost, nothing run."""

from __future__ import annotations

import json
import os
import threading
import time

from typer.testing import CliRunner

from newsgraph.output.cli import app

from .corpus import ESCAPE_SEQUENCE, FINE, LINK_MARKUP, MARKUP, OTHER

runner = CliRunner()


def build(*args: str):
    return runner.invoke(app, ["build", *args])


def test_an_article_of_50000_quote_marks_builds_within_its_time_limit(src, tmp_path, nlp):
    (src / "marks.txt").write_text("Dana Holt, the mayor of Eastfield, said: " + '"' * 50_000 + " and left.\n")
    out = tmp_path / "out"
    result = build(str(src), "--out", str(out), "--article-seconds", "5")
    assert result.exit_code == 0, result.output
    people = runner.invoke(app, ["query", str(out), "SELECT ?n { ?p a ng:Person ; rdfs:label ?n }", "--format", "csv"])
    assert "Dana Holt" in people.stdout.splitlines()


def test_an_article_past_its_time_limit_is_skipped_with_one_line(src, tmp_path, nlp, monkeypatch):
    import newsgraph.extract.pipeline as pipeline

    real = pipeline.extract_doc

    def slow(doc, article):
        if article.name == "slow.txt":
            while True:  # a rule gone quadratic
                time.sleep(0.01)
        return real(doc, article)

    monkeypatch.setattr(pipeline, "extract_doc", slow)
    (src / "slow.txt").write_text(OTHER)
    out = tmp_path / "out"
    result = build(str(src), "--out", str(out), "--article-seconds", "1")
    assert result.exit_code == 1
    assert f"skipped {src / 'slow.txt'}: took over 1 s to parse and extract (--article-seconds); not built" in (
        result.output
    )
    assert json.loads((out / "report.json").read_text())["documents_read"] == 2


def test_the_time_limit_holds_in_a_thread_of_the_python_api(src, nlp, monkeypatch):
    import newsgraph.extract.pipeline as pipeline

    real = pipeline.extract_doc

    def slow(doc, article):
        while article.name == "slow.txt":  # a rule gone quadratic
            time.sleep(0.01)
        return real(doc, article)

    monkeypatch.setattr(pipeline, "extract_doc", slow)
    (src / "slow.txt").write_text(OTHER)
    results: list = []

    def run() -> None:
        from newsgraph.output.build import build_graph

        _, report = build_graph([src], article_seconds=1)
        results.append(report)

    worker = threading.Thread(target=run)
    began = time.monotonic()
    worker.start()
    worker.join(60)
    assert time.monotonic() - began < 20 and results, "the slow article was not stopped"
    assert [s["path"] for s in results[0].skipped] == [str(src / "slow.txt")]


def test_markup_and_control_characters_in_names_are_shown_not_run(src, tmp_path, nlp):
    (src / "x[").mkdir()  # the path reads x[/]y.txt: rich's closing tag
    (src / "x[" / "]y.txt").write_bytes(b"\x00binary")
    (src / f"bad{ESCAPE_SEQUENCE}\nname.txt").write_bytes(b"\x00binary")
    rows = [{"id": f"id{MARKUP}{LINK_MARKUP}", "text": ""}, {"id": "ok", "text": FINE}]
    (src / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "out"
    result = build(str(src), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert f"article id{MARKUP}{LINK_MARKUP} has an empty 'text'" in result.output
    assert f"skipped {src}/x{MARKUP}y.txt: binary file" in result.output
    assert "bad\\x1b[31mred\\x1b[0m\\x0aname.txt: binary file" in result.output
    assert "\x1b" not in result.output and "\\u001b" not in (out / "report.json").read_text()


def test_query_tables_print_any_value(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Mara Lind, the mayor of Eastfield, said: “Read {MARKUP} and {LINK_MARKUP} now.”\n")
    out = tmp_path / "out"
    assert build(str(folder), "--out", str(out)).exit_code == 0
    result = runner.invoke(app, ["query", str(out), "SELECT ?t { ?q a ng:Quote ; ng:text ?t }"])
    assert result.exit_code == 0, result.output
    flat = "".join(line.strip("│ ") for line in result.output.splitlines())
    assert MARKUP in flat and "[link=https://example.org/x]" in flat


def test_csv_answers_never_start_a_formula(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text('Mara Lind, the mayor of Eastfield, said: "=HYPERLINK(""http://e.example"")"\n')
    out = tmp_path / "out"
    assert build(str(folder), "--out", str(out)).exit_code == 0
    result = runner.invoke(app, ["query", str(out), "SELECT ?t { ?q a ng:Quote ; ng:text ?t }", "--format", "csv"])
    cells = result.stdout.splitlines()[1:]
    assert cells and all(not c.lstrip('"').startswith("=") for c in cells), cells


def test_an_unpaired_surrogate_skips_its_line_only(src, tmp_path, nlp):
    lines = [
        json.dumps({"id": "a", "text": FINE}),
        '{"id": "b", "text": "broken \\ud800 text"}',
        json.dumps({"id": "c", "text": OTHER}),
    ]
    (src / "feed.jsonl").write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    result = build(str(src / "feed.jsonl"), "--out", str(out))
    assert result.exit_code == 1
    assert f"skipped {src / 'feed.jsonl'}:2: field 'text' holds an unpaired surrogate escape" in result.output
    assert json.loads((out / "report.json").read_text())["documents_read"] == 2


def test_alias_sameas_that_rdf_cannot_hold_is_one_line_and_leaves_nothing(src, tmp_path, nlp):
    aliases = tmp_path / "aliases.csv"
    for bad in ('https://example.org/a"b', "https://example.org/a b"):
        quoted = bad.replace('"', '""')
        aliases.write_text(f'id,label,type,aliases,sameAs\nx,Helena Marsh,Person,,"{quoted}"\n')
        for target in (["--out", str(tmp_path / "out")], ["--into", str(tmp_path / "s.store")]):
            result = build(str(src), "--aliases", str(aliases), *target)
            assert result.exit_code == 1
            assert f"{aliases}:2: sameAs must be an http(s) IRI" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aliases.csv", "src"]


def test_alias_json_of_the_wrong_shape_is_one_line(src, tmp_path):
    aliases = tmp_path / "aliases.json"
    for shape, words in [
        ([{"label": {"en": "A"}}], "'label' is dict; expected a string"),
        ([{"label": "A", "aliases": 3}], "'aliases' must be a list of strings"),
        ([{"label": "A", "aliases": [{"x": 1}]}], "'aliases' must be a list of strings"),
        ({"label": "A"}, "expected a JSON list of objects"),
    ]:
        aliases.write_text(json.dumps(shape))
        result = build(str(src), "--aliases", str(aliases), "--out", str(tmp_path / "out"))
        assert result.exit_code == 1 and words in result.output, result.output
        assert "Traceback" not in result.output


def test_side_files_are_never_read_from_a_fifo_or_a_device(src, tmp_path, nlp):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    began = time.monotonic()
    for side in (fifo, zero):
        result = build(str(src), "--aliases", str(side), "--out", str(tmp_path / "out"))
        assert result.exit_code == 1
        assert f"{side}: the alias file is not a regular file" in result.output
        q = runner.invoke(app, ["query", str(src), "--file", str(side)])
        assert q.exit_code == 1 and f"{side}: the query file is not a regular file" in q.output
    assert time.monotonic() - began < 30


def test_a_fifo_inside_a_folder_is_reported(src, tmp_path, nlp):
    os.mkfifo(src / "pipe.txt")
    result = build(str(src), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"skipped {src / 'pipe.txt'}: not a regular file (a FIFO, device or socket); not read" in result.output


def test_a_huge_hops_count_ends_when_the_neighbourhood_is_whole(tmp_path, nlp):
    from ..conftest import EXAMPLES

    out = tmp_path / "out"
    assert build(str(EXAMPLES), "--out", str(out)).exit_code == 0
    began = time.monotonic()
    result = runner.invoke(
        app, ["view", str(out), "--focus", "Helena Marsh", "--hops", "100000000", "--out", str(tmp_path / "v.html")]
    )
    assert result.exit_code == 0, result.output
    assert time.monotonic() - began < 10
