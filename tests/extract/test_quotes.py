"""Quote rules, each on the sentence that motivated it, through the pinned model."""

from __future__ import annotations

import pytest

from newsgraph.extract.quotes.attribution import find_spans


def quotes(x):
    names = {e.key: e.label for e in x.entities}
    return [(q.text, names.get(q.speaker), q.cue, q.speaker_text) for q in x.quotes]


def test_spans_curly_straight_and_unclosed():
    text = 'He said “one two” and "three four".\n\n“Five six seven'
    assert [text[s.start : s.end] for s in find_spans(text)] == ["one two", "three four", "Five six seven"]


def test_continuation_paragraphs_bbc_style():
    text = "“First paragraph goes on\n\n“and the second ends,” he said."
    spans = find_spans(text)
    assert [s.continues for s in spans] == [False, True]
    assert text[spans[1].start : spans[1].end] == "and the second ends,"


def test_apostrophes_do_not_open_quotes():
    assert find_spans("The regime’s leader and the people’s demands") == []


@pytest.mark.parametrize(
    "text, quote, speaker, cue",
    [
        # speaker before, colon
        (
            "The MEK said: “Not only did the students march, they also organised the strike committees.”",
            "Not only did the students march, they also organised the strike committees.",
            "MEK",
            "said",
        ),
        # speaker after the closing mark
        (
            "“Last winter, some regrettable things happened in the southern ports,” Eshagh Jahangiri acknowledged.",
            "Last winter, some regrettable things happened in the southern ports,",
            "Eshagh Jahangiri",
            "acknowledged",
        ),
        # inverted
        (
            '"We will appeal this ruling at once," said Robert Kane, the managing director.',
            "We will appeal this ruling at once,",
            "Robert Kane",
            "said",
        ),
        # X told Y: ...
        (
            "Ahmad Naderi, one of the regime’s officials, told the state-run daily newspaper Resalat: "
            "“I am worried about what the price rises will do to the provinces.”",
            "I am worried about what the price rises will do to the provinces.",
            "Ahmad Naderi",
            "told",
        ),
    ],
)
def test_speaker_and_cue(extract_text, text, quote, speaker, cue):
    [(got_text, got_speaker, got_cue, _)] = quotes(extract_text(text))
    assert (got_text, got_cue) == (quote, cue)
    assert got_speaker is not None and speaker in got_speaker


def test_speaker_named_in_apposition_chain(extract_text):
    x = extract_text(
        "The regime’s Supreme Leader, Ali Khamenei, repeated the charge in a televised speech, stating "
        "that the MEK had “worked for a whole year” on the protests."
    )
    assert quotes(x)[0][1] == "Ali Khamenei"


def test_pronoun_speaker_is_the_person_named_before(extract_text):
    x = extract_text(
        "Mary Doyle of Save Black Fell said the appeal was expected. Robert Kane was not there. "
        "\n\nDoyle spoke later. “They have the lawyers. We have the valley,” she said."
    )
    [(_, speaker, _, written)] = quotes(x)
    assert (speaker, written) == ("Mary Doyle", "she")


def test_the_role_noun_again_is_the_fuller_description_before_it(extract_text):
    """ "the spokesman" names nobody: the description that introduced him says who he is."""
    x = extract_text(
        "A Harbour Party spokesman said the vote was lost. Ann Lee, the party's leader, was abroad. "
        "“We will ask for a recount,” the spokesman added."
    )
    [(_, speaker, _, written)] = quotes(x)
    assert (speaker, written) == ("Harbour Party", "A Harbour Party spokesman")


def test_newspaper_description_resolves_to_the_named_paper(extract_text):
    x = extract_text(
        "On the same day, the state-run daily newspaper Vatan Emrouz wrote on its front page, "
        "“The officials in the capital have not understood how tired the provinces are.”"
    )
    assert quotes(x)[0][1] == "Vatan Emrouz"


def test_possessor_of_a_description_speaks(extract_text):
    x = extract_text(
        "In a statement on Friday, MEK Iran’s representatives wrote: “The network of units inside "
        "the country has grown every month this year.”"
    )
    [(_, speaker, _, written)] = quotes(x)
    assert speaker == "MEK Iran" or speaker == "MEK"
    assert written == "MEK Iran’s representatives"


def test_unclosed_quote_ends_at_paragraph_end(extract_text):
    x = extract_text(
        "Mrs. Maryam Rajavi said on Monday: “The silence of the world’s governments has "
        "encouraged the executions to continue.\n\nNext paragraph without quotes."
    )
    [(text, speaker, _, _)] = quotes(x)
    assert text.endswith("to continue.") and speaker == "Maryam Rajavi"


def test_slogans_and_titles_are_not_quotes(extract_text):
    x = extract_text(
        "Banners went up in Tabriz, with slogans that read: “The night will end soon” and "
        "“Bread, work and freedom for all.” The group’s “Free Iran Global Summit” "
        "was held online in July."
    )
    assert quotes(x) == []


def test_scare_quotes_are_not_quotes(extract_text):
    x = extract_text("Nurses took a “central role” in the strike, which observers found “unusual”.")
    assert quotes(x) == []


def test_reported_speech_is_a_claim(extract_text):
    x = extract_text("Mary Doyle of Save Black Fell said that the appeal had been expected for weeks.")
    names = {e.key: e.label for e in x.entities}
    [(text, who, cue)] = [(c.text, names[c.speaker], c.cue) for c in x.claims]
    assert text == "the appeal had been expected for weeks" and who == "Mary Doyle" and cue == "said"


def test_speaker_as_written_keeps_the_apposition(extract_text):
    x = extract_text(
        "Helena Marsh, the general secretary of the Coastal Transport Union, said: "
        "“Our members have waited eighteen months for a fair offer.”"
    )
    [(_, speaker, _, written)] = quotes(x)
    assert speaker == "Helena Marsh"
    assert written == "Helena Marsh, the general secretary of the Coastal Transport Union"


def test_dash_after_the_closing_mark_names_the_speaker(extract_text):
    x = extract_text("“We were never asked what the valley needs, not once in ten years.” ― Carla Mendes\n")
    [(_, speaker, cue, written)] = quotes(x)
    assert (speaker, cue, written) == ("Carla Mendes", "―", "Carla Mendes")


def test_cue_opening_the_next_sentence(extract_text):
    x = extract_text(
        "“Does anybody here know what the transport plan of the council is?” Penrose asked. Nobody answered him."
    )
    [(_, speaker, cue, _)] = quotes(x)
    assert (speaker, cue) == ("Penrose", "asked")


def test_inverted_said_before_a_colon(extract_text):
    x = extract_text("The budget has been criticised. Said Ellis: “I do not get the sense they care about it at all.”")
    [(_, _, cue, written)] = quotes(x)
    assert cue == "Said" and written == "Ellis"


def test_sentence_before_ends_on_its_cue(extract_text):
    x = extract_text(
        "The council may wait until the spring, Tomas Reyes said. “The other factor is money, "
        "and nobody in this building wants to talk about it.”"
    )
    [(_, speaker, cue, _)] = quotes(x)
    assert (speaker, cue) == ("Tomas Reyes", "said")


def test_long_quote_later_in_the_paragraph_keeps_the_speaker(extract_text):
    x = extract_text(
        "“This just is not right,” Marsh said. “You squeezed the dockers to the breaking point "
        "for years” to lift the dividend, she said. “You went on television to blame forty "
        "crane drivers” for the delays."
    )
    assert [q[1] for q in quotes(x)] == ["Marsh", "Marsh", "Marsh"]


def test_straight_quote_reopened_without_closing_bbc_style():
    text = 'Ms Roe said: "We have doubled the pay, we have taken it to 26 weeks. "We are going to extend it." She left.'
    assert [text[s.start : s.end] for s in find_spans(text)] == [
        "We have doubled the pay, we have taken it to 26 weeks.",
        "We are going to extend it.",
    ]


def test_a_cue_ending_a_sentence_that_holds_a_quote_does_not_take_the_next_one(extract_text):
    x = extract_text(
        "“Our work is on the ballot,” Mayor Ann Lee said at the dinner, where Tom Reyes also spoke. "
        "“Justice is on the ballot. Fairness is on the ballot.”\n"
    )
    labels = {e.key: e.label for e in x.entities}
    q = next(q for q in x.quotes if q.text.startswith("Justice"))
    assert labels[q.speaker] == "Ann Lee"


@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_quote_after_reported_speech_is_the_reporters(extract_text, gap):
    x = extract_text(
        "Fertility expert Lord Winston said it was “rather good” that ministers held views. "
        "Ann Weyman, chief executive of the Family Trust, said teaching pupils about money was key."
        f"{gap}“Young people must be told about all the issues, which include debt and saving.”\n"
    )
    labels = {e.key: e.label for e in x.entities}
    q = next(q for q in x.quotes if q.text.startswith("Young people"))
    assert labels.get(q.speaker or "") == "Ann Weyman"


def test_a_speaker_found_by_nearness_is_written_with_the_title_before_the_name(extract_text):
    x = extract_text(
        "“We will get justice in this case,” Harbour police Chief Ann Lorca said Monday after the hearing.\n"
    )
    q = next(q for q in x.quotes if "justice" in q.text)
    assert q.speaker_text is not None and "Chief Ann Lorca" in q.speaker_text


@pytest.mark.parametrize(
    "sentence",
    [
        "In a speech in May, Senator Ada Kell attacked “the cruel logic of a budget that punishes the poor.”",
        "Senator Ada Kell characterized the plan as “a little desperate, a scheme with no money behind it.”",
    ],
)
def test_words_quoted_after_a_verb_of_judging_are_the_subjects(extract_text, sentence):
    x = extract_text(sentence + "\n")
    labels = {e.key: e.label for e in x.entities}
    assert [labels.get(q.speaker or "") for q in x.quotes] == ["Ada Kell"]


def test_a_cue_in_a_prepositional_phrase_reports_the_clause_it_modifies(extract_text):
    x = extract_text(
        "Ada Kell spent the week in hospital. After saying her foot was “so swollen I could barely walk,” "
        "she was sent home with a brace.\n"
    )
    labels = {e.key: e.label for e in x.entities}
    assert [labels.get(q.speaker or "") for q in x.quotes] == ["Ada Kell"]


def test_a_colon_hands_the_words_to_the_subject_whatever_its_verb(extract_text):
    x = extract_text(
        "On July 6, Senator Ada Kell made the following comment:\n\n"
        "“For young people who left school early, the jobless rate is a scandal.”\n"
    )
    labels = {e.key: e.label for e in x.entities}
    assert [labels.get(q.speaker or "") for q in x.quotes] == ["Ada Kell"]


def test_the_possessor_of_a_noun_of_saying_is_the_speaker(extract_text):
    x = extract_text(
        "After the debate the Harbour Post checked Ada Kell's claim that there had been “thousands of complaints” "
        "in the city this year.\n"
    )
    labels = {e.key: e.label for e in x.entities}
    assert [(labels.get(q.speaker or ""), q.speaker_text) for q in x.quotes] == [("Ada Kell", "Ada Kell")]


def test_the_possessor_of_a_noun_of_saying_does_not_speak_words_said_of_it(extract_text):
    x = extract_text("The Harbour Post ruled that Ada Kell's claim was “true,” but added a note.\n")
    assert [s for _, s, _, _ in quotes(x)] == ["Harbour Post"]


def test_the_object_of_a_control_verb_is_the_subject_of_its_cue(extract_text):
    x = extract_text(
        "Ann Lee praised the mayor. All this has led the Harbour Post columnist Ada Kell to fear "
        "“a city run by one family.”\n"
    )
    labels = {e.key: e.label for e in x.entities}
    assert [labels.get(q.speaker or "") for q in x.quotes] == ["Ada Kell"]


def test_wondering_aloud_is_saying(extract_text):
    x = extract_text(
        "The Green candidate has repeatedly wondered whether the moderators will be “fair” to him, "
        "in what analysts described as an old tactic.\n"
    )
    assert [q.speaker_text for q in x.quotes] == ["The Green candidate"]


@pytest.mark.parametrize(
    ("text", "speaker_text"),
    [
        # the subject after its cue, parsed as an object
        (
            "“It will be close,” said one Harbour voter. "
            "“It is his to lose at this point,” added another Harbour voter.",
            "another Harbour voter",
        ),
        # the cue joined to a noun by the parser
        ("He then adopted a fake accent and joked, “I will make it easier for them to laugh at me.”", "He"),
        # a name and a colon, no verb
        ("TURNOUT IS UP IN THE NORTH - Helena Marsh: “At long last the first contest is over.”", "Helena Marsh"),
    ],
)
def test_speakers_the_parse_hides(extract_text, text, speaker_text):
    x = extract_text(text + "\n")
    assert x.quotes[-1].speaker_text == speaker_text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'A candidate for the Harbour Party has quit after admitting a "brief sympathy" for the Red League. '
            "Tom Reddle, who had been chosen to fight the Eastfield seat, resigned on Monday.",
            "Tom Reddle",
        ),
        (
            'Meanwhile, Spain\'s finance minister has said the world faced "a long slump" unless banks acted. '
            "Carlos Ferrandiz said he would raise the issue in March.",
            "Carlos Ferrandiz",
        ),
        # the next sentence names someone with another title: a new speaker, not the spokesman
        (
            'A spokesman for the ministry said the plan was "sound and fair". '
            "Opposition leader Jane Dorrit said it was a disaster.",
            None,
        ),
    ],
)
def test_a_person_described_before_being_named_is_the_name_the_next_sentence_gives(extract_text, text, speaker):
    assert [s for _, s, _, _ in quotes(extract_text(text + "\n"))] == [speaker]


def test_a_quote_and_a_claim_mention_the_entities_their_words_name(extract_text):
    x = extract_text(
        "Dana Holt, the mayor of Eastfield, said: “The Harbour Trust has failed Northfield and me.” "
        "Tom Reed said that the Harbour Trust would answer Dana Holt within a week."
    )
    label = {e.key: e.label for e in x.entities}
    [quote] = x.quotes
    assert {label[k] for k in quote.mentions} == {"Harbour Trust", "Northfield"}  # not the speaker herself
    [claim] = x.claims
    assert {label[k] for k in claim.mentions} == {"Harbour Trust", "Dana Holt"}


def test_what_one_said_about_another_is_one_query(nlp):
    import newsgraph

    kg = newsgraph.build(
        "Dana Holt, the mayor of Eastfield, said: “The Harbour Trust has failed Northfield.” "
        "Later she said: “The Harbour Trust must apologise.”"
    )
    rows = kg.rows(
        "SELECT ?text WHERE { ?who rdfs:label 'Dana Holt' ; ng:said ?q . "
        "?q ng:mentions/rdfs:label 'Harbour Trust' ; ng:text ?text } ORDER BY ?text"
    )
    assert rows == [{"text": "The Harbour Trust has failed Northfield."}, {"text": "The Harbour Trust must apologise."}]


def test_the_pairs_of_entities_one_sentence_names(extract_text):
    x = extract_text("Dana Holt met Tom Reed in Eastfield on Monday. Later Kim Moss arrived.")
    label = {e.key: e.label for e in x.entities}
    assert {tuple(sorted((label[a], label[b]))) for a, b in x.together} == {
        ("Dana Holt", "Tom Reed"),
        ("Dana Holt", "Eastfield"),
        ("Eastfield", "Tom Reed"),
    }


def test_a_subject_the_parser_hung_on_the_quote_speaks(extract_text):
    # the parser makes the name after the closing mark an apposition of a word in the quote,
    # so the cue has no subject; the nearest person before the cue is the one in the apposition
    x = extract_text(
        "The pact has helped poor towns get a bigger share of the market. "
        "“The losers in this new trade deal will be some of the poorest workers in towns such as "
        "Eastfield, Northfield, Sandbay and Harbour,” Dana Holt, an aide to Senator Tom Reyes, said.\n"
    )
    assert [(s, t) for _, s, _, t in quotes(x)] == [("Dana Holt", "Dana Holt, an aide to Senator Tom Reyes")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The Harbour Post quoted Ann Hale as saying: “We will not give up the valley.”", "Ann Hale"),
        (
            "The film showed Mr Tom Reyes, apparently talking about the plan, telling the meeting: "
            "“We will not give up the valley.”",
            "Tom Reyes",
        ),
    ],
)
def test_the_one_a_paper_quotes_or_a_film_shows_saying_it_speaks(extract_text, text, speaker):
    assert [s for _, s, _, _ in quotes(extract_text(text + "\n"))] == [speaker]


def test_a_quote_going_on_from_someone_elses_reported_speech_is_theirs(extract_text):
    x = extract_text(
        "Tom Reyes was heard saying he was tired of “defending these people”. Mr Reyes separately said he "
        "had argued against the plan. A Harbour Party spokesman said there were more than 40 members in the "
        "group. They were from a broad spectrum but with a shared belief in the “unfeasibility of the union "
        "as it is now”.\n"
    )
    assert [(s, t) for _, s, _, t in quotes(x)] == [
        ("Tom Reyes", "Tom Reyes"),
        ("Harbour Party", "A Harbour Party spokesman"),
    ]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "The Eastfield Council lost the vote on Monday. Council officials said the new rules were "
            "“unfair to every small trader in the town”.",
            "Eastfield Council",
        ),
        (
            "The Harbour Executive lost the appeal. Executive lawyers said the ruling was "
            "“a blow to every family in the valley”.",
            "Harbour Executive",
        ),
    ],
)
def test_a_body_named_by_the_last_word_of_its_name_speaks(extract_text, text, body):
    assert [s for _, s, _, _ in quotes(extract_text(text + "\n"))] == [body]


def test_she_after_an_organisations_spokeswoman_is_that_spokeswoman(extract_text):
    # the parser hangs "A" on the organisation's name, so the role noun has no article of its own
    x = extract_text(
        "Lord Hale said he wanted to set the rule. A Department for Rural Affairs spokeswoman said "
        "Lord Hale and Lady Penn agreed about what happened. “Their dispute is about a very narrow "
        "point, in Lord Hale's words,” she said.\n"
    )
    assert [(s, t) for _, s, _, t in quotes(x)] == [(None, "A Department for Rural Affairs spokeswoman")]


def test_a_subject_the_parser_hung_on_the_auxiliary_speaks(extract_text):
    # "he did, for once, say": the parser makes "he" the subject of "did", not of "say"
    x = extract_text(
        "Tom Reyes spoke for an hour at the hall. But he did, for the first time, say there would be "
        "“real cuts in every town and village”.\n"
    )
    assert [(s, t) for _, s, _, t in quotes(x)] == [("Tom Reyes", "he")]


def test_who_issues_a_statement_says_the_words_it_governs(extract_text):
    x = extract_text(
        "On Wednesday the Harbour Trust moved to calm the markets. It issued a statement that "
        "“the trust will not sell any of its land this year”.\n"
    )
    assert [s for _, s, _, _ in quotes(x)] == ["Harbour Trust"]
