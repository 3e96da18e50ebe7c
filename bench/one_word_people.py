"""How many Person nodes carry a one-word label on the first N BBC politics articles (issue #23:
at most 20 of the first 100; 59 before it).

    python bench/one_word_people.py [--articles 100]

A one-word person is most often a place, an organisation or a fragment the NER took for a
name ("Gatwick", "Library"), or a person the text names by one name only ("his wife Ffion").
Prints the count and the labels, so a change to the entity rules shows what it moved.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ONE_WORD_PEOPLE = """PREFIX ng: <https://w3id.org/newsgraph/ontology#>
SELECT ?label WHERE { ?p a ng:Person ; rdfs:label ?label FILTER(!CONTAINS(STR(?label), " ")) } ORDER BY ?label"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100, help="the first N files of corpus/bbc/politics")
    args = ap.parse_args()
    import newsgraph
    from newsgraph.output.build import build

    files = sorted((SHARED / "corpus" / "bbc" / "politics").glob("*.txt"))[: args.articles]
    if not files:
        sys.exit(f"no articles under {SHARED / 'corpus' / 'bbc' / 'politics'}")
    with tempfile.TemporaryDirectory() as tmp:
        build(files, tmp, validate=False)
        labels = [row["label"] for row in newsgraph.open(tmp).rows(ONE_WORD_PEOPLE)]
    print(f"{len(files)} articles: {len(labels)} Person nodes with a one-word label (bar ≤ 20)")
    print(", ".join(labels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
