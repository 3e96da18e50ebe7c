"""What one document contributes to the graph, in plain values.

A document's named graph stores exactly this (``codec`` maps it to RDF and back), so graphs
written by separate runs can be read back and rebuilt together: build(A ∪ B) and
merge(build(A), build(B)) are one graph. A store keeps the same records as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.extract.records import DocumentExtraction


@dataclass(frozen=True, slots=True)
class DocMeta:
    name: str
    path: str
    content_hash: str
    format: str
    length: int
    title: str | None = None
    date: str | None = None
    url: str | None = None
    site: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """An entity as one document names it."""

    doc: str  # content hash
    key: str  # document-local key
    label: str
    names: tuple[str, ...]
    votes: tuple[tuple[str, float], ...]
    mentions: int
    confidence: float
    spans: tuple[tuple[int, int], ...] = ()  # the mentions' character offsets (start, end)


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """A quote as the graph keeps it (``speaker`` is a document-local entity key)."""

    text: str
    start: int
    end: int
    cue: str | None
    speaker_text: str | None
    speaker: str | None
    confidence: float
    rule: str  # ng:method
    mentions: tuple[str, ...] = ()  # document-local keys of the entities its words name


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """Reported speech as the graph keeps it."""

    text: str
    start: int
    end: int
    cue: str
    speaker_text: str
    speaker: str | None
    confidence: float
    rule: str
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FactRecord:
    subject: str  # local entity key
    predicate: str
    object: str | None
    start: int
    end: int
    confidence: float
    rule: str
    evidence: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class DocRecord:
    meta: DocMeta
    entities: tuple[LocalEntity, ...]
    quotes: tuple[QuoteRecord, ...]
    claims: tuple[ClaimRecord, ...]
    facts: tuple[FactRecord, ...]
    together: tuple[tuple[str, str], ...] = ()  # local keys some sentence names both of


@dataclass(frozen=True, slots=True)
class RunInfo:
    """Provenance of a run: newsgraph's version, the spaCy pipeline, the times."""

    tool_version: str
    model: str
    started: str  # ISO 8601
    ended: str


def from_extraction(x: DocumentExtraction) -> DocRecord:
    """Drop what the graph does not keep (mention offsets, the rules behind speakers)."""
    a = x.article
    meta = DocMeta(a.name, a.path, a.content_hash, a.format, len(a.text), a.title, a.date, a.url, a.site, a.source)
    entities = tuple(
        LocalEntity(
            a.content_hash,
            e.key,
            e.label,
            tuple(sorted(set(e.names))),
            tuple(sorted(e.type_votes)),
            len(e.mentions),
            e.confidence,
            tuple(sorted((m.start, m.end) for m in e.mentions)),
        )
        for e in x.entities
    )
    facts = tuple(
        FactRecord(
            f.subject,
            f.predicate,
            f.object,
            f.start,
            f.end,
            round(f.confidence, 2),
            f.rule,
            a.text[f.start : f.end].strip(),
            f.title,
        )
        for f in x.facts
    )
    quotes = tuple(
        QuoteRecord(
            q.text, q.start, q.end, q.cue, q.speaker_text, q.speaker, round(q.confidence, 2), q.rule, q.mentions
        )
        for q in x.quotes
    )
    claims = tuple(
        ClaimRecord(
            c.text, c.start, c.end, c.cue, c.speaker_text, c.speaker, round(c.confidence, 2), c.rule, c.mentions
        )
        for c in x.claims
    )
    return DocRecord(meta, entities, quotes, claims, facts, x.together)
