"""What every relation rule reads of one document: the parse, the entity of each token and
each entity's type, which tokens are quoted, the coreference reading once the speakers have
made it; and the two ways a rule may add an entity the clustering did not find (a group
named only by its words, a country named by its adjective)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..mentions.coref import Coreference
from ..mentions.names import name_key
from ..records import Entity, Mention
from ..rules import rule
from ..schema import ORGANIZATION, PLACE


class DocContext:
    """One parsed document as the relation rules read it.

    Args:
        doc: the parsed document.
        found: the clustered entities.
        in_quote: which tokens stand inside quotation marks (``spans.quoted_tokens``); quoted
            words state no fact.

    Attributes:
        of_token: entity key per token, None outside mentions (set by the caller from the
            clustering, and by ``new_org`` / ``new_place``).
        types: entity key -> type.
        coref: the coreference reading (who "he", "it", "the minister" stand for), once the
            speakers have read it; None before.
    """

    def __init__(self, doc: Doc, found: list[Entity], in_quote: list[bool]) -> None:
        self.doc = doc
        self.found = found
        self.extra: list[Entity] = []
        self.of_token: list[str | None] = [None] * len(doc)
        self.types = {e.key: e.type for e in found}
        self.in_quote = in_quote
        self.coref: Coreference | None = None
        self._org_names: dict[str, str] | None = None

    def all(self) -> list[Entity]:
        return [*self.found, *self.extra]

    def labels(self) -> dict[str, str]:
        return {e.key: e.label for e in self.all()}

    def known_org(self, text: str) -> str | None:
        """The organisation the document names so (a name or alias), if any."""
        if self._org_names is None:
            self._org_names = {name_key(n): e.key for e in self.found if e.type == ORGANIZATION for n in e.names}
        return self._org_names.get(name_key(text))

    def _add(self, start: int, end: int, etype: str, label: str, confidence: float) -> str:
        """A new entity of one mention, tokens [start, end), named ``label``; its key."""
        span = self.doc[start:end]
        key = f"e{len(self.found) + len(self.extra)}"
        mention = Mention(span.text, span.start_char, span.end_char)
        self.extra.append(Entity(key, etype, label, (label,), (mention,), ((etype, 1.0),), confidence))
        self.types[key] = etype
        return key

    def _mark(self, start: int, end: int, key: str) -> str:
        """Tokens [start, end) now name the entity ``key``; the key."""
        for i in range(start, end):
            self.of_token[i] = key
        return key

    def new_place(self, start: int, end: int, name: str) -> str:
        """The country named by tokens [start, end) ("French") under its name ("France"): the
        place the document names so, or a new one."""
        found = self.of_token[start] if start < end else None
        if found is not None:
            return found  # "US": a place the NER found
        key = next(
            (e.key for e in self.all() if e.type == PLACE and name_key(name) in {name_key(n) for n in e.names}), None
        )
        if key is None:
            key = self._add(start, end, PLACE, name, rule("title-before-name").confidence)
        return self._mark(start, end, key)

    def new_org(self, start: int, end: int) -> str:
        """An organisation named by tokens [start, end); the same words twice are one entity,
        and words the document gives an organisation elsewhere are that organisation."""
        span = self.doc[start:end]
        key = self.known_org(span.text) or next((e.key for e in self.extra if e.label == span.text), None)
        if key is None:
            key = self._add(start, end, ORGANIZATION, span.text, rule("group-description").confidence)
        return self._mark(start, end, key)
