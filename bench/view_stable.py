"""How long the HTML view takes to be usable in headless Chromium (issue #26: 2,000 nodes
within 2 s, 20,000 within 10 s).

    python bench/view_stable.py [--bbc N] [--max-nodes 2000 20000]

Builds the seeds and N BBC articles (default 2,165, all of them; cached under
/tmp/newsgraph-bench), writes a view of each with at most each --max-nodes entities, opens it
in Debian's chromium with the network blocked and prints the seconds to write it, the seconds
from navigation to a usable page (drawn, labels sized), and each file's size.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CACHE = Path("/tmp/newsgraph-bench")
sys.path.insert(0, str(ROOT))


def build(name: str, paths: list[Path]) -> Path:
    from newsgraph.output.build import build as run

    out = CACHE / name
    if not (out / "graph.trig").exists():
        run(paths, out, validate=False)
    return out / "graph.trig"


def bbc_sample(n: int) -> list[Path]:
    files = sorted((SHARED / "corpus" / "bbc").glob("*/*.txt"))
    step = max(1, len(files) // n)
    return files[::step][:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bbc", type=int, default=2165)
    ap.add_argument("--more", type=Path, nargs="*", default=[], help="more article folders in the big view")
    ap.add_argument("--max-nodes", type=int, nargs="+", default=[2000, 20000])
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from newsgraph.graph.source import open_dataset
    from newsgraph.output.html import write_html
    from tests.browser.test_view import ARGS, CHROMIUM, wait_stable

    cases = [("seeds", build("seeds", [SHARED / "corpus" / "seeds"]), 300)]
    bbc_dir = CACHE / f"bbc-in-{args.bbc}"
    if not bbc_dir.exists():
        bbc_dir.mkdir(parents=True)
        for f in bbc_sample(args.bbc):
            shutil.copy(f, bbc_dir / f"{f.parent.name}-{f.name}")
    name = f"bbc-{args.bbc}" + "".join(f"+{p.name}" for p in args.more)
    trig = build(name, [bbc_dir, *args.more])
    cases += [(f"{name}-{cap}", trig, cap) for cap in args.max_nodes]
    print(f"{'view':<18} {'nodes':>6} {'edges':>6} {'size KB':>8} {'write s':>8} {'usable s':>9}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, trig, cap in cases:
            started = time.perf_counter()
            page_path = write_html(open_dataset(trig), CACHE / f"{name}.html", max_nodes=cap)
            written = time.perf_counter() - started
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
            start = time.perf_counter()
            page.goto(page_path.as_uri())
            wait_stable(page, 300)
            wall = time.perf_counter() - start
            nodes = page.evaluate("window.newsgraph.data.nodes.length")
            edges = page.evaluate("window.newsgraph.data.edges.length")
            size = page_path.stat().st_size / 1024
            print(f"{name:<18} {nodes:>6} {edges:>6} {size:>8.0f} {written:>8.1f} {wall:>9.2f}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
