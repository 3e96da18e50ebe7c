"""Facts between entities, in two phases over one document context (``context.py``).

Base facts first: positions, leaders and members read from titles and the words around names
(``titles.py``, ``positions.py``), parts and places (``parts.py``); then, once the speakers have
read the coreference, what pronouns and descriptions state ("He is the head of Y") and the
matcher rules (``engine.py``, ``membership_rules.py``, ``members.py``). Then the derive step
(``derive.py``) runs every derivation over every fact until nothing new appears, so no fact
depends on the order the rules ran in.
"""

from __future__ import annotations

from ..mentions.entities import RawMention
from ..records import Fact
from .context import DocContext
from .derive import derive
from .members import MatchedRelations
from .parts import composite_parts, parts_by_name
from .positions import Relations

__all__ = ["DocContext", "DocumentRelations"]


class DocumentRelations:
    """The relation rules of one document, in their two phases.

    Args:
        ctx: the document as the rules read it.
        mentions: the raw mentions and, per mention, the index of its entity in ``ctx.found``
            (names read as part of another's name are parts of it).
    """

    def __init__(self, ctx: DocContext, mentions: list[RawMention], owner: list[int]) -> None:
        self.ctx = ctx
        self.mentions = mentions
        self.owner = owner
        self.rel = Relations(ctx)

    def named(self) -> list[Fact]:
        """What sentences say of names: positions (bridged to an organisation named before),
        members, places, parts. The speakers read these titles ("the home secretary")."""
        ctx, rel = self.ctx, self.rel
        facts = rel.bridged(list(rel.positions()), ctx.labels())
        facts += rel.members_by_name()
        facts += rel.members_listed()
        facts += rel.places()
        facts += composite_parts(ctx.doc, self.mentions, self.owner, ctx.found, ctx.of_token)
        facts += parts_by_name(ctx.doc, ctx.all(), ctx.of_token)
        return facts

    def resolved(self) -> list[Fact]:
        """What needs the coreference (``ctx.coref``): "He is the head of Y", "It was founded
        by X", and the matcher rules, whose subjects may be pronouns."""
        resolved = self.ctx.coref.resolved if self.ctx.coref is not None else {}
        facts = list(self.rel.pronoun_positions(resolved))
        facts += self.rel.lead_verbs(resolved)
        facts += MatchedRelations(self.ctx).facts()
        return facts

    def derived(self, base: list[Fact]) -> list[Fact]:
        """The base facts and every fact that follows from them, to a fixed point."""
        return derive(base, self.ctx.labels())
