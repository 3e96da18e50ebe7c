"""Where a build spends its time: pyinstrument over `newsgraph build` of N BBC articles (issue #7).

    python bench/hotspots.py [--articles 200] [--html /tmp/profile.html]

Every sample is charged to the innermost frame on its stack that is either newsgraph's code or
spaCy/thinc: spaCy's own work (tagger, parser, NER, tokenizer) is the floor that bare
`nlp.pipe` pays too; the rest is what newsgraph adds, split into its own Python and the
libraries it calls (pyoxigraph, rdflib, pyshacl, ...). Prints the shares and newsgraph's
heaviest functions, so a regression shows as a function that climbs the list. --html writes
pyinstrument's interactive call tree as well.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

SPACY = {"spacy", "thinc", "numpy", "srsly", "cymem", "preshed", "blis"}
OURS = tuple(str(ROOT / d) + "/" for d in ("extract", "graph", "ontology", "output"))


def library(path: str) -> str:
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    return "python stdlib"


def charge(root):
    """Self time per owner, and per newsgraph function the time inside it that is not spaCy's."""
    shares: Counter[str] = Counter()
    funcs: Counter[str] = Counter()
    stack = [(root, "other", frozenset())]
    while stack:
        frame, owner, open_funcs = stack.pop()
        if frame.is_synthetic:
            continue  # "[self]" frames: their time is in the parent's total_self_time
        path = frame.file_path or ""
        if path.startswith(OURS):
            owner = "newsgraph (own Python)"
            name = f"{frame.function} ({Path(path).parent.name}/{Path(path).name})"
            open_funcs = open_funcs | {name}
        elif SPACY & set(path.split("/")) or frame.parent is None:
            # Cython frames have paths like thinc/backends/x.pyx; samples with no Python frame
            # at all (the thread's own time) are spaCy's compiled parser: a profile of bare
            # nlp.pipe charges about 40% of its time there
            owner = "spaCy model (the floor)"
        elif owner == "newsgraph (own Python)" and path:
            owner = f"libraries called by newsgraph: {library(path)}"
        shares[owner] += frame.total_self_time
        if not owner.startswith("spaCy"):
            for name in open_funcs:
                funcs[name] += frame.total_self_time
        stack.extend((c, owner, open_funcs) for c in frame.children)
    return shares, funcs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--html", type=Path)
    args = ap.parse_args()
    files = sorted((SHARED / "corpus" / "bbc").glob("*/*.txt"))
    if not files:
        sys.exit(f"{SHARED / 'corpus' / 'bbc'}: not found (../shared must sit beside the repository)")
    sample = files[:: max(1, len(files) // args.articles)][: args.articles]

    from pyinstrument import Profiler

    from newsgraph.extract.nlp import load
    from newsgraph.output.build import build

    load(None)  # the model load is paid once a run; keep it out of the picture
    with tempfile.TemporaryDirectory() as out:
        profiler = Profiler(interval=0.002)
        profiler.start()
        result = build(sample, out)
        profiler.stop()
    session = profiler.last_session
    shares, funcs = charge(session.root_frame())
    total = sum(shares.values())
    print(f"{len(sample)} BBC articles, {result.triples:,} triples, {session.duration:.1f} s wall\n")
    print(f"{'where the time goes':<58} {'seconds':>8} {'share':>7}")
    for owner, sec in shares.most_common():
        if sec / total >= 0.002:
            print(f"{owner:<58} {sec:>8.2f} {sec / total:>7.1%}")
    print(f"\n{'newsgraph functions (non-spaCy time inside them)':<58} {'seconds':>8} {'share':>7}")
    for name, sec in funcs.most_common(15):
        print(f"{name[:58]:<58} {sec:>8.2f} {sec / total:>7.1%}")
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
        print(f"\ncall tree: {args.html}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
