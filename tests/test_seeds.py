"""The v1 bars on the seed gold, measured with the shared scorer."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from newsgraph.output.cli import app

BARS = [
    "quote.attributed_f1=0.92",
    "position.f1=0.85",
    "ledBy.f1=0.85",
    "memberOf.f1=0.80",
    "entity.pair_f1=0.90",
    "entity.overmerged=0",
    "entity.fragmentation=1.15",
    "entity.type_accuracy=0.95",
]


def test_seed_gold_bars(shared, tmp_path):
    result = CliRunner().invoke(app, ["build", str(shared / "corpus" / "seeds"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    score = subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "score_kg.py"),
            str(tmp_path / "graph.ttl"),
            str(shared / "gold" / "seeds.jsonl"),
            *(f"--min={b}" for b in BARS),
        ],
        capture_output=True,
        text=True,
    )
    assert score.returncode == 0, score.stdout


def test_seeds_one_at_a_time_then_merged_equal_one_batch(shared, tmp_path):
    """Issue 4: the same graph (and so the same figures) whichever way the seeds are built."""
    from rdflib import Dataset

    from .graph.conftest import assert_same_graph, without_runs

    runner = CliRunner()
    seeds = sorted((shared / "corpus" / "seeds").glob("*.txt"))
    parts = []
    for i, seed in enumerate(seeds):
        out = tmp_path / f"part{i}"
        assert runner.invoke(app, ["build", str(seed), "--out", str(out), "--no-validate"]).exit_code == 0
        parts.append(str(out / "graph.trig"))
    merged, batch = tmp_path / "merged", tmp_path / "batch"
    assert runner.invoke(app, ["merge", *reversed(parts), "--out", str(merged)]).exit_code == 0
    assert runner.invoke(app, ["build", str(shared / "corpus" / "seeds"), "--out", str(batch)]).exit_code == 0
    one, two = Dataset(), Dataset()
    one.parse(merged / "graph.trig", format="trig")
    two.parse(batch / "graph.trig", format="trig")
    assert_same_graph(without_runs(one), without_runs(two))


def test_polnear_quote_bars(shared, tmp_path):
    """Issue 3: the PolNeAR development split (84 articles, 789 gold quotes) as one batch."""
    polnear = shared / "eval" / "polnear-dev"
    result = CliRunner().invoke(app, ["build", str(polnear / "text"), "--out", str(tmp_path), "--no-validate"])
    assert result.exit_code == 0, result.output
    score = subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "score_kg.py"),
            str(tmp_path / "graph.ttl"),
            str(polnear / "gold.jsonl"),
            "--min=quote.f1=0.93",
            "--min=quote.speaker_accuracy=0.90",
            "--min=quote.attributed_f1=0.85",
        ],
        capture_output=True,
        text=True,
    )
    assert score.returncode == 0, score.stdout
