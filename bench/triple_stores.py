"""Bulk-loading newsgraph's N-Quads export into Virtuoso and the Oxigraph server (issue #27).

    python bench/triple_stores.py [--graph PATH] [--copies K]

PATH is a graph (an output folder, a graph file or a store); by default the BBC corpus is built
first (all 2,165 articles, --workers 2) into /tmp/newsgraph-bench/triple-stores/bbc. With
--copies K the export's document graphs are repeated K times under new graph names (the
entity graph once), for a larger load. Prints, each an input of docs/scaling.md:

  export      seconds and quads/s of `newsgraph export --format nquads`, and bytes per quad
              of the gzip shards
  virtuoso    seconds and quads/s of ld_dir + rdf_loader_run + checkpoint (one loader), and
              bytes per quad of its database files
  oxigraph    seconds and quads/s of `oxigraph load`, and bytes per quad of its folder

Both servers run on 127.0.0.1 in folders of their own (tests/scale/servers.py), stopped after.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = Path("/tmp/newsgraph-bench/triple-stores")
sys.path.insert(0, str(ROOT))

from tests.scale.servers import OxigraphServer, Virtuoso  # noqa: E402  (the tests' own harness)


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _copies(shards: list[Path], k: int, out: Path) -> list[Path]:
    """The shards with every document graph repeated k times (``.../doc/<hash>`` becomes
    ``.../doc/<hash>-<i>``): as many quads as k times the documents, for a larger load."""
    out.mkdir(parents=True)
    written = []
    for shard in shards:
        lines = gzip.decompress(shard.read_bytes()).decode("utf-8").splitlines()
        in_doc = ["/id/doc/" in line.rsplit(" ", 2)[-2] for line in lines]
        docs = [line for line, d in zip(lines, in_doc, strict=True) if d]
        copied = [line for line, d in zip(lines, in_doc, strict=True) if not d]
        for i in range(k):
            copied += [line[: line.rindex(">")] + f"-{i}> ." for line in docs]
        path = out / shard.name
        path.write_bytes(gzip.compress(("\n".join(copied) + "\n").encode("utf-8"), mtime=0))
        written.append(path)
    return written


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", type=Path, default=None)
    ap.add_argument("--copies", type=int, default=1)
    args = ap.parse_args()
    from newsgraph.graph.source import open_store
    from newsgraph.output.build import build
    from newsgraph.output.exports import export_format

    shutil.rmtree(WORK / "run", ignore_errors=True)
    graph = args.graph
    if graph is None:
        graph = WORK / "bbc"
        if not (graph / "graph.trig").exists():
            files = sorted((SHARED / "corpus" / "bbc").glob("*/*.txt"))
            print(f"building {len(files):,} BBC articles into {graph} ...", flush=True)
            build(files, graph, workers=2, validate=False)
    shards_dir = WORK / "run" / "shards"
    started = time.perf_counter()
    export_format(open_store(graph), shards_dir, "nquads")
    export_secs = time.perf_counter() - started
    shards = sorted(shards_dir.glob("graph-*.nq.gz"))
    exported = sum(gzip.decompress(s.read_bytes()).count(b"\n") for s in shards)
    export_bytes = sum(s.stat().st_size for s in shards)
    if args.copies > 1:
        shards = _copies(shards, args.copies, WORK / "run" / "copies")
    quads = sum(gzip.decompress(s.read_bytes()).count(b"\n") for s in shards)
    rows = []
    with Virtuoso(WORK / "run" / "virtuoso") as v:
        secs = v.load(shards)
        rows.append(("Virtuoso 7.2 bulk load", secs, _size(WORK / "run" / "virtuoso" / "db")))
    with OxigraphServer(WORK / "run" / "oxigraph", shards) as o:
        rows.append(("Oxigraph load", o.load_seconds, _size(WORK / "run" / "oxigraph" / "data")))
    print(f"\n{exported:,} quads exported from {graph} in {export_secs:.1f} s ({exported / export_secs:,.0f} quads/s)")
    print(f"into {len(shards)} gzip shard(s) of {export_bytes:,} bytes ({export_bytes / exported:.1f} bytes a quad)")
    print(f"\nloading {quads:,} quads" + (f" (the documents {args.copies} times)" if args.copies > 1 else ""))
    print(f"{'step':<26} {'seconds':>8} {'quads/s':>10} {'bytes':>14} {'bytes/quad':>11}")
    for name, secs, size in rows:
        print(f"{name:<26} {secs:>8.1f} {quads / secs:>10,.0f} {size:>14,} {size / quads:>11.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
