"""Fit the weights of the entity type vote on the development sets' gold, and measure the fit.

    python extract/data/train_types.py ../shared [--write]

Not part of ``make train``: fitted weights type fewer entities right than the shipped ones on
the half they were not fitted on (the README gives the numbers), so ``type_weights.json``
keeps its hand-set values until a fit does better; ``--write`` replaces them.

Every vote names its evidence (``schema.vote``); with ``schema.RECORD_EVIDENCE`` set, a
document's entity keeps how often each evidence voted for each type. For each entity of
``bbc-dev`` and ``redocred-dev`` (never ``seeds``) whose names fit one gold entity of type
Person, Organization or Place, the gold type must outweigh each other type: one row per (gold
type, other type) holding the difference of their evidence counts, and a logistic regression
without intercept (scikit-learn, lbfgs, deterministic) over those rows fits one weight per
evidence (a conditional logit: the vote stays a weighted sum, its argmax the type). Weights
are scaled so the NER's label weighs 1, and a weight below 0 is set to 0 (evidence never
argues against its type). The rows depend on the weights (a vote read before the end, such as
"a lone word only the NER called a person", moves with them), so the fit is repeated
``ROUNDS`` times, each from the rows the previous weights give.

It prints, per half, the document entities' type accuracy with the shipped weights and with
weights fitted on the other half only (bbc-dev's halves.tsv; Re-DocRED's odd and even leads).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from train_confidence import bbc_halves, scorer  # a sibling script: run from extract/data

from newsgraph.extract import schema
from newsgraph.extract.input.reader import article_from_text
from newsgraph.extract.nlp import load, prepare_text
from newsgraph.extract.pipeline import read_document
from newsgraph.extract.records import Article

OUT = Path(__file__).with_name("type_weights.json")
TYPES = (schema.PERSON, schema.ORGANIZATION, schema.PLACE)
C = 100.0  # weak regularisation: scikit-learn's default (1.0) did worse on both halves
ROUNDS = 3

# (document, gold type, type -> evidence -> count, the type the vote gave)
Row = tuple[str, str, dict[str, dict[str, float]], str]
Parsed = tuple[str, Any, Article, Any]  # (file name, parsed Doc, article, its set's gold)


def _parsed(nlp, folder: Path) -> list[tuple[str, Any, Article]]:
    out = []
    for path in sorted(folder.iterdir()):
        article = article_from_text(path.read_text(encoding="utf-8"), path.name)
        out.append((path.name, nlp(prepare_text(article.text, article.skipped)), article))
    return out


def _rows(docs: list[Parsed]) -> list[Row]:
    """The evidence of every document entity that fits one typed gold entity."""
    rows = []
    for name, doc, article, gold in docs:
        for e in read_document(doc, article).entities:
            ids = gold.ids_for(list(e.names))
            want = gold.entities[next(iter(ids))].get("type") if len(ids) == 1 else None
            if want not in TYPES:
                continue
            counts: dict[str, dict[str, float]] = {t: {} for t in TYPES}
            for key, n in e.type_votes:
                t, _, evidence = key.partition("|")
                if evidence and t in counts:
                    counts[t][evidence] = counts[t].get(evidence, 0.0) + n
            rows.append((name, want, counts, e.type))
    return rows


def _fit(rows: list[Row]) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    pairs, labels = [], []
    for _, want, counts, _ in rows:
        for other in TYPES:
            if other == want:
                continue
            diff: defaultdict[str, float] = defaultdict(float)
            for k, v in counts[want].items():
                diff[k] += v
            for k, v in counts[other].items():
                diff[k] -= v
            pairs += [dict(diff), {k: -v for k, v in diff.items()}]
            labels += [1, 0]
    vec = DictVectorizer(sort=True)
    reg = LogisticRegression(C=C, fit_intercept=False, max_iter=10000).fit(vec.fit_transform(pairs), labels)
    raw = dict(zip(vec.get_feature_names_out(), reg.coef_[0], strict=True))
    unit = raw.get("ner-label", 1.0) or 1.0
    return {k: round(max(0.0, float(w) / unit), 4) for k, w in sorted(raw.items())}


def _accuracy(rows: list[Row]) -> float:
    return sum(got == want for _, want, _, got in rows) / len(rows) if rows else 0.0


def _use(weights: dict[str, float] | None, scratch: Path) -> None:
    """Make the vote read these weights (None: the shipped file), written to ``scratch``."""
    if weights is None:
        schema.TYPE_WEIGHTS = OUT
    else:
        scratch.write_text(json.dumps({"weights": weights}), encoding="utf-8")
        schema.TYPE_WEIGHTS = scratch
    schema.type_weights.cache_clear()


def _train(docs: list[Parsed], scratch: Path) -> dict[str, float]:
    """Fit from the shipped weights, ROUNDS times, each from the rows the last weights give."""
    _use(None, scratch)
    weights: dict[str, float] = {}
    for _ in range(ROUNDS):
        weights = _fit(_rows(docs))
        _use(weights, scratch)
    return weights


def main(shared_dir: str, *, write: bool = False) -> int:
    shared = Path(shared_dir)
    score_kg = scorer(shared)
    schema.RECORD_EVIDENCE = True
    nlp = load()
    halves = bbc_halves(shared)
    docs: list[Parsed] = []
    for name in ("bbc-dev", "redocred-dev"):
        rows = (shared / "eval" / name / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        gold = score_kg.Gold([json.loads(x) for x in rows if x.strip()])
        docs += [(*d, gold) for d in _parsed(nlp, shared / "eval" / name / "text")]
    # Re-DocRED's halves: odd and even leads
    half = {d[0]: halves.get(d[0]) or "ab"[int(d[0].split("-")[-1].split(".")[0]) % 2 == 0] for d in docs}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "type_weights.json"
        for h, other in (("a", "b"), ("b", "a")):
            part = [d for d in docs if half[d[0]] == h]
            _use(None, scratch)
            before = _accuracy(_rows(part))
            _train([d for d in docs if half[d[0]] == other], scratch)
            after = _accuracy(_rows(part))
            sys.stdout.write(f"half {h}: type accuracy {before:.4f} shipped, {after:.4f} fitted on half {other}\n")
        if write:
            final = _train(docs, scratch)
            OUT.write_text(
                json.dumps({"weights": final, "trained_on": "bbc-dev, redocred-dev"}, indent=1, sort_keys=True) + "\n",
                encoding="utf-8",
            )
            sys.stdout.write(f"wrote {OUT} ({len(final)} weights)\n")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--write"]
    sys.exit(main(args[0] if args else "../shared", write="--write" in sys.argv))
