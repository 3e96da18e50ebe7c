"""The endpoint under load with runaway queries mixed in (issue #15).

    python bench/serve_load.py [--clients 20] [--queries 20] [--runaways 4] [--timeout 2]

Builds the example articles into a store, serves it on 127.0.0.1 (a random port, stopped at the
end), and runs CLIENTS threads of QUERIES requests each: ``ASK {}`` and a small SELECT, with
RUNAWAYS cartesian-product queries that can only end by their timeout sent at the start. Prints
the p50/p95/max latency of ASK {} (bar: p95 under 1 s) and what the runaways got (503s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SMALL = "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } LIMIT 5"


def ask(url: str, sparql: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(f"{url}?query={urllib.parse.quote(sparql)}", timeout=60) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as err:
        status = err.code
    return status, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--runaways", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=2.0)
    args = ap.parse_args()

    from newsgraph.output.build import build_into
    from newsgraph.output.serve import make_server

    store = Path(tempfile.mkdtemp(prefix="ng-serve-load-")) / "store"
    build_into([ROOT / "examples" / "articles"], store)
    server = make_server(store, port=0, timeout=args.timeout, log=lambda m: None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        with ThreadPoolExecutor(args.clients + args.runaways) as pool:
            runaways = [pool.submit(ask, url, RUNAWAY) for _ in range(args.runaways)]

            def client(k: int) -> list[tuple[str, int, float]]:
                out = []
                for i in range(args.queries):
                    sparql = "ASK {}" if (i + k) % 2 == 0 else SMALL
                    status, seconds = ask(url, sparql)
                    out.append((sparql, status, seconds))
                return out

            results = [r for f in [pool.submit(client, k) for k in range(args.clients)] for r in f.result()]
            stopped = [f.result() for f in runaways]
    finally:
        server.shutdown()
        server.server_close()
    asks = sorted(s for q, status, s in results if q == "ASK {}" and status == 200)
    failed = [status for _, status, _ in results if status != 200]
    p95 = asks[max(0, int(round(0.95 * len(asks))) - 1)]
    print(f"{args.clients} clients x {args.queries} queries, {args.runaways} runaways (timeout {args.timeout:g} s)")
    print(
        f"ASK {{}}: {len(asks)} answered, p50 {statistics.median(asks) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {asks[-1] * 1000:.0f} ms   (bar: p95 < 1000 ms)"
    )
    print(
        f"other queries failed: {len(failed)}; runaways: {sorted(s for s, _ in stopped)} "
        f"after {max(t for _, t in stopped):.1f} s at most"
    )
    sys.exit(0 if p95 < 1.0 and not failed else 1)


if __name__ == "__main__":
    main()
