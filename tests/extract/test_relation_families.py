"""Positions, leaders and members from the ways English writes them (issue: positions, leaders
and members): one invented sentence per construction family, through the pinned model."""

from __future__ import annotations

import pytest


def relations(x) -> set[tuple[str, str, str | None, str | None]]:
    """(subject, predicate, object, title) of every relation, by entity label."""
    names = {e.key: e.label for e in x.entities}
    return {
        (names[f.subject], f.predicate, names.get(f.object) if f.object else None, f.title)
        for f in x.facts
        if f.predicate in {"holdsPosition", "ledBy", "memberOf"}
    }


def positions(x) -> set[tuple[str, str | None, str | None]]:
    return {(s, t, o) for s, p, o, t in relations(x) if p == "holdsPosition"}


def pairs(x, predicate: str) -> set[tuple[str, str | None]]:
    return {(s, o) for s, p, o, _ in relations(x) if p == predicate}


@pytest.mark.parametrize(
    "text, position",
    [
        # an organisation the NER misses, before the title: an acronym
        ("CTU general secretary Joe Bell said the strike would go ahead.", ("Joe Bell", "general secretary", "CTU")),
        # a name the document gives an organisation elsewhere
        (
            "Brightwater Airways reported a loss. Brightwater Airways boss Paul Grant said fuel cost more.",
            ("Paul Grant", "boss", "Brightwater Airways"),
        ),
        # a party adjective before a portfolio
        (
            "Tory work and pensions spokesman Tom Reed said the plan was a mess.",
            ("Tom Reed", "work and pensions spokesman", "Tory"),
        ),
        # modifiers stay in the title
        ("Shadow home secretary Tom Reed said the plan was a mess.", ("Tom Reed", "Shadow home secretary", None)),
        (
            "Harbour Trust deputy chief executive Mary Jones resigned.",
            ("Mary Jones", "deputy chief executive", "Harbour Trust"),
        ),
        # a modifier before the organisation belongs to the title
        ("Former Harbour Trust chairman Tom Reed wrote the report.", ("Tom Reed", "Former chairman", "Harbour Trust")),
        # a portfolio after the head
        (
            "Kim Moss, director of air transport at the Harbour Trust, said the rules were unclear.",
            ("Kim Moss", "director of air transport", "Harbour Trust"),
        ),
        # a title after the name
        ("Fellow guest Ann Hale MP was also hit by the paint.", ("Ann Hale", "MP", None)),
        # an organisation after the name of a titled person
        (
            "Aviation analyst Tom Reed of Harbour Bank said fares would rise.",
            ("Tom Reed", "Aviation analyst", "Harbour Bank"),
        ),
        # a company's title with no organisation: the one its sentence before is about
        (
            "The Harbour Trust said it would appeal. Chief executive Mary Jones said the ruling was wrong.",
            ("Mary Jones", "Chief executive", "Harbour Trust"),
        ),
        # "company president X": the company the sentence is about
        (
            "Brightwater Airways kicked off the battle with adverts in the Eastfield Gazette, using a letter "
            "from company president Tom Reed.",
            ("Tom Reed", "president", "Brightwater Airways"),
        ),
        # a name after "at" the NER missed is the employer
        ("Ian Hill, an analyst at Brightmoor, said the news was good.", ("Ian Hill", "analyst", "Brightmoor")),
        # a modifier the tagger calls a verb; a prefix of the title the NER called a person
        (
            "The poster showed Mr Hart and shadow chancellor Paul Grant with a blackboard.",
            ("Paul Grant", "shadow chancellor", None),
        ),
        ("Euro MP Ann Hale was hit by paint.", ("Ann Hale", "Euro MP", None)),
        # "an executive at X"
        (
            "Marc Hill, an executive at Harbour Mining, said the offer was low.",
            ("Marc Hill", "executive", "Harbour Mining"),
        ),
    ],
)
def test_position_families(extract_text, text, position):
    assert position in positions(extract_text(text))


def test_honorific_title_takes_no_organisation_from_its_sentence(extract_text):
    """A capitalised title inside a sentence is an honorific ("Director Hale"), not a company
    office to bridge to the organisation the sentence names."""
    x = extract_text("The Harbour Trust said it would appeal. Later, Director Tom Reed said the ruling was wrong.")
    assert ("Tom Reed", "Director", "Harbour Trust") not in positions(x)


def test_an_organisation_quoted_is_not_what_the_sentence_is_about(extract_text):
    x = extract_text(
        "Shares rose on Monday. “Harbour Bank has been challenged to play fair,” chief executive Tom Reed said."
    )
    assert not any(o == "Harbour Bank" for _, o in pairs(x, "memberOf"))


@pytest.mark.parametrize(
    "text, org, person",
    [
        ("Harbour Trust chief executive Mary Jones said the ruling was wrong.", "Harbour Trust", "Mary Jones"),
        ("CTU general secretary Joe Bell said the strike would go ahead.", "CTU", "Joe Bell"),
        ("Jane Hart founded the Harbour Trust in 1990.", "Harbour Trust", "Jane Hart"),
        ("The current president of the Harbour Trust is Tom Reed.", "Harbour Trust", "Tom Reed"),
        ("Valerie Hart serves as the Harbour Trust's chairwoman.", "Harbour Trust", "Valerie Hart"),
        (
            "A video showed support for the armed group, Sendero Rojo and its leader Tom Reed.",
            "Sendero Rojo",
            "Tom Reed",
        ),
        ("The independents backed Labor, making Labor leader Tom Reed premier.", "Labor", "Tom Reed"),
    ],
)
def test_leaders(extract_text, text, org, person):
    assert (org, person) in pairs(extract_text(text), "ledBy")


@pytest.mark.parametrize(
    "text",
    [
        "Former Harbour Trust chairman Tom Reed wrote the report.",  # a former office leads nothing now
        "Harbour Trust deputy chief executive Tom Reed wrote the report.",
        "Harbour Trust chief financial officer Tom Reed wrote the report.",
        "Tory co-chairman Tom Reed said the poster was fair.",  # a party chairman is not its leader
    ],
)
def test_titles_that_do_not_lead(extract_text, text):
    assert not pairs(extract_text(text), "ledBy")


@pytest.mark.parametrize(
    "text, person, org",
    [
        ("Jane Hart joined the Harbour Trust in 1998.", "Jane Hart", "Harbour Trust"),
        ("Tom Reed played for Eastfield Rovers for six seasons.", "Tom Reed", "Eastfield Rovers"),
        ("In 2004 Tom Reed was signed by Eastfield Rovers.", "Tom Reed", "Eastfield Rovers"),
        ("Tom Reed worked for the Harbour Trust for six years.", "Tom Reed", "Harbour Trust"),
        ("Kim Moss is a politician for the Green Alliance.", "Kim Moss", "Green Alliance"),
        ("Tom Reed began his career with Eastfield Rovers in 1998.", "Tom Reed", "Eastfield Rovers"),
        (
            "In 1784, Tom Reed was elected a member of the Royal Eastfield Academy.",
            "Tom Reed",
            "Royal Eastfield Academy",
        ),
        (
            "Small firms will suffer, said Simon Hale, of the Federation of Small Businesses.",
            "Simon Hale",
            "Federation of Small Businesses",
        ),
        # the subject is a pronoun the coreference resolves
        ("Jane Hart was born in Leeds. She later joined the Green Alliance.", "Jane Hart", "Green Alliance"),
        # any position in an organisation: its holder is a member
        ("Harbour Trust chief executive Mary Jones said the ruling was wrong.", "Mary Jones", "Harbour Trust"),
        ("Tory work and pensions spokesman Tom Reed said the plan was a mess.", "Tom Reed", "Tory"),
        # a member's role noun after the organisation
        ("Harbour Echo bassist Dan Moss said the tour would go ahead.", "Dan Moss", "Harbour Echo"),
        ("Joan Hart is an Irish Labour Party politician who served as minister.", "Joan Hart", "Irish Labour Party"),
        # conjoined prepositions: "a member of A and of B"
        ("Tom Reed is a member of the Harbour Academy and of the Eastfield Society.", "Tom Reed", "Eastfield Society"),
        # a verb after a preposition takes the clause's subject
        (
            "Jared Hale is a former football player. He spent six years with the Harbour Hawks before joining "
            "the Eastfield Bears as a free agent in 2014.",
            "Jared Hale",
            "Eastfield Bears",
        ),
        ("In 2015, Jared Hale was traded to the Westport Panthers.", "Jared Hale", "Westport Panthers"),
        ("The pitcher for the Harbour Hawks was Tom Reed.", "Tom Reed", "Harbour Hawks"),
        ("Arthur Hale was a senior British Army officer.", "Arthur Hale", "British Army"),
        # a capitalised "The" inside a sentence starts a name the NER missed
        ("Murray toured Canada with Paul Hale and Rob Baker of The Tragically Blue.", "Rob Baker", "Tragically Blue"),
        # a list the parser lost: read from the words
        (
            "Mark Hale is a former basketball player. He played for the Hawks, Eastfield Spurs, "
            "Westport Kings and Northbridge Lakers.",
            "Mark Hale",
            "Westport Kings",
        ),
        (
            "Tom Reed is an ice hockey coach. He was the captain of the Norland national ice hockey team.",
            "Tom Reed",
            "Norland national ice hockey team",
        ),
        (
            "Tom Reed received an education at the Eastland Military Academy and entered the Eastland Army.",
            "Tom Reed",
            "Eastland Army",
        ),
        (
            "After the war Tom Reed took a position with the Harbour National Committee.",
            "Tom Reed",
            "Harbour National Committee",
        ),
    ],
)
def test_member_families(extract_text, text, person, org):
    assert (person, org) in pairs(extract_text(text), "memberOf")


def test_negated_and_quoted_verbs_state_no_membership(extract_text):
    x = extract_text("Tom Reed never joined the Harbour Trust. “Kim Moss joined the Green Alliance,” he said.")
    assert not pairs(x, "memberOf")


def test_a_movements_leader_is_not_its_member(extract_text):
    x = extract_text("The leader of the Eastfield Resistance, Tom Reed, was shown on a large banner.")
    assert ("Eastfield Resistance", "Tom Reed") in pairs(x, "ledBy")
    assert not pairs(x, "memberOf")


def test_former_office_marks_its_membership(extract_text):
    """The membership read from a former office keeps that title, so the graph can mark it former."""
    rels = relations(extract_text("Former Harbour Trust chairman Tom Reed wrote the report."))
    assert ("Tom Reed", "memberOf", "Harbour Trust", "Former chairman") in rels


def test_a_place_cut_off_an_organisations_name_is_put_back(extract_text):
    x = extract_text("UK Freedom Party leader Tom Reed said the rebate was fair.")
    assert ("UK Freedom Party", "Tom Reed") in pairs(x, "ledBy")


def test_a_lone_party_word_takes_the_party_the_text_is_about(extract_text):
    x = extract_text(
        "Police chiefs would be elected under plans unveiled by the Harbour Party.\n\n"
        "Party leader Tom Reed said the new role would replace police boards."
    )
    assert ("Harbour Party", "Tom Reed") in pairs(x, "ledBy")


def test_the_last_sentence_of_a_paragraph_keeps_its_apposition(extract_text):
    """The line break after a paragraph's full stop is no part of the title."""
    x = extract_text("Valerie Hart is the chairwoman of the Harbour Trust.\n\nShe said little.")
    assert ("Valerie Hart", "chairwoman", "Harbour Trust") in positions(x)


def test_an_honorific_before_a_name_is_no_position(extract_text):
    assert not positions(extract_text("Professor Ann Hale said the results were clear."))


def test_two_titles_joined_are_two_positions(extract_text):
    """ "chairman and chief executive of Y" is two offices; "Trade and Industry Secretary" one."""
    x = extract_text(
        "Alain Hart, chairman and chief executive of Harbour Music, described the results as poor. "
        "Trade and Industry Secretary Ann Hale agreed."
    )
    got = positions(x)
    assert {("Alain Hart", "chairman", "Harbour Music"), ("Alain Hart", "chief executive", "Harbour Music")} <= got
    assert ("Ann Hale", "Trade and Industry Secretary", None) in got
    assert ("Harbour Music", "Alain Hart") in pairs(x, "ledBy")


def test_a_portfolio_is_no_name(extract_text):
    """ "Justice and Home Affairs" before "Commissioner" is the title's, not an organisation or
    a person of its own."""
    x = extract_text(
        "A spokesman for European Justice and Home Affairs Commissioner Ann Hale said the plan was unlawful."
    )
    assert ("Ann Hale", "European Justice and Home Affairs Commissioner", None) in positions(x)
    assert {e.label for e in x.entities} == {"Ann Hale"}


def test_bridging_reaches_past_a_quoted_paragraph(extract_text):
    """The company named before a quoted paragraph is still the one "said chief financial
    officer X" works for."""
    x = extract_text(
        "Brightwater Airways posted a record profit on Monday.\n\n"
        "“Fuel cost less. Demand was high. We expect more,” a statement said. Higher costs are expected. "
        "“We hedged less,” said chief financial officer Ann Hale."
    )
    assert ("Ann Hale", "chief financial officer", "Brightwater Airways") in positions(x)


def test_party_leader_takes_the_party_named_later_in_its_sentence(extract_text):
    x = extract_text(
        "The film showed a row between Ann Hale and party leader Tom Reed about the GOP whip in the Senate."
    )
    assert ("Tom Reed", "leader", "GOP") in positions(x)


@pytest.mark.parametrize(
    "text, expected",
    [
        # conjoined organisations: a membership each
        (
            "Mark Hale played for the Harbour City Hawks, Eastfield Kings and Westport Lakers.",
            {("Mark Hale", "Harbour City Hawks"), ("Mark Hale", "Eastfield Kings"), ("Mark Hale", "Westport Lakers")},
        ),
        # a relative clause on a role noun is about the name the noun describes
        (
            "Tom Reed is a Welsh footballer who plays for Eastfield United.",
            {("Tom Reed", "Eastfield United")},
        ),
        # a kind of organisation before its name: the name is the organisation's
        (
            "Tom Reed is a Welsh footballer who plays for Premier League club Eastfield United.",
            {("Tom Reed", "Eastfield United")},
        ),
        # "X of the [description] band Y"
        (
            "The song was written by Lena Hart of the Danish pop group Velvet Owls.",
            {("Lena Hart", "Velvet Owls")},
        ),
        # "X and Y of Z": both are members
        (
            "The second version features Rosa Diaz and Kim Moss of the Mexican pop group Velvet Owls.",
            {("Rosa Diaz", "Velvet Owls"), ("Kim Moss", "Velvet Owls")},
        ),
        (
            "The Harbour Quartet consists of Tom Reed, Dan Moss and Kim Hale.",
            {("Tom Reed", "Harbour Quartet"), ("Kim Hale", "Harbour Quartet")},
        ),
        (
            "The Blue Owls are a band formed in 1990 consisting of Tom Reed, Dan Moss and Kim Hale.",
            {("Tom Reed", "Blue Owls"), ("Dan Moss", "Blue Owls"), ("Kim Hale", "Blue Owls")},
        ),
        (
            "The bird was named after John Hale, who was a curator at the Eastfield Academy.",
            {("John Hale", "Eastfield Academy")},
        ),
        # a name the sentence defines as a band, and "the band" after it
        (
            "The Velvet Owls are an English folk band from Leeds. The band consists of singer Ann Lee, "
            "guitarist Tom Reed and drummer Kim Moss.",
            {("Ann Lee", "Velvet Owls"), ("Tom Reed", "Velvet Owls"), ("Kim Moss", "Velvet Owls")},
        ),
        (
            "Storm Over the Harbour is a folk band from Leeds. Today the group consists of singer Ann Lee and "
            "drummer Tom Reed.",
            {("Ann Lee", "Storm Over the Harbour"), ("Tom Reed", "Storm Over the Harbour")},
        ),
        # an organisation that takes the person in
        (
            "The Blue Owls were formed in 1976 by Tom Reed. The band later recruited singer Ann Lee and "
            "drummer Kim Moss.",
            {("Ann Lee", "Blue Owls"), ("Kim Moss", "Blue Owls")},
        ),
        # a unit of the organisation stands for it
        (
            "After his doctorate Dan Moss joined the faculty of the University of Westport.",
            {("Dan Moss", "University of Westport")},
        ),
        (
            "Dan Moss later served on the management team of Harbour Associates.",
            {("Dan Moss", "Harbour Associates")},
        ),
        (
            "Ann Lee now sings as part of the Blue Owls, a folk group.",
            {("Ann Lee", "Blue Owls")},
        ),
        # any role noun in an organisation
        (
            "The novel follows Ravi Sen, a gunner in the Eastland Army, through the war.",
            {("Ravi Sen", "Eastland Army")},
        ),
        # the leader served under belongs to the party
        (
            "Ann Lee was deputy leader of the Harbour Party under Tom Reed, between 2007 and 2014.",
            {("Ann Lee", "Harbour Party"), ("Tom Reed", "Harbour Party")},
        ),
        # spells and seasons for teams
        (
            "Tom Reed is an ice hockey player. He moved back to Eastfield in 2003, with spells for the Harbour Hawks "
            "and the Westport Rovers.",
            {("Tom Reed", "Harbour Hawks"), ("Tom Reed", "Westport Rovers")},
        ),
        # a team in a list the NER missed
        (
            "Mark Hale is a former basketball player. He played for the Harbour Hawks, Eastfield Spurs, "
            "Westport Kings, Eastland Lakers and Northbridge Magic.",
            {("Mark Hale", "Eastland Lakers"), ("Mark Hale", "Northbridge Magic")},
        ),
        # a party noun right before a name
        ("The vote was close, said Tory Liam Frost.", {("Liam Frost", "Tory")}),
        (
            "His district was merged with the district of fellow Democrat Ambrose Hale.",
            {("Ambrose Hale", "Democrat")},
        ),
        # a party noun put before the subject
        (
            "Ann Lee is a lawyer. A Republican, she sat on the Harbour County board for a decade.",
            {("Ann Lee", "Republican")},
        ),
        # roles joined with commas before their organisation; a country ends its name
        (
            "Ana Ruiz is a founding member, and a spokeswoman, of the Harbour Workers Alliance, Canada (HWA).",
            {("Ana Ruiz", "Harbour Workers Alliance")},
        ),
        # a field between the organisation and the role noun
        (
            "The Eastfield Gazette science columnist Dan Moss wrote that the plan was flawed.",
            {("Dan Moss", "Eastfield Gazette")},
        ),
        # people listed after an organisation and a colon
        (
            "The collective grew out of the Harbour Song League: Ann Lee, Tom Reed, Kim Moss, and Dan Hale.",
            {("Ann Lee", "Harbour Song League"), ("Dan Hale", "Harbour Song League")},
        ),
        # a party or an organisation in brackets after a name
        (
            "The council leader is Jan Holm (Harbour Party) and her deputy is Tor Berg (Green Party).",
            {("Jan Holm", "Harbour Party"), ("Tor Berg", "Green Party")},
        ),
        (
            "The motion was backed by Tom Reed (Lab) and Ann Lee (Con).",
            {("Tom Reed", "Lab"), ("Ann Lee", "Con")},
        ),
        # the position played between the verb and the team
        (
            "Tom Varga played as a full back for Harbour City from 1990.",
            {("Tom Varga", "Harbour City")},
        ),
        # a kind noun that lists the teams, whatever the NER typed them
        (
            "Dan Moss is a Welsh footballer who played for teams such as: Westport Rovers, Eastfield Kings, "
            "Harbour City or Northbridge Albion.",
            {("Dan Moss", "Westport Rovers"), ("Dan Moss", "Harbour City"), ("Dan Moss", "Northbridge Albion")},
        ),
        (
            "Having played for non-league sides Eastmoor United and Northgate Rovers, Tom Reed signed for Eastfield.",
            {("Tom Reed", "Eastmoor United"), ("Tom Reed", "Northgate Rovers")},
        ),
        # the first team of a list the parser hung on a later one
        (
            "Dan Moss is a Welsh footballer. He played for the Hawks, Westport Rovers, Eastfield Kings, "
            "Harbour City and Northbridge Albion.",
            {("Dan Moss", "Hawks"), ("Dan Moss", "Westport Rovers"), ("Dan Moss", "Eastfield Kings")},
        ),
        # a team the NER missed, and one after its league: the team, not the league
        (
            "Pavel Novak, a goalkeeper, now plays for SK Velden. He once played for Alpine "
            "Super League club Bergenspor.",
            {("Pavel Novak", "SK Velden"), ("Pavel Novak", "Bergenspor")},
        ),
        # a height in feet and inches opens no quotation
        (
            "Mark Hale is a basketball player. Standing 6'11 \", he played for the Harbour Hawks.",
            {("Mark Hale", "Harbour Hawks")},
        ),
    ],
)
def test_members_of_lists_and_descriptions(extract_text, text, expected):
    assert expected <= pairs(extract_text(text), "memberOf")


def test_a_one_word_company_typed_a_person_before_a_company_title(extract_text):
    """Before "deputy chief executive" and a person's name, a one-word name is the company."""
    x = extract_text('"We are fighting this," Fastjet deputy chief executive Tom Reed told the radio.')
    assert ("Tom Reed", "deputy chief executive", "Fastjet") in positions(x)


def test_a_person_named_in_full_is_no_company_before_a_title(extract_text):
    x = extract_text("After Tom Reed chief executive Dan Moss spoke.")
    assert not pairs(x, "ledBy")
    assert not any(o == "Tom Reed" for _, o in pairs(x, "memberOf"))


@pytest.mark.parametrize(
    "text, position",
    [
        ("French finance minister Paul Roux said the tax would stay.", ("Paul Roux", "finance minister", "France")),
        ("US President Dan Moss spoke.", ("Dan Moss", "President", "US")),
        (
            "Italian Prime Minister Tom Reed and German Chancellor Dan Moss met.",
            ("Dan Moss", "Chancellor", "Germany"),
        ),
    ],
)
def test_an_office_of_state_takes_its_country(extract_text, text, position):
    x = extract_text(text)
    assert position in positions(x)
    country = next(e for e in x.entities if e.label == position[2])
    assert country.type == "Place"  # a country stays a place, and is nobody's employer
    assert not pairs(x, "memberOf") and not pairs(x, "ledBy")


def test_a_region_or_a_profession_is_no_office_of_state(extract_text):
    x = extract_text("British actor Tom Reed met the Scotland Secretary Dan Moss.")
    assert not any(o for _, _, o in positions(x))


def test_a_nationality_before_a_role_noun_is_no_organisation(extract_text):
    assert not pairs(extract_text("Tom Reed is a Welsh singer."), "memberOf")


def test_a_name_after_a_kind_of_organisation_and_a_comma_is_the_organisation(extract_text):
    x = extract_text(
        "The video showed support for the Peruvian Maoist terrorist organization, Sendero Rojo and its leader Tom Reed."
    )
    assert ("Sendero Rojo", "Tom Reed") in pairs(x, "ledBy")


@pytest.mark.parametrize(
    "text, person, party",
    [
        ("Tom Reed was elected as a Whig to the Harbour Council.", "Tom Reed", "Whig"),
        ("In 1998 Carl Hale returned to politics as a Christian Democrat.", "Carl Hale", "Christian Democrat"),
        ("Tom Reed was a Republican member of the Eastfield Assembly.", "Tom Reed", "Republican"),
        ("In the election, Gerald Hale, the Republican candidate, lost the race.", "Gerald Hale", "Republican"),
    ],
)
def test_a_party_named_by_its_noun_or_adjective(extract_text, text, person, party):
    x = extract_text(text)
    assert (person, party) in pairs(x, "memberOf")
    assert next(e for e in x.entities if e.label == party).type == "Organization"


def test_a_lower_case_party_word_names_no_party(extract_text):
    assert not pairs(extract_text("Tom Reed was seen as a liberal."), "memberOf")


def test_a_group_formed_by_people_has_them_as_members_not_leaders(extract_text):
    x = extract_text("The Blue Owls were formed in 1976 by guitarist Tom Reed and bassist Dan Moss.")
    assert {("Tom Reed", "Blue Owls"), ("Dan Moss", "Blue Owls")} <= pairs(x, "memberOf")
    assert not pairs(x, "ledBy")


@pytest.mark.parametrize(
    "text, org, members",
    [
        ("In 1997 Tom Reed formed the band Blue Owls with Kim Moss.", "Blue Owls", {"Tom Reed", "Kim Moss"}),
        ("Ann Lee with Dan Moss joined the Eastfield Trust in 2004.", "Eastfield Trust", {"Ann Lee", "Dan Moss"}),
        (
            "Joining together with Pat Hale, Jo Kerr and others, Sam Lee formed the group Harbour League in 1932.",
            "Harbour League",
            {"Sam Lee", "Pat Hale", "Jo Kerr"},
        ),
        # "with" and no person: nobody else joins
        ("Ann Hale joined the Green Party with a promise to fight.", "Green Party", {"Ann Hale"}),
    ],
)
def test_who_forms_or_joins_a_group_with_its_member_is_a_member(extract_text, text, org, members):
    assert pairs(extract_text(text), "memberOf") == {(m, org) for m in members}


def test_a_leader_by_verb_is_a_member_but_a_movements_is_not(extract_text):
    assert ("Kim Moss", "Harbour Trust") in pairs(extract_text("Kim Moss heads the Harbour Trust."), "memberOf")
    x = extract_text("The Eastfield movement is led by Tom Reed.")
    assert ("Eastfield movement", "Tom Reed") in pairs(x, "ledBy")
    assert not pairs(x, "memberOf")


def test_a_person_ends_a_list_of_teams(extract_text):
    x = extract_text("Tom Reed is a footballer. He played for Harbour City, Eastfield Rovers, Dan Moss said.")
    assert not any(o == "Dan Moss" for _, o in pairs(x, "memberOf"))


def test_a_league_before_a_team_is_no_team_played_for(extract_text):
    x = extract_text("Pavel Novak is a footballer. He played for Alpine Super League club Bergenspor.")
    assert not any("League" in (o or "") for _, o in pairs(x, "memberOf"))


def test_a_party_named_before_its_kind_noun_is_what_the_passive_is_about(extract_text):
    """ "the KERAN party, founded by X": the party the NER named, not a new "KERAN party"."""
    x = extract_text(
        "In 2013, she was elected to the National Assembly from Eastland District representing the KERAN "
        "party, founded by the former president Tom Reed."
    )
    assert ("KERAN", "Tom Reed") in pairs(x, "ledBy")


@pytest.mark.parametrize(
    "text",
    [
        "Tom Reed was the leader of the Harbour Party in Eastland.",
        "After Dan Moss defeated him, Tom Reed was a leader of the Harbour Party in Eastland (1990–1995) "
        "and then returned to Canada.",
    ],
)
def test_a_place_or_a_time_after_the_organisation_ends_no_title(extract_text, text):
    x = extract_text(text)
    assert ("Tom Reed", "leader", "Harbour Party") in positions(x)
    assert ("Harbour Party", "Tom Reed") in pairs(x, "ledBy")


def test_a_title_after_a_pronoun_the_coreference_read(extract_text):
    x = extract_text("Valerie Hart spoke first. She is the chairwoman of the Harbour Trust.")
    assert ("Valerie Hart", "chairwoman", "Harbour Trust") in positions(x)
    assert ("Harbour Trust", "Valerie Hart") in pairs(x, "ledBy")


def test_a_pronoun_in_a_subordinate_clause_gets_no_title(extract_text):
    x = extract_text(
        "Tom Reed accused Lord Hale of basing his comments on the first months, when he was cabinet secretary."
    )
    assert not positions(x)


@pytest.mark.parametrize(
    "text",
    [
        # a title in the apposition after a description, past a parenthesis after the name
        "Charles Hale (July 24, 1893 – October 27, 1956) was an American sociologist and college "
        "administrator, the first black president of Eastfield University, and a lifelong advocate.",
        # words describing the organisation before its name
        "Charles Hale was an American sociologist, the first president of historically black Eastfield University.",
    ],
)
def test_titles_after_descriptions(extract_text, text):
    x = extract_text(text)
    assert ("Eastfield University", "Charles Hale") in pairs(x, "ledBy")
    assert all("historically" not in (t or "") for _, t, _ in positions(x))


def test_an_organisation_named_by_it_is_founded_by(extract_text):
    x = extract_text(
        "The Harbour Action is a political party in Eastland. It was established in 1994 by the then "
        "president Tom Reed and is a centrist party."
    )
    assert ("Harbour Action", "Tom Reed") in pairs(x, "ledBy")


def test_a_leading_role_noun_leads(extract_text):
    x = extract_text(
        "Tom Reed is a general. Previously he was the de facto head of government as leader of the "
        "Harbour Council for Peace."
    )
    assert ("Harbour Council for Peace", "Tom Reed") in pairs(x, "ledBy")


@pytest.mark.parametrize(
    "text",
    [
        "Tom Reed served as a lieutenant commander in the Eastland Navy during the war.",
        "Tom Reed was appointed a Knight Commander of the Order of St Ives in 1901.",
        "Tom Reed was deputy leader of the Harbour Party.",
    ],
)
def test_roles_that_lead_nothing(extract_text, text):
    assert not pairs(extract_text(text), "ledBy")


def test_its_leader_after_sentences_about_it(extract_text):
    x = extract_text(
        "The Harbour Action is a party in Eastland. In 2002, the Harbour Action was the main party in the "
        "Blue alliance. It left this alliance and won 11 seats. In the 2006 election, its leader Dan Moss ran "
        "as the only candidate."
    )
    assert ("Harbour Action", "Dan Moss") in pairs(x, "ledBy")


def test_the_one_moved_to_a_team_is_its_member(extract_text):
    x = extract_text(
        "Tom Reed is a lawyer. In 2013, he was signed by Chelsea, who subsequently loaned him to Vitesse "
        "Arnhem, Everton and Malaga."
    )
    assert {("Tom Reed", "Vitesse Arnhem"), ("Tom Reed", "Everton")} <= pairs(x, "memberOf")
    assert not any(o == "Tom Reed" for o, _ in pairs(x, "ledBy"))


def test_a_deal_signed_with_a_team(extract_text):
    x = extract_text("Tom Reed is a footballer. In 2012 he signed a two-year deal with Harbour Thistle.")
    assert ("Tom Reed", "Harbour Thistle") in pairs(x, "memberOf")
    assert not pairs(extract_text("Tom Reed played a concert for the Harbour Trust."), "memberOf")


def test_the_one_served_under_leads(extract_text):
    x = extract_text(
        "Kim Moss is a politician. She was deputy leader of the Harbour Party under Tom Reed, between 2007 and 2014."
    )
    assert ("Harbour Party", "Tom Reed") in pairs(x, "ledBy")
    assert ("Harbour Party", "Kim Moss") not in pairs(x, "ledBy")


def test_a_town_in_brackets_after_a_name_is_no_organisation_of_the_person(extract_text):
    x = extract_text("The motion was opposed by Dan Moss (Leeds) and by Tom Reed (Harbour Trust).")
    assert pairs(x, "memberOf") == {("Tom Reed", "Harbour Trust")}


def test_a_person_who_signs_a_petition_recruits_nobody(extract_text):
    assert not pairs(extract_text("Tom Reed signed Dan Moss's petition in 2004."), "memberOf")


def test_a_speaker_after_an_organisation_and_a_colon_is_no_member(extract_text):
    assert not pairs(extract_text("The statement of the Harbour Trust: Tom Reed said it was wrong."), "memberOf")


def test_the_leader_of_another_conjunct_is_not_the_named_ministers(extract_text):
    x = extract_text(
        "The plan won praise from the country's Prime Minister Ann Lee as well as the Leader of the Harbour Party "
        "Tom Reed."
    )
    assert ("Ann Lee", "Harbour Party") not in pairs(x, "memberOf")
    assert ("Harbour Party", "Ann Lee") not in pairs(x, "ledBy")


@pytest.mark.parametrize("nation", ["England", "Wales", "France"])
def test_a_nation_played_for_is_its_national_side_not_a_club(extract_text, nation):
    x = extract_text(f"Tom Reed played for {nation} and Harbour City.")
    assert pairs(x, "memberOf") == {("Tom Reed", "Harbour City")}


def test_a_party_adjective_before_a_name_of_something_else_makes_no_member(extract_text):
    x = extract_text("She spoke at two Democratic National Conventions and at the Harbour Trust.")
    assert not pairs(x, "memberOf")


@pytest.mark.parametrize(
    "text",
    [
        "The deal with Harbour Motors was celebrated by Brightwater's newly-appointed chief executive Tom Reed.",
        "The deal with Harbour Motors was celebrated by Brightwater's newly appointed chief executive Tom Reed.",
    ],
)
def test_a_possessor_before_a_participle_and_a_title_owns_it(extract_text, text):
    assert relations(extract_text(text)) == {
        ("Tom Reed", "holdsPosition", "Brightwater", "chief executive"),
        ("Brightwater", "ledBy", "Tom Reed", None),
        ("Tom Reed", "memberOf", "Brightwater", None),
    }


@pytest.mark.parametrize(
    "text, org, title",
    [
        (
            '"I think so," said Tom Reed, chairman of Save Our Harbour - a group fighting closures.',
            "Save Our Harbour",
            "chairman",
        ),
        (
            "Tom Reed, leader of the Harbour Party in the assembly, claimed that rents would rise.",
            "Harbour Party",
            "leader",
        ),
    ],
)
def test_an_apposition_title_ends_with_its_organisation(extract_text, text, org, title):
    assert relations(extract_text(text)) == {
        ("Tom Reed", "holdsPosition", org, title),
        (org, "ledBy", "Tom Reed", None),
        ("Tom Reed", "memberOf", org, None),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        # a capitalised office of state is named by its portfolio: no organisation employs it
        (
            "Save the Regiments will field a candidate against Armed Forces Minister Tom Reed in Eastwick.",
            {("Tom Reed", "holdsPosition", None, "Armed Forces Minister")},
        ),
        # a minister at a department, and a party's minister, keep their organisation
        (
            "Tom Reed, a Cabinet Office minister, arrived.",
            {
                ("Tom Reed", "holdsPosition", "Cabinet Office", "minister"),
                ("Tom Reed", "memberOf", "Cabinet Office", None),
            },
        ),
        (
            "Tory Minister Tom Reed said no.",
            {("Tom Reed", "holdsPosition", "Tory", "Minister"), ("Tom Reed", "memberOf", "Tory", None)},
        ),
    ],
)
def test_an_office_of_state_named_by_its_portfolio(extract_text, text, expected):
    assert relations(extract_text(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Shadow Secretary of State for the Family, Ann Hale, said no.",
            {("Ann Hale", "holdsPosition", None, "Shadow Secretary of State for the Family")},
        ),
        (
            "Tom Reed, Secretary of State for Harbours, said no.",
            {("Tom Reed", "holdsPosition", None, "Secretary of State for Harbours")},
        ),
        (
            "Also due to attend are US Secretary of State Ann Hale and others.",
            {("Ann Hale", "holdsPosition", "US", "Secretary of State")},
        ),
        ("The Lord Chief Justice, Lord Hale, said no.", {("Lord Hale", "holdsPosition", None, "Lord Chief Justice")}),
    ],
)
def test_offices_named_whole(extract_text, text, expected):
    """ "Secretary of State", "Lord Chief Justice": one office's name, its State no organisation."""
    assert relations(extract_text(text)) == expected


def test_a_party_the_ner_calls_people_with_its_article_is_the_party(extract_text):
    # the NER calls "the Lib Dems" a person; with "Lib Dem" it is one party, whose president is named
    x = extract_text(
        "Mr Reed will also attack the Lib Dems for wanting to abolish faith schools. "
        "Lib Dem president Kim Moss branded Mr Reed arrogant."
    )
    assert relations(x) == {
        ("Kim Moss", "holdsPosition", "Lib Dem", "president"),
        ("Lib Dem", "ledBy", "Kim Moss", None),
        ("Kim Moss", "memberOf", "Lib Dem", None),
    }


def test_an_acronym_before_an_organisations_name_is_part_of_it(extract_text):
    # the NER names only "Paribas"
    x = extract_text("Aviation analyst Tom Reed of HBC Paribas described the results as modest.")
    assert relations(x) == {
        ("Tom Reed", "holdsPosition", "HBC Paribas", "Aviation analyst"),
        ("Tom Reed", "memberOf", "HBC Paribas", None),
    }


@pytest.mark.parametrize(
    "text, org, title",
    [
        (
            "The Harbour Trust met on Monday. The organisation's president, Tom Reed, said it would appeal.",
            "Harbour Trust",
            "president",
        ),
        (
            "The Harbour Committee met on Monday. The committee's chairman, Tom Reed, said it would appeal.",
            "Harbour Committee",
            "chairman",
        ),
    ],
)
def test_an_organisation_referred_to_by_description_owns_the_title(extract_text, text, org, title):
    assert relations(extract_text(text)) == {
        ("Tom Reed", "holdsPosition", org, title),
        (org, "ledBy", "Tom Reed", None),
        ("Tom Reed", "memberOf", org, None),
    }


def test_a_description_whose_word_no_organisation_has_owns_nothing(extract_text):
    x = extract_text("The Harbour Trust met on Monday. The committee's chairman, Tom Reed, said it would appeal.")
    assert relations(x) == {("Tom Reed", "holdsPosition", None, "chairman")}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Labour frontbencher Tom Reed said the plan was fair.",
            {("Tom Reed", "holdsPosition", "Labour", "frontbencher"), ("Tom Reed", "memberOf", "Labour", None)},
        ),
        (
            "Tory peer Lord Hale said the plan was fair.",
            {("Lord Hale", "holdsPosition", "Tory", "peer"), ("Lord Hale", "memberOf", "Tory", None)},
        ),
        ("His Republican rival Tom Reed said no.", {("Tom Reed", "memberOf", "Republican", None)}),
        ("Fellow Tory Tom Reed said the plan was a mess.", {("Tom Reed", "memberOf", "Tory", None)}),
    ],
)
def test_party_offices_and_party_members(extract_text, text, expected):
    """A party's frontbencher or peer, a party adjective before "rival", "fellow Tory X"."""
    assert relations(extract_text(text)) == expected


def test_a_places_police_is_an_organisation(extract_text):
    x = extract_text("Ann Lee, a spokeswoman for Harbourshire police, said two men were held.")
    assert relations(x) == {
        ("Ann Lee", "holdsPosition", "Harbourshire police", "spokeswoman"),
        ("Ann Lee", "memberOf", "Harbourshire police", None),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Tom Reed, the minister for housing, planning and local government, said no.",
            {("Tom Reed", "holdsPosition", None, "minister for housing, planning and local government")},
        ),
        # two appositions, each a title of its own
        (
            "Tom Reed, spokesman for health, and Ann Lee, spokeswoman for transport, said no.",
            {
                ("Tom Reed", "holdsPosition", None, "spokesman for health"),
                ("Ann Lee", "holdsPosition", None, "spokeswoman for transport"),
            },
        ),
    ],
)
def test_a_portfolio_listed_past_a_comma_is_the_titles(extract_text, text, expected):
    assert relations(extract_text(text)) == expected


def test_a_plural_title_before_a_list_of_names_is_each_ones(extract_text):
    x = extract_text("Among those with doubts were senior shadow cabinet members Tom Reed, Ann Lee and Kim Moss.")
    assert relations(x) == {
        (name, "holdsPosition", None, "senior shadow cabinet member") for name in ("Tom Reed", "Ann Lee", "Kim Moss")
    }


def test_a_partys_hopefuls_listed_are_its_members(extract_text):
    x = extract_text(
        "He will visit to support Tory Parliamentary hopefuls Tom Reed and Ann Lee - the first to run in Eastwick."
    )
    assert relations(x) == {
        ("Tom Reed", "holdsPosition", "Tory", "Parliamentary hopeful"),
        ("Ann Lee", "holdsPosition", "Tory", "Parliamentary hopeful"),
        ("Tom Reed", "memberOf", "Tory", None),
        ("Ann Lee", "memberOf", "Tory", None),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        # a band's name the NER calls a person, before a band role and a person's name
        ("Crimson Harbour drummer Ann Hale left the band in May.", {("Ann Hale", "Crimson Harbour")}),
        # a team's name after "former", typed a person by the NER
        ("The bill was drafted by former Harbour Rovers striker Jim Moss.", {("Jim Moss", "Harbour Rovers")}),
        # a name of words the NER misses, opening the sentence
        ("Fall Back North bassist Tom Reed explained the plan.", {("Tom Reed", "Fall Back North")}),
        # a nationality, a capitalised opening word and a list of people name no group
        ("Welsh singer Ann Hale said she would tour.", set()),
        ("Pop singer Ann Hale said she would tour.", set()),
        ("The band was formed by Tom Reed and singer Ann Hale.", set()),
    ],
)
def test_the_name_before_a_band_or_team_role_is_the_group(extract_text, text, expected):
    x = extract_text(text)
    assert pairs(x, "memberOf") == expected
    people = {e.label for e in x.entities if e.type == "Person"}
    assert not {org for _, org in expected} & people


def test_a_role_that_opens_its_sentence_after_a_capitalised_word_names_no_group(nlp):
    """The parser may cut a sentence between a capitalised word and a team's role noun
    ("... Harbour | forward Jim Moss"); there is then no name before the role, and the article
    still builds (an empty mention once stopped the whole build)."""
    from newsgraph.extract.input.reader import _article
    from newsgraph.extract.pipeline import extract_doc

    article = _article("t.txt", "t.txt", "Fans cheered Harbour forward Jim Moss after the match.", "txt", "utf-8")
    doc = nlp.make_doc(article.text)
    doc[3].is_sent_start = True  # the cut a parser made on a real article, set here by hand
    for _, component in nlp.pipeline:
        doc = component(doc)
    x = extract_doc(doc, article)
    assert {(e.label, e.type) for e in x.entities if e.type == "Person"} == {("Jim Moss", "Person")}
    assert not x.facts


@pytest.mark.parametrize(
    "text, expected",
    [
        # the group named before by its kind noun; both conjoined roles
        (
            '"Harbour Song" is a song by the English rock group Blue Owls. Guitarist Tom Reed and singer '
            "Ann Hale began writing it in 1975.",
            {("Tom Reed", "Blue Owls"), ("Ann Hale", "Blue Owls")},
        ),
        # the group defined as a band
        ("Blue Owls are a folk band from Leeds. Drummer Tom Reed left the band in 2004.", {("Tom Reed", "Blue Owls")}),
        # two groups named before: which one is not said
        ("The rock band Blue Owls and the folk group Red Hens played. Singer Tom Reed said it was loud.", set()),
        # a nationality makes the role a kind of artist, no band's
        ("The folk band Blue Owls played in Leeds. Welsh singer Ann Hale said it was loud.", set()),
        # "member" alone does not say of what
        ("The folk band Blue Owls played in Leeds. Council member Ann Hale said it was loud.", set()),
    ],
)
def test_a_band_role_that_names_no_band_is_a_role_in_the_band_named_before(extract_text, text, expected):
    assert pairs(extract_text(text), "memberOf") == expected
