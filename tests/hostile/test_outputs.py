"""--out never deletes what it did not write; outputs never mix with inputs or stores."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from newsgraph.output.cli import app
from newsgraph.output.files import OUTPUT_NAMES, OutputFolder

from .corpus import OTHER

runner = CliRunner()


def tree(folder):
    """Every entry under ``folder`` with its bytes (None for a folder)."""
    return {str(p.relative_to(folder)): (None if p.is_dir() else p.read_bytes()) for p in sorted(folder.rglob("*"))}


@pytest.fixture
def project(tmp_path, src):
    """A user's project folder: articles, a .git, a subfolder, dotfiles and notes."""
    proj = tmp_path / "proj"
    (proj / ".git" / "objects").mkdir(parents=True)
    (proj / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (proj / "sub").mkdir()
    (proj / "sub" / "draft.md").write_text("my draft\n")
    (proj / ".env").write_text("TOKEN=1\n")
    (proj / "notes.txt").write_text("my notes\n")
    (proj / "graph.html.bak").write_text("old view\n")
    return proj


def test_out_into_a_users_folder_leaves_every_other_entry_alone(project, src, nlp):
    before = tree(project)
    for _ in range(2):  # a first build, and a second that replaces newsgraph's own files
        result = runner.invoke(app, ["build", str(src), "--out", str(project)])
        assert result.exit_code == 0, result.output
    after = tree(project)
    assert {k: v for k, v in after.items() if k not in OUTPUT_NAMES} == before
    assert set(after) - set(before) == set(OUTPUT_NAMES)


@pytest.mark.parametrize("where", ["the folder of the input", "inside the input"])
def test_out_that_holds_or_lies_in_an_input_is_refused_before_reading(project, src, where):
    articles = project / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(OTHER)
    out = project if where == "the folder of the input" else articles / "out"
    before = tree(project)
    result = runner.invoke(app, ["build", str(articles), "--out", str(out)])
    assert result.exit_code == 1
    relation = "holds the input" if out == project else "lies inside the input"
    assert f"error: {out}: the output folder {relation} {articles}; choose another --out" in result.output
    assert tree(project) == before


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    from ..conftest import EXAMPLES

    path = tmp_path_factory.mktemp("hostile-store") / "news.store"
    result = runner.invoke(app, ["build", str(EXAMPLES), "--into", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("target", ["store", "inside", "parent"])
def test_export_never_writes_into_or_over_a_store(store, target):
    before = tree(store)
    out = {"store": store, "inside": store / "exports", "parent": store.parent}[target]
    result = runner.invoke(app, ["export", str(store), "--out", str(out)])
    assert result.exit_code == 1
    what = {
        "store": f"{store}: the output folder is a store",
        "inside": f"{out}: the output folder lies inside the store {store}",
        "parent": f"{out}: the output folder holds the store {store}",
    }[target]
    assert f"error: {what}" in result.output
    assert tree(store) == before
    ask = runner.invoke(app, ["query", str(store), "ASK { ?s a ng:Person }"])
    assert ask.exit_code == 0 and "yes" in ask.output


def test_a_switch_a_kill_interrupted_is_finished_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("old ttl")
    (out / "graph.trig").write_text("old trig")
    # what a run killed half-way through its switch leaves: graph.ttl moved in, graph.trig not
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stage = out / f".newsgraph-new-{dead.stdout.strip()}-abc"
    stage.mkdir()
    (stage / "graph.trig").write_text("new trig")
    (stage / ".switch").write_text("graph.trig\ngraph.ttl\n")
    (out / "graph.ttl").write_text("new ttl")
    unfinished = out / f".newsgraph-new-{dead.stdout.strip()}-def"  # killed before its switch
    unfinished.mkdir()
    (unfinished / "graph.ttl").write_text("never switched")
    folder = OutputFolder(out)
    assert (out / "graph.trig").read_text() == "new trig"
    assert (out / "graph.ttl").read_text() == "new ttl"
    assert sorted(p.name for p in out.iterdir()) == sorted(["graph.trig", "graph.ttl", folder.path.name])
    folder.discard()


def test_sigterm_during_a_build_leaves_nothing_behind(tmp_path, src):
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsgraph.output.cli", "build", str(src), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".out.new-") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None, "the staging folder never appeared"
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 128 + signal.SIGTERM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]


def test_disk_full_while_adding_to_a_store_is_one_line_and_the_store_is_unchanged(store, src, monkeypatch):
    from newsgraph.graph.store import StoreWriter

    before = tree(store)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(StoreWriter, "commit", full)
    result = runner.invoke(app, ["build", str(src), "--into", str(store)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"error: {store}: could not write the store (No space left on device); it is as it was before this build"
    )
    assert {k: v for k, v in tree(store).items() if not k.startswith("records")} == {
        k: v for k, v in before.items() if not k.startswith("records")
    }


def test_view_out_a_folder_or_a_full_disk_is_one_line(store, tmp_path, monkeypatch):
    result = runner.invoke(app, ["view", str(store), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert f"error: {tmp_path}: is a folder; --out names the HTML file to write" in result.output
    inside = runner.invoke(app, ["view", str(store), "--out", str(store / "view.html")])
    assert inside.exit_code == 1 and f"lies inside the store {store}" in inside.output

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("newsgraph.output.html.write_text_atomic", full)
    target = tmp_path / "view.html"
    result = runner.invoke(app, ["view", str(store), "--out", str(target)])
    assert result.exit_code == 1
    expected = f"error: {target}: could not write the view (No space left on device); nothing was written"
    assert result.output.strip() == expected
    assert not target.exists()


def test_a_signal_while_the_staging_folder_is_made_leaves_nothing_behind(tmp_path, monkeypatch):
    from newsgraph.output import files

    def interrupted(*_):
        raise KeyboardInterrupt

    made = os.mkdir

    def mkdir_then_sigterm(path, *args, **kwargs):
        made(path, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)  # arrives before the caller holds the folder

    old = signal.signal(signal.SIGTERM, interrupted)
    try:
        monkeypatch.setattr(files.os, "mkdir", mkdir_then_sigterm)
        with pytest.raises(KeyboardInterrupt):
            files.OutputFolder(tmp_path / "out")
    finally:
        monkeypatch.undo()
        signal.signal(signal.SIGTERM, old)
    assert list(tmp_path.iterdir()) == []
