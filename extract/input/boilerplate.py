"""Page boilerplate and metadata lines in scraped article text.

Scraped pages carry lines that are not the article: "Leave a Reply", "Copyright ©",
share buttons, "Tags: , ,", breadcrumb runs. They are kept in the document text (offsets
must point into the text as decoded) but extraction skips them. A few such lines carry
metadata worth keeping: "Source » irannewsupdate" and a dateline.

No library classifies single lines of already-extracted text (trafilatura and jusText work
on HTML trees), so these are our own patterns, each with the line that motivated it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

# "Wednesday, May 25, 2022" / "25 May 2022" / "2022-05-25", alone on a line.
DATELINE = re.compile(
    rf"^\s*(?:{_WEEKDAY},?\s+)?(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\s*$",
    re.IGNORECASE,
)
# "Source » irannewsupdate"
SOURCE_LINE = re.compile(r"^\s*source\s*[»:>|]\s*(?P<source>\S.{0,80}?)\s*$", re.IGNORECASE)

# Whole lines that are page furniture, not article text. Each alternative names a line seen
# on a scraped page ("Leave a Reply", "Tags: , , ,", "Back to top button", ...).
_BOILERPLATE_LINES = [
    r"leave a (?:reply|comment)",
    r"your email address will not be published.*",
    r"required fields are marked.*",
    r".*\bcopyright\b.*",
    r".*©.*",
    r".*all rights reserved.*",
    r"tags?\s*:.*",
    r"(?:related|recent|popular) (?:articles|posts|stories|news)",
    r"(?:show|read|load|view) more.*",
    r"back to top(?: button)?",
    r"(?:share|tweet|email|print|pin|like)(?: (?:this|on \w+|article|story))?",
    r"(?:facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|email|print|youtube)"
    r"(?:[\s,|•·]+(?:facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|email|print|youtube))*",
    r"for more (?:articles|news|stories).*",
    r".*\bfollow (?:us|them|me)\b.*",
    r".*\bsharing icons\b.*",
    r".*[-–—|]\s*youtube\s*",
    r"(?:xml )?sitemap.*",
    r"advertisement",
    r"skip to (?:content|main content)",
    r"subscribe(?: to (?:our|the) newsletter)?.*",
    r"click here.*",
]
BOILERPLATE_LINE = re.compile(r"^\s*(?:" + "|".join(_BOILERPLATE_LINES) + r")\s*$", re.IGNORECASE)

# "HomeIran News NowIran Opposition & ResistanceThe MEK ..." (menu items run together) or
# "Home » World » Middle East".
_BREADCRUMB_JAMMED = re.compile(r"^\s*Home(?=[A-Z])")
_BREADCRUMB_SEPARATED = re.compile(r"^\s*Home\s*(?:[»>/|›]\s*[^»>/|›]+){1,}$")


@dataclass(frozen=True, slots=True)
class PageParts:
    """What the line classifier found: ranges to skip and metadata."""

    skipped: tuple[tuple[int, int], ...]
    date: str | None
    source: str | None


def classify_lines(text: str) -> PageParts:
    """Find boilerplate and metadata lines.

    Args:
        text: the document text as decoded.

    Returns:
        The character ranges (start, end) of lines extraction must skip, and the dateline
        and "Source »" values when present.

    >>> parts = classify_lines("Title\\n\\nBody text.\\n\\nLeave a Reply\\nSource » wire")
    >>> [ "Title\\n\\nBody text.\\n\\nLeave a Reply\\nSource » wire"[s:e] for s, e in parts.skipped]
    ['Leave a Reply', 'Source » wire']
    >>> parts.source
    'wire'
    """
    skipped: list[tuple[int, int]] = []
    date = source = None
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start, end = pos, pos + len(body)
        pos += len(line)
        if not body.strip():
            continue
        if m := SOURCE_LINE.match(body):
            source = source or m.group("source")
        elif DATELINE.match(body):
            date = date or body.strip()
        elif not (BOILERPLATE_LINE.match(body) or _BREADCRUMB_JAMMED.match(body) or _BREADCRUMB_SEPARATED.match(body)):
            continue
        skipped.append((start, end))
    return PageParts(tuple(skipped), date, source)
