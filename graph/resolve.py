"""Entities across documents: which document entities are one real-world entity.

Blocking keys, not all-pairs comparison: every rule below looks names up in dictionaries,
so the cost grows linearly with the number of document entities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import fsum

from newsgraph.extract.mentions.linking import NameIndex, link_short_names
from newsgraph.extract.mentions.names import canonical_label, is_acronym, name_key, person_like, strip_name
from newsgraph.extract.schema import PERSON, vote_type
from newsgraph.extract.unionfind import UnionFind

from .aliases import AliasEntry, with_defaults
from .records import LocalEntity


@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    label: str
    type: str
    names: tuple[str, ...]  # every name, as written, label first
    members: tuple[int, ...]  # indices into the LocalEntity list
    mentions: int
    same_as: str | None = None


class _UnionFind(UnionFind):
    """Union-find whose sets may carry a pin (a user alias entry): two pins never join."""

    def __init__(self, n: int, pins: dict[int, str] | None = None) -> None:
        super().__init__(n)
        self.pin: dict[int, str] = dict(pins or {})

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        pa, pb = self.pin.get(ra), self.pin.get(rb)
        if pa is not None and pb is not None and pa != pb:
            return  # the alias file says these are different entities
        super().union(ra, rb)
        pin = pa or pb
        if pin is not None:
            self.pin[min(ra, rb)] = pin


def _strong(name: str) -> bool:
    """A name that identifies one entity on its own: several words, or an acronym."""
    stripped = strip_name(name)
    return len(stripped.split(" ")) >= 2 or is_acronym(stripped)


def resolve(locals_: Sequence[LocalEntity], aliases: Sequence[AliasEntry] = ()) -> list[ResolvedEntity]:
    """Group document entities into entities.

    Rules, in order: the same canonical name; a shared strong alias (several words, or an
    acronym) that no two different full person names share; a surname or first name alone
    that fits exactly one person in the whole graph, or an acronym that spells the initials of
    exactly one entity's name (``newsgraph.extract.mentions.linking``). The result does not depend on
    the order of ``locals_``.

    Args:
        locals_: the document entities of every document in the graph.
        aliases: user alias entries: a document entity named by an entry belongs to it, takes
            its label and type, and never joins another entry's entity. The package's default
            entries (``aliases.default_aliases``) apply where the user's share no name.
    """
    aliases = with_defaults(aliases)
    uf = first_phase(locals_, aliases)
    _link_short_names(locals_, uf)
    return entities_of(locals_, [(idxs, uf.pin.get(root)) for root, idxs in uf.groups().items()], aliases)


def first_phase(locals_: Sequence[LocalEntity], aliases: Sequence[AliasEntry]) -> _UnionFind:
    """Alias pins, then the same canonical name and shared strong aliases (``aliases`` with the
    defaults already added). A store keeps the groups this makes (``graph.resolution``)."""
    uf = _pinned(locals_, aliases)
    _link_names(locals_, uf)
    return uf


def summed_votes(votes: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Votes summed exactly (``math.fsum``: correctly rounded), so the sum does not depend on
    the order of the document entities: a store adds a batch's votes to kept sums."""
    by_type: dict[str, list[float]] = defaultdict(list)
    for t, w in votes:
        by_type[t].append(w)
    return {t: fsum(ws) for t, ws in by_type.items()}


def entities_of(
    locals_: Sequence[LocalEntity], groups: Sequence[tuple[list[int], str | None]], aliases: Sequence[AliasEntry]
) -> list[ResolvedEntity]:
    """The resolved entities of a partition of ``locals_`` (each group with the alias entry it
    is pinned to, if any): label, type, names and mentions, in the order of their first
    document entity. ``resolve_sql`` ends here too."""
    out = []
    by_id = {e.id: e for e in aliases}
    for idxs, pin in sorted(groups, key=lambda g: min(locals_[i].doc + locals_[i].key for i in g[0])):
        names: list[str] = []
        mentions = 0
        for i in idxs:
            e = locals_[i]
            names.extend([e.label] * max(1, e.mentions))
            names.extend(e.names)
            mentions += e.mentions
        entry = by_id.get(pin) if pin is not None else None
        label = entry.label if entry else canonical_label(names)
        etype = (
            entry.type if entry and entry.type else vote_type(summed_votes(v for i in idxs for v in locals_[i].votes))
        )
        all_names = tuple(dict.fromkeys([label, *sorted({n for i in idxs for n in locals_[i].names})]))
        out.append(
            ResolvedEntity(label, etype, all_names, tuple(sorted(idxs)), mentions, entry.same_as if entry else None)
        )
    return out


def _pinned(locals_: Sequence[LocalEntity], aliases: Sequence[AliasEntry]) -> _UnionFind:
    """A union-find over the document entities, each entity an alias entry names pinned to it
    and joined with the others of that entry."""
    entry_of_key = {k: e for e in aliases for k in e.keys()}
    pins = {i: pin for i, e in enumerate(locals_) if (pin := pin_of(e, entry_of_key)) is not None}
    uf = _UnionFind(len(locals_), pins)
    first_of_entry: dict[str, int] = {}
    for i, pin in sorted(pins.items()):
        if pin in first_of_entry:
            uf.union(first_of_entry[pin], i)
        else:
            first_of_entry[pin] = i
    return uf


def pin_of(e: LocalEntity, entry_of_key: Mapping[str, AliasEntry]) -> str | None:
    """The alias entry a document entity belongs to: the first of its names (label first) that
    an entry names (an entry for labels only takes only a label)."""
    for name in (e.label, *e.names):
        entry = entry_of_key.get(name_key(name))
        if entry is not None and (name == e.label or not entry.label_only):
            return entry.id
    return None


def blocking_keys(e: LocalEntity) -> tuple[str, list[str], str | None]:
    """What linking by name reads of a document entity (here and in ``resolve_sql``): its
    label's key, the keys of its strong aliases, and its label's key again if the label is a
    full person name (an alias two different ones share joins nobody)."""
    label = name_key(e.label)
    return label, [name_key(n) for n in e.names if _strong(n)], label if person_like(e.label) else None


def spelled_alias(key: str) -> bool:
    """An acronym alias joins all who share it, even two different people's names."""
    return is_acronym(key.upper())


def _link_names(locals_: Sequence[LocalEntity], uf: _UnionFind) -> None:
    """The same canonical name; a shared strong alias no two different full person names share."""
    by_label: dict[str, list[int]] = defaultdict(list)
    by_alias: dict[str, list[int]] = defaultdict(list)
    person: list[str | None] = []
    for i, e in enumerate(locals_):
        label, aliases, full_name = blocking_keys(e)
        by_label[label].append(i)
        person.append(full_name)
        for key in aliases:
            by_alias[key].append(i)
    for idxs in by_label.values():
        for j in idxs[1:]:
            uf.union(idxs[0], j)
    for key, idxs in by_alias.items():
        persons = {person[i] for i in idxs} - {None}
        if len(persons) > 1 and not spelled_alias(key):
            continue  # two different full names share this alias: not evidence of one entity
        for j in idxs[1:]:
            uf.union(idxs[0], j)


def _link_short_names(locals_: Sequence[LocalEntity], uf: _UnionFind) -> None:
    """ "Khamenei" alone joins the one person whose full name ends (or starts) with it; "NCRI"
    the one entity whose name it spells."""
    groups = uf.groups()
    index: NameIndex[int] = NameIndex()
    votes: dict[int, dict[str, float]] = {}
    for root, idxs in groups.items():
        votes[root] = summed_votes(v for i in idxs for v in locals_[i].votes)
        for i in idxs:
            index.add(locals_[i].label, root)
    names = {root: [n for i in idxs for n in locals_[i].names] for root, idxs in groups.items()}
    fits = link_short_names(names, index, is_person=lambda root: vote_type(votes[root]) == PERSON)
    for root, owners in fits.items():
        if len(owners) == 1:
            uf.union(root, next(iter(owners)))
