"""The rules registry: every rule fires on its own invented sentence (pinned model), and every
method the extractor writes is a registered rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.extract.rules import RULES, rule
from newsgraph.extract.schema import type_weights


def fired(x) -> set[str]:
    """The rules that made something in one extraction."""
    out: set[str] = set()
    for q in x.quotes:
        out |= {q.rule, q.speaker_rule or ""}
    for c in x.claims:
        prefix, _, speaker = c.rule.partition("-")
        out |= {prefix, speaker}
    for f in x.facts:
        out |= set(f.rule.split("+"))
    for e in x.entities:
        out |= {r.name for r in RULES.values() if r.kind == "entity" and e.confidence == r.confidence}
    return out - {""}


@pytest.mark.parametrize("r", list(RULES.values()), ids=lambda r: r.name)
def test_each_rule_fires_on_its_example(extract_text, r):
    assert r.name in fired(extract_text(r.example)), f"{r.name} did not fire on {r.example!r}"


def test_every_method_written_is_a_registered_rule(example_records):
    methods = {q.rule for rec in example_records for q in rec.quotes}
    methods |= {c.rule for rec in example_records for c in rec.claims}
    methods |= {f.rule for rec in example_records for f in rec.facts}
    parts = {p for m in methods for p in m.replace("cue-", "", 1).replace("claim-", "", 1).split("+")}
    assert parts <= set(RULES), parts - set(RULES)


def test_confidences_are_probabilities_and_names_unique():
    assert all(0 < r.confidence <= 1 for r in RULES.values())
    assert all(r.example.strip() for r in RULES.values())
    with pytest.raises(KeyError):
        rule("no-such-rule")


def test_every_kind_of_type_evidence_the_extractor_names_has_a_weight():
    # a misspelt evidence name would weigh nothing, silently
    root = Path(__file__).resolve().parents[2] / "extract"
    named = {
        m.group(1)
        for path in root.rglob("*.py")
        for m in re.finditer(r'\bvote\(.*, \w+, "([^"]+)"\)', path.read_text(encoding="utf-8"))
    }
    assert len(named) >= 33
    assert named <= set(type_weights())
    # the per-rule kinds name registered rules
    for key in type_weights():
        kind, _, name = key.partition(":")
        if kind in {"holds-title", "speaks"}:
            assert name in RULES, key
