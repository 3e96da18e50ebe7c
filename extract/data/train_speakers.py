"""Fit ``speaker_ranker.json``, the choice among a quote's candidate speakers, on PolNeAR's training split.

    python extract/data/train_speakers.py ../shared [--docs DIR]

Run by ``make train``. It reads every article of ``eval/polnear-train`` (840 US articles whose
every attribution is annotated; never a set the README reports a decision on), lets the rules
attribute each quote while ``ranker.RECORD`` keeps every candidate each quote had and its
features, and marks a candidate right when its words or its entity's name match the gold
source span the way ``../shared/tools/score_kg.py`` matches them (when the gold names nobody,
only the candidate "nobody" is right).

The model is scikit-learn's GradientBoostingClassifier (settings ``TREES``; deterministic)
over every candidate of every quote, right or wrong: the probability that a candidate is the
speaker. The trees are written as data (``ranker.Tree``), checked to give what scikit-learn
gives, with the hash of the training data and the settings: a rebuild shows no diff, and a
test checks the hash and the settings.

It prints the share of quotes whose chosen candidate is right, by the rules and by the ranker:
on polnear-train's articles at even and at odd positions of the sorted list, each scored by a
ranker fitted on the other; on polnear-dev, bbc-dev and the seeds by the shipped ranker, which
never saw them; then the calibration table of the README (per probability bin, quotes and the
share right).

``--docs DIR`` keeps the parsed articles in DIR (spaCy DocBin) and reads them from there the
next time: parsing the 840 articles takes minutes, the rest about a minute.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from train_confidence import calibration_rows, scorer  # a sibling script (the script's folder is on sys.path)

from newsgraph.extract.input.reader import article_from_text
from newsgraph.extract.nlp import load, prepare_text
from newsgraph.extract.pipeline import read_document
from newsgraph.extract.quotes import ranker

OUT = Path(__file__).with_name("speaker_ranker.json")
TRAIN = "eval/polnear-train"
# scikit-learn's GradientBoostingClassifier: its default depth and rate; 100 trees; fixed seed
TREES: dict[str, Any] = {"n_estimators": 100, "max_depth": 3, "learning_rate": 0.1, "random_state": 0}
# the sets the calibration table is printed for (never fitted on): (name, texts, gold)
REPORTED = (
    ("polnear-dev", "eval/polnear-dev/text", "eval/polnear-dev/gold.jsonl"),
    ("bbc-dev", "eval/bbc-dev/text", "eval/bbc-dev/gold.jsonl"),
    ("seeds", "corpus/seeds", "gold/seeds.jsonl"),
)

# one quote: its candidates' (features, right), the rules' choice first
Quote = list[tuple[dict[str, float], bool]]


def data_hash(folder: Path) -> str:
    """SHA-256 of the training data: every text's name and bytes, then the gold file."""
    h = hashlib.sha256()
    for path in sorted((folder / "text").iterdir()):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    h.update((folder / "gold.jsonl").read_bytes())
    return h.hexdigest()


def _parsed(nlp, texts: Path, cache: Path | None) -> list[tuple[Any, Any]]:
    """(article, parsed Doc) of every text of the folder, in name order."""
    from spacy.tokens import DocBin

    paths = sorted(texts.iterdir())
    articles = [article_from_text(p.read_text(encoding="utf-8"), p.name) for p in paths]
    stored = cache / f"{texts.parent.name}-{texts.name}.spacy" if cache is not None else None
    if stored is not None and stored.is_file():
        docs = list(DocBin().from_disk(stored).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((prepare_text(a.text, a.skipped) for a in articles), batch_size=16))
        if stored is not None:
            stored.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs, store_user_data=False).to_disk(stored)
    return list(zip(articles, docs, strict=True))


def labelled(nlp, texts: Path, gold_file: Path, score_kg, cache: Path | None = None) -> list[tuple[str, Quote]]:
    """(article, candidates) of every quote the rules attribute that the gold holds (its source, or nobody)."""
    rows = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line]
    ids = score_kg.Gold(rows).ids_for  # the gold entities a name fits (sets that name speakers by id)
    gold: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row.get("kind") == "quote":
            gold[row["doc"]].append(row)

    def right(said: str, name: str, source: dict) -> bool:
        if not source.get("speaker") and not source.get("speaker_text"):
            return not said and not name  # the gold names nobody: only "nobody" is right
        if source.get("speaker"):
            return source["speaker"] in ids([name] if name else [])
        written = source["speaker_text"]
        return score_kg.overlap_match(said, written) or score_kg.overlap_match(name, written)

    out = []
    for article, doc in _parsed(nlp, texts, cache):
        ranker.RECORD = []
        try:
            read_document(doc, article)
            recorded = ranker.RECORD
        finally:
            ranker.RECORD = None
        wanted = gold.get(article.name, [])
        for start, end, candidates in recorded:
            text = article.text[start:end]
            sources = [g for g in wanted if score_kg.overlap_match(text, g["text"])]
            if sources:
                out.append((article.name, [(x, any(right(s, n, g) for g in sources)) for s, n, x in candidates]))
    return out


def fit(quotes: list[Quote]) -> tuple[ranker.Ranker, dict[str, float]]:
    """Boosted trees that tell a right candidate from a wrong one, over every candidate, and
    each feature's importance (scikit-learn's: the share of the trees' gain it gives)."""
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer

    rows = [(x, right) for cands in quotes for x, right in cands]
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform([x for x, _ in rows]).toarray()
    y = [right for _, right in rows]
    model = GradientBoostingClassifier(**TREES).fit(X, y)
    trees = []
    for (est,) in model.estimators_:
        t = est.tree_
        trees.append(
            ranker.Tree(
                tuple(int(f) for f in t.feature),
                tuple(round(float(v), 6) for v in t.threshold),
                tuple(int(i) for i in t.children_left),
                tuple(int(i) for i in t.children_right),
                tuple(round(float(v), 6) for v in t.value[:, 0, 0]),
            )
        )
    share_right = float(model.init_.class_prior_[1])
    prior = round(math.log(share_right / (1.0 - share_right)), 6)  # the trees start from the share of right ones
    fitted = ranker.Ranker(tuple(vec.get_feature_names_out()), prior, TREES["learning_rate"], tuple(trees))
    # the walk of the trees gives what scikit-learn gives
    names = fitted.features
    for row, p in zip(X[:200], model.predict_proba(X[:200])[:, 1], strict=True):
        assert abs(fitted.probability(dict(zip(names, row, strict=True))) - p) < 1e-4
    importance = {n: float(v) for n, v in zip(names, model.feature_importances_, strict=True) if v > 0}
    return fitted, importance


def chosen(quotes: list[Quote], model: ranker.Ranker | None) -> list[tuple[float, bool]]:
    """(probability, right) of the candidate each quote gets: the rules' (probability 1)
    without a model."""
    out = []
    for cands in quotes:
        if model is None:
            out.append((1.0, cands[0][1]))
            continue
        best, p = model.best([x for x, _ in cands])
        out.append((p, cands[best][1]))
    return out


def share(scored: list[tuple[float, bool]]) -> float:
    return sum(right for _, right in scored) / len(scored) if scored else 0.0


def main(argv: list[str]) -> int:
    shared = Path(argv[0] if argv and not argv[0].startswith("--") else "../shared")
    cache = Path(argv[argv.index("--docs") + 1]) if "--docs" in argv else None
    folder = shared / TRAIN
    nlp = load()
    score_kg = scorer(shared)
    quotes = labelled(nlp, folder / "text", folder / "gold.jsonl", score_kg, cache)
    names = sorted({name for name, _ in quotes})
    half = {name: "ab"[i % 2] for i, name in enumerate(names)}
    out = ["| quotes | right with the rules' choice | right with the ranker's |", "|---|---:|---:|"]
    for h, other in (("a", "b"), ("b", "a")):
        model, _ = fit([q for name, q in quotes if half[name] == other])
        held = [q for name, q in quotes if half[name] == h]
        out.append(
            f"| polnear-train, half {h} (fitted on half {other}): {len(held)} | "
            f"{share(chosen(held, None)):.4f} | {share(chosen(held, model)):.4f} |"
        )
    final, importance = fit([q for _, q in quotes])
    table = ["| set | probability | quotes | right |", "|---|---|---:|---:|"]
    for name, texts, gold_file in REPORTED:
        reported = [q for _, q in labelled(nlp, shared / texts, shared / gold_file, score_kg, cache)]
        scored = chosen(reported, final)
        out.append(f"| {name}: {len(reported)} | {share(chosen(reported, None)):.4f} | {share(scored):.4f} |")
        table += calibration_rows(name, scored)
    top = sorted(importance.items(), key=lambda kv: -kv[1])[:15]
    features = ["| feature | importance |", "|---|---:|", *(f"| `{name}` | {v:.3f} |" for name, v in top)]
    sys.stdout.write("\n".join([*out, "", *table, "", *features]) + "\n")
    OUT.write_text(
        json.dumps(
            {
                "trained_on": f"{TRAIN} ({len(names)} articles, {len(quotes)} quotes)",
                "data_sha256": data_hash(folder),
                "settings": TREES,
                "model": final.to_json(),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    sys.stdout.write(f"wrote {OUT} ({len(final.trees)} trees over {len(final.features)} features)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
