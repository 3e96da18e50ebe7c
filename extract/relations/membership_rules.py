"""Memberships and leaders stated by verbs and role nouns, as matcher rules: "X joined Y",
"X played for Y", "X was drafted by Y", "X, a politician for Y", "X founded Y".

Each rule is a record (``engine.MatcherRule``): its spaCy DependencyMatcher patterns and what
their nodes are. Its confidence and invented example sentence are in the registry
(``rules.py``) under the same name; ``members.py`` finds who holds what the nodes name.
Adding a construction is one record here, one registry entry and one exact test row.
"""

from __future__ import annotations

from ..words import (
    BAND_ROLES,
    CAREER_NOUNS,
    LEAD_VERBS,
    LEADER_WORDS,
    MEMBER_NOUNS,
    MEMBER_PASSIVE_PREPOSITIONS,
    MEMBER_PREPOSITIONS,
    MEMBER_VERBS_OBJECT,
    MEMBER_VERBS_PASSIVE,
    MEMBER_VERBS_PREP,
    PARTY_MEMBER_NOUNS,
    PARTY_ROLE_NOUNS,
    RECRUIT_VERBS,
    ROLE_NOUNS,
    ROLE_PREPOSITIONS,
    TEAM_DEALS,
    TEAM_PREPOSITIONS,
    TEAM_ROLES,
    TEAM_VERBS,
    TRANSFER_VERBS,
)
from .engine import MatcherRule

# Patterns keep one node a line: the formatter would spread each over several.
# fmt: off
MATCHER_RULES = (
    # "Jane Hart joined the Harbour Trust in 1998", "In 1997 Tom Reed formed the band Blue
    # Owls with Kim Moss" (who joins or forms a group with the subject joins it too)
    MatcherRule("member-verb", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": MEMBER_VERBS_OBJECT}, "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ],), companions=True),
    # "Tom Reed played for Eastfield Rovers", "She worked at the Harbour Trust", "served in the Navy"
    MatcherRule("member-verb-prep", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": MEMBER_VERBS_PREP}, "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": MEMBER_PREPOSITIONS}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],)),
    # "Tom Reed played for Eastfield Rovers", "In 2009 he signed for Harbour City"; "he signed a
    # two-year deal with Harbour City", "played two seasons for Y" (a deal or a spell between);
    # "played as a midfielder for Y"
    MatcherRule("member-team", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": TEAM_VERBS}, "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "deal",
         "RIGHT_ATTRS": {"DEP": "dobj", "LEMMA": {"IN": TEAM_DEALS}}},
        {"LEFT_ID": "deal", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": TEAM_PREPOSITIONS}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ], [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": TEAM_VERBS}, "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": TEAM_PREPOSITIONS}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ], [
        # "played as a midfielder for Y": the parser hangs "for Y" on the position played
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": TEAM_VERBS}, "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "as", "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "as"}},
        {"LEFT_ID": "as", "REL_OP": ">", "RIGHT_ID": "position", "RIGHT_ATTRS": {"DEP": "pobj", "POS": "NOUN"}},
        {"LEFT_ID": "position", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": TEAM_PREPOSITIONS}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],), team=True),
    # "He began his career with Eastfield Rovers", "a spell at Harbour City"
    MatcherRule("member-career", ([
        {"RIGHT_ID": "role", "RIGHT_ATTRS": {"LEMMA": {"IN": CAREER_NOUNS}}},
        {"LEFT_ID": "role", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": ["with", "at", "for"]}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ], [
        # the parser hangs "with Y" on the verb: "began his career with Y"
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "role",
         "RIGHT_ATTRS": {"DEP": "dobj", "LEMMA": {"IN": CAREER_NOUNS}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": ["with", "at", "for"]}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],)),
    # "He was drafted by the Harbour City Hawks", "She was elected to the Eastfield Council"
    MatcherRule("member-passive", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": MEMBER_VERBS_PASSIVE}, "TAG": "VBN"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"DEP": {"IN": ["agent", "prep"]}, "LOWER": {"IN": MEMBER_PASSIVE_PREPOSITIONS}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],), team=frozenset(TEAM_VERBS)),
    # "Kim Moss is a politician for the Green Alliance", "Tom Reed, a member of the Harbour Trust,"
    MatcherRule("member-role", ([
        {"RIGHT_ID": "role",
         "RIGHT_ATTRS": {"LOWER": {"IN": ROLE_NOUNS}, "DEP": {"IN": ["attr", "appos", "oprd", "conj", "pobj"]}}},
        {"LEFT_ID": "role", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": ROLE_PREPOSITIONS}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],), team=TEAM_ROLES, leading_role=True),
    # "Harbour Echo bassist Dan Moss", "Kim Moss is a Green Alliance politician"
    MatcherRule("member-compound", ([
        {"RIGHT_ID": "role", "RIGHT_ATTRS": {"LOWER": {"IN": MEMBER_NOUNS}}},
        # a nationality is no organisation: "a Welsh singer"
        {"LEFT_ID": "role", "REL_OP": ">", "RIGHT_ID": "org",
         "RIGHT_ATTRS": {"DEP": {"IN": ["compound", "nmod"]}, "ENT_TYPE": {"NOT_IN": ["NORP", "GPE"]}}},
    ], [
        # "The Eastfield Gazette science columnist Dan Moss": a field between them
        {"RIGHT_ID": "role", "RIGHT_ATTRS": {"LOWER": {"IN": MEMBER_NOUNS}}},
        {"LEFT_ID": "role", "REL_OP": ">", "RIGHT_ID": "field",
         "RIGHT_ATTRS": {"DEP": "compound", "POS": "NOUN", "IS_TITLE": False}},
        {"LEFT_ID": "field", "REL_OP": ">", "RIGHT_ID": "org",
         "RIGHT_ATTRS": {"DEP": "compound", "ENT_TYPE": {"NOT_IN": ["NORP", "GPE"]}}},
    ],), adjective_org=True),
    # "The pitcher for the Harbour Hawks was Tom Reed"
    MatcherRule("member-inverted", ([
        {"RIGHT_ID": "role", "RIGHT_ATTRS": {"LOWER": {"IN": MEMBER_NOUNS}, "DEP": "nsubj"}},
        {"LEFT_ID": "role", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "be"}},
        {"LEFT_ID": "role", "REL_OP": ">", "RIGHT_ID": "prep",
         "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": ROLE_PREPOSITIONS}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "person", "RIGHT_ATTRS": {"DEP": "attr"}},
    ],)),
    # "Harbour City loaned him to Eastfield Rovers": the one moved is the member
    MatcherRule("member-transfer", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": TRANSFER_VERBS}, "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "person", "RIGHT_ATTRS": {"DEP": "dobj"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "to"}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],), team=True),
    # "John Hale, who was a curator at the Eastfield Academy": any role noun at an organisation;
    # "Ravi, a gunner in the Eastland Army", "X is a lawyer for the Harbour Trust"
    MatcherRule("member-at", ([
        {"RIGHT_ID": "prep", "RIGHT_ATTRS": {"LOWER": {"IN": ["at", "in", "for"]}, "DEP": "prep"}},
        {"LEFT_ID": "prep", "REL_OP": "<", "RIGHT_ID": "role",
         "RIGHT_ATTRS": {"POS": "NOUN", "DEP": {"IN": ["attr", "appos"]}}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],)),
    # "The band consists of Tom Reed, Dan Moss and Kim Hale"
    MatcherRule("member-consist", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": ["consist", "comprise"]}, "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "of"}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "person", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ],), org="group"),
    # "He was elected as a Whig", "She ran as an Independent"
    MatcherRule("member-party-as", ([
        {"RIGHT_ID": "prep", "RIGHT_ATTRS": {"LOWER": {"IN": ["as"]}, "DEP": "prep"}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org",
         "RIGHT_ATTRS": {"DEP": "pobj", "LOWER": {"IN": PARTY_MEMBER_NOUNS}, "IS_TITLE": True}},
    ],)),
    # "A Republican, she sat on the county board": a party noun put before the subject
    MatcherRule("member-party-fronted", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "org",
         "RIGHT_ATTRS": {"DEP": {"IN": ["npadvmod", "dep", "nsubj"]}, "LOWER": {"IN": PARTY_MEMBER_NOUNS},
                         "IS_TITLE": True}},
        {"LEFT_ID": "org", "REL_OP": ">", "RIGHT_ID": "article", "RIGHT_ATTRS": {"LOWER": {"IN": ["a", "an"]}}},
    ],)),
    # "fellow Democrat Mary Hale", "said Tory Liam Frost": a party noun right before a name
    MatcherRule("member-party-name", ([
        {"RIGHT_ID": "org",
         "RIGHT_ATTRS": {"DEP": {"IN": ["compound", "amod"]},
                         "LOWER": {"IN": [w for w in PARTY_MEMBER_NOUNS if w != "democratic"] + ["tory"]},
                         "IS_TITLE": True}},
        {"LEFT_ID": "org", "REL_OP": "<", "RIGHT_ID": "person", "RIGHT_ATTRS": {"POS": "PROPN"}},
    ],), name_follows=True),
    # "a Republican member of the House", "the Democratic candidate"
    MatcherRule("member-party-role", ([
        {"RIGHT_ID": "role", "RIGHT_ATTRS": {"LOWER": {"IN": PARTY_ROLE_NOUNS}}},
        {"LEFT_ID": "role", "REL_OP": ">", "RIGHT_ID": "org",
         "RIGHT_ATTRS": {"DEP": {"IN": ["amod", "compound"]}, "LOWER": {"IN": PARTY_MEMBER_NOUNS}, "IS_TITLE": True}},
    ],)),
    # "Tom Reed sought the Republican nomination", "she ran on the Democratic ticket": a party's
    # nomination or ticket is its member's
    MatcherRule("member-party-ticket", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "ticket",
         "RIGHT_ATTRS": {"DEP": "dobj", "LEMMA": {"IN": ["nomination", "ticket"]}}},
        {"LEFT_ID": "ticket", "REL_OP": ">", "RIGHT_ID": "org",
         "RIGHT_ATTRS": {"DEP": {"IN": ["amod", "compound"]}, "LOWER": {"IN": PARTY_MEMBER_NOUNS}, "IS_TITLE": True}},
    ], [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "on"}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "ticket",
         "RIGHT_ATTRS": {"DEP": "pobj", "LEMMA": "ticket"}},
        {"LEFT_ID": "ticket", "REL_OP": ">", "RIGHT_ID": "org",
         "RIGHT_ATTRS": {"DEP": {"IN": ["amod", "compound"]}, "LOWER": {"IN": PARTY_MEMBER_NOUNS}, "IS_TITLE": True}},
    ],)),
    # "The Harbour Hawks signed Tom Reed in 2004", "..., later recruiting drummer Kim Moss"
    MatcherRule("member-recruited", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": RECRUIT_VERBS}, "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "person", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ],), org="subject"),
    # "Blue Owls are a folk band. ... Guitarist Tom Reed said", "band member Tom Reed": a band's
    # role before a name that names no group is a role in the band the text named before
    MatcherRule("member-band-role", ([
        {"RIGHT_ID": "role", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(BAND_ROLES)}, "DEP": "compound"}},
        {"LEFT_ID": "role", "REL_OP": "<", "RIGHT_ID": "person", "RIGHT_ATTRS": {"ENT_TYPE": "PERSON"}},
    ],), org="band-before"),
    # "The current president of the Harbour Trust is Tom Reed", "The trust's chairman is Tom Reed"
    MatcherRule("lead-inverted", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "be"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "role",
         "RIGHT_ATTRS": {"DEP": "nsubj", "LOWER": {"IN": sorted(LEADER_WORDS)}}},
        {"LEFT_ID": "role", "REL_OP": ">", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "of"}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "pobj"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "person", "RIGHT_ATTRS": {"DEP": "attr"}},
    ], [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "be"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "role",
         "RIGHT_ATTRS": {"DEP": "nsubj", "LOWER": {"IN": sorted(LEADER_WORDS)}}},
        {"LEFT_ID": "role", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "poss"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "person", "RIGHT_ATTRS": {"DEP": "attr"}},
    ],), predicate="ledBy", title=True),
    # "Ana Lima founded the Harbour Trust in 1990", "He heads the Eastfield Council"
    MatcherRule("lead-verb", ([
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(LEAD_VERBS)}, "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "org", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ],), predicate="ledBy"),
)
# fmt: on
