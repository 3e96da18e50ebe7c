"""A read-only SPARQL 1.1 Protocol endpoint over a store or a graph file (standard library
http.server; pyoxigraph answers the queries in worker processes).

GET /sparql?query=..., POST form-encoded ``query=...`` or a body of type
application/sparql-query. Results by content negotiation: SPARQL JSON (default), CSV or TSV for
SELECT and ASK; Turtle (default) or N-Triples for CONSTRUCT and DESCRIBE. Updates are refused,
and so are SERVICE (unless allowed), dataset clauses and queries too long or too deeply nested.

Why processes: a query cannot be stopped inside pyoxigraph once it runs, so each runs in a
worker process that is killed when its time is up (and replaced), which gives the CPU and the
memory back at once; a worker also has a memory cap. Every request gets an HTTP answer: a read
timeout, a body limit and a check of every header the server reads.
"""

from __future__ import annotations

import collections
import multiprocessing as mp
import os
import re
import socket
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from newsgraph.extract.errors import NewsgraphError

from .results import GRAPH_TYPES, JSON, TABLE_TYPES

MAX_BODY = 1 << 20  # bytes of a POST body
READ_TIMEOUT = 10.0  # seconds a client may take to send its request
SLOW_AFTER = 0.25  # seconds after which a running query gives way to quicker ones
_WRITE_PIECE = 256 << 10
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
WORKER_START = 120.0  # seconds a worker may take to open its graph and say it is ready
_LOOPBACK = ("127.", "localhost", "::1")


class QueryError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


# -- the worker process -------------------------------------------------------------------------
def _worker_main(conn: Connection, source: str, limits: dict[str, Any]) -> None:
    """Answer queries sent over ``conn`` until it closes: (sparql, accept) -> (status, media, body)."""
    import resource

    from newsgraph.graph.guard import QueryRefused
    from newsgraph.graph.query import QuerySyntaxError, isolate_network, run_query
    from newsgraph.graph.source import open_store
    from newsgraph.graph.store import GraphStore, is_store

    from .results import serialize

    if limits["max_memory"]:
        resource.setrlimit(resource.RLIMIT_DATA, (limits["max_memory"], limits["max_memory"]))
    if not limits["allow_service"]:
        isolate_network()  # this process and every thread it starts: no network at all
    store_dir = is_store(source)
    generation = GraphStore(source).current() if store_dir else None
    db = open_store(source)
    for warm in ("ASK {}", "SELECT ?s WHERE { ?s a ng:Person } LIMIT 1"):  # the query thread, the parser
        run_query(db, warm)
    conn.send("ready")  # only now does the server hand this worker a query
    while True:
        try:
            sparql, accept = conn.recv()
        except (EOFError, OSError):
            return
        if store_dir and GraphStore(source).current() != generation:  # a writer committed
            generation, db = GraphStore(source).current(), open_store(source)
        try:
            result = run_query(db, sparql, max_results=limits["max_results"], allow_service=limits["allow_service"])
            if result.truncated:
                what = "triples" if result.kind == "graph" else "results"
                raise QueryError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"more than {limits['max_results']} {what}")
            media = _pick(accept, list(GRAPH_TYPES if result.kind == "graph" else TABLE_TYPES))
            body = serialize(result, media)
            if len(body) > limits["max_bytes"]:
                raise QueryError(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the answer is over {limits['max_bytes']:,} bytes"
                )
            answer = (HTTPStatus.OK, media, body)
        except QueryRefused as err:
            status = {"update": HTTPStatus.FORBIDDEN, "size": HTTPStatus.REQUEST_ENTITY_TOO_LARGE}
            answer = (status.get(err.kind, HTTPStatus.BAD_REQUEST), "text/plain", f"{err}\n".encode())
        except QuerySyntaxError as err:
            answer = (HTTPStatus.BAD_REQUEST, "text/plain", f"{err}\n".encode())
        except QueryError as err:
            answer = (err.status, "text/plain", f"{err}; add a LIMIT\n".encode())
        except MemoryError:
            answer = (HTTPStatus.SERVICE_UNAVAILABLE, "text/plain", b"the query needed more memory than allowed\n")
        except NewsgraphError as err:  # run_query's "the query failed: ..."
            answer = (HTTPStatus.BAD_REQUEST, "text/plain", f"{err}\n".encode())
        except Exception as err:  # pyoxigraph raises several types while evaluating; the client gets each as a 400
            answer = (HTTPStatus.BAD_REQUEST, "text/plain", f"the query failed: {type(err).__name__}: {err}\n".encode())
        # the size first: the server decides whether it can hold the body before reading it
        conn.send((answer[0], answer[1], len(answer[2])))
        conn.send_bytes(answer[2])


class _Worker:
    def __init__(self, ctx: Any, source: str, limits: dict[str, Any], lane: str = "general") -> None:
        self.lane = lane
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, source, limits), daemon=True)
        self.process.start()
        child.close()
        self.niceness = 0

    def cpu_seconds(self) -> float:
        """CPU time the worker has used (Linux /proc; 0 where it cannot be read)."""
        try:
            with open(f"/proc/{self.process.pid}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / _TICKS
        except (OSError, IndexError, ValueError):
            return 0.0

    def nice(self, level: int) -> None:
        """Set the worker's scheduling priority (lowering it again may not be allowed: then it stays)."""
        if self.niceness == level or self.process.pid is None or self.process.exitcode is not None:
            return
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid, level)
            self.niceness = level
        except OSError:
            pass

    def stop(self) -> None:
        """Kill the worker at once; it is reaped in the background. Its priority goes back up
        first (where allowed): a process at nice 19 on a busy machine takes seconds to free its
        memory, and its replacement should not wait for that."""
        self.nice(0)
        self.process.kill()
        self.conn.close()
        threading.Thread(target=self.process.join, args=(60,), daemon=True).start()


def memory_per_worker(workers: int, *, cap: int = 4 << 30, share: float = 0.5) -> int:
    """Each query worker's memory cap: at most ``cap``, and all of them together at most
    ``share`` of this machine's memory, so a pool of runaways cannot exhaust it."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return cap
    return max(256 << 20, min(cap, int(total * share) // max(1, workers)))


class Busy:
    """Counters with a ceiling, shared by the request threads: queries per client, queries
    past the quick lane, bytes of answers held for clients still reading them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.used: dict[str, int] = {}

    def take(self, key: str, amount: int, ceiling: int) -> bool:
        with self.lock:
            if self.used.get(key, 0) + amount > ceiling:
                return False
            self.used[key] = self.used.get(key, 0) + amount
            return True

    def give(self, key: str, amount: int) -> None:
        with self.lock:
            left = self.used.get(key, 0) - amount
            if left > 0:
                self.used[key] = left
            else:
                self.used.pop(key, None)


# A first guess at a query's cost, from its text: short, and no triple pattern of three
# variables (a scan of every triple, the start of every cartesian product) nor a path closure
# before a variable ("ng:p* ?x"). Only which lane it waits in depends on the guess: a query of
# the quick lane that turns out slow is stopped there (see Endpoint).
_QUICK_CHARS = 2000
_SCAN = re.compile(r"\?\w+\s+\?\w+\s+\?\w+")
_CLOSURE = re.compile(r"[\w>)]\s*[*+]\s*[?$]")
_LITERALS = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")


def looks_quick(sparql: str) -> bool:
    """Whether a query looks cheap enough for the quick lane.

    >>> looks_quick("ASK {}"), looks_quick("SELECT ?n { ?p a ng:Person ; rdfs:label ?n } LIMIT 5")
    (True, True)
    >>> looks_quick("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }"), looks_quick("SELECT * { ?a ng:p+ ?b }")
    (False, False)
    """
    if len(sparql) > _QUICK_CHARS:
        return False
    text = _LITERALS.sub(" <x> ", sparql)
    return not _SCAN.search(text) and not _CLOSURE.search(text)


class _Idle:
    """Idle workers by lane: a query that looks quick takes a general worker if one is free,
    else a quick-lane one; any other query waits for a general worker."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.lanes: dict[str, collections.deque[_Worker]] = {
            "general": collections.deque(),
            "quick": collections.deque(),
        }

    def put(self, worker: _Worker) -> None:
        with self.cond:
            self.lanes[worker.lane].append(worker)
            self.cond.notify_all()

    def get(self, *, quick: bool, timeout: float) -> _Worker | None:
        lanes = ("general", "quick") if quick else ("general",)
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for lane in lanes:
                    if self.lanes[lane]:
                        return self.lanes[lane].popleft()
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)


class Endpoint:
    """A pool of query workers in two lanes. The quick lane (half of ``workers``) only
    takes queries that look cheap (:func:`looks_quick`), and stops one that has used
    SLOW_AFTER seconds of CPU; the general lane takes every query, and one that runs past
    SLOW_AFTER yields the CPU (nice 19) until its timeout. So runaways, however many, fill at
    most the general lane, and a quick query always finds a worker within a moment. A query
    that overruns its time has its worker killed and replaced."""

    def __init__(
        self,
        source: str | Path,
        *,
        timeout: float,
        max_results: int,
        max_bytes: int = 64 << 20,
        workers: int = 8,
        max_memory: int | None = None,
        allow_service: bool = False,
        per_client: int = 4,
        max_buffered: int = 256 << 20,
    ) -> None:
        from newsgraph.graph.source import open_store

        open_store(source)  # fail now, with the source's name, if it cannot be read
        self.source = str(source)
        self.timeout = timeout
        quick = max(1, workers // 2) if workers > 1 else 0
        self.per_client = per_client
        self.max_buffered = max_buffered
        self.busy = Busy()
        self.limits = {
            "max_results": max_results,
            "max_bytes": max_bytes,
            "max_memory": max_memory if max_memory is not None else memory_per_worker(workers),
            "allow_service": allow_service,
        }
        # forkserver: workers (and their replacements) are forked from a small process that
        # never ran this server's threads, so no lock a thread held is copied into them
        self.ctx = mp.get_context("forkserver")
        # the fork server imports the query code once, so a replacement worker starts in
        # milliseconds instead of importing rdflib and pyoxigraph again
        self.ctx.set_forkserver_preload(
            [
                "newsgraph.output.serve",
                "newsgraph.graph.query",
                "newsgraph.graph.source",
                "newsgraph.graph.guard",
                "newsgraph.output.warm",  # rdflib's SPARQL grammar, built and used once
            ]
        )
        self.idle = _Idle()
        self.all: set[_Worker] = set()
        self.lock = threading.Lock()
        lanes = ["quick"] * quick + ["general"] * (workers - quick)
        for worker in [self._start(lane) for lane in lanes]:
            self._ready(worker)  # the server answers as soon as it is made

    def _start(self, lane: str) -> _Worker:
        worker = _Worker(self.ctx, self.source, self.limits, lane)
        with self.lock:
            self.all.add(worker)
        return worker

    def _ready(self, worker: _Worker) -> None:
        """Hand ``worker`` queries once it says it is ready (its store open, its parser warm),
        so a quick query never waits for a replacement to start."""
        try:
            if worker.conn.poll(WORKER_START) and worker.conn.recv() == "ready":
                self.idle.put(worker)
                return
        except (EOFError, OSError):
            pass
        with self.lock:
            self.all.discard(worker)
        worker.stop()

    def _spawn(self, lane: str) -> None:
        """Start a replacement worker; it joins the idle ones when it is ready."""
        worker = self._start(lane)
        threading.Thread(target=self._ready, args=(worker,), daemon=True).start()

    def answer(self, sparql: str, accept: str, client: str = "") -> tuple[HTTPStatus, str, bytes]:
        """Run one query for ``client`` (its address): (status, media type, body).

        Raises:
            QueryError: the client has too many queries running, every worker is busy, the
                answer cannot be held, or the query overran its time or its lane.
        """
        if not self.busy.take(f"client {client}", 1, self.per_client):
            raise QueryError(
                HTTPStatus.TOO_MANY_REQUESTS, f"more than {self.per_client} queries at once from {client}; wait for one"
            )
        try:
            return self._answer(sparql, accept)
        finally:
            self.busy.give(f"client {client}", 1)

    def _answer(self, sparql: str, accept: str) -> tuple[HTTPStatus, str, bytes]:
        worker = self.idle.get(quick=looks_quick(sparql), timeout=self.timeout)
        if worker is None:
            raise QueryError(HTTPStatus.SERVICE_UNAVAILABLE, "every query worker is busy; try again")
        try:
            began, cpu = time.monotonic(), worker.cpu_seconds()
            worker.conn.send((sparql, accept))
            # a query that has not yet used SLOW_AFTER / 2 of CPU is a quick one waiting for
            # a core (the machine is busy), not a slow one
            while not worker.conn.poll(min(self.timeout, SLOW_AFTER)):
                if worker.cpu_seconds() - cpu >= SLOW_AFTER / 2 or time.monotonic() - began >= self.timeout:
                    break
            else:
                return self._receive(worker)
            if worker.lane == "quick":
                self._replace(worker)
                raise QueryError(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    "the query was slower than its shape suggested, and the server is busy with long queries; "
                    "it was stopped; try again later",
                )
            # a long query yields the CPU to quick ones: the long ones are the likely runaways
            worker.nice(19)
            if worker.conn.poll(max(0.0, self.timeout - (time.monotonic() - began))):
                return self._receive(worker)
        except (EOFError, OSError):  # the worker died (a crash in native code): replace it
            self._replace(worker)
            raise QueryError(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died; it was replaced") from None
        self._replace(worker)
        raise QueryError(HTTPStatus.SERVICE_UNAVAILABLE, f"query took longer than {self.timeout:g} s; it was stopped")

    def _receive(self, worker: _Worker) -> tuple[HTTPStatus, str, bytes]:
        """The worker's answer, if the server can hold it (see :meth:`release`)."""
        status, media, size = worker.conn.recv()
        if not self.busy.take("buffered", size, self.max_buffered):
            self._replace(worker)  # the body is still in the pipe: the worker goes with it
            raise QueryError(
                HTTPStatus.SERVICE_UNAVAILABLE, "the server is holding too many large answers; try again later"
            )
        body = worker.conn.recv_bytes()
        worker.nice(0)
        self.idle.put(worker)
        return status, media, body

    def release(self, body: bytes) -> None:
        """The answer ``body`` was sent (or the client left): its bytes are free again."""
        self.busy.give("buffered", len(body))

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self.lock:
            self.all.discard(worker)
        self._spawn(worker.lane)

    def close(self) -> None:
        with self.lock:
            workers, self.all = list(self.all), set()
        for worker in workers:
            worker.stop()


def _pick(accept: str, offered: list[str]) -> str:
    """The first offered type the Accept header allows, by q-value (a malformed range is ignored)."""
    wanted = []
    for part in (accept or "*/*").split(","):
        media, *params = [x.strip() for x in part.split(";")]
        try:
            q = next((float(p[2:]) for p in params if p.startswith("q=")), 1.0)
        except ValueError:
            continue
        if q > 0:
            wanted.append((q, media))
    for _, media in sorted(wanted, key=lambda x: -x[0]):
        for kind in offered:
            if media in (kind, "*/*", kind.split("/")[0] + "/*") or (media == "application/json" and kind == JSON):
                return kind
    raise QueryError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer as {accept[:200]}; offered: {', '.join(offered)}")


# What GET /sparql with no query answers (SPARQL 1.1 Service Description, in Turtle); the
# address is the server's own, never a request header's.
SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,
        formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:RDF_XML, formats:JSON-LD ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""


class Handler(BaseHTTPRequestHandler):
    """A request of the SPARQL protocol (``make_handler`` binds it to an endpoint)."""

    server_version = "newsgraph-sparql"
    timeout = READ_TIMEOUT  # a socket timeout: a client that stops sending is dropped
    endpoint: Endpoint
    log_to: Callable[[str], None]
    cors: str | None = None  # the origin whose pages may read answers (--cors)
    # answers to requests with no (or a broken) version get a status line too, not HTTP/0.9's bare body
    default_request_version = "HTTP/1.0"

    def log_message(self, fmt: str, *args: object) -> None:  # route http.server's log to ours
        self.log_to(f"{self.address_string()} {fmt % args}")

    def _cors_headers(self) -> None:
        """Let a browser page of the ``--cors`` origin read the answer (none by default)."""
        if self.cors and (self.cors == "*" or self.headers.get("Origin") == self.cors):
            self.send_header("Access-Control-Allow-Origin", self.cors)
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
            self.send_header("Access-Control-Max-Age", "600")

    def do_OPTIONS(self) -> None:  # http.server's naming
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", "GET, POST, OPTIONS")
        self._cors_headers()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _reply(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept, Origin")
        self._cors_headers()
        self.end_headers()
        # in pieces: each must be taken by the client within the socket's timeout, so a slow
        # reader that keeps reading gets the whole answer and one that stops is dropped
        view = memoryview(body)
        for start in range(0, len(body), _WRITE_PIECE):
            self.wfile.write(view[start : start + _WRITE_PIECE])

    def _text(self, status: HTTPStatus, message: str) -> None:
        self._reply(status, "text/plain", f"{message}\n".encode())

    def _handle(self, params: dict[str, list[str]], body_query: str | None) -> None:
        if "update" in params:
            self._text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._text(
                HTTPStatus.BAD_REQUEST,
                "default-graph-uri and named-graph-uri are not supported: queries run over the union of all graphs",
            )
            return
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        if len(queries) != 1:
            self._text(HTTPStatus.BAD_REQUEST, "give exactly one 'query'")
            return
        try:
            _pick(self.headers.get("Accept", "*/*"), [*TABLE_TYPES, *GRAPH_TYPES])
            status, kind, body = self.endpoint.answer(
                queries[0], self.headers.get("Accept", "*/*"), client=self.client_address[0]
            )
        except QueryError as err:
            self._text(err.status, str(err))
            return
        try:
            self._reply(status, kind, body)
        finally:
            self.endpoint.release(body)

    def do_GET(self) -> None:  # http.server's naming
        url = urlparse(self.path)
        if url.path not in ("/sparql", "/"):
            self._text(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
            return
        params = parse_qs(url.query)
        if url.path == "/" and "query" not in params:
            self._text(HTTPStatus.OK, "newsgraph SPARQL endpoint: GET or POST /sparql?query=...")
            return
        if not params:  # the endpoint's URL itself: its SPARQL 1.1 Service Description
            address = self.server.server_address
            assert isinstance(address, tuple)  # an IP socket: (host, port, ...)
            host, port = address[0], address[1]
            where = f"[{host}]" if ":" in str(host) else str(host)
            body = SERVICE_DESCRIPTION.format(endpoint=f"http://{where}:{port}/sparql").encode()
            self._reply(HTTPStatus.OK, "text/turtle", body)
            return
        self._handle(params, None)

    def do_POST(self) -> None:  # http.server's naming
        raw = self._body()
        if raw is None:
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if ctype == "application/sparql-update":
            self._text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        elif ctype == "application/sparql-query":
            self._handle(parse_qs(urlparse(self.path).query), raw)
        elif ctype == "application/x-www-form-urlencoded":
            self._handle(parse_qs(raw), None)
        else:
            self._text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "POST application/sparql-query or a form with 'query'")

    def _body(self) -> str | None:
        """The POST body, or None after answering a bad or missing Content-Length."""
        given = self.headers.get("Content-Length")
        if given is None:
            self._text(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
            return None
        try:
            length = int(given)
        except ValueError:
            length = -1
        if length < 0:
            self._text(HTTPStatus.BAD_REQUEST, f"Content-Length {given[:40]!r} is not a length")
            return None
        if length > MAX_BODY:
            self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a body of at most {MAX_BODY:,} bytes is accepted")
            return None
        return self.rfile.read(length).decode("utf-8", "replace")


def make_handler(
    endpoint: Endpoint, log: Callable[[str], None], *, read_timeout: float = READ_TIMEOUT, cors: str | None = None
) -> type[Handler]:
    """The request handler class bound to ``endpoint``."""
    bound = {"endpoint": endpoint, "log_to": staticmethod(log), "timeout": read_timeout, "cors": cors}
    return type("BoundHandler", (Handler,), bound)


_BUSY_REPLY = (
    b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\n"
    b"Connection: close\r\nContent-Length: 48\r\n\r\ntoo many connections at once; try again shortly\n"
)


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; closing it stops the query workers too. At most ``max_connections``
    connections are served at once (a thread each); one more gets a 503 and is closed."""

    daemon_threads = True
    # socketserver's default backlog of 5 drops connections under a burst, and a dropped SYN is
    # retried only after a second
    request_queue_size = 128
    endpoint: Endpoint
    max_connections = 64

    def __init__(self, address: tuple[str, int], handler: type[Handler]) -> None:
        if ":" in address[0]:  # an IPv6 address such as ::1
            self.address_family = socket.AF_INET6
        self.connections = threading.BoundedSemaphore(self.max_connections)
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.connections.acquire(blocking=False):
            try:
                request.settimeout(1.0)
                request.sendall(_BUSY_REPLY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def server_close(self) -> None:
        super().server_close()
        self.endpoint.close()


def bind_warning(host: str) -> str | None:
    """A warning when the address lets other machines in.

    >>> bind_warning("127.0.0.1") is None, bind_warning("0.0.0.0")
    (True, 'warning: binding to 0.0.0.0 lets other machines query this endpoint (use 127.0.0.1 for this one only)')
    """
    if host.startswith(_LOOPBACK):
        return None
    return f"warning: binding to {host} lets other machines query this endpoint (use 127.0.0.1 for this one only)"


def make_server(
    source: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    max_results: int = 100_000,
    max_bytes: int = 64 << 20,
    workers: int = 8,
    allow_service: bool = False,
    read_timeout: float = READ_TIMEOUT,
    per_client: int = 4,
    max_connections: int = 64,
    max_buffered: int = 256 << 20,
    cors: str | None = None,
    log: Callable[[str], None] = print,
) -> SparqlServer:
    """The HTTP server with its workers started, bound but not yet serving (tests call
    serve_forever in a thread; server_close stops everything).

    Args:
        per_client: queries one client address may have running at once (more get 429).
        max_connections: connections served at once (more get 503 and are closed).
        max_buffered: bytes of answers held for clients still reading them (more: 503).
        cors: an origin (``https://example.org``, or ``*``) whose browser pages may query.
    """
    from newsgraph.graph.query import network_isolated

    warning = bind_warning(host)
    if warning:
        log(warning)
    if not allow_service and not network_isolated():
        log(
            "warning: query workers can reach the network (a network namespace of their own needs root); "
            "SERVICE is refused by the query check alone"
        )
    endpoint = Endpoint(
        source,
        timeout=timeout,
        max_results=max_results,
        max_bytes=max_bytes,
        workers=workers,
        allow_service=allow_service,
        per_client=per_client,
        max_buffered=max_buffered,
    )
    try:
        server_class = type("SparqlServerBound", (SparqlServer,), {"max_connections": max_connections})
        server = server_class((host, port), make_handler(endpoint, log, read_timeout=read_timeout, cors=cors))
    except OSError as err:
        endpoint.close()
        raise NewsgraphError(f"cannot listen on {host}:{port} ({err.strerror or err})") from err
    server.endpoint = endpoint
    return server


def serve_forever(server: ThreadingHTTPServer, *, log: Callable[[str], None] = print) -> None:
    """Serve until Ctrl-C, then close the socket and stop the workers."""
    bound_host, bound_port = server.server_address[:2]
    log(f"SPARQL endpoint on http://{bound_host!s}:{bound_port}/sparql (read-only; Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
