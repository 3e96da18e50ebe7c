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


# Characters that would act on a terminal or hide text instead of being shown: C0 and C1
# controls, DEL, and the bidirectional overrides (which reorder what follows on screen).
_UNSHOWABLE = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))} | {
    c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control and bidi character written as an escape (``\\x1b``), so data
    in a message (a file name, an id, a value) is shown as it is and never acts on the terminal.

    Args:
        newlines: keep line breaks (for a multi-line report); else they are escaped too.

    >>> printable("a\\x1b[31mred\\nx")
    'a\\\\x1b[31mred\\\\x0ax'
    """
    table = dict(_UNSHOWABLE)
    if newlines:
        del table[0x0A]
    return text.translate(table)
