"""A store commit that adds documents without resolving the whole store again.

``resolution.ResolutionState`` says which entities changed; this module turns that into the
change of the graph: the named graphs of the new documents and of the documents whose
entities got another IRI or type, and the entity graph's difference. The entity graph is kept
as counts: how many sources (an entity's description, a document, a run, a retired IRI) give
each triple, so a triple leaves the graph when its last source does. A position's title is the
one the first document (by content hash) wrote, kept per document in ``titles``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rdflib import OWL, URIRef
from rdflib.term import Node
from rdflib.util import from_n3

from newsgraph.ontology import NG

from .aliases import AliasEntry, with_defaults
from .build import GraphParts, _describe_entity, document_share, linked_keys, signature, signature_of
from .codec import Quad, denotes, run_quads
from .iris import ENTITY_GRAPH, document_iri
from .records import DocRecord, LocalEntity, RunInfo
from .resolution import Changes, ResolutionState

Triple = tuple[Node, Node, Node]


def triple_key(t: Triple) -> int:
    """A triple's key in the counts table (64 bits of BLAKE2b over its N-Triples terms)."""
    text = " ".join(x.n3() for x in t).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big", signed=True)


@dataclass
class Update:
    """What to do to a copy of the live generation."""

    graphs: dict[str, list[Quad]] = field(default_factory=dict)  # named-graph quads to add, by document
    remove: list[Quad] = field(default_factory=list)  # quads to remove (entity graph and named graphs)
    add: list[Quad] = field(default_factory=list)  # entity-graph quads to add
    retired: dict[str, str] = field(default_factory=dict)
    # of the documents written: (signature, their linked keys as JSON, or None: as they were)
    signatures: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def retire(
    previous: Mapping[str, str], moved: Iterable[tuple[str, str]], live: Callable[[str], bool]
) -> dict[str, str]:
    """Entity IRIs that are no longer entities but whose document entities now belong to
    another one (``moved``: (old IRI, new IRI) of each document entity whose entity changed):
    the old IRI stays resolvable through owl:sameAs, so links users saved keep working.
    Chains are followed; a link whose old IRI is an entity again or whose target is gone drops."""
    retired = dict(previous)
    for old, new in moved:
        if old != new and not live(old):
            retired[old] = new
    out = {}
    for old, new in retired.items():
        seen = set()
        while new in retired and not live(new) and new not in seen:
            seen.add(new)
            new = retired[new]
        if not live(old) and live(new):
            out[old] = new
    return out


def same_as(retired: Mapping[str, str]) -> list[Triple]:
    return [(URIRef(old), OWL.sameAs, URIRef(new)) for old, new in sorted(retired.items())]


def _maps(h: str, info: Mapping[str, tuple[str, str]]) -> tuple[dict, dict]:
    iri_of = {(h, k): URIRef(iri) for k, (iri, _) in info.items()}
    return iri_of, {URIRef(iri): t for iri, t in info.values()}


class Counts:
    """Changes to the entity graph's counts and titles, applied to the state at the end."""

    def __init__(self) -> None:
        self.delta: Counter = Counter()
        self.titles: dict[int, list[tuple[str, str, int, str]]] = {+1: [], -1: []}  # rows to add, to remove

    def share(self, h: str, entity: Sequence[Triple], titles: Sequence[tuple[int, Node, Node]], sign: int) -> None:
        for t in entity:
            self.delta[t] += sign
        self.titles[sign] += [(s.n3(), h, n, o.n3()) for n, s, o in titles]

    def apply(self, state: ResolutionState, up: Update) -> None:
        """Write the new counts and titles to ``state``; put the entity-graph quads that appear
        or go into ``up``."""
        changes = {triple_key(t): (t, d) for t, d in self.delta.items() if d}
        have = dict(state._in("SELECT h, n FROM sources WHERE h IN (%s)", changes))
        keep: list[tuple[int, int]] = []
        drop: list[tuple[int, int]] = []
        for k, (t, d) in changes.items():
            old = have.get(k, 0)
            n = old + d
            if n < 0:
                raise RuntimeError(f"the entity graph's counts went below zero for {t}")
            if old == 0 and n > 0:
                up.add.append((*t, ENTITY_GRAPH))
            elif old > 0 and n == 0:
                up.remove.append((*t, ENTITY_GRAPH))
            (keep if n else drop).append((k, n))
        state.db.executemany("INSERT OR REPLACE INTO sources VALUES (?, ?)", keep)
        state._in("DELETE FROM sources WHERE h IN (%s)", [k for k, _ in drop])
        positions = {row[0] for rows in self.titles.values() for row in rows}
        before = _first_titles(state, positions)
        state.db.executemany(
            "DELETE FROM titles WHERE rowid = (SELECT rowid FROM titles WHERE s = ? AND doc = ? AND nth = ? AND o = ?)",
            self.titles[-1],
        )
        state.db.executemany("INSERT INTO titles VALUES (?, ?, ?, ?)", self.titles[+1])
        after = _first_titles(state, positions)
        for s in sorted(positions):
            if before.get(s) != after.get(s):
                if s in before:
                    up.remove.append(_title(s, before[s]))
                if s in after:
                    up.add.append(_title(s, after[s]))


def _title(position: str, title: str) -> Quad:
    """The title quad of a position, from the N-Triples terms the titles table keeps."""
    s, o = from_n3(position), from_n3(title)
    assert isinstance(s, Node) and isinstance(o, Node)
    return (s, NG.title, o, ENTITY_GRAPH)


def _first_titles(state: ResolutionState, positions: Iterable[str]) -> dict[str, str]:
    first: dict[str, str] = {}
    rows = state._in("SELECT s, o, doc, nth FROM titles WHERE s IN (%s)", positions)
    for s, o, _, _ in sorted(rows, key=lambda r: r[2:]):
        first.setdefault(s, o)
    return first


def incremental(
    state: ResolutionState,
    new: Sequence[DocRecord],
    runs: Sequence[RunInfo],
    aliases: Sequence[AliasEntry],
    retired: Mapping[str, str],
    read: Callable[[str], DocRecord],
) -> Update:
    """The change that adds the documents ``new`` (and ``runs``) to the store ``state`` keeps.

    Raises:
        resolution.Rebuild: sums cannot make this change (``state`` is left to roll back).
    """
    docs = sorted(new, key=lambda r: r.meta.content_hash)
    fresh = {r.meta.content_hash for r in docs}

    def load(pairs: Sequence[tuple[str, str]]) -> list[LocalEntity]:
        by_doc: dict[str, dict[str, LocalEntity]] = {}
        for doc, _ in pairs:
            if doc not in by_doc:
                by_doc[doc] = {e.key: e for e in read(doc).entities}
        return [by_doc[doc][key] for doc, key in pairs]

    ch = state.add([e for r in docs for e in r.entities], with_defaults(aliases), load)
    counts, up = Counts(), Update()
    for iri, ent in ch.before.values():
        counts.delta.subtract(_describe_entity(URIRef(iri), ent))
    for iri, ent in ch.after.values():
        counts.delta.update(_describe_entity(URIRef(iri), ent))
    moved = _documents(state, ch, sorted(ch.docs - fresh), read, counts, up)
    _shares(state, docs, counts, up)
    for run in runs:
        counts.delta.update(run_quads(run))
    up.retired = retire(retired, moved, state.live)
    counts.delta.subtract(same_as(retired))
    counts.delta.update(same_as(up.retired))
    counts.apply(state, up)
    state.db.executemany(
        "INSERT INTO docs VALUES (?, ?, ?) ON CONFLICT(doc) DO UPDATE SET sig = excluded.sig",
        [(h, sig, linked) for h, (sig, linked) in sorted(up.signatures.items())],
    )
    return up


def _documents(
    state: ResolutionState,
    ch: Changes,
    hashes: Sequence[str],
    read: Callable[[str], DocRecord],
    counts: Counts,
    up: Update,
) -> list[tuple[str, str]]:
    """Kept documents whose entities changed: their share again, where their signature moved.
    Returns (old IRI, new IRI) of each of their document entities whose entity changed."""
    moved = []
    infos, signatures = state.iris_of(hashes), state.signatures_of(hashes)
    for h in hashes:
        now = infos[h]
        old = {k: ch.moved.get((h, k), v) for k, v in now.items()}
        moved += [(old[k][0], now[k][0]) for k in now if (h, k) in ch.moved]
        if old == now:
            continue
        sig = signature_of(h, now)
        kept_sig, linked = signatures.get(h, (None, None))
        if sig == kept_sig:
            continue
        up.signatures[h] = (sig, None)
        keys = {k for k in now if old[k] != now[k]}
        if linked is not None and keys.isdisjoint(linked):
            _relink(h, keys, old, now, up)  # no fact, quote or claim names them: no need to read it
            continue
        # only what changed in its named graph: the quads of its facts, quotes, claims and
        # document entities that involve an entity that moved (a whole graph again would cost
        # ~20 µs a quad to remove and 2-3 ms to make)
        r = read(h)
        before = document_share(r, *_maps(h, old), linked_only=True, keys=keys)
        after = document_share(r, *_maps(h, now), linked_only=True, keys=keys)
        counts.share(h, before.entity, before.titles, -1)
        counts.share(h, after.entity, after.titles, +1)
        gone, kept = set(before.named), set(after.named)
        up.remove += [q for q in before.named if q not in kept]
        up.graphs[h] = [q for q in after.named if q not in gone]
    return moved


def _relink(h: str, keys: set[str], old: Mapping, now: Mapping, up: Update) -> None:
    """A document's entities that moved but that none of its facts, quotes or claims names:
    only their ``ng:denotes`` changes (``codec.linked_quads``)."""
    name = document_iri(h)
    for k in sorted(keys):
        if old[k][0] != now[k][0]:
            up.remove.append((*denotes(h, k, URIRef(old[k][0])), name))
            up.graphs.setdefault(h, []).append((*denotes(h, k, URIRef(now[k][0])), name))


def _shares(state: ResolutionState, docs: Sequence[DocRecord], counts: Counts, up: Update) -> None:
    """New documents: their whole share."""
    infos = state.iris_of([r.meta.content_hash for r in docs])
    for r in docs:
        h = r.meta.content_hash
        iri_of, type_of = _maps(h, infos.get(h, {}))
        share = document_share(r, iri_of, type_of)
        counts.share(h, share.entity, share.titles, +1)
        up.graphs[h] = share.named
        up.signatures[h] = (signature(r, iri_of, type_of), json.dumps(sorted(linked_keys(r))))


def keep_parts(
    state: ResolutionState, records: Sequence[DocRecord], aliases: Sequence[AliasEntry], parts: GraphParts
) -> None:
    """Rebuild ``state`` from a whole build's parts and the records it was built from."""
    unique = {r.meta.content_hash: r for r in records}
    state.rebuild([e for h in sorted(unique) for e in unique[h].entities], with_defaults(aliases))
    state.db.executemany(
        "INSERT INTO docs VALUES (?, ?, ?)",
        [(h, sig, json.dumps(sorted(linked_keys(unique[h])))) for h, sig in sorted(parts.signatures.items())],
    )
    rows: Counter = Counter()
    for t, n in parts.sources.items():
        rows[triple_key(t)] += n
    state.db.executemany("INSERT INTO sources VALUES (?, ?)", [(k, n) for k, n in rows.items() if n > 0])
    state.db.executemany(
        "INSERT INTO titles VALUES (?, ?, ?, ?)", [(s.n3(), h, n, o.n3()) for s, h, n, o in parts.titles]
    )
