"""Quoted spans and who said them; reported speech as claims.

Finding the spans is a character scan (no library pairs quotation marks across paragraphs
and tolerates unclosed ones: textacy rejects a document with an odd number of marks), the
attribution reads spaCy's dependency parse around each span.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .patterns import CLAIM_VERBS, CUE_VERBS, ORG_WORDS, SLOGAN_NOUNS, TITLE_WORDS
from .records import ORGANIZATION, PERSON, Claim, Quote

OPEN_CLOSE = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d", '"': '"'}
_PRONOUNS_PERSON = {"he", "she", "him", "her"}
_PRONOUNS_GROUP = {"they", "it", "we"}
_ALWAYS_CUES = {"said", "says", "told", "tells", "added", "asked", "wrote", "tweeted"}
# Descriptions that stand for an organisation named earlier: "the newspaper wrote".
ORG_DESCRIPTIONS = {"newspaper", "paper", "daily", "ministry", "agency", "website", "group",
                    "party", "organisation", "organization", "company", "firm", "government",
                    "regime", "council", "committee", "broadcaster", "network", "station",
                    "magazine", "outlet", "movement", "campaign", "union", "court", "office",
                    "department", "police", "army", "report", "statement"}


@dataclass
class Span_:
    """A quoted span in character offsets (text without the marks)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark, None when unclosed
    paragraph: int
    continues: bool = False  # a continuation paragraph of the quote before


def find_spans(text: str) -> list[Span_]:
    """Pair quotation marks paragraph by paragraph.

    Unclosed quotes end at the paragraph end; a paragraph that opens a mark right after an
    unclosed one continues that quote (BBC style).

    >>> [ "a “b c” d"[s.start:s.end] for s in find_spans("a “b c” d")]
    ['b c']
    >>> [ (s.close_mark, s.continues) for s in find_spans("“one\\n\\n“two”")]
    [(None, False), (10, True)]
    """
    spans: list[Span_] = []
    pos = 0
    prev_unclosed = False
    for number, line in enumerate(text.split("\n")):
        base = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        open_at: int | None = None
        closer = ""
        first_in_line = True
        for i, ch in enumerate(line):
            if open_at is None:
                if ch in OPEN_CLOSE and ch != "\u201d" and (ch != '"' or i == 0 or not line[i - 1].isalnum()):
                    open_at, closer = i, OPEN_CLOSE[ch]
            elif (ch == closer and (ch != '"' or not _opens(line, i))) or (closer == '"' and ch == "\u201d") \
                    or (closer == "\u201d" and ch == '"' and not _opens(line, i)):
                spans.append(_make(line, base, open_at, i, number,
                                   continues=first_in_line and prev_unclosed and line[:open_at].strip() == ""))
                first_in_line = False
                prev_unclosed = False
                open_at = None
            elif ch == "\u201c" or (ch == '"' and _opens(line, i)):
                # a new opening mark: the previous quote never closed ('... 26 weeks. "We are
                # going to ...': BBC style, a new sentence of the same quote reopens the mark)
                spans.append(_make(line, base, open_at, None, number, end=i))
                first_in_line = False
                open_at, closer = i, OPEN_CLOSE[ch]
        if open_at is not None:
            spans.append(_make(line, base, open_at, None, number, end=len(line),
                               continues=first_in_line and prev_unclosed and line[:open_at].strip() == ""))
            prev_unclosed = True
        else:
            prev_unclosed = False
    return [s for s in spans if s.end > s.start]


def _opens(line: str, i: int) -> bool:
    """A straight mark shaped like an opening one: space (or line start) before, a word after."""
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    return (before.isspace() or before in "([{—–-") and not after.isspace() and after not in ".,;:!?)"


def _make(line: str, base: int, open_at: int, close_at: int | None, paragraph: int, *,
          end: int | None = None, continues: bool = False) -> Span_:
    s, e = open_at + 1, close_at if close_at is not None else end
    assert e is not None
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    return Span_(base + s, base + e, base + open_at, None if close_at is None else base + close_at,
                 paragraph, continues)


@dataclass(frozen=True)
class Speaker:
    text: str
    entity: str | None
    confidence: float
    rule: str


class Attributor:
    """Finds the cue and speaker of each quoted span in one parsed document.

    Args:
        doc: the parsed document.
        entity_of_token: the entity key of each token (None outside mentions).
        entity_type: entity key -> type (Person, Organization, ...).
    """

    def __init__(self, doc: Doc, entity_of_token: list[str | None], entity_type: dict[str, str],
                 entity_label: dict[str, str] | None = None) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text from every token on each access
        self.ent = entity_of_token
        self.etype = entity_type
        self.in_quote = [False] * len(doc)
        # "Okafor said" where the model did not tag "Okafor": the one person it is part of
        self.by_short_name: dict[str, set[str]] = {}
        for key, label in (entity_label or {}).items():
            if entity_type.get(key) == PERSON and " " in label:
                for word in (label.split()[0], label.split()[-1]):
                    self.by_short_name.setdefault(word.casefold(), set()).add(key)

    # -- helpers -------------------------------------------------------------------------
    def _mask(self, spans: list[Span_]) -> None:
        starts = [t.idx for t in self.doc]
        import bisect
        for sp in spans:
            hi = sp.close_mark + 1 if sp.close_mark is not None else sp.end
            i = bisect.bisect_left(starts, sp.open_mark)
            while i < len(self.doc) and self.doc[i].idx < hi:
                self.in_quote[i] = True
                i += 1

    def _entities_before(self, token_i: int, wanted: set[str]) -> str | None:
        for i in range(token_i - 1, -1, -1):
            key = self.ent[i]
            if key is not None and self.etype.get(key) in wanted and not self.in_quote[i]:
                return key
        return None

    def _np(self, head: Token) -> Span:
        """The noun phrase of a subject, without appositions, relative clauses and quotes."""
        left = head
        for t in head.lefts:
            if t.dep_ in {"det", "compound", "amod", "poss", "nmod", "case", "nummod", "punct"} and not self.in_quote[t.i]:
                left = t if t.i < left.i else left
        left_i = min((t.i for t in head.subtree if t.i <= head.i and not self.in_quote[t.i]
                      and t.dep_ not in {"punct"}), default=head.i)
        right_i = head.i
        for t in head.rights:
            if t.dep_ == "prep" and t.lower_ in {"of", "for", "at", "to", "from"}:
                right_i = max(right_i, max(x.i for x in t.subtree))
            elif t.dep_ in {"compound", "flat"}:
                right_i = max(right_i, t.i)
            else:
                break
        while right_i > left_i and self.in_quote[right_i]:
            right_i -= 1
        return self.doc[min(left_i, left.i):right_i + 1]

    def source_text(self, head: Token, *, after: int = -1) -> str:
        """The speaker as written: the subject with its appositions and clauses ("Scott
        Pruitt, the Republican attorney general of Oklahoma"), never reaching into a quote."""
        lo = hi = head.i
        for t in head.subtree:
            if self.in_quote[t.i]:
                continue
            lo, hi = min(lo, t.i), max(hi, t.i)
        for i in range(head.i, hi + 1):
            if self.in_quote[i]:
                hi = i - 1
                break
        for i in range(head.i, lo - 1, -1):
            if self.in_quote[i]:
                lo = i + 1
                break
        while hi > lo and (self.doc[hi].is_punct or self.doc[hi].is_space) and self.doc[hi].text != ")":
            hi -= 1
        lo = max(lo, after + 1)
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        return self.doc[lo:hi + 1].text

    def resolve(self, head: Token) -> Speaker:
        """The entity a subject stands for: a name, a pronoun, or a description."""
        np = self._np(head)
        text = self.source_text(head)
        # a name: the head itself, an apposition ("the regime's leader, Ali Khamenei"),
        # then any entity inside the phrase ("MEK Iran's representatives", "a spokesman for X")
        if self.ent[head.i]:
            return Speaker(text, self.ent[head.i], 0.9, "named")
        frontier = [head]
        for _ in range(3):  # "the regime's Supreme Leader, Ali Khamenei": appositions of appositions
            frontier = [c for t in frontier for c in t.children if c.dep_ == "appos" and not self.in_quote[c.i]]
            for child in frontier:
                if self.ent[child.i] and self.etype.get(self.ent[child.i]) in {PERSON, ORGANIZATION}:
                    return Speaker(text, self.ent[child.i], 0.9, "named-apposition")
        inside = [self.ent[t.i] for t in np if self.ent[t.i] and self.etype.get(self.ent[t.i]) in {PERSON, ORGANIZATION}]
        if inside:
            people = [k for k in inside if self.etype.get(k) == PERSON]
            return Speaker(text, (people or inside)[0], 0.8, "named-inside")
        lower = head.lower_
        fits = self.by_short_name.get(head.text.casefold(), set()) if head.text[:1].isupper() else set()
        if len(fits) == 1:
            return Speaker(text, next(iter(fits)), 0.85, "named-short")
        if lower in _PRONOUNS_PERSON:
            return Speaker(text, self._antecedent(head), 0.7, "pronoun")
        if lower in _PRONOUNS_GROUP:
            key = self._entities_before(head.i, {ORGANIZATION})
            return Speaker(text, key, 0.55, "pronoun-group")
        if lower in ORG_DESCRIPTIONS or lower in ORG_WORDS:
            return Speaker(text, self._entities_before(head.i, {ORGANIZATION}), 0.6, "description")
        if lower in TITLE_WORDS or lower in {"official", "spokesman", "spokeswoman"}:
            return Speaker(text, self._entities_before(head.i, {PERSON}), 0.55, "description")
        return Speaker(text, None, 0.5, "unresolved")

    def _antecedent(self, pronoun: Token) -> str | None:
        """He/she: the person who is the subject of the nearest clause before (this sentence
        and the two before it), else the nearest person named before."""
        sent = pronoun.sent
        lo = sent.start
        for _ in range(2):
            if lo > 0:
                lo = self.doc[lo - 1].sent.start
        for i in range(pronoun.i - 1, lo - 1, -1):
            key = self.ent[i]
            if key and self.etype.get(key) == PERSON and not self.in_quote[i] \
                    and self.doc[i].dep_ in {"nsubj", "nsubjpass"} | ({"compound"} if self.doc[i].head.dep_ in {"nsubj", "nsubjpass"} else set()):
                return key
        return self._entities_before(pronoun.i, {PERSON})

    def _subject(self, verb: Token) -> Token | None:
        """The subject of a cue verb, following conjunctions and participles up the tree."""
        seen = 0
        while verb is not None and seen < 4:
            for child in verb.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and not self.in_quote[child.i]:
                    if child.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
                        return verb.head  # "Penrose, who said ..."
                    return child
                if child.dep_ == "agent":
                    for grand in child.children:
                        if grand.dep_ == "pobj":
                            return grand
            if verb.dep_ in {"conj", "advcl", "xcomp", "ccomp", "acl", "relcl"} and verb.head is not verb:
                verb = verb.head
                seen += 1
                continue
            return None
        return None

    def _cues_in(self, lo: int, hi: int) -> list[Token]:
        out = []
        for t in self.doc[lo:hi]:
            if self.in_quote[t.i]:
                continue
            if (t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in CUE_VERBS) or t.lower_ in _ALWAYS_CUES:
                out.append(t)  # "Said Ellis:" is tagged a proper noun at a sentence start
            elif t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                out.append(t)
        return out

    def _according_to(self, token: Token) -> Token | None:
        to = self.doc[token.i + 1]
        for child in to.children:
            if child.dep_ == "pobj":
                return child
        return self.doc[token.i + 2] if token.i + 2 < len(self.doc) else None

    # -- quotes ----------------------------------------------------------------------------
    def attribute(self, spans: list[Span_]) -> list[Quote]:
        self._mask(spans)
        quotes: list[Quote] = []
        prev: Quote | None = None
        prev_span: Span_ | None = None
        for sp in spans:
            q = self._attribute_one(sp, prev, prev_span)
            if q is not None:
                quotes.append(q)
                prev, prev_span = q, sp
        return quotes

    def _sentence_bounds(self, sp: Span_) -> tuple[int, int]:
        """Token range of the sentences holding the span and its marks."""
        first = self.doc.char_span(sp.open_mark, sp.open_mark + 1, alignment_mode="expand")
        last_char = (sp.close_mark if sp.close_mark is not None else sp.end - 1)
        last = self.doc.char_span(last_char, last_char + 1, alignment_mode="expand")
        if first is None or last is None:
            return (0, 0)
        return first[0].sent.start, last[-1].sent.end

    def _attribute_one(self, sp: Span_, prev: Quote | None, prev_span: Span_ | None) -> Quote | None:
        doc = self.doc
        text = self.text[sp.start:sp.end]
        words = text.split()
        lo, hi = self._sentence_bounds(sp)
        if hi <= lo:
            return None
        sent_start, sent_end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        # the frame: the sentence(s) around the quote; after ', "' the cue may sit in the
        # next sentence the parser split off; after ':' in the sentence before.
        cues = self._cues_in(lo, hi)
        ends_open = text.rstrip()[-1:] in {",", "…"} or self.text[sp.end:sp.end + 2].strip()[:1] == ","
        if not cues and hi < len(doc) and (ends_open or sp.close_mark is not None):
            nxt = doc[hi].sent
            if not self.in_quote[nxt.start] and nxt.start < len(doc):
                found = self._cues_in(nxt.start, nxt.end)
                # '“...?” Graham asked.': the parser ends the sentence at the mark; the cue
                # opens the next one, right after a name or pronoun
                if doc[nxt.start].is_lower or text.rstrip()[-1:] in {"?", "!", ",", "…", "—"}:
                    cues = [c for c in found if c.i - nxt.start <= 5]
        before = self.text[max(0, sp.open_mark - 3):sp.open_mark].strip()
        if not cues and lo > 0 and (before.endswith(":") or doc[lo - 1].text == ":" or self.text[sent_start - 3:sent_start].strip().endswith(":")):
            prev_sent = doc[lo - 1].sent
            cues = self._cues_in(prev_sent.start, prev_sent.end)
        elif not cues and lo > 0 and sp.open_mark - doc[lo].idx <= 1 and "\n" not in self.text[doc[lo - 1].idx:sp.open_mark]:
            # '... Kerry negotiates with Russia, Schiff said. "The other factor ...': the sentence
            # before ends on its cue
            prev_sent = doc[lo - 1].sent
            tail = [t for t in prev_sent if not t.is_punct][-2:]
            cues = [t for t in tail if t in self._cues_in(prev_sent.start, prev_sent.end)]
        # '“...” ― Stephanie Egan': a dash and a name after the closing mark
        if sp.close_mark is not None:
            dashed = self._dash_speaker(sp)
            if dashed is not None:
                return Quote(text, sp.start, sp.end, "―", dashed.text, dashed.entity, dashed.confidence,
                             "dash-attribution", sent_start, sent_end)
        # slogans and chants nobody is said to have spoken; titles of works
        if self._is_slogan(lo, hi, sp) or _looks_like_title(text, sp):
            return None
        mark_i = doc.char_span(sp.open_mark, sp.open_mark + 1, alignment_mode="expand")[0].i
        cue_token = min(cues, key=lambda t: abs(t.i - mark_i)) if cues else None
        speaker: Speaker | None = None
        cue = None
        rule = "unattributed"
        if cue_token is not None:
            # "X said an emergency fund would be announced 'within days'": a cue inside the
            # clause another cue reports gives way to that one
            reporting = [c for c in cues if c is not cue_token and c in cue_token.ancestors]
            if reporting:
                cue_token = max(reporting, key=lambda c: c.i if c.i < cue_token.i else -c.i)
            cue = cue_token.text if cue_token.lower_ != "according" else "according to"
            subj = self._according_to(cue_token) if cue_token.lower_ == "according" else self._subject(cue_token)
            if subj is not None:
                speaker = self.resolve(subj)
                rule = f"cue-{speaker.rule}"
                if self._slogan_noun(subj):
                    return None
            else:
                # no subject in the parse ("Fearing ..., Khamenei, the leader, ordered"):
                # the nearest person named before the cue in its sentence
                sent = cue_token.sent
                after = range(cue_token.i + 1, min(sent.end, cue_token.i + 4))  # "Said Ellis:"
                for i in [*range(cue_token.i - 1, sent.start - 1, -1), *after]:
                    if self.ent[i] and not self.in_quote[i] and self.etype.get(self.ent[i]) in {PERSON, ORGANIZATION} \
                            and (self.etype.get(self.ent[i]) == PERSON or i > cue_token.i):
                        speaker = Speaker(self.source_text(self.doc[i], after=cue_token.i if i > cue_token.i else -1),
                                          self.ent[i], 0.6, "nearest-person")
                        rule = "cue-nearest-person"
                        break
        # no cue: a continuation, a sentence that is all quote, or a long quote in the paragraph
        # of an attributed one, continues the speaker before it
        inherits = sp.continues or self._bare(lo, hi) or (
            len(words) >= 6 and prev_span is not None and prev_span.paragraph == sp.paragraph)
        if speaker is None and inherits and prev is not None and prev_span is not None \
                and sp.paragraph - prev_span.paragraph <= 2:
            speaker = Speaker(prev.speaker_text or "", prev.speaker, min(prev.confidence, 0.65), "previous-speaker")
            cue = cue or prev.cue
            rule = "continuation" if sp.continues else "previous-speaker"
        if speaker is None:
            if len(words) < 6:
                return None  # a scare quote: "special role", "remarkable"
            return Quote(text, sp.start, sp.end, cue, None, None, 0.4, rule, sent_start, sent_end)
        return Quote(text, sp.start, sp.end, cue, speaker.text or None, speaker.entity,
                     speaker.confidence, rule, sent_start, sent_end)

    def _dash_speaker(self, sp: Span_) -> Speaker | None:
        doc = self.doc
        line_end = self.text.find("\n", sp.close_mark)
        line_end = len(self.text) if line_end < 0 else line_end
        tail = self.text[sp.close_mark + 1:line_end]
        stripped = tail.lstrip()
        if not stripped[:1] in {"―", "—", "–", "-"}:
            return None
        name_start = sp.close_mark + 1 + (len(tail) - len(stripped)) + 1
        name = self.text[name_start:line_end].strip().rstrip(".")
        if not name or len(name.split()) > 8 or not name[:1].isupper():
            return None
        span = doc.char_span(name_start, line_end, alignment_mode="expand")
        key = next((self.ent[t.i] for t in span if self.ent[t.i]), None) if span is not None else None
        return Speaker(name, key, 0.85 if key else 0.6, "dash")

    def _bare(self, lo: int, hi: int) -> bool:
        """The sentence is all quote: nothing outside the marks but punctuation."""
        return all(self.in_quote[t.i] or t.is_punct or t.is_space for t in self.doc[lo:hi])

    def _slogan_noun(self, token: Token) -> bool:
        return token.lower_ in SLOGAN_NOUNS or token.lemma_.lower() in SLOGAN_NOUNS

    def _is_slogan(self, lo: int, hi: int, sp: Span_) -> bool:
        """'slogans that read: "..."', 'such chants as; "..."', 'graffiti writing "..."'."""
        for t in self.doc[lo:hi]:
            if t.idx >= sp.open_mark:
                break
            if not self.in_quote[t.i] and self._slogan_noun(t):
                return True
        return False

    # -- claims ------------------------------------------------------------------------------
    def claims(self) -> list[Claim]:
        """Reported speech: 'X said that ...', 'X warned (that) ...', 'according to X, ...'."""
        out: list[Claim] = []
        for t in self.doc:
            if self.in_quote[t.i] or t.pos_ != "VERB" or t.lemma_.lower() not in CLAIM_VERBS:
                continue
            comp = next((c for c in t.children if c.dep_ == "ccomp" and not self.in_quote[c.i]), None)
            subj = self._subject(t)
            if comp is None or subj is None:
                continue
            tokens = [x for x in comp.subtree if not self.in_quote[x.i]]
            if len(tokens) < 4 or any(self.in_quote[x.i] for x in comp.subtree):
                continue
            start_tok = tokens[0]
            if start_tok.lower_ == "that":
                tokens = tokens[1:]
            while tokens and tokens[0].is_punct:
                tokens = tokens[1:]
            if not tokens:
                continue
            speaker = self.resolve(subj)
            if speaker.entity is None:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            out.append(Claim(self.text[start:end], start, end, t.text, speaker.text,
                             speaker.entity, round(speaker.confidence * 0.9, 2), f"claim-{speaker.rule}"))
        return out


def _looks_like_title(text: str, sp: Span_) -> bool:
    """'the "Free Iran Global Summit"': a short Title Case phrase without a final stop."""
    words = text.split()
    if not 1 <= len(words) <= 6 or text[-1:] in ".!?,…":
        return False
    caps = [w for w in words if w[:1].isupper()]
    small = {"of", "the", "and", "for", "in", "on", "a", "to", "at"}
    return len(words) >= 2 and all(w[:1].isupper() or w in small for w in words) and len(caps) >= 2


def extract_quotes(doc: Doc, entity_of_token: list[str | None], entity_type: dict[str, str],
                   text: str, entity_label: dict[str, str] | None = None) -> tuple[list[Quote], list[Claim]]:
    """Quotes (with speakers) and claims of one parsed document."""
    spans = find_spans(text)
    attributor = Attributor(doc, entity_of_token, entity_type, entity_label)
    quotes = attributor.attribute(spans)
    return quotes, attributor.claims()
