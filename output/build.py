"""The build: read articles, extract, resolve, write graph.ttl, graph.trig, graph.html, report.json."""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rdflib import RDF, Dataset

from newsgraph.extract.errors import NewsgraphError
from newsgraph.graph.build import PREDICATES, RunInfo, build_dataset
from newsgraph.graph.records import DocRecord
from newsgraph.ontology import NG

from .files import write_text_atomic
from .html import write_html
from .turtle import write_trig, write_turtle


def tool_version() -> str:
    try:
        return version("newsgraph")
    except PackageNotFoundError:  # running from a checkout that is not installed
        return "0+unknown"


@dataclass
class Report:
    """What a run did, for the summary line and report.json."""

    documents_read: int = 0
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

    def as_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, ensure_ascii=False)


def summarise(ds: Dataset, report: Report) -> None:
    g = ds
    report.entities = {cls: len(set(g.subjects(RDF.type, NG[cls]))) for cls in ("Person", "Organization", "Place", "Event")}
    report.facts = {name: len(set(g.subject_objects(p))) for name, p in PREDICATES.items()}
    quotes = set(g.subjects(RDF.type, NG.Quote))
    report.quotes = len(quotes)
    report.attributed_quotes = len({q for q in g.objects(None, NG.said)} & quotes)
    report.claims = len(set(g.subjects(RDF.type, NG.Claim)))
    report.triples = len(ds)


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def write_outputs(ds: Dataset, out: Path, report: Report, *, validate: bool = True, max_nodes: int = 300) -> None:
    """Write the four files into ``out``, each through a temporary file."""
    out.mkdir(parents=True, exist_ok=True)
    if validate:
        from newsgraph.graph.validate import validate as shacl
        from .turtle import union_graph

        report.valid, text = shacl(union_graph(ds))
        report.validation = "" if report.valid else text
    report.outputs = {
        "turtle": str(write_turtle(ds, out / "graph.ttl")),
        "trig": str(write_trig(ds, out / "graph.trig")),
        "html": str(write_html(ds, out / "graph.html", max_nodes=max_nodes)),
        "report": str(out / "report.json"),
    }
    write_text_atomic(out / "report.json", report.as_json())


def build(paths: Sequence[str | Path], out: str | Path, *, model: str | None = None,
          validate: bool = True, workers: int = 1, batch_size: int = 16, aliases: str | Path | None = None,
          progress: Callable[[Iterable], Iterable] | None = None,
          on_problem: Callable[[str], None] | None = None) -> Report:
    """Build the graph of the articles under ``paths`` into the directory ``out``.

    Args:
        paths: files and folders (.txt, .md, .html, .jsonl).
        out: output directory; created if missing.
        model: spaCy pipeline name (default: the NEWSGRAPH_MODEL setting, else en_core_web_sm).
        validate: check the graph against the SHACL shapes.
        workers: processes for spaCy (``nlp.pipe(n_process=...)``).
        progress: wraps the stream of articles (a progress bar).
        on_problem: called with each skipped input and warning as it happens.
        aliases: a user alias file (.csv or .json), see ``newsgraph.graph.aliases``.

    Raises:
        NewsgraphError: the model cannot be loaded, or nothing could be read.
    """
    from newsgraph.extract.nlp import load, model_info
    from newsgraph.extract.pipeline import extract_articles
    from newsgraph.extract.reader import Skipped, Warning_, read_articles
    from newsgraph.extract.records import Article
    from newsgraph.graph.records import from_extraction

    from newsgraph.graph.aliases import load_aliases

    started_clock, started = time.perf_counter(), now()
    report = Report()
    entries = load_aliases(aliases) if aliases else []
    nlp = load(model)
    name, model_version = model_info(nlp)

    def articles() -> Iterable[Article]:
        for item in read_articles(paths):
            if isinstance(item, Skipped):
                report.skipped.append({"path": item.path, "reason": item.reason})
                if on_problem:
                    on_problem(f"skipped {item}")
            elif isinstance(item, Warning_):
                report.warnings.append(str(item))
                if on_problem:
                    on_problem(f"warning: {item}")
            else:
                report.documents_read += 1
                yield item

    stream: Iterable[Article] = articles()
    if progress is not None:
        stream = progress(stream)
    records: list[DocRecord] = [from_extraction(x) for x in
                                extract_articles(nlp, stream, batch_size=batch_size, n_process=workers)]
    if not records:
        raise NewsgraphError("no article could be read from " + ", ".join(map(str, paths))
                             + (f" ({len(report.skipped)} skipped)" if report.skipped else ""))
    run = RunInfo(tool_version(), f"{name} {model_version}", started, now())
    ds = build_dataset(records, [run], entries)
    summarise(ds, report)
    report.seconds = round(time.perf_counter() - started_clock, 2)
    write_outputs(ds, Path(out), report, validate=validate)
    return report


def merge(graph_files: Sequence[str | Path], out: str | Path, *, validate: bool = True,
          aliases: str | Path | None = None) -> Report:
    """Merge graphs written by separate runs: their documents, rebuilt as one graph.

    The result is the graph one run over all their documents would have written (runs'
    provenance is kept); merging is idempotent and does not depend on the order.
    """
    from newsgraph.graph.aliases import load_aliases
    from newsgraph.graph.load import read_dataset, records_from_dataset

    started = time.perf_counter()
    entries = load_aliases(aliases) if aliases else []
    records: list[DocRecord] = []
    runs: list[RunInfo] = []
    for path in graph_files:
        recs, rs = records_from_dataset(read_dataset(path))
        records += recs
        runs += rs
    ds = build_dataset(records, sorted(set(runs), key=lambda r: (r.started, r.model)), entries)
    report = Report(documents_read=len({r.meta.content_hash for r in records}))
    summarise(ds, report)
    report.seconds = round(time.perf_counter() - started, 2)
    write_outputs(ds, Path(out), report, validate=validate)
    return report
