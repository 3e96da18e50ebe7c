"""Entity rules, each on the sentence that motivated it, through the pinned model."""

from __future__ import annotations

import pytest

from newsgraph.extract.mentions.names import canonical_label, initials, name_key, strip_name


def by_label(x):
    return {e.label: e for e in x.entities}


def types(x) -> set[tuple[str, str]]:
    """(label, type) of every entity."""
    return {(e.label, e.type) for e in x.entities}


def facts(x) -> set[tuple[str, str, str | None]]:
    """(subject, predicate, object) of every fact, by entity label."""
    labels = {e.key: e.label for e in x.entities}
    return {(labels[f.subject], f.predicate, labels.get(f.object or "")) for f in x.facts}


def test_acronym_in_parentheses_links_to_the_long_name(extract_text):
    x = extract_text(
        "The People’s Mojahedin Organization of Iran (PMOI/MEK) held a rally in Paris on Saturday. "
        "Organisers said the MEK had hired forty buses."
    )
    e = by_label(x)["People's Mojahedin Organization of Iran"]
    assert e.type == "Organization"
    assert {"PMOI", "MEK", "PMOI/MEK"} <= set(e.names)


def test_honorific_dropped_and_surname_links_to_the_full_name(extract_text):
    x = extract_text(
        "Mrs. Maryam Rajavi, the President-elect of the National Council of Resistance of Iran, "
        "opened the conference on Monday. Later, Rajavi thanked the volunteers."
    )
    e = by_label(x)["Maryam Rajavi"]
    assert e.type == "Person"
    assert "Mrs. Maryam Rajavi" in e.names and "Rajavi" in e.names
    assert e.confidence == 1.0


def test_surname_two_people_share_is_left_unlinked(extract_text):
    x = extract_text(
        "Posters of Massoud Rajavi and of Maryam Rajavi were put up in Tehran. Rajavi was praised by the crowd."
    )
    labels = by_label(x)
    assert "Rajavi" in labels, "the short name stays a separate, low-confidence entity"
    assert labels["Rajavi"].confidence < 1.0
    assert "Rajavi" not in labels["Maryam Rajavi"].names and "Rajavi" not in labels["Massoud Rajavi"].names


def test_apposition_to_a_woman_makes_a_person(extract_text):
    # spaCy's small model calls "Maryam Rajavi" an ORG in this sentence
    x = extract_text(
        "Unlike the other groups, the Iranian opposition movement is in fact led by a woman, Maryam Rajavi."
    )
    assert by_label(x)["Maryam Rajavi"].type == "Person"


def test_adjective_nationality_is_not_an_entity(extract_text):
    x = extract_text("Iranian students marched for two hours in Tehran on Sunday.")
    assert "Iranian" not in by_label(x)
    assert by_label(x)["Tehran"].type == "Place"


def test_acronym_with_country_is_the_acronym(extract_text):
    # "MEK Iran" is labelled PERSON by the small model
    x = extract_text(
        "Students close to the Mujahedin-e Khalq (MEK Iran) handed out leaflets. The MEK said it would go on."
    )
    e = by_label(x)["Mujahedin-e Khalq"]
    assert e.type == "Organization" and {"MEK Iran", "MEK"} <= set(e.names)


def test_composite_committee_name_is_part_of_its_council(extract_text):
    x = extract_text(
        "Alireza Jafarzadeh, member of the National Council of Resistance of Iran (NCRI) "
        "Foreign Affairs Committee, gave a briefing in Washington."
    )
    labels = by_label(x)
    committee = next(e for e in x.entities if "NCRI Foreign Affairs Committee" in e.names)
    ncri = labels["National Council of Resistance of Iran"]
    assert ("partOf", ncri.key) in {(f.predicate, f.object) for f in x.facts if f.subject == committee.key}


@pytest.mark.parametrize(
    "name, stripped", [("Mrs. Maryam Rajavi", "Maryam Rajavi"), ("the MEK’s", "MEK"), ("Ms Hewitt", "Hewitt")]
)
def test_strip_name(name, stripped):
    assert strip_name(name) == stripped


def test_name_keys_and_initials():
    assert name_key("People’s Mojahedin") == name_key("people's  mojahedin")
    assert initials("Islamic Revolutionary Guard Corps") == "IRGC"
    assert (
        canonical_label(["NCRI", "National Council of Resistance of Iran"]) == "National Council of Resistance of Iran"
    )


def test_a_title_or_party_the_ner_ran_into_a_name_is_not_part_of_it(extract_text):
    x = extract_text(
        "Lawyer Ann Hale represents the families. Tory Liam Frost spoke for the opposition. "
        "Councillor Archy Pell chairs the housing committee.\n"
    )
    people = {e.label for e in x.entities if e.type == "Person"}
    assert {"Ann Hale", "Liam Frost", "Archy Pell"} <= people
    assert not people & {"Lawyer Ann Hale", "Tory Liam Frost", "Councillor Archy Pell"}


def test_names_with_lower_case_particles_and_parties_the_ner_calls_people(extract_text):
    x = extract_text(
        "“The results were modest,” said Nick Van den Berg of Harbour Bank. "
        "Lib Dem Sir Archy Pell said the Lib Dem plan was better.\n"
    )
    types = {e.label: e.type for e in x.entities}
    assert types.get("Nick Van den Berg") == "Person"
    assert types.get("Lib Dem") == "Organization"


def test_an_honorific_and_a_surname_fit_surnames_only(extract_text):
    """ "Mr Howard" is Peter Howard, never Howard Lane, whose first name is Howard."""
    x = extract_text(
        "Howard Lane, the party treasurer, resigned on Monday. Peter Howard said the party would survive. "
        "Mr Howard added that the accounts were in order."
    )
    owner = {n: e.label for e in x.entities for n in e.names}
    assert owner.get("Mr Howard") == "Peter Howard" or owner.get("Howard") == "Peter Howard"
    assert not any(e.label == "Howard Lane" and ("Mr Howard" in e.names or "Howard" in e.names) for e in x.entities)


def test_a_name_never_ends_in_its_particle(extract_text):
    """The NER cut "Carl Jonas von der | Esch": the particle continues to the capitalised word."""
    x = extract_text("Carl Jonas von der Esch was a Swedish politician. He later joined the June List.")
    assert "Carl Jonas von der Esch" in by_label(x)


def test_a_known_first_name_and_a_surname_is_a_person(extract_text):
    """The NER calls "Alexandra Hale" an organisation; a known first name outvotes it, but not
    a month ("June List") or a nationality."""
    x = by_label(extract_text("Tom Reed is married to Alexandra Hale, a former member of the Eastfield Council."))
    assert x["Alexandra Hale"].type == "Person"
    y = by_label(extract_text("Carl Jonas von der Esch was a Swedish politician. He later joined the June List."))
    assert y["June List"].type == "Organization"


def test_lone_surnames_the_ner_calls_organisations_do_not_outvote_the_full_name(extract_text):
    """A full name with a known first name reads as a person; the lone surname's organisation
    and place labels count a quarter."""
    x = extract_text(
        "Martin Hale (born December 16, 1969) is an Austrian former ice hockey player. Born in Vienna, "
        "Hale began his career with Graz EC. After a brief return to Vienna, Hale moved to Germany, "
        "playing for the Eastfield Eagles. In 2005, Hale returned to Austria. In 2010, Hale retired in "
        "Austria. In 2012, Hale returned to Vienna."
    )
    assert by_label(x)["Martin Hale"].type == "Person"


def test_a_first_name_the_ner_cut_off_is_taken_back(extract_text):
    """ "Anatoly | Borisovich Karlov": a capitalised proper noun before a person's name, in no
    entity, is its first name; a role noun ("Emperor Gojong Hale") and a name that starts with a
    known first name ("Guitarist Jimmy Hale") are left as they are."""
    x = by_label(extract_text("Anatoly Borisovich Karlov (born 16 June 1955) is a Russian politician."))
    assert "Anatoly Borisovich Karlov" in x
    assert "Taghi Mesbah Rahimi" in by_label(extract_text("Taghi Mesbah Rahimi was a cleric."))
    assert "Gojong Hale" in by_label(extract_text("Emperor Gojong Hale ruled."))
    assert "Jimmy Hale" in by_label(extract_text("Guitarist Jimmy Hale joined later."))


def test_a_name_the_ner_cut_at_its_and_is_one_organisation(extract_text):
    x = by_label(extract_text("After her career, she became a member of the Czechoslovak Song and Dance Ensemble."))
    assert "Czechoslovak Song and Dance Ensemble" in x
    y = by_label(extract_text("The Harbour Trust and Eastfield Council agreed."))
    assert {"Harbour Trust", "Eastfield Council"} <= set(y)


def test_a_lower_case_organisation_word_after_a_name_is_part_of_it(extract_text):
    x = extract_text("Mark Hale, from the Public and Commercial Services union, said there should be a strike.")
    assert any(name_key(n) == "public and commercial services union" for e in x.entities for n in e.names)


def test_an_organisations_name_never_ends_in_its_joiner(extract_text):
    x = by_label(extract_text("He was leader of the National Council for Peace and Order, since the coup."))
    assert "National Council for Peace and Order" in x


def test_capitals_right_after_an_organisations_name_are_part_of_it(extract_text):
    x = by_label(extract_text("From 1998 to 2008, he headed the state-owned electrical power monopoly RAO UES."))
    assert "RAO UES" in x
    y = extract_text("London UKIP MEP Gerard Hale said the party would fight on.")
    assert not any("MEP" in e.label for e in y.entities if e.type == "Organization")


def test_a_name_a_sentence_defines_as_a_band_is_one_organisation(extract_text):
    """The NER cut "Storm Over the | Harbour" and missed "The Velvet Owls": the definition names them."""
    x = by_label(extract_text("Storm Over the Harbour is a folk band from Leeds."))
    assert x["Storm Over the Harbour"].type == "Organization"
    y = by_label(extract_text("The Velvet Owls are an English folk band. Their first album sold well."))
    assert y["Velvet Owls"].type == "Organization"
    z = extract_text("Its members are a group of friends from Leeds.")
    assert not any(e.type == "Organization" for e in z.entities)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Octavia Whitcomb Pruitt (4 May 1870 – 1941) was a miller in Eastland.", "Octavia Whitcomb Pruitt"),
        ("Octavia Whitcomb Hale (4 May 1870 – 1941) was a miller in Eastland.", "Octavia Whitcomb Hale"),
    ],
)
def test_a_first_name_the_ner_made_an_entity_of_its_own_is_taken_back(extract_text, text, name):
    """The NER made "Octavia" a place, apart from the rest of the name."""
    x = by_label(extract_text(text))
    assert x[name].type == "Person"
    assert "Octavia" not in x


def test_a_country_before_a_name_is_no_first_name(extract_text):
    x = by_label(extract_text("The visit pleased France Tom Reed said."))
    assert "Tom Reed" in x or "France" in x
    assert "France Tom Reed" not in x


def test_a_countrys_name_is_a_place_whatever_the_ner_said(extract_text):
    # the small NER calls the first a person, the second an organisation
    x = extract_text("Vanuatu signed the treaty on Monday, and Tuvalu followed.")
    assert types(x) == {("Vanuatu", "Place"), ("Tuvalu", "Place")}


def test_a_country_named_alone_is_no_short_name_of_a_longer_name(extract_text):
    x = by_label(extract_text("The Vanuatu Fisheries Act came into force. Vanuatu said the act protects its reefs."))
    assert x["Vanuatu"].type == "Place"
    assert "Vanuatu" not in x["Vanuatu Fisheries Act"].names


@pytest.mark.parametrize(
    "text, want",
    [
        # the small NER calls all of them people, or the glacier an organisation
        (
            "The parade will run along Tom Hale Drive and Kelso Trail on Sunday.",
            {("Tom Hale Drive", "Place"), ("Kelso Trail", "Place")},
        ),
        (
            "Climbers reached Mount Kelso on Monday, and the Varga Glacier below it.",
            {("Mount Kelso", "Place"), ("Varga Glacier", "Place")},
        ),
    ],
)
def test_a_road_or_a_natural_feature_is_a_place(extract_text, text, want):
    assert types(extract_text(text)) == want


def test_a_nickname_in_quotation_marks_is_part_of_the_persons_name(extract_text):
    # the small NER stops at the mark and leaves the surname alone
    x = extract_text(
        'Thomas Alan "Tom" Reed (born 1946) is a lawyer. He is a member of the Harbour Council. '
        "Reed is well known as a critic of the mayor."
    )
    reed = by_label(x)['Thomas Alan "Tom" Reed']
    assert {"Thomas Alan Reed", "Tom Reed", "Reed"} <= set(reed.names)
    assert facts(x) >= {('Thomas Alan "Tom" Reed', "memberOf", "Harbour Council")}
    assert types(x) == {('Thomas Alan "Tom" Reed', "Person"), ("Harbour Council", "Organization")}


def test_a_party_in_brackets_after_a_person_is_no_other_name_of_the_person(extract_text):
    x = by_label(extract_text("The motion was opposed by Tom Reed (SNP) and by Dan Moss and Kim Hale (Harbour Party)."))
    assert "SNP" not in x["Tom Reed"].names
    assert {"Dan Moss", "Kim Hale", "Harbour Party"} <= set(x)


def test_a_party_noun_before_a_name_the_ner_missed_is_not_part_of_it(extract_text):
    x = by_label(extract_text("His district was merged with the district of fellow Democrat Ambrose Hale."))
    assert "Ambrose Hale" in x and "Democrat Ambrose Hale" not in x


def test_a_peer_named_only_by_rank_keeps_it(extract_text):
    x = extract_text("Lord Hale said the plan was flawed. Lord Hale, a former judge, spoke for an hour.")
    assert {(e.label, e.type) for e in x.entities} == {("Lord Hale", "Person")}
    # a fuller name wins, and the rank still names the same person
    assert canonical_label(["Lord Hale", "Tom Hale", "Hale"]) == "Tom Hale"
    assert name_key("Lord Hale") == name_key("Hale")


def test_a_lone_word_in_a_list_of_places_is_a_place(extract_text):
    # the small NER calls the unknown town a person; its conjuncts are places
    x = extract_text("Police searched houses in Lisbon, Seville and Eastwick on Monday.")
    assert {(e.label, e.type) for e in x.entities} == {("Lisbon", "Place"), ("Seville", "Place"), ("Eastwick", "Place")}


@pytest.mark.parametrize(
    "text, names",
    [
        # the NER cuts the name at "for", or misses it
        (
            "The Commission for Harbour Safety said the plan was sound.",
            {("Commission for Harbour Safety", "Organization")},
        ),
        (
            "The Society for the Protection of Harbours backed the plan.",
            {("Society for the Protection of Harbours", "Organization")},
        ),
        # the purpose ends before a title and a person's name
        (
            "Department for Work and Pensions Secretary Alan Hale said no.",
            {("Department for Work and Pensions", "Organization"), ("Alan Hale", "Person")},
        ),
    ],
)
def test_an_organisation_named_by_its_purpose_is_one_name(extract_text, text, names):
    assert {(e.label, e.type) for e in extract_text(text).entities} == names


def test_an_acronym_with_small_words_in_lower_case_spells_its_name(extract_text):
    x = extract_text("The Department for Harbour Safety and Skills said no. Later the DfHSS said the plan was sound.")
    assert {(e.label, e.type) for e in x.entities} == {("Department for Harbour Safety and Skills", "Organization")}
    assert "DfHSS" in x.entities[0].names
    assert name_key("Department for Harbours") == name_key("Department of Harbours")


def test_a_body_named_by_an_acronym_and_an_organisation_word_is_not_the_acronym(extract_text):
    x = extract_text("The Harbour Union (HU) backed the plan. The HU Commission opposed it.")
    assert {(e.label, e.type) for e in x.entities} == {
        ("Harbour Union", "Organization"),
        ("HU Commission", "Organization"),
    }


def test_a_lone_word_beside_a_place_it_lies_in_is_a_place(extract_text):
    # the small NER calls the unknown town a person
    x = extract_text("He spoke in Lisbon, Eastwick on Monday.")
    assert {(e.label, e.type) for e in x.entities} == {("Lisbon", "Place"), ("Eastwick", "Place")}


@pytest.mark.parametrize(
    "words, tags, span, plausible",
    [
        # a people, not a person: "those of Eastwicker and Caribbean origin" (a country's adjective)
        (["of", "Bolivian", "origin"], ["IN", "NNP", "NN"], (1, 2), False),
        # the first part of an adjective names no one: "the Eastwick-nominated film"
        (["the", "Eastwick", "-", "nominated", "film"], ["DT", "NNP", "HYPH", "VBN", "NN"], (1, 2), False),
        # a former office's party: "Ex-Harbour minister"
        (["Ex-Harbour", "minister"], ["NNP", "NN"], (0, 1), False),
        (["the", "Eastwick", "family"], ["DT", "NNP", "NN"], (1, 2), True),
        # a rank or a title after "the" describes someone, it is no one's name
        (["the", "Queen", "said"], ["DT", "NNP", "VBD"], (1, 2), False),
        # a law's name: "No Bill goes", "a Finance Bill", "(Provisions) Bill"; "Mr Bill" is a man
        (["No", "Bill", "goes"], ["DT", "NNP", "VBZ"], (1, 2), False),
        (["a", "Finance", "Bill"], ["DT", "NNP", "NNP"], (1, 3), False),
        (["Mr", "Bill", "said"], ["NNP", "NNP", "VBD"], (1, 2), True),
        # a plural names no one person
        (["the", "Hales", "said"], ["DT", "NNPS", "VBD"], (1, 2), False),
    ],
)
def test_words_the_ner_calls_people_that_name_no_one(nlp, words, tags, span, plausible):
    from spacy.tokens import Doc

    from newsgraph.extract.mentions.entities import _plausible

    pos = [{"NNP": "PROPN", "NNPS": "PROPN", "HYPH": "PUNCT", "DT": "DET"}.get(t, "X") for t in tags]
    doc = Doc(nlp.vocab, words=words, tags=tags, pos=pos)
    assert _plausible(doc, *span, "PERSON") is plausible


def test_a_peers_rank_and_surname_are_the_full_name_given_before(extract_text):
    x = extract_text(
        "Betty Marsh has said the House of Lords needs its own Speaker. Baroness Marsh, who was the first "
        "woman to be Speaker, said the prime minister acted alone. Lady Marsh said it was unacceptable."
    )
    assert {(e.label, e.type) for e in x.entities} == {("Betty Marsh", "Person"), ("House of Lords", "Organization")}
    alone = extract_text("Baroness Marsh said the bill was wrong.")
    assert [(e.label, e.type) for e in alone.entities] == [("Baroness Marsh", "Person")]


@pytest.mark.parametrize(
    "text, people",
    [
        # a full name spelled two ways is one person, and its surname alone is that person
        (
            'Viktor Hale, 50, claims he was betrayed. "It only works with patience," Mr Hale told the radio. '
            '"They took what Victor Hale knew and left him," Mr Kahn said.',
            {"Viktor Hale", "Kahn"},
        ),
        ("Labour MP Diane Abbot backs the plan. That was progress Ms Abbott called painful.", {"Diane Abbot"}),
        # two people of one surname stay two, and the surname alone fits both: left apart
        ("Ruth Kelly spoke. Tony Kelly, her brother, agreed. Mr Kelly said no.", {"Ruth Kelly", "Tony Kelly", "Kelly"}),
    ],
)
def test_a_name_spelled_two_ways_is_one_person(extract_text, text, people):
    assert {e.label for e in extract_text(text).entities if e.type == "Person"} == people


def test_an_acronym_and_the_last_word_of_a_name_are_that_name(extract_text):
    x = extract_text(
        "The strike was called by the Harbour and Coastal Workers Union. HCW Union spokesman Tom Reed said it "
        "would go ahead. HCWU deputy Kim Moss agreed."
    )
    orgs = {e.label: set(e.names) for e in x.entities if e.type == "Organization"}
    assert orgs == {"Harbour and Coastal Workers Union": {"Harbour and Coastal Workers Union", "HCW Union", "HCWU"}}


@pytest.mark.parametrize(
    "text, orgs",
    [
        # an acronym and the country it is of name the acronym's organisation
        ("NLF Spain said the march would go ahead. The NLF expects a big crowd.", {"NLF Spain"}),
        # an acronym and another word name a division with a name of its own
        (
            'Shares in music giant HCW sank. HCW said sales fell. "HCW Music\'s sales were lower than expected," '
            "the company added.",
            {"HCW", "HCW Music"},
        ),
    ],
)
def test_an_acronym_and_a_word_after_it(extract_text, text, orgs):
    assert {e.label for e in extract_text(text).entities if e.type == "Organization"} == orgs


def test_a_styled_rank_and_its_place_are_one_name(nlp):
    from spacy.tokens import Doc

    from newsgraph.extract.mentions.entities import _name_end

    doc = Doc(nlp.vocab, words=["Duke", "of", "Harbourshire", "said"], pos=["PROPN", "ADP", "PROPN", "VERB"])
    assert _name_end(doc, 0, 1, "Person") == 3


@pytest.mark.parametrize(
    "words, heads, deps, lemmas",
    [
        # "moved to X": where someone went
        (
            ["Ann", "moved", "to", "Eastwick"],
            [1, 1, 1, 2],
            ["nsubj", "ROOT", "prep", "pobj"],
            ["Ann", "move", "to", "Eastwick"],
        ),
        # "Tom Hale, of X, said": where a person named before is from
        (
            ["Tom", "Hale", ",", "of", "Eastwick", ",", "said"],
            [1, 6, 1, 1, 3, 1, 6],
            ["compound", "nsubj", "punct", "prep", "pobj", "punct", "ROOT"],
            ["Tom", "Hale", ",", "of", "Eastwick", ",", "say"],
        ),
    ],
)
def test_where_a_lone_word_stands_says_it_is_a_place(nlp, words, heads, deps, lemmas):
    from spacy.tokens import Doc

    from newsgraph.extract.mentions.entities import RawMention, _locative_votes
    from newsgraph.extract.schema import new_votes

    pos = ["PROPN" if w[:1].isupper() else "X" for w in words]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos)
    place = words.index("Eastwick")
    named = 2 if words[1] == "Hale" else 1  # "Tom Hale" / "Ann", a person for sure
    people = [RawMention(0, named, new_votes({"Person": 3}))]
    lone = RawMention(place, place + 1, new_votes({"Person": 1}), text="Eastwick")
    _locative_votes(doc, [*people, lone])
    assert lone.votes["Place"] > lone.votes["Person"]


def test_a_title_word_alone_is_no_name_though_full_names_start_with_it(nlp):
    from spacy.tokens import Doc

    from newsgraph.extract.mentions.entities import RawMention, _unlabelled_names
    from newsgraph.extract.schema import new_votes

    words = ["Prince", "Tom", "Reed", "thanked", "the", "Prince", "and", "Reed", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[2, 2, 3, 3, 5, 3, 5, 5, 3],
        deps=["compound", "compound", "nsubj", "ROOT", "det", "dobj", "cc", "conj", "punct"],
        pos=["PROPN", "PROPN", "PROPN", "VERB", "DET", "PROPN", "CCONJ", "PROPN", "PUNCT"],
    )
    out = {(0, 3): RawMention(0, 3, new_votes({"Person": 1}), text="Prince Tom Reed")}
    _unlabelled_names(doc, out)
    # "Reed" alone is the surname of the full name; "Prince" alone is a title, no name
    assert sorted(out) == [(0, 3), (7, 8)]


def test_a_place_noun_in_a_list_makes_a_lone_word_a_place(nlp):
    from spacy.tokens import Doc

    from newsgraph.extract.mentions.entities import RawMention, _conjunct_votes
    from newsgraph.extract.schema import new_votes

    # "at Eastwick prison, Lisbon, and Westmoor, Milton Reed": the NER called Westmoor and the
    # town after it people; the prison and Lisbon outvote the one person
    words = ["at", "Eastwick", "prison", ",", "Lisbon", ",", "and", "Westmoor", ",", "Milton", "Reed"]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[0, 2, 0, 2, 2, 4, 4, 4, 7, 10, 7],
        deps=["ROOT", "compound", "pobj", "punct", "conj", "punct", "cc", "conj", "punct", "compound", "conj"],
        pos=["ADP", "PROPN", "NOUN", "PUNCT", "PROPN", "PUNCT", "CCONJ", "PROPN", "PUNCT", "PROPN", "PROPN"],
        lemmas=["at", "Eastwick", "prison", ",", "Lisbon", ",", "and", "Westmoor", ",", "Milton", "Reed"],
    )
    lisbon = RawMention(4, 5, new_votes({"Place": 1}), text="Lisbon")
    lone = RawMention(7, 8, new_votes({"Person": 1}), text="Westmoor")
    milton = RawMention(9, 11, new_votes({"Person": 1}), text="Milton Reed")
    _conjunct_votes(doc, [lisbon, lone, milton])
    assert lone.votes["Place"] > lone.votes["Person"]


def test_a_name_born_on_a_date_is_a_person(extract_text):
    # the small NER calls the unknown surname a place; "(born ...)" says it is a person, so the
    # membership the sentence states is read
    x = extract_text("Yüceltürk (born 1990) plays for Harbour City.")
    assert types(x) == {("Yüceltürk", "Person"), ("Harbour City", "Organization")}
    assert facts(x) == {("Yüceltürk", "memberOf", "Harbour City")}


def test_a_party_name_the_ner_cut_in_two_is_one_organisation(extract_text):
    # the NER reads "Liberal" as one organisation and "Democrat" as a nationality
    x = extract_text("The group, including Labour's Rob Cook and Liberal Democrat Paul Tyler, is confident.")
    assert {(e.label, e.type) for e in x.entities} == {
        ("Labour", "Organization"),
        ("Rob Cook", "Person"),
        ("Liberal Democrat", "Organization"),
        ("Paul Tyler", "Person"),
    }


def test_a_name_ending_in_an_institution_word_is_an_organisation(extract_text):
    # the NER reads the conservatory as a person and a place; its last word says what it is
    x = extract_text("Sara Hale taught at the Lisel Conservatory.")
    assert types(x) == {("Sara Hale", "Person"), ("Lisel Conservatory", "Organization")}
    assert facts(x) == {("Sara Hale", "memberOf", "Lisel Conservatory")}


def test_a_name_after_the_article_is_no_person(extract_text):
    # the NER calls the band a person; a person's name takes no "the"
    x = extract_text("Odessa is the sixth studio album by the Velvet Owls, released in 1969.")
    assert ("Velvet Owls", "Organization") in {(e.label, e.type) for e in x.entities}
    assert not [e for e in x.entities if e.type == "Person"]


def test_the_names_in_a_works_quoted_title_are_no_mentions(extract_text):
    # a programme's title, and the same title again without its marks
    x = extract_text(
        "His comments come in a BBC documentary called 'No More Mr Velden'. "
        "Tom Hale: No More Mr Velden is shown on Sunday."
    )
    assert {(e.label, e.type) for e in x.entities} == {("BBC", "Organization"), ("Tom Hale", "Person")}


def test_an_organisation_named_on_its_subject_is_one_name(extract_text):
    # "on" inside a committee's name is no reason to reject the NER's name (it left a
    # "Fishing Rights" person); "on Monday" after a council stays out of it
    x = extract_text(
        "The Joint Committee on Fishing Rights examined the bill. The cross-party committee said "
        'the plans were "a serious risk to every harbour town". The Harbour Council on Monday said it would vote.'
    )
    assert types(x) == {("Joint Committee on Fishing Rights", "Organization"), ("Harbour Council", "Organization")}
    assert [by_label(x)["Joint Committee on Fishing Rights"].key] == [q.speaker for q in x.quotes]


def test_a_party_named_in_one_word_at_a_sentences_start_speaks(extract_text):
    # the parser tags "Labour" a common noun there: one capitalised common word is no name,
    # but a party's word the NER calls an organisation is
    x = extract_text(
        "Mr Hale had received advice from Holyrood officials. "
        'Labour said he had "cleverly" not asked about paid advocacy.'
    )
    labels = {e.key: e.label for e in x.entities}
    assert [(labels.get(q.speaker), q.text) for q in x.quotes] == [("Labour", "cleverly")]
    assert ("Labour", "Organization") in types(x)


def test_few_people_on_the_first_hundred_bbc_politics_articles_carry_one_word(shared, tmp_path):
    # most one-word "people" were places, organisations and fragments (59 of 305 Person nodes);
    # what is left is mostly people the text names by one name ("his wife Ffion")
    import newsgraph
    from newsgraph.output.build import build

    files = sorted((shared / "corpus" / "bbc" / "politics").glob("*.txt"))[:100]
    build(files, tmp_path, validate=False)
    query = (
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?label WHERE "
        '{ ?p a ng:Person ; rdfs:label ?label FILTER(!CONTAINS(STR(?label), " ")) }'
    )
    labels = [row["label"] for row in newsgraph.open(tmp_path).rows(query)]
    assert len(files) == 100
    assert len(labels) <= 20, labels


@pytest.mark.parametrize(
    "text",
    ["Tom  Reed\tsaid\r\n“Yes.”  ", "\u00a0Ann Lee\u2009said: no\n\n\nend", "a\u200bb  c\r\rd", " "],
)
def test_a_doc_keeps_every_character_of_its_text(nlp, text):
    # extract_timed hands each Doc the text it was made from (nlp.doc_text), so that no reader
    # rebuilds it token by token: that holds only while spaCy's Doc.text is its input
    assert nlp.make_doc(text).text == text
