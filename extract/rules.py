"""The registry of extraction rules: each rule's name, confidence and motivating sentence.

A rule's name is what the graph records as ``ng:method`` (a quote's method is
``cue-<speaker rule>`` or ``claim-<speaker rule>`` when a reporting cue found the speaker; a
derived fact's method chains its rules: ``apposition-after+leader-title``). The confidence of
a quote, claim, fact or entity comes from the rule that made it, from here and nowhere else.
Every rule's example is an invented sentence of the shape the rule reads; the test suite runs
each one through the pinned model and checks that the rule fires on it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """One extraction rule.

    Attributes:
        name: the ``ng:method`` value (or its part in a chained method).
        kind: ``speaker`` (who a quote's or claim's subject is), ``quote`` (how a quote without
            a cue of its own gets its speaker), ``claim``, ``fact`` or ``entity``.
        confidence: the confidence of what the rule makes (for ``claim``, a factor on the
            speaker rule's confidence).
        example: an invented sentence of the shape the rule reads.
        unlinked_confidence: the confidence when the speaker found is no entity, if lower.
        leader_is_member: a ledBy this rule reads by a verb ("X heads Y", "deputy leader of Y
            under X") makes its leader a member too (``derive.members_of_leaders``).
        joined: ``team`` when what the rule's member joins is a team whatever the NER called it
            ("played for Harbour City"), ``party`` when it is a party ("elected as a Whig"), or
            None. Either makes the joined name an organisation the document may lack, and
            counts towards typing it one.
    """

    name: str
    kind: str
    confidence: float
    example: str
    unlinked_confidence: float | None = None
    leader_is_member: bool = False
    joined: str | None = None


_ALL = (
    # -- speakers: the subject of a reporting cue, resolved to an entity -------------------------
    Rule(
        "named",
        "speaker",
        0.9,
        "Helena Marsh said: “Our members have waited eighteen months for an offer.”",
    ),
    Rule(
        "named-apposition",
        "speaker",
        0.9,
        "The union’s general secretary, Helena Marsh, said: “We have waited eighteen months for a fair offer.”",
    ),
    Rule(
        "named-inside",
        "speaker",
        0.8,
        "In a statement on Friday, Harbour Trust’s lawyers wrote: “The pier has been closed without any reason.”",
    ),
    Rule(
        "named-short",
        "speaker",
        0.85,
        "Dana Whitefeather runs the shelter in Eastfield. Whitefeather, tired, said: “We need trust and money.”",
    ),
    Rule(
        "named-colon",
        "speaker",
        0.8,
        "TURNOUT IS UP IN THE NORTH - Helena Marsh: “At long last the first contest is over.”",
    ),
    Rule(
        "pronoun",
        "speaker",
        0.7,
        "Mary Doyle of Save Black Fell was at the hearing. “They have the lawyers. We have the valley,” she said.",
    ),
    Rule(
        "pronoun-group",
        "speaker",
        0.55,
        "The Harbour Trust met on Monday night. “We will reopen the pier before the summer,” it said.",
    ),
    Rule(
        "description",
        "speaker",
        0.6,
        "Fellside Mining lost the appeal. The company said: “We will take the case to the High Court.”",
    ),
    Rule(
        "description-person",
        "speaker",
        0.55,
        "Robert Kane arrived late. “We will take the case to the High Court in the spring,” the director said.",
    ),
    Rule(
        "description-title",
        "speaker",
        0.65,
        "Transport Minister Helena Marsh opened the bridge. Robert Kane watched. "
        "“It took ten years,” the minister said.",
    ),
    Rule(
        "pronoun-description",
        "speaker",
        0.5,
        "Mayor Tom Reyes opened the depot. A spokeswoman for the council said the buses were late. "
        "“We expect them by June,” she said.",
    ),
    Rule(
        "description-before",
        "speaker",
        0.55,
        "A Harbour Party spokesman said the vote was lost. “We will ask for a recount,” the spokesman added.",
    ),
    Rule(
        "description-named-next",
        "speaker",
        0.55,
        "A candidate for the Harbour Party said he felt a “brief sympathy” for them. Tom Reddle quit on Monday.",
    ),
    Rule("unresolved", "speaker", 0.5, "“We were never asked what the valley needs, not once,” the neighbours said."),
    Rule(
        "nearest-person",
        "speaker",
        0.6,
        "The budget has been criticised. Said Ellis: “I do not get the sense they care about it at all.”",
    ),
    # -- quotes without a cue of their own ------------------------------------------------------
    Rule(
        "dash-attribution",
        "quote",
        0.85,
        "“We were never asked what the valley needs, not once in ten years.” ― Carla Mendes\n",
        unlinked_confidence=0.6,
    ),
    Rule(
        "continuation",
        "quote",
        0.65,
        "Helena Marsh said: “The offer is too low,\n\n“and our members will not accept it.”",
    ),
    Rule(
        "previous-subject",
        "quote",
        0.6,
        "“We will win,” Tom Reyes said. Senator Ada Kell named exhaustion with unfairness as a reason for hope. "
        "“Young people are sick and tired of discrimination and racism.”",
    ),
    Rule(
        "previous-speaker",
        "quote",
        0.65,
        "“This just is not right,” Marsh said on Monday at the depot. “You squeezed the dockers for years and "
        "nobody here wanted to say it.”",
    ),
    Rule(
        "unattributed",
        "quote",
        0.4,
        "The banner was gone by noon.\n\n“Nobody here was ever asked what the valley needs, not once in ten years.”",
    ),
    # -- reported speech ---------------------------------------------------------------------------
    Rule("claim", "claim", 0.9, "Mary Doyle of Save Black Fell said that the appeal had been expected for weeks."),
    # -- relations --------------------------------------------------------------------------------
    Rule(
        "apposition-after",
        "fact",
        0.85,
        "Robert Kane, the managing director of Fellside Mining, told the Tarrow Gazette that it would appeal.",
    ),
    Rule(
        "copula",
        "fact",
        0.85,
        "Mr Hale is the leader of the Harbour Party, and he wants a new tax.",
    ),
    Rule(
        "copula-pronoun",
        "fact",
        0.75,
        "Valerie Hart spoke first. She is the chairwoman of the Harbour Trust.",
    ),
    Rule(
        "apposition-before",
        "fact",
        0.85,
        "The leader of the Norland Resistance, Tomas Varga, was shown on a large banner.",
    ),
    Rule("title-before-name", "fact", 0.85, "Tory leader Tom Reed said the plan was desperate."),
    Rule(
        "leader-title",
        "fact",
        0.8,
        "The leader of the Norland Resistance, Tomas Varga, was shown on a large banner.",
    ),
    Rule("country-office", "fact", 0.8, "French finance minister Paul Roux said the tax would stay."),
    Rule(
        "bridging",
        "fact",
        0.6,
        "The Harbour Trust said it would appeal. Chief executive Mary Jones said the ruling was wrong.",
    ),
    Rule(
        "name-of-org",
        "fact",
        0.7,
        "Small firms will suffer, said Simon Hale, of the Federation of Harbour Traders.",
    ),
    Rule("speaking-for", "fact", 0.7, "Kim Moss, for the Harbour Party, attacked the budget."),
    Rule("org-possessive", "fact", 0.7, "The Harbour Party's Tom Reed said the budget was a start."),
    Rule("appointed", "fact", 0.85, "Kim Moss was appointed treasurer of the Harbour Trust."),
    Rule("post-nominal", "fact", 0.85, "Fellow guest Ann Hale MP was also hit by the paint."),
    Rule("lead-inverted", "fact", 0.8, "The current president of the Harbour Trust is Tom Reed."),
    Rule("leader-implies-member", "fact", 0.7, "Kim Moss heads the Harbour Trust."),
    Rule("formed-by", "fact", 0.7, "The Blue Owls were formed in 1976 by guitarist Tom Reed and bassist Dan Moss."),
    Rule("member-verb", "fact", 0.7, "Jane Hart joined the Harbour Trust in 1998."),
    Rule("member-verb-prep", "fact", 0.7, "Tom Reed worked for the Harbour Trust for six years."),
    Rule("member-team", "fact", 0.75, "Tom Reed played for Eastfield Rovers for six seasons.", joined="team"),
    Rule("member-career", "fact", 0.7, "Tom Reed began his career with Eastfield Rovers in 1998."),
    Rule("member-passive", "fact", 0.7, "In 2004 Tom Reed was signed by Eastfield Rovers.", joined="team"),
    Rule("member-role", "fact", 0.75, "Kim Moss is a politician for the Green Alliance."),
    Rule(
        "member-transfer",
        "fact",
        0.7,
        "Tom Reed joined Harbour City in 2010. In 2013 the club loaned him to Eastfield Rovers.",
        joined="team",
    ),
    Rule(
        "under-leader",
        "fact",
        0.7,
        "Kim Moss was deputy leader of the Harbour Party under Tom Reed.",
        leader_is_member=True,
    ),
    Rule("member-at", "fact", 0.65, "The bird was named after John Hale, who was a curator at the Eastfield Academy."),
    Rule(
        "member-consist",
        "fact",
        0.7,
        "The Blue Owls are a band formed in 1990 consisting of Tom Reed, Dan Moss and Kim Hale.",
    ),
    Rule("member-inverted", "fact", 0.7, "The pitcher for the Harbour Hawks was Tom Reed."),
    Rule(
        "member-listed",
        "fact",
        0.6,
        "The collective grew out of the Harbour Song League: Ann Lee, Tom Reed, Kim Moss, and Dan Hale.",
    ),
    Rule(
        "member-recruited",
        "fact",
        0.65,
        "The Blue Owls were formed in 1976 by Tom Reed. The band later recruited singer Ann Lee and drummer Kim Moss.",
    ),
    Rule("member-party-as", "fact", 0.7, "Tom Reed was elected as a Whig to the Harbour Council.", joined="party"),
    Rule(
        "member-party-role", "fact", 0.7, "Tom Reed was a Republican member of the Eastfield Assembly.", joined="party"
    ),
    Rule("member-party-name", "fact", 0.65, "The bill was backed by fellow Democrat Mary Hale.", joined="party"),
    Rule("member-party-ticket", "fact", 0.7, "Tom Reed sought the Republican nomination in 1939.", joined="party"),
    Rule(
        "member-party-fronted",
        "fact",
        0.65,
        "Ann Lee is a lawyer. A Republican, she sat on the Harbour County board for a decade.",
        joined="party",
    ),
    Rule("member-compound", "fact", 0.7, "Harbour Echo bassist Dan Moss said the tour would go ahead."),
    Rule(
        "member-band-role",
        "fact",
        0.7,
        "Skyline is an album by the folk band Blue Owls. According to band member Tom Reed, it took a year.",
    ),
    Rule("position-implies-member", "fact", 0.7, "Labour MP Ann Marsh-Holden said she would vote against the bill."),
    Rule(
        "member-title",
        "fact",
        0.85,
        "Kim Moss, member of the Coastal Transport Union (CTU) Executive Committee, gave a briefing in Eastfield.",
    ),
    Rule(
        "part-of",
        "fact",
        0.6,
        "The Coastal Transport Union met on Monday. Tom Reed joined the Coastal Transport Union Executive Committee "
        "in May.",
    ),
    Rule(
        "composite-name",
        "fact",
        0.85,
        "Kim Moss, member of the Coastal Transport Union (CTU) Executive Committee, gave a briefing in Eastfield.",
    ),
    Rule(
        "name-prefix",
        "fact",
        0.75,
        "The Coastal Transport Union met on Monday. The Coastal Transport Union Executive Committee backed the strike.",
    ),
    Rule(
        "led-by",
        "fact",
        0.8,
        "The Valmora Port Authority, which is headed by chief executive Daniel Okafor, called the ruling regrettable.",
        leader_is_member=True,
    ),
    Rule(
        "lead-verb",
        "fact",
        0.75,
        "Sir Tom Hale, who heads Brightwater Foods, said sales had grown.",
        leader_is_member=True,
    ),
    Rule("place-comma-place", "fact", 0.7, "The court in Seville, Spain, sentenced the three students on Monday."),
    Rule("org-in-place", "fact", 0.6, "The Supreme Court in London will hear the appeal in March."),
    # -- entities ---------------------------------------------------------------------------------
    Rule(
        "group-description",
        "entity",
        0.7,
        "Unlike the junta, the NLF promotes women, and the Norland opposition movement is in fact led by a woman, "
        "Lena Varga.",
    ),
    Rule(
        "ambiguous-short-name",
        "entity",
        0.5,
        "Dana Whitefeather and Rob Whitefeather opened the shelter. Whitefeather said it was full.",
    ),
)

RULES: dict[str, Rule] = {r.name: r for r in _ALL}
assert len(RULES) == len(_ALL), "rule names are unique"


def rule(name: str) -> Rule:
    """The rule of this name.

    >>> rule("led-by").confidence
    0.8

    Raises:
        KeyError: no rule has this name.
    """
    return RULES[name]
