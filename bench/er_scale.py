"""Cost of cross-document entity resolution against the number of mentions (issue #7, 5).

    python bench/er_scale.py [--sizes 10000,100000,1000000] [--repeat 3]

Synthetic document entities shaped like news: people with full names and surname-only
mentions ("Alvarez"), organisations with acronyms, places; spread over documents of about 15
entities each, drawn from pools that grow with the size (so the number of real entities grows
too). Prints seconds and microseconds per mention for each size, and the ratio of the cost
per mention to the smallest size's: about 1.0 means linear.

The same mentions go through the DuckDB resolver (``graph/resolve_sql.py``) too: its seconds,
its rate in document entities per second (an input of docs/scaling.md), and whether its
entities equal resolve()'s (they must).

For scale, the same is printed for a reference workload that is linear by construction (n name
strings into a dict of lists, each looked up again, the groups sorted): on this machine even
that costs more per item at a million items than at ten thousand (the dicts outgrow the CPU
caches), so the resolver's ratio should be read against the reference's, not against 1.0.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = [
    "Ana",
    "Ben",
    "Carla",
    "David",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kemal",
    "Lena",
    "Marco",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Samir",
    "Tara",
    "Umar",
    "Vera",
    "Wen",
    "Yusuf",
]
SYLLABLES = [
    "al",
    "ber",
    "cas",
    "dor",
    "el",
    "fen",
    "gar",
    "hol",
    "is",
    "jor",
    "kel",
    "lin",
    "mar",
    "nor",
    "ost",
    "par",
    "quin",
    "ros",
    "sal",
    "tor",
    "ul",
    "var",
    "wes",
    "zan",
]
ORG_WORDS = ["Union", "Party", "Agency", "Council", "Institute", "Bank", "Group", "Alliance", "Authority"]


def word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic(n: int, seed: int = 7):
    from newsgraph.graph.records import LocalEntity

    rng = random.Random(seed)
    people = [(rng.choice(FIRST), word(rng)) for _ in range(max(50, n // 20))]
    orgs = [f"{word(rng, 2)} {word(rng, 2)} {rng.choice(ORG_WORDS)}" for _ in range(max(20, n // 60))]
    places = [word(rng, 2) for _ in range(max(20, n // 100))]
    out = []
    doc = 0
    while len(out) < n:
        doc += 1
        h = f"{doc:016x}"
        for k in range(15):
            r = rng.random()
            if r < 0.5:
                first, last = rng.choice(people)
                label = f"{first} {last}" if rng.random() < 0.7 else last
                names = (label,) if " " not in label else (label, last)
                votes = (("Person", 1.0),)
            elif r < 0.8:
                label = rng.choice(orgs)
                acronym = "".join(w[0] for w in label.split())
                names = (label, acronym) if rng.random() < 0.3 else (label,)
                votes = (("Organization", 1.0),)
            else:
                label = rng.choice(places)
                names, votes = (label,), (("Place", 1.0),)
            out.append(LocalEntity(h, f"e{k}", label, names, votes, rng.randint(1, 4), 0.9))
    return out[:n]


def reference(n: int) -> float:
    """Seconds of a plainly linear dict workload over n name strings (see the module doc)."""
    from collections import defaultdict

    rng = random.Random(1)
    keys = [f"{word(rng, 4)} {rng.random():.9f}" for _ in range(n)]
    t = time.perf_counter()
    groups: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        groups[k.casefold()].append(i)
    sum(len(groups[k.casefold()]) for k in keys)
    sorted(groups.items())
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from newsgraph.extract.mentions import names
    from newsgraph.graph.resolve import resolve
    from newsgraph.graph.resolve_sql import resolve_sql

    def run(mentions):
        names.clear_caches()
        t = time.perf_counter()
        entities = resolve(mentions)
        return len(entities), time.perf_counter() - t

    def run_sql(mentions, expected):
        names.clear_caches()
        t = time.perf_counter()
        entities = resolve_sql(mentions).entities
        return time.perf_counter() - t, entities == expected

    run(synthetic(1000))  # first calls (imports, regex compiles) are not the cost of a mention
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        mentions = synthetic(n)
        times = []
        for _ in range(args.repeat):
            ents, secs = run(mentions)
            times.append(secs)
        secs = min(times)  # the least disturbed run, as timeit does
        sql_secs, same = run_sql(mentions, resolve(mentions))
        rows.append((n, ents, secs, min(reference(n) for _ in range(args.repeat)), sql_secs, same))
        print(
            f"{n:,} mentions: {ents:,} entities in {secs:.2f} s (best of {args.repeat}); "
            f"DuckDB {sql_secs:.2f} s, the same entities: {same}",
            flush=True,
        )
        del mentions
    base, ref_base = rows[0][2] / rows[0][0], rows[0][3] / rows[0][0]
    print()
    print(
        f"{'mentions':>10} {'entities':>9} {'seconds':>8} {'µs/mention':>11} {'vs smallest':>12} "
        f"{'reference µs/item':>18} {'reference vs smallest':>22} {'DuckDB s':>9} {'DuckDB /s':>10} {'same':>5}"
    )
    for n, ents, secs, ref, sql_secs, same in rows:
        print(
            f"{n:>10,} {ents:>9,} {secs:>8.2f} {secs / n * 1e6:>11.1f} {secs / n / base:>12.2f} "
            f"{ref / n * 1e6:>18.2f} {ref / n / ref_base:>22.2f} {sql_secs:>9.2f} {n / sql_secs:>10,.0f} {same!s:>5}"
        )
    return 0 if all(r[5] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
