"""Document records -> one RDF dataset: a named graph per document, one for entities."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import OWL, RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import PROV, SKOS
from rdflib.term import Node

from newsgraph.extract.mentions.names import clean
from newsgraph.ontology import NG

from .aliases import AliasEntry
from .codec import PREDICATES, Quad, integer, linked_quads, run_quads, string, to_quads
from .iris import ENTITY_GRAPH, document_entity_iri, document_iri, entity_iri
from .records import ClaimRecord, DocRecord, LocalEntity, QuoteRecord, RunInfo
from .resolve import ResolvedEntity, resolve

__all__ = ["CLASSES", "PREDICATES", "GraphParts", "RunInfo", "build_dataset", "build_parts", "build_quads"]

CLASSES = {"Person": NG.Person, "Organization": NG.Organization, "Place": NG.Place, "Event": NG.Event}


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    ds.bind("ng", NG._NS)
    ds.bind("ngr", "https://w3id.org/newsgraph/id/")
    ds.bind("skos", SKOS)
    ds.bind("prov", PROV)
    return ds


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
    sources: Counter = field(default_factory=Counter)  # entity-graph triples, titles apart: how many give each
    titles: list[tuple[Node, str, int, Node]] = field(default_factory=list)  # (position, doc, nth, title)

    def quads(self) -> list[tuple]:
        """Every quad, each once: a document's quads are distinct (``document_share``) and in
        its own named graph, so only the entity graph's need their repeats dropped."""
        out = list(dict.fromkeys(self.entity_quads))
        for h in sorted(self.doc_quads):
            out += self.doc_quads[h]
        return out


def build_quads(
    records: Sequence[DocRecord], runs: Iterable[RunInfo] = (), aliases: Sequence[AliasEntry] = ()
) -> list[tuple]:
    """The quads (subject, predicate, object, graph name) of the whole graph of these documents.

    Entities are resolved across all documents at once, so the result does not depend on the
    order of ``records``; a document given twice (same content hash) counts once.
    """
    return build_parts(records, runs, aliases).quads()


# NEWSGRAPH_RESOLVER=duckdb resolves entities in DuckDB (resolve_sql: the same entities). Not
# the default: on this machine it is no faster and needs more memory than the Python resolver
# up to the 3 million document entities measured (bench/er_scale.py: 1M in 25.7 s against
# 22.1 s; 3M in 86 s and 1,982 MB at peak against 90 s and 1,199 MB); docs/scaling.md says
# where it is meant to take over.
RESOLVER_SETTING = "NEWSGRAPH_RESOLVER"


def _resolve(locals_: list[LocalEntity], aliases: Sequence[AliasEntry]) -> list[ResolvedEntity]:
    if os.environ.get(RESOLVER_SETTING, "python") == "duckdb":
        from .resolve_sql import resolve_sql

        return resolve_sql(locals_, aliases).entities
    return resolve(locals_, aliases)


def build_parts(
    records: Sequence[DocRecord],
    runs: Iterable[RunInfo] = (),
    aliases: Sequence[AliasEntry] = (),
    *,
    known: Mapping[str, str] | None = None,
) -> GraphParts:
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
    used, iri_of = _entity_iris(locals_, _resolve(locals_, aliases))
    type_of = {iri: ent.type for iri, ent in used.items()}
    sources: Counter = Counter()
    for iri, ent in used.items():
        sources.update(_describe_entity(iri, ent))
    doc_quads: dict[str, list[Quad]] = {}
    signatures: dict[str, str] = {}
    denotes: dict[str, str] = {}
    titles: list[tuple[Node, str, int, Node]] = []
    for r in docs:
        h = r.meta.content_hash
        for e in r.entities:
            denotes[str(document_entity_iri(h, e.key))] = str(iri_of[(h, e.key)])
        signatures[h] = signature(r, iri_of, type_of)
        named = known is None or known.get(h) != signatures[h]
        share = document_share(r, iri_of, type_of, named=named)
        sources.update(share.entity)
        titles += [(s, h, n, o) for n, s, o in share.titles]
        if named:
            doc_quads[h] = share.named
    for run in runs:
        sources.update(run_quads(run))
    return GraphParts(
        entity_graph(sources, titles), doc_quads, signatures, denotes, sorted(str(i) for i in used), sources, titles
    )


def signature(r: DocRecord, iri_of: Mapping[tuple[str, str], URIRef], type_of: Mapping[URIRef, str]) -> str:
    """What a document's named graph depends on besides its record: the IRIs and graph-wide
    types of its entities."""
    h = r.meta.content_hash
    return signature_of(h, {e.key: (str(iri_of[(h, e.key)]), type_of[iri_of[(h, e.key)]]) for e in r.entities})


def signature_of(h: str, entities: Mapping[str, tuple[str, str]]) -> str:
    """The same from each document entity's (IRI, type), by local key."""
    ents = sorted((k, iri, t) for k, (iri, t) in entities.items())
    return hashlib.sha1(json.dumps([h, ents]).encode()).hexdigest()


def linked_keys(r: DocRecord) -> set[str]:
    """The local keys its facts, quotes and claims name: a document entity not among them
    changes only its ``ng:denotes`` when its entity moves."""
    keys = {k for f in r.facts for k in (f.subject, f.object) if k}
    spoken: list[QuoteRecord | ClaimRecord] = [*r.quotes, *r.claims]
    for said in spoken:
        keys.update(said.mentions, [said.speaker] if said.speaker else [])
    return keys


@dataclass
class DocumentShare:
    """What one document gives the graph: triples of the entity graph (titles apart, in the
    order written) and its named graph's quads (when asked for)."""

    entity: list[tuple[Node, Node, Node]]
    titles: list[tuple[int, Node, Node]]  # (the fact's index, position, title)
    named: list[Quad]


def document_share(
    r: DocRecord,
    iri_of: Mapping[tuple[str, str], URIRef],
    type_of: Mapping[URIRef, str],
    *,
    named: bool = True,
    linked_only: bool = False,
    keys: AbstractSet[str] | None = None,
) -> DocumentShare:
    """Its share (``linked_only``: of its named graph, only what depends on its entities'
    IRIs and types, for the facts, quotes and claims of ``keys`` if given: ``codec.linked_quads``)."""
    if linked_only:
        triples = linked_quads(r, iri_of, type_of, keys)
    else:
        triples = to_quads(r, iri_of, type_of, named=named)
    share = DocumentShare([t for t in triples.entity if t[1] != NG.title], triples.titles, [])
    if named:
        name = document_iri(r.meta.content_hash)
        share.named = list(dict.fromkeys((s, p, o, name) for s, p, o in triples.named))
    return share


def entity_graph(sources: Counter, titles: Sequence[tuple[Node, str, int, Node]]) -> list[Quad]:
    """The entity graph: every triple some source gives, and each position's title as the
    first document (by content hash) wrote it ("Leader" and "leader" are one position)."""
    first: dict[Node, Node] = {}
    for s, _, _, o in sorted(titles, key=lambda t: (t[1], t[2])):
        first.setdefault(s, o)
    quads = [(s, p, o, ENTITY_GRAPH) for (s, p, o), n in sources.items() if n > 0]
    return quads + [(s, NG.title, o, ENTITY_GRAPH) for s, o in first.items()]


def _entity_iris(
    locals_: Sequence[LocalEntity], resolved: Sequence[ResolvedEntity]
) -> tuple[dict[URIRef, ResolvedEntity], dict[tuple[str, str], URIRef]]:
    """Each resolved entity's IRI, and the IRI of each (document, local key)."""
    iri_of: dict[tuple[str, str], URIRef] = {}
    used: dict[URIRef, ResolvedEntity] = {}
    taken: Counter = Counter()
    for ent in resolved:
        iri = base = entity_iri(ent.label)
        while iri in used:  # two entities whose names fold alike but were kept apart
            taken[base] += 1
            iri = URIRef(f"{base}-{taken[base] + 1}")
        used[iri] = ent
        for i in ent.members:
            iri_of[(locals_[i].doc, locals_[i].key)] = iri
    return used, iri_of


class Described(Protocol):
    """What an entity's description reads (``resolve.ResolvedEntity``, ``resolution.Entity``)."""

    @property
    def label(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def names(self) -> tuple[str, ...]: ...
    @property
    def mentions(self) -> int: ...
    @property
    def same_as(self) -> str | None: ...


def _describe_entity(iri: URIRef, ent: Described) -> list[tuple[Node, Node, Node]]:
    out: list[tuple[Node, Node, Node]] = [
        (iri, RDF.type, CLASSES[ent.type]),
        (iri, RDF.type, NG.Entity),
        (iri, RDFS.label, string(ent.label)),
        (iri, NG.mentionCount, integer(ent.mentions)),
    ]
    if ent.same_as:
        out.append((iri, OWL.sameAs, URIRef(ent.same_as)))
    for name in sorted({clean(n) for n in ent.names}):
        if name and name != ent.label:
            out.append((iri, SKOS.altLabel, string(name)))
    return out


def build_dataset(
    records: Sequence[DocRecord], runs: Iterable[RunInfo] = (), aliases: Sequence[AliasEntry] = ()
) -> Dataset:
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
