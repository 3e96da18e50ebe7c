"""Extraction on a Dask cluster: 2 workers against 1, and against a plain build (issue #27).

    python bench/dask_scale.py [--docs N] [--workers 2] [--repeat 2]

Builds the BBC corpus (all 2,165 articles by default) three ways, each a whole `newsgraph build`
(read, parse, extract, resolve, write), the cluster's start and the workers' model loading
included:

  plain      no cluster, one process
  local:1    --scheduler local:1 (a LocalCluster of one worker process, on 127.0.0.1)
  local:N    --scheduler local:N

The three run in rounds (default 2), one after the other, and each counts its best time, as in
bench/throughput.py: this machine's speed drifts by 10-15% over minutes (one round's local:2
parse took 98.5 s, the next one's 113.0 s, the other two runs within 3%). Each round's own
ratio is printed too.

Prints seconds, documents/s and words/s of each, the ratio local:N / local:1 of whole builds
(bar ≥ 1.7 for N = 2 on this 2-core machine) and of the parse stage alone (resolution and
writing run on the client, the same in every run), words per second per worker (an input of docs/scaling.md), and
whether the three graphs are the same (run provenance left out).
"""

from __future__ import annotations

import shutil
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path("/tmp/newsgraph-bench/dask")
sys.path.insert(0, str(ROOT))

from throughput import bbc_arguments, bbc_files, graph_without_runs  # noqa: E402  (a sibling script)


def _note(stages: dict[str, float], name: str, _done: str, seconds: float) -> None:
    stages[name] = round(seconds, 1)


def main() -> int:
    args = bbc_arguments(__doc__, repeat=2)

    from newsgraph.extract.input.reader import Article, read_articles
    from newsgraph.extract.nlp import load
    from newsgraph.output.build import build

    files = bbc_files(args.docs)
    words = sum(len(a.text.split()) for a in read_articles(files) if isinstance(a, Article))
    load(None)  # the client's own copy (it checks the workers' model against it): not timed
    runs = {"plain": None, "local:1": "local:1", f"local:{args.workers}": f"local:{args.workers}"}
    times: dict[str, list[float]] = {name: [] for name in runs}
    parse: dict[str, list[float]] = {name: [] for name in runs}  # the parse stage alone
    shutil.rmtree(WORK, ignore_errors=True)
    for i in range(args.repeat):
        for name, scheduler in runs.items():
            out = WORK / name.replace(":", "-")
            shutil.rmtree(out, ignore_errors=True)
            stages: dict[str, float] = {}
            t = time.perf_counter()
            build(files, out, scheduler=scheduler, validate=False, on_stage=partial(_note, stages))
            times[name].append(time.perf_counter() - t)
            parse[name].append(stages["parse"])
            print(f"round {i + 1}: {name} {times[name][-1]:.1f} s ({stages})", flush=True)
        many = f"local:{args.workers}"
        print(f"round {i + 1}: {many} / local:1 = {times['local:1'][-1] / times[many][-1]:.2f}", flush=True)
    best = {name: min(t) for name, t in times.items()}
    best_parse = {name: min(t) for name, t in parse.items()}
    graphs = {name: graph_without_runs(WORK / name.replace(":", "-") / "graph.trig") for name in runs}
    same = all(g == graphs["plain"] for g in graphs.values())

    print()
    print(f"{len(files):,} articles, {words:,} words")
    print(f"{'run':<12} {'seconds':>8} {'docs/s':>8} {'words/s':>9} {'parse s':>8}")
    for name, secs in best.items():
        print(f"{name:<12} {secs:>8.1f} {len(files) / secs:>8.1f} {words / secs:>9,.0f} {best_parse[name]:>8.1f}")
    many = f"local:{args.workers}"
    print()
    print(f"ratio {many} / local:1 = {best['local:1'] / best[many]:.2f}   (bar ≥ 1.7 for 2 workers; whole builds)")
    print(f"  the parse stage alone  {best_parse['local:1'] / best_parse[many]:.2f}   (what the cluster runs)")
    print(f"ratio {many} / plain   = {best['plain'] / best[many]:.2f}")
    print(f"words/s per worker (local:1, whole build) = {words / best['local:1']:,.0f}")
    print(f"same graph: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
