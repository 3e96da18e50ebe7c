"""The endpoint under hostile load: runaway queries, slow readers of large answers, and quick
clients, all at once (issues #15 and #22).

    python bench/serve_load.py [--runaways 8 16] [--slow-readers 20] [--clients 20] [--queries 20]
                               [--timeout 10] [--workers 8]

Builds the example articles into a store and runs ``newsgraph serve`` on it in a process of its
own (127.0.0.1, a free port; stopped by its pid at the end). For each runaway count it starts, in
this order: SLOW_READERS clients that each ask for a large answer (about 40 MB of SPARQL JSON)
and read it at 256 KB/s; RUNAWAYS cartesian-product queries that only end by their timeout;
then CLIENTS clients of QUERIES requests each, ``ASK {}`` and a small SELECT. Every client is a
loopback address of its own (127.0.x.y), as separate users are. Prints the p50/p95/max latency
of ``ASK {}`` (bar: p95 under 250 ms), what the runaways and readers got, and the server's peak
memory, its own and with its workers (bar: the server under 1 GB).
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SMALL = "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } LIMIT 5"
LARGE = "SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d } LIMIT 99000"  # about 40 MB of JSON


REASONS: Counter[str] = Counter()  # the first line of each answer that was not a 200
SLOW: list[tuple[float, float]] = []  # (start, seconds) of quick queries over 250 ms


def request(port: int, sparql: str, client: str, *, read_rate: float | None = None) -> tuple[int, float, int]:
    """(status, seconds, bytes read) of one GET from the loopback address ``client``."""
    began = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120, source_address=(client, 0))
    try:
        conn.request("GET", f"/sparql?query={urllib.parse.quote(sparql)}")
        resp = conn.getresponse()
        if resp.status != 200:
            REASONS[f"{resp.status} {resp.read(200).decode(errors='replace').splitlines()[0]}"] += 1
        got = 0
        while True:
            try:
                chunk = resp.read(64 << 10)
            except (OSError, http.client.HTTPException):  # the server dropped a reader too slow
                break
            if not chunk:
                break
            got += len(chunk)
            if read_rate:
                time.sleep(len(chunk) / read_rate)
        return resp.status, time.perf_counter() - began, got
    except OSError as err:
        REASONS[f"no answer: {type(err).__name__}"] += 1
        return 0, time.perf_counter() - began, 0
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Memory(threading.Thread):
    """Samples the server's resident memory (alone, and with its worker processes)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.peak = self.peak_all = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            try:
                own = self.proc.memory_info().rss
                kids = sum(c.memory_info().rss for c in self.proc.children(recursive=True))
            except psutil.Error:
                break
            self.peak, self.peak_all = max(self.peak, own), max(self.peak_all, own + kids)
            time.sleep(0.05)


def wait_until_up(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if request(port, "ASK {}", "127.0.0.1")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not come up")


def scenario(port: int, pid: int, runaways: int, args: argparse.Namespace) -> bool:
    memory = Memory(pid)
    memory.start()
    REASONS.clear()
    SLOW.clear()
    start = time.monotonic()
    with ThreadPoolExecutor(args.slow_readers + runaways + args.clients) as pool:
        readers = [
            pool.submit(request, port, LARGE, f"127.0.3.{i + 1}", read_rate=256 << 10) for i in range(args.slow_readers)
        ]
        time.sleep(0.5)
        stopped = [pool.submit(request, port, RUNAWAY, f"127.0.1.{i + 1}") for i in range(runaways)]
        time.sleep(0.5)

        def client(k: int) -> list[tuple[str, int, float]]:
            out = []
            for i in range(args.queries):
                sparql = "ASK {}" if (i + k) % 2 == 0 else SMALL
                began = time.monotonic()
                status, seconds, _ = request(port, sparql, f"127.0.2.{k + 1}")
                out.append((sparql, status, seconds))
                if seconds > 0.25:
                    SLOW.append((began - start, seconds))
            return out

        results = [r for f in [pool.submit(client, k) for k in range(args.clients)] for r in f.result()]
        runaway_answers = [f.result() for f in stopped]
        reader_answers = [f.result() for f in readers]
    memory.running = False
    memory.join()
    asks = sorted(s for q, status, s in results if q == "ASK {}" and status == 200)
    failed = [status for _, status, _ in results if status != 200]
    p95 = asks[max(0, int(round(0.95 * len(asks))) - 1)] if asks else float("inf")
    print(f"\n{runaways} runaways, {args.slow_readers} slow readers, {args.clients} clients x {args.queries} queries")
    if asks:
        print(
            f"  ASK {{}}: {len(asks)} answered, p50 {statistics.median(asks) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {asks[-1] * 1000:.0f} ms   (bar: p95 < 250 ms)"
        )
    print(f"  quick queries failed: {len(failed)} {sorted(set(failed))}")
    longest = max((t for _, t, _ in runaway_answers), default=0)
    print(f"  runaways: {sorted(s for s, _, _ in runaway_answers)} after {longest:.1f} s")
    done = [b for s, _, b in reader_answers if s == 200]
    print(
        f"  slow readers: {sorted(s for s, _, _ in reader_answers)}; {len(done)} read answers of "
        f"{max(done, default=0) / 1e6:.1f} MB"
    )
    print(
        f"  server memory peak: {memory.peak / 1e6:.0f} MB alone, {memory.peak_all / 1e6:.0f} MB with its workers"
        "   (bar: server < 1000 MB)"
    )
    if args.verbose:
        print("  quick queries over 250 ms (start s, seconds):", [(round(a, 1), round(b, 2)) for a, b in sorted(SLOW)])
    for reason, n in REASONS.most_common():
        print(f"  {n:5d} x {reason}")
    return p95 < 0.25 and not failed and memory.peak < 1e9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runaways", type=int, nargs="+", default=[8, 16])
    ap.add_argument("--slow-readers", type=int, default=20)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--verbose", action="store_true", help="list the quick queries slower than 250 ms")
    args = ap.parse_args()

    from newsgraph.output.build import build_into

    store = Path(tempfile.mkdtemp(prefix="ng-serve-load-")) / "store"
    build_into([ROOT / "examples" / "articles"], store)
    port = free_port()
    command = [sys.executable, "-m", "newsgraph.output.cli", "serve", str(store), "--port", str(port)]
    command += ["--timeout", str(args.timeout), "--workers", str(args.workers)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)  # its request log is not read here
    try:
        wait_until_up(port)
        results = [scenario(port, server.pid, n, args) for n in args.runaways]  # every scenario runs
        ok = all(results)
    finally:
        server.terminate()
        server.wait(30)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
