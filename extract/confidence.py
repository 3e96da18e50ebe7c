"""How often a fact of this kind is right: a confidence fitted on development data.

The registry gives each rule a confidence typed in by hand; on news nobody tuned to, a fact at
0.8 was no more often right than one at 0.7. Here each fact (all readings of it together) is
described by evidence the rules already compute (which rule read it and how many others did,
in how many sentences, how well its ends are named and typed), and a logistic regression
fitted on the gold of the development sets (``make train``, ``extract/data/train_confidence.py``)
turns that into the fraction of such facts that were right. The model ships as a small JSON
file of weights; applying it is a dot product, so nothing is learned or downloaded at run
time. Predicates without gold to fit on (partOf, locatedIn) keep the registry's confidence.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from .records import Entity, Fact
from .relations.derive import fact_key, one_per_fact

MODEL_FILE = Path(__file__).parent / "data" / "confidence.json"


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic regression weights over named features; the predicates it was fitted on."""

    weights: Mapping[str, float]
    intercept: float
    predicates: frozenset[str]

    def confidence(self, features: Mapping[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return round(1.0 / (1.0 + math.exp(-z)), 3)


@cache
def model(path: Path = MODEL_FILE) -> Model | None:
    """The shipped model, or None when there is none (before the first ``make train``)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(data["weights"], data["intercept"], frozenset(data["predicates"]))


def _entity_features(prefix: str, e: Entity | None) -> dict[str, float]:
    if e is None:
        return {f"{prefix}_none": 1.0}
    votes = dict(e.type_votes)
    total = sum(v for v in votes.values() if v > 0)
    words = e.label.split()
    return {
        f"{prefix}_one_word": float(len(words) == 1),
        f"{prefix}_acronym": float(e.label.isupper() and len(e.label) <= 6),
        f"{prefix}_mentions": math.log1p(len(e.mentions)),
        f"{prefix}_type_share": votes.get(e.type, 0.0) / total if total else 0.0,
        f"{prefix}_uncertain": 1.0 - e.confidence,
    }


def features(readings: Sequence[Fact], sentences: int, entities: Mapping[str, Entity]) -> dict[str, float]:
    """The evidence about one fact: ``readings`` are the facts of one key (one sentence), the
    most confident first; ``sentences`` is how many sentences of the document say it."""
    best = readings[0]
    rules = best.rule.split("+")
    x = {
        f"pred={best.predicate}": 1.0,
        f"rule={rules[0]}": 1.0,
        "prior": best.confidence,
        "readings": float(min(len({f.rule for f in readings}), 3) - 1),
        "sentences": float(min(sentences, 3) - 1),
        "sentence_chars": math.log1p(best.end - best.start) / 5,
    }
    if len(rules) > 1:
        x[f"via={rules[-1]}"] = 1.0
    if best.title is not None:
        x["title_words"] = float(min(len(best.title.split()), 4))
        x["title_former"] = float(best.title.lower().startswith(("former", "ex-", "ex ")))
    x.update(_entity_features("subj", entities.get(best.subject)))
    x.update(_entity_features("obj", entities.get(best.object) if best.object else None))
    return x


def with_features(readings: Iterable[Fact], entities: Iterable[Entity]) -> list[tuple[Fact, dict[str, float]]]:
    """Each fact once (as its most confident rule read it) with its features."""
    readings = list(readings)
    by_key = {e.key: e for e in entities}
    groups: dict[tuple, list[Fact]] = {}
    for f in readings:
        groups.setdefault(fact_key(f), []).append(f)
    facts = one_per_fact(readings)
    said = Counter((f.subject, f.predicate, f.object, f.title) for f in facts)
    out = []
    for f in facts:
        group = sorted(groups[fact_key(f)], key=lambda r: -r.confidence)
        out.append((f, features(group, said[f.subject, f.predicate, f.object, f.title], by_key)))
    return out


def calibrated(readings: Iterable[Fact], entities: Iterable[Entity], fitted: Model | None = None) -> list[Fact]:
    """Each fact once, its confidence the fitted model's where the model knows its predicate."""
    fitted = fitted or model()
    out = []
    for f, x in with_features(readings, entities):
        if fitted is not None and f.predicate in fitted.predicates:
            f = replace(f, confidence=fitted.confidence(x))
        out.append(f)
    return out
