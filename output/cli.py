"""The newsgraph command line (thin: parse, call one library function, report)."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsgraph.extract.errors import NewsgraphError, printable

if TYPE_CHECKING:  # the CLI imports what a command needs only when it runs
    from .build import Report

app = typer.Typer(
    help="Turn news articles into a knowledge graph: quotes, positions, leaders, members.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True)
out = Console()


def shown(message: str, *, newlines: bool = False) -> Text:
    """A message as rich shows it: data in it (names, ids, values, file names) is never read
    as markup, and control characters are written as escapes."""
    return Text(printable(message, newlines=newlines))


def say(console: Console, message: str, *, newlines: bool = False) -> None:
    console.print(shown(message, newlines=newlines), highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 1) -> None:
    err.print(Text("error: ", style="bold red") + shown(message), highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _show_version(value: bool) -> None:
    if value:
        from .build import tool_version

        say(out, f"newsgraph {tool_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print newsgraph's version and exit"),
    ] = False,
) -> None:
    """Turn news articles into a knowledge graph: quotes, positions, leaders, members."""


Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="No summary, no progress bar (problems and errors still go to stderr)")
]
AsJson = Annotated[bool, typer.Option("--json", help="The run's report as JSON on stdout instead of the summary")]
MinConfidence = Annotated[
    float,
    typer.Option(
        min=0.0,
        max=1.0,
        help=(
            "Leave out relation facts below this confidence, and the speaker of a quote below it "
            "(of the facts and speakers at 0.9, about 9 in 10 are right)"
        ),
    ),
]


def _summary(report: Report, title: str, *, quiet: bool = False, as_json: bool = False) -> None:
    if as_json:
        sys.stdout.write(report.as_json() + "\n")
        return
    if quiet:
        return
    t = Table(title=title, show_header=False)
    t.add_row("documents" if title.endswith(("export", "remove")) else "documents read", str(report.documents_read))
    t.add_row("skipped", str(report.skipped_count))
    for cls, n in report.entities.items():
        t.add_row(f"entities: {cls}", str(n))
    for p, n in report.facts.items():
        t.add_row(f"facts: {p}", str(n))
    t.add_row("quotes (attributed)", f"{report.quotes} ({report.attributed_quotes})")
    t.add_row("claims", str(report.claims))
    t.add_row("triples", str(report.triples))
    if report.valid is not None:
        t.add_row("SHACL", "valid" if report.valid else "[red]INVALID[/] (see report.json)")
    elif report.validation:
        t.add_row("SHACL", report.validation)
    for key, value in report.store.items():
        t.add_row(f"store: {key}", shown(str(value)))
    t.add_row("time", f"{report.seconds:.1f} s")
    out.print(t)
    for kind, path in report.outputs.items():
        say(out, f"{kind:>7}: {path}")


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders: .txt .md .html .jsonl; - for stdin")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output directory")] = Path("out"),
    into: Annotated[
        Path | None,
        typer.Option("--into", help="Add to this persistent store (created if missing) instead of writing --out"),
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline (default: $NEWSGRAPH_MODEL or en_core_web_sm)")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes for parsing")] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Parse on a Dask cluster: its scheduler (tcp://host:8786), or local:N for N local processes"),
    ] = None,
    validate: Annotated[
        bool | None,
        typer.Option(help="Check the graph against the SHACL shapes (default: graphs up to 25,000 triples)"),
    ] = None,
    aliases: Annotated[
        Path | None, typer.Option(help="Alias file (.csv/.json): pin names, force or forbid merges")
    ] = None,
    max_file_size: Annotated[int, typer.Option(min=1, help="Skip input files larger than this many MB (unread)")] = 200,
    article_seconds: Annotated[
        float, typer.Option(min=0, help="Skip an article taking longer than this to parse and extract (0: no limit)")
    ] = 60.0,
    stdin_format: Annotated[
        str, typer.Option("--format", help="What '-' reads from stdin: txt (one article) or jsonl (one a line)")
    ] = "txt",
    min_confidence: MinConfidence = 0.0,
    quiet: Quiet = False,
    as_json: AsJson = False,
) -> None:
    """Build the graph of PATHS into DIR (graph.ttl, graph.trig, graph.html, report.json), or add them to a store."""
    from .build import build as run_build
    from .build import build_into

    if into is not None and min_confidence > 0:
        _fail(f"--min-confidence: a store keeps every fact; export it with 'newsgraph export {into} --min-confidence'")
    sources = _with_stdin(paths, stdin_format)
    with _build_progress(sources, quiet=quiet) as (progress, stage):
        problem = lambda m: say(err, m)
        common: dict[str, Any] = {  # the options build and build --into share
            "model": model,
            "workers": workers,
            "scheduler": scheduler,
            "aliases": aliases,
            "validate": validate,
            "max_file_bytes": max_file_size << 20,
            "article_seconds": article_seconds,
            "progress": progress,
            "on_problem": problem,
            "on_stage": stage,
        }
        try:
            if into is not None:
                report = build_into(sources, into, **common)
            else:
                report = run_build(sources, out_dir, min_confidence=min_confidence, **common)
        except NewsgraphError as e:
            _fail(str(e))
    _summary(report, "newsgraph build", quiet=quiet, as_json=as_json)
    if report.valid is False:
        where = f"details in {out_dir / 'report.json'}" if into is None else f"run newsgraph validate {into}"
        _fail(f"the graph does not conform to the shapes; {where}")
    if report.skipped:
        where = f"see {out_dir / 'report.json'}" if into is None else "listed above"
        _fail(f"{report.skipped_count} input(s) skipped; the rest was built ({where})")


@contextmanager
def _build_progress(sources: list, *, quiet: bool) -> Iterator[tuple[Callable, Callable]]:
    """A bar over the articles parsed (with their total) on a terminal, and a line on stderr as
    each stage ends (parse, resolve, write); none of it with --quiet."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .build import count_articles

    shown = not quiet and err.is_terminal
    columns = (TextColumn("parse"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not shown) as bar:
        task = bar.add_task("articles", total=count_articles(sources) if shown else None)

        def progress(stream: Iterable) -> Iterator:
            for item in stream:
                bar.advance(task)
                yield item

        def stage(name: str, done: str, seconds: float) -> None:
            if name == "parse":
                bar.update(task, visible=False)
            if not quiet:
                say(err, f"{name:<8} {done} in {seconds:.1f} s")

        yield progress, stage


MAX_STDIN_BYTES = 200 << 20  # as --max-file-size's default


def _with_stdin(paths: list[Path], fmt: str) -> list:
    """The paths, with '-' replaced by the articles read from standard input."""
    from newsgraph.extract.input.reader import read_stdin

    if fmt not in ("txt", "jsonl"):
        _fail(f"unknown --format {fmt!r}; expected txt or jsonl", 2)
    if sum(str(p) == "-" for p in paths) > 1:
        _fail("'-' (standard input) can be given once", 2)
    sources: list = []
    for p in paths:
        if str(p) == "-":
            data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
            if len(data) > MAX_STDIN_BYTES:
                _fail(f"<stdin>: larger than {MAX_STDIN_BYTES:,} bytes; give a file instead")
            sources += read_stdin(data.decode("utf-8", "replace"), fmt)
        else:
            sources.append(p)
    return sources


@app.command()
def merge(
    graphs: Annotated[list[Path], typer.Argument(help="graph.trig files written by newsgraph build")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output directory")] = Path("out"),
    validate: Annotated[
        bool | None,
        typer.Option(help="Check the graph against the SHACL shapes (default: graphs up to 25,000 triples)"),
    ] = None,
    aliases: Annotated[Path | None, typer.Option(help="Alias file (.csv/.json), as for build")] = None,
    prefer_newer: Annotated[
        bool,
        typer.Option(
            "--prefer-newer", help="Where graphs disagree about a document, keep the newer run's version (else refuse)"
        ),
    ] = False,
    quiet: Quiet = False,
    as_json: AsJson = False,
) -> None:
    """Merge graphs of separate runs into one, as if built together."""
    from .build import merge as run_merge

    try:
        report = run_merge(graphs, out_dir, validate=validate, aliases=aliases, prefer_newer=prefer_newer)
    except NewsgraphError as e:
        _fail(str(e))
    _summary(report, "newsgraph merge", quiet=quiet, as_json=as_json)


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="A graph file (.trig .ttl .nq) or an output directory")],
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query (or use --file)")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv or json")] = "table",
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Let SERVICE clauses send requests to other endpoints")
    ] = False,
) -> None:
    """Run a SPARQL query; prefixes ng:, ngr:, rdfs:, skos:, prov: ... are predefined."""
    from newsgraph.graph.query import run_query
    from newsgraph.graph.source import open_store

    from .results import CSV, JSON, TSV, serialize, term_short

    if fmt not in {"table", "csv", "tsv", "json"}:
        _fail(f"unknown --format {fmt!r}; expected table, csv, tsv or json", 2)
    if sparql is None and file is None:
        _fail("no query: give it as an argument or with --file", 2)
    if sparql is not None and file is not None:
        _fail("give the query as an argument or with --file, not both", 2)
    if file is not None:
        from newsgraph.extract.input.reader import read_small_file
        from newsgraph.graph.guard import MAX_QUERY_CHARS

        try:
            sparql = read_small_file(file, 4 * MAX_QUERY_CHARS, "query file")
        except NewsgraphError as e:
            _fail(str(e))
    assert sparql is not None
    try:
        result = run_query(open_store(graph), sparql, allow_service=allow_service)
    except NewsgraphError as e:
        _fail(str(e))
    if fmt != "table":
        text = serialize(result, {"json": JSON, "csv": CSV, "tsv": TSV}[fmt]).decode("utf-8")
        sys.stdout.write(text + ("\n" if fmt == "json" else ""))
    elif result.kind == "boolean":
        out.print("yes" if result.boolean else "no")
    else:
        names, rows = result.table()
        if not out.is_terminal:  # piped or redirected: every value whole, one row a line
            lines = ["\t".join(names), *("\t".join(printable(term_short(v)) for v in row) for row in rows)]
            sys.stdout.write("\n".join(lines) + "\n")
            return
        t = Table(*names)
        for row in rows:
            t.add_row(*(shown(term_short(v)) for v in row))
        out.print(t)
        out.print(f"{len(rows)} row(s)")


@app.command()
def remove(
    store: Annotated[Path, typer.Argument(help="A store made with build --into")],
    documents: Annotated[list[str], typer.Argument(help="File names, paths or content hashes (8+ characters)")],
    quiet: Quiet = False,
    as_json: AsJson = False,
) -> None:
    """Retract documents from a store, with every quote and assertion they support."""
    from .build import remove_documents

    try:
        report = remove_documents(store, documents)
    except NewsgraphError as e:
        _fail(str(e))
    _summary(report, "newsgraph remove", quiet=quiet, as_json=as_json)


@app.command()
def export(
    source: Annotated[Path, typer.Argument(help="A store, an output directory or a graph file")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output directory")] = Path("out"),
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf (networkx: entities and relations, for Gephi), csv (nodes.csv and "
            "edges.csv), jsonld, nquads (gzip, a named graph a document); default: a store's "
            "graph.ttl, graph.trig, graph.html and report.json",
        ),
    ] = None,
    validate: Annotated[
        bool | None,
        typer.Option(help="Check the graph against the SHACL shapes (default: graphs up to 25,000 triples)"),
    ] = None,
    min_confidence: MinConfidence = 0.0,
    quiet: Quiet = False,
    as_json: AsJson = False,
) -> None:
    """Write a graph for other tools (--format), or a store's graph.ttl, graph.trig, graph.html
    and report.json."""
    from newsgraph.graph.store import is_store

    from .build import export as run_export

    if fmt is not None:
        _export_format(source, out_dir, fmt, min_confidence, quiet=quiet, as_json=as_json)
        return
    if not is_store(source):
        _fail(
            f"{source}: not a newsgraph store (make one with 'newsgraph build PATH --into {source}'; "
            "a graph file or folder exports with --format)"
        )
    try:
        report = run_export(source, out_dir, validate=validate, min_confidence=min_confidence)
    except NewsgraphError as e:
        _fail(str(e))
    _summary(report, "newsgraph export", quiet=quiet, as_json=as_json)


def _export_format(source: Path, out_dir: Path, fmt: str, min_confidence: float, *, quiet: bool, as_json: bool) -> None:
    """``export --format``: the files written, one a line (or as JSON)."""
    from newsgraph.graph.confident import confident_store
    from newsgraph.graph.source import open_store
    from newsgraph.graph.store import is_store

    from .build import check_output_place
    from .exports import FORMATS, export_format

    if fmt not in FORMATS:
        _fail(f"--format {fmt}: not a format newsgraph exports (one of {', '.join(FORMATS)})")
    try:
        check_output_place(out_dir, stores=[source] if is_store(source) else [])
        written = export_format(confident_store(open_store(source), min_confidence), out_dir, fmt)
    except NewsgraphError as e:
        _fail(str(e))
    if as_json:
        sys.stdout.write(json.dumps({"format": fmt, "files": [str(p) for p in written]}) + "\n")
    elif not quiet:
        for p in written:
            say(out, str(p))


@app.command()
def serve(
    store: Annotated[Path, typer.Argument(help="A store, an output directory or a graph file")],
    port: Annotated[int, typer.Option(help="TCP port")] = 7878,
    host: Annotated[str, typer.Option(help="Address to bind (default: this machine only)")] = "127.0.0.1",
    timeout: Annotated[float, typer.Option(help="Seconds a query may run")] = 30.0,
    max_results: Annotated[int, typer.Option(help="Rows (or triples) a query may return")] = 100_000,
    max_bytes: Annotated[int, typer.Option(help="Bytes an answer may have")] = 64 << 20,
    workers: Annotated[int, typer.Option(min=1, help="Query worker processes (queries answered at once)")] = 8,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Let SERVICE clauses send requests to other endpoints")
    ] = False,
    per_client: Annotated[int, typer.Option(min=1, help="Queries one client address may run at once")] = 4,
    max_connections: Annotated[int, typer.Option(min=1, help="Connections served at once")] = 64,
    max_buffered: Annotated[
        int, typer.Option(min=1, help="Bytes of answers held for clients still reading them")
    ] = 268_435_456,
    cors: Annotated[
        str | None, typer.Option(help="Let browser pages of this origin (or *) query the endpoint (CORS)")
    ] = None,
) -> None:
    """Serve SPARQL 1.1 Protocol queries (read-only) at http://HOST:PORT/sparql."""
    from .serve import make_server, serve_forever

    try:
        log = lambda m: say(err, m)
        server = make_server(
            store,
            host=host,
            port=port,
            timeout=timeout,
            max_results=max_results,
            max_bytes=max_bytes,
            workers=workers,
            allow_service=allow_service,
            per_client=per_client,
            max_connections=max_connections,
            max_buffered=max_buffered,
            cors=cors,
            log=log,
        )
    except NewsgraphError as e:
        _fail(str(e))
    serve_forever(server, log=log)


@app.command()
def view(
    graph: Annotated[Path, typer.Argument(help="A graph file (.trig .ttl .nq) or an output directory")],
    out_file: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write")] = Path("graph.html"),
    focus: Annotated[str | None, typer.Option(help="Show only this entity (name or alias) and its neighbours")] = None,
    hops: Annotated[int, typer.Option(min=0, help="How far the neighbourhood of --focus reaches")] = 1,
    max_nodes: Annotated[int, typer.Option(min=1, help="Show at most this many entities, the most mentioned")] = 300,
    quote_nodes: Annotated[bool, typer.Option(help="Draw quotes as nodes (default: in the side panel)")] = False,
    min_confidence: MinConfidence = 0.0,
) -> None:
    """Write the interactive HTML view of a graph (one self-contained file, works offline)."""
    from newsgraph.graph.confident import confident_dataset
    from newsgraph.graph.source import open_dataset
    from newsgraph.graph.store import is_store

    from .html import write_html

    if out_file.is_dir():
        _fail(f"{out_file}: is a folder; --out names the HTML file to write (such as {out_file / 'graph.html'})")
    place = Path(os.path.abspath(out_file))
    store = next((p for p in place.parents if is_store(p)), None)
    if store is not None:
        _fail(f"{out_file}: lies inside the store {store}; write the view somewhere else")
    try:
        ds = confident_dataset(open_dataset(graph), min_confidence)
        path = write_html(ds, out_file, max_nodes=max_nodes, focus=focus, hops=hops, quote_nodes=quote_nodes)
    except NewsgraphError as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"{out_file}: could not write the view ({e.strerror or e}); nothing was written")
    say(out, f"html: {path}")


@app.command()
def validate(graph: Annotated[Path, typer.Argument(help="A graph file or output directory")]) -> None:
    """Check a graph against the SHACL shapes of the ontology."""
    from newsgraph.graph.source import open_dataset
    from newsgraph.graph.validate import validate as shacl

    from .turtle import union_graph

    try:
        ds = open_dataset(graph)
    except NewsgraphError as e:
        _fail(str(e))
    ok, text = shacl(union_graph(ds))
    if not ok:
        say(err, text, newlines=True)
        _fail(f"{graph}: does not conform to the shapes")
    say(out, f"{graph}: conforms")


def _terminated(signum: int, frame: object) -> None:
    # SIGTERM (kill, a service manager) unwinds like Ctrl-C, so staging folders are removed
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    app()


if __name__ == "__main__":
    main()
