"""Coreference: who a pronoun or description stands for, one error class a test, through the
pinned model. Every sentence is invented, in the shape of an error seen on real news."""

from __future__ import annotations

import pytest

from newsgraph.extract.mentions.coref import first_names, pronoun_gender


def speakers(x, needle: str) -> tuple[str | None, str | None]:
    """(speaker label, speaker rule) of the quote holding ``needle``."""
    labels = {e.key: e.label for e in x.entities}
    for q in x.quotes:
        if needle in q.text:
            return labels.get(q.speaker or ""), q.speaker_rule
    raise AssertionError(f"no quote holds {needle!r}: {[q.text for q in x.quotes]}")


def test_a_pronoun_agrees_in_gender_with_its_person(extract_text):
    x = extract_text(
        "Dana Whitefeather is new to advocacy work. She said the letter was her idea. "
        "The victim, Tom Okafor, was not at the hearing. “We need trust,” she said.\n"
    )
    assert speakers(x, "We need trust") == ("Dana Whitefeather", "pronoun")


def test_an_honorific_outvotes_the_first_name(extract_text):
    # "Jordan" is a man's name more often than not; "Ms" says otherwise
    x = extract_text(
        "Ms Jordan Pike chairs the residents' group. Mr Alan Reed owns the quarry. "
        "Ms Pike wrote to the council. “The dust is everywhere,” she said.\n"
    )
    assert speakers(x, "The dust") == ("Jordan Pike", "pronoun")


def test_the_main_clauses_subject_outranks_the_people_it_reports(extract_text):
    x = extract_text(
        "Councillor Archy Pell, who chairs the housing committee, said that when Mr Jones had announced "
        "Mr Smith was leaving he got the impression the chief was retiring. "
        "He added it would be “premature to say more”.\n"
    )
    assert speakers(x, "premature") == ("Archy Pell", "pronoun")


def test_he_in_a_reported_clause_is_the_reporter(extract_text):
    x = extract_text(
        "Harold Quint spoke for an hour about the agency. Its chief, Doug Pratt, left in May. "
        "But Tory MP Nigel Ashdown said he was amazed Mr Pratt was still in his job. "
        "“We were led to believe he was going,” he said.\n"
    )
    assert speakers(x, "led to believe") == ("Nigel Ashdown", "pronoun")


def test_a_salient_person_is_not_lost_to_a_name_in_passing(extract_text):
    x = extract_text(
        "Transport Secretary Ruth Calder set out the plan on Monday. "
        "Speaking on the breakfast show with Martin Lyle, she said the tunnel would open in 2030. "
        "“It will change the city,” she said.\n"
    )
    assert speakers(x, "change the city") == ("Ruth Calder", "pronoun")


def test_a_description_goes_to_the_person_given_that_title(extract_text):
    x = extract_text(
        "Transport Minister Helena Marsh opened the bridge. Robert Kane, a local farmer, watched. "
        "“It took ten years,” the minister said.\n"
    )
    assert speakers(x, "ten years") == ("Helena Marsh", "description-title")


def test_a_modified_title_is_not_the_plain_one(extract_text):
    x = extract_text(
        "Chancellor Gordon Pryce defended the budget on Tuesday. "
        "“This budget has turned to dust,” the shadow chancellor said.\n"
    )
    speaker, _ = speakers(x, "turned to dust")
    assert speaker != "Gordon Pryce"


def test_a_spokesman_is_nobody_named(extract_text):
    x = extract_text(
        "Minister Alan Crowe visited the port on Friday. "
        "“The minister has always backed the port workers,” the spokesman said.\n"
    )
    assert speakers(x, "always backed") == (None, "unresolved")


def test_an_organisation_description_goes_to_an_organisation_of_that_kind(extract_text):
    x = extract_text(
        "The Commons Transport Committee questioned the rail operator Northway Rail on Monday. "
        "“The timetable is close to collapse,” the committee said.\n"
    )
    assert speakers(x, "close to collapse") == ("Commons Transport Committee", "description")


def test_an_organisation_description_goes_to_the_name_that_holds_most_of_its_words(extract_text):
    # both names hold "government"; only one holds "assembly" too, however salient the other
    x = extract_text(
        "The Harbour Assembly Government and the Harbour Local Government Association met on Monday. "
        "The Harbour Local Government Association asked for more money. "
        "The assembly government said the rise was “within reasonable levels”.\n"
    )
    assert speakers(x, "reasonable levels") == ("Harbour Assembly Government", "description")


def test_a_title_before_an_organisations_name_is_the_person_holding_it_there(extract_text):
    # both are leaders: "the Labour leader" is Labour's; with no Green leader named, the Green
    # party itself is the speaker
    x = extract_text(
        "Conservative leader Ann Hale attacked the budget on Monday. Labour leader Tom Reyes defended it. "
        "The Conservative leader said it was “a disgrace”. The Labour leader said it was “a fair deal”. "
        "The Green leader said it was “a missed chance”.\n"
    )
    assert speakers(x, "disgrace") == ("Ann Hale", "description-title")
    assert speakers(x, "fair deal") == ("Tom Reyes", "description-title")
    assert speakers(x, "missed chance") == ("Green", "named-inside")


@pytest.mark.parametrize(("word", "gender"), [("he", "m"), ("His", "m"), ("she", "f"), ("Her", "f"), ("they", None)])
def test_pronoun_gender(word, gender):
    assert pronoun_gender(word) == gender


def test_the_first_name_lexicon_is_shipped_and_decisive():
    names = first_names()
    assert len(names) > 10_000
    assert (names["margaret"], names["thomas"]) == ("f", "m")
    assert all(g in {"m", "f"} for g in names.values())


def test_a_pronoun_after_an_unnamed_spokesperson_is_that_spokesperson(extract_text):
    x = extract_text(
        "Mayor Tom Reyes opened the depot on Monday. A spokeswoman for the council said the buses were late. "
        "“We expect them by June,” she said.\n"
    )
    q = next(q for q in x.quotes if "by June" in q.text)
    assert (q.speaker, q.speaker_rule, q.speaker_text) == (None, "pronoun-description", "A spokeswoman for the council")


def test_a_described_speaker_named_in_apposition_is_the_named_one(extract_text):
    x = extract_text(
        "The Harbour Party's council leader, Nicola Strand, said the pier would reopen. "
        "“The time has come to act,” she said.\n"
    )
    assert speakers(x, "time has come") == ("Nicola Strand", "pronoun")


def test_a_name_the_parser_made_the_root_still_leads_its_sentence(extract_text):
    # the pinned model parses "X, chairman of Y, called on Z ..." with X as the root
    x = extract_text(
        "Mr Howard Vale has said the scheme is being abused. But he claims it can be saved. "
        "Trevor Pollard, chairman of the Commission for Fair Housing, called on Mr Carr to denounce the claim. "
        "“Tell that to the nurses,” he said.\n"
    )
    assert speakers(x, "Tell that") == ("Trevor Pollard", "pronoun")


def test_a_party_in_a_description_names_the_organisation_not_the_title(extract_text):
    x = extract_text(
        "Green leader Michael Hollis attacked the budget. Prime Minister Tony Bright denied it on Wednesday. "
        "The Green leader countered that deals had been struck. He declared: “There are no rules any more.”\n"
    )
    assert speakers(x, "no rules") == ("Michael Hollis", "pronoun")


def test_a_title_the_ner_took_for_a_name_gives_way_to_the_name_beside_it(extract_text):
    x = extract_text(
        "The Lord Chief Justice, Lord Ashby, who is the most senior judge in the land, said it was "
        "Lord Ridley's “pioneering work” which paved the way. Fertility expert Lord Winton said it was “rather good”.\n"
    )
    assert speakers(x, "pioneering") == ("Lord Ashby", "named-apposition")
    assert speakers(x, "rather good") == ("Lord Winton", "named")
    assert "Justice" not in {e.label for e in x.entities}


def test_places_and_organisations_that_speak_stay_what_they_are(extract_text):
    x = extract_text(
        "Rick Vance runs the Eastfield Hunt. His son Tom Vance, a former pupil and joint master of the Eastfield Hunt, "
        "said: “We will ride on Boxing Day whatever the court says.” "
        "Downing Street dismissed the ruling as “a sideshow”.\n"
    )
    types = {e.label: e.type for e in x.entities}
    assert (types["Eastfield Hunt"], types["Downing Street"]) == ("Organization", "Place")
    assert speakers(x, "ride on Boxing Day") == ("Tom Vance", "named-apposition")
    assert speakers(x, "sideshow") == ("Downing Street", "named")


def test_a_church_title_is_a_title(extract_text):
    x = extract_text(
        "Cardinal Sean Hurley-O'Neill led the mass on Sunday. Father Liam Dunne read the lesson. "
        "“We pray for peace,” the cardinal said.\n"
    )
    assert speakers(x, "pray for peace") == ("Sean Hurley-O'Neill", "description-title")


_TIE = """
from newsgraph.extract.nlp import load, prepare_text
from newsgraph.extract.pipeline import extract_doc
from newsgraph.extract.input.reader import _article
text = "The board thanked Tom Reed and Paul Grant on Monday. \\u201cWe will miss them,\\u201d he said.\\n"
a = _article("t.txt", "t.txt", text, "txt", "utf-8")
x = extract_doc(load()(prepare_text(a.text, a.skipped)), a)
labels = {e.key: e.label for e in x.entities}
print([labels.get(q.speaker) for q in x.quotes])
"""


def test_a_tie_in_salience_goes_the_same_way_in_every_run():
    """Two people equally salient: "he" goes to the one named first, whatever Python's string
    hashing (which once ordered the candidates, so a graph changed from run to run)."""
    import os
    import subprocess
    import sys

    runs = {
        subprocess.run(
            [sys.executable, "-c", _TIE],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(4)
    }
    assert runs == {"['Tom Reed']"}


def test_a_name_inside_a_description_put_before_the_pronoun_is_not_the_pronoun(extract_text):
    """ "The daughter of X, she ...": she is the daughter, whoever X is."""
    x = extract_text(
        "Hela Bouri is a writer. The daughter of the politician Sabri Tanko, she was raised in Leeds "
        "and later joined the Harbour Trust."
    )
    labels = {e.key: e.label for e in x.entities}
    members = {(labels[f.subject], labels[f.object]) for f in x.facts if f.predicate == "memberOf"}
    assert members == {("Hela Bouri", "Harbour Trust")}


def test_the_antecedent_of_who_is_a_subject_for_salience(extract_text):
    """ "held by General X, who was appointed ...": X is what the next sentence's "he" is about,
    not a king the text named and described sentences before."""
    x = extract_text(
        "King Alaric granted a constitution in 1932. At first the king deemed it too radical. It was a great "
        "change. The change was welcomed. The post is now held by General Tam Okoro, who was appointed in 2014. "
        "Previously he was the leader of the Harbour Council, since the coup."
    )
    labels = {e.key: e.label for e in x.entities}
    leaders = {(labels[f.subject], labels[f.object]) for f in x.facts if f.predicate == "ledBy"}
    assert leaders == {("Harbour Council", "Tam Okoro")}
