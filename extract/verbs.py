"""Memberships and leaders stated by verbs and role nouns: "X joined Y", "X played for Y",
"X was drafted by Y", "X, a politician for Y", "X founded Y".

The constructions are spaCy DependencyMatcher patterns (``patterns.VERB_PATTERNS``); code
only finds who the subject is, which no pattern can say: the parse hangs it on the verb, on a
verb the clause is conjoined to ("joined Y and played for Z"), on a relative pronoun's head,
or it is a pronoun the coreference reading resolves ("He served with the Navy").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .coref import Coreference
from .names import demonyms, is_country
from .patterns import (
    CAREER_NOUNS,
    HOME_NATIONS,
    LEADER_WORDS,
    MOVEMENT_WORDS,
    ORG_KIND_NOUNS,
    REGIONAL_ADJECTIVES,
    RELATIVE_PRONOUNS,
    TEAM_ROLES,
    TEAM_VERBS,
    UNIT_NOUNS,
    VERB_PATTERNS,
)
from .records import Fact
from .relations import leads
from .rules import Rule, rule
from .schema import ORGANIZATION, PERSON, PLACE

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl"})


def _trigger_nodes(name: str, patterns: list[list[dict]]) -> Iterator[tuple[str, str, dict, list[tuple[str, dict]]]]:
    """(word, rule, node, neighbours): of each pattern, the first node with a word list
    ("join", "member", "career"...), under each of its words, with the nodes next to it in the
    tree: ("head", attrs) for the one it hangs on, ("child", attrs) for those hanging on it. A
    sentence with no token that fits such a node and its neighbours cannot match the rule."""
    for pattern in patterns:
        for node in pattern:
            attrs = node["RIGHT_ATTRS"]
            listed = next((attrs[k]["IN"] for k in ("LEMMA", "LOWER") if isinstance(attrs.get(k), dict)), None)
            if listed:
                near = _neighbours(pattern, node)
                for word in listed:
                    yield word, name, attrs, near
                break


def _neighbours(pattern: list[dict], node: dict) -> list[tuple[str, dict]]:
    """The nodes right above and below a node in a pattern's tree, as ("head" | "child", attrs)."""
    by_id = {n["RIGHT_ID"]: n for n in pattern}
    out = []
    for other in pattern:
        if other.get("LEFT_ID") == node["RIGHT_ID"] and other["REL_OP"] in {">", "<"}:
            out.append(("child" if other["REL_OP"] == ">" else "head", other["RIGHT_ATTRS"]))
    if node.get("LEFT_ID") in by_id and node["REL_OP"] in {">", "<"}:
        out.append(("head" if node["REL_OP"] == ">" else "child", by_id[node["LEFT_ID"]]["RIGHT_ATTRS"]))
    return out


def _trigger_index() -> dict[str, list[tuple[str, dict, list[tuple[str, dict]]]]]:
    """Trigger word -> the (rule, node, neighbours) it may start."""
    index: dict[str, list[tuple[str, dict, list[tuple[str, dict]]]]] = {}
    for name, patterns in VERB_PATTERNS.items():
        for word, rule_name, attrs, near in _trigger_nodes(name, patterns):
            index.setdefault(word, []).append((rule_name, attrs, near))
    return index


TRIGGERS = _trigger_index()
# The token attributes the patterns test, checked here only to choose the sentences a rule's
# matcher runs on (the matcher itself checks them again, with every other node).
_TOKEN_ATTRS = {
    "LEMMA": "lemma_",
    "LOWER": "lower_",
    "DEP": "dep_",
    "POS": "pos_",
    "TAG": "tag_",
    "ENT_TYPE": "ent_type_",
    "IS_TITLE": "is_title",
}


def _fits(token: Token, attrs: dict) -> bool:
    """Whether a token fits a node's attributes (the IN lists and plain values patterns use)."""
    for key, want in attrs.items():
        got = getattr(token, _TOKEN_ATTRS[key])
        if isinstance(want, dict):
            if ("IN" in want and got not in want["IN"]) or ("NOT_IN" in want and got in want["NOT_IN"]):
                return False
        elif got != want:
            return False
    return True


def _triggered(sent: Span) -> set[str]:
    """The rules a sentence may match: those with a trigger node some token fits, together with
    the nodes next to it ("in" counts for "a gunner in the Army" only under a noun that fits
    the role node): the DependencyMatcher costs a millisecond a sentence, this check microseconds."""
    out: set[str] = set()
    for t in sent:
        nodes = TRIGGERS.get(t.lower_, ())
        lemma = t.lemma_
        if lemma != t.lower_:
            nodes = [*nodes, *TRIGGERS.get(lemma, ())]
        for name, attrs, near in nodes:
            if name not in out and _fits(t, attrs) and all(_near_fits(t, side, a) for side, a in near):
                out.add(name)
    return out


def _near_fits(token: Token, side: str, attrs: dict) -> bool:
    if side == "head":
        return token.head.i != token.i and _fits(token.head, attrs)
    return any(_fits(c, attrs) for c in token.children)


def _nation(tok: Token) -> bool:
    """A country or home nation the token names ("played for England": its national side)."""
    return is_country(tok.text) or tok.lower_ in HOME_NATIONS


_MATCHERS: dict[int, dict[str, DependencyMatcher]] = {}


def _matchers(vocab: Vocab) -> dict[str, DependencyMatcher]:
    """One matcher per rule and vocabulary (one per loaded model), built on first use. A
    DependencyMatcher tries every node of every pattern on every token; a rule's matcher runs
    only on the sentences with a token that fits its trigger node (``_triggered``), which
    keeps the cost to a few sentences an article."""
    found = _MATCHERS.get(id(vocab))
    if found is None:
        found = {}
        for name, patterns in VERB_PATTERNS.items():
            found[name] = DependencyMatcher(vocab)
            found[name].add(name, patterns)
        _MATCHERS[id(vocab)] = found
    return found


class VerbRelations:
    """Relations stated by verbs and role nouns in one parsed document.

    Args:
        doc: the parsed document.
        entity_of_token: entity key per token, None outside mentions.
        entity_type: entity key -> type.
        coref: the document's coreference reading (pronouns outside quotes), if any.
        in_quote: which tokens stand inside quotation marks (quoted words state no fact).
    """

    def __init__(
        self,
        doc: Doc,
        entity_of_token: list[str | None],
        entity_type: Mapping[str, str],
        coref: Coreference | None,
        in_quote: list[bool],
        new_org: Callable[[int, int], str] | None = None,
    ) -> None:
        self.doc = doc
        self.ent = entity_of_token
        self.etype = entity_type
        self.coref = coref
        self.in_quote = in_quote
        self.new_org = new_org

    def facts(self) -> Iterator[Fact]:
        doc = self.doc
        matchers = _matchers(doc.vocab)
        found = []
        for sent in doc.sents:
            for name in sorted(_triggered(sent)):
                found += [(match_id, [sent.start + i for i in ids]) for match_id, ids in matchers[name](sent)]
        for match_id, token_ids in found:
            name = doc.vocab.strings[match_id]
            anchors = self._anchors(name, token_ids)
            if anchors is None:
                continue
            prep = anchors.get("prep")
            # the token the rule's words hang on: its verb, its role noun, or the name itself
            head = anchors.get("verb") or anchors.get("role") or (prep.head if prep is not None else anchors["person"])
            if self.in_quote[head.i] or any(c.dep_ == "neg" for c in head.children):
                continue
            if name == "member-consist":
                group = self._consisting_group(head)
                if group is None:
                    continue
                anchors = {**anchors, "org": group}
            if name == "member-recruited":  # the organisation is who recruits
                recruiter = self._subject(head)
                if recruiter is None:
                    continue
                anchors = {**anchors, "org": recruiter}
            role = anchors.get("role")
            holder: Token | None
            if name == "member-party-name" and self.ent[anchors["org"].i + 1] != self.ent[anchors["person"].i]:
                continue  # the name must follow the party word: "Democrat Mary Hale"
            if "person" in anchors:  # "The president of Y is X"
                holder = anchors["person"]
            elif role is not None:
                if role.lower_ in LEADER_WORDS and anchors["org"].lower_ in MOVEMENT_WORDS:
                    continue  # "the leader of the Resistance" follows it
                holder = self._role_holder(role)
            else:
                holder = self._subject(head)
            if holder is None:
                continue
            r, sent = rule(name), head.sent
            # "Tom and Dan played for the Hawks, the Kings and the Magic": a fact per pair of
            # conjoined names
            people = [holder, *holder.conjuncts]
            if name == "member-consist":
                people += self._listed_after(holder, people=True)
            team = (
                name in {"member-team", "member-transfer"}
                or (name == "member-passive" and head.lemma_ in TEAM_VERBS)
                or (name == "member-role" and head.lemma_ in TEAM_ROLES)  # "a rugby player for Harbour Tigers"
            )
            orgs = self._conjoined_orgs(anchors, team=team)
            for person_token in dict.fromkeys(people):
                person = self._person(person_token)
                if person is None:
                    continue
                for org_token in orgs:
                    org = self._org_for(name, org_token, person, team=team)
                    if org is not None:
                        yield from self._facts(name, anchors, person, org, sent, r)

    def _org_for(self, name: str, tok: Token, person: str, *, team: bool) -> str | None:
        """The organisation a rule's org token names for this person, if any."""
        if name == "member-compound" and (tok.lower_ in demonyms() or tok.lower_ in REGIONAL_ADJECTIVES):
            return None  # "a Welsh singer": a people, whatever the NER said
        if tok.lower_ in UNIT_NOUNS and self.ent[tok.i] is None:
            # "joined the faculty of the University of Y": the organisation the unit is of
            owner = next((c for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children), None)
            tok = owner if owner is not None and owner.dep_ == "pobj" else tok
        org = self._typed(tok, ORGANIZATION)
        if org is None and team:
            # "played for Harbour City": a team whatever the NER called it; the type vote settles it
            org = self._typed(tok, PLACE) or self._typed(tok, PERSON)
            # "played for England": a national team the text names by its country, no club
            org = None if org == person or _nation(tok) else org
        if (
            org is None
            and self.new_org is not None
            and (
                rule(name).joined == "party"
                or (team and tok.pos_ == "PROPN" and tok.text[:1].isupper() and not _nation(tok))
            )
        ):
            org = self._named_by_words(tok)  # "a Christian Democrat", "plays for SK Velden"
        if org is None and self.new_org is not None:
            org = self._national_team(tok)
        if org is None and self.coref is not None and tok.lower_ in ORG_KIND_NOUNS:
            # "the band consists of A and B": the band the coreference read it as
            key = self.coref.resolved.get(tok.i)
            org = key if key is not None and self.etype.get(key) == ORGANIZATION else None
        return org

    def _consisting_group(self, verb: Token) -> Token | None:
        """ "The band consists of A, B and C": the group is what consists, or the noun the
        clause hangs on ("an ensemble formed in 1986 consisting of A, B"); a capitalised name
        the NER missed there becomes an organisation ("The Blue Owls consist of ...")."""
        group = self._subject(verb)
        if group is None and verb.dep_ in {"acl", "advcl"}:
            group = self._antecedent(verb.head if verb.dep_ == "acl" else verb.head.head)
        if group is not None and self.ent[group.i] is None and group.pos_ == "PROPN" and group.is_title:
            if self.new_org is not None:
                named = [c.i for c in group.lefts if c.dep_ == "compound" and c.is_title]
                self.new_org(min(named, default=group.i), group.i + 1)
        return group

    def _national_team(self, noun: Token) -> str | None:
        """ "the Norland national ice hockey team": a country's national team, named by its
        description (the NER names none); an organisation of those words."""
        if noun.lower_ not in {"team", "squad", "side"} or not any(c.lower_ == "national" for c in noun.lefts):
            return None
        left = min(c.left_edge.i for c in noun.lefts if c.dep_ != "det")
        words = self.doc[left : noun.i + 1]
        keys = [self.ent[t.i] for t in words]
        if not words[0].is_title or any(k is not None and self.etype.get(k) == PERSON for k in keys):
            return None
        assert self.new_org is not None
        return self.new_org(left, noun.i + 1)

    def _named_by_words(self, word: Token) -> str | None:
        """The party or team a capitalised word names, with the capitalised words compounded
        before it ("a Christian Democrat", "for SK Velden"): an organisation made of those words."""
        start = word.i
        while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].text[:1].isupper():
            start -= 1
        named = {self.ent[i] for i in range(start, word.i + 1)}
        if len(named) == 1 and None not in named:
            return named.pop()  # "Christian Democrat" the NER called a person: the type vote settles it
        if named != {None}:
            return None
        assert self.new_org is not None
        return self.new_org(start, word.i + 1)

    def _conjoined_orgs(self, anchors: dict[str, Token], *, team: bool = False) -> list[Token]:
        """The organisation and those conjoined to it: "for the Hawks, the Kings and the
        Magic"; "a member of the Academy and of the Society" (conjoined prepositions); the teams
        a kind noun lists ("for clubs such as A, B or C")."""
        org = anchors["org"]
        # "the Harbour Workers Alliance, Canada": a country is the end of a name, no second organisation
        out = [org, *(c for c in org.conjuncts if not is_country(c.text))]
        prep = anchors.get("prep")
        if prep is not None:
            for other in prep.conjuncts:
                out += [c for c in other.children if c.dep_ == "pobj"]
        if team:
            first = self._first_listed(prep, org)
            if first is not org:
                out.append(first)
            # a team list is read whatever the NER typed its names: "for Eastfield, Tom Reed's
            # old club" is rare, and the type vote after the relations settles each name
            return out + self._listed_after(first, any_type=True)
        return out + self._listed_after(org)

    def _first_listed(self, prep: Token | None, org: Token) -> Token:
        """The first name of a list: the one right after the preposition where the parser hung
        the list on a later name ("for the Hawks, Westport Rovers, ..."), the first a kind noun
        introduces ("teams such as: A, B", "clubs including A", "sides Leyton and Eastfield"),
        or the organisation token."""
        doc, j = self.doc, org.i + 1
        if prep is not None and org.i > prep.i + 1:
            k = prep.i + 1 + (doc[prep.i + 1].lower_ == "the")
            end = k
            while end < org.i and self.ent[end] is not None and self.ent[end] == self.ent[k]:
                end += 1
            if end > k and doc[end].lower_ in {",", "and", "or"}:  # a name listed, not one modifying
                return doc[k]
        if org.lemma_ not in ORG_KIND_NOUNS:
            return org
        opened = j < org.sent.end and self.ent[j] is not None  # "sides Eastmoor and Eastfield"
        while j < org.sent.end and doc[j].lower_ in {"such", "as", ":", "including", "the"}:
            opened = opened or doc[j].lower_ in {"as", ":", "including"}
            j += 1
        return doc[j] if opened and j < org.sent.end and self.ent[j] is not None else org

    def _listed_after(self, tok: Token, *, people: bool = False, any_type: bool = False) -> list[Token]:
        """The names listed after a token, read from the words where the parser lost the list
        ("for the Hawks, Harbour City Rovers, Eastfield Kings and Westport Lakers" hung on the
        subject): each name after a comma or "and", up to the first word that is none. A list
        of organisations ends at a person's name, a list of people at another name; with
        ``any_type``, at a name a verb follows ("..., Tom Reed said")."""
        doc, ent, out = self.doc, self.ent, []
        end, sent_end = tok.i + 1, tok.sent.end
        if ent[tok.i] is not None:
            while end < sent_end and ent[end] == ent[tok.i]:
                end += 1
        while end + 1 < sent_end and doc[end].lower_ in {",", "and", "or", "("}:
            if doc[end].text == "(":  # "at Cambridge (2007), Harvard (2011) and Tulane": past the parenthesis
                close = next((k for k in range(end + 1, min(sent_end, end + 8)) if doc[k].text == ")"), None)
                if close is None or close + 1 >= sent_end:
                    break
                end = close + 1
                continue
            j = end + 1 + (doc[end + 1].lower_ == "and")
            j += j < sent_end and doc[j].lower_ == "the"
            key = ent[j] if j < sent_end else None
            if key is None and any_type:
                key = self._unnamed_team(j)  # "..., Westport Lakers and Northbridge Magic"
            if key is None or (not any_type and (self.etype.get(key) == PERSON) != people):
                break  # "..., Tom Reed said": a person ends a list of organisations
            if is_country(doc[j].text):
                break  # "the Harbour Workers Alliance, Canada": the country its name ends with
            after = j
            while after < sent_end and ent[after] == key:
                after += 1
            if any_type and after < sent_end and doc[after].pos_ in {"VERB", "AUX"}:
                break
            out.append(doc[j])
            end = after
        return out

    def _unnamed_team(self, j: int) -> str | None:
        """A team in a list that the NER missed: the capitalised proper nouns from token j."""
        doc, k = self.doc, j
        while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and self.ent[k] is None:
            k += 1
        return self.new_org(j, k) if k > j and self.new_org is not None else None

    @staticmethod
    def _facts(name: str, anchors: dict[str, Token], person: str, org: str, sent: Span, r: Rule) -> Iterator[Fact]:
        start, end = sent.start_char, sent.end_char
        if name == "lead-inverted":  # the title, as written, is a position too
            title = anchors["role"].text
            yield Fact(person, "holdsPosition", org, start, end, r.confidence, r.name, title=title)
        if name in {"lead-verb", "lead-inverted"}:
            yield Fact(org, "ledBy", person, start, end, r.confidence, r.name)
        else:
            yield Fact(person, "memberOf", org, start, end, r.confidence, r.name)
        if name == "member-role":
            # "he was the de facto head of government as leader of Y": a leading role leads
            role = anchors["role"]
            words = [c.lower_ for c in role.lefts if c.dep_ in {"amod", "compound", "nmod"}] + [role.lower_]
            if leads(words) and anchors["prep"].lower_ == "of":  # "a commander in the Navy" leads no navy
                leader = rule("leader-title")
                yield Fact(org, "ledBy", person, start, end, leader.confidence, f"{r.name}+{leader.name}")

    def _anchors(self, name: str, token_ids: list[int]) -> dict[str, Token] | None:
        """The pattern's named tokens. spaCy reports the match, not which of the rule's
        patterns made it: the one whose length and anchors fit is taken."""
        for pattern in VERB_PATTERNS[name]:
            if len(pattern) == len(token_ids):
                return {node["RIGHT_ID"]: self.doc[i] for node, i in zip(pattern, token_ids, strict=True)}
        return None

    def _subject(self, verb: Token) -> Token | None:
        """The verb's subject, or the subject of the clause it continues."""
        for _ in range(4):
            # the nearest of two: "The daughter of X, she joined Y" (the parser made both subjects)
            subj = max(
                (c for c in verb.children if c.dep_ in _SUBJECTS and c.i < verb.i), key=lambda c: c.i, default=None
            )
            subj = subj or next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            if subj is not None:
                if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return self._antecedent(verb.head)  # "X, who joined Y"
                return subj
            if verb.dep_ == "relcl":
                return self._antecedent(verb.head)
            if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
                verb = verb.head  # "He spent six years there before joining Y": the clause's subject
            elif verb.dep_ not in _INHERITS_SUBJECT or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _antecedent(self, noun: Token) -> Token:
        """Whom a relative clause is about: the name it hangs on, or the name a role noun
        describes ("X is a footballer who plays for Y", "X, a singer who joined Y")."""
        if self.ent[noun.i] is not None or noun.pos_ != "NOUN":
            return noun
        if noun.dep_ == "appos":
            return noun.head
        if noun.dep_ in {"attr", "oprd"} and noun.head.pos_ in {"AUX", "VERB"}:
            subj = next((c for c in noun.head.children if c.dep_ in _SUBJECTS), None)
            return subj if subj is not None else noun
        return noun

    def _role_holder(self, role: Token) -> Token | None:
        """Who holds a role noun: the subject of "is a politician for Y" and "was elected a
        member of Y", the name a role stands in apposition to ("X, a member of Y"), the
        subject of "won as the candidate of Y", the possessor of "his career with Y"."""
        matched = role
        for _ in range(3):
            if role.dep_ != "conj":
                break
            if role.head.pos_ in {"AUX", "VERB"}:
                return self._subject(role.head)  # "X is a founding member, and a spokeswoman, of Y"
            role = role.head  # "the vocalist and composer of Y"
        poss = next((c for c in role.children if c.dep_ == "poss"), None)
        if role.lemma_ in CAREER_NOUNS:
            verb = role.head.head if role.dep_ == "pobj" else role.head  # "..., with spells for Y"
            return poss if poss is not None else self._subject(verb) if verb.pos_ == "VERB" else None
        if role.dep_ == "appos":
            return role.head
        if role.dep_ == "compound" and self.ent[role.head.i] is not None:
            return role.head  # "Harbour Echo bassist Dan Moss"
        named = next((c for c in role.children if c.dep_ == "appos" and self._typed(c, PERSON)), None)
        # not a conjunct's: "Prime Minister X as well as the Leader of Y Z" (the leader is Z)
        if (
            named is not None
            and role is matched
            and named.left_edge.i == role.i + 1 + (self.doc[role.i + 1].text == ",")
        ):
            return named  # "the Eastfield Gazette columnist Dan Moss" parsed as an apposition
        if role.dep_ == "pobj":
            prep = role.head
            if prep.lower_ == "as" and prep.head.pos_ == "NOUN" and prep.head.dep_ in {"attr", "appos"}:
                return self._role_holder(prep.head)  # "he was the head of government as leader of Y"
            return self._subject(prep.head) if prep.lower_ == "as" and prep.head.pos_ in {"AUX", "VERB"} else None
        if role.dep_ in {"attr", "oprd"} and role.head.pos_ in {"AUX", "VERB"}:
            return self._subject(role.head)
        return None

    def _person(self, tok: Token | None) -> str | None:
        if tok is None:
            return None
        key = self._typed(tok, PERSON)
        if key is None and tok.pos_ == "PRON" and self.coref is not None:
            found = self.coref.resolved.get(tok.i)
            key = found if found is not None and self.etype.get(found) == PERSON else None
        return key

    def _typed(self, tok: Token, wanted: str) -> str | None:
        """The entity of the wanted type the token names, or one in apposition to it ("the
        band Vama Veche")."""
        # a name stands for itself: its compounds modify it ("Premier League club Velden" is no
        # league), and a name after it is the next of a list the parser took for an apposition
        near = [c for c in tok.children if c.dep_ in {"appos", "compound"} and tok.pos_ != "PROPN"]
        if tok.lower_ in ORG_KIND_NOUNS and tok.i + 1 < len(self.doc):
            near.append(self.doc[tok.i + 1])  # "for Premier League club Eastfield United": the name after the noun
        for t in (tok, *near):
            key = self.ent[t.i]
            if key is not None and self.etype.get(key) == wanted:
                return key
        return None
