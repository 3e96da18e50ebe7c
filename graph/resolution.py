"""Entity resolution kept between store commits, so that adding a batch costs what it touches.

``resolve.resolve`` groups document entities in two phases: name groups (alias pins, the same
canonical name, shared strong aliases: ``resolve.first_phase``), then short names ("Hale",
"NCRI") linked to the one group whose full name they fit. A store keeps what both phases
made, in SQLite beside its generations (``STORE/resolution.sqlite``):

- each name group's sums: its names as written with their counts (``canonical_label`` reads
  only these), its labels, its votes as exact fractions, mentions, alias entry, first member;
- its blocking keys (label, strong alias, alias entry) and, per alias key, whose full person
  name holds it; the keys its labels are filed under and the keys a short-name group looks up;
- each group's short-name link, each entity (a group and the short-name groups linked to it)
  with its IRI.

Adding documents then costs the groups and keys they touch: a new document entity joins the
groups its keys name; a group joined by an alias key that a second full person name comes to
share (it joins nobody then) is grouped again from its members; the short-name groups looking
up a key whose owners changed are linked again. What this cannot do goes through
:class:`Rebuild` (the caller resolves every document again): two alias entries meeting in one
group, an IRI taken by two names; removals and a new alias file never come here (the store
rebuilds for them). The result is ``resolve``'s partition, labels, types and IRIs (tests
compare them).

SQLite (the standard library's), not DuckDB: a commit makes a few thousand point lookups and
small updates by key, the work SQLite's B-trees are built for.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass, field
from fractions import Fraction
from pathlib import Path

from newsgraph.extract.mentions.linking import fit_keys, index_keys, linkable, short_only
from newsgraph.extract.mentions.names import canonical_label
from newsgraph.extract.schema import PERSON, vote_type
from newsgraph.extract.unionfind import UnionFind

from .aliases import AliasEntry
from .iris import entity_iri
from .records import LocalEntity
from .resolve import blocking_keys, first_phase, pin_of, spelled_alias

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS locals(doc TEXT, key TEXT, grp INTEGER, PRIMARY KEY (doc, key));
CREATE INDEX IF NOT EXISTS locals_grp ON locals(grp);
CREATE TABLE IF NOT EXISTS groups(id INTEGER PRIMARY KEY, data TEXT, owner INTEGER, ent INTEGER);
CREATE INDEX IF NOT EXISTS groups_owner ON groups(owner);
CREATE TABLE IF NOT EXISTS gkeys(key TEXT, grp INTEGER, person TEXT);
CREATE INDEX IF NOT EXISTS gkeys_key ON gkeys(key);
CREATE INDEX IF NOT EXISTS gkeys_grp ON gkeys(grp);
CREATE TABLE IF NOT EXISTS filed(key TEXT, grp INTEGER);
CREATE INDEX IF NOT EXISTS filed_key ON filed(key);
CREATE INDEX IF NOT EXISTS filed_grp ON filed(grp);
CREATE TABLE IF NOT EXISTS lookups(key TEXT, grp INTEGER);
CREATE INDEX IF NOT EXISTS lookups_key ON lookups(key);
CREATE INDEX IF NOT EXISTS lookups_grp ON lookups(grp);
CREATE TABLE IF NOT EXISTS entities(id INTEGER PRIMARY KEY, iri TEXT, base TEXT, first TEXT, type TEXT, data TEXT);
CREATE INDEX IF NOT EXISTS entities_base ON entities(base);
CREATE INDEX IF NOT EXISTS entities_iri ON entities(iri);
CREATE TABLE IF NOT EXISTS docs(doc TEXT PRIMARY KEY, sig TEXT, linked TEXT);
CREATE TABLE IF NOT EXISTS sources(h INTEGER PRIMARY KEY, n INTEGER);
CREATE TABLE IF NOT EXISTS titles(s TEXT, doc TEXT, nth INTEGER, o TEXT);
CREATE INDEX IF NOT EXISTS titles_s ON titles(s);
CREATE INDEX IF NOT EXISTS titles_doc ON titles(doc);
"""


FORMAT = "1"  # of the tables; a state of another format is rebuilt


class Rebuild(Exception):
    """This change cannot be made by sums: resolve every document again."""


@dataclass
class Group:
    """A name group (phase 1) and the sums its entity is described from."""

    first: str  # the smallest document + local key of its members: the order of entities
    size: int = 0
    names: Counter = field(default_factory=Counter)  # label × mentions and names, as written
    written: set[str] = field(default_factory=set)  # the members' names (phase 2 reads these)
    labels: set[str] = field(default_factory=set)
    votes: dict[str, Fraction] = field(default_factory=dict)
    mentions: int = 0
    pin: str | None = None

    @classmethod
    def of(cls, e: LocalEntity, pin: str | None) -> Group:
        g = cls(e.doc + e.key, 1, Counter([e.label] * max(1, e.mentions) + list(e.names)))
        g.written, g.labels, g.mentions, g.pin = set(e.names), {e.label}, e.mentions, pin
        for t, w in e.votes:
            g.votes[t] = g.votes.get(t, Fraction(0)) + Fraction(w)
        return g

    def absorb(self, other: Group) -> None:
        self.first = min(self.first, other.first)
        self.size += other.size
        self.names.update(other.names)
        self.written |= other.written
        self.labels |= other.labels
        for t, w in other.votes.items():
            self.votes[t] = self.votes.get(t, Fraction(0)) + w
        self.mentions += other.mentions
        self.pin = self.pin or other.pin

    def type(self) -> str:
        # a Fraction sum is exact; its float is the correctly rounded sum resolve's fsum makes
        return vote_type({t: float(w) for t, w in self.votes.items()})

    def filed_under(self) -> set[str]:
        """The NameIndex keys its labels are filed under (``linking.index_keys``)."""
        return {f"{kind}\x1f{key}" for label in self.labels for kind, key in index_keys(label)}

    def looks_up(self) -> list[str]:
        """The keys it looks up if it is known only by short names and may be linked."""
        names = sorted(self.written)
        if not (short_only(names) and linkable(names, person=self.type() == PERSON)):
            return []
        return sorted({f"{kind}\x1f{key}" for kind, key in fit_keys(names)})

    def dumps(self) -> str:
        votes = {t: [w.numerator, w.denominator] for t, w in sorted(self.votes.items())}
        return json.dumps(
            [self.first, self.size, sorted(self.names.items()), sorted(self.written), sorted(self.labels), votes,
             self.mentions, self.pin]
        )  # fmt: skip

    @classmethod
    def loads(cls, text: str) -> Group:
        first, size, names, written, labels, votes, mentions, pin = json.loads(text)
        return cls(
            first, size, Counter(dict(names)), set(written), set(labels),
            {t: Fraction(n, d) for t, (n, d) in votes.items()}, mentions, pin,
        )  # fmt: skip


@dataclass(frozen=True)
class Entity:
    """An entity as the graph describes it (``resolve.ResolvedEntity`` without its members)."""

    first: str
    label: str
    type: str
    names: tuple[str, ...]
    mentions: int
    same_as: str | None

    @classmethod
    def of(cls, groups: Sequence[Group], entries: dict[str, AliasEntry]) -> Entity:
        """The entity of these groups, as ``resolve.entities_of`` describes it."""
        total = Group(min(g.first for g in groups))
        for g in groups:
            total.absorb(g)
        pins = {g.pin for g in groups if g.pin is not None}
        if len(pins) > 1:
            raise Rebuild("two alias entries in one entity")
        entry = entries.get(next(iter(pins))) if pins else None
        label = entry.label if entry else canonical_label(total.names)
        etype = entry.type if entry and entry.type else total.type()
        names = tuple(dict.fromkeys([label, *sorted(total.written)]))
        return cls(total.first, label, etype, names, total.mentions, entry.same_as if entry else None)

    def dumps(self) -> str:
        return json.dumps(list(astuple(self)))

    @classmethod
    def loads(cls, text: str) -> Entity:
        first, label, etype, names, mentions, same_as = json.loads(text)
        return cls(first, label, etype, tuple(names), mentions, same_as)


def assign_iris(entities: Iterable[tuple[int, Entity]], taken: set[str] | None = None) -> dict[int, str]:
    """IRIs in the order of ``entities`` (by first member), as ``build._entity_iris`` gives
    them: the label's IRI, or ``-2``, ``-3``... after it when names fold alike."""
    used: set[str] = set(taken or ())
    count: Counter = Counter()
    out = {}
    for eid, ent in entities:
        iri = base = str(entity_iri(ent.label))
        while iri in used:
            count[base] += 1
            iri = f"{base}-{count[base] + 1}"
        used.add(iri)
        out[eid] = iri
    return out


@dataclass
class Changes:
    """What a commit changed: each entity's IRI, type and description, before and after (by
    entity id), and, for document entities whose entity changed, the entity they had."""

    before: dict[int, tuple[str, Entity]] = field(default_factory=dict)
    after: dict[int, tuple[str, Entity]] = field(default_factory=dict)
    moved: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (doc, key) -> old (iri, type)

    @property
    def docs(self) -> set[str]:
        """Stored documents with a document entity whose entity changed."""
        return {doc for doc, _ in self.moved}


def _keys(e: LocalEntity, pin: str | None) -> tuple[list[str], str | None]:
    """A document entity's blocking keys (``resolve.blocking_keys``; ``l``abel, ``a``lias and
    alias ``p``in) and its full person name's key."""
    label, aliases, person = blocking_keys(e)
    keys = [f"l\x1f{label}", *(f"a\x1f{k}" for k in dict.fromkeys(aliases))]
    return keys + ([f"p\x1f{pin}"] if pin else []), person


def _chunks(items: Sequence, n: int = 500) -> Iterable[Sequence]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


class ResolutionState:
    """The resolution of a store's documents, kept in SQLite (see the module's docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.db = sqlite3.connect(str(path))
        self.db.executescript(SCHEMA)
        self.current = self.get("format") == FORMAT  # else only rebuild() may read it

    def close(self) -> None:
        self.db.close()

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _in(self, sql: str, values: Iterable) -> list[tuple]:
        """Rows of ``sql`` (one ``IN (%s)``) for every value, in chunks SQLite accepts."""
        values, out = list(dict.fromkeys(values)), []
        for part in _chunks(values):
            out += self.db.execute(sql % ",".join("?" * len(part)), part).fetchall()
        return out

    def groups(self, ids: Iterable[int]) -> dict[int, Group]:
        return {i: Group.loads(d) for i, d in self._in("SELECT id, data FROM groups WHERE id IN (%s)", ids)}

    def entity_of(self, group_ids: Iterable[int]) -> dict[int, int]:
        return dict(self._in("SELECT id, ent FROM groups WHERE id IN (%s)", group_ids))

    def entities(self, ids: Iterable[int]) -> dict[int, tuple[str, Entity]]:
        rows = self._in("SELECT id, iri, data FROM entities WHERE id IN (%s)", ids)
        return {i: (iri, Entity.loads(d)) for i, iri, d in rows}

    def iris_of(self, docs: Iterable[str]) -> dict[str, dict[str, tuple[str, str]]]:
        """Each document entity of these documents -> (entity IRI, type), by document."""
        out: dict[str, dict[str, tuple[str, str]]] = {}
        rows = self._in(
            "SELECT l.doc, l.key, e.iri, e.type FROM locals l JOIN groups g ON g.id = l.grp "
            "JOIN entities e ON e.id = g.ent WHERE l.doc IN (%s)",
            docs,
        )
        for doc, key, iri, etype in rows:
            out.setdefault(doc, {})[key] = (iri, etype)
        return out

    def denotes(self) -> dict[tuple[str, str], str]:
        """Every document entity -> its entity's IRI (a whole-store read: for rebuilds)."""
        rows = self.db.execute(
            "SELECT l.doc, l.key, e.iri FROM locals l JOIN groups g ON g.id = l.grp JOIN entities e ON e.id = g.ent"
        )
        return {(d, k): iri for d, k, iri in rows}

    def signatures_of(self, docs: Iterable[str]) -> dict[str, tuple[str, set[str] | None]]:
        """Each document's signature and the local keys its facts, quotes and claims name."""
        rows = self._in("SELECT doc, sig, linked FROM docs WHERE doc IN (%s)", docs)
        return {d: (sig, set(json.loads(linked)) if linked is not None else None) for d, sig, linked in rows}

    def signatures(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT doc, sig FROM docs"))

    def live(self, iri: str) -> bool:
        return self.db.execute("SELECT 1 FROM entities WHERE iri = ?", (iri,)).fetchone() is not None

    # -- adding documents ------------------------------------------------------------------
    def add(
        self,
        new: Sequence[LocalEntity],
        aliases: Sequence[AliasEntry],
        load: Callable[[Sequence[tuple[str, str]]], list[LocalEntity]],
    ) -> Changes:
        """Resolve the document entities of new documents (``aliases`` with the defaults added)
        into the kept state, as ``resolve`` would over every document. ``load`` gives kept
        document entities by (document, key): the members of a group an alias key stops
        joining, which are grouped again.

        Raises:
            Rebuild: a change sums cannot make; the state is then to be rebuilt.
        """
        entry_of_key = {k: e for e in aliases for k in e.keys()}
        items = list(new)
        keyed = [_keys(e, pin_of(e, entry_of_key)) for e in items]
        old_ent: dict[int, int] = {}
        dissolved = self._flipped(keyed)
        former: dict[int, list[tuple[str, str]]] = {}
        if dissolved:
            old_ent.update(self.entity_of(dissolved))
            for doc, key, g in self._in("SELECT doc, key, grp FROM locals WHERE grp IN (%s)", dissolved):
                former.setdefault(g, []).append((doc, key))
            items += load([m for g in sorted(former) for m in former[g]])
            keyed += [_keys(e, pin_of(e, entry_of_key)) for e in items[len(keyed) :]]
            for table, column in (("locals", "grp"), ("gkeys", "grp"), ("groups", "id")):
                self._in(f"DELETE FROM {table} WHERE {column} IN (%s)", dissolved)
        pins = [pin_of(e, entry_of_key) for e in items]
        changed, gone, merged = self._merge(items, pins, keyed, self._first_phase(keyed), old_ent)
        gone |= dissolved
        relinked = self._second_phase(changed, gone, old_ent)
        ch = Changes()
        self._describe(changed | relinked, gone, former | merged, old_ent, {e.id: e for e in aliases}, ch)
        return ch

    def _flipped(self, keyed: Sequence[tuple[list[str], str | None]]) -> set[int]:
        """Groups holding an alias key that joined and that new document entities make a key
        two different full person names share: it joins nobody now."""
        mine: dict[str, set[str]] = defaultdict(set)
        for ks, person in keyed:
            for k in ks:
                if k.startswith("a\x1f") and not spelled_alias(k[2:]):
                    mine[k] |= {person} - {None}  # type: ignore[arg-type]
        held: dict[str, set[str]] = defaultdict(set)
        groups: dict[str, set[int]] = defaultdict(set)
        for k, g, person in self._in("SELECT key, grp, person FROM gkeys WHERE key IN (%s)", mine):
            groups[k].add(g)
            held[k] |= {person} - {None}
        return {g for k in groups if len(held[k]) <= 1 and len(held[k] | mine[k]) > 1 for g in groups[k]}

    def _first_phase(self, keyed: Sequence[tuple[list[str], str | None]]) -> list[tuple[set[int], list[int]]]:
        """The new document entities joined with each other and with kept groups, by shared
        keys: (kept groups, new document entities) per joined set."""
        holders: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
        for key, grp, person in self._in(
            "SELECT key, grp, person FROM gkeys WHERE key IN (%s)", (k for ks, _ in keyed for k in ks)
        ):
            holders[key].append((grp, person))
        mine: dict[str, list[int]] = defaultdict(list)
        for i, (ks, _) in enumerate(keyed):
            for k in ks:
                mine[k].append(i)
        n = len(keyed)
        gids = sorted({g for hs in holders.values() for g, _ in hs})
        node = {g: n + j for j, g in enumerate(gids)}
        uf = UnionFind(n + len(gids))
        for k, idxs in mine.items():
            if k.startswith("a\x1f"):
                old = {p for _, p in holders.get(k, ())} - {None}
                persons = old | ({keyed[i][1] for i in idxs} - {None})
                if len(persons) > 1 and not spelled_alias(k[2:]):
                    # two different full names share this alias: it joins nobody (groups it
                    # joined before were dissolved into ``keyed`` by _flipped)
                    continue
            members = idxs + [node[g] for g, _ in holders.get(k, ())]
            for j in members[1:]:
                uf.union(members[0], j)
        return [
            ({gids[m - n] for m in members if m >= n}, [m for m in members if m < n])
            for members in uf.groups().values()
        ]

    def _merge(
        self,
        new: Sequence[LocalEntity],
        pins: Sequence[str | None],
        keyed: Sequence[tuple[list[str], str | None]],
        comps: list[tuple[set[int], list[int]]],
        old_ent: dict[int, int],
    ) -> tuple[set[int], set[int], dict[int, list[tuple[str, str]]]]:
        """Write the joined sets as groups: a set with kept groups keeps the largest one's id.
        Returns the changed groups, the groups merged away and, per merged group, its members."""
        comps = [(gs, idxs) for gs, idxs in comps if idxs]
        involved = {g for gs, _ in comps for g in gs}
        old = self.groups(involved)
        old_ent.update(self.entity_of(involved))
        # ids are never used twice: above every id in use and every id a dissolved group had
        top = self.db.execute("SELECT max(id) FROM groups").fetchone()[0] or 0
        next_id = max(int(self.get("next group") or 1), top + 1)
        data: dict[int, Group] = {}
        gone: dict[int, int] = {}  # merged group -> the group it went into
        locals_rows, key_rows = [], set()
        for gs, idxs in comps:
            if gs:
                keep = max(gs, key=lambda g: (old[g].size, -g))
                group = old[keep]
            else:
                keep, next_id = next_id, next_id + 1
                group = Group(min(new[i].doc + new[i].key for i in idxs))
            for g in sorted(gs - {keep}):
                group.absorb(old[g])
                gone[g] = keep
            for i in idxs:
                group.absorb(Group.of(new[i], pins[i]))
                locals_rows.append((new[i].doc, new[i].key, keep))
                ks, person = keyed[i]
                key_rows |= {(k, keep, person if k.startswith("a\x1f") else None) for k in ks}
            if len(({old[g].pin for g in gs} | {pins[i] for i in idxs}) - {None}) > 1:
                raise Rebuild("two alias entries meet in one name group")
            data[keep] = group
        self.put("next group", str(next_id))
        former = {g: self.db.execute("SELECT doc, key FROM locals WHERE grp = ?", (g,)).fetchall() for g in gone}
        for g, keep in gone.items():
            self.db.execute("UPDATE locals SET grp = ? WHERE grp = ?", (keep, g))
            self.db.execute("UPDATE gkeys SET grp = ? WHERE grp = ?", (keep, g))
            self.db.execute("DELETE FROM groups WHERE id = ?", (g,))
        kept = set(self._in("SELECT key, grp, person FROM gkeys WHERE grp IN (%s)", data))
        self.db.executemany("INSERT INTO gkeys VALUES (?, ?, ?)", sorted(key_rows - kept, key=str))
        self.db.executemany("INSERT INTO locals VALUES (?, ?, ?)", locals_rows)
        self.db.executemany(
            "INSERT INTO groups(id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data",
            [(g, d.dumps()) for g, d in data.items()],
        )
        self._data = data
        return set(data), set(gone), former

    def _second_phase(self, changed: set[int], gone: set[int], old_ent: dict[int, int]) -> set[int]:
        """File the changed groups' labels and lookups again and link again every short-name
        group that looks up a key whose owners changed. Returns the groups whose link changed."""
        data = self._data
        old_rows = set(self._in("SELECT key, grp FROM filed WHERE grp IN (%s)", changed | gone))
        new_rows = {(k, g) for g in changed for k in data[g].filed_under()}
        dirty = {k for k, _ in old_rows ^ new_rows}
        self._in("DELETE FROM filed WHERE grp IN (%s)", changed | gone)
        self._in("DELETE FROM lookups WHERE grp IN (%s)", changed | gone)
        self.db.executemany("INSERT INTO filed VALUES (?, ?)", sorted(new_rows))
        looks = {g: data[g].looks_up() for g in changed}
        self.db.executemany("INSERT INTO lookups VALUES (?, ?)", [(k, g) for g, ks in looks.items() for k in ks])
        for g, k in self._in("SELECT grp, key FROM lookups WHERE key IN (%s)", dirty):
            looks.setdefault(g, [])
            if g not in changed:
                looks[g].append(k)
        for g in [g for g in looks if g not in changed]:  # a kept short-name group: all its keys
            looks[g] = [k for (k,) in self.db.execute("SELECT key FROM lookups WHERE grp = ?", (g,))]
        owners: dict[str, set[int]] = defaultdict(set)
        for k, g in self._in("SELECT key, grp FROM filed WHERE key IN (%s)", {k for ks in looks.values() for k in ks}):
            owners[k].add(g)
        before = dict(self._in("SELECT id, owner FROM groups WHERE id IN (%s)", looks))
        old_ent.update({g: e for g, e in self.entity_of(set(looks) - set(old_ent)).items() if e is not None})
        relinked = set()
        for g, ks in looks.items():
            fits = set().union(*(owners[k] for k in ks)) - {g}
            owner = next(iter(fits)) if len(fits) == 1 else None
            if owner != before.get(g) or g in changed:
                self.db.execute("UPDATE groups SET owner = ? WHERE id = ?", (owner, g))
                relinked.add(g)
        return relinked

    def _components(self, seeds: set[int]) -> list[list[int]]:
        """The entities (groups joined by short-name links) that hold these groups."""
        seen: set[int] = set()
        out = []
        for seed in sorted(seeds):
            if seed in seen:
                continue
            comp, todo = {seed}, [seed]
            while todo:
                near = self._in("SELECT owner FROM groups WHERE id IN (%s) AND owner IS NOT NULL", todo)
                near += self._in("SELECT id FROM groups WHERE owner IN (%s)", todo)
                todo = [g for (g,) in near if g not in comp]
                comp |= set(todo)
            seen |= comp
            out.append(sorted(comp))
        return out

    def _describe(
        self,
        touched: set[int],
        gone: set[int],
        former: dict[int, list[tuple[str, str]]],
        old_ent: dict[int, int],
        entries: dict[str, AliasEntry],
        ch: Changes,
    ) -> None:
        """Describe again every entity that holds a touched group; give each its IRI."""
        old_ids = {old_ent[g] for g in touched | gone if old_ent.get(g) is not None}
        seeds = (touched | {g for (g,) in self._in("SELECT id FROM groups WHERE ent IN (%s)", old_ids)}) - gone
        comps = self._components(seeds)
        # an entity reached through a new short-name link changes too
        for g, e in self._in("SELECT id, ent FROM groups WHERE id IN (%s)", {g for c in comps for g in c}):
            if e is not None:
                old_ent.setdefault(g, e)
                old_ids.add(e)
        ch.before = self.entities(old_ids)
        data = self.groups({g for c in comps for g in c})
        made = {c[0]: Entity.of([data[g] for g in c], entries) for c in comps}
        self._in("DELETE FROM entities WHERE id IN (%s)", old_ids)
        bases = {str(entity_iri(e.label)) for _, e in ch.before.values()} | {
            str(entity_iri(e.label)) for e in made.values()
        }
        others = self._in("SELECT id, iri, data FROM entities WHERE base IN (%s)", bases)
        every = {i: Entity.loads(d) for i, _, d in others} | made
        iris = assign_iris(sorted(every.items(), key=lambda item: item[1].first))
        clash = self._in("SELECT base FROM entities WHERE iri IN (%s)", iris.values())
        if {b for (b,) in clash} - bases:
            raise Rebuild("an entity IRI is taken by a name that folds otherwise")
        moved = {i for i, old, _ in others if iris[i] != old}
        ch.before |= {i: (old, every[i]) for i, old, _ in others if i in moved}
        ch.after = {i: (iris[i], every[i]) for i in set(made) | moved}
        self._in("DELETE FROM entities WHERE id IN (%s)", moved)
        self.db.executemany(
            "INSERT INTO entities(id, iri, base, first, type, data) VALUES (?, ?, ?, ?, ?, ?)",
            [(i, iri, str(entity_iri(e.label)), e.first, e.type, e.dumps()) for i, (iri, e) in ch.after.items()],
        )
        for c in comps:
            self._in(f"UPDATE groups SET ent = {int(c[0])} WHERE id IN (%s)", c)
        self._changed_documents(comps, gone, former, old_ent, ch)

    def _changed_documents(
        self,
        comps: list[list[int]],
        gone: set[int],
        former: dict[int, list[tuple[str, str]]],
        old_ent: dict[int, int],
        ch: Changes,
    ) -> None:
        """The document entities whose entity's IRI or type changed, with what they had."""
        new_ent = {g: c[0] for c in comps for g in c}
        moved = {i for i in ch.after if i not in {c[0] for c in comps}}  # renumbered, groups unchanged

        def info(table: dict[int, tuple[str, Entity]], i: int | None) -> tuple[str, str] | None:
            return (table[i][0], table[i][1].type) if i is not None and i in table else None

        stale: dict[int, tuple[str, str] | None] = {}
        for g, e in new_ent.items():
            old = info(ch.before, old_ent.get(g))
            if old != info(ch.after, e):
                stale[g] = old
        for g, e in self._in("SELECT id, ent FROM groups WHERE ent IN (%s)", moved):
            stale[g] = info(ch.before, e)
        for g in gone:
            if (old := info(ch.before, old_ent.get(g))) is not None:
                ch.moved.update(dict.fromkeys(former[g], old))
        for doc, key, g in self._in("SELECT doc, key, grp FROM locals WHERE grp IN (%s)", stale):
            # a document entity with nothing before is one of the batch's own
            if (doc, key) not in ch.moved and (old := stale[g]) is not None:
                ch.moved[(doc, key)] = old

    # -- every document again --------------------------------------------------------------
    def rebuild(self, locals_: Sequence[LocalEntity], aliases: Sequence[AliasEntry]) -> None:
        """Resolve every document entity (in ``build_parts``'s order; ``aliases`` with the
        defaults added) into an empty state, with ``resolve``'s own functions."""
        from .resolve import _link_short_names  # the one place phase 2 runs over everything

        # executescript commits: the state says no generation until the caller's commit does
        self.db.execute("DELETE FROM meta WHERE k = 'generation'")
        for table in ("locals", "groups", "gkeys", "filed", "lookups", "entities", "docs", "sources", "titles"):
            self.db.execute(f"DROP TABLE {table}")
        self.db.executescript(SCHEMA)
        self.put("format", FORMAT)
        uf = first_phase(locals_, aliases)
        first_groups = list(uf.groups().values())
        gid = {idxs[0]: n for n, idxs in enumerate(first_groups, 1)}  # a group's first member -> id
        entry_of_key = {k: e for e in aliases for k in e.keys()}
        data: dict[int, Group] = {}
        key_rows = set()
        for idxs in first_groups:
            n = gid[idxs[0]]
            data[n] = Group(locals_[idxs[0]].doc + locals_[idxs[0]].key)
            for i in idxs:
                e = locals_[i]
                ks, person = _keys(e, pin := pin_of(e, entry_of_key))
                data[n].absorb(Group.of(e, pin))
                key_rows |= {(k, n, person if k.startswith("a\x1f") else None) for k in ks}
        group_of = {i: gid[idxs[0]] for idxs in first_groups for i in idxs}
        self.db.executemany(
            "INSERT INTO locals VALUES (?, ?, ?)", [(e.doc, e.key, group_of[i]) for i, e in enumerate(locals_)]
        )
        self.db.executemany("INSERT INTO gkeys VALUES (?, ?, ?)", sorted(key_rows, key=str))
        self.db.executemany("INSERT INTO groups(id, data) VALUES (?, ?)", [(n, g.dumps()) for n, g in data.items()])
        self.put("next group", str(len(data) + 1))
        self._data = data
        self._second_phase(set(data), set(), {})
        _link_short_names(locals_, uf)
        entries = {e.id: e for e in aliases}
        made = {}
        for idxs in uf.groups().values():
            members = sorted({group_of[i] for i in idxs})
            made[members[0]] = Entity.of([data[g] for g in members], entries)
            self._in(f"UPDATE groups SET ent = {members[0]} WHERE id IN (%s)", members)
        iris = assign_iris(sorted(made.items(), key=lambda item: item[1].first))
        self.db.executemany(
            "INSERT INTO entities(id, iri, base, first, type, data) VALUES (?, ?, ?, ?, ?, ?)",
            [(i, iris[i], str(entity_iri(e.label)), e.first, e.type, e.dumps()) for i, e in made.items()],
        )
