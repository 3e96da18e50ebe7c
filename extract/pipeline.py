"""One article in, one DocumentExtraction out; many articles through ``nlp.pipe``."""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from .entities import cluster_mentions, raw_mentions
from .quotes import extract_quotes
from .records import ORGANIZATION, PERSON, Article, DocumentExtraction, Entity, Fact, Mention
from .relations import Relations


def extract_doc(doc: Doc, article: Article) -> DocumentExtraction:
    """Entities, quotes, claims and facts of one parsed article.

    Args:
        doc: ``nlp(prepare_text(article.text, article.skipped))``.
        article: the article the text came from (offsets point into ``article.text``).
    """
    mentions = raw_mentions(doc)
    entities, owner = cluster_mentions(doc, mentions)
    entity_of_token: list[str | None] = [None] * len(doc)
    for m, idx in zip(mentions, owner):
        for i in range(m.start, m.end):
            entity_of_token[i] = entities[idx].key
    etype = {e.key: e.type for e in entities}

    # Groups named only by a description ("the Iranian opposition movement is led by ...")
    extra: list[Entity] = []

    def new_org(start: int, end: int) -> str:
        span = doc[start:end]
        for e in extra:  # the same group named twice in the document is one entity
            if e.label == span.text:
                for i in range(start, end):
                    entity_of_token[i] = e.key
                return e.key
        key = f"e{len(entities) + len(extra)}"
        extra.append(Entity(key, ORGANIZATION, span.text, (span.text,),
                            (Mention(span.text, span.start_char, span.end_char, 0),),
                            ((ORGANIZATION, 1.0),), 0.7))
        for i in range(start, end):
            entity_of_token[i] = key
        etype[key] = ORGANIZATION
        return key

    rel = Relations(doc, entity_of_token, etype, new_org)
    facts: list[Fact] = list(rel.positions())
    facts += list(rel.leaders_from_positions(facts, {e.key: e.label for e in [*entities, *extra]}))
    facts += list(rel.lead_verbs(new_org))
    facts += list(rel.places())
    for m, idx in zip(mentions, owner):
        if m.part_of_token is not None and entity_of_token[m.part_of_token]:
            whole = entity_of_token[m.part_of_token]
            if whole != entities[idx].key:
                sent = doc[m.start].sent
                facts.append(Fact(entities[idx].key, "partOf", whole, sent.start_char, sent.end_char,
                                  0.85, "composite-name"))
    facts += list(_parts_by_name(doc, [*entities, *extra], entity_of_token))
    facts += list(rel.members_of_parts(facts))
    quotes, claims = extract_quotes(doc, entity_of_token, etype, doc.text,
                                    {e.key: e.label for e in [*entities, *extra]})

    # spaCy read a copy with plain spaces and blanked boilerplate: the words come from the original
    quotes = [replace(q, text=article.text[q.start:q.end]) for q in quotes]
    claims = [replace(c, text=article.text[c.start:c.end]) for c in claims]
    # Evidence from roles: a held title or a speaking role makes a name a person.
    role_votes: Counter = Counter()
    for f in facts:
        if f.predicate == "holdsPosition":
            role_votes[f.subject] += 3
    for q in quotes:
        if q.speaker and q.rule.startswith("cue-named"):
            role_votes[q.speaker] += 0.5
    all_entities = []
    for e in [*entities, *extra]:
        votes = Counter(dict(e.type_votes))
        if role_votes[e.key]:
            votes[PERSON] += role_votes[e.key]
        order = ("Person", "Organization", "Place", "Event")
        new_type = max(order, key=lambda t: (votes[t], -order.index(t)))
        all_entities.append(replace(e, type=new_type, type_votes=tuple(sorted(votes.items()))))
    types = {e.key: e.type for e in all_entities}
    # a fact whose ends changed type under the vote no longer fits the contract: drop it
    kept = [f for f in dict.fromkeys(facts) if _fits(f, types)]
    sentences = tuple((s.start_char, s.end_char) for s in doc.sents)
    return DocumentExtraction(article, tuple(all_entities), tuple(quotes), tuple(kept), tuple(claims), sentences)


def _parts_by_name(doc: Doc, entities: list[Entity], entity_of_token: list[str | None]) -> Iterator[Fact]:
    """"the NCRI Foreign Affairs Committee", "the MEK Resistance Units": an organisation whose
    name starts with another organisation's name, and goes on to a unit word, is part of it."""
    from .names import name_key
    from .patterns import ORG_WORDS

    by_name = {name_key(n): e.key for e in entities if e.type == ORGANIZATION for n in e.names}
    for e in entities:
        if e.type != ORGANIZATION:
            continue
        words = name_key(e.label).split(" ")
        for cut in range(len(words) - 1, 0, -1):
            whole = by_name.get(" ".join(words[:cut]))
            if whole and whole != e.key and words[-1] in ORG_WORDS:
                m = e.mentions[0]
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                sent = span.sent if span is not None else doc[:0]
                yield Fact(e.key, "partOf", whole, sent.start_char, sent.end_char, 0.75, "name-prefix")
                break


_SIGNATURES = {
    "ledBy": ("Organization", "Person"),
    "memberOf": ("Person", "Organization"),
    "holdsPosition": ("Person", "Organization"),
    "partOf": ("Organization", "Organization"),
}


def _fits(f: Fact, types: dict[str, str]) -> bool:
    want = _SIGNATURES.get(f.predicate)
    if want is None:
        return f.subject != f.object
    if types.get(f.subject) != want[0]:
        return False
    return f.object is None or types.get(f.object) == want[1]


def extract_articles(nlp: Language, articles: Iterable[Article], *, batch_size: int = 16,
                     n_process: int = 1) -> Iterator[DocumentExtraction]:
    """Stream extractions, in the order of ``articles``; no parsed Doc outlives its article.

    With ``n_process`` > 1, worker processes parse *and* extract (each returns the small
    extraction records, never a Doc), a few batches at a time, so text held in memory stays
    bounded and the main process is free to read files and build the graph.
    """
    from .nlp import prepare_text

    if n_process > 1:
        yield from _extract_parallel(nlp, articles, batch_size, n_process)
        return
    pairs = ((prepare_text(a.text, a.skipped), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_doc(doc, article)


# Process pool of our own rather than nlp.pipe(n_process=...): spaCy's workers send every
# parsed Doc back to the parent, which would then run our extraction alone on one core.
_WORKER_NLP: Language | None = None


def _extract_batch(batch: list[Article]) -> list[DocumentExtraction]:
    from .nlp import prepare_text

    assert _WORKER_NLP is not None
    pairs = ((prepare_text(a.text, a.skipped), a) for a in batch)
    return [extract_doc(doc, a) for doc, a in _WORKER_NLP.pipe(pairs, as_tuples=True, batch_size=len(batch))]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in articles:
        batch.append(a)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_parallel(nlp: Language, articles: Iterable[Article], batch_size: int,
                      n_process: int) -> Iterator[DocumentExtraction]:
    import collections
    import multiprocessing as mp

    global _WORKER_NLP
    # fork: the workers share the loaded model with this process (no reload, no download)
    ctx = mp.get_context("fork")
    _WORKER_NLP = nlp
    try:
        with ctx.Pool(n_process) as pool:
            pending: collections.deque = collections.deque()
            for batch in _batches(articles, batch_size):
                pending.append(pool.apply_async(_extract_batch, (batch,)))
                if len(pending) >= 2 * n_process:  # a bounded window of work in flight
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
    finally:
        _WORKER_NLP = None


def sentence_of(sentences: tuple[tuple[int, int], ...], offset: int) -> int:
    """Index of the sentence holding a character offset."""
    starts = [s for s, _ in sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)
