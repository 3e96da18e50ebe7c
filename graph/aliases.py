"""A user alias file: pin canonical names, force or forbid merges, link to other datasets.

CSV (columns ``id,label,type,aliases,sameAs``; aliases separated by ``|``) or JSON (a list of
objects with the same keys, ``aliases`` a list). A small default file ships with the package
(``graph/data/aliases.csv``: the major UK and US parties by their short, adjective and plural
names); an entry of the user's file that shares a name with a
default entry replaces it. Every document entity named by an entry's
label or one of its aliases becomes that entry's entity, with the entry's label and type;
document entities of two different entries are never merged; ``sameAs`` adds ``owl:sameAs``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from newsgraph.extract.errors import InputError
from newsgraph.extract.input.reader import read_small_file
from newsgraph.extract.mentions.names import demonyms, name_key
from newsgraph.extract.schema import ENTITY_TYPES, PLACE

TYPES = frozenset(ENTITY_TYPES)


@dataclass(frozen=True, slots=True)
class AliasEntry:
    id: str
    label: str
    type: str | None
    aliases: tuple[str, ...]
    same_as: str | None = None
    # only a document entity whose own label is one of the entry's names belongs to it, not
    # one that merely has such a name: "Chad Reed", called "Chad" once, is no country
    label_only: bool = False

    def keys(self) -> set[str]:
        return {name_key(n) for n in (self.label, *self.aliases)} - {""}


_TEXT_FIELDS = ("id", "label", "type", "sameAs", "same_as")


def _entry(row: dict, where: str) -> AliasEntry:
    wrong = next((k for k in _TEXT_FIELDS if row.get(k) is not None and not isinstance(row[k], str | int)), None)
    if wrong is not None:
        raise InputError(f"{where}: {wrong!r} is {type(row[wrong]).__name__}; expected a string")
    raw = row.get("aliases")
    if raw is not None and not (
        isinstance(raw, str) or (isinstance(raw, list) and all(isinstance(a, str) for a in raw))
    ):
        raise InputError(f"{where}: 'aliases' must be a list of strings (or, in CSV, names joined by '|')")
    label = str(row.get("label") or "").strip()
    if not label:
        raise InputError(f"{where}: an alias entry needs a 'label'")
    etype = str(row.get("type") or "").strip() or None
    if etype is not None and etype not in TYPES:
        raise InputError(f"{where}: type {etype!r} is not one of {', '.join(sorted(TYPES))}")
    aliases = row.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = aliases.split("|")
    same_as = str(row.get("sameAs") or row.get("same_as") or "").strip() or None
    if same_as is not None and not _http_iri(same_as):
        raise InputError(f"{where}: sameAs must be an http(s) IRI, got {same_as!r}")
    return AliasEntry(
        str(row.get("id") or label), label, etype, tuple(a.strip() for a in aliases if a and a.strip()), same_as
    )


def _http_iri(text: str) -> bool:
    """An absolute http(s) IRI that RDF accepts (no space, quote or angle bracket in it).

    >>> _http_iri("https://example.org/a"), _http_iri('https://example.org/a"b'), _http_iri("https://a b")
    (True, False, False)
    """
    import pyoxigraph as ox

    if not text.startswith(("http://", "https://")):
        return False
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


# An alias file is a list of names, read whole: a larger one is a mistake (or /dev/zero)
MAX_ALIAS_BYTES = 64 << 20


def load_aliases(path: str | Path) -> list[AliasEntry]:
    """Read an alias file.

    Raises:
        InputError: the file is missing or an entry is malformed (the message names the row).
    """
    path = Path(path)
    text = read_small_file(path, MAX_ALIAS_BYTES, "alias file")
    entries: list[AliasEntry] = []
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{err.lineno}: not valid JSON ({err.msg})") from err
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputError(f"{path}: expected a JSON list of objects with id, label, type, aliases, sameAs")
        entries = [_entry(r, f"{path}: entry {i + 1}") for i, r in enumerate(rows)]
    elif path.suffix.lower() == ".csv":
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or "label" not in reader.fieldnames:
            raise InputError(f"{path}: expected a header with id,label,type,aliases,sameAs")
        entries = [_entry(r, f"{path}:{i + 2}") for i, r in enumerate(reader)]
    else:
        raise InputError(f"{path}: alias files are .csv or .json")
    seen: dict[str, str] = {}
    for e in entries:
        for k in e.keys():
            if k in seen and seen[k] != e.id:
                raise InputError(f"{path}: the name {k!r} is given to both {seen[k]!r} and {e.id!r}")
            seen[k] = e.id
    return entries


@cache
def default_aliases() -> tuple[AliasEntry, ...]:
    """The aliases shipped with the package: names that no morphology can join ("Tory" and
    "Conservative", "Lib Dem" and "Liberal Democrats")."""
    return tuple(load_aliases(Path(str(files("newsgraph.graph").joinpath("data/aliases.csv")))))


@cache
def country_aliases() -> tuple[AliasEntry, ...]:
    """Every country of the demonym table (``extract/data/demonyms.tsv``), a place, under its
    name, its short names and its adjectives: "UK", "Britain" and "British" are the United
    Kingdom, whatever the NER typed them."""
    words: dict[str, list[str]] = {}
    for word, country in demonyms().items():
        words.setdefault(country, []).append(word)
    return tuple(
        AliasEntry(f"default:country:{name_key(c).replace(' ', '-')}", c, PLACE, tuple(sorted(w)), label_only=True)
        for c, w in sorted(words.items())
    )


def with_defaults(entries: Sequence[AliasEntry]) -> list[AliasEntry]:
    """The user's entries, then every default entry (parties, countries) that shares no name
    with them."""
    taken = {k for e in entries for k in e.keys()}
    return [*entries, *(d for d in (*default_aliases(), *country_aliases()) if not d.keys() & taken)]
