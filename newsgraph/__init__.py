"""newsgraph: news articles in, a knowledge graph of who said what, who leads and who belongs out.

The import package's subpackages live in the repository's top folders (``extract``, ``graph``,
``ontology``, ``output``); this file only gives them one front door, the Python API:

>>> import newsgraph
>>> newsgraph.__version__.count(".") >= 1
True
>>> kg = newsgraph.build("Tory leader Michael Howard said: “The plan is desperate.”")
>>> kg.rows("SELECT ?title WHERE { ?p rdfs:label 'Michael Howard' ; ng:holdsPosition/ng:title ?title }")
[{'title': 'leader'}]
>>> import tempfile
>>> out = tempfile.mkdtemp()
>>> _ = kg.write(out)
>>> len(newsgraph.open(out)) == len(kg)
True
>>> g = newsgraph.to_networkx(kg)
>>> g.nodes["https://w3id.org/newsgraph/id/entity/michael-howard"]["class"]
'Person'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from newsgraph.output.api import KnowledgeGraph, build, open, to_networkx

__all__ = ["KnowledgeGraph", "__version__", "build", "open", "to_networkx"]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:  # a checkout that is not installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    # Lazily: importing newsgraph.extract must not load rdflib (nor newsgraph.graph spaCy).
    if name == "__version__":
        return _version()
    if name in __all__:
        from newsgraph.output import api

        return getattr(api, name)
    raise AttributeError(name)
