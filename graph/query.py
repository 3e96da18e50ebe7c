"""SPARQL over any graph source (``source.open_store``), with pyoxigraph."""

from __future__ import annotations

import ctypes
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from newsgraph.extract.errors import GraphError
from newsgraph.ontology import PREFIXES

from .guard import QueryRefused, canonical, check_query
from .sparql_errors import explain_oxigraph

# The stack of the thread queries run on. pyoxigraph's parser and evaluator recurse once per
# level of the query; on this stack 50,000 levels (a query of MAX_QUERY_CHARS of brackets,
# '!' or '1+') parse and run, where the 8 MB of a main thread crash at about 7,000. Only the
# pages touched are ever in memory.
QUERY_STACK = 512 << 20
_CLONE_NEWNET = 0x40000000

# A term of an answer: pyoxigraph's NamedNode, BlankNode, Literal (or Triple); None when unbound.
Term = Any


class QuerySyntaxError(GraphError):
    """The SPARQL text does not parse; the message has the line and column."""


@dataclass(frozen=True, slots=True)
class Result:
    """A SELECT table, an ASK answer, or the triples of a CONSTRUCT/DESCRIBE, as pyoxigraph
    terms (datatypes and language tags kept), copied out of the query's iterator.

    ``truncated`` says the answer had more than the ``max_results`` asked for.
    """

    kind: str  # "solutions", "boolean" or "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = field(default=())
    truncated: bool = False

    def table(self) -> tuple[tuple[str, ...], tuple[tuple[Term, ...], ...]]:
        """Column names and rows; the triples of a graph answer as subject, predicate, object."""
        if self.kind == "graph":
            return ("subject", "predicate", "object"), tuple((t.subject, t.predicate, t.object) for t in self.triples)
        return self.variables, self.rows


def isolate_network() -> bool:
    """Move the calling thread (and the threads it starts later) into a network namespace of
    its own, with no interface up: nothing it runs can reach another host or port. Needs root
    (CAP_SYS_ADMIN) on Linux; False where that is not allowed.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(_CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


class _QueryThread:
    """One long-lived thread with a large stack that runs every query of this process, so no
    query can overflow a stack; ``isolated`` threads first leave the network (see
    :func:`isolate_network`). Queries of one process run one at a time."""

    def __init__(self, *, isolated: bool) -> None:
        self.jobs: queue.Queue[tuple[Callable[[], Any], queue.Queue]] = queue.Queue()
        self.isolated: bool | None = None
        self.ready = threading.Event()
        old = threading.stack_size(QUERY_STACK)
        try:
            threading.Thread(target=self._loop, args=(isolated,), daemon=True, name="newsgraph-query").start()
        finally:
            threading.stack_size(old)
        self.ready.wait()

    def _loop(self, isolated: bool) -> None:
        self.isolated = isolate_network() if isolated else False
        self.ready.set()
        while True:
            job, reply = self.jobs.get()
            try:
                reply.put((True, job()))
            except BaseException as err:  # handed back to the caller's thread, raised there
                reply.put((False, err))

    def run(self, job: Callable[[], Any]) -> Any:
        reply: queue.Queue = queue.Queue(maxsize=1)
        self.jobs.put((job, reply))
        ok, value = reply.get()
        if not ok:
            raise value
        return value


_THREADS: dict[bool, _QueryThread] = {}
_THREADS_LOCK = threading.Lock()


def query_thread(*, isolated: bool = True) -> _QueryThread:
    with _THREADS_LOCK:
        if isolated not in _THREADS:
            _THREADS[isolated] = _QueryThread(isolated=isolated)
        return _THREADS[isolated]


def network_isolated() -> bool:
    """Whether queries of this process run without a network (a namespace of their own)."""
    return bool(query_thread(isolated=True).isolated)


def run_query(store: ox.Store, sparql: str, *, max_results: int | None = None, allow_service: bool = False) -> Result:
    """Run a SPARQL query over every graph of the store (the default graph is their union).

    The query is checked first, on its parse (``guard.check_query``: size, nesting, updates,
    SERVICE, FROM), then run on the query thread: a large stack, and no network unless
    ``allow_service``. The answer is read to the end there (pyoxigraph's iterators are bound
    to the thread that made them), up to ``max_results`` rows or triples.

    Raises:
        QueryRefused: the query may not run.
        QuerySyntaxError: the query does not parse ("line 3, column 7: ...").
    """
    thread = query_thread(isolated=not allow_service)
    offline = bool(thread.isolated)
    return thread.run(lambda: _run(store, sparql, max_results, allow_service=allow_service, offline=offline))


def _run(store: ox.Store, sparql: str, max_results: int | None, *, allow_service: bool, offline: bool) -> Result:
    try:
        text = check_query(sparql, allow_service=allow_service)
    except QueryRefused as err:
        if err.kind == "syntax" and offline:
            _oxigraph_syntax(canonical(sparql))
        raise
    try:
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QuerySyntaxError(explain_oxigraph(text, str(err))) from err
    try:
        if isinstance(answer, ox.QueryBoolean):
            return Result("boolean", boolean=bool(answer))
        items: list = []
        for item in answer:
            if max_results is not None and len(items) == max_results:
                return _result(answer, items, truncated=True)
            items.append(item)
        return _result(answer, items, truncated=False)
    except (ValueError, OSError, RuntimeError) as err:  # raised by pyoxigraph while evaluating
        raise GraphError(f"the query failed: {err}") from err
    finally:
        del answer


def _oxigraph_syntax(text: str) -> None:
    """pyoxigraph's own message for a query that does not parse (it names the line, the column
    and what was expected more precisely than rdflib). Only on a thread with no network, over an
    empty store: a text pyoxigraph reads but the check could not is never run on the data."""
    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as err:
        raise QuerySyntaxError(explain_oxigraph(text, str(err))) from None
    except (ValueError, OSError, RuntimeError):
        pass


def _result(answer: Any, items: list, *, truncated: bool) -> Result:
    if isinstance(answer, ox.QuerySolutions):
        names = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(sol[n] for n in names) for sol in items)
        return Result("solutions", variables=names, rows=rows, truncated=truncated)
    return Result("graph", triples=tuple(items), truncated=truncated)
