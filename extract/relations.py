"""Positions, leaders, memberships, parts and places, from appositions, titles and verbs.

Appositions in news are parsed unreliably by the small model ("the regime's Vice-president"
comes out as three appositions), so titles are read as token patterns between the commas
around a name, with spaCy's POS tags, and the verb rules ("led by", "heads") use the parse.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .patterns import GROUP_NOUNS, LEAD_VERBS, LEADER_WORDS, NOT_LEADER_MODIFIERS, PARTY_WORDS, TITLE_WORDS
from .records import ORGANIZATION, PERSON, PLACE, Fact

_DROP_MODIFIERS = {"current", "then", "now", "incumbent", "longtime", "long-time", "new", "veteran", "powerful"}
_BE = {"is", "was", "became", "becomes", "remains", "remained", "be", "been"}


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    org: str | None
    start: int  # token range of the whole phrase (org included)
    end: int
    head: str


class Relations:
    """Relation rules over one parsed document.

    Args:
        doc: the parsed document.
        entity_of_token: entity key per token, None outside mentions.
        entity_type: entity key -> type.
    """

    def __init__(self, doc: Doc, entity_of_token: list[str | None], entity_type: dict[str, str],
                 new_org: Callable[[int, int], str] | None = None) -> None:
        self.doc = doc
        self.ent = entity_of_token
        self.etype = entity_type
        self.new_org = new_org

    def _is(self, i: int, wanted: str) -> bool:
        key = self.ent[i] if 0 <= i < len(self.doc) else None
        return key is not None and self.etype.get(key) == wanted

    def _mention_end(self, i: int) -> int:
        key = self.ent[i]
        j = i
        while j < len(self.doc) and self.ent[j] == key:
            j += 1
        return j

    def _mention_start(self, i: int) -> int:
        key = self.ent[i]
        j = i
        while j > 0 and self.ent[j - 1] == key:
            j -= 1
        return j

    # -- title phrases ---------------------------------------------------------------------
    def parse_title(self, lo: int, hi: int) -> Title | None:
        """Read tokens [lo, hi) as one title phrase, all of it or nothing.

        "the President-elect of the National Council of Resistance of Iran",
        "member of the NCRI Foreign Affairs Committee", "the regime's supreme leader",
        "Colombian presidential candidate", "Trade and Industry Secretary", "one of the
        regime's officials".
        """
        doc = self.doc
        i = lo
        org: str | None = None
        if i < hi and doc[i].lower_ == "one" and i + 1 < hi and doc[i + 1].lower_ == "of":
            i += 2
        if i < hi and doc[i].lower_ == "its":
            # "Its president, Owen Fairley": the organisation named last before
            org = self._org_antecedent(i)
            i += 1
        elif i < hi and doc[i].pos_ == "DET":
            i += 1
        # a possessor: "the MEK's", "the regime's", "Iran's"
        for j in range(i, min(hi, i + 6)):
            if doc[j].lower_ in TITLE_WORDS or doc[j].lower_ in {"of", "for", ","}:
                break
            if doc[j].lower_ in {"'s", "’s", "'", "’"} and doc[j].tag_ == "POS":
                owner = self.ent[j - 1]
                if owner and self.etype.get(owner) == ORGANIZATION:
                    org = owner
                i = j + 1
                break
        # an organisation before the title: "NCRI spokesman", "Tory leader"
        if i < hi and self._is(i, ORGANIZATION):
            end = self._mention_end(i)
            if end < hi and doc[end].lower_ in TITLE_WORDS:
                org, i = self.ent[i], end
        # a party named by its adjective: "Tory leader", "Liberal Democrat spokesman", "Labour MP"
        def party_word(t: Token) -> bool:
            return t.text[:1].isupper() and not self.ent[t.i] and t.lower_ not in TITLE_WORDS and (
                t.lower_ in PARTY_WORDS or t.lower_ in {"democrat", "republican", "democratic"}
                or (t.ent_type_ == "NORP" and t.tag_ == "NNPS"))  # "Italian Prime Minister": no party

        if org is None and self.new_org is not None and i < hi and party_word(doc[i]):
            j = i
            while j < hi and party_word(doc[j]):
                j += 1
            if j < hi and doc[j].lower_ in TITLE_WORDS:
                org, i = self.new_org(i, j), j
        t_start = i
        head_at = None
        while i < hi:
            t = doc[i]
            low = t.lower_
            if low in TITLE_WORDS or (low.endswith("s") and low[:-1] in TITLE_WORDS and doc[lo].lower_ == "one"):
                head_at = i
                i += 1
                # "President-elect", "Vice-president"
                while i + 1 < hi and doc[i].text == "-" and doc[i + 1].is_alpha:
                    head_at = i + 1
                    i += 2
                if i < hi and doc[i].lower_ in TITLE_WORDS:
                    continue
                break
            if t.pos_ in {"ADJ", "PROPN", "NOUN"} or t.tag_ == "VBG" or low in {"and", "-", "&"} or t.text == "-":
                if self._is(i, PERSON):
                    return None
                i += 1
                continue
            return None
        if head_at is None:
            return None
        title_tokens = [t for t in doc[t_start:head_at + 1] if t.lower_ not in _DROP_MODIFIERS]
        while title_tokens and title_tokens[0].lower_ in {"and", "&", "-", "or"}:
            title_tokens = title_tokens[1:]  # "Italian Prime Minister and German Chancellor X"
        if not title_tokens:
            return None
        text = "".join(t.text_with_ws for t in title_tokens).strip()
        if doc[lo].lower_ == "one" and text.endswith("s"):
            text = text[:-1]
        # "of the National Council of Resistance of Iran", "for women", "at Reuters"
        if i < hi and doc[i].lower_ in {"of", "for", "at", "to"}:
            j = i + 1
            if j < hi and doc[j].pos_ == "DET":
                j += 1
            if j < hi and self.ent[j] and self.etype.get(self.ent[j]) in {ORGANIZATION, PLACE}:
                end = self._mention_end(j)
                if self.etype[self.ent[j]] == ORGANIZATION:
                    org = self.ent[j]
                # "(NCRI)" after the name, and "Foreign Affairs Committee" of a composite name
                while end < hi and (self.ent[end] == self.ent[j] or doc[end].text in {"(", ")"}
                                    or (self.ent[end] and self.etype.get(self.ent[end]) == ORGANIZATION)):
                    if self.ent[end] and self.ent[end] != self.ent[j] and self.etype.get(self.ent[end]) == ORGANIZATION and doc[end - 1].text == ")":
                        org = self.ent[end]
                    end += 1
                i = end
            else:
                while j < hi and (doc[j].pos_ in {"PROPN", "NOUN", "ADJ", "DET"} or doc[j].lower_ in {"of", "and"}):
                    j += 1
                i = j
        if i != hi:
            return None
        return Title(text, org, lo, hi, doc[head_at].lower_)

    def _org_antecedent(self, i: int) -> str | None:
        """"Its": the organisation that is the subject of the nearest clause before (this
        sentence or the one before it), else the nearest organisation named."""
        lo = self.doc[i].sent.start
        lo = self.doc[lo - 1].sent.start if lo > 0 else lo
        orgs = [k for k in range(i - 1, lo - 1, -1) if self.ent[k] and self.etype.get(self.ent[k]) == ORGANIZATION]
        for k in orgs:
            t = self.doc[k]
            if t.dep_ in {"nsubj", "nsubjpass"} or (t.dep_ == "compound" and t.head.dep_ in {"nsubj", "nsubjpass"}):
                return self.ent[k]
        return self.ent[orgs[0]] if orgs else None

    def _segment_after(self, i: int) -> int:
        """End of the comma-delimited segment starting at token i."""
        doc, sent_end = self.doc, self.doc[i].sent.end if i < len(self.doc) else len(self.doc)
        j = i
        while j < sent_end and doc[j].text not in {",", ";", ":", "“", '"', "—", "–"} and not (doc[j].pos_ in {"VERB", "AUX"} and not self._in_title_word(j) and not (doc[j].tag_ == "VBG" and j + 1 < len(doc) and doc[j + 1].lower_ in TITLE_WORDS)):
            if doc[j].text == "." and j + 1 >= sent_end:
                break
            j += 1
        return j

    def _in_title_word(self, j: int) -> bool:
        return self.doc[j].lower_ in TITLE_WORDS or (j > 0 and self.doc[j - 1].text == "-")

    # -- positions ----------------------------------------------------------------------------
    def positions(self) -> Iterator[Fact]:
        doc = self.doc
        seen: set[int] = set()
        for i in range(len(doc)):
            if not self._is(i, PERSON) or (i > 0 and self.ent[i - 1] == self.ent[i]):
                continue
            start, end = i, self._mention_end(i)
            person = self.ent[i]
            assert person is not None
            sent = doc[i].sent
            span = (sent.start_char, sent.end_char)
            # X, TITLE [of ORG],  /  X is TITLE of ORG
            if end < len(doc) and (doc[end].text == "," or doc[end].lower_ in _BE):
                lo = end + 1
                if doc[end].lower_ in _BE and lo < len(doc) and doc[lo].lower_ in {"been"}:
                    lo += 1
                hi = self._segment_after(lo) if lo < len(doc) else lo
                title = self.parse_title(lo, hi) if hi > lo else None
                if title:
                    yield self._fact(person, title, span, "apposition-after" if doc[end].text == "," else "copula")
                    seen.add(i)
            # TITLE [of ORG], X
            j = start - 1
            while j >= 0 and doc[j].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr"}:
                j -= 1
            if j >= 0 and doc[j].text in {",", "–", "—"}:
                k = j - 1
                while k >= sent.start and doc[k].text not in {",", ";", ":", "(", ")", "“", "”", '"', "–", "—"} and "\n" not in doc[k].text:
                    k -= 1
                for lo in range(k + 1, j):
                    if doc[lo].pos_ in {"DET", "ADJ", "PROPN", "NOUN"} or doc[lo].lower_ in {"one", "its"}:
                        title = self.parse_title(lo, j)
                        if title:
                            yield self._fact(person, title, span, "apposition-before")
                            break
            # TITLE X: "Supreme Leader Ali Khamenei", "Tory leader Michael Howard"
            elif j >= 0 and doc[j].lower_ in TITLE_WORDS | {"elect"}:
                k = j
                while k - 1 >= sent.start and (doc[k - 1].pos_ in {"PROPN", "ADJ", "NOUN"} or doc[k - 1].lower_ in {"and", "-", "'s", "’s"}) and doc[k - 1].text[:1] != "," and not self._is(k - 1, PERSON):
                    k -= 1
                for lo in range(k, j + 1):
                    title = self.parse_title(lo, j + 1)
                    if title:
                        yield self._fact(person, title, span, "title-before-name")
                        break

    def _fact(self, person: str, title: Title, span: tuple[int, int], rule: str) -> Fact:
        return Fact(person, "holdsPosition", title.org, span[0], span[1], 0.85, rule, title=title.text)

    # -- leaders and members ------------------------------------------------------------------
    def leaders_from_positions(self, facts: list[Fact], org_names: dict[str, str]) -> Iterator[Fact]:
        """A leader's title with an organisation: "X, the leader of Y" -> Y ledBy X.

        A position in an organisation implies membership ("member of", "spokesman for",
        "minister of"); a leading title implies it only for parties and assemblies, whose
        leaders are members by definition: the leader of a movement ("the Iranian
        Resistance") or the president of a council is not counted as its member.
        """
        for f in facts:
            if f.predicate != "holdsPosition" or f.object is None or f.title is None:
                continue
            words = f.title.lower().replace("-", " ").split()
            leading = bool(words) and (words[-1] in LEADER_WORDS or "president" in words or "elect" in words)
            if words[-1:] == ["director"] and len(words) > 1 and words[-2] not in {"managing", "executive", "general"}:
                leading = False  # "regional director", "communications director" do not lead
            if leading and not set(words) & NOT_LEADER_MODIFIERS:
                yield Fact(f.object, "ledBy", f.subject, f.start, f.end, 0.8, f"{f.rule}+leader-title")
            org_words = set(org_names.get(f.object, "").lower().split())
            if not leading or org_words & PARTY_WORDS:
                yield Fact(f.subject, "memberOf", f.object, f.start, f.end, 0.85 if words[-1:] == ["member"] else 0.7,
                           f"{f.rule}+position-implies-member")

    def members_of_parts(self, facts: list[Fact]) -> Iterator[Fact]:
        """A member of a committee that is part of Y is a member of Y."""
        parts = {(f.subject, f.object) for f in facts if f.predicate == "partOf"}
        for f in facts:
            if f.predicate == "memberOf":
                for part, whole in parts:
                    if f.object == part and whole:
                        yield Fact(f.subject, "memberOf", whole, f.start, f.end, 0.6, f"{f.rule}+part-of")

    def lead_verbs(self, new_org) -> Iterator[Fact]:  # noqa: ANN001 (callback)
        """"Y is led by X", "headed by X", "X leads Y", "X, who chairs Y"."""
        doc = self.doc
        for t in doc:
            if t.pos_ != "VERB" or t.lemma_.lower() not in LEAD_VERBS:
                continue
            sent = t.sent
            span = (sent.start_char, sent.end_char)
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                person = self._person_at(pobj)
                subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
                if subj is None and t.dep_ == "acl":
                    subj = t.head  # "the movement led by X"
                if subj is not None and subj.lower_ in {"which", "that", "who"} and t.dep_ == "relcl":
                    subj = t.head  # "the Authority, which is headed by X"
                # "A, and the Iranian opposition movement is led by X": the parser may hang the
                # real subject on a conjunct; take the nearest one that names a group
                candidates = sorted([subj, *subj.conjuncts], key=lambda c: abs(t.i - c.i)) if subj is not None else []
                for cand in candidates:
                    org = self._org_at(cand, new_org)
                    if person and org:
                        yield Fact(org, "ledBy", person, span[0], span[1], 0.8, "led-by")
                        break
                continue
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ == "who" and t.dep_ == "relcl":
                subj = t.head
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            person, org = self._person_at(subj), self._org_at(obj, None)
            if person and org:
                yield Fact(org, "ledBy", person, span[0], span[1], 0.75, "lead-verb")

    def _person_at(self, tok: Token | None) -> str | None:
        if tok is None:
            return None
        if self._is(tok.i, PERSON):
            return self.ent[tok.i]
        for c in tok.children:  # "a woman, Maryam Rajavi"
            if c.dep_ == "appos" and self._is(c.i, PERSON):
                return self.ent[c.i]
        return None

    def _org_at(self, tok: Token | None, new_org) -> str | None:  # noqa: ANN001
        if tok is None:
            return None
        if self._is(tok.i, ORGANIZATION):
            return self.ent[tok.i]
        if tok.dep_ == "appos" and self._is(tok.head.i, ORGANIZATION):
            return self.ent[tok.head.i]  # "Northwind Systems, the software company founded by X"
        if new_org is not None and tok.lower_ in GROUP_NOUNS:
            # "the Iranian opposition movement is led by ...": the phrase names a group
            left = min((c.i for c in tok.children if c.dep_ in {"amod", "compound"} and c.i < tok.i), default=tok.i)
            if left < tok.i:
                return new_org(left, tok.i + 1)
        return None

    # -- parts and places ---------------------------------------------------------------------
    def places(self) -> Iterator[Fact]:
        """"Mashhad, Iran": a place, a comma and a place; "a court in Tehran"."""
        doc = self.doc
        for i in range(len(doc) - 2):
            if self._is(i, PLACE) and self.ent[i] != self.ent[i + 1] and doc[i + 1].text == "," and self._is(i + 2, PLACE):
                inner, outer = self.ent[i], self.ent[i + 2]
                if inner != outer:
                    s = doc[i].sent
                    yield Fact(inner, "locatedIn", outer, s.start_char, s.end_char, 0.7, "place-comma-place")
            t = doc[i]
            if t.lower_ == "in" and t.head.i < i and self.ent[t.head.i] and self.etype.get(self.ent[t.head.i]) in {ORGANIZATION}:
                pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
                if pobj is not None and self._is(pobj.i, PLACE):
                    s = t.sent
                    yield Fact(self.ent[t.head.i], "locatedIn", self.ent[pobj.i], s.start_char, s.end_char, 0.6, "org-in-place")
