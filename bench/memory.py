"""Peak memory (RSS) of `newsgraph build` for 200, 1,000 and 2,165 BBC articles (issue #7, 3).

    python bench/memory.py [--sizes 200,1000,2165]

Each build runs in a fresh process (the measurement is that process's peak RSS, from
getrusage), beside one that only loads the model and parses the same texts with nlp.pipe.
The build streams documents and keeps no parsed Doc, so its peak should grow with the graph
(triples), not with the text read: the table prints both, and the KB per triple and per
thousand words above the model's own footprint.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = Path("/tmp/newsgraph-bench/memory")

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
files = [Path(p) for p in json.loads(sys.argv[1])]
mode, out = sys.argv[2], sys.argv[3]
t = time.perf_counter()
if mode == "build":
    from newsgraph.output.build import build
    r = build(files, out)
    triples = r.triples
else:
    from newsgraph.extract.nlp import load, prepare_text
    from newsgraph.extract.input.reader import Article, read_articles
    nlp = load(None)
    texts = (prepare_text(a.text, a.skipped) for a in read_articles(files) if isinstance(a, Article))
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    triples = 0
print(json.dumps({{"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "triples": triples,
                  "seconds": time.perf_counter() - t}}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="200,1000,2165")
    args = ap.parse_args()
    files = sorted((SHARED / "corpus" / "bbc").glob("*/*.txt"))
    if not files:
        sys.exit(f"{SHARED / 'corpus' / 'bbc'}: not found (../shared must sit beside the repository)")
    code = CHILD.format(root=str(ROOT))
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        sample = files[:: max(1, len(files) // n)][:n]
        words = sum(len(f.read_bytes().split()) for f in sample)
        res = {}
        for mode in ("bare", "build"):
            out = subprocess.run(
                [sys.executable, "-c", code, json.dumps([str(f) for f in sample]), mode, str(WORK / f"out-{n}")],
                capture_output=True,
                text=True,
            )
            if out.returncode != 0:
                sys.exit(out.stderr)
            res[mode] = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append((n, words, res))
        print(f"{n} articles done: {res}", flush=True)
    print()
    print(
        f"{'articles':>8} {'words':>9} {'triples':>9} {'bare MB':>8} {'build MB':>9} {'build-bare MB':>13} "
        f"{'KB/triple':>9} {'KB/1k words':>11}"
    )
    for n, words, res in rows:
        bare, build = res["bare"]["rss_kb"] / 1024, res["build"]["rss_kb"] / 1024
        extra_kb = (build - bare) * 1024
        print(
            f"{n:>8,} {words:>9,} {res['build']['triples']:>9,} {bare:>8.0f} {build:>9.0f} {build - bare:>13.0f} "
            f"{extra_kb / max(1, res['build']['triples']):>9.2f} {extra_kb / (words / 1000):>11.1f}"
        )
    if len(rows) >= 2:
        (n0, w0, r0), (n1, w1, r1) = rows[0], rows[-1]
        grow = (r1["build"]["rss_kb"] - r0["build"]["rss_kb"]) / 1024
        added = r1["build"]["triples"] - r0["build"]["triples"]
        print(
            f"\nfrom {n0:,} to {n1:,} articles: +{grow:.0f} MB for +{added:,} "
            f"triples ({grow * 1024 / max(1, added):.2f} KB a triple) and "
            f"+{w1 - w0:,} words"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
