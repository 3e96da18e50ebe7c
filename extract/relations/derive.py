"""Facts that follow from other facts, run to a fixed point over every fact of a document.

The base rules read sentences; the derivations here read facts: a leader's title makes a
ledBy and a membership, a leader found by a verb is a member, a member of a part is a member
of the whole. Every derivation sees every fact, whichever rule made it and in whatever order,
and derived facts feed the derivations again until nothing new appears: "Tom Reed joined the
Harbour Union Finance Committee" makes him a member of the Harbour Union, as "Tom Reed, a
member of the Harbour Union Finance Committee" does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from ..records import Fact
from ..rules import RULES, rule
from ..schema import former, future
from ..words import GENERIC_PARTY_WORDS, MOVEMENT_WORDS, PARTY_NAME_WORDS, PARTY_WORDS
from .positions import leads

# A derivation: (every fact so far, the entities' labels by key) -> facts it implies.
Derivation = Callable[[list[Fact], Mapping[str, str]], Iterable[Fact]]

_PARTY_CHAIRS = frozenset({"chairman", "chairwoman", "chair", "co-chairman"})


def leaders_from_positions(facts: list[Fact], org_names: Mapping[str, str]) -> Iterator[Fact]:
    """A leader's title with an organisation: "X, the leader of Y" -> Y ledBy X.

    A position in an organisation implies membership: its chief executive, spokesman and
    analyst work for it, a party's leader belongs to it. A country's office ("French
    president") makes no member of the country, nor does leading a movement, which has
    followers rather than members ("the leader of the Iranian Resistance"), nor will
    leading one ("its president-elect"). An office not yet taken leads nothing yet.
    """
    leader = rule("leader-title")
    for f in facts:
        if f.predicate != "holdsPosition" or f.object is None or f.title is None:
            continue
        words = f.title.lower().replace("-", " ").split()
        # the organisation may still be typed a place here ("Brightwater chief executive"):
        # the type vote after the relations settles it, and drops what does not fit
        org_words = set(org_names.get(f.object, "").lower().split())
        # a party's chairman runs its office, not the party: its leader is "leader"
        party = org_words & (PARTY_WORDS | PARTY_NAME_WORDS) - GENERIC_PARTY_WORDS or "party" in org_words
        party_chair = bool(party) and words[-1] in _PARTY_CHAIRS
        if leads(words) and not party_chair:
            yield Fact(f.object, "ledBy", f.subject, f.start, f.end, leader.confidence, f"{f.rule}+{leader.name}")
        org_head = (org_names.get(f.object, "").lower().split() or [""])[-1]
        office = words[:-1] if future(f.title) else words  # "president-elect": the office to come
        if not (leads(office) and not party_chair and org_head in MOVEMENT_WORDS):
            member = rule("member-title" if words[-1:] == ["member"] else "position-implies-member")
            # a membership read from a former office keeps that title, and so is marked former
            yield Fact(
                f.subject,
                "memberOf",
                f.object,
                f.start,
                f.end,
                member.confidence,
                f"{f.rule}+{member.name}",
                title=f.title if former(f.title) else None,
            )


def members_of_leaders(facts: list[Fact], org_names: Mapping[str, str]) -> Iterator[Fact]:
    """Who leads or founded an organisation by a verb ("X heads Y", "Y was founded by X"),
    or is served under ("deputy leader of Y under X"), belongs to it, as a titled leader
    does; a movement's leader has followers, not fellow members ("the movement led by X")."""
    member = rule("leader-implies-member")
    for f in facts:
        made_by = RULES.get(f.rule)  # a leader derived from a title is a member by that title
        if f.predicate != "ledBy" or f.object is None or made_by is None or not made_by.leader_is_member:
            continue
        if (org_names.get(f.subject, "").lower().split() or [""])[-1] in MOVEMENT_WORDS:
            continue
        yield Fact(f.object, "memberOf", f.subject, f.start, f.end, member.confidence, f"{f.rule}+{member.name}")


def members_of_parts(facts: list[Fact], org_names: Mapping[str, str]) -> Iterator[Fact]:
    """A member of a committee that is part of Y is a member of Y."""
    wholes: dict[str, list[str]] = {}
    for f in facts:
        if f.predicate == "partOf" and f.object:
            wholes.setdefault(f.subject, []).append(f.object)
    derived = rule("part-of")
    for f in facts:
        if f.predicate == "memberOf" and f.object in wholes:
            for whole in wholes[f.object]:
                method = f"{f.rule}+{derived.name}"
                yield Fact(f.subject, "memberOf", whole, f.start, f.end, derived.confidence, method)


DERIVATIONS: tuple[Derivation, ...] = (leaders_from_positions, members_of_leaders, members_of_parts)


def fact_key(f: Fact) -> tuple:
    """What makes a derived fact new: its ends, predicate, title and sentence, not its method."""
    return (f.subject, f.predicate, f.object, f.title, f.start, f.end)


def derive(
    base: Iterable[Fact], org_names: Mapping[str, str], derivations: tuple[Derivation, ...] = DERIVATIONS
) -> list[Fact]:
    """The base facts, then every fact the derivations imply, until nothing new appears.

    A round goes on only while it finds a fact with new ends, predicate, title and sentence,
    so a cycle of parts ends. Every reading is kept (the type vote counts each rule that read
    a team or a title); ``one_per_fact`` then keeps each fact once. The order is the base
    order, then each round's facts in derivation order: deterministic.

    >>> base = [Fact("tom", "memberOf", "committee", 0, 9, 0.7, "member-verb"),
    ...         Fact("committee", "partOf", "union", 0, 9, 0.75, "name-prefix")]
    >>> [f.rule for f in derive(base, {})]
    ['member-verb', 'name-prefix', 'member-verb+part-of']
    """
    facts = list(dict.fromkeys(base))
    have, keys = set(facts), {fact_key(f) for f in facts}
    while True:
        found = [f for derivation in derivations for f in list(derivation(facts, org_names)) if f not in have]
        found = list(dict.fromkeys(found))
        have.update(found)
        facts += found
        if not {fact_key(f) for f in found} - keys:
            return facts
        keys.update(fact_key(f) for f in found)


def one_per_fact(facts: Iterable[Fact]) -> list[Fact]:
    """Each fact once, as its most confident rule read it (the first of equals), in the order
    facts first appear: "Kim Moss is the chairman of the Harbour Trust" is one membership."""
    best: dict[tuple, Fact] = {}
    for f in facts:
        if fact_key(f) not in best or f.confidence > best[fact_key(f)].confidence:
            best[fact_key(f)] = f
    return list(best.values())
