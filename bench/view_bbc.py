"""What a user sees in the view of a real corpus (issue #26): the first N articles of
../shared/corpus/bbc/politics, opened in headless Chromium.

    python bench/view_bbc.py [--articles 100] [--max-nodes 300] [--screenshot docs/bbc-graph.png]

Prints the entities and edges drawn (by kind), the share of the drawn entities in the largest
connected part, how many labels read at the first zoom (``window.newsgraph.drawn()``), and the
seconds from navigation to a usable page. Bars of #26: connected part >= 60%, labels >= 30.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--max-nodes", type=int, default=300)
    ap.add_argument("--screenshot", type=Path, help="save a PNG of the page as first drawn")
    args = ap.parse_args()

    import networkx as nx
    from playwright.sync_api import sync_playwright

    from newsgraph.graph.source import open_dataset
    from newsgraph.output.build import build
    from newsgraph.output.html import write_html
    from tests.browser.test_view import ARGS, CHROMIUM, Page

    files = sorted((SHARED / "corpus" / "bbc" / "politics").glob("*.txt"))[: args.articles]
    if not files:
        sys.exit(f"{SHARED / 'corpus' / 'bbc' / 'politics'}: no articles (../shared must sit beside the repository)")
    out = Path(tempfile.mkdtemp()) / "bbc"
    build(files, out, validate=False)
    page_file = write_html(open_dataset(out), out / "view.html", max_nodes=args.max_nodes)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        started = time.perf_counter()
        view = Page(browser, page_file)
        seconds = time.perf_counter() - started
        drawn = view.js("window.newsgraph.drawn()")
        if args.screenshot:
            view.page.screenshot(path=str(args.screenshot))
        data = view.js("window.newsgraph.data")
        speaker, detail = max(data["details"].items(), key=lambda kv: (len(kv[1]["quotes"]), kv[0]))
        view.click_node(speaker)
        view.page.click("#panel blockquote a.place")
        highlighted = view.page.inner_text("#panel mark") == detail["quotes"][0]["text"]
        focused_file = write_html(open_dataset(out), out / "focus.html", focus=detail["label"], hops=1)
        focused = Page(browser, focused_file)
        focus_panel = focused.page.inner_text("#panel h2") == detail["label"]
        errors = view.errors
        browser.close()
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in drawn["nodes"])
    g.add_edges_from((e["from"], e["to"]) for e in drawn["edges"])
    largest = max((len(c) for c in nx.connected_components(g)), default=0)
    relations = nx.Graph()
    relations.add_nodes_from(g.nodes)
    relations.add_edges_from((e["from"], e["to"]) for e in drawn["edges"] if e["kind"] != "co-occurs")
    largest_without = max((len(c) for c in nx.connected_components(relations)), default=0)
    labelled = sum(n["labelShown"] for n in drawn["nodes"])
    nodes = len(drawn["nodes"])
    print(f"articles {len(files)}, entities drawn {nodes}, edges drawn {len(drawn['edges'])}")
    print("edges by kind:", dict(sorted(Counter(e["kind"] for e in drawn["edges"]).items())))
    print(f"largest connected part: {largest} of {nodes} ({largest / nodes:.0%}; bar 60%)")
    print(f"  without co-occurrence: {largest_without} ({largest_without / nodes:.0%})")
    print(f"labels readable at the first zoom: {labelled} (bar 30)")
    print(f"clicking {detail['label']}'s first quote highlights it in its article: {highlighted}")
    print(f"--focus '{detail['label']}' opens that panel: {focus_panel}")
    print(f"usable after {seconds:.2f} s; console errors: {len(errors)}; file {page_file.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
