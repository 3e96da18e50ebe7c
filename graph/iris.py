"""Every IRI newsgraph mints is made here, from content, so that runs and batch orders agree."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from newsgraph.extract.mentions.names import name_key
from newsgraph.ontology import NGR

ENTITY_GRAPH = NGR["graph/entities"]


def _digest(*parts: object, size: int = 16) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:size]


def slug(text: str) -> str:
    """A readable, ASCII IRI segment.

    >>> slug("People's Mojahedin Organization of Iran")
    'peoples-mojahedin-organization-of-iran'
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r"['’]", "", ascii_.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:80]


def entity_iri(label: str) -> URIRef:
    """The IRI of the entity whose canonical name is ``label``.

    Names that fold to the same key (case, honorific, punctuation) get the same IRI; a name
    with no Latin letters gets a hash.

    >>> entity_iri("Maryam Rajavi") == entity_iri("Mrs. Maryam  Rajavi")
    True
    >>> str(entity_iri("Maryam Rajavi"))
    'https://w3id.org/newsgraph/id/entity/maryam-rajavi'
    """
    key = name_key(label)
    readable = slug(key)
    if not readable or readable.replace("-", "") != re.sub(r"[^a-z0-9]", "", key):
        readable = f"{readable}-{_digest(key, size=8)}" if readable else _digest(key, size=12)
    return NGR[f"entity/{readable}"]


def document_iri(content_hash: str) -> URIRef:
    """A document is named by its content: the same text is the same document."""
    return NGR[f"doc/{content_hash[:16]}"]


def document_entity_iri(content_hash: str, key: str) -> URIRef:
    return NGR[f"doc/{content_hash[:16]}/{key}"]


def quote_iri(content_hash: str, start: int, end: int) -> URIRef:
    return NGR[f"quote/{content_hash[:16]}-{start}-{end}"]


def claim_iri(content_hash: str, start: int, end: int) -> URIRef:
    return NGR[f"claim/{content_hash[:16]}-{start}-{end}"]


def position_iri(person: URIRef, title: str, organization: URIRef | None) -> URIRef:
    return NGR[f"position/{_digest(person, title.casefold(), organization or '')}"]


def assertion_iri(*parts: object) -> URIRef:
    return NGR[f"assertion/{_digest(*parts)}"]


def run_iri(*parts: object) -> URIRef:
    return NGR[f"run/{_digest(*parts)}"]
