"""The interactive HTML view (pyvis builds the network; our template makes it self-contained).

pyvis's own template loads Bootstrap and vis-network from a CDN even with
``cdn_resources="in_line"``, so the page is rendered from ``templates/graph.html``, with
vis-network's script and style (shipped inside the pyvis package) inlined: the file opens with
no network at all.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.namespace import SKOS

from newsgraph.ontology import NG

from .files import write_text_atomic

COLOURS = {"Person": "#e4572e", "Organization": "#4c7bd9", "Place": "#2a9d5c", "Event": "#a06cd5"}
SHAPES = {"Person": "dot", "Organization": "diamond", "Place": "triangle", "Event": "star"}
QUOTE_COLOUR = "#f2c14e"
RELATIONS = {NG.ledBy: "led by", NG.memberOf: "member of", NG.partOf: "part of", NG.locatedIn: "located in"}


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib"
    folder = sorted(lib.glob("vis-*"))[-1]
    return ((folder / "vis-network.min.js").read_text(encoding="utf-8"),
            (folder / "vis-network.css").read_text(encoding="utf-8"))


def _neighbours(g: Dataset, cls_of: dict) -> dict[URIRef, set[URIRef]]:
    near: dict[URIRef, set[URIRef]] = defaultdict(set)
    for p in RELATIONS:
        for s, o in g.subject_objects(p):
            near[s].add(o)
            near[o].add(s)
    for person, pos in g.subject_objects(NG.holdsPosition):
        org = g.value(pos, NG.organization)
        if org is not None:
            near[person].add(org)
            near[org].add(person)
    return near


def focus_set(g: Dataset, cls_of: dict, focus: str, hops: int) -> set[URIRef]:
    """The entity named ``focus`` (label or alias, any case) and everything within ``hops``."""
    from newsgraph.extract.errors import GraphError

    want = focus.casefold()
    start = sorted({s for s in cls_of for o in (*g.objects(s, RDFS.label), *g.objects(s, SKOS.altLabel))
                    if str(o).casefold() == want}, key=str)
    if not start:
        raise GraphError(f"no entity is named {focus!r} in this graph")
    near = _neighbours(g, cls_of)
    seen, frontier = set(start), set(start)
    for _ in range(hops):
        frontier = {n for f in frontier for n in near.get(f, ()) if n not in seen}
        seen |= frontier
    return seen


def view_data(ds: Dataset, *, max_nodes: int = 300, focus: str | None = None, hops: int = 1,
              quote_nodes: bool = False) -> dict:
    """Nodes, edges and panel details of the graph, as plain JSON-able values.

    Args:
        ds: the graph.
        max_nodes: show at most this many entities, the most mentioned (the page says how
            many were left out).
        focus: show only this entity (label or alias) and its neighbourhood.
        hops: how far the neighbourhood of ``focus`` reaches.
        quote_nodes: draw each quote as a node linked to its speaker (default: in the panel).
    """
    from pyvis.network import Network

    g = ds
    cls_of: dict[URIRef, str] = {}
    for cls in COLOURS:
        for s in g.subjects(RDF.type, NG[cls]):
            cls_of[s] = cls
    count = {s: int(g.value(s, NG.mentionCount) or 1) for s in cls_of}
    doc_name = {d: str(n) for d, n in g.subject_objects(NG.fileName)}
    candidates = focus_set(g, cls_of, focus, hops) if focus else set(cls_of)
    ranked = sorted(candidates, key=lambda s: (-count[s], str(s)))
    shown = set(ranked[:max_nodes])
    net = Network(directed=True)
    details: dict[str, dict] = {}
    for s in sorted(shown, key=str):
        cls = cls_of[s]
        label = str(g.value(s, RDFS.label) or s)
        names = sorted({str(o) for o in g.objects(s, SKOS.altLabel)})
        net.add_node(str(s), label=label, title=f"{label} ({cls})" + (f"\nalso: {'; '.join(names)}" if names else ""),
                     color=COLOURS[cls], shape=SHAPES[cls], value=count[s], cls=cls)
        details[str(s)] = {"label": label, "cls": cls, "names": names, "positions": [], "relations": [],
                           "quotes": [], "claims": [], "search": [label.lower(), *(n.lower() for n in names)]}
    evidence: dict[tuple, list] = defaultdict(list)
    for a in g.subjects(RDF.type, NG.Assertion):
        key = (g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object))
        evidence[key].append({"sentence": str(g.value(a, NG.evidence) or ""),
                              "doc": doc_name.get(g.value(a, NG.document), ""),
                              "method": str(g.value(a, NG.method) or ""),
                              "confidence": str(g.value(a, NG.confidence) or "")})
    edge_details: dict[str, dict] = {}

    def edge(s: URIRef, o: URIRef, label: str, key: tuple) -> None:
        eid = f"{s}|{label}|{o}"
        if eid in edge_details:
            return
        net.add_edge(str(s), str(o), label=label, title=label, id=eid, arrows="to")
        ev = sorted(evidence.get(key, []), key=lambda e: (e["doc"], e["sentence"]))
        edge_details[eid] = {"label": f"{details[str(s)]['label']} — {label} — {details[str(o)]['label']}",
                             "evidence": ev}

    for p, label in RELATIONS.items():
        for s, o in g.subject_objects(p):
            if s in shown and o in shown:
                edge(s, o, label, (s, p, o))
                details[str(s)]["relations"].append(f"{label} {details[str(o)]['label']}")
    for person, pos in g.subject_objects(NG.holdsPosition):
        if person not in shown:
            continue
        title = str(g.value(pos, NG.title) or "")
        org = g.value(pos, NG.organization)
        if org is not None and org in shown:
            details[str(person)]["positions"].append(f"{title}, {details[str(org)]['label']}")
            edge(person, org, title, (person, NG.holdsPosition, pos))
        else:
            details[str(person)]["positions"].append(title)
    for s, q in g.subject_objects(NG.said):
        if s in shown:
            details[str(s)]["quotes"].append({"text": str(g.value(q, NG.text)), "doc": doc_name.get(g.value(q, NG.document), ""),
                                              "cue": str(g.value(q, NG.cue) or "")})
    for c, s in g.subject_objects(NG.claimedBy):
        if s in shown:
            details[str(s)]["claims"].append({"text": str(g.value(c, NG.text)), "doc": doc_name.get(g.value(c, NG.document), ""),
                                              "cue": str(g.value(c, NG.cue) or "")})
    for d in details.values():
        for k in ("positions", "relations"):
            d[k] = sorted(set(d[k]))
        for k in ("quotes", "claims"):
            d[k] = sorted(d[k], key=lambda q: (q["doc"], q["text"]))
    if quote_nodes:
        for s, q in sorted(g.subject_objects(NG.said), key=lambda x: (str(x[0]), str(x[1]))):
            if s in shown:
                text = str(g.value(q, NG.text))
                net.add_node(str(q), label=text[:40] + ("…" if len(text) > 40 else ""), title=text,
                             color=QUOTE_COLOUR, shape="box", value=1, cls="Quote")
                net.add_edge(str(s), str(q), label="said", title="said", id=f"{s}|said|{q}", arrows="to")
    nodes, edges, *_ = net.get_network_data()
    left_out = len(candidates) - len(shown)
    note = (f"{len(shown)} of {len(candidates)} entities shown (the most mentioned); {left_out} left out."
            if left_out else f"{len(shown)} entities, {len(edges)} relations.")
    if focus:
        note = f"Around {focus!r}, {hops} hop(s): " + note
    # vis-network's "improved layout" (Kamada-Kawai per cluster) takes tens of seconds past a
    # few hundred nodes; large views start from a spiral instead and iterate less.
    large = len(shown) > 300
    if large:
        for i, n in enumerate(nodes):
            r = 40 * (i ** 0.5)
            n["x"], n["y"] = round(r * math.cos(i * 2.4), 1), round(r * math.sin(i * 2.4), 1)
    options = {"physics": {"stabilization": {"iterations": 120 if large else 400, "updateInterval": 50},
                           "barnesHut": {"springLength": 140, "theta": 0.8 if large else 0.5}},
               "layout": {"improvedLayout": not large},
               "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False},
               "nodes": {"scaling": {"min": 8, "max": 40}, "font": {"size": 13}},
               "interaction": {"hover": True, "tooltipDelay": 150}}
    counts = Counter(cls_of[s] for s in shown)
    legend = [{"cls": cls, "label": f"{cls} ({counts[cls]})", "colour": colour, "shape": SHAPES[cls]}
              for cls, colour in COLOURS.items()]
    relations = sorted({e["label"] for e in edges if e["label"] in RELATIONS.values() or e["label"] == "said"}
                       | ({"position"} if any(e["label"] not in RELATIONS.values() and e["label"] != "said" for e in edges) else set()))
    for e in edges:
        e["kind"] = e["label"] if e["label"] in RELATIONS.values() or e["label"] == "said" else "position"
    return {"nodes": nodes, "edges": edges, "details": details, "edgeDetails": edge_details,
            "options": options, "legend": legend, "relations": relations, "note": note}


def render_html(ds: Dataset, *, title: str = "newsgraph", **view: object) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=select_autoescape(["html"]))
    js, css = _vis_assets()
    from markupsafe import Markup

    return env.get_template("graph.html").render(
        title=title, data=view_data(ds, **view), vis_js=Markup(js), vis_css=Markup(css))  # type: ignore[arg-type]


def write_html(ds: Dataset, path: str | Path, *, title: str = "newsgraph", **view: object) -> Path:
    """The graph as one self-contained HTML page (options as for :func:`view_data`)."""
    return write_text_atomic(path, render_html(ds, title=title, **view))
