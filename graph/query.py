"""SPARQL over a graph file (or a directory holding graph.trig), with pyoxigraph."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from newsgraph.extract.errors import GraphError
from newsgraph.ontology import PREFIXES

_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
            ".nt": ox.RdfFormat.N_TRIPLES}


class QuerySyntaxError(GraphError):
    """The SPARQL text does not parse; the message has the line and column."""


@dataclass(frozen=True, slots=True)
class Result:
    """A SELECT table, an ASK answer, or the triples of a CONSTRUCT/DESCRIBE."""

    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[str, str, str], ...] = ()


def graph_file(source: str | Path) -> Path:
    """A graph file, or the graph.trig (else graph.ttl) inside an output directory."""
    path = Path(source)
    if path.is_dir():
        for name in ("graph.trig", "graph.ttl", "graph.nq"):
            if (path / name).is_file():
                return path / name
        raise GraphError(f"{path}: no graph.trig or graph.ttl in this directory")
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file or directory")
    if path.suffix.lower() not in _FORMATS:
        raise GraphError(f"{path}: unknown graph format {path.suffix!r}; expected .trig, .nq, .ttl or .nt")
    return path


def load_store(source: str | Path) -> ox.Store:
    """A store directory opened read-only, or a graph file loaded into memory."""
    from .store import GraphStore, is_store

    if is_store(source):
        return GraphStore(source).open_read()
    path = graph_file(source)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=_FORMATS[path.suffix.lower()])
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphError(f"{path}: not a readable graph ({err})") from err
    return store


def _term(t: object) -> str | None:
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


def run_query(store: ox.Store, sparql: str) -> Result:
    """Run a SPARQL query over every graph of the store (the default graph is their union).

    Raises:
        QuerySyntaxError: the query does not parse ("line 3, column 7: ...").
    """
    try:
        answer = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QuerySyntaxError(f"SPARQL syntax error: {err}") from err
    if isinstance(answer, ox.QueryBoolean):
        return Result(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        cols = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(_term(sol[c]) for c in cols) for sol in answer)
        return Result(columns=cols, rows=rows)
    return Result(triples=tuple((_term(t.subject), _term(t.predicate), _term(t.object)) for t in answer))  # type: ignore[misc]


def to_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON (simplified: every value as a literal or IRI string)."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean})
    if result.triples:
        return json.dumps([list(t) for t in result.triples], ensure_ascii=False)
    bindings = []
    for row in result.rows:
        b = {}
        for col, val in zip(result.columns, row):
            if val is not None:
                kind = "uri" if val.startswith(("http://", "https://", "urn:")) else "literal"
                b[col] = {"type": kind, "value": val}
        bindings.append(b)
    return json.dumps({"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)
