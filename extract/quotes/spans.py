"""Quoted spans: quotation marks paired paragraph by paragraph, in character offsets.

A character scan of our own: no library pairs quotation marks across paragraphs and tolerates
unclosed ones (textacy rejects a document with an odd number of marks).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..words import TITLE_CASE_SMALL_WORDS

OPEN_CLOSE = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d", '"': '"'}
# Every character the scan acts on (it steps from one to the next; a step per character cost
# 0.11 s in 400 articles, 0.02 s so: the regular expression finds them in native code)
_MARKS = re.compile("[" + "".join(sorted(set(OPEN_CLOSE) | set(OPEN_CLOSE.values()))) + "]")


@dataclass
class QuotedSpan:
    """A quoted span in character offsets (text without the marks)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark, None when unclosed
    paragraph: int
    continues: bool = False  # a continuation paragraph of the quote before


def find_spans(text: str) -> list[QuotedSpan]:
    """Pair quotation marks paragraph by paragraph.

    Unclosed quotes end at the paragraph end; a paragraph that opens a mark right after an
    unclosed one continues that quote (BBC style).

    >>> [ "a “b c” d"[s.start:s.end] for s in find_spans("a “b c” d")]
    ['b c']
    >>> [ (s.close_mark, s.continues) for s in find_spans("“one\\n\\n“two”")]
    [(None, False), (10, True)]
    """
    spans: list[QuotedSpan] = []
    pos = 0
    prev_unclosed = False
    for number, line in enumerate(text.split("\n")):
        base = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        open_at: int | None = None
        closer = ""
        first_in_line = True
        for mark in _MARKS.finditer(line):
            i, ch = mark.start(), mark.group()
            if open_at is None:
                if ch in OPEN_CLOSE and ch != "\u201d" and (ch != '"' or not _inch_mark(line, i)):
                    open_at, closer = i, OPEN_CLOSE[ch]
            elif (
                (ch == closer and (ch != '"' or not _opens(line, i)))
                or (closer == '"' and ch == "\u201d")
                or (closer == "\u201d" and ch == '"' and not _opens(line, i))
            ):
                spans.append(
                    _make(
                        line,
                        base,
                        open_at,
                        i,
                        number,
                        continues=first_in_line and prev_unclosed and line[:open_at].strip() == "",
                    )
                )
                first_in_line = False
                prev_unclosed = False
                open_at = None
            elif ch == "\u201c" or (ch == '"' and _opens(line, i)):
                # a new opening mark: the previous quote never closed ('... 26 weeks. "We are
                # going to ...': BBC style, a new sentence of the same quote reopens the mark)
                spans.append(_make(line, base, open_at, None, number, end=i))
                first_in_line = False
                open_at, closer = i, OPEN_CLOSE[ch]
        if open_at is not None:
            spans.append(
                _make(
                    line,
                    base,
                    open_at,
                    None,
                    number,
                    end=len(line),
                    continues=first_in_line and prev_unclosed and line[:open_at].strip() == "",
                )
            )
            prev_unclosed = True
        else:
            prev_unclosed = False
    return [s for s in spans if s.end > s.start]


def _inch_mark(line: str, i: int) -> bool:
    r"""A straight mark that closes a word or a height, not a quote: 'word"', '6\'11"' and
    '6\'11 "' (a height written with a space).

    >>> _inch_mark('a 6\'11 "forward', 7), _inch_mark('he said "no"', 8)
    (True, False)
    """
    if i > 0 and line[i - 1].isalnum():
        return True
    # the pattern is at most 6 characters long: look only there (searching from the line's
    # start made a line of 50,000 marks quadratic)
    return _HEIGHT.search(line, max(0, i - _HEIGHT_CHARS), i) is not None


_HEIGHT = re.compile(r"\d['’]\s?\d{1,2}\s?$")
_HEIGHT_CHARS = 6


def _opens(line: str, i: int) -> bool:
    """A straight mark shaped like an opening one: space (or line start) before, a word after."""
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    return (before.isspace() or before in "([{—–-") and not after.isspace() and after not in ".,;:!?)"


def _make(
    line: str,
    base: int,
    open_at: int,
    close_at: int | None,
    paragraph: int,
    *,
    end: int | None = None,
    continues: bool = False,
) -> QuotedSpan:
    s, e = open_at + 1, close_at if close_at is not None else end
    assert e is not None
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    return QuotedSpan(
        base + s, base + e, base + open_at, None if close_at is None else base + close_at, paragraph, continues
    )


def looks_like_title(text: str, sp: QuotedSpan) -> bool:
    """'the "Free Iran Global Summit"': a short Title Case phrase without a final stop."""
    words = text.split()
    if not 1 <= len(words) <= 6 or text[-1:] in ".!?,…":
        return False
    caps = [w for w in words if w[:1].isupper()]
    return len(words) >= 2 and all(w[:1].isupper() or w in TITLE_CASE_SMALL_WORDS for w in words) and len(caps) >= 2


def quoted_tokens(token_starts: list[int], spans: Iterable[QuotedSpan]) -> list[bool]:
    """Per token (given by its character offset), whether it stands inside a quoted span,
    its marks included; an unclosed quote runs to its paragraph's end.

    >>> text = "He said “no way” today."
    >>> quoted_tokens([0, 3, 8, 9, 12, 15, 17, 22], find_spans(text))
    [False, False, True, True, True, True, False, False]
    """
    flags = [False] * len(token_starts)
    for sp in spans:
        hi = sp.close_mark + 1 if sp.close_mark is not None else sp.end
        i = bisect.bisect_left(token_starts, sp.open_mark)
        while i < len(token_starts) and token_starts[i] < hi:
            flags[i] = True
            i += 1
    return flags
