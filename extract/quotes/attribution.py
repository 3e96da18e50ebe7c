"""Quoted spans and who said them; reported speech as claims.

The spans come from a character scan (``spans``), the cue from strategies tried in order
(``cues``), the speaker from the parse around the cue (``speakers``); a span with no cue of its
own may inherit the speaker of the quote before it. Those rules choose a speaker and, with the
subjects of the other cues, the speaker before and the subject of the sentence before, propose
candidates; the speaker ranker (``ranker``) chooses among them and gives the confidence.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Literal

from spacy.tokens import Doc, Token

from ..nlp import sentence_of, token_words
from ..records import Claim, Quote
from ..rules import rule
from ..schema import PERSON
from ..words import CLAIM_VERBS, DASHES, SLOGAN_NOUNS
from . import ranker
from .cues import STRATEGIES, Frame
from .spans import QuotedSpan, find_spans, looks_like_title
from .speakers import Speaker, Speakers

__all__ = ["Attributor", "extract_quotes", "find_spans"]

# Quotes of fewer words with no speaker are scare quotes: "special role", "remarkable".
_SCARE_QUOTE_WORDS = 6


class Attributor:
    """Finds the cue and speaker of each quoted span in one parsed document, with the
    document's speaker resolution (which it tells which tokens are quoted)."""

    def __init__(self, speakers: Speakers) -> None:
        self.speakers = speakers
        self.doc = speakers.doc
        self.text = speakers.text
        self.in_quote = speakers.in_quote
        self._spoken: set[str] = set()  # the entities that said a quote before the one read
        # what a quote and the candidates of the next ask again: (first, end) token of a frame ->
        # all quote; a cue's token -> the speaker it reports
        self._bare_frames: dict[tuple[int, int], bool] = {}
        self._cue_speakers: dict[int, Speaker | None | Literal[False]] = {}

    # -- quotes ---------------------------------------------------------------------------------
    def attribute(self, spans: list[QuotedSpan], in_quote: list[bool] | None = None) -> list[Quote]:
        self.speakers.mask(spans, in_quote)
        quotes: list[Quote] = []
        prev: tuple[Quote, QuotedSpan] | None = None
        self._spoken.clear()
        self._bare_frames.clear()
        self._cue_speakers.clear()
        for sp in spans:
            q = self._attribute_one(sp, prev)
            if q is not None:
                quotes.append(q)
                prev = q, sp
                if q.speaker is not None:
                    self._spoken.add(q.speaker)
        return quotes

    def _frame(self, sp: QuotedSpan) -> Frame | None:
        """The span with the token range of the sentences holding it and its marks."""
        first = self.doc.char_span(sp.open_mark, sp.open_mark + 1, alignment_mode="expand")
        last_char = sp.close_mark if sp.close_mark is not None else sp.end - 1
        last = self.doc.char_span(last_char, last_char + 1, alignment_mode="expand")
        if first is None or last is None:
            return None
        lo, hi = sentence_of(first[0]).start, sentence_of(last[-1]).end
        return Frame(self.doc, self.text, self.in_quote, sp, lo, hi) if hi > lo else None

    def _attribute_one(self, sp: QuotedSpan, prev: tuple[Quote, QuotedSpan] | None) -> Quote | None:
        frame = self._frame(sp)
        if frame is None:
            return None
        # the cues each strategy finds (the rules take the first strategy's that finds any)
        cue_sets = [(strategy.__name__, strategy(frame)) for strategy in STRATEGIES]
        chosen = self._rules_choice(frame, sp, prev, next((cues for _, cues in cue_sets if cues), []))
        if chosen is None:
            return None
        # while the training script records candidates, the rules choose (the model is fitted
        # on the chains the rules make)
        model = ranker.ranker() if ranker.RECORD is None else None
        if chosen.method == "dash-attribution" or (model is None and ranker.RECORD is None):
            return self._quote(sp, chosen.cue, chosen.speaker, chosen.method)
        chosen.features["rules"] = 1.0  # the choice of the rules is evidence too
        candidates = ranker.merge([chosen, *self._alternatives(frame, prev, cue_sets)])
        about = self._about(frame, prev, bool(cue_sets[0][1]))
        for c in candidates:
            self._describe(c, about, prev)
        if ranker.RECORD is not None:
            ranker.RECORD.append(
                (sp.start, sp.end, [(c.speaker.text, self._label(c.speaker.entity), c.features) for c in candidates])
            )
        if model is None:
            winner = candidates[0]
            return self._quote(sp, winner.cue, winner.speaker, winner.method)
        winner, probability = model.choose(candidates)
        speaker = replace(winner.speaker, confidence=round(probability, 3))
        return self._quote(sp, winner.cue, speaker, winner.method)

    def _rules_choice(
        self, frame: Frame, sp: QuotedSpan, prev: tuple[Quote, QuotedSpan] | None, cues: list[Token]
    ) -> ranker.Candidate | None:
        """The speaker the rules choose, tried in order (``cues``: those of the first cue
        strategy that finds any); None when the span is no quote."""
        # '“...” ― Stephanie Egan': a dash and a name after the closing mark
        dashed = self._dash_speaker(sp) if sp.close_mark is not None else None
        if dashed is not None:
            return ranker.Candidate(dashed, "―", dashed.rule)
        # slogans and chants nobody is said to have spoken; titles of works
        if self._is_slogan(frame) or looks_like_title(frame.quoted, sp):
            return None
        speaker, cue = None, None
        if not cues:
            speaker = self._name_colon(sp)
        if cues:
            found = self._speaker_of_cues(frame, cues)
            if found is None:
                return None  # the cue's subject is a slogan ("the banners read ...")
            speaker, cue = found
        if speaker is None and self._bare(frame):
            subject = self._previous_subject(frame, prev[1] if prev is not None else None)
            if subject is not None:
                return ranker.Candidate(subject, None, subject.rule, {"gen=previous-subject": 1.0})
        if speaker is None and prev is not None and self._inherits(frame, prev[1]):
            reporter = self._reported_before(frame, prev)
            if reporter is not None:
                return reporter
            return self._inherited(sp, prev, cue)
        if speaker is None:
            if len(frame.quoted.split()) < _SCARE_QUOTE_WORDS:
                return None
            return ranker.Candidate(Speaker.by("unattributed", "", None), cue, "unattributed", {"gen=none": 1.0})
        return ranker.Candidate(speaker, cue, f"cue-{speaker.rule}", {"gen=cue": 1.0})

    @staticmethod
    def _inherited(sp: QuotedSpan, prev: tuple[Quote, QuotedSpan], cue: str | None) -> ranker.Candidate:
        """The speaker of the quote before, carried on."""
        quote_rule = "continuation" if sp.continues else "previous-speaker"
        before = prev[0]
        confidence = min(before.confidence, rule(quote_rule).confidence)
        speaker = Speaker(before.speaker_text or "", before.speaker, quote_rule, confidence)
        gap = min(sp.paragraph - prev[1].paragraph, 3)
        return ranker.Candidate(speaker, cue or before.cue, quote_rule, {"gen=inherit": 1.0, f"inherit_gap={gap}": 1.0})

    def _alternatives(
        self, frame: Frame, prev: tuple[Quote, QuotedSpan] | None, cue_sets: list[tuple[str, list[Token]]]
    ) -> list[ranker.Candidate]:
        """What else might have said the quote: the subject of every cue any cue strategy
        finds (``cue_sets``: each strategy's name and cues), the speaker of the quote before,
        the subject of the sentence before, nobody."""
        out = []
        mark = self._mark_token(frame.span)
        for strategy, found_cues in cue_sets:
            cues = sorted(found_cues, key=lambda t: abs(t.i - mark))[:3]
            for rank, cue_token in enumerate(cues):
                found = self._speaker_of_cue(cue_token)
                if not found:
                    continue
                x = {"gen=cue": 1.0, f"strategy={strategy}": 1.0, f"cue_rank={rank}": 1.0}
                x["cue_say"] = float(cue_token.lemma_.lower() == "say")
                x["cue_after"] = float(cue_token.i > mark)
                x["cue_distance"] = math.log1p(self._distance(frame.span, cue_token, mark)) / 3
                x["cue_root"] = float(cue_token.dep_ == "ROOT")
                # the quote stands in what the cue governs: "X said (that) '...'"
                x["quote_governed"] = float(cue_token.left_edge.i <= mark + 1 <= cue_token.right_edge.i)
                out.append(ranker.Candidate(found, _cue_text(cue_token), f"cue-{found.rule}", x))
        if prev is not None and frame.span.paragraph - prev[1].paragraph <= 2:
            out.append(self._inherited(frame.span, prev, None))
        subject = self._previous_subject(frame, prev[1] if prev is not None else None, loose=True)
        if subject is not None:
            x = {"gen=previous-subject": 1.0, "previous_subject_bare": float(self._bare(frame))}
            out.append(ranker.Candidate(subject, None, subject.rule, x))
        out.append(ranker.Candidate(Speaker.by("unattributed", "", None), None, "unattributed", {"gen=none": 1.0}))
        return out

    def _about(self, frame: Frame, prev: tuple[Quote, QuotedSpan] | None, cue_in_sentence: bool) -> list[str]:
        """What holds of the quote (the same for each of its candidates)."""
        sp = frame.span
        facts = {
            "bare": self._bare(frame),
            "continues": sp.continues,
            "short": len(frame.quoted.split()) < _SCARE_QUOTE_WORDS,
            "new_paragraph": prev is not None and prev[1].paragraph != sp.paragraph,
            "opens_sentence": sp.open_mark - self.doc[frame.lo].idx <= 1,
            "cue_in_sentence": cue_in_sentence,
            "after_named": prev is not None and (prev[0].speaker_rule or "").startswith("named"),
        }
        return [name for name, on in facts.items() if on]

    def _describe(self, c: ranker.Candidate, about: list[str], prev: tuple[Quote, QuotedSpan] | None) -> None:
        """The features of a candidate the proposers did not give: how its speaker was
        resolved, its type, whether it spoke before; facts about the quote, crossed with
        each proposer (they matter to one proposer, not to all)."""
        x, key = c.features, c.speaker.entity
        x[f"res={c.speaker.rule}"] = 1.0
        x[f"type={self.speakers.etype.get(key, 'none') if key else 'none'}"] = 1.0
        if key is not None:
            x["spoke_before"] = float(key in self._spoken)
            x["last_speaker"] = float(prev is not None and prev[0].speaker == key)
        for gen in [k for k in x if k.startswith("gen=")]:
            for name in about:
                x[f"{gen}&{name}"] = 1.0

    def _label(self, key: str | None) -> str:
        return self.speakers.labels.get(key, "") if key else ""

    def _mark_token(self, sp: QuotedSpan) -> int:
        mark = self.doc.char_span(sp.open_mark, sp.open_mark + 1, alignment_mode="expand")
        assert mark is not None  # the frame was found from this very mark
        return mark[0].i

    def _distance(self, sp: QuotedSpan, token: Token, opening: int) -> int:
        """Tokens between a cue and the nearer mark of the span (``opening``: the opening mark's token)."""
        if token.i < opening or sp.close_mark is None:
            return abs(opening - token.i)
        close = self.doc.char_span(sp.close_mark, sp.close_mark + 1, alignment_mode="expand")
        return abs(token.i - (close[0].i if close is not None else opening))

    def _quote(self, sp: QuotedSpan, cue: str | None, speaker: Speaker, method: str) -> Quote:
        return Quote(
            self.text[sp.start : sp.end],
            sp.start,
            sp.end,
            cue,
            speaker.text or None,
            speaker.entity,
            speaker.confidence,
            method,
            speaker.rule,
        )

    def _speaker_of_cues(self, frame: Frame, cues: list[Token]) -> tuple[Speaker | None, str] | None:
        """The speaker the cue nearest the opening mark reports, and the cue as written.

        Returns None when the cue's subject is a slogan noun (the quote is no quote).
        """
        mark_i = self._mark_token(frame.span)
        cue_token = min(cues, key=lambda t: abs(t.i - mark_i))
        # "X said an emergency fund would be announced 'within days'": a cue inside the
        # clause another cue reports gives way to that one
        # (not one joined to it by "but": "The Lib Dems say ..., but Ann Fox said ...")
        reporting = [c for c in cues if c is not cue_token and _reports(c, cue_token)]
        if reporting:
            cue_token = max(reporting, key=lambda c: c.i if c.i < cue_token.i else -c.i)
        found = self._speaker_of_cue(cue_token)
        return None if found is False else (found, _cue_text(cue_token))

    def _speaker_of_cue(self, cue_token: Token) -> Speaker | None | Literal[False]:
        """The speaker a cue reports: its subject resolved, else the nearest person; False
        when the subject is a slogan noun."""
        if cue_token.i not in self._cue_speakers:
            self._cue_speakers[cue_token.i] = self._resolve_cue(cue_token)
        return self._cue_speakers[cue_token.i]

    def _resolve_cue(self, cue_token: Token) -> Speaker | None | Literal[False]:
        according = cue_token.lower_ == "according"
        subj = self._according_to(cue_token) if according else self.speakers.subject(cue_token)
        if subj is None and not according:
            subj = self.speakers.subject_in_quote(cue_token)
        if subj is None:
            return self._nearest_person(cue_token)
        if self._slogan_noun(subj):
            return False
        return self.speakers.resolve(subj)

    def _nearest_person(self, cue_token: Token) -> Speaker | None:
        """No subject in the parse ("Fearing ..., Khamenei, the leader, ordered"): the nearest
        person named before the cue in its sentence, or a name right after it ("Said Ellis:")."""
        sent = sentence_of(cue_token)
        after = range(cue_token.i + 1, min(sent.end, cue_token.i + 4))
        for i in [*range(cue_token.i - 1, sent.start - 1, -1), *after]:
            key = self.speakers.speaking_entity(i)
            if key is not None and not self.in_quote[i] and (self.speakers.etype[key] == PERSON or i > cue_token.i):
                phrase = self.doc[i]
                # "Tulsa police Chief Chuck Jordan said": the whole phrase the name stands in
                while phrase.dep_ in ("compound", "flat", "appos") and not self.in_quote[phrase.head.i]:
                    if phrase.head.i == cue_token.i or not sent.start <= phrase.head.i < sent.end:
                        break
                    phrase = phrase.head
                text = self.speakers.source_text(phrase, after=cue_token.i if i > cue_token.i else -1)
                return Speaker.by("nearest-person", text, key)
        return None

    def _name_colon(self, sp: QuotedSpan) -> Speaker | None:
        """'Michael P. McDonald: “At long last ...”': a name and a colon before the quote, no verb."""
        before = self.text[max(0, sp.open_mark - 4) : sp.open_mark].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.doc.char_span(self.text.rindex(":", 0, sp.open_mark), sp.open_mark, alignment_mode="expand")
        if colon is None or colon.start == 0:
            return None
        i = colon.start - 1
        key = self.speakers.speaking_entity(i)
        if key is None or self.in_quote[i]:
            return None
        start = i
        while start > 0 and self.speakers.ent[start - 1] == key:
            start -= 1
        return Speaker.by("named-colon", self.doc[start : i + 1].text, key)

    def _previous_subject(self, frame: Frame, prev_span: QuotedSpan | None, *, loose: bool = False) -> Speaker | None:
        """'Senator X named exhaustion as a reason for hope. “Young people are sick of it.”':
        a sentence that is all quote, after a sentence of its paragraph with no quote of its
        own (a quoted title is no quote), is the words of the person that sentence is about
        (its main subject). ``loose``: the sentence before may be in the paragraph before or
        hold a quote (a candidate for the ranker, not the rules' choice)."""
        lo = frame.lo
        if lo == 0 or (not loose and "\n" in self.text[self.doc[lo - 1].idx : frame.span.open_mark]):
            return None
        prev_sent = sentence_of(self.doc[lo - 1])
        if not loose and prev_span is not None and prev_span.open_mark >= prev_sent.start_char:
            return None
        subj = next((c for c in prev_sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        found = self.speakers.resolve(subj)
        if found.entity is None or self.speakers.etype.get(found.entity) != PERSON:
            return None
        return Speaker.by("previous-subject", found.text, found.entity)

    def _reported_before(self, frame: Frame, prev: tuple[Quote, QuotedSpan]) -> ranker.Candidate | None:
        """ "Ann Lee said ... '...' A spokesman said there were 40 members. They shared a
        belief in the '...'": a quote with no cue of its own, in a sentence that goes on from
        one whose main verb reports someone else's speech (in its paragraph, after the quote
        before), is that reporter's, not the earlier speaker's."""
        lo = frame.lo
        if lo == 0 or "\n" in self.text[self.doc[lo - 1].idx : frame.span.open_mark]:
            return None
        before = sentence_of(self.doc[lo - 1])
        if prev[1].end > before.start_char:
            return None
        root = before.root
        if self.in_quote[root.i] or root.pos_ != "VERB" or root.lemma_.lower() not in CLAIM_VERBS:
            return None
        found = self._speaker_of_cue(root)
        if not found or found.entity == prev[0].speaker or (found.entity is None and not found.text):
            return None
        return ranker.Candidate(found, _cue_text(root), f"cue-{found.rule}", {"gen=reported-before": 1.0})

    def _inherits(self, frame: Frame, prev_span: QuotedSpan) -> bool:
        """A continuation paragraph, a sentence that is all quote, or a long quote in the
        paragraph of an attributed one continues the speaker before it (within two paragraphs)."""
        sp = frame.span
        inherits = (
            sp.continues
            or self._bare(frame)
            or (len(frame.quoted.split()) >= _SCARE_QUOTE_WORDS and prev_span.paragraph == sp.paragraph)
        )
        return inherits and sp.paragraph - prev_span.paragraph <= 2

    def _according_to(self, token: Token) -> Token | None:
        to = self.doc[token.i + 1]
        for child in to.children:
            if child.dep_ == "pobj":
                return child
        return self.doc[token.i + 2] if token.i + 2 < len(self.doc) else None

    def _dash_speaker(self, sp: QuotedSpan) -> Speaker | None:
        assert sp.close_mark is not None
        line_end = self.text.find("\n", sp.close_mark)
        line_end = len(self.text) if line_end < 0 else line_end
        tail = self.text[sp.close_mark + 1 : line_end]
        stripped = tail.lstrip()
        if stripped[:1] not in DASHES:
            return None
        name_start = sp.close_mark + 1 + (len(tail) - len(stripped)) + 1
        name = self.text[name_start:line_end].strip().rstrip(".")
        if not name or len(name.split()) > 8 or not name[:1].isupper():
            return None
        span = self.doc.char_span(name_start, line_end, alignment_mode="expand")
        ent = self.speakers.ent
        key = next((ent[t.i] for t in span if ent[t.i]), None) if span is not None else None
        dash = rule("dash-attribution")
        confidence = dash.confidence if key or dash.unlinked_confidence is None else dash.unlinked_confidence
        return Speaker(name, key, dash.name, confidence)

    def _bare(self, frame: Frame) -> bool:
        """The sentence is all quote: nothing outside the marks but punctuation."""
        known = self._bare_frames.get((frame.lo, frame.hi))
        if known is None:
            known = all(self.in_quote[t.i] or t.is_punct or t.is_space for t in self.doc[frame.lo : frame.hi])
            self._bare_frames[frame.lo, frame.hi] = known
        return known

    @staticmethod
    def _slogan_noun(token: Token) -> bool:
        return token.lower_ in SLOGAN_NOUNS or token.lemma_.lower() in SLOGAN_NOUNS

    def _is_slogan(self, frame: Frame) -> bool:
        """'slogans that read: "..."', 'such chants as; "..."', 'graffiti writing "..."'."""
        for t in self.doc[frame.lo : frame.hi]:
            if t.idx >= frame.span.open_mark:
                break
            if not self.in_quote[t.i] and self._slogan_noun(t):
                return True
        return False

    # -- claims ---------------------------------------------------------------------------------
    def claims(self) -> list[Claim]:
        """Reported speech: 'X said that ...', 'X warned (that) ...', 'according to X, ...'."""
        out: list[Claim] = []
        factor = rule("claim").confidence
        words = token_words(self.doc)
        for i, lemma in enumerate(words.lemma):
            if self.in_quote[i] or words.pos[i] != "VERB" or lemma.lower() not in CLAIM_VERBS:
                continue
            t = self.doc[i]
            comp = next((c for c in t.children if c.dep_ == "ccomp" and not self.in_quote[c.i]), None)
            subj = self.speakers.subject(t)
            if comp is None or subj is None:
                continue
            tokens = [x for x in comp.subtree if not self.in_quote[x.i]]
            if len(tokens) < 4 or any(self.in_quote[x.i] for x in comp.subtree):
                continue
            if tokens[0].lower_ == "that":
                tokens = tokens[1:]
            while tokens and tokens[0].is_punct:
                tokens = tokens[1:]
            if not tokens:
                continue
            speaker = self.speakers.resolve(subj)
            if speaker.entity is None:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            confidence = round(speaker.confidence * factor, 2)
            out.append(
                Claim(
                    self.text[start:end],
                    start,
                    end,
                    t.text,
                    speaker.text,
                    speaker.entity,
                    confidence,
                    f"claim-{speaker.rule}",
                )
            )
        return out


def _cue_text(cue: Token) -> str:
    """A cue as the graph writes it: "according to" for its first word."""
    return "according to" if cue.lower_ == "according" else cue.text


def _reports(cue: Token, inner: Token) -> bool:
    """``inner`` stands in a clause ``cue`` reports, not in a clause coordinated with it."""
    t = inner
    while t.head.i != t.i:
        if t.dep_ == "conj" and t.head.i == cue.i:
            return False
        t = t.head
        if t.i == cue.i:
            return True
    return False


def extract_quotes(
    doc: Doc,
    entity_of_token: list[str | None],
    entity_type: dict[str, str],
    text: str,
    entity_label: dict[str, str] | None = None,
    titles: dict[str, list[str]] | None = None,
    spans: list[QuotedSpan] | None = None,
    in_quote: list[bool] | None = None,
    posts: dict[str, set[str]] | None = None,
) -> tuple[list[Quote], list[Claim], Speakers]:
    """Quotes (with speakers) and claims of one parsed document, and the speakers' reading of
    it (which tokens are quoted, the coreference), which the verb relations reuse. ``spans``:
    the document's quoted spans, if already found (``spans.find_spans(text)``), and
    ``in_quote`` their tokens (``spans.quoted_tokens``); ``posts``: person -> the organisations
    of their titles."""
    if spans is None:
        spans, in_quote = find_spans(text), None
    speakers = Speakers(doc, entity_of_token, entity_type, entity_label, titles, posts)
    attributor = Attributor(speakers)
    quotes = attributor.attribute(spans, in_quote)
    return quotes, attributor.claims(), speakers
