"""One article in, one DocumentExtraction out; many articles through ``nlp.pipe``."""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import combinations
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .confidence import calibrated
from .input.reader import Skipped
from .limits import ARTICLE_SECONDS, TimeLimitExceeded, time_limit
from .mentions.entities import cluster_mentions, raw_mentions
from .mentions.names import is_country
from .nlp import DOC_TEXT, doc_sents, doc_text, release
from .quotes.attribution import extract_quotes
from .quotes.spans import find_spans, quoted_tokens
from .records import Article, DocumentExtraction, Entity, Fact, Quote
from .relations import DocContext, DocumentRelations
from .rules import RULES
from .schema import ORGANIZATION, PERSON, PLACE, Votes, add_votes, fits, new_votes, vote, vote_type
from .words import CORPORATE_TITLES

T = TypeVar("T")  # a job
H = TypeVar("H")  # its handle while it runs
R = TypeVar("R")  # a result


def extract_doc(doc: Doc, article: Article) -> DocumentExtraction:
    """Entities, quotes, claims and facts of one parsed article; each fact once, with the
    confidence fitted from development data (``confidence.py``).

    Args:
        doc: ``nlp(prepare_text(article.text, article.skipped))``.
        article: the article the text came from (offsets point into ``article.text``).
    """
    try:
        read = read_document(doc, article)
    finally:
        release(doc)
    facts = calibrated(read.facts, read.entities)
    return DocumentExtraction(article, read.entities, read.quotes, tuple(facts), read.claims, read.together)


def read_document(doc: Doc, article: Article) -> DocumentExtraction:
    """What the rules read in one parsed article: its typed entities, quotes and claims, and
    every reading of every fact (a fact two rules read is there twice, with the registry's
    confidence of each rule); ``extract_doc`` keeps each fact once and calibrates it."""
    mentions = raw_mentions(doc)
    found, owner = cluster_mentions(doc, mentions)
    text = doc_text(doc)
    spans = find_spans(text)
    ctx = DocContext(doc, found, quoted_tokens(doc.to_array("IDX").tolist(), spans))
    for m, idx in zip(mentions, owner, strict=True):
        for i in range(m.start, m.end):
            ctx.of_token[i] = found[idx].key
    relations = DocumentRelations(ctx, mentions, owner)
    named = relations.named()
    titles: dict[str, list[str]] = {}
    posts: dict[str, set[str]] = {}
    for f in named:
        if f.predicate == "holdsPosition" and f.title:
            titles.setdefault(f.subject, []).append(f.title)
            if f.object:
                posts.setdefault(f.subject, set()).add(f.object)
    quotes, claims, speakers = extract_quotes(
        doc, ctx.of_token, ctx.types, text, ctx.labels(), titles, spans, ctx.in_quote, posts
    )
    ctx.coref = speakers.coref
    facts = relations.derived(named + relations.resolved())
    # spaCy read a copy with plain spaces and blanked boilerplate: the words come from the original
    quotes = [
        replace(q, text=article.text[q.start : q.end], mentions=_named_in(doc, ctx.of_token, q.start, q.end, q.speaker))
        for q in quotes
    ]
    claims = [
        replace(c, text=article.text[c.start : c.end], mentions=_named_in(doc, ctx.of_token, c.start, c.end, c.speaker))
        for c in claims
    ]
    typed = _retype(ctx.all(), facts, quotes)
    types = {e.key: e.type for e in typed}
    # a fact whose ends changed type under the vote no longer fits the contract: drop it
    kept = [
        f
        for f in facts
        if fits(
            f.predicate, types.get(f.subject), types.get(f.object) if f.object else None, same=f.subject == f.object
        )
    ]
    together = _same_sentence(doc, typed)
    return DocumentExtraction(article, tuple(typed), tuple(quotes), tuple(kept), tuple(claims), together)


def _same_sentence(doc: Doc, entities: list[Entity]) -> tuple[tuple[str, str], ...]:
    """The pairs of entities (keys, the smaller first) some sentence names both of."""
    starts = [s.start_char for s in doc_sents(doc)]
    named: dict[int, set[str]] = defaultdict(set)
    for e in entities:
        for m in e.mentions:
            named[bisect_right(starts, m.start) - 1].add(e.key)
    return tuple(sorted({pair for keys in named.values() for pair in combinations(sorted(keys), 2)}))


def _named_in(doc: Doc, of_token: list[str | None], start: int, end: int, speaker: str | None) -> tuple[str, ...]:
    """The entities named inside the characters [start, end) of the text (what a quote or a
    claim is about), the speaker left out, in order of key."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ()
    return tuple(sorted({k for k in of_token[span.start : span.end] if k is not None and k != speaker}))


def _retype(entities: list[Entity], facts: list[Fact], quotes: list[Quote]) -> list[Entity]:
    """Evidence from roles: a held title or a speaking role makes a name a person; the
    organisation of a title or a team played for, an organisation."""
    countries = {e.key for e in entities if e.type == PLACE and is_country(e.label)}
    role_votes: dict[str, Votes] = defaultdict(new_votes)
    speaking: dict[str, Votes] = defaultdict(new_votes)
    org_votes: dict[str, Votes] = defaultdict(new_votes)
    for f in facts:
        if f.predicate == "holdsPosition":
            vote(role_votes[f.subject], PERSON, "holds-title:" + f.rule.split("+")[0])
            corporate = any((f.title or "").lower().startswith(t) for t in CORPORATE_TITLES)
            # "Brightwater chief executive X": a company, whatever the NER said of it; the country
            # of an office of state ("French finance minister") and a city's ("the Eastfield
            # mayor") stay places
            state = f.object in countries or f.rule.endswith("+country-office")
            if f.object and (corporate or not state):
                vote(org_votes[f.object], ORGANIZATION, "organisation-of-a-title")
                if corporate:
                    vote(org_votes[f.object], ORGANIZATION, "company-of-a-title")
        elif f.predicate == "memberOf" and f.object and (made_by := RULES.get(f.rule)) and made_by.joined:
            vote(org_votes[f.object], ORGANIZATION, "team-joined")  # "he played for Harbour City"
    for q in quotes:
        if q.speaker and q.speaker_rule:
            vote(speaking[q.speaker], PERSON, "speaks:" + q.speaker_rule)
    out = []
    for e in entities:
        votes = new_votes(e.type_votes, role_votes.get(e.key, {}), org_votes.get(e.key, {}))
        # organisations and places speak too ("Downing Street dismissed it"): speaking is
        # evidence of a person only for a name nothing else has typed
        if e.key in speaking and not (votes.get(ORGANIZATION) or votes.get(PLACE)):
            add_votes(votes, speaking[e.key])
        out.append(replace(e, type=vote_type(votes), type_votes=tuple(sorted(votes.items()))))
    return out


def extract_articles(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 16,
    n_process: int = 1,
    article_seconds: float = ARTICLE_SECONDS,
    on_skip: Callable[[Skipped], None] | None = None,
    scheduler: str | None = None,
    model: str | None = None,
) -> Iterator[DocumentExtraction]:
    """Stream extractions, in the order of ``articles``; no parsed Doc outlives its article.

    With ``n_process`` > 1, worker processes parse *and* extract (each returns the small
    extraction records, never a Doc), a few batches at a time, so text held in memory stays
    bounded and the main process is free to read files and build the graph.

    Args:
        article_seconds: the time one article may take, tokenizer and extraction (the
            statistical components are linear in its tokens); 0 for no limit. An article past
            it is left out and handed to ``on_skip``.
        scheduler: a Dask scheduler's address, or ``local:N``: the articles are parsed and
            extracted on that cluster's workers (``cluster.py``), each loading the pipeline
            ``model`` names; ``nlp`` must be that pipeline (its name and version are checked).
    """
    if scheduler:
        from .cluster import extract_on_cluster
        from .nlp import model_info

        results: Iterator[DocumentExtraction | Skipped] = extract_on_cluster(
            articles, scheduler, model, model_info(nlp), article_seconds
        )
    elif n_process > 1:
        results = _extract_parallel(nlp, articles, batch_size, n_process, article_seconds)
    else:
        results = extract_timed(nlp, articles, batch_size, article_seconds)
    for x in results:
        if isinstance(x, Skipped):
            if on_skip is not None:
                on_skip(x)
        else:
            yield x


def extract_timed(
    nlp: Language, articles: Iterable[Article], batch_size: int, seconds: float
) -> Iterator[DocumentExtraction | Skipped]:
    """Each article tokenized and extracted under its time limit; the pipeline's components
    run on batches of the tokenized Docs, as ``nlp.pipe`` runs them."""
    from .nlp import prepare_text

    late: list[Skipped] = []
    started: dict[str, float] = {}

    def docs() -> Iterator[tuple[Doc, Article]]:
        for a in articles:
            started[a.content_hash] = time.monotonic()
            try:
                with time_limit(seconds):
                    text = prepare_text(a.text, a.skipped)
                    doc = nlp.make_doc(text)
                    doc.user_data[DOC_TEXT] = text  # spaCy keeps every character: doc.text == text
            except TimeLimitExceeded:
                late.append(_too_slow(a, seconds))
                continue
            yield doc, a

    for doc, article in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        yield from late
        late.clear()
        left = seconds - (time.monotonic() - started.pop(article.content_hash, time.monotonic()))
        try:
            with time_limit(max(left, 0.001) if seconds > 0 else 0):
                extraction = extract_doc(doc, article)
        except TimeLimitExceeded:
            yield _too_slow(article, seconds)
            continue
        yield extraction
    yield from late


def _too_slow(article: Article, seconds: float) -> Skipped:
    return Skipped(article.path, f"took over {seconds:g} s to parse and extract (--article-seconds); not built")


# Process pool of our own rather than nlp.pipe(n_process=...): spaCy's workers send every
# parsed Doc back to the parent, which would then run our extraction alone on one core.
_WORKER_NLP: Language | None = None


def _extract_batch(batch: list[Article], seconds: float) -> list[DocumentExtraction | Skipped]:
    assert _WORKER_NLP is not None
    return list(extract_timed(_WORKER_NLP, batch, len(batch), seconds))


def batches(articles: Iterable[Article], max_articles: int, max_bytes: int | None = None) -> Iterator[list[Article]]:
    """The articles in order, cut into lists of at most ``max_articles`` and, with
    ``max_bytes``, about that much text (an article larger than that is a list alone).

    >>> from newsgraph.extract.input.reader import article_from_text
    >>> arts = [article_from_text("x" * n, f"{n}.txt") for n in (400, 500, 300, 900)]
    >>> [[a.name for a in b] for b in batches(arts, 10, max_bytes=1000)]
    [['400.txt', '500.txt'], ['300.txt'], ['900.txt']]
    >>> [len(b) for b in batches(arts, 3)]
    [3, 1]
    """
    batch: list[Article] = []
    size = 0
    for a in articles:
        n = len(a.text.encode("utf-8")) if max_bytes else 0
        if batch and (len(batch) >= max_articles or (max_bytes and size + n > max_bytes)):
            yield batch
            batch, size = [], 0
        batch.append(a)
        size += n
    if batch:
        yield batch


def in_order(
    jobs: Iterable[T], start: Callable[[T], H], finish: Callable[[H], Iterable[R]], window: int
) -> Iterator[R]:
    """``finish(start(job))`` of each job, in the order of ``jobs``, with at most ``window``
    jobs started and not yet finished: the process pool's and the Dask cluster's window.

    >>> list(in_order([1, 2, 3], lambda j: j * 10, lambda h: [h, h + 1], window=2))
    [10, 11, 20, 21, 30, 31]
    """
    pending: deque[H] = deque()
    for job in jobs:
        pending.append(start(job))
        if len(pending) >= window:
            yield from finish(pending.popleft())
    while pending:
        yield from finish(pending.popleft())


def _extract_parallel(
    nlp: Language, articles: Iterable[Article], batch_size: int, n_process: int, seconds: float
) -> Iterator[DocumentExtraction | Skipped]:
    import multiprocessing as mp

    global _WORKER_NLP
    # fork: the workers share the loaded model with this process (no reload, no download)
    ctx = mp.get_context("fork")
    _WORKER_NLP = nlp
    try:
        with ctx.Pool(n_process) as pool:
            yield from in_order(
                batches(articles, batch_size),
                lambda batch: pool.apply_async(_extract_batch, (batch, seconds)),
                lambda started: started.get(),
                window=2 * n_process,  # a bounded window of work in flight
            )
    finally:
        _WORKER_NLP = None
