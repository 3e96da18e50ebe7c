"""The learned choice of a quote's speaker (extract/quotes/ranker.py, make train)."""

from __future__ import annotations

import importlib
import json
import random

import pytest

from newsgraph.extract.quotes import ranker
from newsgraph.extract.quotes.speakers import Speaker

from ..conftest import ROOT


@pytest.fixture
def train(monkeypatch):
    """extract/data/train_speakers.py as a module (it imports its sibling script)."""
    monkeypatch.syspath_prepend(str(ROOT / "extract/data"))
    return importlib.import_module("train_speakers")


def candidate(name: str, **features: float) -> ranker.Candidate:
    return ranker.Candidate(Speaker(name, name.lower(), "named", 0.9), "said", "cue-named", dict(features))


def test_the_shipped_ranker_was_built_from_the_declared_data_and_settings(shared, train):
    shipped = json.loads(ranker.MODEL_FILE.read_text(encoding="utf-8"))
    assert shipped["data_sha256"] == train.data_hash(shared / train.TRAIN)
    assert shipped["settings"] == train.TREES
    assert shipped["trained_on"].startswith(train.TRAIN)
    assert ranker.ranker() == ranker.Ranker.from_json(shipped["model"])


def test_the_compiled_trees_give_the_walk_s_probability_to_the_last_bit():
    model = ranker.ranker()
    assert model is not None
    rng = random.Random(7)
    for _ in range(2000):
        features = {name: rng.choice([0.0, 1.0, 2.0, rng.uniform(0, 6)]) for name in rng.sample(model.features, 15)}
        assert model.probability(features) == model.walked(features)
    # a threshold met exactly goes left in both
    tree = model.trees[0]
    at = {model.features[tree.feature[0]]: tree.threshold[0]}
    assert model.probability(at) == model.walked(at)


def test_the_most_likely_candidate_wins_and_its_probability_is_the_confidence(train):
    # invented candidates: the right one always has "named", the wrong one "pronoun"
    quotes = [[({"res=named": 1.0}, True), ({"res=pronoun": 1.0, "rules": 1.0}, False)]] * 20
    quotes += [[({"res=named": 1.0, "rules": 1.0}, True), ({"res=pronoun": 1.0}, False)]] * 20
    model, _ = train.fit(quotes)  # fit checks that its walk of the trees gives scikit-learn's numbers
    chosen, p = model.choose(
        [candidate("Ann Lee", **{"res=pronoun": 1.0, "rules": 1.0}), candidate("Tom Reyes", **{"res=named": 1.0})]
    )
    assert chosen.speaker.text == "Tom Reyes" and p > 0.9
    # equal candidates: the first (the rules' choice) keeps the quote
    first, _ = model.choose([candidate("Ann Lee", **{"res=named": 1.0}), candidate("Tom Reyes", **{"res=named": 1.0})])
    assert first.speaker.text == "Ann Lee"


def test_two_proposals_of_one_speaker_are_one_candidate_with_both_proposers():
    merged = ranker.merge(
        [
            candidate("Ann Lee", **{"gen=cue": 1.0, "cue_distance": 0.2}),
            candidate("Ann Lee", **{"gen=inherit": 1.0, "cue_distance": 0.5}),
        ]
    )
    assert [c.features for c in merged] == [{"gen=cue": 1.0, "gen=inherit": 1.0, "cue_distance": 0.5}]


def test_a_quote_with_no_cue_after_a_paragraph_about_someone_is_theirs_at_low_confidence(extract_text):
    # the rules leave it unattributed (the sentence before is in another paragraph); the ranker
    # takes the subject of that sentence, and says it is unsure
    x = extract_text(
        "Councillor Ann Lee voted against the housing plan on Monday.\n\n"
        "“It is a disgrace to every family that has waited ten years for a home in this town.”\n"
    )
    names = {e.key: e.label for e in x.entities}
    assert [(names.get(q.speaker), q.rule) for q in x.quotes] == [("Ann Lee", "previous-subject")]
    assert x.quotes[0].confidence < 0.5


def test_a_quote_continued_in_the_next_paragraph_is_sure(extract_text):
    x = extract_text(
        "The mayor, Tom Reyes, defended the budget at a meeting on Tuesday.\n\n"
        "“We have cut waste in every department and we will keep cutting it,” he said.\n\n"
        "“Nobody who reads these figures can say that the council has been careless with money.”\n"
    )
    names = {e.key: e.label for e in x.entities}
    assert [(names.get(q.speaker), q.rule) for q in x.quotes] == [
        ("Tom Reyes", "cue-pronoun"),
        ("Tom Reyes", "previous-speaker"),
    ]
    assert all(q.confidence >= 0.9 for q in x.quotes)


def test_an_organisation_speaks_through_a_statement_and_it_and_is_never_a_person(extract_text):
    x = extract_text(
        "The Harbour Transport Ministry raised rail fares on Monday. A statement from the ministry said "
        "the rise was “the smallest in a decade”. It added that trains would be “cleaner and faster”.\n"
    )
    names = {e.key: (e.label, e.type) for e in x.entities}
    assert [names.get(q.speaker) for q in x.quotes] == [("Harbour Transport Ministry", "Organization")] * 2
    assert all(q.confidence >= 0.8 for q in x.quotes)


def test_a_new_speaker_breaks_the_chain_of_the_one_before(extract_text):
    # the quote after the mayor's is his; after the opposition leader is introduced and
    # quoted, the next quote on its own is hers, not the mayor's
    x = extract_text(
        "“We have listened to passengers,” the mayor, Tom Reyes, said.\n\n"
        "“Nobody who reads these figures can say the council was careless.”\n\n"
        "The opposition leader, Ann Lee, disagreed. “This is a bad day for every family in the region,” she said.\n\n"
        "“The fares will hurt the poorest passengers most.”\n"
    )
    names = {e.key: e.label for e in x.entities}
    assert [names.get(q.speaker) for q in x.quotes] == ["Tom Reyes", "Tom Reyes", "Ann Lee", "Ann Lee"]
