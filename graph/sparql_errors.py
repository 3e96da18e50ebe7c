"""SPARQL syntax errors in plain words.

The parsers say where they stopped and what their grammar would have taken there: pyoxigraph
"error at 1:10: expected CONSTRUCT" for ``SELEC ?x ...``, or a list of Unicode character ranges
for an unclosed brace. Neither says what the user got wrong. No library explains a SPARQL
error, so this module looks at the query itself for the mistakes people make (a misspelt query
form or keyword, an unknown prefix, a brace or a string left open) and falls back to the
parser's position and its expected words, without the character classes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from newsgraph.ontology import PREFIXES

FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
KEYWORDS = frozenset(
    {
        *FORMS,
        *"WHERE PREFIX BASE DISTINCT REDUCED FROM NAMED OPTIONAL UNION MINUS FILTER BIND VALUES GRAPH SERVICE".split(),
        *"ORDER BY ASC DESC LIMIT OFFSET GROUP HAVING AS NOT IN EXISTS UNDEF SILENT LATERAL".split(),
        *"COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR".split(),
    }
)
_ERROR_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
# what the query holds besides keywords: IRIs, strings, comments, variables, prefixed names
_IRI = r"<[^<>\"{}|^`\\\s]*>"
_STRING = r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
_COMMENT = r"#[^\n]*"
_DECLARATION = re.compile(r"\s*(?:PREFIX\s+[\w.-]*:\s*" + _IRI + r"|BASE\s*" + _IRI + r")", re.I)
_PREFIXED = re.compile(r"(?<![\w?$:<\"'])([A-Za-z][\w.-]*)?:(?=[\w%])")
_WORD = re.compile(r"(?<![\w?$:@^])[A-Za-z_][A-Za-z_]*(?![\w:(])")


def explain_oxigraph(sparql: str, message: str) -> str:
    """A pyoxigraph syntax error ("error at L:C: expected ...") explained.

    >>> explain_oxigraph("SELECT ?x WHERE { ?x ?p ?o } LIMT 3", "error at 1:30: expected one of HAVING, OFFSET")
    "SPARQL syntax error at line 1, column 30: 'LIMT' is no SPARQL keyword; did you mean LIMIT?"
    """
    m = _ERROR_AT.match(message)
    if m is None:
        return f"SPARQL syntax error: {message}"
    return explain(sparql, int(m.group(1)), int(m.group(2)), m.group(3).removeprefix("expected "))


def explain(sparql: str, line: int, column: int, expected: str) -> str:
    """What is wrong with a query a parser stopped reading at ``line``:``column`` (from 1)."""
    masked = _masked(sparql)
    for check in (_query_form, _open_string, _braces, _unknown_prefix, _misspelt_keyword, _projection, _short_triple):
        found = check(sparql, masked)
        if found is not None:
            (at_line, at_column), what = found
            return f"SPARQL syntax error at line {at_line}, column {at_column}: {what}"
    column, near = _near(sparql, line, column)
    words = _expected_words(expected)
    what = f"expected {words}" if words else "this does not read as SPARQL"
    return f"SPARQL syntax error at line {line}, column {column}{near}: {what}"


def _masked(sparql: str) -> str:
    """The query with IRIs and strings written as runs of ``_`` and comments blanked (same
    length, same line breaks), so the checks below see only the words and punctuation of the
    grammar, and a term where there was one."""

    def blank(m: re.Match[str]) -> str:
        fill = " " if m.group(0).startswith("#") else "_"
        return "".join("\n" if c == "\n" else fill for c in m.group(0))

    return re.sub("|".join((_IRI, _STRING, _COMMENT)), blank, sparql)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _query_form(sparql: str, masked: str) -> tuple[tuple[int, int], str] | None:
    """The first word after the declarations is no query form ("SELEC", an update's INSERT)."""
    offset = 0
    while m := _DECLARATION.match(sparql, offset):
        offset = m.end()
    m = re.compile(r"\s*([A-Za-z]\w*)").match(masked, offset)
    if m is None or m.group(1).upper() in FORMS:
        return None
    word = m.group(1)
    if word.upper() in ("PREFIX", "BASE"):
        return _position(sparql, m.start(1)), f"a {word.upper()} line must read '{word.upper()} name: <IRI>'"
    close = difflib.get_close_matches(word.upper(), FORMS, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else ""
    what = f"a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE (after any PREFIX lines), not '{word}'{hint}"
    return _position(sparql, m.start(1)), what


def _open_string(sparql: str, masked: str) -> tuple[tuple[int, int], str] | None:
    """A quotation mark left unmatched on its line (strings were blanked; one left is open)."""
    for i, c in enumerate(masked):
        if c in "\"'" and not (c == "'" and i > 0 and masked[i - 1].isalnum()):
            return _position(sparql, i), f"a string opened here with {c} is never closed on its line"
    return None


def _braces(sparql: str, masked: str) -> tuple[tuple[int, int], str] | None:
    """A brace or bracket closed that was never opened, or opened and never closed."""
    pairs = {"}": "{", ")": "(", "]": "["}
    stack: list[tuple[str, int]] = []
    for i, c in enumerate(masked):
        if c in "{([":
            stack.append((c, i))
        elif c in pairs:
            if stack and stack[-1][0] != pairs[c]:
                opened, j = stack[-1]
                return _position(sparql, j), f"this '{opened}' is never closed (before the '{c}' after it)"
            if not stack:
                return _position(sparql, i), f"this '{c}' closes nothing that was opened"
            stack.pop()
    if stack:
        c, i = stack[-1]
        closing = {v: k for k, v in pairs.items()}[c]
        return _position(sparql, i), f"this '{c}' is never closed (a '{closing}' is missing)"
    return None


def _unknown_prefix(sparql: str, masked: str) -> tuple[tuple[int, int], str] | None:
    declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w.-]*):", sparql, re.I)} | set(PREFIXES)
    for m in _PREFIXED.finditer(masked):
        prefix = m.group(1) or ""
        if prefix not in declared and prefix.upper() not in KEYWORDS:
            return _position(sparql, m.start()), (
                f"unknown prefix '{prefix}:' (declare it with 'PREFIX {prefix}: <...>'; "
                f"predefined: {', '.join(p + ':' for p in sorted(PREFIXES))})"
            )
    return None


def _misspelt_keyword(sparql: str, masked: str) -> tuple[tuple[int, int], str] | None:
    """A bare word that is no keyword but looks like one ("LIMT", "WHER", "OPTINAL")."""
    for m in _WORD.finditer(masked):
        word = m.group(0)
        if word.upper() in KEYWORDS or word in ("a", "true", "false") or not word.isupper():
            continue
        close = difflib.get_close_matches(word.upper(), sorted(KEYWORDS), n=1, cutoff=0.75)
        if close:
            return _position(sparql, m.start()), f"'{word}' is no SPARQL keyword; did you mean {close[0]}?"
    return None


def _projection(sparql: str, masked: str) -> tuple[tuple[int, int], str] | None:
    """ "SELECT x WHERE": what a SELECT returns is variables, expressions in brackets or *."""
    m = re.search(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)(?=\bWHERE\b|\{)", masked, re.I | re.S)
    if m is None:
        return None
    for word in re.finditer(r"\(.*?\)|\S+", m.group(1)):
        if not re.fullmatch(r"[?$]\w+|\*|\(.*\)", word.group(0), re.S):
            where = _position(sparql, m.start(1) + word.start())
            return where, f"after SELECT come variables (?name), (expression AS ?name) or *, not '{word.group(0)}'"
    return None


def _short_triple(sparql: str, masked: str) -> tuple[tuple[int, int], str] | None:
    """ "{ ?x ?p }": a triple pattern with its object (or more) missing."""
    term = r"[?$]\w+|_+|[\w.-]*:[\w.%-]*|\ba\b|-?\d+(?:\.\d+)?"
    for m in re.finditer(r"[{.;]\s*((?:(?:" + term + r")\s*)+)(?=[.}])", masked):
        terms = re.findall(term, m.group(1))
        wanted = 2 if m.group(0).startswith(";") else 3
        if 0 < len(terms) < wanted and not re.search(r"[A-Z]{2,}", m.group(1)):
            missing = "an object" if len(terms) == wanted - 1 else "a predicate and an object"
            return _position(sparql, m.start(1)), f"this triple pattern lacks {missing}"
    return None


def _near(sparql: str, line: int, column: int) -> tuple[int, str]:
    """The column of the word the parser stopped in (it may stop inside one), and that word."""
    lines = sparql.split("\n")
    if not 1 <= line <= len(lines):
        return column, ""
    text = lines[line - 1]
    start = min(max(0, column - 1), len(text))
    while 0 < start < len(text) and not text[start - 1].isspace():
        start -= 1
    word = text[start:].strip()[:20]
    return (start + 1, f", near '{word}'") if word else (column, ", at the end of the line")


def _expected_words(expected: str) -> str:
    """The parser's expected tokens, without character classes ("['A' ..= 'Z' | ...]")."""
    text = re.sub(r"\[[^\]]*\]", " ", expected)
    text = re.sub(r"^one of ", "", text.strip())
    words: Iterable[str] = (w.strip().strip('"') for w in text.split(","))
    kept = [w for w in words if w and "failed" not in w and "not found" not in w and w != "_"]
    if not kept:
        return ""
    return kept[0] if len(kept) == 1 else "one of " + ", ".join(kept)
