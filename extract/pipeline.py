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
    """Stream extractions; the parsed Doc of each article is dropped as soon as it is read."""
    from .nlp import prepare_text

    pairs = ((prepare_text(a.text, a.skipped), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield extract_doc(doc, article)


def sentence_of(sentences: tuple[tuple[int, int], ...], offset: int) -> int:
    """Index of the sentence holding a character offset."""
    starts = [s for s, _ in sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)
