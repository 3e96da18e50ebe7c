"""Reporting cues around a quoted span: strategies in order, the first that finds one is the rules'.

Each strategy is a small function of a :class:`Frame` (the span and the sentences around it)
that returns the cue tokens it finds. The attributor runs all of ``STRATEGIES``: the rules take
the cues of the first that finds any, and the cues of every strategy propose candidates to the
speaker ranker (``ranker``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..nlp import sentence_of, token_words
from ..words import ALWAYS_CUES, CUE_VERBS, MAKING_VERBS, SPEECH_NOUNS
from .spans import QuotedSpan

# Last characters of a quote after which its cue may open the next sentence: '“...?” he asked.'
_OPEN_ENDINGS = frozenset({"?", "!", ",", "…", "—"})


@dataclass(frozen=True, slots=True)
class Frame:
    """A quoted span and the token range [lo, hi) of the sentences holding it and its marks."""

    doc: Doc
    text: str  # the document text (Doc.text, read once)
    in_quote: list[bool]
    span: QuotedSpan
    lo: int
    hi: int

    @property
    def quoted(self) -> str:
        return self.text[self.span.start : self.span.end]


def cues_in(frame: Frame, lo: int, hi: int) -> list[Token]:
    """Reporting verbs (and "according to") in tokens [lo, hi), outside quotes."""
    doc, out = frame.doc, []
    lowers, lemmas, pos = token_words(doc)  # a Token is made only for a word that is taken
    for i in range(lo, hi):
        if frame.in_quote[i]:
            continue
        lower = lowers[i]
        if (pos[i] in {"VERB", "AUX"} and lemmas[i].lower() in CUE_VERBS) or lower in ALWAYS_CUES:
            out.append(doc[i])  # "Said Ellis:" is tagged a proper noun at a sentence start
        elif lower == "according" and i + 1 < len(doc) and lowers[i + 1] == "to":
            out.append(doc[i])
        elif pos[i] == "NOUN" and lower in SPEECH_NOUNS and speech_noun_source(doc[i]) is not None:
            # "Ada Kell's claim that ...", "The ministry issued a statement that ...": the
            # possessor, or who makes the statement, says the words the noun governs (not
            # "Ada Kell's claim was 'true'", words said of the claim)
            noun = doc[i]
            if noun.left_edge.idx <= frame.span.open_mark <= noun.right_edge.idx + len(noun.right_edge):
                out.append(noun)
    return out


def speech_noun_source(noun: Token) -> Token | None:
    """Who a noun of saying is from: its possessor ("Ada Kell's claim"), or, for the object of a
    verb of making it ("issued a statement"), that verb (whose subject makes it)."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in MAKING_VERBS:
        return head
    return None


def in_sentence(frame: Frame) -> list[Token]:
    """'Helena Marsh said: “...”', '“...,” said Robert Kane': a cue in the quote's sentences."""
    return cues_in(frame, frame.lo, frame.hi)


def in_next_sentence(frame: Frame) -> list[Token]:
    """'“Does anybody know?” Penrose asked.': the parser ends the sentence at the mark and the
    cue opens the next one, right after a name or pronoun."""
    doc, sp, quoted = frame.doc, frame.span, frame.quoted
    ends_open = quoted.rstrip()[-1:] in {",", "…"} or frame.text[sp.end : sp.end + 2].strip()[:1] == ","
    if frame.hi >= len(doc) or not (ends_open or sp.close_mark is not None):
        return []
    nxt = sentence_of(doc[frame.hi])
    if frame.in_quote[nxt.start]:
        return []
    if not (doc[nxt.start].is_lower or quoted.rstrip()[-1:] in _OPEN_ENDINGS):
        return []
    return [c for c in cues_in(frame, nxt.start, nxt.end) if c.i - nxt.start <= 5]


def before_colon(frame: Frame) -> list[Token]:
    """'The union said in a statement: “...”': after a colon, the cue is in the sentence before."""
    doc, lo, text = frame.doc, frame.lo, frame.text
    if lo == 0:
        return []
    before = text[max(0, frame.span.open_mark - 3) : frame.span.open_mark].strip()
    start = doc[lo].idx
    if not (before.endswith(":") or doc[lo - 1].text == ":" or text[start - 3 : start].strip().endswith(":")):
        return []
    prev_sent = sentence_of(doc[lo - 1])
    found = cues_in(frame, prev_sent.start, prev_sent.end)
    if found:
        return found
    # 'Sanders made the following comment:': whatever the verb, a colon hands its subject the words
    root = prev_sent.root
    subject = any(c.dep_ in ("nsubj", "nsubjpass") and not frame.in_quote[c.i] for c in root.children)
    return [root] if root.pos_ == "VERB" and subject and not frame.in_quote[root.i] else []


def ending_previous_sentence(frame: Frame) -> list[Token]:
    """'The council may wait, Tomas Reyes said. “The other factor is money.”': a quote that
    opens its sentence, after a sentence in its paragraph that ends on its cue or reports
    speech ('Ann Weyman said teaching was key. “Young people must be told.”')."""
    doc, lo = frame.doc, frame.lo
    if lo == 0 or frame.span.open_mark - doc[lo].idx > 1:
        return []
    new_paragraph = "\n" in frame.text[doc[lo - 1].idx : frame.span.open_mark]
    prev_sent = sentence_of(doc[lo - 1])
    if any(frame.in_quote[t.i] for t in prev_sent):
        return []  # '"...," Ann Lee said, where Tom Reyes also spoke. "...": Lee goes on'
    tail = [t for t in prev_sent if not t.is_punct][-2:]
    found = cues_in(frame, prev_sent.start, prev_sent.end)
    # '... the council may wait, Tomas Reyes said.' or 'Ann Weyman said teaching was key.':
    # a cue that ends the sentence, or that is its main verb (reported speech, then the words)
    return [t for t in found if (t in tail and not new_paragraph) or t.dep_ == "ROOT"]


STRATEGIES: tuple[Callable[[Frame], list[Token]], ...] = (
    in_sentence,
    in_next_sentence,
    before_colon,
    ending_previous_sentence,
)
