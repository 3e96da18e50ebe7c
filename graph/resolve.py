"""Entities across documents: which document entities are one real-world entity.

Blocking keys, not all-pairs comparison: every rule below looks names up in dictionaries,
so the cost grows linearly with the number of document entities.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.extract.unionfind import UnionFind
from newsgraph.extract.names import canonical_label, initials, is_acronym, name_key, person_like, strip_name

from .aliases import AliasEntry

TYPE_ORDER = ("Person", "Organization", "Place", "Event")


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
        if pa or pb:
            self.pin[min(ra, rb)] = pa or pb


def _strong(name: str) -> bool:
    """A name that identifies one entity on its own: several words, or an acronym."""
    stripped = strip_name(name)
    return len(stripped.split(" ")) >= 2 or is_acronym(stripped)


def _type_of(votes: Counter) -> str:
    return max(TYPE_ORDER, key=lambda t: (votes[t], -TYPE_ORDER.index(t)))


def resolve(locals_: Sequence[LocalEntity], aliases: Sequence[AliasEntry] = ()) -> list[ResolvedEntity]:
    """Group document entities into entities.

    Rules, in order: the same canonical name; a shared strong alias (several words, or an
    acronym) that no two different full person names share; a surname or first name alone
    that fits exactly one person in the whole graph; an acronym that spells the initials of
    exactly one entity's name. The result does not depend on the order of ``locals_``.

    Args:
        locals_: the document entities of every document in the graph.
        aliases: user alias entries: a document entity named by an entry belongs to it, takes
            its label and type, and never joins another entry's entity.
    """
    n = len(locals_)
    entry_of_key = {k: e for e in aliases for k in e.keys()}
    pins: dict[int, str] = {}
    for i, e in enumerate(locals_):
        for name in (e.label, *e.names):
            entry = entry_of_key.get(name_key(name))
            if entry is not None:
                pins[i] = entry.id
                break
    uf = _UnionFind(n, pins)
    first_of_entry: dict[str, int] = {}
    for i, pin in sorted(pins.items()):
        if pin in first_of_entry:
            uf.union(first_of_entry[pin], i)
        else:
            first_of_entry[pin] = i
    by_label: dict[str, list[int]] = defaultdict(list)
    by_alias: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(locals_):
        by_label[name_key(e.label)].append(i)
        for name in e.names:
            if _strong(name):
                by_alias[name_key(name)].append(i)
    for idxs in by_label.values():
        for j in idxs[1:]:
            uf.union(idxs[0], j)
    for key, idxs in by_alias.items():
        persons = {name_key(locals_[i].label) for i in idxs if person_like(locals_[i].label)}
        if len(persons) > 1 and not is_acronym(key.upper()):
            continue  # two different full names share this alias: not evidence of one entity
        for j in idxs[1:]:
            uf.union(idxs[0], j)
    groups = uf.groups()
    # Short names: "Khamenei" alone joins the one person whose full name ends (or starts) with it.
    full: dict[str, set[int]] = defaultdict(set)
    spelled: dict[str, set[int]] = defaultdict(set)
    for root, idxs in groups.items():
        for i in idxs:
            label = strip_name(locals_[i].label)
            if person_like(label):
                words = label.casefold().split(" ")
                full[words[-1]].add(root)
                full[words[0]].add(root)
            if len(label.split(" ")) >= 2:
                spelled[initials(label)].add(root)
    for root, idxs in list(groups.items()):
        names = {strip_name(n) for i in idxs for n in locals_[i].names}
        if all(len(x.split(" ")) == 1 for x in names):
            votes: Counter = Counter()
            for i in idxs:
                votes.update(dict(locals_[i].votes))
            if all(not is_acronym(x) for x in names):
                if _type_of(votes) != "Person":
                    continue  # "Tory" (a party) is not the surname of "Tory Treasurer Lord"
                fits = set().union(*(full.get(x.casefold(), set()) for x in names)) - {root}
            else:
                fits = set().union(*(spelled.get(x, set()) for x in names if is_acronym(x))) - {root}
            if len(fits) == 1:
                uf.union(root, next(iter(fits)))
    out = []
    for root, idxs in sorted(uf.groups().items(), key=lambda kv: min(locals_[i].doc + locals_[i].key for i in kv[1])):
        votes: Counter = Counter()
        names: list[str] = []
        mentions = 0
        for i in idxs:
            e = locals_[i]
            votes.update(dict(e.votes))
            names.extend([e.label] * max(1, e.mentions))
            names.extend(e.names)
            mentions += e.mentions
        entry = next((e for e in aliases if e.id == uf.pin.get(root)), None) if aliases else None
        label = entry.label if entry else canonical_label(names)
        etype = entry.type if entry and entry.type else _type_of(votes)
        all_names = tuple(dict.fromkeys([label, *sorted(set(n for i in idxs for n in locals_[i].names))]))
        out.append(ResolvedEntity(label, etype, all_names, tuple(sorted(idxs)), mentions,
                                  entry.same_as if entry else None))
    return out
