"""Throughput of `newsgraph build` against bare spaCy on the BBC corpus (issue #7, 1 and 2).

    python bench/throughput.py [--docs N] [--workers 2] [--repeat 2]

In one process, with the model loaded once before any timing:

  bare      nlp.pipe over the texts (already in memory) with the same pipeline, Docs dropped
  build     newsgraph's build of the same files: read, parse, extract, resolve, write
            graph.ttl, graph.trig, graph.html, report.json (SHACL as by default: skipped
            above 25,000 triples)
  build -w  the same with --workers N (a process pool), and a check that the graph is the same

The three run in rounds (default 2), one after the other, and each counts its best time.
Prints documents/s and words/s of each, and the ratios (bars: build/bare ≥ 0.85;
workers N / one process ≥ 1.7 for N = 2).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = Path("/tmp/newsgraph-bench/throughput")
sys.path.insert(0, str(ROOT))


def bbc_files(n: int | None) -> list[Path]:
    files = sorted((SHARED / "corpus" / "bbc").glob("*/*.txt"))
    if not files:
        sys.exit(f"{SHARED / 'corpus' / 'bbc'}: not found (../shared must sit beside the repository)")
    return files if n is None else files[:: max(1, len(files) // n)][:n]


def bbc_arguments(doc: str | None, *, repeat: int) -> argparse.Namespace:
    """--docs N (a sample of the BBC corpus), --workers, --repeat: the options of the benches
    that time whole builds of it."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=None, help="a sample of N articles (default: all 2,165)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=repeat, help="rounds; the best time of each run counts")
    return ap.parse_args()


def graph_without_runs(trig: Path) -> set:
    """The quads of a TriG file, minus run provenance (it carries timestamps)."""
    import pyoxigraph as ox

    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    runs = {q.subject for q in quads if "/run/" in str(q.subject)}
    return {q for q in quads if q.subject not in runs}


def main() -> int:
    args = bbc_arguments(__doc__, repeat=2)

    from newsgraph.extract.input.reader import Article, read_articles
    from newsgraph.extract.nlp import load, prepare_text
    from newsgraph.output.build import build

    files = bbc_files(args.docs)
    articles = [a for a in read_articles(files) if isinstance(a, Article)]
    texts = [prepare_text(a.text, a.skipped) for a in articles]
    words = sum(len(t.split()) for t in texts)
    n = len(texts)
    nlp = load(None)
    for _ in nlp.pipe(texts[:20]):  # warm up
        pass
    print(
        f"{n:,} articles, {words:,} words; pipeline {nlp.meta['name']} {nlp.meta['version']}: "
        f"{', '.join(nlp.pipe_names)}",
        flush=True,
    )

    def bare_run() -> float:
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        return time.perf_counter() - t

    def build_run(workers: int) -> tuple[float, int]:
        out = WORK / f"w{workers}"
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        report = build(files, out, workers=workers)
        return time.perf_counter() - t, report.triples

    # Rounds of bare, build, build --workers, one after the other, and the best time of each:
    # this machine's speed drifts by ±10% over minutes, and alternating keeps the compared
    # runs close in time.
    shutil.rmtree(WORK, ignore_errors=True)
    times: dict[str, list[float]] = {"bare": [], "build": [], "workers": []}
    for i in range(args.repeat):
        times["bare"].append(bare_run())
        secs, triples = build_run(1)
        times["build"].append(secs)
        if args.workers > 1:
            times["workers"].append(build_run(args.workers)[0])
        print(
            f"round {i + 1}: bare {times['bare'][-1]:.1f} s, build {secs:.1f} s ({triples:,} triples)"
            + (f", --workers {args.workers} {times['workers'][-1]:.1f} s" if args.workers > 1 else ""),
            flush=True,
        )
    bare, ours = min(times["bare"]), min(times["build"])
    rows = [("bare nlp.pipe", bare), ("newsgraph build", ours)]
    same = None
    if args.workers > 1:
        rows.append((f"newsgraph build --workers {args.workers}", min(times["workers"])))
        same = graph_without_runs(WORK / "w1" / "graph.trig") == graph_without_runs(
            WORK / f"w{args.workers}" / "graph.trig"
        )

    print()
    print(f"{'run':<32} {'seconds':>8} {'docs/s':>8} {'words/s':>9}")
    for name, secs in rows:
        print(f"{name:<32} {secs:>8.1f} {n / secs:>8.1f} {words / secs:>9,.0f}")
    print()
    print(f"ratio build/bare (throughput) = {bare / ours:.3f}   (bar ≥ 0.85)")
    # each round's own ratio (its bare and build ran a minute apart): a round where the machine
    # was briefly fast for one run moves the best times, not the median of these
    rounds = sorted(b / o for b, o in zip(times["bare"], times["build"], strict=True))
    print(f"ratio per round: {', '.join(f'{r:.3f}' for r in rounds)} (median {statistics.median(rounds):.3f})")
    if args.workers > 1:
        print(
            f"ratio --workers {args.workers} / one process = {ours / rows[2][1]:.2f}   (bar ≥ 1.7); same graph: {same}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
