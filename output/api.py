"""The Python API: build a graph from texts and files, or open one, and query it.

>>> import newsgraph
>>> kg = newsgraph.build(["Helena Marsh, the general secretary of the Coastal Transport Union, "
...                       "said: “We will strike on Monday.”"])
>>> kg.rows("SELECT ?name ?words WHERE { ?who ng:said ?q ; rdfs:label ?name . ?q ng:text ?words }")
[{'name': 'Helena Marsh', 'words': 'We will strike on Monday.'}]
>>> kg.report.quotes, kg.report.attributed_quotes
(1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset

from newsgraph.extract.errors import GraphError, NewsgraphError
from newsgraph.extract.records import Article
from newsgraph.graph.query import Result, run_query

from .build import Report

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["KnowledgeGraph", "build", "open", "to_networkx"]


class KnowledgeGraph:
    """A newsgraph graph in memory (or a store on disk), queried as the CLI queries it: the
    default graph is the union of the entity graph and every document's graph.

    Attributes:
        store: the pyoxigraph store holding the quads.
        report: what the build read and found (None for a graph that was opened).
    """

    def __init__(self, store: ox.Store, report: Report | None = None) -> None:
        self.store = store
        self.report = report

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql: str, *, allow_service: bool = False) -> Result:
        """Run SPARQL (prefixes ng:, ngr:, rdfs:, skos:, prov:, ... predefined); terms keep
        their datatypes and languages.

        Raises:
            QueryRefused: an update, a SERVICE call (unless ``allow_service``), FROM, or a
                query too long or too deeply nested.
            QuerySyntaxError: the query does not parse.
        """
        return run_query(self.store, sparql, allow_service=allow_service)

    def rows(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT's rows as plain strings (IRIs and literal values), unbound columns left out
        (a CONSTRUCT or DESCRIBE gives subject, predicate, object).

        Raises:
            GraphError: an ASK query, which has no rows (use ``query(...).boolean``).
        """
        result = self.query(sparql)
        if result.kind == "boolean":
            raise GraphError("an ASK query has no rows: use kg.query(...).boolean for its answer")
        names, rows = result.table()
        return [{n: v.value for n, v in zip(names, row, strict=True) if v is not None} for row in rows]

    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset (default graph: the union)."""
        from newsgraph.graph.oxterms import dataset_from_ox

        return dataset_from_ox(self.store)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The entities and their relations as a networkx MultiDiGraph (what ``export --format
        graphml`` writes): nodes keyed by entity IRI with ``class``, ``label``, ``mentions``,
        ``quotes`` and ``titles``; edges keyed by relation, with ``confidence`` and ``documents``."""
        from .exports import entity_network

        return entity_network(self.store)

    def write(self, out: str | Path, *, validate: bool | None = None) -> Report:
        """Write graph.ttl, graph.trig, graph.html and report.json into the folder ``out``."""
        from .build import check_output_place, summarise, write_outputs

        check_output_place(out)
        ds = self.dataset()
        report = self.report or Report()
        summarise(ds, report)
        write_outputs(ds, Path(out), report, validate=validate)
        return report


def build(
    sources: str | Path | Iterable[str | Path],
    *,
    model: str | None = None,
    aliases: str | Path | None = None,
    workers: int = 1,
    article_seconds: float = 60.0,
    scheduler: str | None = None,
) -> KnowledgeGraph:
    """The graph of some articles: a ``str`` is an article's text, a ``Path`` a file or folder
    (.txt, .md, .html, .jsonl); one of them alone, or a list of them. An article that takes
    longer than ``article_seconds`` to parse and extract is left out (``report.skipped`` says
    so), in any thread. ``scheduler`` parses on a Dask cluster: a scheduler's address, or
    ``"local:N"`` (N worker processes on 127.0.0.1; they start by importing the caller's main
    module, so a script calls this under ``if __name__ == "__main__":``).

    Raises:
        NewsgraphError: the model or alias file cannot be loaded, or no article could be read.
    """
    from newsgraph.extract.input.reader import article_from_text
    from newsgraph.graph.oxterms import iter_ox_quads

    from .build import build_graph

    items: list[str | Path | Article] = []
    if isinstance(sources, str | Path):  # one article or one path, not its characters
        sources = [sources]
    for number, source in enumerate(sources, 1):
        if isinstance(source, str):
            items.append(article_from_text(source, f"text-{number}"))
        elif isinstance(source, Path):
            items.append(source)
        else:
            raise NewsgraphError(f"source {number}: expected a str (text) or a Path, not {type(source).__name__}")
    view, report = build_graph(
        items, model=model, aliases=aliases, workers=workers, article_seconds=article_seconds, scheduler=scheduler
    )
    store = ox.Store()
    store.bulk_extend(iter_ox_quads(view.quad_list))
    return KnowledgeGraph(store, report)


def open(source: str | Path) -> KnowledgeGraph:
    """An existing graph: a store (built with ``--into``), an output folder or a graph file.

    Raises:
        GraphError: no such graph, or it does not parse.
    """
    from newsgraph.graph.source import open_store

    return KnowledgeGraph(open_store(source))


def to_networkx(source: KnowledgeGraph | str | Path) -> nx.MultiDiGraph:
    """A graph (built, or a store, output folder or graph file) as a networkx MultiDiGraph of
    its entities and their relations (see ``KnowledgeGraph.to_networkx``).

    Raises:
        GraphError: no such graph, or it does not parse.
    """
    kg = source if isinstance(source, KnowledgeGraph) else open(source)
    return kg.to_networkx()
