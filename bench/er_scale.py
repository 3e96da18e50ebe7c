"""Cost of cross-document entity resolution against the number of mentions (issue #7, 5).

    python bench/er_scale.py [--sizes 10000,100000,1000000]

Synthetic document entities shaped like news: people with full names and surname-only
mentions ("Alvarez"), organisations with acronyms, places; spread over documents of about 15
entities each, drawn from pools that grow with the size (so the number of real entities grows
too). Prints seconds and microseconds per mention for each size, and the ratio of the cost
per mention to the smallest size's: about 1.0 means linear.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = ["Ana", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemal", "Lena",
         "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wen", "Yusuf"]
SYLLABLES = ["al", "ber", "cas", "dor", "el", "fen", "gar", "hol", "is", "jor", "kel", "lin", "mar", "nor",
             "ost", "par", "quin", "ros", "sal", "tor", "ul", "var", "wes", "zan"]
ORG_WORDS = ["Union", "Party", "Agency", "Council", "Institute", "Bank", "Group", "Alliance", "Authority"]


def word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic(n: int, seed: int = 7):  # noqa: ANN201
    from newsgraph.graph.resolve import LocalEntity

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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    args = ap.parse_args()
    from newsgraph.extract import names
    from newsgraph.graph.resolve import resolve

    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        mentions = synthetic(n)
        for fn in (names.clean, names.strip_name, names.name_key, names.is_acronym, names.initials,
                   names.person_like):
            fn.cache_clear()
        t = time.perf_counter()
        entities = resolve(mentions)
        secs = time.perf_counter() - t
        rows.append((n, len(entities), secs))
        print(f"{n:,} mentions: {len(entities):,} entities in {secs:.2f} s", flush=True)
        del mentions, entities
    base = rows[0][2] / rows[0][0]
    print()
    print(f"{'mentions':>10} {'entities':>9} {'seconds':>8} {'µs/mention':>11} {'vs smallest':>12}")
    for n, ents, secs in rows:
        print(f"{n:>10,} {ents:>9,} {secs:>8.2f} {secs / n * 1e6:>11.1f} {secs / n / base:>12.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
