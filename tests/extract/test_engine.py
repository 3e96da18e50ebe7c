"""The matcher engine on hand-built parses: which alternative of which rule a construction
matches, and the nodes it names. No model: each Doc is built word by word, as spaCy's own
matcher tests do."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.extract.relations.engine import Engine, MatcherRule
from newsgraph.extract.relations.members import ENGINE
from newsgraph.extract.relations.membership_rules import MATCHER_RULES

VOCAB = spacy.blank("en").vocab  # English lexical attributes (LOWER), no model


def _doc(words, heads, deps, lemmas, pos, tags=None) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos, tags=tags)


def _keys(doc: Doc) -> list[tuple[str, dict[str, str]]]:
    return [(m.key, {k: t.text for k, t in m.nodes.items()}) for m in ENGINE.matches(doc)]


def test_played_for_matches_the_plain_team_alternative():
    doc = _doc(
        ["Tom", "played", "for", "Rovers"],
        heads=[1, 1, 1, 2],
        deps=["nsubj", "ROOT", "prep", "pobj"],
        lemmas=["Tom", "play", "for", "Rovers"],
        pos=["PROPN", "VERB", "ADP", "PROPN"],
    )
    assert _keys(doc) == [("member-team#1", {"verb": "played", "prep": "for", "org": "Rovers"})]


def test_a_deal_with_a_team_matches_the_deal_alternative_not_the_plain_one():
    # "sign" also recruits ("The Hawks signed Tom"): that rule matches, and finds no person in "deal"
    doc = _doc(
        ["Tom", "signed", "a", "deal", "with", "Rovers"],
        heads=[1, 1, 3, 1, 3, 4],
        deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
        lemmas=["Tom", "sign", "a", "deal", "with", "Rovers"],
        pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN"],
    )
    assert _keys(doc) == [
        ("member-recruited#0", {"verb": "signed", "person": "deal"}),
        ("member-team#0", {"verb": "signed", "deal": "deal", "prep": "with", "org": "Rovers"}),
    ]


def test_the_inverted_leader_alternatives_of_equal_shape_are_told_apart():
    # "The trust's chairman is Tom": the possessive alternative, not the "of" one
    doc = _doc(
        ["The", "trust", "'s", "chairman", "is", "Tom"],
        heads=[1, 3, 1, 4, 4, 4],
        deps=["det", "poss", "case", "nsubj", "ROOT", "attr"],
        lemmas=["the", "trust", "'s", "chairman", "be", "Tom"],
        pos=["DET", "NOUN", "PART", "NOUN", "AUX", "PROPN"],
    )
    assert _keys(doc) == [("lead-inverted#1", {"verb": "is", "role": "chairman", "org": "trust", "person": "Tom"})]


def test_a_sentence_without_a_trigger_word_runs_no_matcher():
    doc = _doc(["Tom", "slept"], heads=[1, 1], deps=["nsubj", "ROOT"], lemmas=["Tom", "sleep"], pos=["PROPN", "VERB"])
    assert ENGINE.triggered(doc[:]) == set()
    assert _keys(doc) == []


def test_a_pattern_the_trigger_filter_cannot_read_fails_at_import():
    pattern = [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"ORTH": "joined"}}]
    with pytest.raises(ValueError, match=r"member-verb#0: the trigger filter cannot read ORTH"):
        MatcherRule("member-verb", (pattern,))
    with pytest.raises(ValueError, match=r"member-verb#0: the trigger filter cannot read LEMMA"):
        MatcherRule("member-verb", ([{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"REGEX": "join"}}}],))


def test_a_rule_must_be_registered():
    with pytest.raises(ValueError, match="member-nowhere: no such rule in the registry"):
        MatcherRule("member-nowhere", ())


def test_every_rule_is_one_record_with_keyed_alternatives():
    names = [r.name for r in MATCHER_RULES]
    assert len(names) == len(set(names))
    keys = Engine(MATCHER_RULES).alternatives
    assert len(keys) == sum(len(r.patterns) for r in MATCHER_RULES)


def test_the_trigger_filter_and_the_sentence_copies_lose_no_match(nlp):
    # every rule's invented example in one parsed text, against spaCy's DependencyMatcher run
    # with every alternative on every sentence: the filter may only skip what cannot match
    from spacy.matcher import DependencyMatcher

    from newsgraph.extract.rules import RULES

    doc = nlp(" ".join(r.example for r in RULES.values()))
    expected = []
    for sent in doc.sents:
        for key, (_, pattern) in sorted(ENGINE.alternatives.items()):
            matcher = DependencyMatcher(doc.vocab)
            matcher.add(key, [pattern])
            expected += [(key, tuple(sent[i].i for i in ids)) for _, ids in matcher(sent)]
    got = [(m.key, tuple(t.i for t in m.nodes.values())) for m in ENGINE.matches(doc)]
    assert got == expected
    assert len({key for key, _ in got}) >= 15  # the text holds most constructions
