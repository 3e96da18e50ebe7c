"""Entity mentions from spaCy's NER, cleaned, typed by evidence and clustered per document.

spaCy's small model mislabels names in advocacy text ("Maryam Rajavi" as ORG, "MEK Iran" as
PERSON) and runs headlines and appositions into one span; the cleaning and the type vote
below repair what the text itself shows (an honorific, an organisation word, an acronym,
an apposition to "a woman").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..nlp import doc_ents, doc_text, doc_tokens, sentence_of, token_words
from ..records import Entity, Mention
from ..rules import rule
from ..schema import (
    ORGANIZATION,
    PERSON,
    PLACE,
    Votes,
    add_votes,
    new_votes,
    type_weights,
    vote,
    vote_total,
    vote_type,
)
from ..unionfind import UnionFind
from ..words import (
    ARTICLES,
    CALENDAR_NAMES,
    CUE_VERBS,
    GENERIC_PARTY_WORDS,
    GROUP_NOUNS,
    GROUP_ROLES,
    HONORIFICS,
    LABEL_TYPES,
    LEADING_CUES,
    LEGISLATION_WORDS,
    LONG_NAME_JOINERS,
    NAME_CONNECTORS,
    NAME_OPENERS,
    NAME_PARTICLES,
    NAMED_THING_WORDS,
    ORG_KIND_NOUNS,
    ORG_TAIL_WORDS,
    ORG_WORDS,
    PARTY_ADJECTIVES,
    PARTY_NAME_WORDS,
    PARTY_WORDS,
    PERSON_NOUNS,
    PLACE_HEADS,
    PLACE_NOUNS,
    PLACE_OPENERS,
    PLACE_WORDS,
    POSSESSIVE_ENDINGS,
    POST_NOMINAL_TITLES,
    QUOTE_CHARS,
    ROLE_NOUN_ENDINGS,
    STYLED_RANKS,
    TITLE_DOMAINS,
    TITLE_WORDS,
)
from .coref import first_names
from .linking import NameIndex, link_short_names, spelling
from .names import (
    canonical_label,
    clean,
    demonyms,
    initials,
    is_acronym,
    is_country,
    is_country_name,
    name_key,
    party_abbreviation,
    person_like,
    strip_name,
)

# Marks around a nickname inside a person's name: 'Thomas "Tom" Reed', "Conrad (Con) Hale".
_NICKNAME_OPEN = frozenset({'"', "“", "(", "'", "‘"})
_NICKNAME_CLOSE = frozenset({'"', "”", ")", "'", "’"})
# "(PMOI / MEK Iran)", "(NCRI)", "(PMOI/MEK)": acronyms in parentheses, slash-joined.
_PAREN_ALIAS = re.compile(r"\(\s*([A-Z][\w'’.-]*(?:\s*/\s*[A-Z][\w'’.-]*)*(?:\s+[A-Z][a-z]+)?)\s*\)")
# Where a span the NER ran across several names is cut.
_SPLIT_MARKS = frozenset({",", "(", ")", ";", ":", "|", "–", "—"})
# Kinds of organisation that end or define a name ("Harbour Quartet", "X is a folk band"); "side"
# is also a side of an argument.
_NAMING_KINDS = ORG_KIND_NOUNS - {"side"}
_NAME_SMALL_WORDS = NAME_CONNECTORS | ARTICLES
# the unions the scans test each token against, made once
_TITLE_PARTY_CUES = TITLE_WORDS | PARTY_WORDS | LEADING_CUES
_PARTY_GROUP_WORDS = GENERIC_PARTY_WORDS | GROUP_NOUNS
_TITLES_HONORIFICS = TITLE_WORDS | HONORIFICS
_PERSON_TITLE_NOUNS = PERSON_NOUNS | TITLE_WORDS
_ORG_NOUNS = ORG_WORDS | ORG_KIND_NOUNS
_ORG_WORDS_RANKS = ORG_WORDS | STYLED_RANKS
_TITLES_AFTER = POST_NOMINAL_TITLES | TITLE_WORDS
_TITLES_OPENERS = TITLE_WORDS | NAME_OPENERS


@dataclass
class RawMention:
    start: int  # token indices [start, end)
    end: int
    votes: Votes = field(default_factory=new_votes)
    text: str = ""
    extra_names: list[str] = field(default_factory=list)
    part_of_token: int | None = None  # "NCRI Foreign Affairs Committee" is part of NCRI


def _is_honorific(token: Token) -> bool:
    return token.lower_.rstrip(".") in HONORIFICS and token.text[:1].isupper()


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading articles, honorifics and marks, and trailing possessives and marks."""
    toks = doc_tokens(doc)
    while start < end and (
        (t := toks[start]).lower_ in ARTICLES
        or t.is_punct
        or (t.lower_ in LEADING_CUES and t.is_sent_start)
        or t.is_space
        or t.text in QUOTE_CHARS
        or _is_honorific(t)
    ):
        start += 1
    while end > start and ((t := toks[end - 1]).is_punct or t.is_space or t.lower_ in POSSESSIVE_ENDINGS):
        end -= 1
    return start, end


def _party_word(token: Token) -> bool:
    word = token.lower_
    return word in PARTY_WORDS or word in PARTY_ADJECTIVES or word in PARTY_NAME_WORDS


def _untitled(doc: Doc, start: int, end: int) -> int:
    """The start of a person's name without the title or party the NER ran into it:
    "Lawyer Ann Hale", "Tory Liam Frost", "Councillor Archy Pell" -> the name of two words
    or more after it (which the title then precedes, as a title does)."""
    while (
        end - start >= 3
        and (
            doc[start].lower_ in TITLE_WORDS
            or doc[start].lower_ in PARTY_WORDS
            or doc[start].lower_ in PARTY_ADJECTIVES
            or doc[start].lower_ in NAME_OPENERS
        )
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[start + 1 : end])
    ):
        start += 1
    return start


def _known_first_name(t: Token) -> bool:
    """A first name of the lexicon that is no month ("June List")."""
    return t.lower_ in first_names() and t.lower_ not in CALENDAR_NAMES


def _cut_first_name(doc: Doc, i: int, start: int) -> int | None:
    """ "Horatio | Kell Pruitt", "Octavia | Whitcomb Hale", "Ada Morrow | Quill":
    a name of one or two words the NER made an entity of its own right before a person's name,
    with nothing between, is the person's first names unless it names a country or people
    ("French | Tom Reed" is no name) or is an acronym; where it starts, or None."""
    ent_start = i
    while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
        ent_start -= 1
    words = doc[ent_start : i + 1]
    fits = (
        doc[i].ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
        and doc[start].ent_iob_ == "B"
        and i == start - 1
        and len(words) <= 2
        and all(w.is_title and w.pos_ == "PROPN" for w in words)
        and words[0].lower_ not in demonyms()
        and not is_country(words.text)
    )
    return ent_start if fits else None


def _first_names_before(doc: Doc, start: int) -> int:
    """ "Anatoly | Borisovich Chubais": the NER cut off a person's first name; take back up to
    two capitalised proper nouns before the name that are in no entity and are no title,
    honorific, cue or party word, nor shaped like a noun of a person's role ("Guitarist",
    "Emperor", "Father"), or a name the NER cut off as an entity of its own ("Horatio | Kell
    Pruitt"). A name that starts with a known first name is whole ("Ensign George Gay")."""
    if start < len(doc) and doc[start].lower_ in first_names():
        return start
    for _ in range(2):
        t = doc[start - 1] if start > 0 else None
        if (
            t is None
            or t.pos_ != "PROPN"
            or not t.is_title
            or t.lower_ in _TITLE_PARTY_CUES
            or _is_honorific(t)
            or "\n" in t.whitespace_
            or t.lower_.endswith(ROLE_NOUN_ENDINGS)
            # "Secretary of State | Ann Hale": the end of an office's name
            or (t.i > 1 and doc[t.i - 1].lower_ == "of" and doc[t.i - 2].lower_ in TITLE_WORDS)
        ):
            break
        if t.ent_type_:  # "Horatio | Kell Pruitt": the whole entity before, or nothing
            cut = _cut_first_name(doc, t.i, start)
            return start if cut is None else cut
        start -= 1
    return start


def _split_points(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span at line breaks, commas, parentheses, marks and a mid-span "The"."""
    pieces, begin = [], start
    toks = doc_tokens(doc)
    for i in range(start, end):
        t = toks[i]
        cut_before = i > begin and t.text == "The"
        cut_at = t.text in _SPLIT_MARKS or t.text in QUOTE_CHARS or "\n" in t.text
        if cut_at or "\n" in t.whitespace_ and i + 1 < end:
            pieces.append((begin, i + (0 if cut_at else 1)))
            begin = i + 1
        elif cut_before:
            pieces.append((begin, i))
            begin = i
    pieces.append((begin, end))
    return [p for p in pieces if p[1] > p[0]]


def _plausible(doc: Doc, start: int, end: int, label: str) -> bool:
    """Reject pieces that are not names: lowercase starts, verbs (headlines), long runs."""
    toks = doc_tokens(doc)
    span = toks[start:end]
    text = _span_text(doc, start, end)
    if not text[:1].isupper() and not text[:1].isdigit():
        return False
    if len(span) == 1 and span[0].lower_ in _PARTY_GROUP_WORDS:
        return False  # "Party leader X" at the start of a sentence: a word, not a name
    if len(span) > 9 or (
        label in {"ORG", "PERSON"}
        and any(t.pos_ in {"VERB", "AUX"} and t.text[:1].isupper() and len(span) > 3 for t in span)
    ):
        return False
    for t in span[1:]:
        if (
            t.is_lower
            and t.pos_ not in {"NOUN", "PROPN"}
            and t.lower_ not in NAME_CONNECTORS
            and t.text != "-"
            and t.lower_ not in POSSESSIVE_ENDINGS
            # "Joint Committee on Fishing Rights": "on" after an organisation word ("of", "for": connectors)
            and not (t.lower_ == "on" and toks[t.i - 1].lower_ in ORG_WORDS)
        ):
            return False
    after = toks[end] if end < len(toks) else None
    if (
        after is not None
        and after.lower_ in TITLE_WORDS
        # "the Harbour Echo reporter X": the paper is a name; "the Harbour Party Eastfield leader
        # X": a word between an organisation and its title is the title's
        and (after.text[:1].isupper() or (start > 0 and toks[start - 1].ent_type_ == "ORG"))
        and all(t.lower_ not in ORG_WORDS for t in span)
        and label == "ORG"
    ):
        return False  # "Supreme" of "Supreme Leader Ali Khamenei"
    if label in {"ORG", "PERSON"} and _portfolio(doc, start, end):
        return False  # "Justice and Home Affairs" of "Justice and Home Affairs Commissioner X"
    if label == "PERSON" and len(span) == 1 and end + 1 < len(toks) and toks[end].lower_ in POST_NOMINAL_TITLES:
        if toks[end + 1].ent_type_ == "PERSON":
            return False  # "Euro" of "Euro MP Ann Hale": the title's, not a person
    if (
        label == "PERSON"
        and len(span) == 1
        and demonyms().get(span[0].lower_, span[0].lower_).lower() != span[0].lower_
    ):
        return False  # "those of Bolivian, Eastwicker and Andean origin": a people, not a person
    if label == "PERSON" and after is not None and after.text == "-" and end + 1 < len(toks):
        if toks[end + 1].tag_ in {"VBN", "VBD", "JJ"}:
            return False  # "the Eastwick-nominated film": the first part of an adjective names no one
    if label == "PERSON" and text[:3].lower() == "ex-":
        return False  # "Ex-Harbour minister X": a former office's party, not a person
    if (
        label == "PERSON"
        and span[-1].lower_ in LEGISLATION_WORDS
        and (len(span) > 1 or (start > 0 and _before_law(toks[start - 1])))
    ):
        return False  # "No Bill goes through", "the Finance Bill": a law, not a person
    if label == "PERSON" and len(span) == 1 and not _party_word(span[0]) and not is_acronym(text):
        # "the Queen", "the Prince": a rank or a title after "the" describes, it names no one
        if start > 0 and toks[start - 1].lower_ == "the" and span[0].lower_ in _TITLES_HONORIFICS:
            return False
        if span[0].tag_ == "NNPS" or (text.endswith("s") and any(c.tag_ == "NNS" for c in span[0].conjuncts)):
            return False  # "the Hales", "Jobcentres, benefit offices and ...": no one person
    if len(span) == 1 and span[0].pos_ not in {"PROPN"} and not is_acronym(text):
        # "Anger", "Bringing", "Supreme": one capitalised common word is not a name; but a
        # party's the NER names as one ("Labour said", tagged a common noun at a sentence's start)
        return (label in {"GPE", "LOC"} and span[0].pos_ == "PROPN") or (label == "ORG" and _party_word(span[0]))
    return True


def _char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Where tokens [start, end) (start < end) begin and end in the text."""
    toks = doc_tokens(doc)
    last = toks[end - 1]
    return toks[start].idx, last.idx + len(last)


def _span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` (start < end) without making the Span."""
    first, last = _char_range(doc, start, end)
    return doc_text(doc)[first:last]


def _before_law(t: Token) -> bool:
    """A word that makes the capitalised "Bill" or "Act" after it a law: a determiner, a
    parenthesis closed ("(Miscellaneous Provisions) Bill"), a capitalised word that is no
    honorific ("Finance Bill"; "Mr Bill" is a man)."""
    return t.pos_ == "DET" or t.text == ")" or (t.is_title and not _is_honorific(t))


def _portfolio(doc: Doc, start: int, end: int) -> bool:
    """Tokens [start, end) are a title's portfolio words ("Home Affairs", "European Justice"),
    and more of them, then a title word, follow."""
    lowers = token_words(doc).lower
    if not all(w in TITLE_DOMAINS for w in lowers[start:end]):
        return False
    j = end
    while j < len(lowers) and (lowers[j] in TITLE_DOMAINS or lowers[j] in {"and", "&"}):
        j += 1
    return j < len(lowers) and lowers[j] in TITLE_WORDS


def _extend_of(doc: Doc, start: int, end: int) -> int:
    """ "People's Mojahedin Organization" + "of Iran", "Duke" + "of Eastwick": extend an
    organisation's name or a styled rank over "of" and the capitalised words after it."""
    styled = end - start == 1 and doc[start].lower_ in STYLED_RANKS
    if end >= len(doc) or not (doc[end - 1].lower_ in ORG_WORDS or styled) or doc[end].lower_ != "of":
        return end
    j = end + 1
    while (
        j < len(doc) and doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN" and not doc[j - 1].whitespace_.count("\n")
    ):
        j += 1
    return j if j > end + 1 else end


def _context_votes(doc: Doc, start: int, end: int, votes: Votes) -> None:
    toks = doc_tokens(doc)
    span = toks[start:end]
    text = _span_text(doc, start, end)
    words = set(token_words(doc).lower[start:end])
    before = toks[start - 1] if start > 0 else None
    if before is not None and _is_honorific(before):
        vote(votes, PERSON, "honorific")
    if is_country_name(text):
        vote(votes, PLACE, "country")  # "Mauritius": a country's name (ISO 3166) names no one, whatever the NER said
    elif len(span) >= 2 and (span[-1].lower_ in PLACE_HEADS or span[0].lower_.rstrip(".") in PLACE_OPENERS):
        vote(votes, PLACE, "road-or-feature")  # "Harbour Drive", "Eastfield Glacier", "Mount Eastwick"
    if words & ORG_WORDS or (span[-1].lower_ in _NAMING_KINDS and len(span) >= 2):
        vote(votes, ORGANIZATION, "organisation-word")  # "Harbour Trust"; "Harbour Quartet", "Eastfield Band"
    elif (
        2 <= end - start <= 3
        and all(t.is_title for t in span)
        and _known_first_name(span[0])
        and span[0].lower_ not in demonyms()  # "French Foreign Legion"
        and span[-1].tag_ != "NNPS"  # "Harbour Panthers", "Eastfield Springs"
        and not words & (ORG_KIND_NOUNS | PLACE_WORDS | NAMED_THING_WORDS)
    ):
        vote(votes, PERSON, "first-name")  # "Alexandra Colen": a known first name and a surname, whatever the NER said
    # "an album by the Velvet Owls": a person's name takes no article
    if (
        before is not None
        and before.lower_ == "the"
        and votes.get(PERSON)
        and not votes.get(PLACE)
        and span[0].lower_ not in _TITLES_HONORIFICS
    ):
        vote(votes, ORGANIZATION, "the-before-name")
    # "the pop group Velvet Owls", "Premier League club Eastfield United"
    if before is not None and before.lower_ in ORG_KIND_NOUNS and before.pos_ == "NOUN":
        vote(votes, ORGANIZATION, "kind-before-name")
    # "the armed organisation, Sendero Rojo", "Sendero Rojo, a militant group"
    root = span[0] if len(span) == 1 else doc[start:end].root
    after_kind = start > 1 and toks[start - 1].text == "," and toks[start - 2].lower_ in ORG_KIND_NOUNS
    if after_kind or (root.dep_ == "appos" and root.head.lower_ in ORG_KIND_NOUNS):
        vote(votes, ORGANIZATION, "apposed-to-kind")
    if any(
        c.dep_ == "appos"
        and c.lower_ in ORG_KIND_NOUNS
        and "(" not in {toks[c.left_edge.i].text, toks[c.left_edge.i - 1].text}
        for c in root.children
    ):
        vote(votes, ORGANIZATION, "kind-apposed")  # not "Jan Holm (Harbour Party)": a person's party in brackets
    if votes.get(PLACE):
        pass  # "US", "UK": acronyms spaCy knows as places stay places
    elif is_acronym(text):
        vote(votes, ORGANIZATION, "acronym")
    elif len(span) == 2 and is_acronym(span[0].text):  # "MEK Iran"
        vote(votes, ORGANIZATION, "acronym-and-word")
    # "led by a woman, Maryam Rajavi"; "Eshagh Jahangiri, the regime's Vice-president"
    if root.dep_ == "appos" and root.head.lower_ in _PERSON_TITLE_NOUNS:
        vote(votes, PERSON, "apposed-to-person-noun")
    for child in root.children:
        if child.dep_ == "appos" and child.lower_ in _PERSON_TITLE_NOUNS:
            vote(votes, PERSON, "person-noun-apposed")
    # "Supreme Leader Ali Khamenei", "Tory leader Michael Howard"
    if before is not None and before.lower_ in TITLE_WORDS and start <= before.head.i < end:
        vote(votes, PERSON, "title-before-name")
    # "Tarkan Özbey (born 2 May 1996) is ...": people are born (organisations are founded)
    if end + 1 < len(toks) and toks[end].text == "(" and toks[end + 1].lower_ == "born":
        vote(votes, PERSON, "born")


def _joined_entities(doc: Doc) -> list[Span]:
    """The NER's entities, with a place or nationality it cut off the front of an organisation's
    name put back: "UK" + "Independence Party", "Scottish" + "National Party"."""
    ents = list(doc_ents(doc))
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ in {"GPE", "NORP"}
            and ent.label_ == "ORG"
            and prev.end == ent.start
            and ent[-1].lower_ in ORG_WORDS
            and all(t.text[:1].isupper() for t in ent if t.is_alpha)
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        # "Czechoslovak Song" + "and" + "Dance Ensemble": a name the NER cut at its "and" (the
        # first part names nothing on its own: no organisation word, no person)
        if (
            prev is not None
            and ent.label_ == "ORG"
            and prev.label_ in {"ORG", "NORP", "GPE"}
            and ent.start == prev.end + 1
            and doc[prev.end].lower_ in {"and", "&"}
            and (ent[-1].lower_ in ORG_WORDS or ent[-1].lower_ in ORG_KIND_NOUNS)
            and prev[-1].lower_ not in _ORG_NOUNS
            and all(t.text[:1].isupper() for t in (*prev, *ent) if t.is_alpha and t.lower_ not in ARTICLES)
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        # "Liberal" + "Democrat": a party's name of party words the NER cut in two
        if (
            prev is not None
            and {prev.label_, ent.label_} <= {"ORG", "NORP"}
            and ent.start == prev.end
            and all(_party_word(t) and t.is_title for t in (*prev, *ent))
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def _name_end(doc: Doc, start: int, end: int, etype: str) -> int:
    """Where a name the NER cut short really ends: "of ..." after an organisation, a joiner
    ("National Council for Peace and | Order"), capitals ("RAO | UES", not "UKIP MEP X"), a
    lower-case organisation word ("the Public and Commercial Services union") and a
    particle ("Carl Joachim von der | Esch")."""
    e = end
    if etype == ORGANIZATION or doc[e - 1].lower_ in _ORG_WORDS_RANKS:
        e = _extend_of(doc, start, e)
    if etype == ORGANIZATION:
        if doc[e - 1].lower_ in LONG_NAME_JOINERS | {"&"}:
            while e < len(doc) and doc[e].is_title and not doc[e].is_sent_start:
                e += 1
        nxt = doc[e] if e < len(doc) else None
        if (
            nxt is not None
            and nxt.is_upper
            and nxt.is_alpha
            and len(nxt) >= 2
            and not nxt.ent_type_
            and nxt.lower_ not in _TITLES_AFTER
            and "\n" not in doc[e - 1].whitespace_
        ):
            e += 1
        if e < len(doc) and doc[e].is_lower and doc[e].lower_ in ORG_TAIL_WORDS:
            e += 1
    while e < len(doc) and e - start >= 2 and doc[e - 1].lower_ in NAME_PARTICLES and doc[e].is_title:
        e += 1
    return e


# Words that give a work its title in quotation marks: "a documentary called 'No More Mr Lee'";
# the regex finds them in the text, so the scan runs only on the documents that have one.
_TITLE_GIVERS = frozenset({"called", "entitled", "titled"})
_QUOTE_MARKS = frozenset(QUOTE_CHARS)  # a set of single marks: "in QUOTE_CHARS" also takes substrings
_TITLE_HINT = re.compile(r"\b(?:called|entitled|titled)\s*[" + re.escape(QUOTE_CHARS) + "]", re.IGNORECASE)


def _quoted_titles(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of a work's title in quotation marks after "called" or "entitled", and of
    the same title said again without its marks ("Tom Hale: No More Mr Lee is shown on
    Sunday"): the names in it are words of the title, no mention of anyone."""
    if not _TITLE_HINT.search(doc_text(doc)):
        return []
    out = []
    for t in doc:
        if t.lower_ not in _TITLE_GIVERS or t.i + 2 >= len(doc) or doc[t.i + 1].text not in _QUOTE_MARKS:
            continue
        end = min(len(doc), t.i + 14)
        close = next((k for k in range(t.i + 2, end) if doc[k].text in _QUOTE_MARKS or doc[k].is_sent_start), None)
        if close is not None and doc[close].text in _QUOTE_MARKS:
            out.append((t.i + 2, close))
    words = [t.text for t in doc] if out else []
    for lo, hi in list(out):
        n = hi - lo
        out += [(k, k + n) for k in range(len(doc) - n + 1) if k != lo and words[k : k + n] == words[lo:hi]]
    return out


def raw_mentions(doc: Doc) -> list[RawMention]:
    """Clean entity mentions from the parsed document, with type votes."""
    out: dict[tuple[int, int], RawMention] = {}
    for ent in _joined_entities(doc):
        etype = LABEL_TYPES.get(ent.label_)
        if etype is None:
            continue
        if etype == PERSON and all(_party_word(t) for t in ent if not t.is_punct and t.lower_ not in ARTICLES):
            etype = ORGANIZATION  # "Lib Dem", "the Tories": a party, whatever the NER says
        if ent.label_ == "NORP" and (ent.root.dep_ in {"amod", "compound", "poss"} or ent.root.tag_ != "NNPS"):
            continue  # "Iranian" modifies a noun; only plural group names ("the Tories") stay
        pieces = _split_points(doc, ent.start, ent.end)
        for s, e in pieces:
            s, e = _trim(doc, s, e)
            if ent.label_ == "PERSON":
                s = _untitled(doc, s, e)
                s = _first_names_before(doc, s)
            if e <= s:
                continue
            if etype == ORGANIZATION and s > 0 and is_acronym(doc[s - 1].text) and not doc[s - 1].ent_type_:
                s -= 1  # "HBC | Paribas": an acronym the NER left before an organisation's name is its
            e = _name_end(doc, s, e, etype)
            if etype == PLACE and e < len(doc) and doc[e].lower_ == "police":
                e, etype = e + 1, ORGANIZATION  # "Harbourshire police": the place's police force
            if not _plausible(doc, s, e, ent.label_):
                continue
            m = out.setdefault((s, e), RawMention(s, e, text=doc[s:e].text))
            if len(pieces) > 1:
                # "the Iranian Resistance, Massoud Rajavi" came as one ORG: the label was for the
                # whole run, so each piece gets half a vote and its own shape decides
                vote(m.votes, etype, "ner-label-of-a-run")
                if person_like(m.text):
                    vote(m.votes, PERSON, "person-like-in-a-run")
            else:
                vote(m.votes, etype, "ner-label")
    _nicknamed(doc, out)
    _unlabelled_names(doc, out)
    _defined_groups(doc, out)
    _named_before_a_role(doc, out)
    _purpose_names(doc, out)
    composites = []
    for s, e, tail in _paren_mentions(doc):
        if tail is not None:
            composites.append(tail)
            continue
        out.setdefault((s, e), RawMention(s, e, text=doc[s:e].text))
    mentions = sorted(out.values(), key=lambda m: (m.start, -m.end))
    # Drop mentions nested inside a longer one that starts at the same token.
    kept: list[RawMention] = []
    for m in mentions:
        if kept and m.start >= kept[-1].start and m.end <= kept[-1].end:
            add_votes(kept[-1].votes, m.votes)
            continue
        kept.append(m)
    # composite names keep their own tokens (the tail) so the parts stay linkable
    kept = [m for m in kept if not any(m.start >= c.start and m.end <= c.end for c in composites)]
    kept = sorted(kept + composites, key=lambda m: (m.start, -m.end))
    titles = _quoted_titles(doc)
    kept = [m for m in kept if not any(lo <= m.start and m.end <= hi for lo, hi in titles)]
    for m in kept:
        _context_votes(doc, m.start, m.end, m.votes)
        if not vote_total(m.votes):
            vote(m.votes, ORGANIZATION, "no-evidence")
    _conjunct_votes(doc, kept)
    _locative_votes(doc, kept)
    return kept


# A list names things of one kind, and where a word stands says what it is (evidence
# "listed-with" and "where-it-stands", more than the NER's label of a lone word).
# Prepositions of where: "activists in Eastwick", "two men from Eastwick".
_LOCATIVE = frozenset({"in", "at", "near", "from", "across", "throughout", "outside", "around"})
# Verbs of going somewhere, whose "to" says where: "she moved to Eastwick".
_MOTION_VERBS = frozenset({"move", "go", "return", "travel", "fly", "relocate", "emigrate", "flee", "retire"})


def _weak_person(m: RawMention) -> bool:
    """A one-word name only the NER called a person (one vote, nothing else said of it)."""
    return m.end - m.start == 1 and vote_type(m.votes) == PERSON and vote_total(m.votes) <= type_weights()["ner-label"]


def _name_start(doc: Doc, end: int) -> int:
    """Where the run of proper nouns ending before token ``end`` starts."""
    i = end
    while i > 0 and doc[i - 1].pos_ == "PROPN":
        i -= 1
    return i


def _locative_votes(doc: Doc, mentions: list[RawMention]) -> None:
    """Where a lone word stands says it is a place: after a preposition of where ("activists
    in Eastwick", "men from Eastwick"), beside a place it lies in or holds ("Eastwick,
    Harbourshire", "Lisbon, Eastwick"), or naming a place word ("Eastwick prison"). Only for
    a one-word name only the NER called a person: "a letter from Hale" names its writer by a
    surname the document gives in full."""
    weak = [m for m in mentions if _weak_person(m)]
    if not weak:
        return
    kind = {m.start: vote_type(m.votes) for m in mentions}
    for m in weak:
        t = doc[m.start]
        after = doc[m.end] if m.end < len(doc) else None
        located = (
            t.dep_ == "pobj"
            and (after is None or after.tag_ != "POS")
            and (
                t.head.lower_ in _LOCATIVE
                or (t.head.lower_ == "to" and t.head.head.lemma_ in _MOTION_VERBS)  # "moved to Eastwick"
                # "Tom Reed, of Eastwick, said": where a person named before is from
                or (
                    t.head.lower_ == "of"
                    and t.head.i > 1
                    and doc[t.head.i - 1].text == ","
                    and kind.get(_name_start(doc, t.head.i - 1)) == PERSON
                )
            )
        )
        before_place = after is not None and after.text == "," and kind.get(m.end + 1) == PLACE
        names_place = after is not None and after.lower_ in PLACE_WORDS | {"prison", "airport", "estate"}
        # "in Lisbon, Eastwick": set off after a place it belongs to
        after_place = (
            m.start > 0 and doc[m.start - 1].text == "," and t.dep_ in {"appos", "conj"} and kind.get(t.head.i) == PLACE
        )
        if located or before_place or names_place or after_place:
            vote(m.votes, PLACE, "where-it-stands")


def _conjunct_votes(doc: Doc, mentions: list[RawMention]) -> None:
    """ "pubs in Guildford and Woolwich", "visits Leeds, Hull, Derby and Torbay": names in one
    coordinated list are things of one kind. A one-word name only the NER called a person (the
    small model's guess for a capitalised word it does not know) takes the place or
    organisation kind most of its conjuncts have, as they were typed before this pass."""
    weak = [m for m in mentions if _weak_person(m)]
    if not weak:
        return
    at = {doc[m.start : m.end].root.i: m for m in mentions}
    kind = {id(m): vote_type(m.votes) for m in mentions}
    for m in weak:
        others = Counter(kind[id(at[c.i])] for c in doc[m.start].conjuncts if c.i in at and at[c.i] is not m)
        # "at Eastwick prison, Lisbon, and Westwick": a place noun in the list counts as a place
        others[PLACE] += sum(1 for c in doc[m.start].conjuncts if c.i not in at and c.lemma_ in PLACE_NOUNS)
        if not others:
            continue
        top, n = others.most_common(1)[0]
        if 2 * n > sum(others.values()) and top != PERSON:
            vote(m.votes, top, "listed-with")


def _unlabelled_names(doc: Doc, out: dict[tuple[int, int], RawMention]) -> None:
    """Names the statistical NER missed ("Posters of Massoud Rajavi"): runs of two or more
    capitalised proper nouns shaped like a person's or an organisation's name, and a single
    proper noun that is the first or last word of such a name found in the document."""
    covered = [False] * len(doc)
    for s, e in out:
        for i in range(s, e):
            covered[i] = True
    pos = token_words(doc).pos
    toks = doc_tokens(doc)
    # a word that may stand in a run of proper nouns shaped like a name
    nameword = [False] * len(doc)
    for i, tag in enumerate(pos):
        if tag == "PROPN" and not covered[i]:
            t = toks[i]
            nameword[i] = (
                t.text[:1].isupper() and t.is_alpha and not _is_honorific(t) and t.lower_ not in _TITLES_OPENERS
            )
    runs, i = [], 0
    for is_name, group in groupby(nameword):
        j = i + len(list(group))
        if is_name and j - i >= 2:
            runs.append((_untitled(doc, i, j), j))  # "fellow Democrat | Ambrose Hale"
        i = j
    for s, e in runs:
        sent = sentence_of(toks[s])
        words = [t for t in toks[sent.start : sent.end] if t.is_alpha]
        if len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.6 * len(words):
            continue  # a headline in Title Case: every word looks like a name
        if _portfolio(doc, s, e):
            continue  # "Home Affairs" of "Home Affairs Commissioner"
        text = _span_text(doc, s, e)
        lowered = {t.lower_ for t in toks[s:e]}
        m = RawMention(s, e, text=text)
        if all(_party_word(t) for t in toks[s:e]):
            vote(m.votes, ORGANIZATION, "unlabelled-party-words")  # "Liberal Democrat spokesman": a party
        elif toks[e - 1].lower_ in PLACE_WORDS:
            vote(m.votes, PLACE, "unlabelled-place-word")  # "Downing Street", "Harbour Bridge"
        elif s > 0 and toks[s - 1].lower_ == "the":
            vote(m.votes, ORGANIZATION, "unlabelled-after-the")  # "the Eastfield Hunt": no person's name takes "the"
        elif person_like(text):
            vote(m.votes, PERSON, "unlabelled-person-like")
        elif lowered & ORG_WORDS:
            vote(m.votes, ORGANIZATION, "unlabelled-organisation-word")
        else:
            continue
        out[(s, e)] = m
        for k in range(s, e):
            covered[k] = True
    full_names: NameIndex[bool] = NameIndex()
    for m in out.values():
        the_name = m.start > 0 and toks[m.start - 1].lower_ == "the"  # "the Eastfield Hunt"
        if m.votes.get(PERSON, 0) > 0 or (
            m.votes.get(ORGANIZATION, 0) <= 1 and not m.votes.get(PLACE) and not the_name
        ):
            full_names.add(m.text, True, spelled=False)
    for i, tag in enumerate(pos):
        if covered[i] or tag != "PROPN":
            continue
        t = toks[i]
        # "Penrose asked.": a lone proper noun that speaks is a name, most often a person's
        speaks = (
            t.dep_ == "nsubj"
            and t.head.lemma_.lower() in CUE_VERBS
            and t.is_alpha
            and t.text[:1].isupper()
            and t.lower_ not in TITLE_WORDS
            # "The Lord Chief Justice said": a word a title leads is an office ("Lord Winston" a name)
            and not any(c.dep_ == "compound" and c.lower_ in TITLE_WORDS for c in t.children)
        )
        # a title word alone is no name even where full names start with it ("Prince Tom")
        named = full_names.people(t.text) and not t.is_upper and t.lower_ not in TITLE_WORDS
        if named or speaks:
            m = RawMention(t.i, t.i + 1, text=t.text)
            vote(m.votes, PERSON, "unlabelled-lone-name")
            out[(t.i, t.i + 1)] = m


def _nicknamed(doc: Doc, out: dict[tuple[int, int], RawMention]) -> None:
    """A person's name with a nickname in quotation marks or brackets before the surname is one
    name: 'Thomas Alan "Tom" Reed', "Conrad (Con) Hale" (the NER stops at the mark, and often
    calls the surname a place). The name is known as well without the nickname ("Thomas Alan
    Reed") and by the nickname and surname ("Tom Reed")."""
    lowers = token_words(doc).lower  # a Token is made only after a mark
    for (s, e), m in list(out.items()):
        if e + 3 >= len(doc) or lowers[e] not in _NICKNAME_OPEN or vote_type(m.votes) != PERSON:
            continue
        close = next((k for k in range(e + 2, min(e + 4, len(doc))) if doc[k].text in _NICKNAME_CLOSE), None)
        if close is None or not all(t.is_title and t.is_alpha for t in doc[e + 1 : close]):
            continue
        end = close + 1
        while end < len(doc) and end < close + 3 and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        if end == close + 1 or doc[close + 1 : end].text.lower() in demonyms():
            continue
        for key in [k for k in out if s <= k[0] and k[1] <= end]:
            del out[key]  # the first names and the surname the NER cut apart
        surname = doc[close + 1 : end].text
        # its text without the nickname, so that "Reed" fits it as a surname
        full = RawMention(s, end, text=f"{doc[s:e].text} {surname}")
        vote(full.votes, PERSON, "ner-label")
        full.extra_names += [doc[s:end].text, f"{doc[e + 1 : close].text} {surname}"]
        out[(s, end)] = full


def _defined_groups(doc: Doc, out: dict[tuple[int, int], RawMention]) -> None:
    """A name a sentence defines as a kind of organisation: "The Velvet Owls are an English
    folk band", "Harbour Rovers is a football club". The whole capitalised subject is the name,
    whatever the NER made of it ("Storm Over the | Harbour" an organisation, "The Owls"
    nothing): a mention of an organisation, replacing the pieces inside it."""
    lemmas = token_words(doc).lemma
    for i, lemma in enumerate(lemmas):
        if lemma not in _NAMING_KINDS:
            continue
        t = doc[i]
        if t.dep_ != "attr" or t.head.lemma_ != "be":
            continue
        subj = next((c for c in t.head.children if c.dep_ == "nsubj" and c.i < t.head.i), None)
        if subj is None:
            continue
        s, e = subj.left_edge.i, subj.right_edge.i + 1
        s += doc[s].lower_ == "the"
        words = doc[s:e]
        if (
            not 1 <= len(words) <= 8
            or s != sentence_of(doc[s]).start + (doc[s - 1].lower_ == "the" if s > 0 else 0)
            or not words[0].text[:1].isupper()
            or not all(w.text[:1].isupper() or w.lower_ in _NAME_SMALL_WORDS for w in words)
        ):
            continue  # a sentence's capitalised subject only: "Its members are a group"
        for key in [k for k in out if s <= k[0] and k[1] <= e]:
            del out[key]
        out[(s, e)] = RawMention(s, e, text=words.text)
        vote(out[(s, e)].votes, ORGANIZATION, "defined-as-a-group")


def _named_before_a_role(doc: Doc, out: dict[tuple[int, int], RawMention]) -> None:
    """The capitalised words before a band's or a team's role noun with a person's name after it
    name the group: "Harbour Lights bassist Tom Reed" (the NER calls such a name a person, or
    cuts it, or misses it: "Walk Past the | Lighthouse"). A mention of an organisation, replacing
    the pieces inside it; not a nationality or a country ("Welsh singer", "England striker"),
    nor a lone capitalised word opening the sentence ("Pop singer Tom Reed")."""
    lowers = token_words(doc).lower
    for i, lower in enumerate(lowers):
        if (
            lower not in GROUP_ROLES
            or i == 0
            or i + 1 >= len(doc)
            or doc[i + 1].ent_type_ != "PERSON"
            or not doc[i - 1].text[:1].isupper()  # "Tom Reed and | singer Ann Hale": a list of people
        ):
            continue
        first = sentence_of(doc[i]).start
        s = i
        while s > first and (
            doc[s - 1].text[:1].isupper()
            or (doc[s - 1].lower_ in _NAME_SMALL_WORDS and s - 1 > first and doc[s - 2].text[:1].isupper())
        ):
            s -= 1
        if s == first and doc[s].pos_ == "ADJ" and s + 1 < i:
            s += 1  # "Former Harbour Lights singer X": capitalised because it opens the sentence
        words = doc[s:i]
        if (
            not words  # the role opens its sentence ("England | forward X": the parser cut there)
            or len(words) > 6
            or (s == first and len(words) == 1)
            or any(t.ent_type_ in {"GPE", "NORP", "LOC"} for t in words)
        ):
            continue
        if (s, i) not in out:
            for key in [k for k in out if s <= k[0] and k[1] <= i]:
                del out[key]
            out[(s, i)] = RawMention(s, i, text=words.text)
        vote(out[(s, i)].votes, ORGANIZATION, "before-a-group-role")


# "the Commission for Racial Justice", "the Society for the Protection of Harbours": an
# organisation word, "for", and a capitalised purpose. The small NER cuts such names at "for"
# or misses them; spaCy's Matcher finds the whole (greedy: the longest).
# A word of the purpose: capitalised, no person's name nor title ("the Department for Work and
# Pensions Secretary Alan Hale" ends before "Secretary").
_PURPOSE: dict[str, Any] = {
    "IS_TITLE": True,
    "ENT_TYPE": {"NOT_IN": ["PERSON"]},
    "LOWER": {"NOT_IN": sorted(TITLE_WORDS)},
}
_PURPOSE_JOINERS = ("and", "of", "to", "on", "the")
_JOINER: dict[str, Any] = {"LOWER": {"IN": list(_PURPOSE_JOINERS)}, "OP": "*"}
_FOR_NAME: list[dict[str, Any]] = [
    {"POS": "PROPN", "OP": "*"},
    {"IS_TITLE": True, "LOWER": {"IN": sorted(ORG_WORDS)}},
    {"LOWER": "for"},
    {"LOWER": "the", "OP": "?"},
    _PURPOSE,
    {**_PURPOSE, "OP": "*"},
]
_FOR_NAMES: list[list[dict[str, Any]]] = [_FOR_NAME, [*_FOR_NAME, _JOINER, _PURPOSE, {**_PURPOSE, "OP": "*"}]]
_MATCHERS: dict[int, Matcher] = {}


# Where the Matcher could match at all: a capitalised organisation word before "for" (the
# Matcher tries its optional first node at every token; this check costs a regex over the text:
# any capitalised word before "for", the organisation words looked up after, is four times
# faster than their 98 alternatives in the regex).
_PURPOSE_HINT = re.compile(r"\b([A-Z][a-z]+) for\b")


def _purpose_names(doc: Doc, out: dict[tuple[int, int], RawMention]) -> None:
    """Organisations named by a purpose ("the Campaign for Clean Harbours"): a mention of an
    organisation, replacing the pieces inside it."""
    if not any(m[1].lower() in ORG_WORDS for m in _PURPOSE_HINT.finditer(doc_text(doc))):
        return
    matcher = _MATCHERS.get(id(doc.vocab))
    if matcher is None:
        matcher = _MATCHERS[id(doc.vocab)] = Matcher(doc.vocab)
        matcher.add("purpose-name", _FOR_NAMES, greedy="LONGEST")
    for _, start, end in matcher(doc):
        s, e = _trim(doc, start, end)
        while e > s and doc[e - 1].lower_ in _PURPOSE_JOINERS:
            e -= 1  # a joiner the pattern took at the end
        if e - s < 3 or any(t.is_sent_start for t in doc[s + 1 : e]):
            continue
        for key in [k for k in out if s <= k[0] and k[1] <= e]:
            del out[key]
        out[(s, e)] = RawMention(s, e, text=doc[s:e].text)
        vote(out[(s, e)].votes, ORGANIZATION, "named-by-purpose")


def _token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _paren_mentions(doc: Doc) -> list[tuple[int, int, RawMention | None]]:
    """Long names followed by "(ACRONYM)" and the acronyms themselves, as mentions.

    "the National Council of Resistance of Iran (NCRI) Foreign Affairs Committee" also gives
    a composite mention on "Foreign Affairs Committee", named "NCRI Foreign Affairs Committee"
    and part of the NCRI.
    """
    found: list[tuple[int, int, RawMention | None]] = []
    for m in _PAREN_ALIAS.finditer(doc_text(doc)):
        inner = _token_range(doc, m.start(1), m.end(1))
        if inner is None:
            continue
        found.append((inner[0], inner[1], None))
        long_form = _long_form_before(doc, inner[0] - 1)
        if (
            long_form
            and sum(e.label_ == "PERSON" and e.start >= long_form[0] and e.end <= long_form[1] for e in doc_ents(doc))
            >= 2
        ):
            long_form = None  # "Dan Moss and Kim Hale (SNP)": two people, no long name
        if long_form:
            found.append((long_form[0], long_form[1], None))
            close = inner[1]
            tail_end = close + 1
            while (
                tail_end < len(doc)
                and doc[tail_end].text[:1].isupper()
                and doc[tail_end].pos_ in {"PROPN", "NOUN"}
                and "\n" not in doc[tail_end - 1].whitespace_
            ):
                tail_end += 1
            if (
                close < len(doc)
                and doc[close].text == ")"
                and not doc[close].whitespace_ == ""
                and tail_end > close + 1
                and doc[tail_end - 1].lower_ in ORG_WORDS
            ):
                tail = doc[close + 1 : tail_end].text
                acronym = doc[inner[0] : inner[1]].text
                composite = RawMention(
                    close + 1,
                    tail_end,
                    text=f"{acronym} {tail}",
                    extra_names=[doc[long_form[0] : tail_end].text, f"{doc[long_form[0] : long_form[1]].text} {tail}"],
                    part_of_token=long_form[0],
                )
                vote(composite.votes, ORGANIZATION, "composite-name")
                found.append((close + 1, tail_end, composite))
    return found


def _long_form_before(doc: Doc, paren_i: int) -> tuple[int, int] | None:
    """The run of capitalised words (with of/and/hyphen parts) just before "(".

    "the Mujahedin-e Khalq (MEK Iran)" -> "Mujahedin-e Khalq"; "the Iranian Resistance The
    People's Mojahedin Organization of Iran (PMOI)" -> from "People's" (a capitalised "The"
    inside the run starts a new name).
    """
    end = paren_i
    i = end - 1
    while i >= 0:
        t = doc[i]
        if "\n" in t.text or ("\n" in t.whitespace_ and i != end - 1):
            break
        hyphen_part = t.text == "-" or (i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_)
        if t.text == "The" and i < end - 1:
            break
        if t.text[:1].isupper() or t.lower_ in LONG_NAME_JOINERS or hyphen_part:
            i -= 1
            continue
        break
    start = i + 1
    while start < end and (
        (doc[start].lower_ in LONG_NAME_JOINERS or doc[start].lower_ == "the") or doc[start].text == "-"
    ):
        start += 1
    if end - start < 2 and not (end - start == 1 and doc[start].pos_ == "PROPN"):
        return None
    return (start, end)


def _parts(name: str) -> list[str]:
    """Slash-joined names name the same thing: "PMOI / MEK Iran" -> PMOI, MEK Iran, MEK."""
    out = []
    stripped = strip_name(name)
    for part in re.split(r"\s*/\s*", stripped) if "/" in stripped else [stripped]:
        if part:
            out.append(part)
            words = part.split(" ")
            # "MEK Iran" -> "MEK": an acronym and the country it is of; not "HU Commission" nor
            # "HCW Music", a body or a division of the HU or HCW with a name of its own
            if len(words) == 2 and is_acronym(words[0]) and is_country(words[1]):
                out.append(words[0])
    return out


def cluster_mentions(doc: Doc, mentions: list[RawMention]) -> tuple[list[Entity], list[int]]:
    """Group one document's mentions into entities.

    Returns:
        The entities, and for each mention the index of its entity.
    """
    uf = UnionFind(len(mentions))
    _link_same_names(mentions, uf)
    _link_spelling_variants(mentions, uf)
    _link_parentheses(doc, mentions, uf)
    _link_acronyms(mentions, uf)
    ambiguous = _link_short_names(doc, mentions, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[uf.find(i)].append(i)
    entities: list[Entity] = []
    owner = [0] * len(mentions)
    for number, (root, idxs) in enumerate(sorted(groups.items(), key=lambda kv: min(kv[1]))):
        for i in idxs:
            owner[i] = number
        entities.append(_entity(doc, f"e{number}", [mentions[i] for i in idxs], ambiguous=root in ambiguous))
    return entities, owner


def _link_same_names(mentions: list[RawMention], uf: UnionFind) -> None:
    """The same name (or slash-joined part), and its plural or acronym-prefixed form."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        for part in _parts(m.text) or [m.text]:
            by_key[name_key(part)].append(i)
    for idxs in by_key.values():
        for j in idxs[1:]:
            uf.union(idxs[0], j)
    for key, idxs in list(by_key.items()):
        words = key.split(" ")
        # "Revolutionary Guard" / "Revolutionary Guards", "Resistance Unit" / "Resistance Units"
        if len(words) >= 2 and key.endswith("s") and key[:-1] in by_key:
            uf.union(idxs[0], by_key[key[:-1]][0])
        # "MEK Resistance Units" / "Resistance Units": the acronym names whose units they are
        if (
            len(words) >= 3
            and is_acronym(words[0].upper())
            and words[0].upper() in {strip_name(mentions[i].text).split(" ")[0] for i in idxs}
        ):
            rest = " ".join(words[1:])
            if rest in by_key:
                uf.union(idxs[0], by_key[rest][0])


def _link_spelling_variants(mentions: list[RawMention], uf: UnionFind) -> None:
    """One person's full name written two ways in one article ("Viktor Hale", then "Victor
    Hale" in a quote): the same words under ``linking.spelling``."""
    by_spelling: dict[str, int] = {}
    for i, m in enumerate(mentions):
        name = strip_name(m.text)
        if " " in name and person_like(name):
            j = by_spelling.setdefault(" ".join(spelling(w) for w in name.split(" ")), i)
            if j != i:
                uf.union(j, i)


def _link_parentheses(doc: Doc, mentions: list[RawMention], uf: UnionFind) -> None:
    """ "Long Name (ACR)": the parenthesis right after a mention names the same entity."""
    text = doc_text(doc)
    for i, (m, nxt) in enumerate(zip(mentions, mentions[1:], strict=False)):
        between = text[doc[m.end - 1].idx + len(doc[m.end - 1].text) : doc[nxt.start].idx]
        if between.strip() != "(":
            continue
        if initials(m.text) in {name_key(p).upper().replace(" ", "") for p in _parts(nxt.text)}:
            uf.union(i, i + 1)
        elif len(m.text.split()) >= 2 and not (vote_type(m.votes) == PERSON and _party_in_brackets(doc, m, nxt)):
            uf.union(i, i + 1)


def _party_in_brackets(doc: Doc, person: RawMention, m: RawMention) -> bool:
    """ "Jan Holm (Harbour Party)", "Tom Reed (Lab)", "Ann Lee (SNP)": after a person's
    name, a party or an organisation, not another name of the person (an acronym of another
    letter after a name with a known first name is no short form of it)."""
    words = doc[m.start : m.end]
    short = len(words) == 1 and party_abbreviation(words.text)
    other_acronym = (
        is_acronym(words.text) and words.text[:1] != person.text[:1] and _known_first_name(doc[person.start])
    )
    return short or other_acronym or bool({w.lower_ for w in words} & (ORG_WORDS | PARTY_WORDS))


def _link_acronyms(mentions: list[RawMention], uf: UnionFind) -> None:
    """An acronym whose letters are the initials of exactly one longer name in the document."""
    index: NameIndex[int] = NameIndex()
    for i, m in enumerate(mentions):
        index.add(m.text, uf.find(i), people=False)
    keys: dict[int, set[str]] = defaultdict(set)
    for i, m in enumerate(mentions):
        keys[uf.find(i)].add(name_key(m.text))
    for i, m in enumerate(mentions):
        for part in _parts(m.text):
            if is_acronym(part):
                roots = index.spelled(part)
                if len(roots) == 1:
                    uf.union(i, next(iter(roots)))
        # "the PCS union", "PCS Union": an acronym and the last word of the name it shortens
        # ("Public and Commercial Services Union")
        words = strip_name(m.text).split(" ")
        if len(words) == 2 and is_acronym(words[0]) and words[1][:1].isalpha():
            last = words[1].lower()
            spelled = index.spelled(words[0] + words[1][0].upper())
            roots = {r for r in spelled if any(k.endswith(" " + last) for k in keys[r])}
            if len(roots) == 1:
                uf.union(i, next(iter(roots)))


def _written(doc: Doc, m: RawMention) -> str:
    return f"{doc[m.start - 1].text} {m.text}" if m.start > 0 and _is_honorific(doc[m.start - 1]) else m.text


def _link_short_names(doc: Doc, mentions: list[RawMention], uf: UnionFind) -> set[int]:
    """A person named only by a surname or first name joins the one full name it fits.

    Returns:
        The groups that fit two or more people: left apart, and marked ambiguous.
    """
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[uf.find(i)].append(i)
    index: NameIndex[int] = NameIndex()
    for root, idxs in groups.items():
        for i in idxs:
            index.add(mentions[i].text, root, spelled=False)
    # a name written after an honorific keeps it: "Mr Lane" fits surnames only
    names = {root: [_written(doc, mentions[i]) for i in idxs] for root, idxs in groups.items()}
    # Inside one document a lone name that fits the one full name the document gives is that
    # person, whatever the NER called it ("Rajavi" tagged ORG): the type vote comes after.
    # Across documents (graph.resolve) only a group typed Person is linked this way.
    # A country named alone is the country, never the first word of a longer name ("Mauritius"
    # and "the Mauritius Independence Act")
    fits = link_short_names(names, index, is_person=lambda root: not all(is_country_name(n) for n in names[root]))
    ambiguous = set()
    for root, owners in fits.items():
        if len(owners) == 1:
            uf.union(root, next(iter(owners)))
        elif len(owners) > 1:
            ambiguous.add(root)
    return ambiguous


def _mention(doc: Doc, start: int, end: int) -> Mention:
    first, last = _char_range(doc, start, end)
    return Mention(doc_text(doc)[first:last], first, last)


def _entity(doc: Doc, key: str, mentions: list[RawMention], *, ambiguous: bool) -> Entity:
    """One entity of the document from its mentions: names, label, type vote."""
    votes = new_votes()
    names: list[str] = []
    toks = doc_tokens(doc)
    # "Martin Hale ... Hale ... Hale": the small model labels a lone surname an organisation
    # or a place more often than a full name; where a full name reads as a person (a known
    # first name, or the NER's own label on a name of capitalised words), the one-word
    # mentions' other labels count a quarter
    person_named = any(
        m.end - m.start >= 2
        and vote_type(m.votes) == PERSON
        and (
            _known_first_name(toks[m.start])
            or (m.votes[PERSON] >= type_weights()["ner-label"] and all(t.is_title for t in toks[m.start : m.end]))
        )
        for m in mentions
    )
    for m in mentions:
        if person_named and m.end - m.start == 1:
            add_votes(votes, {t: v if t.split("|")[0] == PERSON else v / 4 for t, v in m.votes.items()})
        else:
            add_votes(votes, m.votes)
        written = m.text
        if m.start > 0 and _is_honorific(toks[m.start - 1]):
            written = f"{toks[m.start - 1].text} {written}"
        names.append(clean(written))
        names.extend(p for p in _parts(m.text) if p != strip_name(m.text))
        names.extend(clean(x) for x in m.extra_names)
    label = canonical_label(names)
    return Entity(
        key=key,
        type=vote_type(votes),
        label=label,
        names=tuple(dict.fromkeys([label, *names])),
        mentions=tuple(_mention(doc, m.start, m.end) for m in mentions),
        type_votes=tuple(sorted((t, float(v)) for t, v in votes.items())),
        confidence=rule("ambiguous-short-name").confidence if ambiguous else 1.0,
    )
