"""Coreference of our own: who "he", "she", "it", "the committee" and "the home secretary" are.

No neural coreference model installs here, so this is a salience model in the manner of
Lappin and Leass (1994), read off spaCy's parse: the document is read once, sentence by
sentence; every mention of a person or organisation outside quotation marks adds to its
entity's salience a weight for its grammatical role (the subject of the main clause most), and
all salience halves at each new sentence. A pronoun or a definite description goes to the most
salient entity it agrees with:

* he/she: a person whose gender agrees, gender taken from the text first (Mr, Mrs, Sir, Lady
  before any of its names), then from a first-name lexicon (``data/first_names.tsv``);
* it/they/we: an organisation;
* "the home secretary": the person the document gave that title ("Home Secretary Charles
  Clarke"); "the committee", "the band": an organisation whose name holds the word, else the
  most salient one.

A resolved pronoun or description is itself a mention and adds to the salience of its entity,
so a chain ("Ms Ortiz ... She ... she said") carries the topic forward.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token

from ..nlp import doc_sents, doc_tokens, sentence_of, token_words
from ..schema import ORGANIZATION, PERSON
from ..words import (
    FEMALE_HONORIFICS,
    FEMALE_PRONOUNS,
    GROUP_PRONOUNS,
    HONORIFICS,
    MALE_HONORIFICS,
    MALE_PRONOUNS,
    ORG_DESCRIPTIONS,
    ORG_KIND_NOUNS,
    ORG_WORDS,
    PERSON_DESCRIPTIONS,
    PERSON_NOUNS,
    SPOKESPEOPLE,
    TITLE_DOMAINS,
    TITLE_WORDS,
)

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# the words a description is read from, made once (tested per token)
_DESCRIPTION_WORDS = PERSON_DESCRIPTIONS | ORG_DESCRIPTIONS | ORG_WORDS | ORG_KIND_NOUNS
# every word ``_refer`` reads as a pronoun or a description (the rest are passed over unread)
_REFERRING = MALE_PRONOUNS | FEMALE_PRONOUNS | GROUP_PRONOUNS | _DESCRIPTION_WORDS
# Salience weights of a mention's grammatical role; all salience halves at each new sentence.
_MAIN_SUBJECT, _SUBJECT, _OTHER, _POSSESSOR = 100.0, 40.0, 25.0, 15.0
_DECAY = 0.5
# Clauses whose subject a pronoun subject inside them is bound to: "X said (that) he ...".
_REPORTED = frozenset({"ccomp", "xcomp", "advcl", "conj"})
# A person whose gender nothing tells competes at this share of its salience for he/she.
_UNKNOWN_GENDER = 0.6
MALE, FEMALE = "m", "f"


@cache
def first_names() -> dict[str, str]:
    """First name (lower case) -> "m" or "f", from the shipped lexicon."""
    path = Path(__file__).parents[1] / "data" / "first_names.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, gender = line.partition("\t")
        out[name] = gender
    return out


def pronoun_gender(word: str) -> str | None:
    """m for he/him/his, f for she/her, None for any other word."""
    lower = word.lower()
    return MALE if lower in MALE_PRONOUNS else FEMALE if lower in FEMALE_PRONOUNS else None


class Coreference:
    """The entity each pronoun and definite description outside quotes stands for.

    Args:
        doc: the parsed document.
        entity_of_token: the entity key of each token (None outside mentions).
        entity_type: entity key -> type.
        entity_label: entity key -> canonical name (its first word feeds the gender lexicon).
        in_quote: which tokens are inside quotation marks (never mentions of the narrative).
        titles: person key -> the titles the document gives them ("home secretary").
        posts: person key -> the organisations they hold those titles at.
    """

    def __init__(
        self,
        doc: Doc,
        entity_of_token: list[str | None],
        entity_type: Mapping[str, str],
        entity_label: Mapping[str, str],
        in_quote: list[bool],
        titles: Mapping[str, Iterable[str]] | None = None,
        posts: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.doc = doc
        self.ent = entity_of_token
        self.etype = dict(entity_type)  # and the unnamed people below, keyed "~<token index>"
        self.in_quote = in_quote
        self.titles = {k: [t.lower().split() for t in ts] for k, ts in (titles or {}).items()}
        self.posts = {k: set(orgs) for k, orgs in (posts or {}).items()}
        self.org_words = {
            k: set(label.lower().split()) for k, label in entity_label.items() if entity_type.get(k) == ORGANIZATION
        }
        self.gender = self._genders(entity_label)
        # token index of a pronoun or description head -> the entity it stands for (or None)
        self.resolved: dict[int, str | None] = {}
        # ... and the registered rule that chose it (rules.RULES)
        self.rule: dict[int, str] = {}
        # a pronoun that stands for someone never named ("A spokesman said ... He added"):
        # pronoun token index -> the head of the description that introduced them
        self.described_by: dict[int, int] = {}
        self._read()

    # -- gender ---------------------------------------------------------------------------------
    def _genders(self, labels: Mapping[str, str]) -> dict[str, str]:
        """Each person's gender: honorifics before its mentions outvote the first-name lexicon."""
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        doc, ent = self.doc, self.ent
        for i, key in enumerate(ent):
            if key is None or self.etype.get(key) != PERSON or (i > 0 and ent[i - 1] == key):
                continue
            for t in (doc[i], doc[i - 1]) if i > 0 else (doc[i],):
                word = t.lower_.rstrip(".")
                if word in MALE_HONORIFICS:
                    votes[key][MALE] += 2
                elif word in FEMALE_HONORIFICS:
                    votes[key][FEMALE] += 2
        lexicon = first_names()
        people = [label.split() for key, label in labels.items() if self.etype.get(key) == PERSON]
        surnames = {words[-1].lower() for words in people if len(words) >= 2}
        for key, label in labels.items():
            words = label.split()
            while len(words) > 1 and (words[0].lower() in TITLE_WORDS or words[0].lower().rstrip(".") in HONORIFICS):
                words = words[1:]  # "Councillor Archy Pell": the title the NER kept is no first name
            if self.etype.get(key) != PERSON or not words or words[0].lower() not in lexicon:
                continue
            if len(words) == 1 and words[0].lower() in surnames:
                continue  # "Clinton" beside "Hillary Clinton" and "Bill Clinton": a surname
            # a name of one word may still be a surname that is also a first name: half a vote
            votes[key][lexicon[words[0].lower()]] += 1 if len(words) >= 2 else 0.5
        out = {}
        for key, v in votes.items():
            if v[MALE] != v[FEMALE]:
                out[key] = MALE if v[MALE] > v[FEMALE] else FEMALE
        return out

    # -- the reading ----------------------------------------------------------------------------
    def _read(self) -> None:
        """One pass over the sentences: mentions add salience, pronouns and descriptions are
        resolved against the salience so far.

        An entity's salience is, summed over sentences and halved at each one, the weight of
        its most salient mention in that sentence (Lappin and Leass: a name said twice in one
        sentence is no more salient than once)."""
        before: dict[str, float] = defaultdict(float)  # salience up to the current sentence
        doc, ent = self.doc, self.ent
        lowers, toks = token_words(doc).lower, doc_tokens(doc)
        for sent in doc_sents(doc):
            now: dict[str, float] = defaultdict(float)  # best mention of each entity in it
            salience = _Salience(before, now)
            i, end = sent.start, sent.end
            while i < end:
                key = ent[i]
                if self.in_quote[i]:
                    i += 1
                    continue
                if key is not None and self.etype.get(key) in (PERSON, ORGANIZATION):
                    j = i
                    while j < end and ent[j] == key:
                        j += 1
                    now[key] = max(now[key], _weight(_mention_head(doc, i, j)))
                    i = j
                    continue
                if lowers[i] not in _REFERRING:
                    i += 1
                    continue
                token = toks[i]
                found = self._refer(token, salience)
                if found is not None:
                    key, how = found
                    if key is None and how == "unresolved":
                        key = self._unnamed(token)
                    self.resolved[i], self.rule[i] = found
                    if key is not None and key.startswith("~"):
                        self.resolved[i] = None
                        if how == "pronoun":
                            self.rule[i], self.described_by[i] = "pronoun-description", int(key[1:])
                    if key is not None:
                        now[key] = max(now[key], _weight(token))
                i += 1
            # in order of first mention (ties stay stable): those seen before, then the new ones
            for key in before:
                before[key] = before[key] * _DECAY + now.get(key, 0.0)
            for key, weight in now.items():
                if key not in before:
                    before[key] = weight

    def _after_an_organisation(self, token: Token) -> Token | None:
        """ "A Department for Health and Care spokeswoman said": a role noun right after an
        organisation's name that "a" opens (the "a" hangs on the name, or the parser made the
        noun the object of the name's "for"): the subject whose words are the whole description."""
        i = token.i
        if i == 0 or token.lower_ not in PERSON_DESCRIPTIONS or self.in_quote[i]:
            return None
        key = self.ent[i - 1]
        if key is None or self.etype.get(key) != ORGANIZATION:
            return None
        start = i - 1
        while start > 0 and self.ent[start - 1] == key:
            start -= 1
        if start == 0 or self.doc[start - 1].lower_ not in ("a", "an"):
            return None
        if token.dep_ in _SUBJECTS:
            return token
        subject = self.doc[start]
        while subject.dep_ not in _SUBJECTS and subject.head.i != subject.i and start <= subject.head.i < i:
            subject = subject.head
        return subject if subject.dep_ in _SUBJECTS and subject.left_edge.i <= i <= subject.right_edge.i else None

    def _unnamed(self, token: Token, phrase: Token | None = None) -> str:
        """A person introduced by a description alone ("a spokeswoman for the ministry"): a
        discourse referent of its own, so the pronouns after it do not go to someone named.
        ``phrase``: the head of the words that describe them, if not ``token``."""
        key = f"~{(phrase or token).i}"
        self.etype[key] = PERSON
        if token.lower_.endswith("woman"):
            self.gender[key] = FEMALE
        elif token.lower_.endswith("man"):
            self.gender[key] = MALE
        return key

    def _refer(self, token: Token, salience: Mapping[str, float]) -> tuple[str | None, str] | None:
        """(the entity, the rule) of a pronoun or description; None if the token is neither."""
        gender = pronoun_gender(token.text)
        if gender is not None:
            described = self._described_in_front(token)
            found = self._bound(token, gender) or self._most_salient(salience, PERSON, gender, not_in=described)
            return found, "pronoun"
        lower = token.lower_
        if lower in GROUP_PRONOUNS and token.pos_ == "PRON":
            return self._most_salient(salience, ORGANIZATION, None), "pronoun-group"
        phrase = self._after_an_organisation(token)
        if phrase is not None:  # "A Department for Health spokeswoman said": someone new
            return self._unnamed(token, phrase), "unresolved"
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in _SUBJECTS:
            return None  # descriptions are read as subjects only: "on the television" is no mention
        if lower not in _DESCRIPTION_WORDS:
            return None
        if any(c.dep_ == "appos" and self.ent[c.i] is not None for c in token.children):
            return None  # "the party's leader, Ann Lee, said": the name that follows is the mention
        if not any(c.dep_ in ("det", "poss") for c in token.children):
            return None  # "Commander of the Order of the Bath": a title, no one introduced
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return (None, "unresolved") if lower in PERSON_DESCRIPTIONS else None  # "a spokesman": someone new
        if any(c.dep_ == "poss" for c in token.children):
            return None, "unresolved"  # "the prime minister's spokesman": an agent of someone else
        # the words that make the title: "the shadow home secretary"; a capitalised modifier
        # names the organisation ("the Tory leader" is "Tory leader X", who holds "leader")
        words = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod") and not c.text[:1].isupper()] + [lower]
        if lower not in PERSON_DESCRIPTIONS:
            return self._named_org(words, salience), "description"
        titled = self._titled(words, salience, token)
        if titled is not None:
            return titled, "description-title"
        if lower in SPOKESPEOPLE:
            return None, "unresolved"
        return self._most_salient(salience, PERSON, None, not_titled=words), "description-person"

    def _bound(self, pronoun: Token, gender: str) -> str | None:
        """The subject of the clause a subject pronoun's clause reports: "Tory MP Ann Lee
        said she was amazed" -> Ann Lee, however salient anyone else is."""
        if pronoun.dep_ not in _SUBJECTS:
            return None
        clause = pronoun.head
        while clause.dep_ in _REPORTED and clause.head.i != clause.i:
            clause = clause.head
            subject = next((c for c in clause.children if c.dep_ in _SUBJECTS and c.i < pronoun.i), None)
            if subject is None:
                continue
            key = self.ent[subject.i] or self.resolved.get(subject.i)
            if key is None or self.etype.get(key) != PERSON or self.gender.get(key, gender) != gender:
                return None
            self.gender[key] = gender  # "Pell said he ...": the text itself says Pell is a man
            return key
        return None

    def _described_in_front(self, pronoun: Token) -> set[str]:
        """The people named inside a description of the pronoun put before it: "The daughter
        of Tom Reed, she was born ..." and "Born in Leeds, the son of Tom Reed, he joined ...":
        she is the daughter, never Tom Reed."""
        if pronoun.dep_ not in _SUBJECTS:
            return set()
        verb, toks = pronoun.head, doc_tokens(self.doc)
        out: set[str] = set()
        lowers = token_words(self.doc).lower
        for i in range(sentence_of(pronoun).start, pronoun.i):
            if lowers[i] not in PERSON_NOUNS:
                continue
            t = toks[i]
            edge = t.right_edge.i
            if (
                edge + 1 < pronoun.i
                and toks[edge + 1].text == ","
                and (t.head == verb or (t.head.dep_ == "advcl" and t.head.head == verb))
            ):
                out |= {k for k in self.ent[t.i + 1 : edge + 1] if k is not None}
        return out

    def _most_salient(
        self,
        salience: Mapping[str, float],
        wanted: str,
        gender: str | None,
        not_titled: list[str] | None = None,
        not_in: set[str] | None = None,
    ) -> str | None:
        """The most salient entity of a type whose gender agrees (unknown counts less); with
        ``not_titled``, none whose title has that head but other words ("the shadow
        chancellor" is not "Chancellor Gordon Brown"); none of ``not_in``."""
        best, best_score = None, 0.0
        for key, score in salience.items():
            if self.etype.get(key) != wanted or score <= 0 or (not_in and key in not_in):
                continue
            if not_titled and any(t[-1:] == not_titled[-1:] for t in self.titles.get(key, ())):
                continue
            if gender is not None:
                known = self.gender.get(key)
                if known is not None and known != gender:
                    continue
                score *= 1.0 if known == gender else _UNKNOWN_GENDER
            if score > best_score:
                best, best_score = key, score
        return best

    def _organisations_named(self, head: Token) -> set[str]:
        """The organisations the capitalised words before a description's head name ("the
        Labour leader"): an organisation's mention, or a word of an organisation's name that
        is no title's word ("the Home Secretary" names no "Home Office")."""
        out = set()
        for c in head.lefts:
            if c.dep_ not in ("compound", "amod", "nmod"):
                continue
            for t in c.subtree:
                key = self.ent[t.i]
                if key is not None and self.etype.get(key) == ORGANIZATION:
                    out.add(key)
                elif t.text[:1].isupper() and t.lower_ not in TITLE_WORDS and t.lower_ not in TITLE_DOMAINS:
                    out |= {k for k, name in self.org_words.items() if t.lower_ in name}
        return out

    def _titled(self, words: list[str], salience: Mapping[str, float], head: Token) -> str | None:
        """The most salient person given a title that holds the description's words and ends
        on its head: "the home secretary" -> "Home Secretary Charles Clarke"; of several, one
        titled at an organisation the description names first ("the Labour leader" is Labour's,
        not another's)."""
        fits = [k for k, titles in self.titles.items() if any(_titles(t, words) for t in titles)]
        if len(fits) > 1:
            at = self._organisations_named(head)
            fits = [k for k in fits if self.posts.get(k, set()) & at] or fits
        return max(fits, key=lambda k: salience.get(k, 0.0), default=None)

    def _named_org(self, words: list[str], salience: Mapping[str, float]) -> str | None:
        """The organisation whose name holds the description's head ("the committee" -> "Home
        Affairs Committee") and most of its other words ("the assembly government" is the
        "Assembly Government", not the "Local Government Association"), the most salient of
        equals; else the most salient organisation."""
        fits = [k for k, name in self.org_words.items() if words[-1] in name]
        if fits:
            return max(fits, key=lambda k: (len(self.org_words[k].intersection(words)), salience.get(k, 0.0)))
        return self._most_salient(salience, ORGANIZATION, None)


class _Salience(Mapping[str, float]):
    """Salience as seen from inside a sentence: what came before, halved, plus what this
    sentence has said so far."""

    def __init__(self, before: Mapping[str, float], now: Mapping[str, float]) -> None:
        self.before, self.now = before, now

    def __getitem__(self, key: str) -> float:
        return self.before.get(key, 0.0) * _DECAY + self.now.get(key, 0.0)

    def __iter__(self) -> Iterator[str]:
        # in order of first mention, never a set's: a tie must go the same way in every run
        return iter(dict.fromkeys([*self.before, *self.now]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*self.before, *self.now]))


def _weight(head: Token) -> float:
    """A mention's salience weight by its grammatical role: the subject of the main clause
    most, then any subject, then anything else, a possessor least."""
    t = head
    while t.dep_ in ("compound", "flat", "appos") and t.head.i != t.i:
        t = t.head  # "Lord Woolf" in "The Lord Chief Justice, Lord Woolf, said": the subject's
    if t.dep_ == "poss":
        return _POSSESSOR
    if t.dep_ == "ROOT" and t.pos_ in ("PROPN", "NOUN"):
        return _MAIN_SUBJECT  # "X, chairman of Y, called on ...": the parser made the name the root
    if t.dep_ not in _SUBJECTS:
        # "held by General X, who was appointed ...": the subject of the relative clause on it
        relative = any(
            c.dep_ == "relcl" and any(s.dep_ in _SUBJECTS and s.lower_ == "who" for s in c.children)
            for c in head.children
        )
        return _SUBJECT if relative else _OTHER
    verb = t.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return _MAIN_SUBJECT if verb.dep_ == "ROOT" else _SUBJECT


def _titles(title: list[str], words: list[str]) -> bool:
    """A title (lower-case words) a description's words name: same head, all words in it."""
    return bool(title) and title[-1] == words[-1] and set(words) <= set(title)


def _mention_head(doc: Doc, start: int, end: int) -> Token:
    """The token of doc[start:end] whose head lies outside it (the last one if several)."""
    toks = doc_tokens(doc)
    head = toks[end - 1]
    for t in toks[start:end]:
        if not start <= t.head.i < end or t.head.i == t.i:
            head = t
    return head
