"""Checks on a SPARQL query before it runs, decided on the parsed query, never on a scan of its
text: size, nesting, updates, SERVICE and dataset clauses.

A scan of the text can be read one way by the check and another by the parser (an escaped
quote in a prefixed name, a keyword glued to a number, a comment ended by a carriage return):
every such difference let a SERVICE call or a crashing query through. So:

- The text is made *canonical* first, once, here: SPARQL's ``\\uXXXX`` / ``\\UXXXXXXXX``
  escapes, which the specification applies to the whole query before parsing, are expanded,
  and line ends become ``\\n``. The canonical text holds no escape a parser could expand again,
  and it is the text both the check and pyoxigraph read.
- rdflib's parser, a transcription of the SPARQL 1.1 grammar, parses it (on a thread with a
  large stack; a query nested deeper than that parser's recursion allows is refused). The
  parse tree is walked for SERVICE, FROM and the depth the evaluator will recurse to: nested
  operators count one level each, and so does each link of a chain that pyoxigraph builds
  left-deep (``1+1+...``, ``{} UNION {} ...``, ``OPTIONAL{} OPTIONAL{} ...``, path ``|``/``/``).
- A text rdflib cannot parse is refused: it either is not SPARQL 1.1 or could not be checked.

The second wall is in ``graph.query``: pyoxigraph runs on a thread with a stack large enough
for any query of MAX_QUERY_CHARS, and without a network where the platform allows it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from newsgraph.extract.errors import GraphError

MAX_QUERY_CHARS = 100_000
MAX_DEPTH = 1_000  # parse-tree levels (an expression in brackets is about six)
# rdflib's parser takes about 0.7 ms per operator of a chain: a text with more operators than
# this (outside IRIs and strings) is refused before it is parsed. A cost bound only: a query
# under it is still refused if its parse is too deep, and the count can only refuse more.
MAX_OPERATORS = 3_000
_NOT_OPERATORS = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|[\w\s?$:.,;]+")
_OPERATOR_WORDS = re.compile(r"(?i)\b(?:UNION|OPTIONAL|MINUS|BIND|FILTER|VALUES|GRAPH|EXISTS|SELECT)\b")
# rdflib's parser recurses about 25 Python frames per bracket; this lets it read a query nested
# far deeper than MAX_DEPTH allows, on the query thread's large stack (graph.query)
PARSER_RECURSION = 60_000
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LEFT_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")


class QueryRefused(GraphError):
    """A query refused before it runs; ``kind`` says why: size, nesting, update, service,
    dataset or syntax."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def canonical(sparql: str) -> str:
    """The query text with SPARQL's codepoint escapes expanded and line ends made ``\\n``.

    Raises:
        QueryRefused: an escape names no character, or the expanded text holds another escape.

    >>> canonical("SELECT * { ?s ?p '\\\\u0041' }\\r\\n")
    "SELECT * { ?s ?p 'A' }\\n"
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryRefused("size", f"the query has {len(sparql):,} characters; at most {MAX_QUERY_CHARS:,} accepted")
    try:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
        text.encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        raise QueryRefused("syntax", "the query has a \\u escape that names no character") from None
    if _LEFT_ESCAPE.search(text):
        raise QueryRefused("syntax", "the query has a \\u escape that spells another escape; write the character")
    return text.replace("\r\n", "\n").replace("\r", "\n")


@contextmanager
def _recursion(limit: int) -> Iterator[None]:
    # The limit is the interpreter's, not the thread's: raised only while the parser runs.
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def _parse(text: str) -> Any:
    """rdflib's parse tree of a query, or QueryRefused naming what is wrong."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        with _recursion(PARSER_RECURSION):
            return parseQuery(text)
    except RecursionError:
        too_deep = "the query is nested too deeply to be read; at most a few hundred levels"
        raise QueryRefused("nesting", too_deep) from None
    except ParseBaseException as err:
        try:
            with _recursion(PARSER_RECURSION):
                update = parseUpdate(text)
        except (ParseBaseException, RecursionError):
            update = None
        if update is not None:
            read_only = "this is a SPARQL update; the graph is read-only: updates are refused"
            raise QueryRefused("update", read_only) from None
        raise QueryRefused("syntax", syntax_message(err, text)) from None


def syntax_message(err: Any, text: str) -> str:
    """A pyparsing error as one line, in plain words (``sparql_errors.explain``)."""
    from .sparql_errors import explain

    return explain(text, err.lineno, err.col, str(err.msg).removeprefix("Expected "))


def _walk(tree: Any) -> Iterator[tuple[Any, int]]:
    """Every node of a parse tree with its depth as the evaluator will nest it (iterative:
    the tree may be deeper than Python's recursion limit allows)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack: list[tuple[Any, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        if isinstance(node, CompValue):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list | ParseResults):
            chained = any(isinstance(v, CompValue) for v in node)
            stack.extend((v, depth + (i if chained else 0)) for i, v in enumerate(node))


def check_query(sparql: str, *, allow_service: bool = False) -> str:
    """Refuse what must not run: too long, too deeply nested, an update, SERVICE, FROM.

    Returns:
        The canonical text (see :func:`canonical`), the one text to hand to the SPARQL engine.

    Raises:
        QueryRefused: with the reason, naming the feature.

    >>> check_query("SELECT * { ?s ?p ?o } LIMIT 1")
    'SELECT * { ?s ?p ?o } LIMIT 1'
    >>> try:
    ...     check_query("SELECT * { ?x <http://e/p>? 1 SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")
    ... except QueryRefused as err:
    ...     print(err.kind)
    service
    """
    from rdflib.plugins.sparql.parserutils import CompValue

    text = canonical(sparql)
    operators = len(_NOT_OPERATORS.sub("", text)) + len(_OPERATOR_WORDS.findall(text))
    if operators > MAX_OPERATORS:
        raise QueryRefused(
            "nesting", f"the query has {operators:,} operators and brackets; at most {MAX_OPERATORS:,} are accepted"
        )
    deepest, service, dataset = 0, False, False
    for node, depth in _walk(_parse(text)):
        deepest = max(deepest, depth)
        if isinstance(node, CompValue):
            service = service or node.name == "ServiceGraphPattern"
            dataset = dataset or node.name == "DatasetClause"
    if deepest > MAX_DEPTH:
        raise QueryRefused(
            "nesting", f"the query nests {deepest:,} levels deep as parsed; at most {MAX_DEPTH:,} are accepted"
        )
    if service and not allow_service:
        raise QueryRefused(
            "service",
            "SERVICE (a federated query) is refused: it would make this machine send requests; "
            "serve or query with --allow-service to permit it",
        )
    if dataset:
        raise QueryRefused(
            "dataset",
            "FROM / FROM NAMED is not supported: every query runs over the union of all graphs; "
            "use GRAPH ?g { ... } to pick documents' graphs",
        )
    return text
