"""A persistent graph store that grows batch by batch (pyoxigraph on disk).

Layout of a store directory::

    STORE/CURRENT            name of the live generation ("gen-000007"), replaced atomically
    STORE/gen-000007/        one immutable generation: oxigraph/ (RocksDB) and manifest.json
    STORE/records/<hash>.json  what each document contributes (graph.records.DocRecord)
    STORE/lock               held (flock) by the one writer

A write never touches the live generation: it builds the next one beside it, then points
CURRENT at it. A writer killed at any moment leaves CURRENT on the old, complete generation,
and readers (query, serve, export) never see a half-written store. Entities are resolved again
over every document at each write (linear in document entities), so adding a batch gives the
graph that building everything at once gives.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, URIRef

from newsgraph.extract.errors import GraphError

from .aliases import AliasEntry
from .build import GraphParts, build_parts
from .codec import from_json, to_json
from .iris import ENTITY_GRAPH, document_iri
from .oxterms import OxTerms, iter_ox_quads, to_ox_quads
from .records import DocRecord, RunInfo

MANIFEST = "manifest.json"


class StoreBusy(GraphError):
    """Another writer holds the store."""


def is_store(path: str | Path) -> bool:
    return (Path(path) / "CURRENT").is_file()


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class GraphStore:
    """A store directory. Reading needs no lock; writing goes through :meth:`writer`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    # -- reading -----------------------------------------------------------------------------
    def current(self) -> Path | None:
        try:
            name = (self.path / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return self.path / name

    def manifest(self) -> dict:
        gen = self.current()
        if gen is None:
            return {"documents": {}, "runs": [], "aliases": [], "retired": {}, "generation": 0}
        return json.loads((gen / MANIFEST).read_text(encoding="utf-8"))

    def open_read(self) -> ox.Store:
        """The live generation, read-only (it is never written again)."""
        gen = self.current()
        if gen is None:
            raise GraphError(f"{self.path}: not a newsgraph store (no CURRENT file)")
        return ox.Store.read_only(str(gen / "oxigraph"))

    def records(self, hashes: Sequence[str] | None = None) -> list[DocRecord]:
        wanted = sorted(self.manifest()["documents"]) if hashes is None else sorted(hashes)
        return [from_json((self.path / "records" / f"{h}.json").read_text(encoding="utf-8")) for h in wanted]

    # -- writing -----------------------------------------------------------------------------
    @contextmanager
    def writer(self) -> Iterator[StoreWriter]:
        """Hold the store's write lock for a batch.

        Raises:
            StoreBusy: another process is writing to this store.
        """
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / "records").mkdir(exist_ok=True)
        fh = open(self.path / "lock", "a+")
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as err:
                raise StoreBusy(
                    f"{self.path}: the store is busy (another newsgraph process is writing "
                    "to it); try again when it has finished"
                ) from err
            self._clean_leftovers()
            yield StoreWriter(self)
        finally:
            fh.close()

    def _clean_leftovers(self) -> None:
        """Remove generations a killed writer left half-built, and all but the live one and
        the one before it (a reader may still have that one open)."""
        live = self.current()
        done = sorted(p for p in self.path.glob("gen-*") if p.is_dir() and not p.name.endswith(".tmp"))
        keep = {live}
        if live in done and done.index(live) > 0:
            keep.add(done[done.index(live) - 1])
        for p in self.path.glob("gen-*"):
            if p.is_dir() and p not in keep:
                shutil.rmtree(p, ignore_errors=True)


def identity(file: str, key: str | None = None) -> str:
    """A document's identity in a store: its file's absolute path, and for a line of a .jsonl
    file the line's id after a NUL (which no path holds), so an id is never read as a path.

    >>> identity("/news/feed.jsonl", "../../a.txt").split("\\x00")
    ['/news/feed.jsonl', '../../a.txt']
    """
    path = os.path.abspath(file)
    return path if key is None else f"{path}\x00{key}"


def _file_and_key(ident: str) -> tuple[str, str | None]:
    """The parts of an identity (stores written before 0.2 joined a .jsonl id with '#')."""
    if "\x00" in ident:
        file, key = ident.split("\x00", 1)
        return file, key
    if ".jsonl#" in ident:
        file, key = ident.split(".jsonl#", 1)
        return file + ".jsonl", key
    return ident, None


class StoreWriter:
    """Changes to a store, applied together by :meth:`commit`."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.manifest = store.manifest()
        # hash -> identity (see identity()); older stores' '#' identities read in the new form
        self.docs: dict[str, str] = {h: identity(*_file_and_key(i)) for h, i in self.manifest["documents"].items()}
        self.runs = [RunInfo(**r) for r in self.manifest["runs"]]
        self.aliases = [AliasEntry(**{**a, "aliases": tuple(a["aliases"])}) for a in self.manifest["aliases"]]

    def has(self, content_hash: str) -> bool:
        return content_hash in self.docs

    def hash_of_identity(self, identity: str) -> str | None:
        return next((h for h, i in self.docs.items() if i == identity), None)

    def add(self, record: DocRecord, identity: str) -> None:
        """Add a document; a different version of the same file is replaced."""
        old = self.hash_of_identity(identity)
        if old and old != record.meta.content_hash:
            del self.docs[old]
        _write_atomic(self.store.path / "records" / f"{record.meta.content_hash}.json", to_json(record))
        self.docs[record.meta.content_hash] = identity

    def find(self, ref: str) -> list[str]:
        """Documents a user reference names: content hash (or a prefix of 8+), path, or file name."""
        ref_abs = os.path.abspath(ref)
        hits = []
        for h, ident in self.docs.items():
            file, key = _file_and_key(ident)
            if (len(ref) >= 8 and h.startswith(ref)) or file == ref_abs or Path(file).name == ref or key == ref:
                hits.append(h)
        return sorted(set(hits))

    def files_of(self, hashes: list[str]) -> set[str]:
        """The files (a .jsonl file holds several documents) these documents came from."""
        return {_file_and_key(self.docs[h])[0] for h in hashes}

    def remove(self, content_hash: str) -> None:
        del self.docs[content_hash]

    def commit(self, run: RunInfo | None, aliases: Sequence[AliasEntry] | None = None) -> GraphParts:
        """Resolve entities over every document and write the next generation.

        The next generation starts as a hard-link copy (oxigraph backup) of the live one; only
        the named graphs of documents that are new, gone, or whose entities changed are
        rewritten, and the entity graph is brought to its new content by a difference. So a
        commit costs the resolution (linear in document entities) plus the size of the change,
        not a reload of the store.

        Returns:
            The new graph, in parts (only the rebuilt documents' named graphs are in it).
        """
        if aliases is not None:
            self.aliases = list(aliases)
        if run is not None:
            self.runs.append(run)
        records = self.store.records(list(self.docs))
        live = self.store.current()
        before: dict[str, str] = self.manifest.get("signatures", {}) if live is not None else {}
        parts = build_parts(records, self.runs, self.aliases, known=before)
        retired = self._retired(parts.denotes)
        parts.entity_quads += [
            (URIRef(old), OWL.sameAs, URIRef(new), ENTITY_GRAPH) for old, new in sorted(retired.items())
        ]
        number = self.manifest["generation"] + 1
        name = f"gen-{number:06d}"
        tmp = self.store.path / f"{name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        if live is None or not before:
            db = ox.Store(str(tmp / "oxigraph"))
            db.bulk_extend(iter_ox_quads(parts.quads()))
        else:
            ox.Store.read_only(str(live / "oxigraph")).backup(str(tmp / "oxigraph"))
            db = ox.Store(str(tmp / "oxigraph"))
            _apply(db, parts, before)
        db.flush()
        del db
        manifest = {
            "generation": number,
            "documents": self.docs,
            "runs": [asdict(r) for r in self.runs],
            "aliases": [asdict(a) for a in self.aliases],
            "retired": retired,
            "entities": parts.entities,
            "denotes": parts.denotes,
            "signatures": parts.signatures,
        }
        _write_atomic(tmp / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
        os.replace(tmp, self.store.path / name)
        _fsync_dir(self.store.path)
        _write_atomic(self.store.path / "CURRENT", name + "\n")
        _fsync_dir(self.store.path)
        return parts

    def _retired(self, now: dict[str, str]) -> dict[str, str]:
        """Entity IRIs of the previous generation that are no longer entities but whose
        document entities now belong to another one: the old IRI stays resolvable through
        owl:sameAs, so links users saved keep working."""
        live = set(now.values())
        before: dict[str, str] = self.manifest.get("denotes", {})
        retired: dict[str, str] = {}
        for old, new in {**self.manifest.get("retired", {})}.items():
            retired[old] = new
        for local, old in before.items():
            if old not in live and local in now:
                retired[old] = now[local]
        # follow chains; drop links whose old IRI is an entity again or whose target is gone
        out = {}
        for old, new in retired.items():
            seen = set()
            while new in retired and new not in live and new not in seen:
                seen.add(new)
                new = retired[new]
            if old not in live and new in live:
                out[old] = new
        return out


def _apply(db: ox.Store, parts: GraphParts, before: dict[str, str]) -> None:
    """Bring a copy of the previous generation to the graph ``parts`` describes."""
    conv = OxTerms()
    for h, sig in before.items():
        if parts.signatures.get(h) != sig:
            db.remove_graph(conv(document_iri(h)))
    eg = conv(ENTITY_GRAPH)
    old = set(db.quads_for_pattern(None, None, None, eg))
    new = set(to_ox_quads(parts.entity_quads, conv))
    for q in old - new:
        db.remove(q)
    db.bulk_extend(new - old)
    db.bulk_extend(iter_ox_quads((q for h in sorted(parts.doc_quads) for q in parts.doc_quads[h]), conv))
