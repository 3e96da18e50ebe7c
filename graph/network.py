"""Links between entities that are no relation: who said something about whom, and who is named
with whom. One computation for the view and the network exports, fed the graph's own triples
(rdflib terms or pyoxigraph values alike).

networkx could hold the result, but the counting itself is two dictionaries; building a graph
object to count pairs would cost more than the counting.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from itertools import combinations
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def cooccurrence(denotes: Iterable[tuple[T, T]], document_of: Iterable[tuple[T, T]]) -> Counter[tuple[T, T]]:
    """(a, b) -> how many documents name both, ``a`` the one whose text sorts first.

    Args:
        denotes: (document entity, entity) pairs (``ng:denotes``).
        document_of: (document entity, document) pairs (``ng:document``; others are ignored).

    >>> sorted(cooccurrence([("d1e0", "ann"), ("d1e1", "bob"), ("d2e0", "ann"), ("d2e1", "bob")],
    ...                     [("d1e0", "d1"), ("d1e1", "d1"), ("d2e0", "d2"), ("d2e1", "d2")]).items())
    [(('ann', 'bob'), 2)]
    """
    entity = dict(denotes)
    named: dict[T, set[T]] = defaultdict(set)
    for local, doc in document_of:
        if local in entity:
            named[doc].add(entity[local])
    out: Counter[tuple[T, T]] = Counter()
    for entities in named.values():
        out.update(combinations(sorted(entities, key=str), 2))
    return out


def sentence_cooccurrence(
    denotes: Iterable[tuple[T, T]], document_of: Iterable[tuple[T, T]], same_sentence: Iterable[tuple[T, T]]
) -> Counter[tuple[T, T]]:
    """(a, b) -> how many documents name both in one sentence, ``a`` the one whose text sorts
    first.

    Args:
        denotes, document_of: as for :func:`cooccurrence`.
        same_sentence: (document entity, document entity) pairs (``ng:sameSentence``).

    >>> sorted(sentence_cooccurrence([("d1e0", "bob"), ("d1e1", "ann")], [("d1e0", "d1"), ("d1e1", "d1")],
    ...                              [("d1e0", "d1e1")]).items())
    [(('ann', 'bob'), 1)]
    """
    entity = dict(denotes)
    doc = dict(document_of)
    seen = set()
    for a, b in same_sentence:
        if a in entity and b in entity and entity[a] != entity[b]:
            x, y = sorted((entity[a], entity[b]), key=str)
            seen.add((x, y, doc.get(a)))
    return Counter((x, y) for x, y, _ in seen)


def said_about(
    said: Iterable[tuple[T, T]], claimed_by: Iterable[tuple[T, T]], mentions: Iterable[tuple[T, T]]
) -> Counter[tuple[T, T]]:
    """(speaker, entity) -> how many of the speaker's quotes and claims name the entity.

    Args:
        said: (speaker, quote) pairs (``ng:said``).
        claimed_by: (claim, speaker) pairs (``ng:claimedBy``).
        mentions: (quote or claim, entity) pairs (``ng:mentions``).

    >>> dict(said_about([("ann", "q1"), ("ann", "q2")], [("c1", "bob")], [("q1", "bob"), ("q2", "bob"), ("c1", "ann")]))
    {('ann', 'bob'): 2, ('bob', 'ann'): 1}
    """
    named: dict[T, list[T]] = defaultdict(list)
    for words, entity in mentions:
        named[words].append(entity)
    spoken = [*said, *((speaker, claim) for claim, speaker in claimed_by)]
    return Counter((speaker, e) for speaker, words in spoken for e in named.get(words, ()) if e != speaker)
