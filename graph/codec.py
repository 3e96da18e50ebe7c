"""Document records <-> RDF, and <-> JSON: the one place a record's fields meet their terms.

Each record type has one table of fields (attribute, predicate, kind); ``to_quads`` writes a
record through its table and ``from_graph`` reads it back through the same table, so a new
field is one line here. The store keeps records as JSON (``to_json``/``from_json``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cache, lru_cache
from typing import Any

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from newsgraph.extract.errors import GraphError
from newsgraph.extract.schema import fits, former
from newsgraph.ontology import NG

from .iris import assertion_iri, claim_iri, document_entity_iri, document_iri, position_iri, quote_iri, run_iri
from .records import ClaimRecord, DocMeta, DocRecord, FactRecord, LocalEntity, QuoteRecord, RunInfo

Quad = tuple[Node, Node, Node, Node]
Triple = tuple[Node, Node, Node]
PREDICATES = {
    "ledBy": NG.ledBy,
    "memberOf": NG.memberOf,
    "holdsPosition": NG.holdsPosition,
    "partOf": NG.partOf,
    "locatedIn": NG.locatedIn,
}
_PREDICATE_NAMES = {v: k for k, v in PREDICATES.items()}
DCT_DATE = URIRef("http://purl.org/dc/terms/date")
SCHEMA_URL = URIRef("https://schema.org/url")


# Literals are immutable and a graph repeats its numbers (offsets, counts, confidences) and vote
# texts thousands of times: each is made once (rdflib's Literal() is several µs of Python) and shared,
# which also makes the writers' lookups of equal terms identity hits.
_SHARED = 1 << 16  # distinct values kept, per kind


@lru_cache(maxsize=_SHARED, typed=True)
def decimal(x: float) -> Literal:
    """A decimal in the canonical form oxigraph stores ("1", "0.5"), so graphs read back from a
    store and from a file compare equal.

    >>> str(decimal(0.5)), str(decimal(1.0))
    ('0.5', '1')
    """
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".") or "0"
    return Literal(text, datatype=XSD.decimal)


@lru_cache(maxsize=_SHARED, typed=True)
def integer(x: int) -> Literal:
    return Literal(x, datatype=XSD.integer)


@lru_cache(maxsize=_SHARED, typed=True)
def string(x: str) -> Literal:
    """A plain string literal (labels, names, rule names, titles repeat across documents)."""
    return Literal(x)


@lru_cache(maxsize=_SHARED, typed=True)
def _votes_literal(votes: tuple[tuple[str, float], ...]) -> Literal:
    return Literal(_votes_text(votes))


def denotes(h: str, key: str, iri: URIRef) -> Triple:
    """A document entity's link to the entity it was resolved to (in the document's graph),
    for a caller that holds only the document and the local key (the store's relinking)."""
    return document_entity_iri(h, key), NG.denotes, iri


def _votes_text(votes: tuple[tuple[str, float], ...]) -> str:
    return " ".join(f"{t}={v:g}" for t, v in sorted(votes))


def _votes(text: str) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((t, float(v)) for t, _, v in (part.partition("=") for part in text.split())))


def read_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Mention offsets as ``ng:mentionOffsets`` writes them.

    >>> read_spans("0-12 40-45")
    ((0, 12), (40, 45))
    """
    return tuple((int(a), int(b)) for a, _, b in (x.partition("-") for x in text.split()))


# How a field's value becomes a literal, and back.
_WRITE: dict[str, Callable[[Any], Literal]] = {
    "str": string,
    "int": integer,
    "dec": decimal,
    "votes": _votes_literal,
    "datetime": lambda v: Literal(v, datatype=XSD.dateTime),
    "spans": lambda v: Literal(" ".join(f"{a}-{b}" for a, b in v)),
}
_READ: dict[str, Callable[[Any], Any]] = {
    "str": str,
    "int": int,
    "dec": float,
    "votes": lambda v: _votes(str(v)),
    "datetime": str,
    "spans": lambda v: read_spans(str(v)),
}


@dataclass(frozen=True, slots=True)
class Field:
    """A record attribute stored as one value of a predicate."""

    attr: str
    predicate: URIRef
    kind: str = "str"  # a key of _WRITE and _READ
    optional: bool = False  # not written when empty
    default: Any = None  # read when absent


DOCUMENT_FIELDS = (
    Field("name", NG.fileName, default=""),
    Field("path", NG.path, default=""),
    Field("content_hash", NG.contentHash),
    Field("format", NG.format, default="txt"),
    Field("length", NG.textLength, kind="int", default=0),
    Field("title", RDFS.label, optional=True),
    Field("source", NG.source, optional=True),
    Field("date", DCT_DATE, optional=True),
    Field("url", SCHEMA_URL, optional=True),
)
ENTITY_FIELDS = (
    Field("label", NG.localLabel),
    Field("votes", NG.typeVotes, kind="votes", default=()),
    Field("mentions", NG.mentionCount, kind="int", default=0),
    Field("confidence", NG.confidence, kind="dec", default=1.0),
    Field("spans", NG.mentionOffsets, kind="spans", default=(), optional=True),
)
QUOTE_FIELDS = (
    Field("text", NG.text),
    Field("start", NG.start, kind="int"),
    Field("end", NG.end, kind="int"),
    Field("confidence", NG.confidence, kind="dec"),
    Field("rule", NG.method),
    Field("cue", NG.cue, optional=True),
    Field("speaker_text", NG.speakerText, optional=True),
)
CLAIM_FIELDS = (
    Field("text", NG.text),
    Field("start", NG.start, kind="int"),
    Field("end", NG.end, kind="int"),
    Field("cue", NG.cue),
    Field("speaker_text", NG.speakerText),
    Field("confidence", NG.confidence, kind="dec"),
    Field("rule", NG.method),
)
FACT_FIELDS = (
    Field("start", NG.start, kind="int"),
    Field("end", NG.end, kind="int"),
    Field("confidence", NG.confidence, kind="dec"),
    Field("rule", NG.method),
    Field("evidence", NG.evidence, default=""),
    Field("title", NG.title),
)
RUN_FIELDS = (
    Field("tool_version", NG.toolVersion),
    Field("model", NG.model),
    Field("started", PROV.startedAtTime, kind="datetime"),
    Field("ended", PROV.endedAtTime, kind="datetime"),
)


def _describe(node: Node, record: object, table: Iterable[Field]) -> Iterator[Triple]:
    for f in table:
        value = getattr(record, f.attr)
        if value is None or (f.optional and not value):
            continue
        yield node, f.predicate, _WRITE[f.kind](value)


def _read(graph: Any, node: Node, table: Iterable[Field]) -> dict[str, Any]:
    out = {}
    for f in table:
        value = graph.value(node, f.predicate)
        out[f.attr] = f.default if value is None else _READ[f.kind](value)
    return out


# -- writing --------------------------------------------------------------------------------------
@dataclass
class DocumentQuads:
    """What one document adds: its named graph and its share of the entity graph."""

    named: list[Triple]  # the document's named graph (empty when not asked for)
    entity: list[Triple]  # direct triples and positions, in the entity graph
    # each position's title as a fact wrote it: (the fact's index, position, title); the entity
    # graph keeps the first document's (graph.build.entity_graph)
    titles: list[tuple[int, Node, Node]] = field(default_factory=list)


def to_quads(
    r: DocRecord, iri_of: Mapping[tuple[str, str], URIRef], type_of: Mapping[URIRef, str], *, named: bool = True
) -> DocumentQuads:
    """The triples of one document record.

    Args:
        r: the record.
        iri_of: (content hash, local key) -> entity IRI, for every entity of the record.
        type_of: entity IRI -> its graph-wide type (a relation whose ends do not fit its
            signature is kept only as an ``ng:Candidate`` in the document's graph).
        named: build the document's named graph too (a store that has it already does not).
    """
    h = r.meta.content_hash
    doc = document_iri(h)
    local = {e.key: document_entity_iri(h, e.key) for e in r.entities}
    out = DocumentQuads([], [])
    for n, f in enumerate(r.facts):
        _fact_quads(out, n, r, f, doc, local, iri_of, type_of, named=named)
    if not named:
        return out
    g = out.named
    meta = replace(r.meta, source=r.meta.source or r.meta.site, site=None)
    g.append((doc, RDF.type, NG.Document))
    g.extend(_describe(doc, meta, DOCUMENT_FIELDS))
    for e in r.entities:
        node = local[e.key]
        g += [(node, RDF.type, NG.DocumentEntity), (node, NG.document, doc), (node, NG.denotes, iri_of[(h, e.key)])]
        g.extend(_describe(node, e, ENTITY_FIELDS))
        g.extend((node, NG.name, string(name)) for name in e.names)
    g.extend((local[a], NG.sameSentence, local[b]) for a, b in r.together if a in local and b in local)
    for q in r.quotes:
        node = quote_iri(h, q.start, q.end)
        g += [(node, RDF.type, NG.Quote), (node, NG.document, doc)]
        g.extend(_describe(node, q, QUOTE_FIELDS))
        if q.speaker and q.speaker in local:
            g += [(node, NG.speakerMention, local[q.speaker]), (iri_of[(h, q.speaker)], NG.said, node)]
        g.extend(_mention_quads(node, q.mentions, h, local, iri_of))
    for c in r.claims:
        if not c.speaker or c.speaker not in local:
            continue
        node = claim_iri(h, c.start, c.end)
        g += [(node, RDF.type, NG.Claim), (node, NG.document, doc), (node, NG.speakerMention, local[c.speaker])]
        g.append((node, NG.claimedBy, iri_of[(h, c.speaker)]))
        g.extend(_describe(node, c, CLAIM_FIELDS))
        g.extend(_mention_quads(node, c.mentions, h, local, iri_of))
    return out


def speech_counts(r: DocRecord) -> Counter:
    """How many quotes, quotes with a speaker and claims (which need one) the document's graph
    holds, as :func:`to_quads` writes them: a store keeps their totals."""
    local = {e.key for e in r.entities}
    return Counter(
        quotes=len({(q.start, q.end) for q in r.quotes}),
        attributed_quotes=len({(q.start, q.end) for q in r.quotes if q.speaker and q.speaker in local}),
        claims=len({(c.start, c.end) for c in r.claims if c.speaker and c.speaker in local}),
    )


def linked_quads(
    r: DocRecord,
    iri_of: Mapping[tuple[str, str], URIRef],
    type_of: Mapping[URIRef, str],
    keys: AbstractSet[str] | None = None,
) -> DocumentQuads:
    """The quads of :func:`to_quads` that depend on the IRIs and types of the document's
    entities: all that changes in its graph when an entity gets another IRI or type (a store
    rewrites only these). The rest of ``to_quads`` depends on the record alone. With ``keys``,
    only those of the facts, quotes, claims and document entities that involve these local
    keys: every quad belongs to one such node, so the others' quads stay as they were."""
    h = r.meta.content_hash
    doc = document_iri(h)
    local = {e.key: document_entity_iri(h, e.key) for e in r.entities}
    out = DocumentQuads([], [])
    for n, f in enumerate(r.facts):
        if keys is None or f.subject in keys or f.object in keys:
            _fact_quads(out, n, r, f, doc, local, iri_of, type_of, named=True, linked_only=True)
    g = out.named
    g += [(local[e.key], NG.denotes, iri_of[(h, e.key)]) for e in r.entities if keys is None or e.key in keys]
    for node, speaker, said, mentions in [
        *((quote_iri(h, q.start, q.end), q.speaker, NG.said, q.mentions) for q in r.quotes),
        *((claim_iri(h, c.start, c.end), c.speaker, NG.claimedBy, c.mentions) for c in r.claims),
    ]:
        if keys is not None and speaker not in keys and keys.isdisjoint(mentions):
            continue
        if speaker and speaker in local:
            g.append((iri_of[(h, speaker)], said, node) if said == NG.said else (node, said, iri_of[(h, speaker)]))
        elif said == NG.claimedBy:
            continue  # to_quads keeps no claim without a speaker
        g += [(node, NG.mentions, iri_of[(h, key)]) for key in mentions if key in local]
    return out


def _mention_quads(
    node: URIRef,
    mentions: tuple[str, ...],
    h: str,
    local: Mapping[str, URIRef],
    iri_of: Mapping[tuple[str, str], URIRef],
) -> list[tuple]:
    """What the words of a quote or claim name: the entity (ng:mentions, for queries) and the
    document entity behind it (ng:mentionsLocal, which a merge reads back)."""
    out: list[tuple] = []
    for key in mentions:
        if key in local:
            out += [(node, NG.mentions, iri_of[(h, key)]), (node, NG.mentionsLocal, local[key])]
    return out


def _fact_quads(
    out: DocumentQuads,
    n: int,
    r: DocRecord,
    f: FactRecord,
    doc: URIRef,
    local: Mapping[str, URIRef],
    iri_of: Mapping[tuple[str, str], URIRef],
    type_of: Mapping[URIRef, str],
    *,
    named: bool,
    linked_only: bool = False,
) -> None:
    """A fact: its direct triple (and position) if its ends fit, and its assertion or candidate
    (with ``linked_only``, only the quads that depend on the entities: see linked_quads)."""
    h = r.meta.content_hash
    subj = iri_of.get((h, f.subject))
    obj = iri_of.get((h, f.object)) if f.object else None
    pred = PREDICATES[f.predicate]
    direct: tuple[URIRef, URIRef] | None = None  # subject and object of the direct triple
    if subj is not None and fits(f.predicate, type_of[subj], type_of[obj] if obj else None, same=obj == subj):
        if f.predicate == "holdsPosition":
            position = position_iri(subj, f.title or "", obj)
            out.entity += [(position, RDF.type, NG.Position), (position, NG.title, string(f.title or ""))]
            out.titles.append((n, position, string(f.title or "")))
            if former(f.title):
                out.entity.append((position, NG.former, Literal(True)))
            if obj is not None:
                out.entity.append((position, NG.organization, obj))
            direct = subj, position
        elif obj is not None:
            direct = subj, obj
    if direct is not None:
        out.entity.append((direct[0], pred, direct[1]))
    if not named:
        return
    # The entities' types (decided over the whole graph) may not fit the relation: then it is no
    # direct triple, and the document keeps it as a candidate, so that a rebuild with more
    # documents (merge, a store) can still accept it.
    node = assertion_iri(h, f.predicate, f.subject, f.object, f.title, f.start, f.end, f.rule)
    g = out.named
    g.append((node, RDF.type, NG.Assertion if direct else NG.Candidate))
    if direct is not None:
        g += [(node, RDF.subject, direct[0]), (node, RDF.object, direct[1])]
    if linked_only:
        return
    g.append((node, RDF.predicate, pred))
    g += [(node, NG.subjectMention, local[f.subject]), (node, NG.document, doc)]
    if f.object:
        g.append((node, NG.objectMention, local[f.object]))
    g.extend(_describe(node, f, FACT_FIELDS))
    if former(f.title):
        g.append((node, NG.former, Literal(True)))


def run_quads(run: RunInfo) -> list[Triple]:
    """A prov:Activity for the run that wrote the graph."""
    act = run_iri(run.tool_version, run.model, run.started, run.ended)
    out: list[Triple] = [
        (act, RDF.type, PROV.Activity),
        (act, RDFS.label, Literal(f"newsgraph {run.tool_version} run")),
    ]
    out.extend(_describe(act, run, RUN_FIELDS))
    return out


# -- reading --------------------------------------------------------------------------------------
def from_graph(g: Any) -> tuple[list[DocRecord], list[RunInfo]]:
    """The document records (and runs) a newsgraph graph was built from.

    Args:
        g: an rdflib graph or dataset (with ``default_union``) holding newsgraph's documents.

    Raises:
        GraphError: the graph holds no newsgraph documents.
    """
    records = []
    for doc in sorted(set(g.subjects(RDF.type, NG.Document))):
        record = _record(g, doc)
        if record is not None:
            records.append(record)
    if not records:
        raise GraphError("no newsgraph documents in this graph (was it written by 'newsgraph build'?)")
    runs = {RunInfo(**_read(g, act, RUN_FIELDS)) for act in g.subjects(RDF.type, PROV.Activity)}
    return records, sorted(runs, key=lambda r: r.started)


def _record(g: Any, doc: Node) -> DocRecord | None:
    fields_ = _read(g, doc, DOCUMENT_FIELDS)
    h = fields_["content_hash"]
    if h is None:
        return None
    meta = DocMeta(**fields_)
    nodes = sorted(g.subjects(NG.document, doc))
    key_of: dict[Node, str] = {}
    entities = []
    for node in nodes:
        if (node, RDF.type, NG.DocumentEntity) in g:
            key = key_of[node] = str(node).rsplit("/", 1)[-1]
            names = tuple(sorted(str(n) for n in g.objects(node, NG.name)))
            entities.append(LocalEntity(h, key, names=names, **_read(g, node, ENTITY_FIELDS)))
    quotes, claims, facts = [], [], []
    for node in nodes:
        speaker = g.value(node, NG.speakerMention)
        named = tuple(sorted(key_of[m] for m in g.objects(node, NG.mentionsLocal) if m in key_of))
        if (node, RDF.type, NG.Quote) in g:
            quotes.append(QuoteRecord(speaker=key_of.get(speaker), mentions=named, **_read(g, node, QUOTE_FIELDS)))
        elif (node, RDF.type, NG.Claim) in g:
            claims.append(ClaimRecord(speaker=key_of.get(speaker), mentions=named, **_read(g, node, CLAIM_FIELDS)))
        elif (node, RDF.type, NG.Assertion) in g or (node, RDF.type, NG.Candidate) in g:
            obj = g.value(node, NG.objectMention)
            facts.append(
                FactRecord(
                    subject=key_of[g.value(node, NG.subjectMention)],
                    predicate=_PREDICATE_NAMES[g.value(node, RDF.predicate)],
                    object=key_of.get(obj) if obj else None,
                    **_read(g, node, FACT_FIELDS),
                )
            )
    together = sorted((key_of[a], key_of[b]) for a in key_of for b in g.objects(a, NG.sameSentence) if b in key_of)
    return DocRecord(
        meta,
        tuple(entities),
        tuple(sorted(quotes, key=lambda x: x.start)),
        tuple(sorted(claims, key=lambda x: x.start)),
        tuple(sorted(facts, key=lambda f: (f.start, f.predicate, f.subject))),
        tuple(together),
    )


# -- JSON (the store's records) -------------------------------------------------------------------
def to_json(r: DocRecord) -> str:
    return json.dumps(asdict(r), ensure_ascii=False, sort_keys=True)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The keys a record type has (older stores wrote a few more)."""
    names = _field_names(cls)
    return {k: v for k, v in data.items() if k in names}


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _with_mentions(cls: type, data: dict) -> dict:
    """A quote's or claim's fields, its mentions a tuple again (JSON made them a list)."""
    return {**_known(cls, data), "mentions": tuple(data.get("mentions", ()))}


def from_json(text: str) -> DocRecord:
    d = json.loads(text)
    return DocRecord(
        meta=DocMeta(**_known(DocMeta, d["meta"])),
        entities=tuple(
            LocalEntity(
                e["doc"],
                e["key"],
                e["label"],
                tuple(e["names"]),
                tuple((t, float(v)) for t, v in e["votes"]),
                e["mentions"],
                e["confidence"],
                tuple(map(tuple, e.get("spans", ()))),  # pairs of ints, as written
            )
            for e in d["entities"]
        ),
        together=tuple((a, b) for a, b in d.get("together", ())),
        quotes=tuple(
            QuoteRecord(**{**_known(QuoteRecord, q), "mentions": tuple(q.get("mentions", ()))}) for q in d["quotes"]
        ),
        claims=tuple(
            ClaimRecord(**{**_known(ClaimRecord, c), "mentions": tuple(c.get("mentions", ()))}) for c in d["claims"]
        ),
        facts=tuple(FactRecord(**_known(FactRecord, f)) for f in d["facts"]),
    )
