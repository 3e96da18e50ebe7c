"""Fit ``confidence.json``, the fact confidence model, on the development sets' gold.

Run by ``make train`` (``python extract/data/train_confidence.py ../shared``). It reads every
development text of ``bbc-dev`` and ``redocred-dev`` (never ``seeds``, kept to check on),
labels each fact the rules read right when the gold has it (the pairs and positions
``../shared/tools/score_kg.py`` scores, matched by name as it matches them), and fits a
logistic regression (scikit-learn, lbfgs, deterministic) over ``confidence.features``.

Before fitting on everything it prints the calibration table the README shows, measured
without fitting on what it scores: the model fitted on one half (bbc-dev-a and the even
Re-DocRED leads) scores the other half, and the other way round; seeds are scored by the
final model, which never saw them. Weights are rounded, keys sorted: a rebuild shows no diff.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

from newsgraph.extract.confidence import Model, with_features
from newsgraph.extract.input.reader import article_from_text
from newsgraph.extract.nlp import load, prepare_text
from newsgraph.extract.pipeline import read_document

OUT = Path(__file__).with_name("confidence.json")
PREDICATES = ("holdsPosition", "ledBy", "memberOf")
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
C = 1.0  # the regression's inverse regularisation: scikit-learn's default


def scorer(shared: Path):
    """../shared/tools/score_kg.py as a module (its Gold matches names as the scores do)."""
    spec = importlib.util.spec_from_file_location("score_kg", shared / "tools" / "score_kg.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def bbc_halves(shared: Path) -> dict[str, str]:
    """bbc-dev's file name -> its half ("a" or "b"), from ../shared/eval/bbc-dev/halves.tsv."""
    lines = (shared / "eval/bbc-dev/halves.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t")[:2] for line in lines if "\t" in line)


def _labelled(nlp, folder: Path, gold_file: Path, score_kg) -> list[tuple[str, str, dict, bool]]:
    """(document, predicate, features, right) of every fact the rules read in the folder."""
    rows = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = score_kg.Gold(rows)
    kinds = {r["kind"] for r in rows}
    pairs = {
        k: {(r["org"], r["person"]) if k == "ledBy" else (r["person"], r["org"]) for r in gold.facts if r["kind"] == k}
        for k in ("ledBy", "memberOf")
    }
    positions = [r for r in gold.facts if r["kind"] == "position"]
    out = []
    for path in sorted(folder.iterdir()):
        article = article_from_text(path.read_text(encoding="utf-8"), path.name)
        read = read_document(nlp(prepare_text(article.text, article.skipped)), article)
        names = {e.key: list(e.names) for e in read.entities}
        for f, x in with_features(read.facts, read.entities):
            kind = "position" if f.predicate == "holdsPosition" else f.predicate
            if f.predicate not in PREDICATES or kind not in kinds:
                continue
            subj = gold.ids_for(names[f.subject])
            obj = gold.ids_for(names[f.object]) if f.object else set()
            if f.predicate == "holdsPosition":
                right = any(
                    g["person"] in subj
                    and score_kg.title_match(f.title or "", g["title"])
                    and (g.get("org") is None or g["org"] in obj)
                    for g in positions
                )
            else:
                right = any((a, b) in pairs[f.predicate] for a in subj for b in obj)
            out.append((path.name, f.predicate, x, right))
    return out


def _fit(rows: list[tuple[str, str, dict, bool]]) -> Model:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    X = vec.fit_transform([x for _, _, x, _ in rows])
    y = [right for *_, right in rows]
    reg = LogisticRegression(C=C, max_iter=5000).fit(X, y)
    weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), reg.coef_[0], strict=True)}
    return Model(weights, round(float(reg.intercept_[0]), 6), frozenset(PREDICATES))


def calibration_rows(name: str, scored: list[tuple[float, bool]]) -> list[str]:
    """The README's calibration rows of one set: per confidence bin, how many and the share right
    (``scored``: (confidence, right) of each fact or quote). train_speakers.py prints these too."""
    lines = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [right for c, right in scored if lo <= c < hi]
        if inside:
            lines.append(f"| {name} | {lo:.1f}–{min(hi, 1.0):.1f} | {len(inside)} | {sum(inside) / len(inside):.2f} |")
    return lines


def _table(name: str, scored: list[tuple[float, bool]]) -> list[str]:
    lines = calibration_rows(name, scored)
    high = [right for c, right in scored if c >= 0.9]
    share = len(high) / len(scored) if scored else 0.0
    precision = sum(high) / len(high) if high else 0.0
    lines.append(f"| {name} | ≥ 0.9: {share:.0%} of {len(scored)} facts | {len(high)} | {precision:.2f} |")
    return lines


def main(shared_dir: str) -> int:
    shared = Path(shared_dir)
    score_kg = scorer(shared)
    nlp = load()
    halves = bbc_halves(shared)
    bbc = _labelled(nlp, shared / "eval/bbc-dev/text", shared / "eval/bbc-dev/gold.jsonl", score_kg)
    redocred = _labelled(nlp, shared / "eval/redocred-dev/text", shared / "eval/redocred-dev/gold.jsonl", score_kg)
    leads = sorted({d for d, *_ in redocred})
    half = {d: halves.get(d, "?") for d, *_ in bbc} | {d: "ab"[i % 2] for i, d in enumerate(leads)}
    rows = bbc + redocred
    scored: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for h, other in (("a", "b"), ("b", "a")):
        fitted = _fit([r for r in rows if half[r[0]] == other])
        for r in bbc:
            if half[r[0]] == h:
                scored["bbc-dev"].append((fitted.confidence(r[2]), r[3]))
        for r in redocred:
            if half[r[0]] == h:
                scored["redocred-dev"].append((fitted.confidence(r[2]), r[3]))
    final = _fit(rows)
    seeds = _labelled(nlp, shared / "corpus/seeds", shared / "gold/seeds.jsonl", score_kg)
    scored["seeds"] = [(final.confidence(x), right) for _, _, x, right in seeds]
    table = ["| set | confidence | facts | right |", "|---|---|---:|---:|"]
    for name in ("bbc-dev", "redocred-dev", "seeds"):
        table += _table(name, scored[name])
    sys.stdout.write("\n".join(table) + "\n")
    OUT.write_text(
        json.dumps(
            {
                "intercept": final.intercept,
                "predicates": sorted(final.predicates),
                "weights": dict(sorted(final.weights.items())),
                "trained_on": f"bbc-dev ({len(bbc)} facts), redocred-dev ({len(redocred)} facts)",
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    sys.stdout.write(f"wrote {OUT} ({len(rows)} facts, {sum(r[3] for r in rows)} right)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
