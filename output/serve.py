"""A read-only SPARQL 1.1 Protocol endpoint over a store or a graph file (standard library
http.server; pyoxigraph answers the queries).

GET /sparql?query=..., POST form-encoded ``query=...`` or a body of type
application/sparql-query. Results by content negotiation: SPARQL JSON (default), CSV or TSV for
SELECT and ASK; Turtle (default) or N-Triples for CONSTRUCT and DESCRIBE. Updates are refused.
Every query has a time limit and a result-size limit.
"""
from __future__ import annotations

import concurrent.futures
import csv
import io
import json
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from newsgraph.extract.errors import NewsgraphError
from newsgraph.graph.query import load_store
from newsgraph.graph.store import GraphStore, is_store
from newsgraph.ontology import PREFIXES

JSON, CSV, TSV = "application/sparql-results+json", "text/csv", "text/tab-separated-values"
TURTLE, NTRIPLES = "text/turtle", "application/n-triples"


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
        return load_store(self.source)

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
        kind, names, items, too_many = self._collect(db, sparql)
        if too_many:
            what = "triples" if kind == "graph" else "results"
            raise QueryError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"more than {self.max_results} {what}; add a LIMIT")
        if kind == "boolean":
            media = _pick(accept, [JSON, CSV, TSV])
            if media == JSON:
                return media, json.dumps({"head": {}, "boolean": items}).encode()
            return media, (b"true\n" if items else b"false\n")
        if kind == "solutions":
            media = _pick(accept, [JSON, CSV, TSV])
            return media, _solutions(media, names, items)
        media = _pick(accept, [TURTLE, NTRIPLES])
        fmt = ox.RdfFormat.TURTLE if media == TURTLE else ox.RdfFormat.N_TRIPLES
        return media, ox.serialize(items, format=fmt, prefixes=PREFIXES if media == TURTLE else None)

    def _collect(self, db: ox.Store, sparql: str) -> tuple[str, list[str], object, bool]:
        """Run the query and copy its answer into plain lists.

        pyoxigraph's result iterators are bound to the thread that made them: they must be used up
        and dropped here, in the worker, and never ride out on an exception's traceback.
        """
        try:
            result = db.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as err:
            raise QueryError(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {err}") from None
        try:
            if isinstance(result, ox.QueryBoolean):
                return "boolean", [], bool(result), False
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                rows = []
                for sol in result:
                    if len(rows) == self.max_results:
                        return "solutions", names, [], True
                    rows.append([sol[n] for n in names])
                return "solutions", names, rows, False
            triples = []
            for t in result:
                if len(triples) == self.max_results:
                    return "graph", [], [], True
                triples.append(t)
            return "graph", [], triples, False
        finally:
            del result


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


def _json_term(t: object) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}  # type: ignore[attr-defined]
    if t.language:  # type: ignore[attr-defined]
        out["xml:lang"] = t.language  # type: ignore[attr-defined]
    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":  # type: ignore[attr-defined]
        out["datatype"] = t.datatype.value  # type: ignore[attr-defined]
    return out


def _solutions(kind: str, names: list[str], rows: list[list]) -> bytes:
    if kind == JSON:
        bindings = [{n: _json_term(v) for n, v in zip(names, row) if v is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    buf = io.StringIO()
    if kind == CSV:
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        w.writerows([["" if v is None else getattr(v, "value", str(v)) for v in row] for row in rows])
    else:
        buf.write("\t".join(f"?{n}" for n in names) + "\n")
        for row in rows:
            buf.write("\t".join("" if v is None else str(v) for v in row) + "\n")
    return buf.getvalue().encode()


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

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            url = urlparse(self.path)
            if url.path not in ("/sparql", "/"):
                self._reply(HTTPStatus.NOT_FOUND, "text/plain", b"the endpoint is /sparql\n")
                return
            params = parse_qs(url.query)
            if url.path == "/" and "query" not in params:
                self._reply(HTTPStatus.OK, "text/plain", b"newsgraph SPARQL endpoint: GET or POST /sparql?query=...\n")
                return
            self._handle(params, None)

        def do_POST(self) -> None:  # noqa: N802
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
                self._reply(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "text/plain",
                            b"POST application/sparql-query or a form with 'query'\n")

    return Handler


def make_server(source: str | Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                max_results: int = 100_000, log: Callable[[str], None] = print) -> ThreadingHTTPServer:
    """The HTTP server, bound but not yet serving (tests call serve_forever in a thread)."""
    endpoint = Endpoint(source, timeout=timeout, max_results=max_results)
    try:
        return ThreadingHTTPServer((host, port), make_handler(endpoint, log))
    except OSError as err:
        raise NewsgraphError(f"cannot listen on {host}:{port} ({err.strerror or err})") from err


def serve_forever(source: str | Path, **options: object) -> None:
    server = make_server(source, **options)  # type: ignore[arg-type]
    host, port = server.server_address[:2]
    log = options.get("log", print)
    log(f"SPARQL endpoint on http://{host}:{port}/sparql (read-only; Ctrl-C to stop)")  # type: ignore[operator]
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
