"""Position, leader and member rules, each on the sentence that motivated it (pinned model)."""

from __future__ import annotations

import pytest


def facts(x, predicate):
    names = {e.key: e.label for e in x.entities}
    return {(names[f.subject], f.title, names.get(f.object)) for f in x.facts if f.predicate == predicate}


@pytest.mark.parametrize(
    "text, person, title, org",
    [
        (
            "Mrs. Maryam Rajavi, the President-elect of the National Council of Resistance of Iran, "
            "opened the meeting in Paris.",
            "Maryam Rajavi",
            "President-elect",
            "National Council of Resistance of Iran",
        ),
        (
            "The leader of the Iranian Resistance, Massoud Rajavi, was shown on a large banner.",
            "Massoud Rajavi",
            "leader",
            "Iranian Resistance",
        ),
        (
            "Last spring, Eshagh Jahangiri, the regime’s Vice-president, spoke to reporters in the capital.",
            "Eshagh Jahangiri",
            "Vice-president",
            None,
        ),
        (
            "At the meeting in Paris, Colombian presidential candidate, Ingrid Betancourt, spoke about the victims.",
            "Ingrid Betancourt",
            "Colombian presidential candidate",
            None,
        ),
        ("The crowds chanted against Supreme Leader Ali Khamenei for an hour.", "Ali Khamenei", "Supreme Leader", None),
        (
            "Maternity pay will rise under proposals announced by the Trade and Industry Secretary Patricia Hewitt.",
            "Patricia Hewitt",
            "Trade and Industry Secretary",
            None,
        ),
        ("Tory leader Michael Howard said the plan was desperate.", "Michael Howard", "leader", "Tory"),
        (
            "Mr Kennedy is the leader of the Liberal Democrats, and he wants a new tax.",
            "Kennedy",
            "leader",
            "Liberal Democrats",
        ),
        (
            "Robert Kane, the managing director of Fellside Mining, told the Tarrow Gazette that it would appeal.",
            "Robert Kane",
            "managing director",
            "Fellside Mining",
        ),
    ],
)
def test_positions(extract_text, text, person, title, org):
    assert (person, title, org) in facts(extract_text(text), "holdsPosition")


@pytest.mark.parametrize(
    "text, org, person",
    [
        (
            "The leader of the Iranian Resistance, Massoud Rajavi, was shown on a large banner.",
            "Iranian Resistance",
            "Massoud Rajavi",
        ),
        (
            "Unlike the regime, the MEK promotes women, and the Iranian opposition movement is in fact "
            "led by a woman, Maryam Rajavi.",
            "Iranian opposition movement",
            "Maryam Rajavi",
        ),
        (
            "The Valmora Port Authority, which is headed by chief executive Daniel Okafor, "
            "called the decision regrettable.",
            "Valmora Port Authority",
            "Daniel Okafor",
        ),
        (
            "Northwind Systems, the software company founded by Grace Liu, will cut 800 jobs.",
            "Northwind Systems",
            "Grace Liu",
        ),
    ],
)
def test_led_by(extract_text, text, org, person):
    assert (org, None, person) in facts(extract_text(text), "ledBy")


def test_president_elect_does_not_lead(extract_text):
    x = extract_text("Mrs. Maryam Rajavi, the President-elect of the National Council of Resistance of Iran, arrived.")
    assert facts(x, "ledBy") == set()


@pytest.mark.parametrize(
    "text, members",
    [
        ("Dana Holt, the president-elect of the Harbour Party, opened the meeting on Monday.", {"Harbour Party"}),
        ("Dana Holt, the president-elect of the Harbour Resistance, opened the meeting on Monday.", set()),
    ],
)
def test_an_office_to_come_leads_nothing_yet_and_a_movement_has_no_members(extract_text, text, members):
    x = extract_text(text)
    assert {(p, t) for p, t, _ in facts(x, "holdsPosition")} == {("Dana Holt", "president-elect")}
    assert facts(x, "ledBy") == set()
    assert {org for _, _, org in facts(x, "memberOf")} == members


def test_member_title_implies_membership_and_of_the_whole(extract_text):
    x = extract_text(
        "Alireza Jafarzadeh, member of the National Council of Resistance of Iran (NCRI) "
        "Foreign Affairs Committee, gave a briefing in Washington."
    )
    members = {org for _, _, org in facts(x, "memberOf")}
    assert "National Council of Resistance of Iran" in members
    assert any("Foreign Affairs Committee" in org for org in members)


def test_party_leader_is_a_member(extract_text):
    x = extract_text("The leader of the Green Party, Ingrid Solberg, said the budget was a start.")
    assert ("Ingrid Solberg", None, "Green Party") in facts(x, "memberOf")


@pytest.mark.parametrize(
    "text, person, title, org",
    [
        (
            "Liberal Democrat leader Charles Kennedy called for a cut in council tax.",
            "Charles Kennedy",
            "leader",
            "Liberal Democrat",
        ),
        ("Labour MP Bob Marshall-Andrews said he would vote against the bill.", "Bob Marshall-Andrews", "MP", "Labour"),
        ("Conservative spokesman Tim Yeo attacked the proposals.", "Tim Yeo", "spokesman", "Conservative"),
    ],
)
def test_party_adjective_before_a_title_names_the_party(extract_text, text, person, title, org):
    x = extract_text(text)
    assert (person, title, org) in facts(x, "holdsPosition")
    assert (person, None, org) in facts(x, "memberOf")


def test_who_heads(extract_text):
    assert ("Tesco", None, "Terry Leahy") in facts(
        extract_text("Sir Terry Leahy, who heads Tesco, said sales had grown."), "ledBy"
    )


def test_part_of_by_name_prefix(extract_text):
    x = extract_text(
        "The MEK Resistance Units painted slogans, and the NCRI Foreign Affairs Committee issued "
        "a statement. The MEK and the NCRI both welcomed it."
    )
    assert {("MEK Resistance Units", None, "MEK"), ("NCRI Foreign Affairs Committee", None, "NCRI")} <= facts(
        x, "partOf"
    )


def test_place_in_place(extract_text):
    assert ("Manchester", None, "England") in facts(
        extract_text("Police in Manchester, England, arrested two men."), "locatedIn"
    )


def every_fact(x) -> set[tuple[str, str, str | None, str]]:
    """(subject, predicate, object, method) of every fact, by entity label: the whole answer."""
    names = {e.key: e.label for e in x.entities}
    return {(names[f.subject], f.predicate, names.get(f.object or ""), f.rule) for f in x.facts}


def test_a_membership_a_verb_reads_is_one_of_the_whole_too(extract_text):
    # derivations run over every fact, whichever rule made it: a verb's membership of a unit
    x = extract_text(
        "The Coastal Transport Union met on Monday. "
        "Tom Reed joined the Coastal Transport Union Executive Committee in May."
    )
    assert every_fact(x) == {
        ("Coastal Transport Union Executive Committee", "partOf", "Coastal Transport Union", "name-prefix"),
        ("Tom Reed", "memberOf", "Coastal Transport Union Executive Committee", "member-verb"),
        ("Tom Reed", "memberOf", "Coastal Transport Union", "member-verb+part-of"),
    }


def test_two_rules_reading_one_fact_give_it_once(extract_text):
    assert every_fact(extract_text("Kim Moss is the chairman of the Harbour Trust.")) == {
        ("Kim Moss", "holdsPosition", "Harbour Trust", "copula"),
        ("Kim Moss", "memberOf", "Harbour Trust", "member-role"),
        ("Harbour Trust", "ledBy", "Kim Moss", "member-role+leader-title"),
    }


def test_an_institution_named_after_an_organisation_is_not_a_part_of_it(extract_text):
    x = extract_text("The Harbour Union backed the plan. The Harbour Union Foundation gave money to it.")
    assert facts(x, "partOf") == set()


@pytest.mark.parametrize(
    "text, title",
    [
        ("Kim Moss was appointed treasurer of the Harbour Trust.", "treasurer"),
        ("Kim Moss was recently appointed as treasurer of the Harbour Trust.", "treasurer"),
    ],
)
def test_an_office_taken_is_a_position_held(extract_text, text, title):
    assert every_fact(extract_text(text)) == {
        ("Kim Moss", "holdsPosition", "Harbour Trust", "appointed"),
        ("Kim Moss", "memberOf", "Harbour Trust", "appointed+position-implies-member"),
    }
    assert facts(extract_text(text), "holdsPosition") == {("Kim Moss", title, "Harbour Trust")}


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "Kim Moss, for the Harbour Party, attacked the budget.",
            {("Kim Moss", "memberOf", "Harbour Party", "speaking-for")},
        ),
        (
            "The Harbour Party's Tom Reed said the budget was a start.",
            {("Tom Reed", "memberOf", "Harbour Party", "org-possessive")},
        ),
        # not an organisation spoken for; not a person's name after the possessive
        ("Kim Moss, for the first time, attacked the budget.", set()),
        ("The Harbour Festival's Any Questions drew a crowd.", set()),
    ],
)
def test_a_party_spoken_for_or_whose_member_is_named(extract_text, text, want):
    assert every_fact(extract_text(text)) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # an employer after "with"
        (
            "Tom Reed, an economist with Harbour Bank, said the plan was sound.",
            {("Tom Reed", "holdsPosition", "Harbour Bank", "apposition-after")},
        ),
        ("Tom Reed, a lawyer with long experience, said the plan was sound.", set()),
        # a city's office names the city, which stays a place and has no members
        (
            "Lisbon mayor Tom Reed said the plan was sound.",
            {("Tom Reed", "holdsPosition", "Lisbon", "title-before-name+country-office")},
        ),
    ],
)
def test_an_employer_after_with_and_a_city_before_its_office(extract_text, text, want):
    x = extract_text(text)
    assert {f for f in every_fact(x) if f[1] == "holdsPosition"} == want
    assert all(e.type == "Place" for e in x.entities if e.label == "Lisbon")
    assert not any(f[1] == "memberOf" and f[2] == "Lisbon" for f in every_fact(x))


def test_an_office_styled_with_a_capital_after_its_hyphen_takes_no_company(extract_text):
    # bridging gives a company title the organisation of the sentence before; "Vice-President"
    # is an office of state, not the Congress's
    x = extract_text(
        "President Tom Hale is to send his budget to the Harbour Congress, seeking cuts. "
        "Vice-President Kim Moss said the budget was fair."
    )
    assert every_fact(x) == {
        ("Tom Hale", "holdsPosition", None, "title-before-name"),
        ("Kim Moss", "holdsPosition", None, "title-before-name"),
    }


@pytest.mark.parametrize(
    "text, want",
    [
        # an occupation a report names its source by, and the employer after "with"
        (
            "Tom Reed, a strategist with Harbour Bank, said rates will rise.",
            {("Tom Reed", "strategist", "Harbour Bank")},
        ),
        # a paper before its reporter is the paper, not a piece of a title
        (
            "He was approached by Harbour Herald reporter Tom Reed after the party.",
            {("Tom Reed", "reporter", "Harbour Herald")},
        ),
    ],
)
def test_occupations_and_their_employers(extract_text, text, want):
    assert facts(extract_text(text), "holdsPosition") == want


@pytest.mark.parametrize(
    "text, want",
    [
        # the name is the object of a phrase before the comma, and the title after it is the
        # subject of the next clause: no apposition
        ("Echoing the harbour master Tom Reed, the prime minister said the plan was sound.", set()),
        # the parser makes both subjects of one verb: still an apposition
        (
            "Tom Reed, the secretary general of the Harbour League, vowed to stay.",
            {
                ("Tom Reed", "holdsPosition", "Harbour League", "apposition-after"),
                ("Tom Reed", "memberOf", "Harbour League", "member-role"),
                ("Harbour League", "ledBy", "Tom Reed", "member-role+leader-title"),
            },
        ),
    ],
)
def test_a_title_after_a_comma_that_begins_the_next_clause(extract_text, text, want):
    assert {f for f in every_fact(extract_text(text)) if f[0] == "Tom Reed" or f[2] == "Tom Reed"} == want


def test_a_party_word_before_one_of_two_names_is_that_names_alone(extract_text):
    # each conjoined name has its own party: neither is a member of the other's
    x = extract_text("Both Democrat Sara Hale and Republican Tom Reed are contesting the state.")
    assert every_fact(x) == {
        ("Sara Hale", "memberOf", "Democrat", "member-party-name"),
        ("Tom Reed", "memberOf", "Republican", "member-party-name"),
    }


def test_a_group_noun_before_a_capitalised_title_is_no_part_of_it(extract_text):
    x = extract_text("They spoke about working with their cabinet colleagues Foreign Secretary Tom Reed and others.")
    assert every_fact(x) == {("Tom Reed", "holdsPosition", None, "title-before-name")}
    assert [f.title for f in x.facts] == ["Foreign Secretary"]
