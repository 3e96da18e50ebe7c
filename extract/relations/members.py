"""Who holds what a matcher rule's nodes name (``membership_rules.py`` has the rules): the
holder of a role noun or the subject of a verb, the organisation and those listed with it.

No pattern can say who the subject is: the parse hangs it on the verb, on a verb the clause
is conjoined to ("joined Y and played for Z"), on a relative pronoun's head, or it is a
pronoun the coreference reading resolves ("He served with the Navy"). Nor can a pattern list
the names a parser lost ("for the Hawks, Harbour City Rovers and Eastfield Kings").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ..mentions.names import demonyms, is_country
from ..nlp import doc_tokens, sentence_of
from ..records import Fact
from ..rules import rule
from ..schema import ORGANIZATION, PERSON, PLACE
from ..words import (
    BAND_WORDS,
    CAREER_NOUNS,
    HOME_NATIONS,
    LEADER_WORDS,
    MOVEMENT_WORDS,
    NAME_OPENERS,
    ORG_KIND_NOUNS,
    PORTFOLIO_OFFICES,
    REGIONAL_ADJECTIVES,
    RELATIVE_PRONOUNS,
    UNIT_NOUNS,
)
from .context import DocContext
from .engine import Engine, MatcherRule
from .membership_rules import MATCHER_RULES
from .positions import leads

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
ENGINE = Engine(MATCHER_RULES)


def _people_word(tok: Token) -> bool:
    """A nationality or a region's adjective ("Welsh", "Bolivian"): it names a people, no
    organisation or band."""
    return tok.lower_ in demonyms() or tok.lower_ in REGIONAL_ADJECTIVES


def _nation(tok: Token) -> bool:
    """A country or home nation the token names ("played for England": its national side)."""
    return is_country(tok.text) or tok.lower_ in HOME_NATIONS


def _companions(verb: Token, holder: Token) -> list[Token]:
    """Who does the verb with its subject: "with Z" on the verb ("X formed Y with Z"), on the
    subject ("X with Z joined Y") or on a clause of joining before it ("Joining with Z, X
    formed Y"); each with those conjoined to it. Whoever is no person is dropped later."""
    out: list[Token] = []
    joining = [c for c in verb.children if c.dep_ == "advcl" and c.lemma_ == "join" and c.i < holder.i]
    for t in (verb, holder, *joining):
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                for o in prep.children:
                    if o.dep_ == "pobj":
                        out += [o, *o.conjuncts]
    return out


class MatchedRelations:
    """The facts the matcher rules state in one document (``ctx.coref`` read, if any)."""

    def __init__(self, ctx: DocContext) -> None:
        self.doc = ctx.doc
        self.ent = ctx.of_token
        self.etype = ctx.types
        self.coref = ctx.coref
        self.in_quote = ctx.in_quote
        self.new_org = ctx.new_org

    def facts(self) -> Iterator[Fact]:
        for match in list(ENGINE.matches(self.doc)):
            yield from self._match_facts(match.rule, match.nodes)

    def _match_facts(self, r: MatcherRule, nodes: dict[str, Token]) -> Iterator[Fact]:
        prep = nodes.get("prep")
        # the token the rule's words hang on: its verb, its role noun, or the name itself
        head = nodes.get("verb") or nodes.get("role") or (prep.head if prep is not None else nodes["person"])
        if self.in_quote[head.i] or any(c.dep_ == "neg" for c in head.children):
            return
        if r.org == "group":
            group = self._consisting_group(head)
            if group is None:
                return
            nodes = {**nodes, "org": group}
        elif r.org == "subject":  # the organisation is who recruits
            recruiter = self._subject(head)
            if recruiter is None:
                return
            nodes = {**nodes, "org": recruiter}
        elif r.org == "band-before":
            band = self._band_named_before(head)
            if band is None:
                return
            nodes = {**nodes, "org": band}
        if r.name_follows and self.ent[nodes["org"].i + 1] != self.ent[nodes["person"].i]:
            return  # the name must follow the party word: "Democrat Mary Hale"
        role = nodes.get("role")
        if role is not None and role.lower_ in PORTFOLIO_OFFICES and nodes["org"].text == "State":
            return  # "Secretary of State": one office's name, no membership of a "State"
        holder: Token | None
        if "person" in nodes:  # "The president of Y is X"
            holder = nodes["person"]
        elif role is not None:
            if role.lower_ in LEADER_WORDS and nodes["org"].lower_ in MOVEMENT_WORDS:
                return  # "the leader of the Resistance" follows it
            holder = self._role_holder(role)
        else:
            holder = self._subject(head)
        if holder is None:
            return
        # "Tom and Dan played for the Hawks, the Kings and the Magic": a fact per pair of
        # conjoined names
        # but a party word before one name is that name's alone: "A and B and Democrat C"
        people = [holder] if r.name_follows else [holder, *holder.conjuncts]
        if r.companions and head.pos_ == "VERB":
            people += _companions(head, holder)
        if r.org == "group":
            people += self._listed_after(holder, people=True)
        team = r.is_team(head)  # "a rugby player for Harbour Tigers"
        orgs = self._conjoined_orgs(nodes, team=team)
        for person_token in dict.fromkeys(people):
            person = self._person(person_token)
            if person is None:
                continue
            for org_token in orgs:
                org = self._org_for(r, org_token, person, team=team)
                if org is not None:
                    yield from self._facts(r, nodes, person, org, sentence_of(head))

    def _org_for(self, r: MatcherRule, tok: Token, person: str, *, team: bool) -> str | None:
        """The organisation a rule's org token names for this person, if any."""
        if r.adjective_org and _people_word(tok):
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
        if org is None and (
            rule(r.name).joined == "party"
            or (team and tok.pos_ == "PROPN" and tok.text[:1].isupper() and not _nation(tok))
        ):
            org = self._named_by_words(tok)  # "a Christian Democrat", "plays for SK Velden"
        if org is None:
            org = self._national_team(tok)
        if org is None and self.coref is not None and tok.lower_ in ORG_KIND_NOUNS:
            # "the band consists of A and B": the band the coreference read it as
            key = self.coref.resolved.get(tok.i)
            org = key if key is not None and self.etype.get(key) == ORGANIZATION else None
        return org

    def _band_named_before(self, role: Token) -> Token | None:
        """The band a band's role noun is a role in when it names none ("guitarist Tom Reed",
        "band member Tom Reed"): the one organisation the text named before it as a band or a
        group, by the noun before its name ("the folk band Blue Owls") or as what it is ("Blue
        Owls are a folk band"). None where the role names its own group ("Harbour Echo
        bassist") or a nationality ("Welsh singer"), a lone "member" says not of what, or two
        groups were named."""
        if any(self.ent[c.i] is not None or _nation(c) or _people_word(c) for c in role.children):
            return None  # its own group, or a nationality: "Welsh singer Ann Hale" is no band's
        if role.lower_ == "member" and not any(c.lower_ in BAND_WORDS for c in role.children):
            return None
        doc = doc_tokens(self.doc)
        found: dict[str, Token] = {}
        # read from the words: the mentions' "kind-before-name" and "defined-as-a-group" votes
        # reach this context summed per entity (any kind of organisation), not per place named
        for j in range(role.i):
            key = self.ent[j]
            if key is None or self.etype.get(key) != ORGANIZATION:
                continue
            t = doc[j]
            named_as = j > 0 and self.ent[j - 1] != key and doc[j - 1].lower_ in BAND_WORDS
            defined = (
                t.dep_ == "nsubj"
                and t.head.lemma_ == "be"
                and any(c.dep_ == "attr" and c.lemma_ in BAND_WORDS for c in t.head.children)
            )
            if named_as or defined:
                found.setdefault(key, t)
        return next(iter(found.values())) if len(found) == 1 else None

    def _consisting_group(self, verb: Token) -> Token | None:
        """ "The band consists of A, B and C": the group is what consists, or the noun the
        clause hangs on ("an ensemble formed in 1986 consisting of A, B"); a capitalised name
        the NER missed there becomes an organisation ("The Blue Owls consist of ...")."""
        group = self._subject(verb)
        if group is None and verb.dep_ in {"acl", "advcl"}:
            group = self._antecedent(verb.head if verb.dep_ == "acl" else verb.head.head)
        if group is not None and self.ent[group.i] is None and group.pos_ == "PROPN" and group.is_title:
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
        return self.new_org(left, noun.i + 1)

    def _named_by_words(self, word: Token) -> str | None:
        """The party or team a capitalised word names, with the capitalised words compounded
        before it ("a Christian Democrat", "for SK Velden"): an organisation made of those words."""
        start = word.i
        while (
            start > 0
            and self.doc[start - 1].dep_ == "compound"
            and self.doc[start - 1].text[:1].isupper()
            and self.doc[start - 1].lower_ not in NAME_OPENERS  # "Fellow Tory Tom Reed"
        ):
            start -= 1
        named = {self.ent[i] for i in range(start, word.i + 1)}
        if len(named) == 1 and None not in named:
            return named.pop()  # "Christian Democrat" the NER called a person: the type vote settles it
        if named != {None}:
            return None
        return self.new_org(start, word.i + 1)

    def _conjoined_orgs(self, nodes: dict[str, Token], *, team: bool = False) -> list[Token]:
        """The organisation and those conjoined to it: "for the Hawks, the Kings and the
        Magic"; "a member of the Academy and of the Society" (conjoined prepositions); the teams
        a kind noun lists ("for clubs such as A, B or C")."""
        org = nodes["org"]
        # "the Harbour Workers Alliance, Canada": a country is the end of a name, no second organisation
        out = [org, *(c for c in org.conjuncts if not is_country(c.text))]
        prep = nodes.get("prep")
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
        doc, j = doc_tokens(self.doc), org.i + 1
        if prep is not None and org.i > prep.i + 1:
            k = prep.i + 1 + (doc[prep.i + 1].lower_ == "the")
            end = k
            while end < org.i and self.ent[end] is not None and self.ent[end] == self.ent[k]:
                end += 1
            if end > k and doc[end].lower_ in {",", "and", "or"}:  # a name listed, not one modifying
                return doc[k]
        if org.lemma_ not in ORG_KIND_NOUNS:
            return org
        sent_end = sentence_of(org).end
        opened = j < sent_end and self.ent[j] is not None  # "sides Eastmoor and Eastfield"
        while j < sent_end and doc[j].lower_ in {"such", "as", ":", "including", "the"}:
            opened = opened or doc[j].lower_ in {"as", ":", "including"}
            j += 1
        return doc[j] if opened and j < sent_end and self.ent[j] is not None else org

    def _listed_after(self, tok: Token, *, people: bool = False, any_type: bool = False) -> list[Token]:
        """The names listed after a token, read from the words where the parser lost the list
        ("for the Hawks, Harbour City Rovers, Eastfield Kings and Westport Lakers" hung on the
        subject): each name after a comma or "and", up to the first word that is none. A list
        of organisations ends at a person's name, a list of people at another name; with
        ``any_type``, at a name a verb follows ("..., Tom Reed said")."""
        doc, ent, out = doc_tokens(self.doc), self.ent, []
        end, sent_end = tok.i + 1, sentence_of(tok).end
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
        return self.new_org(j, k) if k > j else None

    @staticmethod
    def _facts(r: MatcherRule, nodes: dict[str, Token], person: str, org: str, sent: Span) -> Iterator[Fact]:
        start, end = sent.start_char, sent.end_char
        made = rule(r.name)
        if r.title:  # the title, as written, is a position too
            yield Fact(person, "holdsPosition", org, start, end, made.confidence, r.name, title=nodes["role"].text)
        if r.predicate == "ledBy":
            yield Fact(org, "ledBy", person, start, end, made.confidence, r.name)
        else:
            yield Fact(person, "memberOf", org, start, end, made.confidence, r.name)
        if r.leading_role:
            # "he was the de facto head of government as leader of Y": a leading role leads
            role = nodes["role"]
            words = [c.lower_ for c in role.lefts if c.dep_ in {"amod", "compound", "nmod"}] + [role.lower_]
            if leads(words) and nodes["prep"].lower_ == "of":  # "a commander in the Navy" leads no navy
                leader = rule("leader-title")
                yield Fact(org, "ledBy", person, start, end, leader.confidence, f"{r.name}+{leader.name}")

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
