"""The one engine of relation rules that a parse pattern can say: each rule a record of spaCy
``DependencyMatcher`` patterns and what its matched nodes are; the matches of a document,
each with the rule and the alternative that made it.

spaCy runs the patterns. Ours is only a pre-filter: a DependencyMatcher tries every node of
every pattern on every token (about a millisecond a sentence), so each alternative runs only
on the sentences with a token that fits its trigger node (the first node with a word list)
and the nodes next to it, a check of microseconds. The filter reads the token attributes in
``TOKEN_ATTRS`` and the operators ``>`` and ``<``; a pattern using anything else fails at
import, not silently at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from spacy.attrs import ENT_IOB, HEAD, IDS, ORTH, SPACY
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..nlp import sentence_of, token_words
from ..rules import RULES

# A DependencyMatcher pattern: its nodes, as spaCy takes them.
Pattern = list[dict]

# The token attributes patterns may test, as the filter reads them (the matcher itself checks
# them again, with every other node).
TOKEN_ATTRS = {
    "LEMMA": "lemma_",
    "LOWER": "lower_",
    "DEP": "dep_",
    "POS": "pos_",
    "TAG": "tag_",
    "ENT_TYPE": "ent_type_",
    "IS_TITLE": "is_title",
}
_SET_OPS = frozenset({"IN", "NOT_IN"})


@dataclass(frozen=True, slots=True)
class MatcherRule:
    """A relation rule spaCy's DependencyMatcher reads.

    Its nodes are named by ``RIGHT_ID``: ``org`` the organisation; ``person`` the holder when
    the pattern names one ("The president of Y is X"); ``role`` a role noun (then the holder
    is who holds it: "X, a member of Y"); ``verb`` a verb (then the holder is its subject);
    ``prep`` the preposition before the organisation. The registry (``rules.py``) holds the
    rule's confidence and invented example under the same name.

    Attributes:
        name: the rule's name in the registry, its ``ng:method``.
        patterns: the alternatives, each matched under its own key (``name#i``).
        predicate: ``memberOf`` (the holder is a member of the organisation) or ``ledBy``.
        org: where the organisation is: ``node`` (the ``org`` node), ``subject`` (who does the
            verb: "The Hawks signed Tom Reed"), ``group`` (what consists of the people: "The
            band consists of A, B and C"; then every name listed is a member), ``band-before``
            (the one band or group the text named before the role: "the folk band Blue Owls
            ... guitarist Tom Reed").
        team: what is joined is a team whatever the NER called it ("played for Harbour City"):
            True, or when the lemma of the word the rule hangs on is one of these.
        title: the role node, as written, is a position the holder holds too.
        leading_role: a role that leads ("head of Y") makes the holder its leader too.
        name_follows: the holder's name must follow the organisation word right away
            ("Democrat Mary Hale").
        adjective_org: a nationality or a region in the ``org`` node names a people, no
            organisation ("a Welsh singer").
        companions: who does the verb with the holder holds it too ("X formed Y with Z",
            "X with Z joined Y", "Joining with Z, X formed Y").
    """

    name: str
    patterns: tuple[Pattern, ...]
    predicate: str = "memberOf"
    org: str = "node"
    team: bool | frozenset[str] = False
    title: bool = False
    leading_role: bool = False
    name_follows: bool = False
    adjective_org: bool = False
    companions: bool = False

    def __post_init__(self) -> None:
        if self.name not in RULES:
            raise ValueError(f"{self.name}: no such rule in the registry (rules.py)")
        for i, pattern in enumerate(self.patterns):
            for node in pattern:
                for attr, want in node["RIGHT_ATTRS"].items():
                    if attr not in TOKEN_ATTRS or (isinstance(want, dict) and not want.keys() <= _SET_OPS):
                        raise ValueError(f"{self.name}#{i}: the trigger filter cannot read {attr} {want}")

    def is_team(self, head: Token) -> bool:
        """Whether what the holder joins is a team, for a match hanging on ``head``."""
        return self.team if isinstance(self.team, bool) else head.lemma_ in self.team


class Match(NamedTuple):
    """A match: the alternative that made it (``name#i``), its rule, its named nodes."""

    key: str
    rule: MatcherRule
    nodes: dict[str, Token]


@dataclass(frozen=True, slots=True)
class _Trigger:
    key: str
    attrs: dict
    near: tuple[tuple[str, dict], ...]  # ("head" | "child", attrs) of the nodes next to it


class Engine:
    """Runs a table of matcher rules over documents.

    Args:
        rules: the rules; their names must be registered and unique.
    """

    def __init__(self, rules: tuple[MatcherRule, ...]) -> None:
        self.alternatives: dict[str, tuple[MatcherRule, Pattern]] = {}
        for r in rules:
            for i, pattern in enumerate(r.patterns):
                self.alternatives[f"{r.name}#{i}"] = (r, pattern)
        self.triggers: dict[str, list[_Trigger]] = {}
        for key, (_, pattern) in self.alternatives.items():
            for word, trigger in _trigger(key, pattern):
                self.triggers.setdefault(word, []).append(trigger)
        self._matchers: dict[int, dict[str, DependencyMatcher]] = {}

    def matches(self, doc: Doc) -> Iterator[Match]:
        """Each match in the document, sentence by sentence."""
        lowers, lemmas, _ = token_words(doc)
        # the tokens with a trigger word, by sentence (most sentences have none)
        by_sentence: dict[Span, list[int]] = {}
        for i, lower in enumerate(lowers):
            if lower in self.triggers or lemmas[i] in self.triggers:
                by_sentence.setdefault(sentence_of(doc[i]), []).append(i)
        if not by_sentence:
            return
        matchers, copy = self._matchers_for(doc.vocab), _sentence_copier(doc)
        for sent, words in by_sentence.items():
            keys = sorted(self._fitting(doc, words))
            if not keys:
                continue
            sent_doc = copy(sent)
            for key in keys:
                for match_id, ids in matchers[key](sent_doc):
                    key = doc.vocab.strings[match_id]
                    r, pattern = self.alternatives[key]
                    yield Match(key, r, {node["RIGHT_ID"]: sent[i] for node, i in zip(pattern, ids, strict=True)})

    def triggered(self, sent: Span) -> set[str]:
        """The alternatives a sentence may match: those with a trigger node some token fits,
        together with the nodes next to it ("in" counts for "a gunner in the Army" only under a
        noun that fits the role node)."""
        return self._fitting(sent.doc, range(sent.start, sent.end))

    def _fitting(self, doc: Doc, indices: Iterable[int]) -> set[str]:
        """The alternatives whose trigger node one of these tokens fits, with its neighbours."""
        out: set[str] = set()
        lowers, lemmas, _ = token_words(doc)
        for i in indices:
            lower, lemma = lowers[i], lemmas[i]
            found = self.triggers.get(lower, ())
            if lemma != lower:
                found = [*found, *self.triggers.get(lemma, ())]
            if not found:
                continue
            t = doc[i]
            for tr in found:
                if tr.key not in out and fits(t, tr.attrs) and all(_near_fits(t, side, a) for side, a in tr.near):
                    out.add(tr.key)
        return out

    def _matchers_for(self, vocab: Vocab) -> dict[str, DependencyMatcher]:
        """One matcher per alternative and vocabulary (one per loaded model), built on first use."""
        found = self._matchers.get(id(vocab))
        if found is None:
            found = {}
            for key, (_, pattern) in self.alternatives.items():
                found[key] = DependencyMatcher(vocab)
                found[key].add(key, [list(pattern)])
            self._matchers[id(vocab)] = found
        return found


# What a sentence's copy carries for the patterns: its words (the attributes of the word itself,
# LOWER and IS_TITLE, come with them) and every other attribute the patterns may test, with the
# parse's heads and where the entities begin (ENT_IOB).
_OF_THE_WORD = {"LOWER", "IS_TITLE"}
_COPIED = [IDS[name] for name in TOKEN_ATTRS if name not in _OF_THE_WORD] + [HEAD, ENT_IOB]
_IOB = _COPIED.index(ENT_IOB)


def _sentence_copier(doc: Doc) -> Callable[[Span], Doc]:
    """A function that copies a sentence of ``doc`` into a Doc of its own, as spaCy's
    DependencyMatcher does with a Span it is given, with only what the patterns read, from one
    array of the document made once. ``Span.as_doc`` copies everything (morphology, the tensor,
    the span's vector, entity spans of both documents): 0.4-0.6 ms a sentence, 40% of the
    engine's time; this copy gives the same matches in half of that."""
    array: Any = doc.to_array([ORTH, SPACY, *_COPIED])  # uint64; spaCy's stubs say floats
    strings = doc.vocab.strings
    words = [strings[x] for x in array[:, 0].tolist()]
    spaces = [bool(x) for x in array[:, 1].tolist()]
    annotation = array[:, 2:]

    def copy(sent: Span) -> Doc:
        part = annotation[sent.start : sent.end].copy()
        if part[0, _IOB] == 1:  # "I": the sentence starts inside an entity; it begins one here
            part[0, _IOB] = 3
        out = Doc(doc.vocab, words=words[sent.start : sent.end], spaces=spaces[sent.start : sent.end])
        return out.from_array(_COPIED, part)

    return copy


def fits(token: Token, attrs: dict) -> bool:
    """Whether a token fits a node's attributes (plain values, IN and NOT_IN lists)."""
    for key, want in attrs.items():
        got = getattr(token, TOKEN_ATTRS[key])
        if isinstance(want, dict):
            if ("IN" in want and got not in want["IN"]) or ("NOT_IN" in want and got in want["NOT_IN"]):
                return False
        elif got != want:
            return False
    return True


def _trigger(key: str, pattern: Pattern) -> Iterator[tuple[str, _Trigger]]:
    """The pattern's first node with a word list ("join", "member", "career"...), under each of
    its words. A sentence with no token that fits it and its neighbours cannot match."""
    by_id = {n["RIGHT_ID"]: n for n in pattern}
    for node in pattern:
        attrs = node["RIGHT_ATTRS"]
        listed = next((attrs[k]["IN"] for k in ("LEMMA", "LOWER") if isinstance(attrs.get(k), dict)), None)
        if not listed:
            continue
        near = [
            ("child" if other["REL_OP"] == ">" else "head", other["RIGHT_ATTRS"])
            for other in pattern
            if other.get("LEFT_ID") == node["RIGHT_ID"] and other["REL_OP"] in {">", "<"}
        ]
        if node.get("LEFT_ID") in by_id and node["REL_OP"] in {">", "<"}:
            near.append(("head" if node["REL_OP"] == ">" else "child", by_id[node["LEFT_ID"]]["RIGHT_ATTRS"]))
        for word in listed:
            yield word, _Trigger(key, attrs, tuple(near))
        return


def _near_fits(token: Token, side: str, attrs: dict) -> bool:
    if side == "head":
        return token.head.i != token.i and fits(token.head, attrs)
    return any(fits(c, attrs) for c in token.children)
