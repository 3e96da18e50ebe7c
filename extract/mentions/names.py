"""Name normalisation shared by the extractor and the graph builder (pure Python)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path

from ..words import HONORIFICS

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"'})
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# Characters that change nothing a reader sees but would make a second "Gordon Brown": controls
# (NUL, ...), the soft hyphen, zero-width spaces and joiners, bidi marks and overrides, BOM.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# "NCRI", "IRGC"; and the British style where a lower-case letter stands for a small word of
# the name: "DfHS" (Department for Harbour Safety), "MoH" (Ministry of Harbours).
_ACRONYM = re.compile(r"^[A-Z](?:[A-Z0-9&]|[a-z](?=[A-Z])){1,7}$")


@lru_cache(maxsize=1 << 17)  # pure; the same names recur in every document
def clean(name: str) -> str:
    """Straight apostrophes, single plain spaces, no surrounding punctuation, no invisible
    characters (controls, zero-width and bidi marks).

    >>> clean("People\u2019s\u00a0Mojahedin  Organization ")
    "People's Mojahedin Organization"
    >>> clean("Gordon\\u200b \\u202eBrown\\x00") == "Gordon Brown"
    True
    """
    name = _INVISIBLE.sub("", unicodedata.normalize("NFC", name)).translate(_APOSTROPHES)
    name = _SPACES.sub(" ", name).strip(" \t\n,.;:!?\"'()[]{}")
    return name


@lru_cache(maxsize=1 << 17)  # pure; the same names recur in every document
def strip_name(name: str) -> str:
    """The proper name without honorific, leading article or possessive.

    >>> strip_name("Mrs. Maryam Rajavi")
    'Maryam Rajavi'
    >>> strip_name("the MEK\u2019s")
    'MEK'
    """
    name = clean(name)
    name = re.sub(r"'s?$", "", name).strip()
    words = name.split(" ")
    while len(words) > 1 and (words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() == "the"):
        words = words[1:]
    return " ".join(words).strip(" ,.;:")


@lru_cache(maxsize=1 << 17)  # pure; the same names recur in every document
def name_key(name: str) -> str:
    """The key names are compared by: stripped, case-folded, punctuation folded.

    >>> name_key("PMOI / MEK") == name_key("PMOI/MEK")
    True
    >>> name_key("the Department for Harbours") == name_key("Department of Harbours")
    True
    """
    s = strip_name(name).casefold()
    s = re.sub(r"[^\w\s/&-]", " ", s)
    words = [w for w in re.split(r"[\s/-]+", s) if w]
    # "Department for Work" and "Department of Work": one name, written both ways
    return " ".join("of" if w == "for" and 0 < i < len(words) - 1 else w for i, w in enumerate(words))


@lru_cache(maxsize=1 << 17)  # pure; the same names recur in every document
def is_acronym(name: str) -> bool:
    """An all-capitals short name ("NCRI", "IRGC"), small words in lower case allowed ("DfHS").

    >>> is_acronym("NCRI"), is_acronym("Iran"), is_acronym("DfHS"), is_acronym("McHale")
    (True, False, True, False)
    """
    return bool(_ACRONYM.match(strip_name(name)))


def party_abbreviation(text: str) -> bool:
    """A party's short name as written in brackets after a member's name ("Tom Reed (Lab)").

    >>> party_abbreviation("Lab"), party_abbreviation("Con"), party_abbreviation("Leeds"), party_abbreviation("MPs")
    (True, True, False, False)
    """
    return len(text) <= 3 and text.isalpha() and text.istitle()


@lru_cache(maxsize=1 << 17)  # pure; the same names recur in every document
def initials(name: str) -> str:
    """Initials of the capitalised words (and hyphenated parts).

    >>> initials("National Council of Resistance of Iran"), initials("Mujahedin-e Khalq")
    ('NCRI', 'MEK')
    >>> initials("People's Mojahedin Organization of Iran")
    'PMOI'
    """
    words = re.split(r"[\s]+", strip_name(name))
    out = []
    for word in words:
        for part in word.split("-"):
            if part and part[0].isupper():
                out.append(part[0])
            elif part == "e" and "-" in word:  # Mujahedin-e Khalq
                out.append("E")
    return "".join(out)


@lru_cache(maxsize=1 << 17)  # pure; the same names recur in every document
def person_like(name: str) -> bool:
    """Two to four capitalised words with no organisation word: could be a person's name."""
    from ..words import ORG_WORDS

    words = strip_name(name).split(" ")
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in ORG_WORDS for w in words)
        and not any(_ACRONYM.match(w) for w in words)
    )


# Titles of rank that are part of how a person is named when no fuller name is given: a peer is
# "Lord Hale", a knight "Sir Tom"; "Hale" or "Tom" alone would say less than the text does.
NAMING_RANKS = frozenset({"lord", "lady", "baroness", "sir", "dame"})


def canonical_label(names: Iterable[str] | Mapping[str, int]) -> str:
    """The fullest proper name: not an acronym, most words, then most frequent, then first;
    a one-word name keeps a rank it was written with. ``names`` may be given counted (name ->
    how many times), as a store keeps them.

    >>> canonical_label(["MEK", "People's Mojahedin Organization of Iran", "PMOI/MEK"])
    "People's Mojahedin Organization of Iran"
    >>> canonical_label(["Hale", "Lord Hale"]), canonical_label(["Lord Hale", "Tom Hale"])
    ('Lord Hale', 'Tom Hale')
    >>> canonical_label({"Hale": 3, "Lord Hale": 1}) == canonical_label(["Hale", "Hale", "Hale", "Lord Hale"])
    True
    """
    counted = names if isinstance(names, Mapping) else Counter(names)
    best = _fullest(counted)
    if " " not in best:
        ranked: Counter = Counter()
        for name, n in counted.items():
            c = clean(name)
            if c.split(" ")[0].lower() in NAMING_RANKS and c[c.find(" ") + 1 :] == best:
                ranked[c] += n
        if ranked:
            return max(ranked.items(), key=lambda item: (item[1], item[0]))[0]
    return best


def _fullest(counted: Mapping[str, int]) -> str:
    counts: Counter = Counter()
    for name, n in counted.items():
        counts[clean(strip_name(name))] += n

    def rank(item: tuple[str, int]) -> tuple:
        name, count = item
        return (
            not is_acronym(name) and "/" not in name and "(" not in name,
            not is_acronym(name.split(" ")[0]),  # "MEK Iran" is the acronym's form
            len(name.split(" ")) if len(name.split(" ")) <= 8 else 0,
            count,
            -len(name),
            name,
        )

    return max(counts.items(), key=rank)[0]


def clear_caches() -> None:
    """Forget every cached name key (benchmarks start each timing cold, as a new process would)."""
    for fn in (clean, strip_name, name_key, is_acronym, initials, person_like):
        fn.cache_clear()


@cache
def demonyms() -> dict[str, str]:
    """A country's adjective or short name (lower case: "french", "us") -> the country's name
    ("France", "United States"), from the shipped table ``data/demonyms.tsv``."""
    path = Path(__file__).parents[1] / "data" / "demonyms.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, country = line.partition("\t")
            out[word] = country
    return out


@cache
def countries() -> frozenset[str]:
    """The name keys of the world's countries: ISO 3166's names (pycountry's shipped data:
    "Mauritius", "Saint Lucia", "Syria", "Czech Republic"; a name written "Iran, Islamic
    Republic of" is left out, its common name kept) and the demonym table's ("United States",
    "United Kingdom")."""
    import pycountry

    names = set(demonyms().values())
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name and "," not in name and "(" not in name:
                names.add(name)
    return frozenset(name_key(n) for n in names)


@lru_cache(maxsize=1 << 16)  # pure; the same names recur in every document
def is_country_name(name: str) -> bool:
    """A country's name ("Mauritius", "the United Kingdom"), not its adjective.

    >>> is_country_name("Mauritius"), is_country_name("French")
    (True, False)
    """
    return name_key(name) in countries()


def is_country(name: str) -> bool:
    """A country's name, or a short name or adjective in the demonym table ("France", "US",
    "United Kingdom", "Mauritius").

    >>> is_country("France"), is_country("US"), is_country("Mauritius"), is_country("Scotland")
    (True, True, True, False)
    """
    return is_country_name(name) or name.lower() in demonyms()
