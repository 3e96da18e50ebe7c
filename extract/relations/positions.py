"""Positions, leaders, memberships, parts and places, from appositions, titles and verbs.

Appositions in news are parsed unreliably by the small model ("the regime's Vice-president"
comes out as three appositions), so titles are read as token patterns between the commas
around a name, with spaCy's POS tags, and the verb rules ("led by", "heads") use the parse.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from spacy.tokens import Token

from ..mentions.coref import first_names
from ..mentions.names import is_acronym, party_abbreviation
from ..nlp import doc_tokens, sentence_of, token_words
from ..records import Fact
from ..rules import rule
from ..schema import ORGANIZATION, PERSON, PLACE
from ..words import (
    APPOINTED,
    BRIDGING_NOUNS,
    BRIDGING_REACH,
    BRIDGING_TITLES,
    COPULAS,
    DROPPED_TITLE_MODIFIERS,
    FORMING_VERBS,
    GROUP_NOUNS,
    HONORIFICS,
    LEAD_VERBS,
    LEADER_PHRASES,
    LEADER_WORDS,
    LEADING_DIRECTORS,
    MOVEMENT_WORDS,
    NOT_LEADER_MODIFIERS,
    ORG_DESCRIPTIONS,
    ORG_KIND_NOUNS,
    ORG_WORDS,
    OWNER_MODIFIERS,
    PARTY_NAME_WORDS,
    PARTY_WORDS,
    PORTFOLIO_OFFICES,
    POST_NOMINAL_TITLES,
    RELATIVE_PRONOUNS,
    SERVE_VERBS,
    SHORT_HONORIFICS,
    TITLE_MODIFIERS,
    TITLE_OPENERS,
    TITLE_PREPOSITIONS,
    TITLE_RUN_JOINERS,
    TITLE_SUFFIXES,
    TITLE_WORDS,
)
from .context import DocContext
from .titles import _SUBJECTS, Title, Titles


class Relations(Titles):
    """Relation rules over one parsed document, read from titles and the words around names
    (see :class:`titles.Titles`)."""

    def __init__(self, ctx: DocContext) -> None:
        super().__init__(ctx)
        self.in_quote = ctx.in_quote

    def _segment_after(self, i: int) -> int:
        """End of the comma-delimited segment starting at token i."""
        doc, sent_end = self.doc, sentence_of(self.doc[i]).end if i < len(self.doc) else len(self.doc)
        j = i
        while (
            j < sent_end
            and doc[j].text not in {",", ";", ":", "“", '"', "—", "–"}
            and not (
                doc[j].pos_ in {"VERB", "AUX"}
                and not self._in_title_word(j)
                and not (doc[j].tag_ == "VBG" and j + 1 < len(doc) and doc[j + 1].lower_ in TITLE_WORDS)
            )
        ):
            if doc[j].text == "." and all(t.is_space or t.is_punct for t in doc[j:sent_end]):
                break  # the full stop, and the line break after a paragraph's last sentence
            j += 1
        return j

    def _in_title_word(self, j: int) -> bool:
        return self.doc[j].lower_ in TITLE_WORDS or (j > 0 and self.doc[j - 1].text == "-")

    # -- positions ----------------------------------------------------------------------------
    def positions(self) -> Iterator[Fact]:
        doc, ent, etype = doc_tokens(self.doc), self.ent, self.etype
        seen: set[int] = set()
        for i in range(len(doc)):
            # self._is(i, PERSON) inlined: this runs on every token
            if (key := ent[i]) is None or etype.get(key) != PERSON or (i > 0 and ent[i - 1] == key):
                continue
            start, end, person = i, self._mention_end(i), key
            sent = sentence_of(doc[i])
            span = (sent.start_char, sent.end_char)
            # X MP: "Ruth Kelly MP was also hit"
            if end - start >= 2 and end < len(doc) and doc[end].lower_ in POST_NOMINAL_TITLES and doc[end].is_upper:
                yield from self._facts(
                    person, Title(doc[end].text, None, end, end + 1, doc[end].lower_), span, "post-nominal"
                )
            # X, TITLE [of ORG],  /  X is TITLE of ORG
            after = self._title_after_name(end)
            if after is not None:
                yield from self._facts(person, after[0], span, after[1])
                seen.add(i)
            # TITLE [of ORG], X
            listed: list[str] = []  # the others a plural title before a list is shared with
            j = start - 1
            while j >= 0 and doc[j].lower_.rstrip(".") in SHORT_HONORIFICS:
                j -= 1
            if j >= 0 and doc[j].text in {",", "–", "—"}:
                k = j - 1
                while (
                    k >= sent.start
                    and doc[k].text not in {",", ";", ":", "(", ")", "“", "”", '"', "–", "—"}
                    and "\n" not in doc[k].text
                ):
                    k -= 1
                for lo in range(k + 1, j):
                    if doc[lo].pos_ in {"DET", "ADJ", "PROPN", "NOUN"} or doc[lo].lower_ in TITLE_OPENERS:
                        title = self.parse_title(lo, j)
                        if title:
                            yield from self._facts(person, title, span, "apposition-before")
                            break
            # TITLE X: "Supreme Leader Ali Khamenei", "Tory leader Michael Howard"
            elif j >= 0 and (
                doc[j].lower_ in TITLE_WORDS
                or doc[j].lower_ in TITLE_SUFFIXES
                or self._of_state(j)
                or (listed := self._shared_title(j, end))
            ):
                k = self._title_run_start(j - 2 if self._of_state(j) else j, sent.start)  # "US Secretary of State X"
                # an organisation inside the run starts the title: "the announcement CTU
                # finance spokesman X" holds "finance spokesman" of the CTU
                org_at = next((x for x in range(k, j) if self._org_start(x)), k)
                while org_at > k and doc[org_at - 1].lower_ in OWNER_MODIFIERS:
                    org_at -= 1  # "Former Harbour Trust chairman X"
                for lo in range(org_at, j + 1):
                    title = self.parse_title(lo, j + 1, plural=bool(listed))
                    if title and title.org is None and title.text.lower() in HONORIFICS:
                        break  # "Professor Ann Hale": an honorific, like "Dr"; her post is said elsewhere
                    if title:
                        if title.org is None:  # "aviation analyst Tom Reed of Harbour Bank"
                            title = replace(title, org=self._employer_after_name(end))
                        yield from self._facts(person, title, span, "title-before-name")
                        for other in listed:  # "cabinet members A, B and C": B and C hold it too
                            yield from self._facts(other, title, span, "title-before-name")
                        break

    def _title_run_start(self, k: int, lo: int) -> int:
        """Where the run of title words ending at token k starts (not before token lo): proper
        nouns, adjectives, nouns, joiners, acronyms, "its", modifiers, a possessive after an
        organisation; a comma or a person's name ends it."""
        doc = doc_tokens(self.doc)
        while (
            k - 1 >= lo
            and (
                doc[k - 1].pos_ in {"PROPN", "ADJ", "NOUN"}
                or doc[k - 1].lower_ in TITLE_RUN_JOINERS
                or is_acronym(doc[k - 1].text)  # "CTU", tagged an interjection
                or doc[k - 1].lower_ == "its"  # "Sendero Rojo and its leader X"
                or doc[k - 1].lower_ in TITLE_MODIFIERS  # "shadow", tagged a verb
                # "Brightwater's newly-appointed chief executive X"
                or doc[k - 1].lower_ in DROPPED_TITLE_MODIFIERS
                or (doc[k - 1].text == "-" and not doc[k - 2].whitespace_)
                or (doc[k - 1].tag_ == "POS" and self._is(k - 2, ORGANIZATION))
            )
            and doc[k - 1].text[:1] != ","
            # a group before a capitalised title: "their cabinet colleagues | Foreign Secretary X"
            and not (doc[k - 1].tag_ == "NNS" and doc[k].is_title)
            # a name typed a person ends the run, unless it is a company's
            and not (self._is(k - 1, PERSON) and not self._mistyped_company(k - 1))
        ):
            k -= 1
        return k

    def _shared_title(self, j: int, end: int) -> list[str]:
        """Token j is a plural title before a list of names that starts at the name ending at
        ``end`` ("senior cabinet members Tom Reed, Ann Lee and Kim Moss"): the other people
        listed, who hold it too; else nothing."""
        doc = doc_tokens(self.doc)
        if not (doc[j].tag_ == "NNS" and doc[j].lemma_ in TITLE_WORDS):
            return []
        people, k = [], end
        while k + 1 < len(doc) and doc[k].lower_ in {",", "and"}:
            k += 1 + (doc[k].text == "," and doc[k + 1].lower_ == "and")
            if not self._is(k, PERSON):
                break
            people.append(self.ent[k])
            k = self._mention_end(k)
        return [p for p in people if p is not None]

    def _of_state(self, j: int) -> bool:
        """Token j ends "Secretary of State" or "Minister of State", one office's name."""
        doc = doc_tokens(self.doc)
        return (
            j >= 2 and doc[j].text == "State" and doc[j - 1].lower_ == "of" and doc[j - 2].lower_ in PORTFOLIO_OFFICES
        )

    def bridged(self, facts: list[Fact], org_names: dict[str, str]) -> list[Fact]:
        """A company's title with no organisation takes the one organisation its sentence (or,
        if it names none, the sentence before) is about: "Brightwater posted a record profit. Chief
        executive Geoff Dixon said ..."; "company president X" and "Committee chairman X" take
        the organisation so described. Titles written with a capital inside a sentence are
        honorifics ("President Okafor") and are left alone."""
        out, bridging = [], rule("bridging")
        for f in facts:
            if f.predicate != "holdsPosition" or f.object is not None or not f.title:
                out.append(f)
                continue
            title = f.title
            words = title.split()
            org = None
            if words[0].lower() in BRIDGING_NOUNS and len(words) > 1:
                org = self._described_org(words[0].lower(), f.start, org_names)
                if org is not None:
                    f = replace(f, title=" ".join(words[1:]))
            elif (
                f.rule == "title-before-name"
                and words[-1].lower() in BRIDGING_TITLES
                and (title[:1].islower() or self._title_opens(f.start, f.end, words[0]))
                # "Vice-President X" opening a sentence: a capital after a hyphen is an office's
                # style ("Vice-president X" may be the company's)
                and not any(w[:1].isupper() for part in words for w in part.split("-")[1:])
            ):
                org = self._sentence_org(f.start, f.end)
            if org is not None:
                f = replace(f, object=org, rule=f"{f.rule}+{bridging.name}", confidence=bridging.confidence)
            out.append(f)
        return out

    def _token_of(self, word: str, lo: int, hi: int) -> int:
        """Where the word first stands in tokens [lo, hi) (hi if nowhere)."""
        return next((t.i for t in self.doc[lo:hi] if t.lower_ == word), hi)

    def _title_opens(self, start: int, end: int, first_word: str) -> bool:
        """The title is the first word of its sentence (so its capital says nothing)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and span.text.lstrip("“\"' ").startswith(first_word)

    def _orgs_in(self, lo: int, hi: int) -> list[str]:
        """The organisations named in tokens [lo, hi) outside quotation marks."""
        return list(
            dict.fromkeys(
                k
                for i, k in enumerate(self.ent[lo:hi], lo)
                if k is not None and self.etype.get(k) == ORGANIZATION and not self.in_quote[i]
            )
        )

    def _sentence_org(self, start: int, end: int) -> str | None:
        """The organisation the sentence is about: the one organisation that is a subject in
        it ("Brightwater boss ..."), else, if it names no organisation at all, the one that the
        nearest of the five sentences before that names any (outside quotes) names or has as
        its subject: a quoted paragraph may stand between. An organisation in passing ("told
        the BBC") is not what the sentence is about."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        orgs = self._orgs_in(span.start, span.end)
        if orgs:
            subjects = self._subject_orgs(span.start, span.end)
            return subjects[0] if len(subjects) == 1 else None
        # the nearest of the five sentences before that names an organisation outside quotes
        lo = span.start
        for _ in range(BRIDGING_REACH):
            if lo == 0:
                return None
            prev = sentence_of(self.doc[lo - 1])
            orgs = self._orgs_in(prev.start, prev.end)
            if orgs:
                break
            lo = prev.start
        subjects = self._subject_orgs(prev.start, prev.end)
        if len(subjects) == 1:
            return subjects[0]
        return orgs[0] if len(orgs) == 1 and not subjects else None

    def _subject_orgs(self, lo: int, hi: int) -> list[str]:
        out = []
        for t in self.doc[lo:hi]:
            key = self.ent[t.i]
            if key is None or self.etype.get(key) != ORGANIZATION or self.in_quote[t.i]:
                continue
            head = t
            while head.dep_ in {"compound", "poss", "amod", "flat"} and head.head.i != head.i:
                head = head.head
            if head.dep_ in {"nsubj", "nsubjpass"}:
                out.append(key)
        return list(dict.fromkeys(out))

    def _described_org(self, noun: str, start: int, org_names: dict[str, str]) -> str | None:
        """ "the committee", "the company": the organisation whose name holds the noun, else
        (for companies) the one named last, in this sentence or the two before."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return None
        lo = span.sent.start
        for _ in range(2):
            lo = sentence_of(self.doc[lo - 1]).start if lo > 0 else lo
        orgs = self._orgs_in(lo, self._token_of(noun, span.sent.start, span.sent.end))

        def named(keys: list[str]) -> list[str]:
            words = {k: set(org_names.get(k, "").lower().split()) for k in keys}
            party = PARTY_WORDS | PARTY_NAME_WORDS
            return [k for k in keys if noun in words[k] or (noun == "party" and words[k] & party)]

        # the one named last before; else the first named later in the same sentence ("a row
        # between party leader X and the SNP's group": the party of the sentence)
        before = named(orgs)
        if before:
            return before[-1]
        later = named(self._orgs_in(span.sent.start, span.sent.end))
        if later:
            return later[0]
        subjects = [k for k in self._subject_orgs(span.sent.start, span.sent.end) if k in orgs]
        if subjects:
            return subjects[0]  # "Brightwater began the battle with adverts in the Gazette, from company president X"
        return orgs[-1] if noun in {"company", "firm", "group"} and orgs else None

    def _name_after(self, end: int, prepositions: set[str], *, comma: bool = True) -> int | None:
        """Where the name after a name and a preposition starts: "X of Harbour Bank", "X, from
        the CBI" (an article, and with ``comma`` a comma, may stand between)."""
        doc, j = doc_tokens(self.doc), end
        if comma and j < len(doc) and doc[j].text == ",":
            j += 1
        if j + 1 >= len(doc) or doc[j].lower_ not in prepositions:
            return None
        j += 1 + (doc[j + 1].pos_ == "DET")
        # "of the Danish pop group Velvet Owls": a description ending in a kind of organisation
        k = j
        while k < min(j + 4, len(doc) - 1) and self.ent[k] is None and doc[k].pos_ in {"ADJ", "NOUN", "PROPN"}:
            if doc[k].lower_ in ORG_KIND_NOUNS and doc[k].pos_ == "NOUN":
                j = k + 1
                break
            k += 1
        return j if j < len(doc) and self.ent[j] is not None else None

    def _org_after_name(self, end: int) -> str | None:
        """The organisation right after a name: "X of Harbour Bank", "X, from the CBI"."""
        j = self._name_after(end, {"of", "from", "at"})
        return self.ent[j] if j is not None and self._is(j, ORGANIZATION) else None

    def _employer_after_name(self, end: int) -> str | None:
        """ "aviation analyst X of Harbour Kleinwort": after a title, the name after "of" is
        the employer even where the NER took it for a person (the type vote after the
        relations settles it)."""
        org = self._org_after_name(end)
        if org is not None:
            return org
        j = self._name_after(end, {"of", "at"}, comma=False)
        if j is None or not self._is(j, PERSON) or self._mention_end(j) - j < 2:
            return None
        return self.ent[j]

    def members_by_name(self) -> Iterator[Fact]:
        """ "Simon Hale, of the Federation of Small Businesses", "X from the CBI", "X (Lab)": a
        person and the organisation after "of"/"from" or in brackets are its member."""
        doc, member, ent, etype = self.doc, rule("name-of-org"), self.ent, self.etype
        for i in range(len(doc)):
            if (key := ent[i]) is None or etype.get(key) != PERSON or (i > 0 and ent[i - 1] == key):
                continue  # the first token of a person's name (self._is inlined)
            end = self._mention_end(i)
            # "Ana Lima and Kim Moss of the band Velvet Owls": the organisation after the last name
            while end + 1 < len(doc) and doc[end].lower_ == "and" and self._is(end + 1, PERSON):
                end = self._mention_end(end + 1)
            org = self._org_after_name(end) or self._unlabelled_org_after(end) or self._org_in_brackets(end)
            person, how = self.ent[i], member
            if org is None:
                org, how = self._spoken_for(end), rule("speaking-for")
            if org is None:
                org, how = self._possessor(i), rule("org-possessive")
            if org is not None and person is not None:
                sent = sentence_of(doc[i])
                yield Fact(person, "memberOf", org, sent.start_char, sent.end_char, how.confidence, how.name)

    def _spoken_for(self, end: int) -> str | None:
        """ "Kim Moss, for the Harbour Party, attacked the budget": the organisation a person
        speaks for, set off by commas after the name (or ending the sentence)."""
        doc = self.doc
        j = self._name_after(end, {"for"})
        if j is None or doc[end].text != "," or not self._is(j, ORGANIZATION):
            return None
        after = self._mention_end(j)
        return self.ent[j] if after >= len(doc) or doc[after].text in {",", ".", ";"} else None

    def _possessor(self, i: int) -> str | None:
        """ "The Harbour Party's Kim Moss": an organisation whose possessive stands right before
        a person's name (a title between is read as a title: "the party's leader, X")."""
        doc = self.doc
        if i < 2 or doc[i - 1].tag_ != "POS" or not self._is(i - 2, ORGANIZATION):
            return None
        # the NER calls many things after a possessive people ("the festival's Battle Royal"):
        # a first name of the lexicon (gendered names only: not "Kim") and a surname make it a name
        if self._mention_end(i) - i < 2 or doc[i].is_stop or doc[i].lower_ not in first_names():
            return None
        return self.ent[i - 2]

    def members_listed(self) -> Iterator[Fact]:
        """ "The collective grew out of the Harbour Song League: Ann Lee, Tom Reed and Kim Moss.": people
        listed after an organisation and a colon, to the end of the sentence, are its members."""
        doc, member = doc_tokens(self.doc), rule("member-listed")
        lowers = token_words(self.doc).lower
        for i in range(1, len(doc) - 1):
            if lowers[i] != ":" or not self._is(i - 1, ORGANIZATION) or not self._is(i + 1, PERSON):
                continue
            people, j = [], i + 1
            while self._is(j, PERSON):
                people.append(self.ent[j])
                j = self._mention_end(j)
                j += j < len(doc) and doc[j].text == ","
                j += j < len(doc) and doc[j].lower_ == "and"
            sent = sentence_of(doc[i])
            if len(people) < 2 or j < sent.end - 1 or (j < len(doc) and not doc[j].is_punct):
                continue  # "the Harbour League: Tom Reed said ...": a speaker, not a list
            org = self.ent[i - 1]
            for person in people:
                if person is not None and org is not None:
                    yield Fact(person, "memberOf", org, sent.start_char, sent.end_char, member.confidence, member.name)

    def _org_in_brackets(self, end: int) -> str | None:
        """ "Jan Holm (Harbour Party)", "Tom Reed (Lab)", "Ann Lee (SNP)": an organisation in
        brackets right after a person's name, named so (an organisation or party word, an
        acronym, a short party name); any other name there may be a constituency or a town."""
        doc = self.doc
        if end + 2 >= len(doc) or doc[end].text != "(" or not self._is(end + 1, ORGANIZATION):
            return None
        key, close = self.ent[end + 1], end + 2
        while close < len(doc) and self.ent[close] == key:
            close += 1
        words = doc[end + 1 : close]
        if close >= len(doc) or doc[close].text != ")":
            return None
        named = {w.lower_ for w in words} & (ORG_WORDS | PARTY_WORDS) or is_acronym(words.text)
        short = len(words) == 1 and party_abbreviation(words.text)
        return key if named or short else None

    def _unlabelled_org_after(self, end: int) -> str | None:
        """ "X of The Tragically Blue": a capitalised "The" inside a sentence starts a name the
        NER missed; the capitalised words after it name the organisation."""
        doc = doc_tokens(self.doc)
        if end + 2 >= len(doc) or doc[end].lower_ != "of" or doc[end + 1].text != "The":
            return None
        k = end + 2
        while k < len(doc) and doc[k].is_title and doc[k].pos_ in {"PROPN", "ADJ", "NOUN", "ADV"} and not self.ent[k]:
            k += 1
        return self.new_org(end + 1, k) if k > end + 2 else None

    def _org_start(self, x: int) -> bool:
        t = self.doc[x]
        if self.ent[x] is not None:
            return self._is(x, ORGANIZATION) and (x == 0 or self.ent[x - 1] != self.ent[x])
        return self._party_word(t) or is_acronym(t.text)

    def _facts(self, person: str, title: Title, span: tuple[int, int], name: str) -> Iterator[Fact]:
        """One position per title: "chairman and chief executive" is two offices of one
        organisation ("Trade and Industry Secretary", joined inside, is one)."""
        words = title.text.split(" ")
        cut = next(
            (k for k in range(1, len(words) - 1) if words[k] in {"and", "&"} and words[k - 1].lower() in TITLE_WORDS),
            None,
        )
        parts = [title.text] if cut is None else [" ".join(words[:cut]), " ".join(words[cut + 1 :])]
        method = name
        if title.org is not None and self.etype.get(title.org) == PLACE:
            method = f"{name}+country-office"  # "French finance minister": the country is the organisation
        for text in parts:
            yield Fact(person, "holdsPosition", title.org, span[0], span[1], rule(name).confidence, method, title=text)
        if title.org is not None and self.etype.get(title.org) == ORGANIZATION:
            # "deputy leader of the Harbour Party under Tom Reed": the one served under leads it
            under = rule("under-leader")
            for k in range(title.start, title.end - 1):
                chief = self.ent[k + 1]
                if self.doc[k].lower_ == "under" and chief is not None and self._is(k + 1, PERSON) and chief != person:
                    yield Fact(title.org, "ledBy", chief, span[0], span[1], under.confidence, under.name)

    def _title_after_name(self, end: int) -> tuple[Title, str] | None:
        """The title after a name that ends at ``end``, and its method: "X, the leader of Y"
        (apposition-after), "X is / serves as the chairwoman of Y" (copula), past a
        parenthesis after the name ("X (born 1950) was ...") and a description before the
        title ("X was a sociologist, the first president of Y")."""
        doc = self.doc
        after = end
        if after < len(doc) and doc[after].text == "(":
            close = next((k for k in range(after + 1, min(len(doc), after + 30)) if doc[k].text == ")"), None)
            if close is not None and close + 1 < len(doc) and doc[close + 1].lower_ in COPULAS:
                after = close + 1
        serves = after + 1 < len(doc) and doc[after].lemma_ in SERVE_VERBS and doc[after + 1].lower_ == "as"
        if after >= len(doc) or not (doc[after].text == "," or doc[after].lower_ in COPULAS or serves):
            return None
        lo = after + 1 + serves  # "X serves as the trust's chairwoman"
        appointed = False
        if doc[after].lower_ in COPULAS:
            lo, appointed = self._past_copula(lo)
        title, hi = self._segment_title(lo, apposition=doc[after].text == ",")
        if (
            title is not None
            and doc[after].text == ","
            and doc[lo:hi].root.dep_ in _SUBJECTS
            and doc[end - 1].dep_ in {"dobj", "pobj"}
        ):
            return None  # "Echoing Tom Reed, the prime minister said": an object, then the next clause's subject
        if title is None and hi + 2 < len(doc) and doc[hi].text == "," and doc[hi + 1].lower_ == "the":
            title, _ = self._segment_title(hi + 1)
        if title is None:
            return None
        return title, "apposition-after" if doc[after].text == "," else "appointed" if appointed else "copula"

    def _past_copula(self, lo: int) -> tuple[int, bool]:
        """Where the title after a copula starts, past "been", adverbs and an office's taking
        ("was recently appointed as treasurer of Y"); whether it was taken so."""
        doc = doc_tokens(self.doc)
        while lo < len(doc) and (doc[lo].lower_ == "been" or doc[lo].pos_ == "ADV"):
            lo += 1
        appointed = lo < len(doc) and doc[lo].lower_ in APPOINTED
        if appointed:
            lo += 1 + (lo + 1 < len(doc) and doc[lo + 1].lower_ == "as")
        return lo, appointed

    def _segment_title(self, lo: int, *, apposition: bool = False) -> tuple[Title | None, int]:
        """The title that is the whole comma-delimited segment from token lo, if any, and where
        the segment ends; in an apposition, a title that ends with its organisation before
        the segment does."""
        doc = self.doc
        hi = self._segment_after(lo) if lo < len(doc) else lo
        title = self.parse_title(lo, hi) if hi > lo else None
        # "X, chairman of Y - a group fighting closures,", "X, leader of Y in the assembly,":
        # the title ends with its organisation, and a dash or a preposition after it starts
        # what is none of the title (after a copula the clause goes on: "X served as
        # Secretary of Y from 2013" is read by the circumstances the title parser knows)
        k = hi - 1
        while apposition and title is None and k > lo + 1:
            if (
                self._is(k - 1, ORGANIZATION)
                and self.ent[k] != self.ent[k - 1]
                and (doc[k].pos_ == "ADP" or (doc[k].text == "-" and doc[k - 1].whitespace_))
            ):
                found = self.parse_title(lo, k)
                title = found if found is not None and found.org is not None else None
            k -= 1
        if apposition and title is not None and title.org is None and " for " in f" {title.text} ":
            title, hi = self._listed_portfolio(title, hi)
        return title, hi

    def _listed_portfolio(self, title: Title, hi: int) -> tuple[Title, int]:
        """ "X, the minister for housing, planning and local government, said": a portfolio
        listed past the comma, lower-case words up to an "and" and the end of its item."""
        doc, end, listed = self.doc, hi + 1, False
        while end < len(doc) and not (listed and doc[end].text == ","):
            t = doc[end]
            if not (t.text == "," or (t.is_lower and t.pos_ in {"NOUN", "ADJ", "CCONJ"})):
                return title, hi
            listed = listed or t.lower_ == "and"
            end += 1
        if not listed or end >= len(doc):
            return title, hi
        text = f"{title.text}{doc[hi - 1].whitespace_}{doc[hi:end].text}"
        return replace(title, text=text, end=end), end

    def pronoun_positions(self, resolved: Mapping[int, str | None]) -> Iterator[Fact]:
        """ "He is the head of the Harbour Trust": a copula's title after a pronoun the
        coreference resolved to a person (the names' own copulas are read by ``positions``)."""
        doc = doc_tokens(self.doc)
        for i, person in resolved.items():
            if person is None or self.etype.get(person) != PERSON or doc[i].lower_ not in {"he", "she"}:
                continue
            end = i + 1
            while end < len(doc) and doc[end].pos_ == "ADV":
                end += 1  # "he is currently the head of"
            if end >= len(doc) or doc[end].lower_ not in COPULAS or self.in_quote[i]:
                continue
            if not (doc[end].dep_ == "ROOT" or (doc[end].dep_ == "conj" and doc[end].head.dep_ == "ROOT")):
                continue  # "..., when he was cabinet secretary": whom a subordinate "he" means is less sure
            lo, _appointed = self._past_copula(end + 1)
            title, _ = self._segment_title(lo)
            if title is not None and title.org is None:
                title = self._described_org_title(title, resolved)
            if title is not None:
                sent = sentence_of(doc[i])
                yield from self._facts(person, title, (sent.start_char, sent.end_char), "copula-pronoun")

    def _described_org_title(self, title: Title, resolved: Mapping[int, str | None]) -> Title | None:
        """ "a member of the party": the organisation the coreference read "the party" as; a
        title that names its organisation only by such a description and has none is dropped."""
        doc = self.doc
        for k in range(title.start, title.end):
            key = resolved.get(k)
            if doc[k].lower_ in ORG_DESCRIPTIONS and k > title.start:
                cut = k - 1 - (doc[k - 1].pos_ == "DET")
                if key is None or self.etype.get(key) != ORGANIZATION or doc[cut].lower_ not in TITLE_PREPOSITIONS:
                    return None
                tail = f" {doc[cut : title.end].text}"
                text = title.text[: -len(tail)] if title.text.endswith(tail) else ""
                return replace(title, text=text, org=key) if text else None
        return title

    def lead_verbs(self, resolved: Mapping[int, str | None] | None = None) -> Iterator[Fact]:
        """ "Y is led by X", "the movement headed by X", "the Authority, which is headed by X";
        "the band was formed by X and Y" (members, not leaders).

        Code, not a DependencyMatcher pattern: the subject may be a group named only by a
        description ("the Iranian opposition movement"), which becomes an organisation here,
        and the parser may hang it on a conjunct. The active voice ("X leads Y") is a pattern
        (``membership_rules.py``)."""
        doc = self.doc
        words = token_words(doc)
        for i, written in enumerate(words.lemma):
            lemma = written.lower()
            if words.pos[i] != "VERB" or (lemma not in LEAD_VERBS and lemma not in FORMING_VERBS):
                continue
            t, forming = doc[i], lemma in FORMING_VERBS
            sent = sentence_of(t)
            span = (sent.start_char, sent.end_char)
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            if agent is None:
                continue
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            # "formed by guitarist A and bassist B": each conjoined name
            people = [
                p for p in (self._person_at(x) for x in ([pobj, *pobj.conjuncts] if pobj is not None else [])) if p
            ]
            subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
            if subj is None and t.dep_ == "acl":
                subj = t.head  # "the movement led by X"
            if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                subj = t.head  # "the Authority, which is headed by X"
            # "A, and the Iranian opposition movement is led by X": the parser may hang the
            # real subject on a conjunct; take the nearest one that names a group
            candidates = sorted([subj, *subj.conjuncts], key=lambda c: abs(t.i - c.i)) if subj is not None else []
            for cand in candidates:
                org = self._org_at(cand) if people else None
                if org is None and people and resolved and cand.pos_ == "PRON":
                    # "It was established by X": the organisation the coreference read "it" as
                    key = resolved.get(cand.i)
                    org = key if key is not None and self.etype.get(key) == ORGANIZATION else None
                if org:
                    for person in people:
                        if forming:  # "the band was formed by X": a founding member
                            formed = rule("formed-by")
                            yield Fact(person, "memberOf", org, span[0], span[1], formed.confidence, formed.name)
                        else:
                            yield Fact(org, "ledBy", person, span[0], span[1], rule("led-by").confidence, "led-by")
                    break

    def _person_at(self, tok: Token | None) -> str | None:
        if tok is None:
            return None
        if self._is(tok.i, PERSON):
            return self.ent[tok.i]
        for c in tok.children:  # "a woman, Maryam Rajavi"
            if c.dep_ == "appos" and self._is(c.i, PERSON):
                return self.ent[c.i]
        return None

    def _org_at(self, tok: Token | None) -> str | None:
        """The organisation a token names, or the group a description names."""
        if tok is None:
            return None
        if self._is(tok.i, ORGANIZATION):
            return self.ent[tok.i]
        if tok.dep_ == "appos" and self._is(tok.head.i, ORGANIZATION):
            return self.ent[tok.head.i]  # "Northwind Systems, the software company founded by X"
        if tok.dep_ == "attr" and tok.lower_ in ORG_KIND_NOUNS:
            # "The Blue Owls are a folk group formed by X": the group the sentence defines
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and self._is(subj.i, ORGANIZATION):
                return self.ent[subj.i]
        named = next((c for c in tok.children if c.dep_ == "compound" and self._is(c.i, ORGANIZATION)), None)
        if named is not None and tok.lower_ in ORG_KIND_NOUNS and tok.lower_ not in MOVEMENT_WORDS | {"faction"}:
            return self.ent[named.i]  # "the HDA party, founded by X": the party named before the noun
        if tok.lower_ in GROUP_NOUNS:
            # "the Iranian opposition movement is led by ...": the phrase names a group
            left = min((c.i for c in tok.children if c.dep_ in {"amod", "compound"} and c.i < tok.i), default=tok.i)
            if left < tok.i:
                return self.new_org(left, tok.i + 1)
        return None

    # -- parts and places ---------------------------------------------------------------------
    def places(self) -> Iterator[Fact]:
        """ "Mashhad, Iran": a place, a comma and a place; "a court in Tehran"."""
        doc = self.doc
        lowers = token_words(doc).lower
        comma, org_in = rule("place-comma-place"), rule("org-in-place")
        ent, etype = self.ent, self.etype
        for i in range(len(doc) - 2):
            if (
                (key := ent[i]) is not None
                and etype.get(key) == PLACE  # self._is(i, PLACE) inlined: this runs on every token
                and key != ent[i + 1]
                and lowers[i + 1] == ","
                and self._is(i + 2, PLACE)
            ):
                inner, outer = self.ent[i], self.ent[i + 2]
                if inner is not None and outer is not None and inner != outer:
                    s = sentence_of(doc[i])
                    yield Fact(inner, "locatedIn", outer, s.start_char, s.end_char, comma.confidence, comma.name)
            if lowers[i] != "in":
                continue
            t = doc[i]
            org = self.ent[t.head.i]
            if t.head.i < i and org is not None and self.etype.get(org) == ORGANIZATION:
                pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
                place = self.ent[pobj.i] if pobj is not None else None
                if place is not None and self.etype.get(place) == PLACE:
                    s = sentence_of(t)
                    yield Fact(
                        org,
                        "locatedIn",
                        place,
                        s.start_char,
                        s.end_char,
                        org_in.confidence,
                        org_in.name,
                    )


def leads(words: list[str]) -> bool:
    """A title that means leading the organisation: "leader", "chief executive", "managing
    director", "President"; not "deputy leader", "regional director", "chief financial officer"."""
    if not words or set(words) & NOT_LEADER_MODIFIERS:
        return False
    if " ".join(words[-2:]) in LEADER_PHRASES or " ".join(words[-3:]) in LEADER_PHRASES:
        return True
    if words[-1] == "director":
        return len(words) > 1 and words[-2] in LEADING_DIRECTORS
    return words[-1] in LEADER_WORDS or "president" in words
