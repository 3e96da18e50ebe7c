from __future__ import annotations

import json
import re

from rdflib import RDF, RDFS

from newsgraph.graph.build import build_dataset
from newsgraph.ontology import NG
from newsgraph.output.html import render_html, view_data


def test_page_is_self_contained_and_lists_every_label(example_records):
    ds = build_dataset(example_records)
    page = render_html(ds)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "<link" not in page
    labels = {str(ds.value(e, RDFS.label)) for e in ds.subjects(RDF.type, NG.Entity)}
    data = json.loads(re.search(r'<script type="application/json" id="newsgraph-data">(.*?)</script>', page).group(1))
    assert {n["label"] for n in data["nodes"]} == labels


def test_article_markup_is_never_live(extract_text):
    from newsgraph.graph.records import from_extraction

    evil = (
        "Mrs. Jane Roe, the leader of the <img src=x onerror=alert(1)> Party, said: "
        '"</script><script>alert(2)</script> is what we fear."'
    )
    page = render_html(build_dataset([from_extraction(extract_text(evil))]))
    script_body = page.split('<script type="application/json" id="newsgraph-data">', 1)[1].split("</script>", 1)[0]
    assert "</script>" not in script_body and "<script>" not in script_body and "<img" not in script_body
    assert "\\u003c/script\\u003e" in script_body  # the text is there, as JSON-escaped text


def test_large_graphs_keep_the_most_mentioned(example_records):
    data = view_data(build_dataset(example_records), max_nodes=5)
    assert len(data["nodes"]) == 5
    assert "left out" in data["note"]
