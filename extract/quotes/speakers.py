"""Who a reporting cue's subject is: a name, a pronoun or a description, resolved to an entity.

Coreference is ours (no neural model installs here): the rules below read the parse and the
entities of one document; each returns a :class:`Speaker` that names the rule in the registry
(``rules.RULES``) that chose it, and takes that rule's confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..mentions.coref import Coreference
from ..mentions.linking import NameIndex
from ..nlp import doc_text, sentence_of, token_words
from ..rules import rule
from ..schema import ORGANIZATION, PERSON
from ..words import (
    GROUP_PRONOUNS,
    NP_PREPOSITIONS,
    ORG_DESCRIPTIONS,
    ORG_WORDS,
    PERSON_DESCRIPTIONS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    SHOWING_VERBS,
    TITLE_WORDS,
)
from .cues import speech_noun_source
from .spans import QuotedSpan, quoted_tokens

_SPEAKING_TYPES = frozenset({PERSON, ORGANIZATION})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Dependents that belong to a subject's noun phrase ("the regime's state-run daily").
_NP_LEFT = frozenset({"det", "compound", "amod", "poss", "nmod", "case", "nummod", "punct"})
# Clauses whose subject is their head's: "X said, adding ...", "X, who said ...".
_CLAUSES_UP = frozenset({"conj", "advcl", "xcomp", "ccomp", "acl", "relcl"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as written, the entity it resolved to (if any) and the rule that chose it."""

    text: str
    entity: str | None
    rule: str
    confidence: float

    @classmethod
    def by(cls, rule_name: str, text: str, entity: str | None) -> Speaker:
        """A speaker found by a registered rule, with that rule's confidence."""
        return cls(text, entity, rule_name, rule(rule_name).confidence)


class Speakers:
    """Speaker resolution over one parsed document.

    Args:
        doc: the parsed document.
        entity_of_token: the entity key of each token (None outside mentions).
        entity_type: entity key -> type (Person, Organization, ...).
        entity_label: entity key -> canonical name (for surnames the NER missed).
        titles: person key -> the titles the document gives them (for "the home secretary").
        posts: person key -> the organisations they hold those titles at ("the Labour leader").
    """

    def __init__(
        self,
        doc: Doc,
        entity_of_token: list[str | None],
        entity_type: dict[str, str],
        entity_label: dict[str, str] | None = None,
        titles: dict[str, list[str]] | None = None,
        posts: dict[str, set[str]] | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.ent = entity_of_token
        self.etype = entity_type
        self.in_quote = [False] * len(doc)
        # "Okafor said" where the model did not tag "Okafor": the one person it is part of
        self.labels = entity_label or {}
        self.titles = titles or {}
        self.posts = posts or {}
        self.coref: Coreference | None = None  # read once the quotes are masked
        self.full_names: NameIndex[str] = NameIndex()
        # "Executive ministers" after "the Harbour Executive": an organisation by the last word of its name
        self.org_heads: dict[str, set[str]] = {}
        for key, label in self.labels.items():
            if entity_type.get(key) == PERSON:
                self.full_names.add(label, key, spelled=False)
            elif entity_type.get(key) == ORGANIZATION and len(words := label.split()) > 1:
                self.org_heads.setdefault(words[-1], set()).add(key)

    def mask(self, spans: Iterable[QuotedSpan], in_quote: list[bool] | None = None) -> None:
        """Mark the tokens inside quotation marks: a speaker is never inside a quote.
        ``in_quote``: the marks, if the caller has them (``quoted_tokens`` of these spans)."""
        # in place: the attributor holds this list
        self.in_quote[:] = in_quote if in_quote is not None else quoted_tokens([t.idx for t in self.doc], spans)
        self.coref = Coreference(self.doc, self.ent, self.etype, self.labels, self.in_quote, self.titles, self.posts)

    def entity_before(self, token_i: int, wanted: frozenset[str] | set[str]) -> str | None:
        """The nearest entity of a wanted type named before a token, outside quotes."""
        for i in range(token_i - 1, -1, -1):
            key = self.ent[i]
            if key is not None and self.etype.get(key) in wanted and not self.in_quote[i]:
                return key
        return None

    def speaking_entity(self, i: int) -> str | None:
        """The person or organisation a token names, if any."""
        key = self.ent[i]
        return key if key is not None and self.etype.get(key) in _SPEAKING_TYPES else None

    # -- the words ------------------------------------------------------------------------------
    def noun_phrase(self, head: Token) -> Span:
        """The noun phrase of a subject, without appositions, relative clauses and quotes."""
        left = head
        for t in head.lefts:
            if t.dep_ in _NP_LEFT and not self.in_quote[t.i]:
                left = t if t.i < left.i else left
        left_i = min(
            (t.i for t in head.subtree if t.i <= head.i and not self.in_quote[t.i] and t.dep_ != "punct"),
            default=head.i,
        )
        right_i = head.i
        for t in head.rights:
            if t.dep_ == "prep" and t.lower_ in NP_PREPOSITIONS:
                right_i = max(right_i, max(x.i for x in t.subtree))
            elif t.dep_ in {"compound", "flat"}:
                right_i = max(right_i, t.i)
            else:
                break
        while right_i > left_i and self.in_quote[right_i]:
            right_i -= 1
        return self.doc[min(left_i, left.i) : right_i + 1]

    def source_text(self, head: Token, *, after: int = -1) -> str:
        """The speaker as written: the subject with its appositions and clauses ("Scott
        Pruitt, the Republican attorney general of Oklahoma"), never reaching into a quote."""
        lo = hi = head.i
        for t in head.subtree:
            if not self.in_quote[t.i]:
                lo, hi = min(lo, t.i), max(hi, t.i)
        for i in range(head.i, hi + 1):
            if self.in_quote[i]:
                hi = i - 1
                break
        for i in range(head.i, lo - 1, -1):
            if self.in_quote[i]:
                lo = i + 1
                break
        while hi > lo and (
            (self.doc[hi].is_punct or self.doc[hi].is_space or self.doc[hi].tag_ == "POS") and self.doc[hi].text != ")"
        ):
            hi -= 1
        lo = max(lo, after + 1)
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        return self.doc[lo : hi + 1].text

    # -- resolution -----------------------------------------------------------------------------
    def resolve(self, head: Token) -> Speaker:
        """The entity a subject stands for: a name, else a pronoun or a description."""
        text = self.source_text(head)
        found = self._by_name(head, text) or self._by_reference(head, text)
        if found.entity is None or self.etype.get(found.entity) != PERSON:
            named = self._named_next(head)
            if named is not None:
                return Speaker.by("description-named-next", text, named)
        return found

    def _named_next(self, head: Token) -> str | None:
        """ "France's finance minister said ... Ann Hale said she would ...": a person described
        before they are named ("a spokesman", "a candidate for X", a place's or a body's
        minister) is the person the next sentence's subject names for the first time, unless
        the document gives that person a title with another head ("Opposition leader Ann Hale")."""
        if head.pos_ != "NOUN" or head.lower_ not in PERSON_DESCRIPTIONS or self.in_quote[head.i]:
            return None
        introduced = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children) or any(
            c.dep_ == "poss" and self.ent[c.i] is not None and self.etype.get(self.ent[c.i] or "") != PERSON
            for c in head.children
        )
        if not introduced:
            return None
        end = sentence_of(head).end
        if end >= len(self.doc):
            return None
        following = sentence_of(self.doc[end])
        for i in range(following.start, following.end):
            key = self.ent[i]
            if key is None or self.in_quote[i] or self.etype.get(key) != PERSON:
                continue
            t = self.doc[i]
            while t.dep_ in ("compound", "flat") and t.head.i != t.i:
                t = t.head
            if t.dep_ not in _SUBJECTS:
                continue
            if key in self.ent[: following.start]:
                return None  # named before: the description is someone else
            titles = self.titles.get(key, [])
            if titles and not any(title.lower().split()[-1:] == [head.lower_] for title in titles):
                return None
            return key
        return None

    def _by_name(self, head: Token, text: str) -> Speaker | None:
        """The head itself, an apposition ("the regime's leader, Ali Khamenei"), any entity
        inside the phrase ("MEK Iran's representatives", "a spokesman for X"), a surname."""
        if self.ent[head.i] and not self._titled_apposition(head):
            return Speaker.by("named", text, self.ent[head.i])
        frontier = [head]
        for _ in range(3):  # "the regime's Supreme Leader, Ali Khamenei": appositions of appositions
            frontier = [c for t in frontier for c in t.children if c.dep_ == "appos" and not self.in_quote[c.i]]
            for child in frontier:
                if self.speaking_entity(child.i):
                    return Speaker.by("named-apposition", text, self.ent[child.i])
        inside = [k for k in (self.speaking_entity(t.i) for t in self.noun_phrase(head)) if k]
        if inside:
            people = [k for k in inside if self.etype.get(k) == PERSON]
            # "the Labour leader": the person the document gives that title at that organisation
            titled = self.coref.resolved.get(head.i) if self.coref is not None else None
            if not people and titled is not None and self.posts.get(titled, set()) & set(inside):
                return Speaker.by("description-title", text, titled)
            return Speaker.by("named-inside", text, (people or inside)[0])
        fits = self.full_names.people(head.text) if head.text[:1].isupper() else set()
        if len(fits) == 1:
            return Speaker.by("named-short", text, next(iter(fits)))
        for t in head.lefts:
            bodies = self.org_heads.get(t.text, set()) if t.dep_ in ("compound", "amod") else set()
            if len(bodies) == 1 and not self.in_quote[t.i] and self.ent[t.i] is None:
                return Speaker.by("named-inside", text, next(iter(bodies)))
        return None

    def _titled_apposition(self, head: Token) -> bool:
        """ "The Lord Chief Justice, Lord Woolf, said": the subject is a title the NER took for
        a name of one word, and a person's name stands in apposition to it."""
        key = self.ent[head.i]
        if key is None or len(self.labels.get(key, "").split()) > 1 or self.etype.get(key) != PERSON:
            return False
        return any(
            c.dep_ == "appos" and self.ent[c.i] not in (None, key) and self.etype.get(self.ent[c.i] or "") == PERSON
            for c in head.children
        )

    def _by_reference(self, head: Token, text: str) -> Speaker:
        """A pronoun or a description: the entity the coreference reading gave it, else (a
        word the reading passed over: a description that is no subject, "by the company")
        the nearest fitting entity before it."""
        read = self._coreference_reading(head, text)
        if read is not None and read.entity is not None:
            return read
        fuller = self._described_before(head)
        if fuller is not None:  # "A Harbour Party spokesman said ... The spokesman added"
            named = self._by_name(fuller, text)
            return Speaker.by("description-before", self.source_text(fuller), named.entity if named else None)
        if read is not None:
            return read
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            return Speaker.by("pronoun", text, self.entity_before(head.i, {PERSON}))
        if lower in GROUP_PRONOUNS:
            return Speaker.by("pronoun-group", text, self.entity_before(head.i, {ORGANIZATION}))
        if lower in ORG_DESCRIPTIONS or lower in ORG_WORDS:
            return Speaker.by("description", text, self.entity_before(head.i, {ORGANIZATION}))
        if lower in PERSON_DESCRIPTIONS:
            return Speaker.by("description-person", text, self.entity_before(head.i, {PERSON}))
        return Speaker.by("unresolved", text, None)

    def _coreference_reading(self, head: Token, text: str) -> Speaker | None:
        """What the coreference reading made of the subject, if it read it."""
        if self.coref is None or head.i not in self.coref.rule:
            return None
        described = self.coref.described_by.get(head.i)
        if described is not None:  # "A spokesman said ... he added": the words that said who
            text = self.source_text(self.doc[described])
        return Speaker.by(self.coref.rule[head.i], text, self.coref.resolved[head.i])

    def _described_before(self, head: Token) -> Token | None:
        """A role noun after "the" and nothing else ("the spokesman") is the nearest fuller
        description before it with the same noun ("a Harbour Party spokesman", "the minister's
        spokesman"): the words that said who it is, and the organisation they name."""
        if head.pos_ != "NOUN" or head.lower_ not in TITLE_WORDS or [c.lower_ for c in head.lefts] != ["the"]:
            return None
        lowers = token_words(self.doc).lower  # a Token is made only where the noun is
        for i in range(head.i - 1, -1, -1):
            if lowers[i] == head.lower_ and not self.in_quote[i]:
                t = self.doc[i]
                if any(c.dep_ in {"poss", "compound", "amod"} for c in t.lefts):
                    return t
        return None

    def _inverted_subject(self, verb: Token) -> Token | None:
        """'“...,” added another New Hampshire Democrat.': after a closing mark, a cue
        followed by its subject, which the parser often takes for an object."""
        after_quote = verb.i > 0 and self.in_quote[verb.i - 1]
        after_quote = after_quote or (verb.i > 1 and self.doc[verb.i - 1].is_punct and self.in_quote[verb.i - 2])
        if not after_quote:
            return None
        if any(c.dep_ in _SUBJECTS and not self.in_quote[c.i] for c in verb.children):
            return None
        return next(
            (
                c
                for c in verb.rights
                if c.dep_ in ("dobj", "attr") and c.pos_ in ("PROPN", "NOUN") and c.i - verb.i <= 6
            ),
            None,
        )

    def subject_in_quote(self, verb: Token) -> Token | None:
        """ "“...,” Ann Hale, the group's head of policy, said.": a cue with no subject right
        after a closing mark, where the parser hung the words between on a word of the quote;
        the first noun phrase of those words (the one whose head is outside them) is the subject."""
        start = sentence_of(verb).start
        lo = verb.i
        while lo > max(start, verb.i - 21) and not self.in_quote[lo - 1]:
            lo -= 1
        if lo <= start or lo == verb.i or verb.i - lo > 20:
            return None  # no closing mark before the cue in its sentence, or one too far back
        if lo <= verb.head.i < verb.i:
            return None  # the cue stands in those words: 'a "sham," a letter saying that ...'
        for t in self.doc[lo : verb.i]:
            if t.is_punct or t.is_space:
                continue
            if lo <= t.head.i < verb.i:
                continue
            hung_on_quote = self.in_quote[t.head.i]
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t.dep_ not in ("poss", "pobj", "dobj") and hung_on_quote:
                return t
            return None  # the words open with something else: '"...," but then she said'
        return None

    @staticmethod
    def _shown_saying(verb: Token) -> Token | None:
        """ "The paper quoted Ann Hale as saying ...", "The film showed Ann Hale, in a hall,
        telling them ...": a participle of saying whose clause is "as" after an object, or
        that hangs on a verb of showing or hearing with an object: the object speaks."""
        if verb.tag_ != "VBG":
            return None
        head = verb.head
        if verb.dep_ == "pcomp" and head.lower_ == "as" and head.dep_ == "prep":
            head = head.head
        elif not (verb.dep_ in ("advcl", "ccomp", "xcomp") and head.lemma_.lower() in SHOWING_VERBS):
            return None
        if head.pos_ != "VERB":
            return None
        objects = (c for c in head.children if c.dep_ == "dobj" and c.i < verb.i and c.pos_ in ("PROPN", "NOUN"))
        return next(objects, None)

    def subject(self, verb: Token) -> Token | None:
        """The subject of a cue verb, following conjunctions and participles up the tree."""
        if verb.pos_ == "NOUN":  # a noun of saying: "Ada Kell's claim", "issued a statement"
            source = speech_noun_source(verb)
            if source is None or self.in_quote[source.i]:
                return None
            return source if source.dep_ == "poss" else self.subject(source)
        inverted = self._inverted_subject(verb)
        if inverted is not None:
            return inverted
        for _ in range(4):  # the verb and up to three clauses above it
            while verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "pobj", "attr") and verb.head.i != verb.i:
                verb = verb.head  # "He adopted an accent and joked": the parser joined the verb to the noun
            for child in verb.children:
                if child.dep_ in _SUBJECTS and not self.in_quote[child.i]:
                    if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                        return verb.head  # "Penrose, who said ..."
                    return child
                if child.dep_ == "agent":
                    for grand in child.children:
                        if grand.dep_ == "pobj":
                            return grand
            for child in verb.children:  # "But he did, for the first time, say": on the auxiliary
                if child.dep_ == "aux" and child.i < verb.i:
                    hung = next((g for g in child.children if g.dep_ in _SUBJECTS and not self.in_quote[g.i]), None)
                    if hung is not None:
                        return hung
            if verb.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                controller = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
                if controller is not None and any(self.speaking_entity(t.i) for t in controller.subtree):
                    return controller  # "It led the journalist Ann Lee to fear ...": the object does it
            shown = self._shown_saying(verb)
            if shown is not None:
                return shown
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
                verb = verb.head  # "After saying ..., she was": the clause the phrase modifies
            elif verb.dep_ not in _CLAUSES_UP or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None
