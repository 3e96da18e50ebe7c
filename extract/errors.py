"""The one error hierarchy of newsgraph (no third-party imports, so every layer can use it)."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: a problem the user can act on; the CLI prints it as one line."""


class InputError(NewsgraphError):
    """An input file or line that cannot be read as an article."""


class ModelError(NewsgraphError):
    """The spaCy pipeline named in the settings cannot be loaded."""


class GraphError(NewsgraphError):
    """A graph file that cannot be read, merged or written."""
