"""Adding a batch to a grown store against building that batch alone (issue #5: ≤ 1.5×;
issue #27: ≤ 1.3× at about 6,000 and 60,000 stored documents).

    python bench/store_add.py [--base 500] [--batch 50] [--repeat 3]

Copies BBC articles into /tmp/newsgraph-bench/store-add (a base set and a disjoint batch),
builds a store of the base set once (cached), then, each repeat, times in this one process
(model already loaded, so neither side pays for it):

  alone    build --into an empty store of the batch
  added    build --into a copy of the base store of the same batch
           (both without the SHACL check, which a build runs only on graphs up to 25,000 triples:
           it would be timed on one side only)
  files    build --out of the batch (graph.ttl, .trig, .html, no SHACL), for reference

and prints the medians, the ratio added/alone, and where the time of `added` went.

A base larger than the BBC corpus (2,165 articles) is every BBC article but the batch's, then
synthetic copies of them under new names and content hashes (records cloned, not parsed again,
as ``store_scale.py`` makes them; a copy resolves to the same entities, as a re-published
article would), added a corpus' worth per commit, until the store holds ``--base`` documents.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = Path("/tmp/newsgraph-bench/store-add")
sys.path.insert(0, str(ROOT))


def sample(n: int, offset: int, step: int) -> list[Path]:
    """Every step-th BBC article from offset: spread over the five sections."""
    files = sorted((SHARED / "corpus" / "bbc").glob("*/*.txt"))
    return files[offset::step][:n]


def copy_into(files: list[Path], folder: Path) -> Path:
    if not folder.exists():
        folder.mkdir(parents=True)
        for f in files:
            shutil.copy(f, folder / f"{f.parent.name}-{f.name}")
    return folder


def copy_store(src: Path, dst: Path) -> None:
    """A copy of a store's live generation, records and resolution state. Older generations are
    left out: in a store they share their files with the live one through hard links, which a
    copy would not keep, so the next commit would pay for deleting gigabytes a store does not
    hold."""
    dst.mkdir()
    live = (src / "CURRENT").read_text(encoding="utf-8").strip()
    for name in ("CURRENT", "resolution.sqlite"):
        shutil.copy2(src / name, dst / name)
    for name in ("records", live):
        shutil.copytree(src / name, dst / name)


def grow(store: Path, files: list[Path], size: int) -> None:
    """A store of ``files``, then of copies of their records until it holds ``size`` documents."""
    from store_scale import clone

    from newsgraph.graph.build import RunInfo
    from newsgraph.graph.store import GraphStore
    from newsgraph.output.build import build_into

    build_into([copy_into(files, WORK / "all-but-batch")], store, workers=2)
    gs = GraphStore(store)
    records = gs.records()
    k = 0
    while len(gs.manifest()["documents"]) < size:
        k += 1
        t = time.perf_counter()
        with gs.writer() as w:
            for rec in records[: size - len(w.docs)]:
                c = clone(rec, k)
                w.add(c, c.meta.path)
            w.commit(RunInfo("bench", f"copy {k}", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00"))
            print(f"copy {k}: {len(w.docs):,} documents ({w.resolved}) in {time.perf_counter() - t:.0f} s", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=int, default=500)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not (SHARED / "corpus" / "bbc").is_dir():
        sys.exit(f"{SHARED / 'corpus' / 'bbc'}: not found (../shared must sit beside the repository)")

    from newsgraph.extract.nlp import load
    from newsgraph.graph import store as store_mod
    from newsgraph.output.build import build, build_into

    batch_files = sample(args.batch, 1, 40)
    batch = copy_into(batch_files, WORK / f"batch-{args.batch}")
    load(None)  # once, outside every timing
    base_store = WORK / f"store-{args.base}"
    if not (base_store / "CURRENT").exists():
        t = time.perf_counter()
        if args.base <= len(sample(10**6, 0, 4)):
            build_into([copy_into(sample(args.base, 0, 4), WORK / f"base-{args.base}")], base_store)
        else:
            grow(base_store, [f for f in sample(10**6, 0, 1) if f not in set(batch_files)], args.base)
        print(f"base store of {args.base:,} documents built in {time.perf_counter() - t:.1f} s", flush=True)

    # where the time of a commit goes (wraps the store's own steps)
    spent: dict[str, float] = {}

    def timed(name: str, fn):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t

        return run

    store_mod.build_parts = timed("resolve+quads", store_mod.build_parts)
    store_mod.incremental = timed("batch resolve+quads", store_mod.incremental)
    store_mod._apply_update = timed("apply to copy", store_mod._apply_update)
    store_mod._apply = timed("apply to copy", store_mod._apply)
    store_mod.GraphStore.records = timed("read records", store_mod.GraphStore.records)

    from newsgraph.extract.mentions import names

    alone, added, files = [], [], []
    for i in range(args.repeat):
        for d in ("alone", "added", "files"):
            shutil.rmtree(WORK / d, ignore_errors=True)
        copy_store(base_store, WORK / "added")
        os.sync()  # the copy's gigabytes written out before the timings, not during them
        # the two timings take turns at running first after the copy
        for side in ("alone", "added") if i % 2 == 0 else ("added", "alone"):
            if side == "added":
                spent.clear()
            names.clear_caches()  # each timing starts as a new process would
            t = time.perf_counter()
            report_of = build_into([batch], WORK / side, validate=False)
            (alone if side == "alone" else added).append(time.perf_counter() - t)
            if side == "added":
                report = report_of
        names.clear_caches()  # each timing starts as a new process would
        t = time.perf_counter()
        build([batch], WORK / "files", validate=False)
        files.append(time.perf_counter() - t)
        print(
            f"run {i + 1}: alone {alone[-1]:.2f} s, added {added[-1]:.2f} s, files {files[-1]:.2f} s; "
            + ", ".join(f"{k} {v:.2f} s" for k, v in spent.items())
        )
    a, b, c = (statistics.median(x) for x in (alone, added, files))
    print()
    print(f"{'case':<44} {'median s':>9}")
    print(f"{f'build --into empty store ({args.batch} articles)':<44} {a:>9.2f}")
    print(f"{f'build --into store of {args.base} ({args.batch} articles)':<44} {b:>9.2f}")
    print(f"{f'build --out files ({args.batch} articles)':<44} {c:>9.2f}")
    print(f"store after: {report.store['documents']} documents, {report.triples:,} quads")
    print(f"ratio added/alone = {b / a:.2f} (bar ≤ 1.3, issue #27); added/files = {b / c:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
