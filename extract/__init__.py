"""Text -> mentions, entities, facts (spaCy). Knows nothing of RDF.

The public functions are imported lazily, so that ``newsgraph.graph`` can use the plain
records and errors here without importing spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import GraphError, InputError, ModelError, NewsgraphError
from .records import Article, Claim, DocumentExtraction, Entity, Fact, Mention, Quote

if TYPE_CHECKING:  # pragma: no cover
    from .input.reader import Skipped, read_articles
    from .nlp import load as load_model
    from .pipeline import extract_articles, extract_doc

_LAZY = {
    "load_model": ("nlp", "load"),
    "extract_articles": ("pipeline", "extract_articles"),
    "extract_doc": ("pipeline", "extract_doc"),
    "read_articles": ("input.reader", "read_articles"),
    "Skipped": ("input.reader", "Skipped"),
}

__all__ = [
    "Article",
    "Claim",
    "DocumentExtraction",
    "Entity",
    "Fact",
    "GraphError",
    "InputError",
    "Mention",
    "ModelError",
    "NewsgraphError",
    "Quote",
    "Skipped",
    "extract_articles",
    "extract_doc",
    "load_model",
    "read_articles",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(name)
