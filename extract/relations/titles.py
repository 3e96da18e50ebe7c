"""Title phrases: "the President-elect of the National Council of Resistance of Iran", "Tory
leader", "Trade and Industry Secretary", "one of the regime's officials".

Appositions in news are parsed unreliably by the small model ("the regime's Vice-president"
comes out as three appositions), so a title is read as a run of tokens with spaCy's POS tags:
who owns it (a possessor, an organisation or a party adjective before it), the title words up
to the head, and an organisation after "of".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..mentions.names import demonyms, is_acronym, is_country
from ..nlp import doc_tokens, sentence_of, token_words
from ..schema import ORGANIZATION, PERSON, PLACE
from ..words import (
    CORPORATE_TITLES,
    DESCRIPTION_JOINERS,
    DROPPED_TITLE_MODIFIERS,
    GENERIC_DESCRIPTIONS,
    GENERIC_PARTY_WORDS,
    LOCAL_OFFICES,
    ORG_DESCRIPTIONS,
    ORG_WORDS,
    OWNER_MODIFIERS,
    PARTY_ADJECTIVES,
    PARTY_WORDS,
    PORTFOLIO_OFFICES,
    POSSESSIVE_ENDINGS,
    POSSESSOR_STOPS,
    STATE_OFFICES,
    TITLE_CONJUNCTIONS,
    TITLE_DOMAINS,
    TITLE_JOINERS,
    TITLE_MODIFIERS,
    TITLE_PREPOSITIONS,
    TITLE_WORDS,
)
from .context import DocContext

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    org: str | None
    start: int  # token range of the whole phrase (org included)
    end: int
    head: str


# Prepositions that may stand before a title's organisation: "of", "for", "at", "to", and "with"
# before an employer ("an economist with Harbour Bank").
_ORG_PREPOSITIONS = TITLE_PREPOSITIONS | {"with"}
_PARTY_WORDS_ADJECTIVES = PARTY_WORDS | PARTY_ADJECTIVES


class Titles:
    """Title phrases over one parsed document (``ctx``: the document as the relation rules
    read it; a title may add the organisation or country it names, ``ctx.new_org`` /
    ``ctx.new_place``: "Tory" of "Tory leader", "France" of "French")."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.ent = ctx.of_token
        self.etype = ctx.types
        self.new_org = ctx.new_org
        self.known_org = ctx.known_org
        self.new_place = ctx.new_place
        # entities the document names with more than one word somewhere ("Tom Reed"): a person
        # for sure, never a company the NER mistyped
        ent = ctx.of_token
        self.long_named = {k for i, k in enumerate(ent) if k is not None and i > 0 and ent[i - 1] == k}

    def _mistyped_company(self, i: int) -> bool:
        """A one-word name typed a place or a person, before a company's title: "Fastjet
        deputy chief executive X" (a person holds no company title before another's name)."""
        key = self.ent[i]
        if key is None or self.etype.get(key) not in {PLACE, PERSON}:
            return False
        return (self.etype.get(key) == PLACE or key not in self.long_named) and self._corporate_title(i)

    def _is(self, i: int, wanted: str) -> bool:
        key = self.ent[i] if 0 <= i < len(self.ent) else None
        return key is not None and self.etype.get(key) == wanted

    def _mention_end(self, i: int) -> int:
        key = self.ent[i]
        j = i
        while j < len(self.doc) and self.ent[j] == key:
            j += 1
        return j

    def parse_title(self, lo: int, hi: int, *, plural: bool = False) -> Title | None:
        """Read tokens [lo, hi) as one title phrase, all of it or nothing; ``plural``: a title
        several people share ("senior cabinet members A, B and C"), read in the singular.

        "the President-elect of the National Council of Resistance of Iran",
        "member of the NCRI Foreign Affairs Committee", "the regime's supreme leader",
        "Colombian presidential candidate", "Trade and Industry Secretary", "one of the
        regime's officials".
        """
        plural = plural or self.doc[lo].lower_ == "one"
        # "Former Harbour Trust chairman", "Shadow Tory ... ": a modifier before the organisation
        # belongs to the title
        mods = lo
        while mods < hi and self.doc[mods].lower_ in OWNER_MODIFIERS:
            mods += 1
        start, org = self._owner(mods, hi)
        if org is None:  # no organisation after them: the modifiers are the title's own words
            mods = lo
            start, org = self._owner(lo, hi)
        found = self._title_head(start, hi, plural=plural)
        if found is None:
            return None
        head_at, i = found
        if org is not None and start > mods and self._portfolio_office(start, head_at, org):
            # "Armed Forces Minister X", "Home Secretary X": a capitalised office of state is
            # named by its portfolio; the words before it are no organisation employing it
            while start > mods and self.ent[start - 1] == org:
                start -= 1
            org = None
        text = self._title_text(start, head_at, plural=plural)
        if text is None:
            return None
        if mods > lo:
            text = " ".join(t.text for t in self.doc[lo:mods]) + " " + text
        after, org = self._organisation_after(i, hi, org)
        # "director of air transport [at the Trust]", "spokeswoman for women": a portfolio
        # after the head, up to the organisation, is part of the title
        k = i
        while k < after and (org is None or self.ent[k] is None):
            k += 1
        while k > i and (
            self.doc[k - 1].lower_ in _ORG_PREPOSITIONS
            or self.doc[k - 1].pos_ == "DET"
            or self._describes(self.doc[k - 1])
        ):
            k -= 1
        if k > i:
            text = f"{text} {self.doc[i:k].text}"
        return Title(text, org, lo, hi, self.doc[head_at].lower_) if after == hi else None

    def _owner(self, lo: int, hi: int) -> tuple[int, str | None]:
        """Where the title words start, and the organisation named before them: "Its
        president", "the MEK's spokesman", "NCRI spokesman", "Tory leader"."""
        doc, i, org = self.doc, lo, None
        words = token_words(doc)
        lowers, pos = words.lower, words.pos
        while i < hi and lowers[i] in TITLE_JOINERS:
            i += 1  # "And CTU chief executive X"
        if i + 1 < hi and lowers[i] == "one" and lowers[i + 1] == "of":
            i += 2
        if i < hi and lowers[i] == "its":
            # "Its president, Owen Fairley": the organisation named last before
            org = self._org_antecedent(i)
            i += 1
        elif i < hi and pos[i] == "DET":
            i += 1
        # a possessor: "the MEK's", "the regime's", "Iran's"
        for j in range(i, min(hi, i + 6)):
            if lowers[j] in TITLE_WORDS or lowers[j] in POSSESSOR_STOPS:
                break
            if lowers[j] in POSSESSIVE_ENDINGS and doc[j].tag_ == "POS":
                owner = self.ent[j - 1]
                if owner is None and j >= 2 and lowers[j - 2] == "the":
                    owner = self._described(j - 1)  # "the organisation's president, X"
                if owner and self.etype.get(owner) == ORGANIZATION:
                    org = owner
                i = j + 1
                break
        # a country's office: "French finance minister", "US president"
        if org is None and i < hi:
            country = self._country_before_title(i, hi)
            if country is not None:
                org, i = country
        # an organisation before the title: "NCRI spokesman", "Tory leader", "Harbour Bank aviation
        # analyst"; a company the NER took for a place or a person: "Brightwater chief executive"
        if i < hi and (self._is(i, ORGANIZATION) or self._mistyped_company(i)):
            end = self._mention_end(i)
            if self._title_follows(end, hi):
                org, i = self.ent[i], end
        # an organisation the NER missed before the title: "CTU chairman", "Brightwater boss"
        if org is None:
            j = i
            while j < hi and self._unlabelled_name_word(doc[j]):
                j += 1
            if i < j and self._title_follows(j, hi) and self._names_org(i, j):
                org, i = self.new_org(i, j), j
        # a party named by its adjective: "Tory leader", "Liberal Democrat spokesman", "Labour MP"
        if org is None and i < hi and self._party_word(doc[i]):
            j = i
            while j < hi and self._party_word(doc[j]):
                j += 1
            generic = all(t.lower_ in GENERIC_PARTY_WORDS for t in doc[i:j])  # "Party leader X": which party?
            if self._title_follows(j, hi) and not generic:
                org, i = self.new_org(i, j), j
        return i, org

    def _portfolio_office(self, start: int, head_at: int, org: str) -> bool:
        """The title at [start, head_at] is a capitalised "Minister" or "Secretary" right
        after the organisation ``org``, which is no party ("Tory Minister"): the organisation's
        words are the office's portfolio ("Armed Forces Minister"; "Cabinet Office minister"
        is a minister at the Cabinet Office)."""
        head = self.doc[head_at]
        return (
            head.lower_ in PORTFOLIO_OFFICES
            and head.is_title
            and head_at == start
            and self.ent[start - 1] == org
            and self.etype.get(org) == ORGANIZATION
            and self.doc[start - 1].lower_ not in _PARTY_WORDS_ADJECTIVES
        )

    def _country_before_title(self, i: int, hi: int) -> tuple[str, int] | None:
        """The country named at i, by its name or its adjective, before an office of state
        ("French finance minister", "the US ambassador"): the country, and where the title starts."""
        doc, key = self.doc, self.ent[i]
        if key is not None:
            end = self._mention_end(i)
            # a town's or region's office names its place too: "the Eastfield mayor"
            local = any(t.lower_ in LOCAL_OFFICES for t in doc[end:hi])
            if self.etype.get(key) != PLACE or not (is_country(doc[i:end].text) or local):
                return None
            if local and self._title_follows(end, hi):
                return key, end
            name = doc[i:end].text
        else:
            found = next((e for e in (i + 2, i + 1) if e <= hi and doc[i:e].text.lower() in demonyms()), None)
            if found is None or not doc[i].text[:1].isupper() or any(self.ent[x] for x in range(i, found)):
                return None
            end, name = found, demonyms()[doc[i:found].text.lower()]
        if not self._title_follows(end, hi) or not any(t.lower_ in STATE_OFFICES for t in doc[end:hi]):
            return None
        return self.new_place(i, end, name), end

    def _title_follows(self, j: int, hi: int) -> bool:
        """A title (a title word, or the words of its portfolio) starts at token j."""
        return j < hi and (self.doc[j].lower_ in TITLE_WORDS or self.doc[j].pos_ in {"NOUN", "ADJ", "PROPN"})

    def _corporate_title(self, i: int, end: int | None = None) -> bool:
        """The name at i (ending at ``end``) stands before a company's title ("Brightwater chief executive")."""
        end = self._mention_end(i) if end is None else end
        while end < len(self.doc) and self.doc[end].lower_ in OWNER_MODIFIERS:
            end += 1  # "Brightwater deputy chief executive"
        words = " ".join(t.lower_ for t in self.doc[end : end + 2])
        return any(words.startswith(w) for w in CORPORATE_TITLES)

    def _unlabelled_name_word(self, t: Token) -> bool:
        return (
            t.text[:1].isupper()
            and not self.ent[t.i]
            and (t.pos_ == "PROPN" or is_acronym(t.text))
            and t.lower_ not in TITLE_WORDS
            and t.lower_ not in TITLE_DOMAINS
            and not self._party_word(t)
        )

    def _names_org(self, i: int, j: int) -> bool:
        """Tokens [i, j) name an organisation: an acronym ("CTU", "HTB") or a name the document
        gives an organisation elsewhere ("Brightwater"). Not the NER's label alone: a word it kept
        as no entity of its own ("Supreme" of "Supreme Leader") is a title's."""
        span = self.doc[i:j]
        if any(is_acronym(t.text) for t in span) or span[-1].lower_ in ORG_WORDS:
            return True  # "CTU chairman", "Eastfield Securities analyst"
        if all(t.pos_ == "PROPN" and t.lower_ not in TITLE_DOMAINS for t in span) and self._corporate_title(i, j):
            return True  # "Fastjet deputy chief executive X": only a company has a chief executive
        return self.known_org(span.text) is not None

    def _party_word(self, t: Token) -> bool:
        """A capitalised party word that is no entity yet ("Italian Prime Minister": no party)."""
        return (
            t.text[:1].isupper()
            and not self.ent[t.i]
            and t.lower_ not in TITLE_WORDS
            and (
                t.lower_ in PARTY_WORDS or t.lower_ in PARTY_ADJECTIVES or (t.ent_type_ == "NORP" and t.tag_ == "NNPS")
            )
        )

    def _title_head(self, i: int, hi: int, *, plural: bool) -> tuple[int, int] | None:
        """The title's head word (after its modifiers) and the token after the title words."""
        doc, head_at = doc_tokens(self.doc), None
        while i < hi:
            t = doc[i]
            low = t.lower_
            if low in TITLE_MODIFIERS and i + 1 < hi and doc[i + 1].pos_ in {"NOUN", "PROPN", "ADJ"}:
                i += 1  # "shadow home secretary", "Deputy Prime Minister": a modifier, not the head
                continue
            if low in DROPPED_TITLE_MODIFIERS:
                i += 1  # "newly-appointed chief executive": whatever the tagger called it
                continue
            chief_justice = low == "justice" and i > 0 and doc[i - 1].lower_ == "chief"  # "Lord Chief Justice"
            if low in TITLE_WORDS or chief_justice or (plural and low.endswith("s") and low[:-1] in TITLE_WORDS):
                head_at = i
                i += 1
                # "President-elect", "Vice-president"
                while i + 1 < hi and doc[i].text == "-" and doc[i + 1].is_alpha:
                    head_at = i + 1
                    i += 2
                # "Secretary of State", "Minister of State": one office's name, no organisation
                if i + 1 < hi and doc[i].lower_ == "of" and doc[i + 1].text == "State":
                    head_at = i + 1
                    i += 2
                if i < hi and doc[i].lower_ in TITLE_WORDS:
                    continue
                # "chairman and chief executive of the Trust": a second title joined to the first
                if i + 1 < hi and doc[i].lower_ in TITLE_CONJUNCTIONS and self._title_ahead(i + 1, hi):
                    i += 1
                    continue
                break
            if t.pos_ in {"ADJ", "PROPN", "NOUN"} or t.tag_ == "VBG" or low in TITLE_CONJUNCTIONS or t.text == "-":
                if self._is(i, PERSON):
                    return None
                i += 1
                continue
            return None
        return None if head_at is None else (head_at, i)

    def _title_ahead(self, i: int, hi: int) -> bool:
        """A title word follows within a few modifiers, before any name or preposition."""
        for t in self.doc[i : min(hi, i + 4)]:
            if t.lower_ in TITLE_WORDS:
                return True
            if self.ent[t.i] is not None or t.pos_ not in {"ADJ", "NOUN", "PROPN"}:
                return False
        return False

    def _title_text(self, start: int, head_at: int, *, plural: bool) -> str | None:
        """The title as written, without "current", "new"... and without a leading "and"."""
        words = self.doc[start : head_at + 1]
        # "newly-appointed": the hyphen goes with the words it joins
        tokens = [
            t
            for k, t in enumerate(words)
            if t.lower_ not in DROPPED_TITLE_MODIFIERS
            and not (
                t.text == "-"
                and {words[max(k - 1, 0)].lower_, words[min(k + 1, len(words) - 1)].lower_} & DROPPED_TITLE_MODIFIERS
            )
        ]
        while tokens and tokens[0].lower_ in TITLE_JOINERS:
            tokens = tokens[1:]  # "Italian Prime Minister and German Chancellor X"
        if not tokens:
            return None
        text = "".join(t.text_with_ws for t in tokens).strip()
        return text[:-1] if plural and text.endswith("s") else text

    def _organisation_after(self, i: int, hi: int, org: str | None) -> tuple[int, str | None]:
        """ "of the National Council of Resistance of Iran", "for women", "at Reuters": where
        the phrase ends, and the organisation it names."""
        doc = doc_tokens(self.doc)
        if i >= hi or not (doc[i].lower_ in TITLE_PREPOSITIONS or self._employer_with(i, hi)):
            return i, org
        j = i + 1
        if j < hi and doc[j].pos_ == "DET":
            j += 1
        # "president of historically black Eastfield University": lower-case words describing
        # the organisation before its name
        k = j
        while k < hi and k < j + 3 and self._describes(doc[k]):
            k += 1
        if k > j and k < hi and self._is(k, ORGANIZATION):
            j = k
        first = self.ent[j] if j < hi else None
        if first is None and doc[i].lower_ == "at":
            # "an analyst at Brightmoor": a name after "at" that the NER missed is the employer
            end = j
            while end < hi and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and self.ent[end] is None:
                end += 1
            if end == hi and end > j:
                return end, self.new_org(j, end)
        if first is None or self.etype.get(first) not in {ORGANIZATION, PLACE}:
            while j < hi and (
                (doc[j].pos_ in {"PROPN", "NOUN", "ADJ", "DET"} and not self._is(j, PERSON))
                or doc[j].lower_ in DESCRIPTION_JOINERS
            ):
                key = self.ent[j]
                if key is not None and self.etype.get(key) in {ORGANIZATION, PLACE}:
                    return (
                        self._organisation_after(j - 1, hi, org)
                        if doc[j - 1].lower_ in TITLE_PREPOSITIONS
                        else (j, org)
                    )
                j += 1
            if j < hi and doc[j].lower_ in TITLE_PREPOSITIONS:
                return self._organisation_after(j, hi, org)  # "director of air transport at the Trust"
            return j, org
        end = self._mention_end(j)
        if self.etype[first] == ORGANIZATION or (doc[i].lower_ == "at" and self.etype[first] == PLACE):
            org = first  # "an executive at Harbour Mining": a company, whatever the NER called it
        # "(NCRI)" after the name, and "Foreign Affairs Committee" of a composite name
        while end < hi and (self.ent[end] == first or doc[end].text in {"(", ")"} or self._is(end, ORGANIZATION)):
            if self.ent[end] != first and self._is(end, ORGANIZATION) and doc[end - 1].text == ")":
                org = self.ent[end]
            end += 1
        return self._circumstance_end(end, hi), org

    def _employer_with(self, i: int, hi: int) -> bool:
        """ "an economist with Harbour Bank": "with" before an organisation's name names the
        employer ("a lawyer with long experience" has none)."""
        doc = self.doc
        if doc[i].lower_ != "with":
            return False
        j = i + 1 + (i + 1 < hi and doc[i + 1].pos_ == "DET")
        return j < hi and self._is(j, ORGANIZATION)

    def _describes(self, t: Token) -> bool:
        """A lower-case word describing an organisation before its name: "historically black",
        "the struggling Harbour Trust"."""
        return t.is_lower and self.ent[t.i] is None and (t.pos_ in {"ADV", "ADJ"} or t.tag_ in {"VBG", "VBN"})

    def _circumstance_end(self, end: int, hi: int) -> int:
        """Past a place, a time or a leader after the organisation: "the leader of the Harbour
        Party in Eastland (1990–1995)", "chairman of Y from 2001 to 2004", "deputy leader of Y
        under X"."""
        doc = self.doc
        while end < hi:
            if doc[end].lower_ in {"in", "of"} and end + 1 < hi and self._is(end + 1, PLACE):
                end = self._mention_end(end + 1)
            elif doc[end].lower_ == "under" and end + 1 < hi and self._is(end + 1, PERSON):
                end = self._mention_end(end + 1)  # "deputy leader of Y under X": X led Y
            elif doc[end].text == "(":
                close = next((k for k in range(end + 1, hi) if doc[k].text == ")"), None)
                if close is None or not all(
                    t.ent_type_ == "DATE" or t.is_punct or any(c.isdigit() for c in t.text)
                    for t in doc[end + 1 : close]
                ):
                    break
                end = close + 1
            elif (
                doc[end].lower_ in {"from", "since", "until", "between"}
                and end + 1 < hi
                and doc[end + 1].ent_type_ == "DATE"
            ):
                end += 1
                while end < hi and (doc[end].ent_type_ == "DATE" or doc[end].lower_ in {"to", "and"}):
                    end += 1
            else:
                break
        if end < hi and all(t.lower_ in {"and", "then"} for t in doc[end:hi]):
            return hi  # "... (1990–1995) and then returned": the clause after is no part of the title
        return end

    def _described(self, i: int) -> str | None:
        """The organisation a description at token i stands for: "the committee" the nearest
        organisation before (this sentence or the two before) whose name holds the word, "the
        organisation" or "the company" the nearest one named."""
        noun = self.doc[i].lower_
        if noun not in ORG_DESCRIPTIONS:
            return None
        lo = sentence_of(self.doc[i]).start
        for _ in range(2):
            lo = sentence_of(self.doc[lo - 1]).start if lo > 0 else lo
        labels = self.ctx.labels()
        for k in range(i - 1, lo - 1, -1):
            key = self.ent[k]
            if key is not None and self.etype.get(key) == ORGANIZATION:
                if noun in labels.get(key, "").lower().split() or noun in GENERIC_DESCRIPTIONS:
                    return key
        return None

    def _org_antecedent(self, i: int) -> str | None:
        """ "Its": the organisation that is the subject of the nearest clause before (this
        sentence or the one before it), else the nearest organisation named."""
        doc = self.doc
        lo = sentence_of(doc[i]).start
        lo = sentence_of(doc[lo - 1]).start if lo > 0 else lo
        # "The party won. It left the alliance. Its leader X ...": a sentence about "it" goes on
        # about the organisation of the sentence before it (up to three sentences back)
        for _ in range(3):
            if lo == 0 or not any(t.lower_ == "it" and t.dep_ in _SUBJECTS for t in doc[lo : sentence_of(doc[lo]).end]):
                break
            lo = sentence_of(doc[lo - 1]).start
        orgs = [k for k in range(i - 1, lo - 1, -1) if self._is(k, ORGANIZATION)]
        for k in orgs:
            t = doc[k]
            if t.dep_ in _SUBJECTS or (t.dep_ == "compound" and t.head.dep_ in _SUBJECTS):
                return self.ent[k]
        return self.ent[orgs[0]] if orgs else None
