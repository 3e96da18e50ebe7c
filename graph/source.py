"""One way to open any graph source: a store, an output folder or a graph file.

``open_store`` gives a pyoxigraph store (for SPARQL); ``open_dataset`` gives the same quads as
an rdflib Dataset (for the view, merging, SHACL). Files are parsed by pyoxigraph either way.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from newsgraph.extract.errors import GraphError

FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
}
_NAMES = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt"}
# In an output folder, the graph file read (graph.trig keeps the documents' named graphs).
OUTPUT_FILES = ("graph.trig", "graph.ttl", "graph.nq")


def graph_file(source: str | Path) -> Path:
    """A graph file, or the graph.trig (else graph.ttl) inside an output directory.

    Raises:
        GraphError: no such file or folder, no graph in the folder, or an unknown format.
    """
    path = Path(source)
    if path.is_dir():
        for name in OUTPUT_FILES:
            if (path / name).is_file():
                return path / name
        if (path / "records").is_dir() and (path / "lock").exists():
            raise GraphError(f"{path}: a store whose first build has not finished; try again when it has")
        raise GraphError(f"{path}: no graph.trig or graph.ttl in this directory")
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file or directory")
    if path.suffix.lower() not in FORMATS:
        raise GraphError(f"{path}: unknown graph format {path.suffix!r}; expected .trig, .nq, .ttl or .nt")
    return path


def open_store(source: str | Path) -> ox.Store:
    """A store directory opened read-only, or a graph file (or output folder) loaded into memory.

    Raises:
        GraphError: see :func:`graph_file`, or the file does not parse (named with the file).
    """
    from .store import GraphStore, is_store

    if is_store(source):
        return GraphStore(source).open_read()
    path = graph_file(source)
    store = ox.Store()
    suffix = path.suffix.lower()
    try:
        store.bulk_load(path=str(path), format=FORMATS[suffix])
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphError(f"{path}: not a readable {_NAMES[suffix]} graph ({err})") from err
    return store


def open_dataset(source: str | Path) -> Dataset:
    """Every quad of a graph source as an rdflib Dataset whose default graph is the union."""
    from .oxterms import dataset_from_ox

    return dataset_from_ox(open_store(source))
