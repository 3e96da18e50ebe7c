"""Plain, frozen records that cross the extract -> graph boundary.

Nothing here holds a spaCy object: spans are turned into strings and offsets inside
``extract/`` so that no ``Doc`` stays alive downstream.
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import ENTITY_TYPES, EVENT, ORGANIZATION, PERSON, PLACE

__all__ = [
    "ENTITY_TYPES",
    "EVENT",
    "ORGANIZATION",
    "PERSON",
    "PLACE",
    "Article",
    "Claim",
    "DocumentExtraction",
    "Entity",
    "Fact",
    "Mention",
    "Quote",
]


@dataclass(frozen=True, slots=True)
class Article:
    """One input article: its text exactly as decoded, and what we know about it."""

    name: str  # base file name, or the jsonl id
    path: str  # where it came from (file path, or "file.jsonl#id")
    text: str
    content_hash: str  # sha256 of text, hex
    format: str  # txt, md, html, jsonl
    encoding: str = "utf-8"
    title: str | None = None
    date: str | None = None
    url: str | None = None
    site: str | None = None
    source: str | None = None  # "Source » irannewsupdate"
    # Character ranges of page boilerplate that extraction skips (offsets still count them).
    skipped: tuple[tuple[int, int], ...] = ()
    # The file it was read from (as shown) and, for a .jsonl line, its id there: a document's
    # identity in a store. The id is a label inside the file, never resolved as a path.
    file: str = ""
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A name of an entity in the text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity inside one document: canonical name, other names, type evidence."""

    key: str  # document-local id, e.g. "e3"
    type: str  # one of ENTITY_TYPES, decided by the vote
    label: str  # canonical name: the fullest proper name, no honorific
    names: tuple[str, ...]  # every name used, as written (honorifics kept), label included
    mentions: tuple[Mention, ...]
    type_votes: tuple[tuple[str, float], ...] = ()  # (type, weight) summed over mentions
    confidence: float = 1.0  # below 1 for an unresolved short name (a surname two people share)


@dataclass(frozen=True, slots=True)
class Quote:
    """A contiguous quoted span, its cue and speaker."""

    text: str
    start: int  # offsets of `text` (without the marks) in the document
    end: int
    cue: str | None
    speaker_text: str | None
    speaker: str | None  # Entity.key, when resolved
    confidence: float
    rule: str  # the ng:method: "cue-<speaker rule>", or a quote rule ("continuation", ...)
    speaker_rule: str | None = None  # the rule that chose the speaker (see rules.RULES)
    mentions: tuple[str, ...] = ()  # Entity.keys its words name, the speaker's own left out


@dataclass(frozen=True, slots=True)
class Claim:
    """Reported speech: "X said that ...", "according to X, ..."."""

    text: str
    start: int
    end: int
    cue: str
    speaker_text: str
    speaker: str | None
    confidence: float
    rule: str
    mentions: tuple[str, ...] = ()  # Entity.keys its words name, the speaker's own left out


@dataclass(frozen=True, slots=True)
class Fact:
    """A relation between two entities of the document, or a held position.

    ``predicate`` is one of ledBy, memberOf, partOf, locatedIn, holdsPosition. For
    holdsPosition, ``object`` is the organisation key or None and ``title`` is set.
    """

    subject: str
    predicate: str
    object: str | None
    start: int  # the sentence or span the fact comes from
    end: int
    confidence: float
    rule: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentExtraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    facts: tuple[Fact, ...]
    claims: tuple[Claim, ...] = ()
    together: tuple[tuple[str, str], ...] = ()  # Entity.key pairs named in one sentence, sorted
