"""Parts of organisations: a unit named inside another's name ("the Harbour Union's Finance
Committee"), or named by the whole's name and a unit word ("the Harbour Union Finance
Committee")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..mentions.entities import RawMention
from ..mentions.names import name_key
from ..nlp import sentence_of
from ..records import Entity, Fact
from ..rules import rule
from ..schema import ORGANIZATION
from ..words import UNIT_WORDS


def composite_parts(
    doc: Doc, mentions: list[RawMention], owner: list[int], found: list[Entity], entity_of_token: list[str | None]
) -> Iterator[Fact]:
    """A mention the clustering read as part of another entity's name ("the Harbour Union's
    Finance Committee") names a part of that entity."""
    composite = rule("composite-name")
    for m, idx in zip(mentions, owner, strict=True):
        whole = entity_of_token[m.part_of_token] if m.part_of_token is not None else None
        if whole is not None and whole != found[idx].key:
            sent = sentence_of(doc[m.start])
            yield Fact(
                found[idx].key, "partOf", whole, sent.start_char, sent.end_char, composite.confidence, composite.name
            )


def parts_by_name(doc: Doc, entities: list[Entity], entity_of_token: list[str | None]) -> Iterator[Fact]:
    """ "the Harbour Union Finance Committee", "the Harbour Union branch": an organisation whose
    name starts with another organisation's name, and ends in a unit word, is part of it."""
    by_name = {name_key(n): e.key for e in entities if e.type == ORGANIZATION for n in e.names}
    prefix = rule("name-prefix")
    for e in entities:
        if e.type != ORGANIZATION:
            continue
        words = name_key(e.label).split(" ")
        for cut in range(len(words) - 1, 0, -1):
            whole = by_name.get(" ".join(words[:cut]))
            if whole and whole != e.key and words[-1] in UNIT_WORDS:
                m = e.mentions[0]
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                sent = span.sent if span is not None else doc[:0]
                yield Fact(e.key, "partOf", whole, sent.start_char, sent.end_char, prefix.confidence, prefix.name)
                break
