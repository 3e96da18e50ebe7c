"""Which candidate said a quote: a learned choice among what the rules propose.

The rules of ``attribution`` each propose a speaker for a quoted span: the subject of each
reporting cue the cue strategies find, the speaker of the quote before, the subject of the
sentence before, a name after a dash or before a colon, the nearest person, nobody. A
candidate proposed by several of them is one candidate with each proposer as a feature. The
features are what the rules compute already (which rule proposed it, how its subject was
resolved, the entity's type, the cue's distance from the marks, the paragraphs since the quote
before, whether the quote continues one, whether the entity spoke before), crossed with the
proposer where a fact about the quote matters only to one proposer.

Gradient-boosted trees (``data/speaker_ranker.json``) give each candidate the probability
that it is the speaker; the most likely wins, and that probability is the quote's confidence.
``extract/data/train_speakers.py`` (``make train``) fits the trees on PolNeAR's training
split, never on a set the README reports. Nothing is learned at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .speakers import Speaker

MODEL_FILE = Path(__file__).parent.parent / "data" / "speaker_ranker.json"

# Set by the training script: each quote's candidates are appended here as
# (quote start, quote end, [(speaker text, entity label, features), ...]).
RECORD: list[tuple[int, int, list[tuple[str, str, dict[str, float]]]]] | None = None


@dataclass(slots=True)
class Candidate:
    """A speaker some rule proposes for a quote, the cue it comes with, its features."""

    speaker: Speaker
    cue: str | None
    method: str  # the ng:method the quote gets if this candidate wins
    features: dict[str, float] = field(default_factory=dict)

    def key(self) -> str:
        """Two proposals of one speaker are one candidate: the same entity, else the same words."""
        return self.speaker.entity or f"text:{self.speaker.text.lower()}"


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree of the boosted ensemble, as scikit-learn's ``tree_`` arrays: node i
    tests ``feature[i] <= threshold[i]`` and goes ``left[i]`` or ``right[i]``; a leaf
    (``left[i] == -1``) holds ``value[i]``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, x: Sequence[float]) -> float:
        # the reference walk: ``compile_trees`` must give the same sum (a test checks it)
        node, left, right, feature, threshold = 0, self.left, self.right, self.feature, self.threshold
        while left[node] != -1:
            node = left[node] if x[feature[node]] <= threshold[node] else right[node]
        return self.value[node]

    def source(self, names: Mapping[int, str], indent: str = "    ") -> Iterator[str]:
        """The tree as nested Python ``if`` statements adding its leaf's value to ``z``, over
        the locals ``names[feature]`` (see :func:`compile_trees`)."""
        stack: list[tuple[int | str, str]] = [(0, indent)]  # a node and its indent, or a line as is
        while stack:
            node, pad = stack.pop()
            if isinstance(node, str):  # the "else:" between the two branches
                yield node
                continue
            if self.left[node] == -1:
                yield f"{pad}z += {float(self.value[node])!r}"
                continue
            yield f"{pad}if {names[self.feature[node]]} <= {float(self.threshold[node])!r}:"
            deeper = pad + "    "
            stack += [(self.right[node], deeper), (f"{pad}else:", ""), (self.left[node], deeper)]


@dataclass(frozen=True, slots=True)
class Ranker:
    """Gradient-boosted trees over named candidate features: the probability that a
    candidate is the speaker (scikit-learn's GradientBoostingClassifier, applied here by its
    trees compiled to nested ifs, ``compile_trees``: the model is data, no pickle, nothing to
    import at run time)."""

    features: tuple[str, ...]
    prior: float  # the log-odds every candidate starts from
    rate: float
    trees: tuple[Tree, ...]
    _sum: Callable[[Mapping[str, float]], float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_sum", compile_trees(self.features, self.trees))

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.prior + self.rate * self._sum(features)
        return 1.0 / (1.0 + math.exp(-z))

    def walked(self, features: Mapping[str, float]) -> float:
        """``probability`` by a walk of each tree (what the compiled trees must equal)."""
        x = [features.get(name, 0.0) for name in self.features]
        z = self.prior + self.rate * sum(tree.predict(x) for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-z))

    def choose(self, candidates: Sequence[Candidate]) -> tuple[Candidate, float]:
        """The candidate most likely the speaker and that likelihood (of equal ones the first:
        the rules' choice comes first). A quote none of whose candidates is likely keeps the
        best of them at a low confidence: ``ng:confidence`` says how sure the choice is."""
        index, p = self.best([c.features for c in candidates])
        return candidates[index], p

    def best(self, candidates: Sequence[Mapping[str, float]]) -> tuple[int, float]:
        """``choose`` over the candidates' features: (the index chosen, its probability)."""
        p = [self.probability(x) for x in candidates]
        best = max(range(len(p)), key=lambda i: (p[i], -i))
        return best, p[best]

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "prior": self.prior,
            "rate": self.rate,
            "trees": [
                {"feature": t.feature, "threshold": t.threshold, "left": t.left, "right": t.right, "value": t.value}
                for t in self.trees
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Ranker:
        trees = tuple(
            Tree(*(tuple(t[k]) for k in ("feature", "threshold", "left", "right", "value"))) for t in data["trees"]
        )
        return cls(tuple(data["features"]), data["prior"], data["rate"], trees)


def compile_trees(features: Sequence[str], trees: Sequence[Tree]) -> Callable[[Mapping[str, float]], float]:
    """The sum of the trees' values for a candidate's features, as one Python function of
    nested ``if`` statements, compiled once when the model is loaded.

    Our own code because nothing installed applies a fitted ensemble to a handful of rows
    fast: scikit-learn's ``predict_proba`` checks its input on every call, the walk of the
    trees' arrays (``Tree.predict``) took 53 µs a candidate against 10 µs for this function,
    and numpy over all trees at once was slower still at two or three candidates a quote. It is
    made from numbers and the model's feature names (written as string literals by ``repr``),
    nothing else; it adds the leaves in tree order, as the walk does, so the sum is the same
    float."""
    used = sorted({t.feature[i] for t in trees for i in range(len(t.left)) if t.left[i] != -1})
    names = {i: f"x{i}" for i in used}
    lines = ["def score(features):", "    get = features.get"]
    lines += [f"    x{i} = get({str(features[i])!r}, 0.0)" for i in used]
    lines.append("    z = 0.0")
    for tree in trees:
        lines += tree.source(names)
    lines.append("    return z")
    scope: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<speaker ranker>", "exec"), scope)  # made from the model's numbers, see above
    return scope["score"]


@cache
def ranker(path: Path = MODEL_FILE) -> Ranker | None:
    """The shipped model, or None when there is none (before the first ``make train``)."""
    if not path.is_file():
        return None
    return Ranker.from_json(json.loads(path.read_text(encoding="utf-8"))["model"])


def merge(candidates: Sequence[Candidate]) -> list[Candidate]:
    """One candidate per speaker, in the order first proposed, with every proposer's features
    (a numeric feature keeps its largest value)."""
    out: dict[str, Candidate] = {}
    for c in candidates:
        seen = out.get(c.key())
        if seen is None:
            out[c.key()] = Candidate(c.speaker, c.cue, c.method, dict(c.features))
            continue
        for k, v in c.features.items():
            seen.features[k] = max(seen.features.get(k, v), v)
    return list(out.values())
