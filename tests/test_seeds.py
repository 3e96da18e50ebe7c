"""The v1 bars on the seed gold, measured with the shared scorer."""
from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from newsgraph.output.cli import app

BARS = ["quote.attributed_f1=0.92", "position.f1=0.85", "ledBy.f1=0.85", "memberOf.f1=0.80",
        "entity.pair_f1=0.90", "entity.overmerged=0", "entity.fragmentation=1.15", "entity.type_accuracy=0.95"]


def test_seed_gold_bars(shared, tmp_path):
    result = CliRunner().invoke(app, ["build", str(shared / "corpus" / "seeds"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    score = subprocess.run(
        [sys.executable, str(shared / "tools" / "score_kg.py"), str(tmp_path / "graph.ttl"),
         str(shared / "gold" / "seeds.jsonl"), *(f"--min={b}" for b in BARS)],
        capture_output=True, text=True)
    assert score.returncode == 0, score.stdout
