"""Document records -> one RDF dataset: a named graph per document, one for entities."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from newsgraph.extract.names import clean
from newsgraph.ontology import NG

from .iris import (ENTITY_GRAPH, assertion_iri, claim_iri, document_entity_iri, document_iri,
                   entity_iri, position_iri, quote_iri, run_iri)
from .aliases import AliasEntry
from .records import DocRecord, FactRecord
from .resolve import LocalEntity, ResolvedEntity, resolve

PREDICATES = {"ledBy": NG.ledBy, "memberOf": NG.memberOf, "holdsPosition": NG.holdsPosition,
              "partOf": NG.partOf, "locatedIn": NG.locatedIn}
CLASSES = {"Person": NG.Person, "Organization": NG.Organization, "Place": NG.Place, "Event": NG.Event}
# What each relation needs at its two ends, by the entities' graph-wide types.
SIGNATURES = {"ledBy": ({"Organization"}, {"Person"}), "memberOf": ({"Person"}, {"Organization"}),
              "holdsPosition": ({"Person"}, {"Organization"}), "partOf": ({"Organization"}, {"Organization"}),
              "locatedIn": ({"Person", "Organization", "Place", "Event"}, {"Place"})}


@dataclass(frozen=True, slots=True)
class RunInfo:
    """Provenance of a run: newsgraph's version, the spaCy pipeline, the times."""

    tool_version: str
    model: str
    started: str  # ISO 8601
    ended: str


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    ds.bind("ng", NG._NS)
    ds.bind("ngr", "https://w3id.org/newsgraph/id/")
    ds.bind("skos", SKOS)
    ds.bind("prov", PROV)
    return ds


def _dec(x: float) -> Literal:
    """A decimal in the canonical form oxigraph stores ("1", "0.5"), so graphs read back from a
    store and from a file compare equal."""
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".") or "0"
    return Literal(text, datatype=XSD.decimal)


def _int(x: int) -> Literal:
    return Literal(x, datatype=XSD.integer)


def _votes_text(votes: tuple[tuple[str, float], ...]) -> str:
    return " ".join(f"{t}={v:g}" for t, v in sorted(votes))


class _Sink:
    """Collects (s, p, o, graph) quads: much cheaper than adding to an indexed rdflib Dataset
    one triple at a time, and the same list feeds rdflib, pyoxigraph or a file."""

    def __init__(self) -> None:
        self.quads: list[tuple] = []
        self.titled: set[URIRef] = set()

    def graph(self, name: URIRef) -> _GraphSink:
        return _GraphSink(self.quads, name)


class _GraphSink:
    __slots__ = ("quads", "name")

    def __init__(self, quads: list[tuple], name: URIRef) -> None:
        self.quads, self.name = quads, name

    def add(self, triple: tuple) -> None:
        self.quads.append((*triple, self.name))


@dataclass
class GraphParts:
    """The graph of a set of documents, in the pieces a store updates separately.

    ``entity_quads`` is the entity graph (descriptions, direct triples, positions, runs);
    ``doc_quads`` holds the named graph of each document that was built; ``signatures`` says,
    per document, what its named graph depends on (its record and the IRIs and graph-wide types
    of its entities): a document whose signature has not changed has the same named graph.
    """

    entity_quads: list[tuple]
    doc_quads: dict[str, list[tuple]]
    signatures: dict[str, str]
    denotes: dict[str, str]  # document entity IRI -> entity IRI
    entities: list[str]

    def quads(self) -> list[tuple]:
        out = list(self.entity_quads)
        for h in sorted(self.doc_quads):
            out += self.doc_quads[h]
        return list(dict.fromkeys(out))


def build_quads(records: Sequence[DocRecord], runs: Iterable[RunInfo] = (),
                aliases: Sequence[AliasEntry] = ()) -> list[tuple]:
    """The quads (subject, predicate, object, graph name) of the whole graph of these documents.

    Entities are resolved across all documents at once, so the result does not depend on the
    order of ``records``; a document given twice (same content hash) counts once.
    """
    return build_parts(records, runs, aliases).quads()


def build_parts(records: Sequence[DocRecord], runs: Iterable[RunInfo] = (), aliases: Sequence[AliasEntry] = (),
                *, known: Mapping[str, str] | None = None) -> GraphParts:
    """The graph of these documents (see :func:`build_quads`), in parts.

    Args:
        known: signatures of document graphs the caller already has; those documents' named
            graphs are not built again (their share of the entity graph always is).
    """
    unique: dict[str, DocRecord] = {}
    for r in records:
        unique.setdefault(r.meta.content_hash, r)
    docs = [unique[h] for h in sorted(unique)]
    locals_: list[LocalEntity] = [e for r in docs for e in r.entities]
    resolved = resolve(locals_, aliases)
    iri_of: dict[tuple[str, str], URIRef] = {}
    type_of: dict[URIRef, str] = {}
    used: dict[URIRef, ResolvedEntity] = {}
    taken: Counter = Counter()
    for ent in resolved:
        iri = base = entity_iri(ent.label)
        while iri in used:  # two entities whose names fold alike but were kept apart
            taken[base] += 1
            iri = URIRef(f"{base}-{taken[base] + 1}")
        used[iri] = ent
        type_of[iri] = ent.type
        for i in ent.members:
            iri_of[(locals_[i].doc, locals_[i].key)] = iri

    sink = _Sink()
    eg = sink.graph(ENTITY_GRAPH)
    for iri, ent in used.items():
        eg.add((iri, RDF.type, CLASSES[ent.type]))
        eg.add((iri, RDF.type, NG.Entity))
        eg.add((iri, RDFS.label, Literal(ent.label)))
        eg.add((iri, NG.mentionCount, _int(ent.mentions)))
        if ent.same_as:
            eg.add((iri, OWL.sameAs, URIRef(ent.same_as)))
        for name in sorted({clean(n) for n in ent.names}):
            if name and name != ent.label:
                eg.add((iri, SKOS.altLabel, Literal(name)))
    doc_quads: dict[str, list[tuple]] = {}
    signatures: dict[str, str] = {}
    denotes: dict[str, str] = {}
    for r in docs:
        h = r.meta.content_hash
        ents = [(e.key, str(iri_of[(h, e.key)])) for e in r.entities]
        for key, iri in ents:
            denotes[str(document_entity_iri(h, key))] = iri
        signatures[h] = hashlib.sha1(json.dumps([h, [(k, i, type_of[URIRef(i)]) for k, i in sorted(ents)]])
                                     .encode()).hexdigest()
        build = known is None or known.get(h) != signatures[h]
        g: _GraphSink | None = None
        if build:
            g = _GraphSink([], document_iri(h))
            doc_quads[h] = g.quads
        _add_document(eg, g, sink.titled, r, iri_of, type_of)
    for run in runs:
        add_run(eg, run)
    return GraphParts(list(dict.fromkeys(sink.quads)), {h: list(dict.fromkeys(q)) for h, q in doc_quads.items()},
                      signatures, denotes, sorted(str(i) for i in used))


def build_dataset(records: Sequence[DocRecord], runs: Iterable[RunInfo] = (),
                  aliases: Sequence[AliasEntry] = ()) -> Dataset:
    """The whole graph of these documents as an rdflib Dataset (see :func:`build_quads`).

    >>> ds = build_dataset([])
    >>> len(ds)
    0
    """
    ds = new_dataset()
    graphs: dict[URIRef, Graph] = {}
    quads = build_quads(records, runs, aliases)
    for name in dict.fromkeys(q[3] for q in quads):
        graphs[name] = ds.graph(name)
    ds.addN((s, p, o, graphs[g]) for s, p, o, g in quads)
    return ds


def add_run(eg: Graph | _GraphSink, run: RunInfo) -> URIRef:
    """A prov:Activity for the run that wrote the graph."""
    act = run_iri(run.tool_version, run.model, run.started, run.ended)
    eg.add((act, RDF.type, PROV.Activity))
    eg.add((act, RDFS.label, Literal(f"newsgraph {run.tool_version} run")))
    eg.add((act, NG.toolVersion, Literal(run.tool_version)))
    eg.add((act, NG.model, Literal(run.model)))
    eg.add((act, PROV.startedAtTime, Literal(run.started, datatype=XSD.dateTime)))
    eg.add((act, PROV.endedAtTime, Literal(run.ended, datatype=XSD.dateTime)))
    return act


def _add_document(eg: _GraphSink, g: _GraphSink | None, titled: set, r: DocRecord, iri_of: dict,
                  type_of: dict) -> None:
    """A document's named graph into ``g`` and its direct triples and positions into ``eg``;
    with ``g`` None only the latter (the named graph is already stored)."""
    m = r.meta
    doc = document_iri(m.content_hash)
    if g is None:
        _add_direct(eg, titled, r, iri_of, type_of)
        return
    g.add((doc, RDF.type, NG.Document))
    g.add((doc, NG.fileName, Literal(m.name)))
    g.add((doc, NG.path, Literal(m.path)))
    g.add((doc, NG.contentHash, Literal(m.content_hash)))
    g.add((doc, NG.format, Literal(m.format)))
    g.add((doc, NG.textLength, _int(m.length)))
    for prop, value in ((RDFS.label, m.title), (NG.source, m.source or m.site),
                        (URIRef("http://purl.org/dc/terms/date"), m.date),
                        (URIRef("https://schema.org/url"), m.url)):
        if value:
            g.add((doc, prop, Literal(value)))
    h = m.content_hash
    local = {}
    for e in r.entities:
        node = document_entity_iri(h, e.key)
        local[e.key] = node
        g.add((node, RDF.type, NG.DocumentEntity))
        g.add((node, NG.document, doc))
        g.add((node, NG.localLabel, Literal(e.label)))
        for name in e.names:
            g.add((node, NG.name, Literal(name)))
        g.add((node, NG.typeVotes, Literal(_votes_text(e.votes))))
        g.add((node, NG.mentionCount, _int(e.mentions)))
        g.add((node, NG.confidence, _dec(e.confidence)))
        g.add((node, NG.denotes, iri_of[(h, e.key)]))
    for q in r.quotes:
        node = quote_iri(h, q.start, q.end)
        g.add((node, RDF.type, NG.Quote))
        g.add((node, NG.text, Literal(q.text)))
        g.add((node, NG.document, doc))
        g.add((node, NG.start, _int(q.start)))
        g.add((node, NG.end, _int(q.end)))
        g.add((node, NG.confidence, _dec(q.confidence)))
        g.add((node, NG.method, Literal(q.rule)))
        if q.cue:
            g.add((node, NG.cue, Literal(q.cue)))
        if q.speaker_text:
            g.add((node, NG.speakerText, Literal(q.speaker_text)))
        if q.speaker and q.speaker in local:
            g.add((node, NG.speakerMention, local[q.speaker]))
            g.add((iri_of[(h, q.speaker)], NG.said, node))
    for c in r.claims:
        if not c.speaker or c.speaker not in local:
            continue
        node = claim_iri(h, c.start, c.end)
        g.add((node, RDF.type, NG.Claim))
        g.add((node, NG.text, Literal(c.text)))
        g.add((node, NG.document, doc))
        g.add((node, NG.start, _int(c.start)))
        g.add((node, NG.end, _int(c.end)))
        g.add((node, NG.cue, Literal(c.cue)))
        g.add((node, NG.speakerText, Literal(c.speaker_text)))
        g.add((node, NG.speakerMention, local[c.speaker]))
        g.add((node, NG.claimedBy, iri_of[(h, c.speaker)]))
        g.add((node, NG.confidence, _dec(c.confidence)))
        g.add((node, NG.method, Literal(c.rule)))
    for f in r.facts:
        subj = iri_of.get((h, f.subject))
        obj = iri_of.get((h, f.object)) if f.object else None
        if not _fits(f, subj, obj, type_of):
            # The entities' types (decided over the whole graph) do not fit the relation, so it is
            # no direct triple; the document keeps it as a candidate, so that a rebuild with more
            # documents (merge, a store) can still accept it.
            _add_fact(g, ng_class=NG.Candidate, node=assertion_iri(h, f.predicate, f.subject, f.object, f.title,
                                                                     f.start, f.end, f.rule),
                      f=f, doc=doc, local=local, pred=PREDICATES[f.predicate])
            continue
        if f.predicate == "holdsPosition":
            target = _position(eg, titled, subj, f.title or "", obj)
        else:
            target = obj
        pred = PREDICATES[f.predicate]
        eg.add((subj, pred, target))
        node = assertion_iri(h, f.predicate, f.subject, f.object, f.title, f.start, f.end, f.rule)
        _add_fact(g, ng_class=NG.Assertion, node=node, f=f, doc=doc, local=local, pred=pred)
        g.add((node, RDF.subject, subj))
        g.add((node, RDF.object, target))


def _add_fact(g: _GraphSink, *, ng_class: URIRef, node: URIRef, f: FactRecord, doc: URIRef, local: dict,
              pred: URIRef) -> None:
    """What an assertion (or a candidate) says about its evidence."""
    g.add((node, RDF.type, ng_class))
    g.add((node, RDF.predicate, pred))
    g.add((node, NG.subjectMention, local[f.subject]))
    if f.object:
        g.add((node, NG.objectMention, local[f.object]))
    g.add((node, NG.document, doc))
    g.add((node, NG.start, _int(f.start)))
    g.add((node, NG.end, _int(f.end)))
    g.add((node, NG.confidence, _dec(f.confidence)))
    g.add((node, NG.method, Literal(f.rule)))
    g.add((node, NG.evidence, Literal(f.evidence)))
    if f.title is not None:
        g.add((node, NG.title, Literal(f.title)))


def _add_direct(eg: _GraphSink, titled: set, r: DocRecord, iri_of: dict, type_of: dict) -> None:
    """The entity-graph share of a document: direct triples and positions (as in _add_document)."""
    h = r.meta.content_hash
    for f in r.facts:
        subj = iri_of.get((h, f.subject))
        obj = iri_of.get((h, f.object)) if f.object else None
        if not _fits(f, subj, obj, type_of):
            continue
        if f.predicate == "holdsPosition":
            target = _position(eg, titled, subj, f.title or "", obj)
        else:
            target = obj
        eg.add((subj, PREDICATES[f.predicate], target))


def _fits(f: FactRecord, subj: URIRef | None, obj: URIRef | None, type_of: dict) -> bool:
    """Whether the entities' graph-wide types fit the relation (else it stays a candidate)."""
    want_s, want_o = SIGNATURES[f.predicate]
    return not (subj is None or type_of[subj] not in want_s or (obj is not None and type_of[obj] not in want_o)
                or (f.predicate != "holdsPosition" and (obj is None or obj == subj)))


def _position(eg: _GraphSink, titled: set, subj: URIRef, title: str, obj: URIRef | None) -> URIRef:
    target = position_iri(subj, title, obj)
    eg.add((target, RDF.type, NG.Position))
    if target not in titled:
        titled.add(target)
        eg.add((target, NG.title, Literal(title)))
    if obj is not None:
        eg.add((target, NG.organization, obj))
    return target
