"""A persistent graph store that grows batch by batch (pyoxigraph on disk).

Layout of a store directory::

    STORE/CURRENT            name of the live generation ("gen-000007"), replaced atomically
    STORE/gen-000007/        one immutable generation: oxigraph/ (RocksDB) and manifest.json
    STORE/records/<hash>.json  what each document contributes (graph.records.DocRecord)
    STORE/resolution.sqlite  the entity resolution of the live generation (graph.resolution),
                             which only the writer reads
    STORE/lock               held (flock) by the one writer

A write never touches the live generation: it builds the next one beside it, then points
CURRENT at it. A writer killed at any moment leaves CURRENT on the old, complete generation,
and readers (query, serve, export) never see a half-written store. Adding documents resolves
only the entities they touch (``store_update``); other writes resolve every document again.
Either way adding a batch gives the graph that building everything at once gives.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from newsgraph.extract.errors import GraphError
from newsgraph.ontology import NG

from .aliases import AliasEntry
from .build import GraphParts, build_parts
from .codec import from_json, speech_counts, to_json
from .iris import ENTITY_GRAPH, document_entity_iri, document_iri
from .oxterms import OxTerms, iter_ox_quads, to_ox_quads
from .records import DocRecord, RunInfo
from .resolution import Rebuild, ResolutionState
from .store_update import Update, incremental, keep_parts, retire, same_as

MANIFEST = "manifest.json"
STATE = "resolution.sqlite"  # the resolution kept between commits (graph.resolution)


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

    def quads(self) -> int:
        """How many quads the live generation holds (kept in its manifest; counted for a store
        written before the manifest kept it)."""
        kept = self.manifest().get("quads")
        return kept if kept is not None else len(self.open_read())

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
        self.docs: dict[str, str] = {
            h: identity(*_file_and_key(i)) if ".jsonl#" in i else i for h, i in self.manifest["documents"].items()
        }
        self.runs = [RunInfo(**r) for r in self.manifest["runs"]]
        self.aliases = [AliasEntry(**{**a, "aliases": tuple(a["aliases"])}) for a in self.manifest["aliases"]]
        self.retired: dict[str, str] = self.manifest.get("retired", {})
        self.added: dict[str, DocRecord] = {}  # new documents of this batch
        self.dropped: set[str] = set()  # documents removed or replaced
        self.resolved = ""  # what the last commit resolved: "the batch" or "every document"
        self.quads = 0  # how many quads the next generation holds
        # its quotes, attributed quotes and claims (graph.codec.speech_counts)
        self.counts: Counter | None = Counter(self.manifest["counts"]) if "counts" in self.manifest else None

    def has(self, content_hash: str) -> bool:
        return content_hash in self.docs

    def hash_of_identity(self, identity: str) -> str | None:
        return next((h for h, i in self.docs.items() if i == identity), None)

    def add(self, record: DocRecord, identity: str) -> None:
        """Add a document; a different version of the same file is replaced."""
        old = self.hash_of_identity(identity)
        if old and old != record.meta.content_hash:
            self.remove(old)
        _write_atomic(self.store.path / "records" / f"{record.meta.content_hash}.json", to_json(record))
        self.docs[record.meta.content_hash] = identity
        self.added[record.meta.content_hash] = record

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
        self.added.pop(content_hash, None)
        self.dropped.add(content_hash)

    def commit(self, run: RunInfo | None, aliases: Sequence[AliasEntry] | None = None) -> None:
        """Resolve the documents' entities and write the next generation.

        Adding documents to a store whose resolution state is current costs what they touch
        (``store_update.incremental``); removing documents, a new alias file, a store written
        by an older version or left by a killed writer resolve every document again. Either
        way the next generation starts as a hard-link copy (oxigraph backup) of the live one,
        and only the named graphs of documents that are new, gone, or whose entities changed
        are rewritten, so the graph is the one building everything at once gives.
        """
        previous = list(self.aliases)
        if aliases is not None:
            self.aliases = list(aliases)
        if run is not None:
            self.runs.append(run)
        live = self.store.current()
        number = self.manifest["generation"] + 1
        state = ResolutionState(self.store.path / STATE)
        try:
            trusted = live is not None and state.current and state.get("generation") == str(self.manifest["generation"])
            update = None
            if trusted and not self.dropped and self.aliases == previous:
                update = self._incremental(state, run)
            tmp = self._next(number, live, state if update is None else None, trusted, update)
            self.resolved = "every document" if update is None else "the batch"
            manifest = {
                "generation": number,
                "documents": self.docs,
                "runs": [asdict(r) for r in self.runs],
                "aliases": [asdict(a) for a in self.aliases],
                "retired": self.retired,
                "quads": self.quads,
                **({"counts": dict(self.counts)} if self.counts is not None else {}),
            }
            _write_atomic(tmp / MANIFEST, json.dumps(manifest, sort_keys=True))
            os.replace(tmp, self.store.path / f"gen-{number:06d}")
            _fsync_dir(self.store.path)
            state.put("generation", str(number))
            state.db.commit()  # a writer killed before CURRENT moves leaves a state to rebuild
            _write_atomic(self.store.path / "CURRENT", f"gen-{number:06d}\n")
            _fsync_dir(self.store.path)
        finally:
            state.close()

    def _incremental(self, state: ResolutionState, run: RunInfo | None) -> Update | None:
        try:
            return incremental(
                state, list(self.added.values()), [run] if run else [], self.aliases, self.retired, self._read
            )
        except Rebuild:
            state.db.rollback()
            return None

    def _read(self, h: str) -> DocRecord:
        return self.added.get(h) or self.store.records([h])[0]

    def _next(
        self, number: int, live: Path | None, state: ResolutionState | None, trusted: bool, update: Update | None
    ) -> Path:
        """The next generation's folder, filled: by ``update``, or (``state`` given) by
        resolving every document again and rebuilding ``state``."""
        tmp = self.store.path / f"gen-{number:06d}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        if update is not None:
            assert live is not None
            ox.Store.read_only(str(live / "oxigraph")).backup(str(tmp / "oxigraph"))
            db = ox.Store(str(tmp / "oxigraph"))
            before = self.manifest.get("quads")
            change = _apply_update(db, update)
            self.quads = before + change if before is not None else len(db)
            if self.counts is None:  # a store written before the manifest kept them
                self.counts = Counter(speech_counts_of(ox.Store.read_only(str(live / "oxigraph"))))
            for r in self.added.values():
                self.counts += speech_counts(r)
            self.retired = update.retired
        else:
            assert state is not None
            db = self._rebuild(tmp, live, state, trusted)
            self.quads = len(db)
        db.flush()
        del db
        return tmp

    def _rebuild(self, tmp: Path, live: Path | None, state: ResolutionState, trusted: bool) -> ox.Store:
        before = state.signatures() if trusted else {}
        denotes = _denotes(state, live, trusted)
        records = self.store.records(list(self.docs))
        self.counts = sum((speech_counts(r) for r in records), Counter())
        parts = build_parts(records, self.runs, self.aliases, known=before)
        moved = [(old, parts.denotes[local]) for local, old in denotes.items() if local in parts.denotes]
        live_iris = set(parts.entities)
        self.retired = retire(self.retired, moved, live_iris.__contains__)
        parts.entity_quads += [(*t, ENTITY_GRAPH) for t in same_as(self.retired)]
        parts.sources.update(same_as(self.retired))
        keep_parts(state, records, self.aliases, parts)
        if live is None or not before:
            db = ox.Store(str(tmp / "oxigraph"))
            db.bulk_extend(iter_ox_quads(parts.quads()))
        else:
            ox.Store.read_only(str(live / "oxigraph")).backup(str(tmp / "oxigraph"))
            db = ox.Store(str(tmp / "oxigraph"))
            _apply(db, parts, before)
        return db


def speech_counts_of(db: ox.Store) -> dict[str, int]:
    """Quotes, attributed quotes and claims of a store, counted in it (``codec.speech_counts``)."""

    def count(q: str) -> int:
        rows = db.query(q, use_default_graph_as_union=True)
        assert isinstance(rows, ox.QuerySolutions)
        return int(next(iter(rows))["n"].value)

    ng = "https://w3id.org/newsgraph/ontology#"
    return {
        "quotes": count(f"SELECT (COUNT(DISTINCT ?q) AS ?n) {{ ?q a <{ng}Quote> }}"),
        "attributed_quotes": count(f"SELECT (COUNT(DISTINCT ?q) AS ?n) {{ ?s <{ng}said> ?q }}"),
        "claims": count(f"SELECT (COUNT(DISTINCT ?c) AS ?n) {{ ?c a <{ng}Claim> }}"),
    }


def _denotes(state: ResolutionState, live: Path | None, trusted: bool) -> dict[str, str]:
    """Each document entity's entity IRI in the live generation (document entity IRI -> IRI)."""
    if trusted:
        return {str(document_entity_iri(d, k)): iri for (d, k), iri in state.denotes().items()}
    if live is None:
        return {}
    db = ox.Store.read_only(str(live / "oxigraph"))
    rows = db.query(f"SELECT ?d ?e {{ GRAPH ?g {{ ?d <{NG.denotes}> ?e }} }}")
    return {row["d"].value: row["e"].value for row in rows}  # type: ignore[union-attr]


def _apply_update(db: ox.Store, up: Update) -> int:
    """Apply ``up``; the change in the number of quads (counting a whole store costs ~0.3 µs a
    quad, 5 s at 17M: the manifest keeps the number instead)."""
    conv = OxTerms()
    change = 0
    for q in to_ox_quads(up.remove, conv):
        if q in db:
            db.remove(q)
            change -= 1
    # none is in the store yet: an entity-graph quad is added when its count leaves zero, a
    # named graph's when it is new or its node's quads changed (codec.linked_quads)
    new = list(iter_ox_quads(chain(up.add, (q for h in sorted(up.graphs) for q in up.graphs[h])), conv))
    db.bulk_extend(new)
    return change + len(new)


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
