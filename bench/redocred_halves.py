"""Re-DocRED dev scored by halves, for the rule discipline of issue #23 (write a rule from one
half's errors, keep it only if the other half improves too).

    python bench/redocred_halves.py [--out /tmp/newsgraph-bench/redocred]

Re-DocRED dev has no halves file (BBC dev's is ../shared/eval/bbc-dev/halves.tsv), so the halves
are fixed here: a = the files at even positions of the sorted list, b = the odd ones. Each half
is built alone and scored with ../shared/tools/score_kg.py against the gold facts of its own
documents (every gold entity is kept, so entity scores read the same as on the whole set).
Prints ledBy, memberOf, entity pair F1 and type accuracy per half; the errors of each are in
OUT/<half>.errors.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "redocred-dev"
METRICS = ("ledBy.f1", "memberOf.f1", "entity.pair_f1", "entity.type_accuracy")


def halves() -> dict[str, list[Path]]:
    files = sorted((DEV / "text").glob("*.txt"))
    if not files:
        sys.exit(f"{DEV / 'text'}: not found (../shared must sit beside the repository)")
    return {"a": files[0::2], "b": files[1::2]}


def gold_of(docs: set[str]) -> str:
    """The gold lines of these documents, with every entity line."""
    lines = [line for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = []
    for line in lines:
        row = json.loads(line)
        if row["kind"] == "entity" or row.get("doc") in docs:
            kept.append(line)
    return "\n".join(kept)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "newsgraph-bench" / "redocred")
    args = ap.parse_args()

    from newsgraph.output.build import build

    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{'half':<6}{'docs':>6}" + "".join(f"{m:>22}" for m in METRICS))
    for name, files in halves().items():
        graph = args.out / f"out-{name}"
        build(files, graph, validate=False)
        gold = args.out / f"gold-{name}.jsonl"
        gold.write_text(gold_of({f.name for f in files}) + "\n", encoding="utf-8")
        scored = subprocess.run(
            [
                sys.executable,
                str(SHARED / "tools" / "score_kg.py"),
                str(graph / "graph.ttl"),
                str(gold),
                "--show-errors",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        (args.out / f"{name}.errors").write_text(scored.stdout, encoding="utf-8")
        values = dict(
            line.split()[:2] for line in scored.stdout.splitlines() if line.split()[:1] and line.split()[0] in METRICS
        )
        print(f"{name:<6}{len(files):>6}" + "".join(f"{values.get(m, '-'):>22}" for m in METRICS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
