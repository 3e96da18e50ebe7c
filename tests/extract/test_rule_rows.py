"""One exact row per fact rule: the whole set of facts its registry example gives, each with the
method that made it. A second rule firing on a sentence, or a derivation lost, changes the set
and fails here (presence tests would not notice); adding a fact rule means adding its row."""

from __future__ import annotations

import pytest

from newsgraph.extract.rules import RULES

# (subject, predicate, object, title, method) by entity label
ROWS: dict[str, set[tuple[str, str, str | None, str | None, str]]] = {
    "apposition-after": {
        ("Fellside Mining", "ledBy", "Robert Kane", None, "member-role+leader-title"),
        ("Robert Kane", "holdsPosition", "Fellside Mining", "managing director", "apposition-after"),
        ("Robert Kane", "memberOf", "Fellside Mining", None, "member-role"),
    },
    "copula": {
        ("Hale", "holdsPosition", "Harbour Party", "leader", "copula"),
        ("Hale", "memberOf", "Harbour Party", None, "member-role"),
        ("Harbour Party", "ledBy", "Hale", None, "member-role+leader-title"),
    },
    "copula-pronoun": {
        ("Harbour Trust", "ledBy", "Valerie Hart", None, "member-role+leader-title"),
        ("Valerie Hart", "holdsPosition", "Harbour Trust", "chairwoman", "copula-pronoun"),
        ("Valerie Hart", "memberOf", "Harbour Trust", None, "member-role"),
    },
    "apposition-before": {
        ("Norland Resistance", "ledBy", "Tomas Varga", None, "apposition-before+leader-title"),
        ("Tomas Varga", "holdsPosition", "Norland Resistance", "leader", "apposition-before"),
    },
    "title-before-name": {
        ("Tom Reed", "holdsPosition", "Tory", "leader", "title-before-name"),
        ("Tom Reed", "memberOf", "Tory", None, "title-before-name+position-implies-member"),
        ("Tory", "ledBy", "Tom Reed", None, "title-before-name+leader-title"),
    },
    "leader-title": {
        ("Norland Resistance", "ledBy", "Tomas Varga", None, "apposition-before+leader-title"),
        ("Tomas Varga", "holdsPosition", "Norland Resistance", "leader", "apposition-before"),
    },
    "country-office": {
        ("Paul Roux", "holdsPosition", "France", "finance minister", "title-before-name+country-office"),
    },
    "bridging": {
        ("Harbour Trust", "ledBy", "Mary Jones", None, "title-before-name+bridging+leader-title"),
        ("Mary Jones", "holdsPosition", "Harbour Trust", "Chief executive", "title-before-name+bridging"),
        ("Mary Jones", "memberOf", "Harbour Trust", None, "title-before-name+bridging+position-implies-member"),
    },
    "name-of-org": {
        ("Simon Hale", "memberOf", "Federation of Harbour Traders", None, "name-of-org"),
    },
    "speaking-for": {
        ("Kim Moss", "memberOf", "Harbour Party", None, "speaking-for"),
    },
    "org-possessive": {
        ("Tom Reed", "memberOf", "Harbour Party", None, "org-possessive"),
    },
    "appointed": {
        ("Kim Moss", "holdsPosition", "Harbour Trust", "treasurer", "appointed"),
        ("Kim Moss", "memberOf", "Harbour Trust", None, "appointed+position-implies-member"),
    },
    "post-nominal": {
        ("Ann Hale", "holdsPosition", None, "MP", "post-nominal"),
    },
    "lead-inverted": {
        ("Harbour Trust", "ledBy", "Tom Reed", None, "lead-inverted"),
        ("Tom Reed", "holdsPosition", "Harbour Trust", "president", "lead-inverted"),
        ("Tom Reed", "memberOf", "Harbour Trust", None, "lead-inverted+position-implies-member"),
    },
    "leader-implies-member": {
        ("Harbour Trust", "ledBy", "Kim Moss", None, "lead-verb"),
        ("Kim Moss", "memberOf", "Harbour Trust", None, "lead-verb+leader-implies-member"),
    },
    "formed-by": {
        ("Dan Moss", "memberOf", "Blue Owls", None, "formed-by"),
        ("Tom Reed", "memberOf", "Blue Owls", None, "formed-by"),
    },
    "member-verb": {
        ("Jane Hart", "memberOf", "Harbour Trust", None, "member-verb"),
    },
    "member-verb-prep": {
        ("Tom Reed", "memberOf", "Harbour Trust", None, "member-verb-prep"),
    },
    "member-team": {
        ("Tom Reed", "memberOf", "Eastfield Rovers", None, "member-team"),
    },
    "member-career": {
        ("Tom Reed", "memberOf", "Eastfield Rovers", None, "member-career"),
    },
    "member-passive": {
        ("Tom Reed", "memberOf", "Eastfield Rovers", None, "member-passive"),
    },
    "member-role": {
        ("Kim Moss", "memberOf", "Green Alliance", None, "member-role"),
    },
    "member-transfer": {
        ("Tom Reed", "memberOf", "Eastfield Rovers", None, "member-transfer"),
    },
    "under-leader": {
        ("Harbour Party", "ledBy", "Tom Reed", None, "under-leader"),
        ("Kim Moss", "holdsPosition", "Harbour Party", "deputy leader", "copula"),
        ("Kim Moss", "memberOf", "Harbour Party", None, "member-role"),
        ("Tom Reed", "memberOf", "Harbour Party", None, "under-leader+leader-implies-member"),
    },
    "member-at": {
        ("John Hale", "memberOf", "Eastfield Academy", None, "member-at"),
    },
    "member-consist": {
        ("Dan Moss", "memberOf", "Blue Owls", None, "member-consist"),
        ("Kim Hale", "memberOf", "Blue Owls", None, "member-consist"),
        ("Tom Reed", "memberOf", "Blue Owls", None, "member-consist"),
    },
    "member-inverted": {
        ("Tom Reed", "memberOf", "Harbour Hawks", None, "member-inverted"),
    },
    "member-listed": {
        ("Ann Lee", "memberOf", "Harbour Song League", None, "member-listed"),
        ("Dan Hale", "memberOf", "Harbour Song League", None, "member-listed"),
        ("Kim Moss", "memberOf", "Harbour Song League", None, "member-listed"),
        ("Tom Reed", "memberOf", "Harbour Song League", None, "member-listed"),
    },
    "member-recruited": {
        ("Ann Lee", "memberOf", "Blue Owls", None, "member-recruited"),
        ("Kim Moss", "memberOf", "Blue Owls", None, "member-recruited"),
        ("Tom Reed", "memberOf", "Blue Owls", None, "formed-by"),
    },
    "member-party-as": {
        ("Tom Reed", "memberOf", "Whig", None, "member-party-as"),
    },
    "member-party-role": {
        ("Tom Reed", "holdsPosition", "Eastfield Assembly", "member", "copula"),
        ("Tom Reed", "memberOf", "Eastfield Assembly", None, "copula+member-title"),
        ("Tom Reed", "memberOf", "Republican", None, "member-party-role"),
    },
    "member-party-ticket": {
        ("Tom Reed", "memberOf", "Republican", None, "member-party-ticket"),
    },
    "member-party-name": {
        ("Mary Hale", "memberOf", "Democrat", None, "member-party-name"),
    },
    "member-party-fronted": {
        ("Ann Lee", "holdsPosition", None, "lawyer", "copula"),
        ("Ann Lee", "memberOf", "Republican", None, "member-party-fronted"),
    },
    "member-compound": {
        ("Dan Moss", "memberOf", "Harbour Echo", None, "member-compound"),
    },
    "member-band-role": {
        ("Tom Reed", "holdsPosition", None, "band member", "title-before-name"),
        ("Tom Reed", "memberOf", "Blue Owls", None, "member-band-role"),
    },
    "position-implies-member": {
        ("Ann Marsh-Holden", "holdsPosition", "Labour", "MP", "title-before-name"),
        ("Ann Marsh-Holden", "memberOf", "Labour", None, "title-before-name+position-implies-member"),
    },
    "member-title": {
        ("Coastal Transport Union Executive Committee", "partOf", "Coastal Transport Union", None, "composite-name"),
        ("Kim Moss", "holdsPosition", "Coastal Transport Union Executive Committee", "member", "apposition-after"),
        ("Kim Moss", "memberOf", "Coastal Transport Union", None, "member-role+part-of"),
        ("Kim Moss", "memberOf", "Coastal Transport Union Executive Committee", None, "apposition-after+member-title"),
    },
    "part-of": {
        ("Coastal Transport Union Executive Committee", "partOf", "Coastal Transport Union", None, "name-prefix"),
        ("Tom Reed", "memberOf", "Coastal Transport Union", None, "member-verb+part-of"),
        ("Tom Reed", "memberOf", "Coastal Transport Union Executive Committee", None, "member-verb"),
    },
    "composite-name": {
        ("Coastal Transport Union Executive Committee", "partOf", "Coastal Transport Union", None, "composite-name"),
        ("Kim Moss", "holdsPosition", "Coastal Transport Union Executive Committee", "member", "apposition-after"),
        ("Kim Moss", "memberOf", "Coastal Transport Union", None, "member-role+part-of"),
        ("Kim Moss", "memberOf", "Coastal Transport Union Executive Committee", None, "apposition-after+member-title"),
    },
    "name-prefix": {
        ("Coastal Transport Union Executive Committee", "partOf", "Coastal Transport Union", None, "name-prefix"),
    },
    "led-by": {
        ("Daniel Okafor", "holdsPosition", "Valmora Port Authority", "chief executive", "title-before-name+bridging"),
        (
            "Daniel Okafor",
            "memberOf",
            "Valmora Port Authority",
            None,
            "title-before-name+bridging+position-implies-member",
        ),
        ("Valmora Port Authority", "ledBy", "Daniel Okafor", None, "led-by"),
    },
    "lead-verb": {
        ("Brightwater Foods", "ledBy", "Tom Hale", None, "lead-verb"),
        ("Tom Hale", "memberOf", "Brightwater Foods", None, "lead-verb+leader-implies-member"),
    },
    "place-comma-place": {
        ("Seville", "locatedIn", "Spain", None, "place-comma-place"),
    },
    "org-in-place": {
        ("Supreme Court", "locatedIn", "London", None, "org-in-place"),
    },
}


def test_every_fact_rule_has_a_row():
    assert sorted(ROWS) == sorted(r.name for r in RULES.values() if r.kind == "fact")


@pytest.mark.parametrize("name", sorted(ROWS))
def test_a_rules_example_gives_exactly_its_row(extract_text, name):
    x = extract_text(RULES[name].example)
    labels = {e.key: e.label for e in x.entities}
    got = {
        (labels[f.subject], f.predicate, labels.get(f.object) if f.object else None, f.title, f.rule) for f in x.facts
    }
    assert got == ROWS[name]
