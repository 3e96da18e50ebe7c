"""The HTML view in a real browser: Debian's chromium driven by Playwright, network blocked.

Needs /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it). Without it these tests
fail with that advice, unless NEWSGRAPH_SKIP_BROWSER=1.

Run as a script to make the README screenshot of the seeds graph:
    python -m tests.browser.test_view --screenshot docs/seeds-graph.png
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need_chromium() -> None:
    if os.environ.get("NEWSGRAPH_SKIP_BROWSER") == "1":
        pytest.skip("NEWSGRAPH_SKIP_BROWSER=1")
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"no chromium at {CHROMIUM}: install it with 'apt-get install chromium' "
            "(or set NEWSGRAPH_SKIP_BROWSER=1 to leave the browser tests out)"
        )


def wait_stable(page, timeout: float) -> float:
    """Wait for the view's layout to finish; return the seconds it took.

    Polls from Python: Playwright's wait_for_function evaluates a string inside the page,
    which the page's Content-Security-Policy (no 'unsafe-eval') rightly refuses.
    """
    import time

    start = time.perf_counter()
    while not page.evaluate("Boolean(document.body.dataset.stable)"):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"the view did not stabilise within {timeout} s")
        page.wait_for_timeout(25)
    return time.perf_counter() - start


class Page:
    """A loaded view: the Playwright page, the requests it tried, its console errors."""

    def __init__(self, browser, path: Path) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        wait_stable(self.page, 20)

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def js(self, code: str):
        return self.page.evaluate(code)

    def click_node(self, node_id: str) -> None:
        point = self.js(f"""(() => {{
            const n = window.newsgraph.network;
            n.focus({json.dumps(node_id)}, {{scale: 1.5, animation: false}});  // on screen, whatever the zoom
            const p = n.getPositions([{json.dumps(node_id)}])[{json.dumps(node_id)}];
            const dom = n.canvasToDOM(p);
            const box = document.getElementById('graph').getBoundingClientRect();
            return {{x: box.left + dom.x, y: box.top + dom.y}};
        }})()""")
        self.page.mouse.click(point["x"], point["y"])


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def example_page(browser, tmp_path_factory, example_records):
    from newsgraph.graph.build import build_dataset
    from newsgraph.output.html import write_html

    path = write_html(build_dataset(example_records), tmp_path_factory.mktemp("view") / "graph.html")
    return Page(browser, path)


def test_loads_offline_without_errors(example_page):
    assert example_page.requests == [], "the page tried to reach the network"
    assert example_page.errors == []


def test_every_entity_is_drawn(example_page, example_records):
    from rdflib import RDF

    from newsgraph.graph.build import build_dataset
    from newsgraph.ontology import NG

    expected = len(set(build_dataset(example_records).subjects(RDF.type, NG.Entity)))
    drawn = example_page.js("Object.keys(window.newsgraph.network.getPositions()).length")
    assert drawn == expected


def test_clicking_a_speaker_shows_its_quotes(example_page):
    data = example_page.js("window.newsgraph.data")
    node_id, detail = next((k, d) for k, d in sorted(data["details"].items()) if d["quotes"])
    example_page.click_node(node_id)
    example_page.page.wait_for_selector("#panel blockquote")
    assert example_page.page.inner_text("#panel h2") == detail["label"]
    assert detail["quotes"][0]["text"] in example_page.page.inner_text("#panel")


def test_search_finds_an_alias(example_page):
    example_page.page.fill("#search", "CTU")
    example_page.page.press("#search", "Enter")
    assert example_page.page.inner_text("#panel h2") == "Coastal Transport Union"


def test_class_filter_hides_nodes(example_page):
    before = example_page.js("window.newsgraph.network.body.nodeIndices.length")
    example_page.page.click("#legend input[data-value='Person']")
    after = example_page.js("window.newsgraph.network.body.nodeIndices.length")
    example_page.page.click("#legend input[data-value='Person']")
    assert 0 < after < before


def test_drawn_reports_labels_and_edge_kinds(example_page):
    drawn = example_page.js("window.newsgraph.drawn()")
    kinds = {e["kind"] for e in drawn["edges"]}
    assert {"co-occurs", "led by", "member of", "position"} <= kinds
    shown = [n["label"] for n in drawn["nodes"] if n["labelShown"]]
    assert "Coastal Transport Union" in shown and len(shown) >= 20
    import networkx as nx

    g = nx.Graph([(e["from"], e["to"]) for e in drawn["edges"]])
    g.add_nodes_from(n["id"] for n in drawn["nodes"])
    # seven unrelated articles: the entities of each hang together (co-occurrence), one part each
    assert nx.number_connected_components(g) <= 7


def test_the_layout_is_the_same_on_every_load(browser, example_page):
    again = Page(browser, Path(example_page.page.url.removeprefix("file://")))
    first = example_page.js("window.newsgraph.network.getPositions()")
    assert again.js("window.newsgraph.network.getPositions()") == first


def test_a_quote_links_to_its_place_in_the_article(example_page):
    data = example_page.js("window.newsgraph.data")
    node_id, detail = next((k, d) for k, d in sorted(data["details"].items()) if d["quotes"])
    example_page.click_node(node_id)
    assert example_page.page.inner_text("#panel h2") == detail["label"]
    example_page.page.click("#panel blockquote a.place")
    quote = detail["quotes"][0]
    assert example_page.page.inner_text("#panel mark") == quote["text"]
    document = next(d for d in data["documents"] if d["id"] == quote["docId"])
    assert example_page.page.inner_text("#panel h2") == document["title"]
    article = example_page.page.inner_text("#panel .article")
    assert article.replace("\n", "") == document["text"].replace("\n", "")


def test_an_entitys_mentions_are_highlighted_in_its_article(example_page):
    node_id = "https://w3id.org/newsgraph/id/entity/helena-marsh"
    example_page.click_node(node_id)
    example_page.page.click("#panel li a.place")
    marks = example_page.page.locator("#panel mark").all_inner_texts()
    assert marks == ["Helena Marsh", "Marsh"]


def test_the_first_panel_lists_the_documents_with_titles(example_page):
    example_page.page.reload()
    wait_stable(example_page.page, 20)
    items = example_page.page.locator("#panel li").all_inner_texts()
    assert len(items) == 7 and any(i.startswith("Dock workers vote to strike as port talks collapse") for i in items)


def test_the_time_filter_keeps_the_entities_of_documents_in_range(example_page):
    def shown():
        return {n["label"] for n in example_page.js("window.newsgraph.drawn()")["nodes"]}

    everyone = shown()
    assert example_page.page.input_value("#from") == "2026-01-20"
    example_page.page.fill("#from", "2026-02-01")
    example_page.page.dispatch_event("#from", "change")
    later = shown()
    example_page.page.fill("#from", "2026-01-20")
    example_page.page.dispatch_event("#from", "change")
    assert "Eleanor Vance" in everyone and "Eleanor Vance" not in later  # named on 20 January only
    assert {"Robert Kane", "Grace Liu", "Helena Marsh"} <= later  # a later document; an undated one
    assert shown() == everyone


def test_a_search_that_finds_nothing_says_so(example_page):
    example_page.page.fill("#search", "Nobody Atall")
    example_page.page.press("#search", "Enter")
    assert example_page.page.inner_text("#panel") == 'No entity shown here is named "Nobody Atall".'


def test_focus_opens_the_entitys_panel(browser, tmp_path, example_records):
    from newsgraph.graph.build import build_dataset
    from newsgraph.output.html import write_html

    path = write_html(build_dataset(example_records), tmp_path / "focus.html", focus="CTU", hops=1)
    page = Page(browser, path)
    assert page.page.inner_text("#panel h2") == "Coastal Transport Union"
    assert page.js("window.newsgraph.network.getSelectedNodes()") == [
        "https://w3id.org/newsgraph/id/entity/coastal-transport-union"
    ]


def test_article_markup_never_runs(browser, tmp_path, extract_text):
    from newsgraph.graph.build import build_dataset
    from newsgraph.graph.records import from_extraction
    from newsgraph.output.html import write_html

    evil = (
        'Jane Roe, the leader of the <img src=x onerror="window.__pwned=1;alert(1)"> Party, said: '
        '"</script><script>window.__pwned=2;alert(2)</script> is what we fear."'
    )
    page = Page(browser, write_html(build_dataset([from_extraction(extract_text(evil))]), tmp_path / "evil.html"))
    data = page.js("window.newsgraph.data")
    for node_id in data["details"]:
        page.click_node(node_id)
    assert page.js("window.__pwned === undefined") and page.dialogs == [] and page.requests == []


def main(argv: list[str]) -> int:
    """Screenshot of the seeds graph for the README."""
    import tempfile

    from playwright.sync_api import sync_playwright
    from typer.testing import CliRunner

    from newsgraph.output.cli import app

    from ..conftest import SHARED

    target = Path(argv[argv.index("--screenshot") + 1])
    out = Path(tempfile.mkdtemp())
    result = CliRunner().invoke(app, ["build", str(SHARED / "corpus" / "seeds"), "--out", str(out)])
    if result.exit_code:
        print(result.output)
        return 1
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        view = Page(b, out / "graph.html")
        view.page.fill("#search", "Maryam Rajavi")
        view.page.press("#search", "Enter")
        target.parent.mkdir(parents=True, exist_ok=True)
        view.page.screenshot(path=str(target))
        b.close()
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
