"""Checks on a SPARQL text before it reaches the parser: size, nesting, updates, SERVICE, FROM.

pyoxigraph's parser recurses: a few thousand nested parentheses crash the process (a stack
overflow in native code, not an exception), so the nesting is measured here first, by a scan
that skips strings, IRIs and comments. The same scan finds the keywords that the endpoint and
the command line refuse: an update, a SERVICE call (the query would make this machine send
requests anywhere) and a dataset clause (FROM would be silently ignored: every query runs over
the union of all graphs).
"""

from __future__ import annotations

import re

from newsgraph.extract.errors import GraphError

MAX_QUERY_CHARS = 100_000
MAX_NESTING = 256
_UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
_QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_OPENERS, _CLOSERS = "({[", ")}]"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")


class QueryRefused(GraphError):
    """A query refused before it runs; ``kind`` says why: size, nesting, update, service, dataset."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def scan(sparql: str) -> tuple[list[str], int]:
    """The bare words (upper-cased) and the deepest nesting of brackets, outside strings,
    IRIs and comments.

    >>> scan('PREFIX x: <http://e/#a> SELECT * { ?s ?p "SERVICE {" # SERVICE\\n FILTER((1)) }')
    (['PREFIX', 'X', 'SELECT', 'FILTER'], 3)
    """
    words: list[str] = []
    depth = deepest = 0
    i, n = 0, len(sparql)
    while i < n:
        ch = sparql[i]
        if ch == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch in "\"'":
            i = _string_end(sparql, i)
        elif ch == "<" and (m := _IRI.match(sparql, i)):
            i = m.end()
        elif ch in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
            i += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
            i += 1
        elif (m := _WORD.match(sparql, i)) and (i == 0 or not (sparql[i - 1].isalnum() or sparql[i - 1] in "?$:_")):
            words.append(m.group().upper())
            i = m.end()
        elif m:
            i = m.end()  # a variable's or prefixed name's part: not a keyword
        else:
            i += 1
    return words, deepest


def _string_end(text: str, i: int) -> int:
    """The index after the string literal that starts at ``i`` (long or short form)."""
    quote = text[i]
    long_quote = quote * 3
    if text.startswith(long_quote, i):
        j = i + 3
        while j < len(text):
            if text[j] == "\\":
                j += 2
            elif text.startswith(long_quote, j):
                return j + 3
            else:
                j += 1
        return len(text)
    j = i + 1
    while j < len(text) and text[j] not in (quote, "\n"):
        j += 2 if text[j] == "\\" else 1
    return j + 1


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Refuse what must not run: too long, too deeply nested, an update, SERVICE, FROM.

    Raises:
        QueryRefused: with the reason, naming the feature.

    >>> check_query("SELECT * { ?s ?p ?o } LIMIT 1")
    >>> try:
    ...     check_query("SELECT * { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")
    ... except QueryRefused as err:
    ...     print(err.kind)
    service
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryRefused("size", f"the query has {len(sparql):,} characters; at most {MAX_QUERY_CHARS:,} accepted")
    words, deepest = scan(sparql)
    if deepest > MAX_NESTING:
        raise QueryRefused("nesting", f"the query nests {deepest} levels deep; at most {MAX_NESTING} are accepted")
    first = next((w for w in words if w in _UPDATE_WORDS or w in _QUERY_FORMS), "")
    if first in _UPDATE_WORDS:
        raise QueryRefused("update", f"{first} is a SPARQL update; this graph is read-only: updates are refused")
    if "SERVICE" in words and not allow_service:
        raise QueryRefused(
            "service",
            "SERVICE (a federated query) is refused: it would make this machine send requests; "
            "serve or query with --allow-service to permit it",
        )
    if "FROM" in words:
        raise QueryRefused(
            "dataset",
            "FROM / FROM NAMED is not supported: every query runs over the union of all graphs; "
            "use GRAPH ?g { ... } to pick documents' graphs",
        )
