"""A read-only SPARQL 1.1 Protocol endpoint over a store or a graph file (standard library
http.server; pyoxigraph answers the queries).

GET /sparql?query=..., POST form-encoded ``query=...`` or a body of type
application/sparql-query. Results by content negotiation: SPARQL JSON (default), CSV or TSV for
SELECT and ASK; Turtle (default) or N-Triples for CONSTRUCT and DESCRIBE. Updates are refused.
Every query has a time limit and a result-size limit.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from newsgraph.extract.errors import NewsgraphError
from newsgraph.graph.query import QuerySyntaxError, run_query
from newsgraph.graph.source import open_store
from newsgraph.graph.store import GraphStore, is_store

from .results import GRAPH_TYPES, JSON, TABLE_TYPES, serialize


class QueryError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class Endpoint:
    """Answers queries; reopens a store when a writer has committed a new generation."""

    def __init__(self, source: str | Path, *, timeout: float, max_results: int) -> None:
        self.source = Path(source)
        self.timeout, self.max_results = timeout, max_results
        self.generation: Path | None = None
        self.db = self._open()
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=4)

    def _open(self) -> ox.Store:
        if is_store(self.source):
            self.generation = GraphStore(self.source).current()
        return open_store(self.source)

    def _fresh(self) -> ox.Store:
        if is_store(self.source) and GraphStore(self.source).current() != self.generation:
            self.db = self._open()
        return self.db

    def answer(self, sparql: str, accept: str) -> tuple[str, bytes]:
        db = self._fresh()
        future = self.pool.submit(self._run, db, sparql, accept)
        try:
            return future.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError as err:
            raise QueryError(HTTPStatus.SERVICE_UNAVAILABLE, f"query took longer than {self.timeout:g} s") from err

    def _run(self, db: ox.Store, sparql: str, accept: str) -> tuple[str, bytes]:
        try:
            result = run_query(db, sparql, max_results=self.max_results)
        except QuerySyntaxError as err:
            raise QueryError(HTTPStatus.BAD_REQUEST, str(err)) from None
        if result.truncated:
            what = "triples" if result.kind == "graph" else "results"
            raise QueryError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"more than {self.max_results} {what}; add a LIMIT")
        media = _pick(accept, list(GRAPH_TYPES if result.kind == "graph" else TABLE_TYPES))
        return media, serialize(result, media)


def _pick(accept: str, offered: list[str]) -> str:
    """The first offered type the Accept header allows (q-values are honoured as an order)."""
    wanted = []
    for part in (accept or "*/*").split(","):
        media, *params = [x.strip() for x in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=")), 1.0)
        wanted.append((q, media))
    for _, media in sorted(wanted, key=lambda x: -x[0]):
        for kind in offered:
            if media in (kind, "*/*", kind.split("/")[0] + "/*") or (media == "application/json" and kind == JSON):
                return kind
    raise QueryError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer as {accept}; offered: {', '.join(offered)}")


def make_handler(endpoint: Endpoint, log: Callable[[str], None]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "newsgraph-sparql"

        def log_message(self, fmt: str, *args: object) -> None:  # route http.server's log to ours
            log(f"{self.address_string()} {fmt % args}")

        def _reply(self, status: HTTPStatus, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept")
            self.end_headers()
            self.wfile.write(body)

        def _handle(self, params: dict[str, list[str]], body_query: str | None) -> None:
            if "update" in params:
                self._reply(HTTPStatus.FORBIDDEN, "text/plain", b"this endpoint is read-only: updates are refused\n")
                return
            queries = params.get("query", []) + ([body_query] if body_query is not None else [])
            if len(queries) != 1:
                self._reply(HTTPStatus.BAD_REQUEST, "text/plain", b"give exactly one 'query'\n")
                return
            try:
                kind, body = endpoint.answer(queries[0], self.headers.get("Accept", "*/*"))
            except QueryError as err:
                self._reply(err.status, "text/plain", f"{err}\n".encode())
                return
            self._reply(HTTPStatus.OK, kind, body)

        def do_GET(self) -> None:  # http.server's naming
            url = urlparse(self.path)
            if url.path not in ("/sparql", "/"):
                self._reply(HTTPStatus.NOT_FOUND, "text/plain", b"the endpoint is /sparql\n")
                return
            params = parse_qs(url.query)
            if url.path == "/" and "query" not in params:
                self._reply(HTTPStatus.OK, "text/plain", b"newsgraph SPARQL endpoint: GET or POST /sparql?query=...\n")
                return
            self._handle(params, None)

        def do_POST(self) -> None:  # http.server's naming
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8", "replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if ctype == "application/sparql-update":
                self._reply(HTTPStatus.FORBIDDEN, "text/plain", b"this endpoint is read-only: updates are refused\n")
            elif ctype == "application/sparql-query":
                self._handle(parse_qs(urlparse(self.path).query), raw)
            elif ctype == "application/x-www-form-urlencoded":
                self._handle(parse_qs(raw), None)
            else:
                self._reply(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    "text/plain",
                    b"POST application/sparql-query or a form with 'query'\n",
                )

    return Handler


def make_server(
    source: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    max_results: int = 100_000,
    log: Callable[[str], None] = print,
) -> ThreadingHTTPServer:
    """The HTTP server, bound but not yet serving (tests call serve_forever in a thread)."""
    endpoint = Endpoint(source, timeout=timeout, max_results=max_results)
    try:
        return ThreadingHTTPServer((host, port), make_handler(endpoint, log))
    except OSError as err:
        raise NewsgraphError(f"cannot listen on {host}:{port} ({err.strerror or err})") from err


def serve_forever(server: ThreadingHTTPServer, *, log: Callable[[str], None] = print) -> None:
    """Serve until Ctrl-C, then close the socket."""
    bound_host, bound_port = server.server_address[:2]
    log(f"SPARQL endpoint on http://{bound_host!s}:{bound_port}/sparql (read-only; Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
