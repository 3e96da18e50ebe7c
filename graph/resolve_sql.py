"""Entity resolution in DuckDB: the partition ``resolve.resolve`` gives, out of core.

``resolve.resolve`` holds a union-find and name dictionaries of every document entity in
Python; a store of millions of documents outgrows that. Here the same rules are joins and a
connected-components computation in DuckDB (an embedded, out-of-core SQL engine; its
``memory_limit`` spills to disk past it), over rows of (document entity, blocking key) that
the same Python functions compute (``resolve.blocking_keys``, ``resolve.spelled_alias``,
``resolve.pin_of``, ``linking.index_keys``, ``linking.fit_keys``, ``linking.linkable``): one
set of rules, two engines. DuckDB has no connected-components function, so they are found
by label propagation: every entity starts as its own component, and each round gives every
entity the least component of the keys it shares, until a round changes nothing (rounds: the
longest chain of keys, a handful on news).

The steps, as ``resolve`` runs them:

1. Entities sharing a canonical name, a strong alias that no two different full person names
   share, or a user's alias entry, are one component.
2. A component known only by short names ("Alvarez", "NCRI") that fits exactly one other
   component's full name (its surname, its initials) joins it.
3. Two entries of the alias file never join. Where a component would hold two entries, the
   order in which ``resolve`` joins decides what it refuses, so that case is handed to it
   (``resolve.resolve`` over all the entities; ``SqlResolution.fell_back`` says so).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsgraph.extract.mentions.linking import fit_keys, index_keys, linkable, short_only
from newsgraph.extract.schema import ENTITY_TYPES, PERSON, vote_type

from .aliases import AliasEntry, with_defaults
from .records import LocalEntity
from .resolve import ResolvedEntity, blocking_keys, entities_of, pin_of, resolve, spelled_alias

MEMORY_LIMIT = "1GB"  # DuckDB spills to disk past it
SLICE = 50_000  # document entities whose keys are made in Python and handed to DuckDB at once
TABLES = {  # what _name_rows makes
    "keys": "i BIGINT, k VARCHAR",
    "alias": "i BIGINT, k VARCHAR, person VARCHAR, acronym BOOLEAN",
    "pins": "i BIGINT, pin VARCHAR",
    "idx": "i BIGINT, k VARCHAR",
    "ent": "i BIGINT, short BOOLEAN, " + ", ".join(f"v{n} DOUBLE" for n in range(len(ENTITY_TYPES))),
}


@dataclass
class SqlResolution:
    entities: list[ResolvedEntity]
    rounds: int  # label-propagation rounds, both steps
    fell_back: bool  # two alias entries met in one component: resolve() decided


def _column(values: list) -> np.ndarray:
    """Strings (or None) as a column DuckDB reads."""
    return np.array(values, dtype=object)


def _components(con, edges: str, nodes: str) -> int:
    """Label propagation: ``comp(i, c)`` for every node of ``nodes`` (a query of ``i``), joined
    through the keys of ``edges`` (a query of ``i, k``); the rounds it took."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE e AS {edges}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE comp AS SELECT i, i AS c FROM ({nodes})")
    rounds = 0
    while True:
        rounds += 1
        con.execute(
            """CREATE OR REPLACE TEMP TABLE nxt AS
            WITH km AS (SELECT e.k, min(comp.c) AS c FROM e JOIN comp USING (i) GROUP BY e.k),
                 im AS (SELECT e.i, min(km.c) AS c FROM e JOIN km USING (k) GROUP BY e.i)
            SELECT comp.i, least(comp.c, coalesce(im.c, comp.c)) AS c FROM comp LEFT JOIN im USING (i)"""
        )
        changed = con.execute("SELECT count(*) FROM nxt JOIN comp USING (i) WHERE nxt.c <> comp.c").fetchone()[0]
        con.execute("CREATE OR REPLACE TEMP TABLE comp AS SELECT * FROM nxt")
        if not changed:
            return rounds


def _name_rows(
    locals_: Sequence[LocalEntity], start: int, stop: int, entry_of_key: dict[str, AliasEntry]
) -> dict[str, dict[str, np.ndarray]]:
    """The rows DuckDB reads of ``locals_[start:stop]``, made by resolve's own functions: step
    1's keys (label, strong aliases with the person name that carries each, pins), the index of
    full names, and what step 2 needs of each entity (short names only, its votes)."""
    keys_i, keys_k = [], []
    alias_i, alias_k, alias_person, alias_acronym = [], [], [], []
    pin_i, pin_id = [], []
    index_i, index_k = [], []
    short = np.zeros(stop - start, dtype=bool)
    votes = {t: np.zeros(stop - start) for t in ENTITY_TYPES}
    for i in range(start, stop):
        e = locals_[i]
        label, aliases, person = blocking_keys(e)
        keys_i.append(i)
        keys_k.append("L\x1f" + label)
        for key in aliases:
            alias_i.append(i)
            alias_k.append(key)
            alias_person.append(person)
            alias_acronym.append(spelled_alias(key))
        if (pin := pin_of(e, entry_of_key)) is not None:
            pin_i.append(i)
            pin_id.append(pin)
        for kind, key in index_keys(e.label):
            index_i.append(i)
            index_k.append(f"{kind}\x1f{key}")
        short[i - start] = short_only(e.names)
        for t, v in e.votes:
            if t in votes:  # vote_type reads only these
                votes[t][i - start] += v
    return {
        "keys": {"i": np.array(keys_i, dtype=np.int64), "k": _column(keys_k)},
        "alias": {
            "i": np.array(alias_i, dtype=np.int64),
            "k": _column(alias_k),
            "person": _column(alias_person),
            "acronym": np.array(alias_acronym, dtype=bool),
        },
        "pins": {"i": np.array(pin_i, dtype=np.int64), "pin": _column(pin_id)},
        "idx": {"i": np.array(index_i, dtype=np.int64), "k": _column(index_k)},
        "ent": {"i": np.arange(start, stop, dtype=np.int64), "short": short}
        | {f"v{n}": votes[t] for n, t in enumerate(ENTITY_TYPES)},
    }


def resolve_sql(
    locals_: Sequence[LocalEntity], aliases: Sequence[AliasEntry] = (), *, memory_limit: str = MEMORY_LIMIT
) -> SqlResolution:
    """``resolve(locals_, aliases)``, computed in DuckDB (see the module's doc)."""
    import duckdb

    aliases = with_defaults(aliases)
    with tempfile.TemporaryDirectory(prefix="newsgraph-duckdb-") as spill:
        con = duckdb.connect(config={"memory_limit": memory_limit, "temp_directory": spill, "threads": 2})
        try:
            _load(con, locals_, {k: e for e in aliases for k in e.keys()})
            rounds = _names(con) + _short_names(con, locals_)
            pinned = _components_with_pins(con)
        finally:
            con.close()
    if pinned is None:  # two alias entries in one component: resolve's order of joins decides
        return SqlResolution(resolve(locals_, aliases), rounds, True)
    return SqlResolution(entities_of(locals_, pinned, aliases), rounds, False)


def _load(con, locals_: Sequence[LocalEntity], entry_of_key: dict[str, AliasEntry]) -> None:
    """The tables of TABLES, filled in slices, so that Python never holds every key at once."""
    for name, schema in TABLES.items():
        con.execute(f"CREATE TEMP TABLE {name} ({schema})")
    for start in range(0, len(locals_), SLICE):
        for name, columns in _name_rows(locals_, start, min(start + SLICE, len(locals_)), entry_of_key).items():
            if len(columns["i"]):
                con.register(f"{name}_in", columns)
                con.execute(f"INSERT INTO {name} SELECT * FROM {name}_in")
                con.unregister(f"{name}_in")


def _names(con) -> int:
    """Step 1 (``comp1``): one component per label key, strong alias (unless two different full
    person names share one that is not an acronym) and alias entry; the rounds it took."""
    rounds = _components(
        con,
        """SELECT i, k FROM keys
        UNION ALL SELECT i, 'A' || chr(31) || k FROM alias WHERE k NOT IN (
            SELECT k FROM alias GROUP BY k HAVING count(DISTINCT person) > 1 AND NOT bool_or(acronym))
        UNION ALL SELECT i, 'P' || chr(31) || pin FROM pins""",
        "SELECT i FROM ent",
    )
    con.execute("CREATE TEMP TABLE comp1 AS SELECT * FROM comp")
    return rounds


def _short_names(con, locals_: Sequence[LocalEntity]) -> int:
    """Step 2 (``comp``, over step 1's components): a component known by short names only
    joins the one other component its names fit, if exactly one; the rounds it took."""
    sums = ", ".join(f"sum(v{n})" for n in range(len(ENTITY_TYPES)))
    short_groups = con.execute(
        f"SELECT comp1.c, {sums} FROM comp1 JOIN ent USING (i) GROUP BY comp1.c HAVING bool_and(ent.short)"
    ).fetchall()
    wanted = [(c, dict(zip(ENTITY_TYPES, v, strict=True))) for c, *v in short_groups]
    con.register("look_in", _lookups(con, locals_, wanted))
    con.execute("CREATE TEMP TABLE look AS SELECT * FROM look_in")
    con.execute(
        """CREATE TEMP TABLE owners AS
        SELECT look.c, min(comp1.c) AS owner FROM look JOIN idx USING (k) JOIN comp1 ON comp1.i = idx.i
        WHERE comp1.c <> look.c GROUP BY look.c HAVING count(DISTINCT comp1.c) = 1"""
    )
    return _components(
        con,
        "SELECT c AS i, c AS k FROM owners UNION ALL SELECT owner AS i, c AS k FROM owners",
        "SELECT DISTINCT c AS i FROM comp1",
    )


def _components_with_pins(con) -> list[tuple[list[int], str | None]] | None:
    """Each final component's document entities and alias entry; None if one holds two."""
    by_comp = "FROM pins JOIN comp1 USING (i) JOIN comp ON comp.i = comp1.c"
    two = con.execute(f"SELECT count(*) FROM (SELECT comp.c {by_comp} GROUP BY comp.c HAVING count(DISTINCT pin) > 1)")
    if (two.fetchone() or (0,))[0]:
        return None
    pin_of_comp = dict(con.execute(f"SELECT DISTINCT comp.c, pins.pin {by_comp}").fetchall())
    # two arrays, not a tuple per document entity: a million of them cost 16 MB here
    final = con.execute(
        "SELECT comp1.i, comp.c FROM comp1 JOIN comp ON comp.i = comp1.c ORDER BY comp.c, comp1.i"
    ).fetchnumpy()
    members, comps = final["i"], final["c"]
    if not len(comps):
        return []
    starts = np.flatnonzero(np.r_[True, comps[1:] != comps[:-1]])
    return [
        (group.tolist(), pin_of_comp.get(int(comps[first])))
        for first, group in zip(starts, np.split(members, starts[1:]), strict=True)
    ]


def _lookups(con, locals_: Sequence[LocalEntity], wanted: list[tuple[int, dict[str, float]]]) -> dict[str, np.ndarray]:
    """(component, index key) for each component known only by short names that may be linked:
    one with an acronym, or typed Person by its votes; its keys from ``linking.fit_keys`` over
    every name of its entities."""
    if not wanted:
        return {"c": np.array([], dtype=np.int64), "k": _column([])}
    con.register("want_in", {"c": np.array([c for c, _ in wanted], dtype=np.int64)})
    members = con.execute(
        "SELECT comp1.c, list(comp1.i ORDER BY comp1.i) FROM comp1 JOIN want_in USING (c) GROUP BY comp1.c"
    ).fetchall()
    con.unregister("want_in")
    types = {c: vote_type(v) for c, v in wanted}
    out_c, out_k = [], []
    for c, idxs in members:
        names = [n for i in idxs for n in locals_[i].names]
        if not linkable(names, person=types[c] == PERSON):
            continue
        for kind, key in fit_keys(names):
            out_c.append(c)
            out_k.append(f"{kind}\x1f{key}")
    return {"c": np.array(out_c, dtype=np.int64), "k": _column(out_k)}
