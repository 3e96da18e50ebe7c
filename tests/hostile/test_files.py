"""Hostile and careless inputs: each is one line naming the file and why, and the rest is built."""

from __future__ import annotations

import errno
import json
import os
import stat
import time

from typer.testing import CliRunner

from newsgraph.output.cli import app
from newsgraph.output.files import umask

from .corpus import FINE

runner = CliRunner()


def build(*args: str):
    return runner.invoke(app, ["build", *args])


def report_of(out):
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_an_article_longer_than_the_parser_takes_is_skipped_and_the_rest_built(src, tmp_path, nlp):
    (src / "huge.txt").write_text("word " * 200_001, encoding="utf-8")
    out = tmp_path / "out"
    result = build(str(src), "--out", str(out))
    assert result.exit_code == 1
    assert f"skipped {src / 'huge.txt'}: 1,000,005 characters, more than the 1,000,000" in result.output
    assert report_of(out)["documents_read"] == 1


def test_a_file_name_that_is_not_utf8_is_built_and_shown_escaped(src, tmp_path, nlp):
    name = os.fsdecode(b"caf\xe9.txt")
    (src / name).write_text(FINE.replace("Helena", "Dana"), encoding="utf-8")
    out, store = tmp_path / "out", tmp_path / "store"
    for args in (["--out", str(out)], ["--into", str(store)]):
        result = build(str(src), *args)
        assert result.exit_code == 0, result.output
    query = "SELECT ?n WHERE { ?d a ng:Document ; ng:fileName ?n } ORDER BY ?n"
    for graph in (out, store):
        result = runner.invoke(app, ["query", str(graph), query, "--format", "csv"])
        assert result.stdout.split() == ["n", "caf\\xe9.txt", "fine.txt"]


def test_fifos_and_devices_are_refused_without_reading(src, tmp_path, nlp):
    os.mkfifo(src / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    out = tmp_path / "out"
    started = time.monotonic()
    result = build(str(src / "pipe.txt"), str(tmp_path / "zero.txt"), str(src / "fine.txt"), "--out", str(out))
    assert time.monotonic() - started < 60
    assert result.exit_code == 1
    assert f"skipped {src / 'pipe.txt'}: not a regular file (a FIFO, device or socket); not read" in result.output
    assert f"skipped {tmp_path / 'zero.txt'}: not a regular file" in result.output
    assert report_of(out)["documents_read"] == 1


def test_files_over_the_size_cap_are_not_read(src, tmp_path, nlp):
    (src / "big.txt").write_text(("A line of words. " * 64 + "\n") * 1100, encoding="utf-8")  # over 1 MB
    out = tmp_path / "out"
    result = build(str(src), "--out", str(out), "--max-file-size", "1")
    assert result.exit_code == 1
    assert f"skipped {src / 'big.txt'}: larger than 1,048,576 bytes (--max-file-size); not read" in result.output


def test_html_extraction_has_a_time_cap(tmp_path, monkeypatch):
    import trafilatura

    from newsgraph.extract.input.reader import Skipped, read_articles

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: time.sleep(10))
    page = tmp_path / "slow.html"
    page.write_text("<html><body><p>words</p></body></html>", encoding="utf-8")
    started = time.monotonic()
    [item] = list(read_articles([page], html_seconds=0.5))
    assert time.monotonic() - started < 3
    assert isinstance(item, Skipped) and "HTML extraction took over 0.5 s" in item.reason


def test_a_million_bad_lines_are_counted_not_listed(src, tmp_path, nlp):
    (src / "bad.jsonl").write_text("{oops\n" * 5000, encoding="utf-8")
    out = tmp_path / "out"
    result = build(str(src), "--out", str(out))
    assert result.exit_code == 1
    assert result.output.count("skipped ") <= 21
    assert f"4,980 more problems in {src / 'bad.jsonl'} (the first 20 are listed)" in result.output
    report = report_of(out)
    assert report["skipped_count"] == 5000 and len(report["skipped"]) == 20
    assert "5000 input(s) skipped" in result.output


def test_jsonl_fields_of_the_wrong_type_are_one_line_each(src, tmp_path, nlp):
    rows = [
        {"id": "a", "text": FINE, "title": {"x": 1}},
        {"id": ["b"], "text": FINE},
        {"id": "c", "text": FINE, "date": 2024},
    ]
    (src / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build(str(src / "rows.jsonl"), str(src / "fine.txt"), "--out", str(out))
    assert f"skipped {src / 'rows.jsonl'}:1: field 'title' is dict; expected a string" in result.output
    assert f"skipped {src / 'rows.jsonl'}:2: field 'id' is list; expected a string or a number" in result.output
    assert f"skipped {src / 'rows.jsonl'}:3: field 'date' is int; expected a string" in result.output


def test_invisible_characters_never_make_a_second_entity(tmp_path, nlp):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.txt").write_text("Gordon Brown said the budget was fair.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Gordon\u200b Brown\u202c said the deficit was falling.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert build(str(folder), "--out", str(out)).exit_code == 0
    query = "SELECT ?e ?l WHERE { ?e a ng:Person ; rdfs:label ?l }"
    result = runner.invoke(app, ["query", str(out), query, "--format", "csv"])
    labels = result.stdout.splitlines()[1:]
    assert len(labels) == 1 and labels[0].endswith(",Gordon Brown")


def test_out_naming_a_file_fails_before_extraction(src, tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("not a folder", encoding="utf-8")
    result = build(str(src), "--out", str(target))
    assert result.exit_code == 1
    assert f"error: {target}: cannot write the output folder here (exists and is not a folder)" in result.output
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_disk_full_leaves_the_old_folder_whole(src, tmp_path, nlp, monkeypatch):
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (src / "more.txt").write_text(FINE.replace("Helena Marsh", "Tom Vance"), encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("newsgraph.output.build.write_html", full)
    result = build(str(src), "--out", str(out))
    assert result.exit_code == 1
    assert f"error: {out}: could not write the graph (No space left on device); the folder is unchanged" in (
        result.output
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_outputs_get_the_umask_permissions_and_keep_a_replaced_files_mode(src, tmp_path, nlp):
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out)).exit_code == 0
    expected = 0o666 & ~umask()
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {expected}
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~umask()
    os.chmod(out / "graph.ttl", 0o640)
    assert build(str(src), "--out", str(out)).exit_code == 0
    assert stat.S_IMODE((out / "graph.ttl").stat().st_mode) == 0o640


def test_query_refuses_a_deeply_nested_query_instead_of_crashing(src, tmp_path, nlp):
    out = tmp_path / "out"
    assert build(str(src), "--out", str(out)).exit_code == 0
    deep = "SELECT * { FILTER(" + "(" * 7000 + "1" + ")" * 7000 + ") }"
    result = runner.invoke(app, ["query", str(out), deep])
    assert result.exit_code == 1
    assert "the query has 14,007 operators and brackets; at most 3,000 are accepted" in result.output
