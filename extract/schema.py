"""The ontology as extraction sees it: entity types, relation signatures, the type vote.

Pure Python (no spaCy), so the graph builder and the alias reader use the same table.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

# Evidence for each type: type -> weight. A defaultdict(float), not a Counter: weights are fractions.
Votes = defaultdict[str, float]

# Entity classes, named as in the ontology (ng:Person, ...). The order breaks ties in the vote.
PERSON = "Person"
ORGANIZATION = "Organization"
PLACE = "Place"
EVENT = "Event"
ENTITY_TYPES = (PERSON, ORGANIZATION, PLACE, EVENT)

# What each relation needs at its two ends. holdsPosition points at a position whose
# organisation (the second type) may be absent.
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "ledBy": (frozenset({ORGANIZATION}), frozenset({PERSON})),
    "memberOf": (frozenset({PERSON}), frozenset({ORGANIZATION})),
    # a country is the organisation of an office of state: "French finance minister"
    "holdsPosition": (frozenset({PERSON}), frozenset({ORGANIZATION, PLACE})),
    "partOf": (frozenset({ORGANIZATION}), frozenset({ORGANIZATION})),
    "locatedIn": (frozenset(ENTITY_TYPES), frozenset({PLACE})),
}
RELATIONS = tuple(SIGNATURES)


def new_votes(*more: Mapping[str, float] | Iterable[tuple[str, float]]) -> Votes:
    """Votes summed from mappings or (type, weight) pairs.

    >>> dict(new_votes({"Person": 1}, [("Person", 0.5), ("Place", 2)]))
    {'Person': 1.5, 'Place': 2.0}
    """
    votes: Votes = defaultdict(float)
    for m in more:
        add_votes(votes, m)
    return votes


def add_votes(votes: Votes, more: Mapping[str, float] | Iterable[tuple[str, float]]) -> None:
    """Add weights to votes (Counter.update would do it, but only for whole numbers)."""
    for t, w in more.items() if isinstance(more, Mapping) else more:
        votes[t] += w


# The weight of each kind of evidence in the type vote: a name's type is the one whose
# evidence weighs most. Set by hand: ``data/train_types.py`` fits them and measures the fit,
# which does worse on the half it was not fitted on (README, Known limits).
TYPE_WEIGHTS = Path(__file__).parent / "data" / "type_weights.json"
# Set only by the training script: each vote also counts its evidence under "Type|evidence",
# so the fit sees what a document's entity was typed from.
RECORD_EVIDENCE = False


@cache
def type_weights() -> dict[str, float]:
    """Evidence name -> weight, from the shipped ``type_weights.json``."""
    data: dict[str, float] = json.loads(TYPE_WEIGHTS.read_text(encoding="utf-8"))["weights"]
    return data


def vote(votes: Votes, etype: str, evidence: str) -> None:
    """Add the weight of a kind of evidence to one type's votes (a kind the file does not
    weigh, such as a speaker rule that says nothing of its speaker's type, adds nothing).

    >>> v = new_votes(); vote(v, "Person", "honorific"); v["Person"] > 0
    True
    """
    votes[etype] += type_weights().get(evidence, 0.0)
    if RECORD_EVIDENCE:
        votes[f"{etype}|{evidence}"] += 1


def vote_total(votes: Mapping[str, float]) -> float:
    """All the evidence a name has, whatever its type (recorded evidence left out)."""
    return sum(votes.get(t, 0.0) for t in ENTITY_TYPES)


def vote_type(votes: Mapping[str, float]) -> str:
    """The type with the most evidence; ties go to the earlier of ENTITY_TYPES.

    >>> vote_type({"Organization": 1.5, "Person": 1.5, "Place": 1})
    'Person'
    >>> vote_type({})
    'Person'
    """
    best, top = ENTITY_TYPES[0], votes.get(ENTITY_TYPES[0], 0)
    for t in ENTITY_TYPES[1:]:  # a loop, not max(key=...): every name is typed several times
        if (v := votes.get(t, 0)) > top:
            best, top = t, v
    return best


def fits(predicate: str, subject_type: str | None, object_type: str | None, *, same: bool = False) -> bool:
    """Whether a relation between entities of these types fits its signature.

    Args:
        predicate: one of RELATIONS.
        subject_type: the subject's type (None: unknown, never fits).
        object_type: the object's type; None only fits a position with no organisation.
        same: subject and object are one entity (a relation to itself never fits).

    >>> fits("ledBy", "Organization", "Person"), fits("ledBy", "Person", "Organization")
    (True, False)
    >>> fits("holdsPosition", "Person", None), fits("partOf", "Organization", "Organization", same=True)
    (True, False)
    """
    want_subject, want_object = SIGNATURES[predicate]
    if subject_type not in want_subject:
        return False
    if object_type is None:
        return predicate == "holdsPosition"
    return object_type in want_object and not same


def former(title: str | None) -> bool:
    """A title the text calls past: "former chairman", "ex-leader", "Ex Chief Constable".

    >>> former("former chairman"), former("ex-leader"), former("Exchequer secretary")
    (True, True, False)
    """
    words = (title or "").lower().replace("-", " ").split()
    return bool({"former", "ex"} & set(words))


def future(title: str | None) -> bool:
    """A title of an office not yet taken: "President-elect", "chairman designate".

    >>> future("President-elect"), future("chairman designate"), future("elected chairman")
    (True, True, False)
    """
    words = (title or "").lower().replace("-", " ").split()
    return words[-1:] in (["elect"], ["designate"])
