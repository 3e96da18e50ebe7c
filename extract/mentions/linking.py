"""Short names to full names: a surname or first name alone, an acronym of initials.

One rule, used at three levels: mentions inside a document (``entities.cluster_mentions``), a
speaker named by a surname the NER missed (``speakers``), and document entities across
documents (``newsgraph.graph.resolve``). Pure Python: dictionaries keyed by the short form, so
linking costs one lookup per name, never a comparison of every pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from functools import lru_cache
from itertools import groupby
from typing import Generic, TypeVar

from ..words import HONORIFICS
from .names import clean, initials, is_acronym, person_like, strip_name

K = TypeVar("K", bound=Hashable)


class NameIndex(Generic[K]):
    """Who a short name can stand for: full person names by their first and last words,
    names of several words by their initials.

    >>> index = NameIndex()
    >>> index.add("Maryam Rajavi", "e1"); index.add("National Council of Resistance of Iran", "e2")
    >>> index.people("Rajavi"), index.people("RAJAVI"), index.spelled("NCRI"), index.people("Iran")
    ({'e1'}, {'e1'}, {'e2'}, set())
    >>> index.people("rajavi")  # a lower-case word is no name ("secretary of state")
    set()
    >>> index.add("Robert Hale-Reed", "e3"); index.people("Hale"), index.people("Hale-Reed")
    ({'e3'}, {'e3'})
    """

    def __init__(self) -> None:
        self.by_word: dict[str, set[K]] = defaultdict(set)
        self.by_last: dict[str, set[K]] = defaultdict(set)
        self.by_initials: dict[str, set[K]] = defaultdict(set)

    def add(self, name: str, owner: K, *, people: bool = True, spelled: bool = True) -> None:
        """Index ``name`` as a name of ``owner`` (see :func:`index_keys`)."""
        tables = {WORD: self.by_word, LAST: self.by_last, INITIALS: self.by_initials}
        for kind, key in index_keys(name, people=people, spelled=spelled):
            tables[kind][key].add(owner)

    def people(self, word: str, *, surname: bool = False) -> set[K]:
        """Owners of a full person name that starts or ends with ``word`` (capitalised); with
        ``surname``, only those whose name ends with it."""
        if not word[:1].isupper():
            return set()
        return set((self.by_last if surname else self.by_word).get(spelling(word), ()))

    def spelled(self, acronym: str) -> set[K]:
        """Owners of a name whose initials are ``acronym``."""
        # "DfHS": the lower-case letters stand for the small words initials() leaves out
        return set(self.by_initials.get(re.sub("[a-z]", "", strip_name(acronym)), ()))

    def fits(self, names: Iterable[str]) -> set[K]:
        """Owners that single-word ``names`` can stand for (see :func:`fit_keys`)."""
        tables = {WORD: self.by_word, LAST: self.by_last, INITIALS: self.by_initials}
        return set().union(*(tables[kind].get(key, ()) for kind, key in fit_keys(names)))


# The tables of a NameIndex, by what their key is: a first or last word of a person's name, a
# last word only, the initials of a name of several words.
WORD, LAST, INITIALS = "word", "last", "initials"


def index_keys(name: str, *, people: bool = True, spelled: bool = True) -> list[tuple[str, str]]:
    """Where ``name`` is filed in a NameIndex: a person-like name by its first and last words
    (``people``), any name of two or more words, none an acronym, by its initials (``spelled``).
    The DuckDB resolver (``newsgraph.graph.resolve_sql``) files names by the same keys.

    >>> index_keys("Robert Hale-Reed")
    [('word', 'robert'), ('word', 'hale-red'), ('last', 'hale-red'),
     ('word', 'hale'), ('last', 'hale'), ('initials', 'RHR')]
    """
    stripped = strip_name(name)
    words = stripped.split(" ")
    out = []
    if people and person_like(stripped):
        out += [(WORD, spelling(words[0])), (WORD, spelling(words[-1])), (LAST, spelling(words[-1]))]
        # a double-barrelled surname is also written by its first part: "Hale" of "Tom Hale-Reed"
        first_part = words[-1].split("-")[0]
        if first_part != words[-1] and first_part[:1].isupper():
            out += [(WORD, spelling(first_part)), (LAST, spelling(first_part))]
    # a name holding an acronym is not spelled by its initials: "CTU Radio" is not "CR"
    if spelled and len(words) >= 2 and not any(is_acronym(w) for w in words):
        out.append((INITIALS, initials(stripped)))
    return out


def fit_keys(names: Iterable[str]) -> list[tuple[str, str]]:
    """The NameIndex keys that single-word ``names`` look up: by initials if any is an acronym
    (the acronyms decide), else by first or last word, by last word only after a title.

    >>> fit_keys(["NCRI", "Rajavi"]), fit_keys(["Mr Lane"]), fit_keys(["rajavi"])
    ([('initials', 'NCRI')], [('last', 'lane')], [])
    """
    names = list(names)
    stripped = sorted({strip_name(n) for n in names})
    acronyms = [x for x in stripped if is_acronym(x)]
    if acronyms:
        # "DfHS": the lower-case letters stand for the small words initials() leaves out
        return [(INITIALS, re.sub("[a-z]", "", strip_name(x))) for x in acronyms]
    # "Mr Lane" is a surname: never the Lane of "Lane Hart"
    titled = any(clean(n).split(" ")[0].lower().rstrip(".") in HONORIFICS for n in names if " " in clean(n))
    # a lower-case word is no name ("secretary of state")
    return [(LAST if titled else WORD, spelling(x)) for x in stripped if x[:1].isupper()]


@lru_cache(maxsize=1 << 16)  # pure; every mention's first and last word comes through here
def spelling(word: str) -> str:
    """A name folded over the spellings one name is written in: case, "ph" and "f", "c" and
    "k", a letter written once or twice ("Viktor" and "Victor", "Abbott" and "Abbot",
    "Phillips" and "Philips").

    >>> spelling("Viktor") == spelling("Victor"), spelling("Abbott") == spelling("Abbot")
    (True, True)
    >>> spelling("Tony") == spelling("Toni"), spelling("Kelly") == spelling("Kelley")
    (False, False)
    """
    folded = word.casefold().replace("ph", "f").replace("ck", "k").replace("c", "k")
    # each run of one letter once: what re.sub(r"(.)\1+", r"\1", ...) does, where the regex
    # module expands its template at each call (0.15 ms)
    return "".join(letter for letter, _ in groupby(folded))


def short_only(names: Iterable[str]) -> bool:
    """Every name is one word ("Rajavi", "NCRI"): a group known only by short names."""
    return all(len(strip_name(n).split(" ")) == 1 for n in names)


def link_short_names(
    groups: Mapping[K, Collection[str]], index: NameIndex[K], *, is_person: Callable[[K], bool]
) -> dict[K, set[K]]:
    """For each group known only by short names, the other groups its names fit.

    A surname or first name fits the people whose full name starts or ends with it, and only
    a group typed Person is linked that way ("Tory", a party, is not the surname of "Tory
    Treasurer Lord"); an acronym fits the names whose initials it spells. Callers link a group
    that fits exactly one other and leave the rest: two fits are two people.

    Args:
        groups: group -> every name it was mentioned by.
        index: the full names of all groups.
        is_person: whether a group is typed Person.

    >>> index = NameIndex(); index.add("Dana Whitefeather", "a"); index.add("Rob Whitefeather", "b")
    >>> index.add("Dana Ortiz", "c"); index.add("Harbour Trust", "d")
    >>> fits = link_short_names({"x": ["Ortiz"], "y": ["Whitefeather"], "z": ["HT"]}, index, is_person=lambda k: True)
    >>> {group: sorted(owners) for group, owners in fits.items()}
    {'x': ['c'], 'y': ['a', 'b'], 'z': ['d']}
    """
    out: dict[K, set[K]] = {}
    for root, names in groups.items():
        if short_only(names) and linkable(names, person=is_person(root)):
            out[root] = index.fits(names) - {root}
    return out


def linkable(names: Iterable[str], *, person: bool) -> bool:
    """Whether a group known only by short names may be linked to a full name: by an acronym,
    or, for a group typed Person, by a surname or first name (the DuckDB resolver asks too)."""
    return person or any(is_acronym(n) for n in names)
