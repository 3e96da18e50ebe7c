"""The build: read articles, extract, resolve, write graph.ttl, graph.trig, graph.html, report.json."""

from __future__ import annotations

import gc
import itertools
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeAlias

from rdflib import RDF, Dataset

from newsgraph.extract.errors import NewsgraphError
from newsgraph.extract.input.reader import Skipped
from newsgraph.extract.limits import ARTICLE_SECONDS
from newsgraph.extract.records import Article, DocumentExtraction
from newsgraph.graph.build import PREDICATES, build_parts
from newsgraph.graph.confident import confident, confident_dataset
from newsgraph.graph.quadview import QuadView
from newsgraph.graph.records import DocRecord, RunInfo
from newsgraph.graph.source import open_dataset
from newsgraph.graph.store import GraphStore, StoreWriter, speech_counts_of
from newsgraph.ontology import NG

from .files import OutputFolder, write_text_atomic
from .html import VIEW_TEXT_CHARS, write_html
from .turtle import write_trig, write_turtle

# What a build reads: files and folders, or articles read already (standard input, the API),
# with the inputs that could not be read among them.
Source: TypeAlias = str | Path | Article | Skipped
# Told when a stage of a build ends: its name (parse, resolve, write), what it did, its seconds.
OnStage: TypeAlias = Callable[[str, str, float], None]


def _stage(on_stage: OnStage | None, name: str, done: str, since: float) -> float:
    """Tell ``on_stage`` that a stage ended; the time, for the next stage's start."""
    now_ = time.perf_counter()
    if on_stage is not None:
        on_stage(name, done, now_ - since)
    return now_


@contextmanager
def _stages_kept(on_stage: OnStage | None) -> Iterator[OnStage | None]:
    """``on_stage``, also telling the garbage collector that what was alive when the build
    started, what the build holds as each stage ends (records, then quads), and what a full
    collection during the build finds alive, lives until the build ends (``gc.freeze``); undone
    when it ends. The collector keeps running: it scans only what is new since.

    A full collection scans every object alive, and the records and quads of a large build are
    millions of them: resolving and writing 2,147 BBC articles from their records in memory took
    13.6-13.8 s without the freezing at stage ends, 12.0-12.6 s with it (two runs each). Freezing
    at the start and after each full collection too: the full collections of a build of 400 BBC
    articles took 0.40 s, now 0.16 s (measured with ``gc.callbacks``; they found nothing to free).
    A caller that froze objects of its own is left as it was (nothing is frozen).
    """
    if gc.get_freeze_count():
        yield on_stage
        return

    def told(name: str, done: str, seconds: float) -> None:
        gc.freeze()
        if on_stage is not None:
            on_stage(name, done, seconds)

    def survived(phase: str, info: dict[str, int]) -> None:
        # what a full collection found alive mostly lives until the build ends too (the quads,
        # the terms): the next full collection need not scan it again
        if phase == "stop" and info["generation"] == 2:
            gc.freeze()

    gc.freeze()  # what was alive before the build (the pipeline above all) outlives it too
    gc.callbacks.append(survived)
    try:
        yield told
    finally:
        gc.callbacks.remove(survived)
        gc.unfreeze()


def count_articles(sources: Sequence[Source]) -> int:
    """How many articles ``sources`` hold, for a progress bar's total: one a file, one a
    non-empty line of a .jsonl file (read to count; a file too large to read counts one)."""
    from newsgraph.extract.input.reader import MAX_FILE_BYTES, expand_paths

    given = sum(isinstance(s, Article) for s in sources)
    paths = [s for s in sources if isinstance(s, str | Path)]
    total = given
    for path in expand_paths(paths):
        if isinstance(path, Skipped):
            continue
        if path.suffix.lower() == ".jsonl" and path.stat().st_size <= MAX_FILE_BYTES:
            with path.open("rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def tool_version() -> str:
    try:
        return version("newsgraph")
    except PackageNotFoundError:  # running from a checkout that is not installed
        return "0+unknown"


@dataclass
class Report:
    """What a run did, for the summary line and report.json."""

    documents_read: int = 0
    skipped_count: int = 0  # every input skipped (``skipped`` lists the first ones of each file)
    skipped: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: dict[str, int] = field(default_factory=dict)
    facts: dict[str, int] = field(default_factory=dict)
    quotes: int = 0
    attributed_quotes: int = 0
    claims: int = 0
    triples: int = 0
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)
    valid: bool | None = None
    validation: str = ""
    store: dict = field(default_factory=dict)

    def as_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, ensure_ascii=False)


def summarise(ds: Dataset | QuadView, report: Report) -> None:
    g = ds
    report.entities = {
        cls: len(set(g.subjects(RDF.type, NG[cls]))) for cls in ("Person", "Organization", "Place", "Event")
    }
    report.facts = {name: len(set(g.subject_objects(p))) for name, p in PREDICATES.items()}
    quotes = set(g.subjects(RDF.type, NG.Quote))
    report.quotes = len(quotes)
    report.attributed_quotes = len({q for _, q in g.subject_objects(NG.said)} & quotes)
    report.claims = len(set(g.subjects(RDF.type, NG.Claim)))
    report.triples = len(ds)


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# Above this many triples a build skips the SHACL check unless asked (--validate): pyshacl
# costs about 15 µs a triple, as much as parsing the text did; `newsgraph validate` checks later.
VALIDATE_AUTO_LIMIT = 25_000


def check_shapes(
    graph: Callable[[], Dataset | QuadView], triples: int, report: Report, *, validate: bool | None
) -> None:
    """SHACL-check a graph of ``triples`` triples (made by ``graph`` only when checked) into the report.

    Args:
        validate: True: check; False: do not; None: only up to VALIDATE_AUTO_LIMIT triples.
    """
    if validate is None and triples > VALIDATE_AUTO_LIMIT:
        report.validation = (
            f"not checked: {triples:,} triples (more than {VALIDATE_AUTO_LIMIT:,}); "
            "run newsgraph validate, or build with --validate"
        )
    elif validate is not False:
        from newsgraph.graph.validate import validate as shacl

        from .turtle import union_graph

        report.valid, text = shacl(union_graph(graph()))
        report.validation = "" if report.valid else text


def check_output_place(
    out: str | Path, *, inputs: Sequence[str | Path] = (), stores: Sequence[str | Path] = ()
) -> None:
    """Refuse an output folder that is, holds or lies inside a store or an input: writing there
    would mix the outputs with what they were made from (and a later build would read them).

    Raises:
        NewsgraphError: naming the folder and what it collides with.
    """
    from newsgraph.graph.store import is_store

    where = Path(os.path.abspath(out))
    for p in (where, *where.parents):
        if is_store(p):
            what = "is a store" if p == where else f"lies inside the store {p}"
            raise NewsgraphError(f"{out}: the output folder {what}; write the outputs somewhere else")
    try:
        held = next((c for c in where.iterdir() if c.is_dir() and is_store(c)), None) if where.is_dir() else None
    except OSError:
        held = None
    if held is not None:
        raise NewsgraphError(f"{out}: the output folder holds the store {held}; write the outputs somewhere else")
    for kind, items in (("input", inputs), ("store", stores)):
        for item in items:
            other = Path(os.path.abspath(item))
            if other == where or other in where.parents:
                relation = "is" if other == where else "lies inside"
                raise NewsgraphError(f"{out}: the output folder {relation} the {kind} {item}; choose another --out")
            if where in other.parents:
                raise NewsgraphError(f"{out}: the output folder holds the {kind} {item}; choose another --out")


def output_folder(out: str | Path) -> OutputFolder:
    """The staging folder for ``out``'s files, made before any slow work.

    Raises:
        NewsgraphError: ``out`` is a file, or its parent cannot be written.
    """
    try:
        return OutputFolder(out)
    except OSError as err:
        raise NewsgraphError(f"{out}: cannot write the output folder here ({err.strerror or err})") from err


def write_outputs(
    ds: Dataset | QuadView,
    out: Path,
    report: Report,
    *,
    validate: bool | None = None,
    max_nodes: int = 300,
    folder: OutputFolder | None = None,
    texts: ArticleTexts | None = None,
) -> None:
    """Write the four files into ``out``, all or none: into a staging folder, switched into
    place as a set when every file is written; nothing else in ``out`` is touched.

    Args:
        validate: check SHACL; None: only graphs of up to VALIDATE_AUTO_LIMIT triples.
        folder: the new folder, if the caller made it already (see :func:`output_folder`).
        texts: the articles' texts by content hash, for the view (else it reads them again
            from the documents' paths where it can).

    Raises:
        NewsgraphError: a file could not be written (disk full, ...); ``out`` is unchanged.
    """
    folder = folder or output_folder(out)
    existed = out.exists()
    try:
        check_shapes(lambda: ds, len(ds), report, validate=validate)
        new = folder.path
        write_turtle(ds, new / "graph.ttl")
        write_trig(ds, new / "graph.trig")
        write_html(ds, new / "graph.html", max_nodes=max_nodes, texts=None if texts is None else texts.texts)
        report.outputs = {kind: str(out / f"graph.{ext}") for kind, ext in (("turtle", "ttl"), ("trig", "trig"))}
        report.outputs |= {"html": str(out / "graph.html"), "report": str(out / "report.json")}
        write_text_atomic(new / "report.json", report.as_json())
        folder.commit()
    except OSError as err:
        folder.discard()
        kept = "the folder is unchanged" if existed else "nothing was written"
        raise NewsgraphError(f"{out}: could not write the graph ({err.strerror or err}); {kept}") from err
    except BaseException:  # interrupted (Ctrl-C, SIGTERM): nothing is left behind
        folder.discard()
        raise


# Problems listed one by one per input file; past this, they are counted (a malformed .jsonl of a
# million lines gives a million problems, not a million lines on the terminal).
LISTED_PER_FILE = 20


def _articles(
    sources: Sequence[Source],
    report: Report,
    on_problem: Callable[[str], None] | None,
    *,
    max_file_bytes: int | None = None,
) -> Iterator[Article]:
    """The articles of ``sources`` (files, folders, or articles made already); skipped inputs and
    warnings go to the report as they come, the first LISTED_PER_FILE of each file one by one."""
    from newsgraph.extract.input.reader import MAX_FILE_BYTES, Skipped, read_articles

    paths = [s for s in sources if not isinstance(s, Article | Skipped)]
    given = [s for s in sources if isinstance(s, Article | Skipped)]  # read already (stdin, the API)
    per_file: Counter[str] = Counter()
    limit = max_file_bytes if max_file_bytes is not None else MAX_FILE_BYTES
    for item in itertools.chain(given, read_articles(paths, max_file_bytes=limit)):
        if isinstance(item, Article):
            report.documents_read += 1
            yield item
            continue
        file = item.path.split("#")[0].rsplit(":", 1)[0] if isinstance(item, Skipped) else item.path
        per_file[file] += 1
        if isinstance(item, Skipped):
            report.skipped_count += 1
        if per_file[file] > LISTED_PER_FILE:
            continue
        if isinstance(item, Skipped):
            report.skipped.append({"path": item.path, "reason": item.reason})
            line = f"skipped {item}"
        else:
            report.warnings.append(str(item))
            line = f"warning: {item}"
        if on_problem:
            on_problem(line)
    for file, n in sorted(per_file.items()):
        if n > LISTED_PER_FILE:
            more = f"{n - LISTED_PER_FILE:,} more problems in {file} (the first {LISTED_PER_FILE} are listed)"
            report.warnings.append(more)
            if on_problem:
                on_problem(f"warning: {more}")


def _nothing_read(sources: Sequence[Source], report: Report) -> NewsgraphError:
    named = ", ".join(
        s.name if isinstance(s, Article) else s.path if isinstance(s, Skipped) else str(s) for s in sources
    )
    return NewsgraphError(
        f"no article could be read from {named}"
        + (f" ({report.skipped_count} skipped)" if report.skipped_count else "")
    )


def _parse_options(
    batch_size: int, workers: int, model: str | None, article_seconds: float, scheduler: str | None
) -> dict[str, Any]:
    """``extract_articles``'s options, as build and build --into pass them."""
    return {
        "batch_size": batch_size,
        "n_process": workers,
        "model": model,
        "article_seconds": article_seconds,
        "scheduler": scheduler,
    }


def _extract(
    nlp: Any, stream: Iterable[Article], report: Report, on_problem: Callable[[str], None] | None, **options: Any
) -> Iterator[DocumentExtraction]:
    """``extract_articles`` with ``options``; an article read but not built (past its time
    limit) goes to the report and gets a line."""
    from newsgraph.extract.pipeline import extract_articles

    def skip(item: Skipped) -> None:
        report.skipped_count += 1
        report.skipped.append({"path": item.path, "reason": item.reason})
        if on_problem:
            on_problem(f"skipped {item}")

    return extract_articles(nlp, stream, on_skip=skip, **options)


@dataclass
class ArticleTexts:
    """The texts of the articles built, by content hash, for the view, up to ``budget``
    characters in all; ``left_out`` counts those past it."""

    budget: int = VIEW_TEXT_CHARS  # what the view embeds
    texts: dict[str, str] = field(default_factory=dict)
    chars: int = 0
    left_out: int = 0

    def keep(self, x: DocumentExtraction) -> DocumentExtraction:
        if self.chars + len(x.article.text) <= self.budget:
            self.texts[x.article.content_hash] = x.article.text
            self.chars += len(x.article.text)
        else:
            self.left_out += 1
        return x


def build_graph(
    sources: Sequence[Source],
    *,
    model: str | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 16,
    aliases: str | Path | None = None,
    max_file_bytes: int | None = None,
    article_seconds: float = ARTICLE_SECONDS,
    progress: Callable[[Iterable], Iterable] | None = None,
    on_problem: Callable[[str], None] | None = None,
    min_confidence: float = 0.0,
    on_stage: OnStage | None = None,
    texts: ArticleTexts | None = None,
) -> tuple[QuadView, Report]:
    """Read, extract and resolve: the graph of ``sources`` (nothing is written).

    Args: as :func:`build`; ``sources`` may also hold :class:`Article` records. ``texts``, if
        given, gets the text of each article built, by content hash, up to VIEW_TEXT_CHARS in
        all (for the view's way back to the words).

    Raises:
        NewsgraphError: the model or the alias file cannot be loaded, or nothing could be read.
    """
    from newsgraph.extract.nlp import load, model_info
    from newsgraph.graph.aliases import load_aliases
    from newsgraph.graph.records import from_extraction

    started_clock, started = time.perf_counter(), now()
    report = Report()
    entries = load_aliases(aliases) if aliases else []
    nlp = load(model)
    name, model_version = model_info(nlp)
    stream: Iterable[Article] = _articles(sources, report, on_problem, max_file_bytes=max_file_bytes)
    timed = _parse_options(batch_size, workers, model, article_seconds, scheduler)
    since = time.perf_counter()
    # the bar counts articles done, not articles handed to the parser (it takes a batch at once)
    done: Iterable[DocumentExtraction] = _extract(nlp, stream, report, on_problem, **timed)
    if progress is not None:
        done = progress(done)
    records: list[DocRecord] = [from_extraction(x if texts is None else texts.keep(x)) for x in done]
    if not records:
        raise _nothing_read(sources, report)
    since = _stage(on_stage, "parse", f"{len(records):,} articles", since)
    run = RunInfo(tool_version(), f"{name} {model_version}", started, now())
    ds = QuadView(confident(build_parts(records, [run], entries).quads(), min_confidence), distinct=True)
    summarise(ds, report)
    _stage(on_stage, "resolve", f"{sum(report.entities.values()):,} entities", since)
    report.seconds = round(time.perf_counter() - started_clock, 2)
    return ds, report


def build(
    paths: Sequence[Source],
    out: str | Path,
    *,
    model: str | None = None,
    validate: bool | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 16,
    aliases: str | Path | None = None,
    max_file_bytes: int | None = None,
    article_seconds: float = ARTICLE_SECONDS,
    progress: Callable[[Iterable], Iterable] | None = None,
    on_problem: Callable[[str], None] | None = None,
    min_confidence: float = 0.0,
    on_stage: OnStage | None = None,
) -> Report:
    """Build the graph of the articles under ``paths`` into the directory ``out``.

    Args:
        paths: files and folders (.txt, .md, .html, .jsonl).
        out: output directory; created if missing.
        model: spaCy pipeline name (default: the NEWSGRAPH_MODEL setting, else en_core_web_sm).
        validate: check the graph against the SHACL shapes (None: see VALIDATE_AUTO_LIMIT).
        workers: processes that parse and extract.
        scheduler: parse and extract on a Dask cluster instead: a scheduler's address
            (``tcp://host:8786``) or ``local:N`` (N local worker processes, on 127.0.0.1).
        progress: wraps the stream of articles extracted (a progress bar).
        on_problem: called with each skipped input and warning as it happens.
        aliases: a user alias file (.csv or .json), see ``newsgraph.graph.aliases``.
        max_file_bytes: larger files are skipped unread (default: reader.MAX_FILE_BYTES).
        article_seconds: the time one article may take to parse and extract; past it, it is
            skipped with a line saying so (0: no limit).
        min_confidence: leave out relation facts below this confidence (``graph.confident``).
        on_stage: told as each stage ends (parse, resolve, write), with what it did.

    Raises:
        NewsgraphError: the model cannot be loaded, the output folder cannot be written, or
            nothing could be read.
    """
    check_output_place(out, inputs=[p for p in paths if isinstance(p, str | Path)])
    texts = ArticleTexts()
    folder = output_folder(out)  # interrupted from here on, it is removed (see OutputFolder)
    with _stages_kept(on_stage) as told:
        try:
            ds, report = build_graph(
                paths,
                model=model,
                workers=workers,
                scheduler=scheduler,
                batch_size=batch_size,
                aliases=aliases,
                max_file_bytes=max_file_bytes,
                article_seconds=article_seconds,
                progress=progress,
                on_problem=on_problem,
                min_confidence=min_confidence,
                on_stage=told,
                texts=texts,
            )
        except BaseException:
            folder.discard()
            raise
        since = time.perf_counter()
        write_outputs(ds, Path(out), report, validate=validate, folder=folder, texts=texts)
        _stage(on_stage, "write", f"{len(report.outputs)} files", since)
    return report


def merge(
    graph_files: Sequence[str | Path],
    out: str | Path,
    *,
    validate: bool | None = None,
    aliases: str | Path | None = None,
    prefer_newer: bool = False,
) -> Report:
    """Merge graphs written by separate runs: their documents, rebuilt as one graph.

    The result is the graph one run over all their documents would have written (runs'
    provenance is kept); merging is idempotent and does not depend on the order.

    Args:
        prefer_newer: where two graphs disagree about one document (same text, other quotes,
            entities or facts: an edited graph, or another model), keep the version of the
            graph whose latest run is newer instead of refusing.

    Raises:
        NewsgraphError: two graphs disagree about a document (without ``prefer_newer``), or
            ``out`` is, holds or lies inside an input or a store.
    """
    from newsgraph.graph.aliases import load_aliases
    from newsgraph.graph.codec import from_graph

    check_output_place(out, inputs=graph_files)
    started = time.perf_counter()
    entries = load_aliases(aliases) if aliases else []
    versions: dict[str, list[tuple[str, str, DocRecord]]] = {}  # hash -> (newest run, file, record)
    runs: list[RunInfo] = []
    for path in graph_files:
        recs, rs = from_graph(open_dataset(path))
        runs += rs
        newest = max((r.started for r in rs), default="")
        for rec in recs:
            versions.setdefault(rec.meta.content_hash, []).append((newest, str(path), rec))
    records = [_one_version(found, prefer_newer=prefer_newer) for _, found in sorted(versions.items())]
    ds = QuadView(
        build_parts(records, sorted(set(runs), key=lambda r: (r.started, r.model)), entries).quads(), distinct=True
    )
    report = Report(documents_read=len({r.meta.content_hash for r in records}))
    summarise(ds, report)
    report.seconds = round(time.perf_counter() - started, 2)
    write_outputs(ds, Path(out), report, validate=validate)
    return report


def _content(record: DocRecord) -> str:
    """What a document record says, apart from the file it was read from."""
    from newsgraph.graph.codec import to_json

    return to_json(replace(record, meta=replace(record.meta, name="", path="")))


def _one_version(found: list[tuple[str, str, DocRecord]], *, prefer_newer: bool) -> DocRecord:
    """The one record of a document several graphs hold: they must agree on what it says (the
    same text read under two file names is one document, named as the first name sorts)."""
    contents = {_content(rec) for _, _, rec in found}
    if len(contents) > 1:
        first, other = sorted(found, key=lambda f: f[1])[:2]
        if not prefer_newer:
            raise NewsgraphError(
                f"{first[1]} and {other[1]} disagree about the document {first[2].meta.name!r} "
                f"(content hash {first[2].meta.content_hash[:12]}): same text, other quotes, entities or facts; "
                "merge refuses (rebuild it, or pass --prefer-newer to keep the version of the newer run)"
            )
        newest = max(f[0] for f in found)
        found = [f for f in found if f[0] == newest]
        if len({_content(rec) for _, _, rec in found}) > 1:
            raise NewsgraphError(
                f"graphs of runs equally new disagree about the document {found[0][2].meta.name!r}; "
                "merge cannot tell which to keep"
            )
    return min((rec for _, _, rec in found), key=lambda r: (r.meta.path, r.meta.name))


def build_into(
    paths: Sequence[Source],
    store: str | Path,
    *,
    model: str | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 16,
    aliases: str | Path | None = None,
    validate: bool | None = None,
    max_file_bytes: int | None = None,
    article_seconds: float = ARTICLE_SECONDS,
    progress: Callable[[Iterable], Iterable] | None = None,
    on_problem: Callable[[str], None] | None = None,
    on_stage: OnStage | None = None,
) -> Report:
    """Add the articles under ``paths`` to a persistent store (created if missing).

    A document already in the store (same text) is skipped; a changed version of a file
    already stored replaces the old one; entities are resolved again over the whole store.
    ``validate`` checks the new store against the shapes, as for :func:`build`.

    Raises:
        StoreBusy: another process is writing to the store.
    """
    from newsgraph.extract.nlp import load, model_info
    from newsgraph.graph.aliases import load_aliases
    from newsgraph.graph.store import GraphStore

    started_clock, started = time.perf_counter(), now()
    report = Report()
    entries = load_aliases(aliases) if aliases else None
    gs = GraphStore(store)
    created = not Path(store).exists()
    try:
        with gs.writer() as w:
            fresh = []
            unchanged = 0
            for article in _articles(paths, report, on_problem, max_file_bytes=max_file_bytes):
                if w.has(article.content_hash):
                    unchanged += 1
                    continue
                fresh.append(article)
            if report.documents_read == 0:
                raise _nothing_read(paths, report)
            nlp = load(model) if fresh else None
            added = replaced = 0
            since = time.perf_counter()
            if nlp is not None:
                timed = _parse_options(batch_size, workers, model, article_seconds, scheduler)
                done: Iterable[DocumentExtraction] = _extract(nlp, fresh, report, on_problem, **timed)
                added, replaced = _add_records(w, done if progress is None else progress(done))
            since = _stage(on_stage, "parse", f"{len(fresh):,} articles ({unchanged:,} stored already)", since)
            if added or entries is not None or not gs.current():
                name, model_version = model_info(nlp) if nlp is not None else ("-", "-")
                w.commit(RunInfo(tool_version(), f"{name} {model_version}", started, now()), entries)
                how = "what the batch touches" if w.resolved == "the batch" else "every document together"
                since = _stage(on_stage, "resolve", f"{len(w.docs):,} documents stored, {how} resolved", since)
            report.store = {
                "path": str(store),
                "added": added - replaced,
                "replaced": replaced,
                "unchanged": unchanged,
                "documents": len(w.docs),
            }
    except OSError as err:
        _drop_if_new(gs, created)
        raise NewsgraphError(
            f"{store}: could not write the store ({err.strerror or err}); it is as it was before this build"
        ) from err
    except BaseException:
        _drop_if_new(gs, created)
        raise
    _stage(on_stage, "write", f"the store {store}", since)
    summarise_store(gs, report)
    check_shapes(lambda: open_dataset(store), report.triples, report, validate=validate)
    report.seconds = round(time.perf_counter() - started_clock, 2)
    return report


def _add_records(w: StoreWriter, extractions: Iterable[DocumentExtraction]) -> tuple[int, int]:
    """Add each extraction to the store writer; (documents added, of which replaced a version)."""
    from newsgraph.graph.records import from_extraction
    from newsgraph.graph.store import identity

    added = replaced = 0
    for x in extractions:
        ident = identity(x.article.file or x.article.path, x.article.key)
        replaced += w.hash_of_identity(ident) is not None
        w.add(from_extraction(x), ident)
        added += 1
    return added, replaced


def _drop_if_new(gs: GraphStore, created: bool) -> None:
    """Remove a store folder this build made, if its first commit never happened."""
    import shutil

    if created and gs.current() is None:
        shutil.rmtree(gs.path, ignore_errors=True)


def summarise_store(gs: GraphStore, report: Report) -> None:
    """Counts of a store's live generation, through SPARQL (no full load)."""
    db = gs.open_read()

    def count(q: str) -> int:
        return int(next(iter(db.query(q, use_default_graph_as_union=True)))["n"].value)

    ng = "https://w3id.org/newsgraph/ontology#"
    report.entities = {
        c: count(f"SELECT (COUNT(DISTINCT ?s) AS ?n) {{ ?s a <{ng}{c}> }}")
        for c in ("Person", "Organization", "Place", "Event")
    }
    report.facts = {
        p: count(f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?s ?o {{ ?s <{ng}{p}> ?o }} }}") for p in PREDICATES
    }
    # kept by the store (counting 277,000 quotes of 60,000 documents costs 0.2 s a query)
    kept = gs.manifest().get("counts") or speech_counts_of(db)
    report.quotes, report.attributed_quotes, report.claims = (
        kept.get(k, 0) for k in ("quotes", "attributed_quotes", "claims")
    )
    report.triples = gs.quads()


def remove_documents(store: str | Path, refs: Sequence[str]) -> Report:
    """Retract documents (by content hash or 8+ character prefix, path, or file name).

    Raises:
        NewsgraphError: a reference names no document, or more than one.
    """
    from newsgraph.graph.store import GraphStore

    started = time.perf_counter()
    gs = GraphStore(store)
    if gs.current() is None:
        raise NewsgraphError(f"{store}: not a newsgraph store")
    report = Report()
    with gs.writer() as w:
        gone = []
        for ref in refs:
            hits = w.find(ref)
            if not hits:
                raise NewsgraphError(
                    f"{store}: no document {ref!r} in the store (give a file name, path or content hash)"
                )
            if len(w.files_of(hits)) > 1:
                raise NewsgraphError(
                    f"{store}: {ref!r} names documents of {len(w.files_of(hits))} files; "
                    "give the path or the content hash"
                )
            gone.extend(hits)
        for h in dict.fromkeys(gone):
            w.remove(h)
        w.commit(None)
        report.store = {"path": str(store), "removed": len(set(gone)), "documents": len(w.docs)}
    summarise_store(gs, report)
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def export(
    store: str | Path,
    out: str | Path,
    *,
    validate: bool | None = None,
    max_nodes: int = 300,
    min_confidence: float = 0.0,
) -> Report:
    """Write a store's graph.ttl, graph.trig, graph.html and report.json into ``out`` (without
    the relation facts below ``min_confidence``; the store keeps them).

    Raises:
        NewsgraphError: ``out`` is, holds or lies inside the store (or another store).
    """
    check_output_place(out, stores=[store])
    started = time.perf_counter()
    ds = confident_dataset(open_dataset(store), min_confidence)
    report = Report()
    summarise(ds, report)
    report.documents_read = len(set(ds.subjects(RDF.type, NG.Document)))
    report.seconds = round(time.perf_counter() - started, 2)
    write_outputs(ds, Path(out), report, validate=validate, max_nodes=max_nodes)
    return report
