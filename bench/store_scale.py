"""A store of over a million triples: query latency and the cost of adding a batch (issue #7, 4).

    python bench/store_scale.py [--copies 2] [--repeat 20]

1. Builds a store of the whole BBC corpus (2,165 articles, --workers 2; cached under
   /tmp/newsgraph-bench/store-scale), then grows a copy of it with COPIES more copies of every
   document under new names and content hashes (records are cloned, not parsed again: what is
   measured is the store, and the clones resolve to the same entities, as re-published
   articles would), until it holds over 1M quads.
2. Runs every query of the README (example names swapped for BBC ones) REPEAT times on the
   store and prints p50 and p95 latency.
3. Adds 50 new BBC-like articles (the first 50 BBC articles with a line appended, so their
   content hashes are new) to a copy of the big store, against building them into an empty
   store, as `newsgraph build --into` does, and prints both and the ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = Path("/tmp/newsgraph-bench/store-scale")
sys.path.insert(0, str(ROOT))

# README example names -> names the BBC corpus has
SWAP = {"Green Alliance": "Labour", "Ribeira": "London", "Robert Kane": "Tony Blair", "Mary Doyle": "Gordon Brown"}


def readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for q in re.findall(r"```sparql\n(.*?)```", text, re.S):
        for a, b in SWAP.items():
            q = q.replace(f'"{a}"', f'"{b}"')
        out.append(q)
    return out


def clone(record, k: int):
    """The same document under another name and content hash."""
    h = hashlib.sha256(f"{record.meta.content_hash}#copy{k}".encode()).hexdigest()
    meta = replace(record.meta, content_hash=h, name=f"copy{k}-{record.meta.name}", path=f"{record.meta.path}#copy{k}")
    return replace(record, meta=meta, entities=tuple(replace(e, doc=h) for e in record.entities))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    bbc = SHARED / "corpus" / "bbc"
    if not bbc.is_dir():
        sys.exit(f"{bbc}: not found (../shared must sit beside the repository)")

    from newsgraph.extract.mentions import names
    from newsgraph.extract.nlp import load
    from newsgraph.graph.build import RunInfo
    from newsgraph.graph.store import GraphStore
    from newsgraph.ontology import PREFIXES
    from newsgraph.output.build import build_into

    WORK.mkdir(parents=True, exist_ok=True)
    load(None)
    base = WORK / "bbc"
    if not (base / "CURRENT").exists():
        t = time.perf_counter()
        build_into([bbc], base, workers=2)
        print(f"store of the BBC corpus built in {time.perf_counter() - t:.0f} s", flush=True)
    big = WORK / f"bbc-x{args.copies + 1}"
    if not (big / "CURRENT").exists():
        shutil.rmtree(big, ignore_errors=True)
        shutil.copytree(base, big)
        gs = GraphStore(big)
        t = time.perf_counter()
        with gs.writer() as w:
            for rec in gs.records():
                for k in range(1, args.copies + 1):
                    c = clone(rec, k)
                    w.add(c, c.meta.path)
            w.commit(RunInfo("bench", "clones", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00"))
        print(
            f"grown with {args.copies} cop{'y' if args.copies == 1 else 'ies'} in {time.perf_counter() - t:.0f} s",
            flush=True,
        )
    gs = GraphStore(big)
    db = gs.open_read()
    quads, docs = len(db), len(gs.manifest()["documents"])
    print(f"store: {docs:,} documents, {quads:,} quads", flush=True)

    print()
    print(f"{'query':<58} {'rows':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for q in readme_queries():
        times = []
        rows = 0
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = db.query(q, prefixes=PREFIXES, use_default_graph_as_union=True)
            rows = sum(1 for _ in result)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        name = " ".join(q.split())[:58]
        print(
            f"{name:<58} {rows:>6} {statistics.median(times):>8.1f} {times[int(0.95 * (len(times) - 1))]:>8.1f}",
            flush=True,
        )
    del db

    batch = WORK / "batch-50"
    if not batch.exists():
        batch.mkdir()
        for f in sorted(bbc.glob("*/*.txt"))[::43][:50]:
            (batch / f"new-{f.parent.name}-{f.name}").write_text(
                f.read_text(encoding="latin-1") + "\n\nThis article was updated.\n", encoding="utf-8"
            )
    alone, added = [], []
    for _ in range(3):
        shutil.rmtree(WORK / "alone", ignore_errors=True)
        shutil.rmtree(WORK / "added", ignore_errors=True)
        names.clear_caches()  # each timing starts as a new process would
        t = time.perf_counter()
        build_into([batch], WORK / "alone")
        alone.append(time.perf_counter() - t)
        shutil.copytree(big, WORK / "added")
        names.clear_caches()  # each timing starts as a new process would
        t = time.perf_counter()
        build_into([batch], WORK / "added")
        added.append(time.perf_counter() - t)
        print(f"alone {alone[-1]:.1f} s, added {added[-1]:.1f} s", flush=True)
    a, b = statistics.median(alone), statistics.median(added)
    print()
    print(f"50 articles into an empty store: {a:.1f} s; into the {quads:,}-quad store: {b:.1f} s; ratio {b / a:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
