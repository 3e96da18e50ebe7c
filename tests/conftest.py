from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.extract.nlp import load

    return load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (the corpus, gold and scorer). CI always has it: missing is a failure, not a skip."""
    if not (SHARED / "gold" / "seeds.jsonl").is_file():
        pytest.fail(
            f"{SHARED} is missing: these tests need ../shared beside the repository "
            "(set NEWSGRAPH_SHARED to point elsewhere)"
        )
    return SHARED


@pytest.fixture
def extract_text(nlp):
    """Run one text through the whole extractor with the real pinned model."""
    from newsgraph.extract.input.reader import _article
    from newsgraph.extract.nlp import prepare_text
    from newsgraph.extract.pipeline import extract_doc

    def run(text: str, name: str = "t.txt"):
        article = _article(name, name, text, "txt", "utf-8")
        return extract_doc(nlp(prepare_text(article.text, article.skipped)), article)

    return run


@pytest.fixture(scope="session")
def example_records(nlp):
    """Document records of the shipped example articles, extracted once."""
    from newsgraph.extract.input.reader import read_articles
    from newsgraph.extract.pipeline import extract_articles
    from newsgraph.extract.records import Article
    from newsgraph.graph.records import from_extraction

    articles = [a for a in read_articles([EXAMPLES]) if isinstance(a, Article)]
    return [from_extraction(x) for x in extract_articles(nlp, articles)]


@pytest.fixture(scope="session")
def examples_graph(tmp_path_factory, nlp) -> Path:
    """The output folder of ``newsgraph build examples/articles``, built once; read it, never
    write into it."""
    from typer.testing import CliRunner

    from newsgraph.output.cli import app

    out = tmp_path_factory.mktemp("examples") / "out"
    result = CliRunner().invoke(app, ["build", str(EXAMPLES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def listener():
    """A local HTTP server that records the path of every request it gets: (its URL, the paths).
    Tests of SERVICE use it as a target that no request may reach."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's naming
            seen.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/internal/admin", seen
    server.shutdown()
    server.server_close()
