"""SPARQL over any graph source (``source.open_store``), with pyoxigraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from newsgraph.extract.errors import GraphError
from newsgraph.ontology import PREFIXES

from .guard import check_query

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


def run_query(store: ox.Store, sparql: str, *, max_results: int | None = None, allow_service: bool = False) -> Result:
    """Run a SPARQL query over every graph of the store (the default graph is their union).

    The query is checked first (``guard.check_query``: size, nesting, updates, SERVICE, FROM).
    The answer is read to the end here (pyoxigraph's iterators are bound to the thread that made
    them), up to ``max_results`` rows or triples.

    Raises:
        QueryRefused: the query may not run.
        QuerySyntaxError: the query does not parse ("line 3, column 7: ...").
    """
    check_query(sparql, allow_service=allow_service)
    try:
        answer = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QuerySyntaxError(f"SPARQL syntax error: {err}") from err
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


def _result(answer: Any, items: list, *, truncated: bool) -> Result:
    if isinstance(answer, ox.QuerySolutions):
        names = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(sol[n] for n in names) for sol in items)
        return Result("solutions", variables=names, rows=rows, truncated=truncated)
    return Result("graph", triples=tuple(items), truncated=truncated)
