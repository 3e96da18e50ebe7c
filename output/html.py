"""The interactive HTML view (pyvis builds the network; our template makes it self-contained).

pyvis's own template loads Bootstrap and vis-network from a CDN even with
``cdn_resources="in_line"``, so the page is rendered from ``templates/graph.html``, with
vis-network's script and style (shipped inside the pyvis package) inlined: the file opens with
no network at all.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

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
    return (
        (folder / "vis-network.min.js").read_text(encoding="utf-8"),
        (folder / "vis-network.css").read_text(encoding="utf-8"),
    )


def _neighbours(g: Dataset, cls_of: dict) -> dict[Node, set[Node]]:
    near: dict[Node, set[Node]] = defaultdict(set)
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
    start = sorted(
        {
            s
            for s in cls_of
            for o in (*g.objects(s, RDFS.label), *g.objects(s, SKOS.altLabel))
            if str(o).casefold() == want
        },
        key=str,
    )
    if not start:
        raise GraphError(f"no entity is named {focus!r} in this graph")
    near = _neighbours(g, cls_of)
    seen, frontier = set(start), set(start)
    for _ in range(hops):
        frontier = {n for f in frontier for n in near.get(f, ()) if n not in seen}
        if not frontier:  # the neighbourhood is whole: more hops add nothing
            break
        seen |= frontier
    return seen


def view_data(
    ds: Dataset, *, max_nodes: int = 300, focus: str | None = None, hops: int = 1, quote_nodes: bool = False
) -> dict:
    """Nodes, edges and panel details of the graph, as plain JSON-able values.

    Args:
        ds: the graph.
        max_nodes: show at most this many entities, the most mentioned (the page says how
            many were left out).
        focus: show only this entity (label or alias) and its neighbourhood.
        hops: how far the neighbourhood of ``focus`` reaches.
        quote_nodes: draw each quote as a node linked to its speaker (default: in the panel).
    """
    g = ds
    cls_of: dict[Node, str] = {}
    for cls in COLOURS:
        for s in g.subjects(RDF.type, NG[cls]):
            cls_of[s] = cls
    count = {s: int(g.value(s, NG.mentionCount) or 1) for s in cls_of}
    candidates = focus_set(g, cls_of, focus, hops) if focus else set(cls_of)
    ranked = sorted(candidates, key=lambda s: (-count[s], str(s)))
    view = _View(g, set(ranked[:max_nodes]), cls_of, count)
    view.add_relations()
    view.add_speech()
    if quote_nodes:
        view.add_quote_nodes()
    nodes, edges, *_ = view.net.get_network_data()
    shown = view.shown
    left_out = len(candidates) - len(shown)
    note = (
        f"{len(shown)} of {len(candidates)} entities shown (the most mentioned); {left_out} left out."
        if left_out
        else f"{len(shown)} entities, {len(edges)} relations."
    )
    if focus:
        note = f"Around {focus!r}, {hops} hop(s): " + note
    counts = Counter(cls_of[s] for s in shown)
    legend = [
        {"cls": cls, "label": f"{cls} ({counts[cls]})", "colour": colour, "shape": SHAPES[cls]}
        for cls, colour in COLOURS.items()
    ]
    relations = sorted(
        {e["label"] for e in edges if e["label"] in RELATIONS.values() or e["label"] == "said"}
        | ({"position"} if any(e["label"] not in RELATIONS.values() and e["label"] != "said" for e in edges) else set())
    )
    for e in edges:
        e["kind"] = e["label"] if e["label"] in RELATIONS.values() or e["label"] == "said" else "position"
    return {
        "nodes": nodes,
        "edges": edges,
        "details": view.details,
        "edgeDetails": view.edge_details,
        "options": _layout(nodes, large=len(shown) > 300),
        "legend": legend,
        "relations": relations,
        "note": note,
    }


class _View:
    """The shown entities as vis nodes, their edges, and what the side panel says of each."""

    def __init__(self, g: Dataset, shown: set[Node], cls_of: dict[Node, str], count: dict[Node, int]) -> None:
        from pyvis.network import Network

        self.g, self.shown = g, shown
        self.net = Network(directed=True)
        self.doc_name = {d: str(n) for d, n in g.subject_objects(NG.fileName)}
        self.details: dict[str, dict] = {}
        self.edge_details: dict[str, dict] = {}
        for s in sorted(shown, key=str):
            self._add_node(s, cls_of[s], count[s])
        self.evidence: dict[tuple, list] = defaultdict(list)
        for a in g.subjects(RDF.type, NG.Assertion):
            key = (g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object))
            self.evidence[key].append(
                {
                    "sentence": str(g.value(a, NG.evidence) or ""),
                    "doc": self.doc_name.get(g.value(a, NG.document), ""),
                    "method": str(g.value(a, NG.method) or ""),
                    "confidence": str(g.value(a, NG.confidence) or ""),
                }
            )

    def _add_node(self, s: Node, cls: str, count: int) -> None:
        g = self.g
        label = str(g.value(s, RDFS.label) or s)
        names = sorted({str(o) for o in g.objects(s, SKOS.altLabel)})
        self.net.add_node(
            str(s),
            label=label,
            title=f"{label} ({cls})" + (f"\nalso: {'; '.join(names)}" if names else ""),
            color=COLOURS[cls],
            shape=SHAPES[cls],
            value=count,
            cls=cls,
        )
        self.details[str(s)] = {
            "label": label,
            "cls": cls,
            "names": names,
            "positions": [],
            "relations": [],
            "quotes": [],
            "claims": [],
            "search": [label.lower(), *(n.lower() for n in names)],
        }

    def _edge(self, s: Node, o: Node, label: str, key: tuple) -> None:
        eid = f"{s}|{label}|{o}"
        if eid in self.edge_details:
            return
        self.net.add_edge(str(s), str(o), label=label, title=label, id=eid, arrows="to")
        ev = sorted(self.evidence.get(key, []), key=lambda e: (e["doc"], e["sentence"]))
        self.edge_details[eid] = {
            "label": f"{self.details[str(s)]['label']} — {label} — {self.details[str(o)]['label']}",
            "evidence": ev,
        }

    def add_relations(self) -> None:
        """Relations between shown entities, and positions (an edge when the organisation is shown)."""
        g, details, shown = self.g, self.details, self.shown
        for p, label in RELATIONS.items():
            for s, o in g.subject_objects(p):
                if s in shown and o in shown:
                    self._edge(s, o, label, (s, p, o))
                    details[str(s)]["relations"].append(f"{label} {details[str(o)]['label']}")
        for person, pos in g.subject_objects(NG.holdsPosition):
            if person not in shown:
                continue
            title = str(g.value(pos, NG.title) or "")
            org = g.value(pos, NG.organization)
            if org is not None and org in shown:
                details[str(person)]["positions"].append(f"{title}, {details[str(org)]['label']}")
                self._edge(person, org, title, (person, NG.holdsPosition, pos))
            else:
                details[str(person)]["positions"].append(title)

    def add_speech(self) -> None:
        """Each shown speaker's quotes and claims, for the panel."""
        g = self.g
        for kind, pairs in (("quotes", g.subject_objects(NG.said)), ("claims", _swap(g.subject_objects(NG.claimedBy)))):
            for s, q in pairs:
                if s in self.shown:
                    self.details[str(s)][kind].append(
                        {
                            "text": str(g.value(q, NG.text)),
                            "doc": self.doc_name.get(g.value(q, NG.document), ""),
                            "cue": str(g.value(q, NG.cue) or ""),
                        }
                    )
        for d in self.details.values():
            for k in ("positions", "relations"):
                d[k] = sorted(set(d[k]))
            for k in ("quotes", "claims"):
                d[k] = sorted(d[k], key=lambda q: (q["doc"], q["text"]))

    def add_quote_nodes(self) -> None:
        g = self.g
        for s, q in sorted(g.subject_objects(NG.said), key=lambda x: (str(x[0]), str(x[1]))):
            if s in self.shown:
                text = str(g.value(q, NG.text))
                self.net.add_node(
                    str(q),
                    label=text[:40] + ("…" if len(text) > 40 else ""),
                    title=text,
                    color=QUOTE_COLOUR,
                    shape="box",
                    value=1,
                    cls="Quote",
                )
                self.net.add_edge(str(s), str(q), label="said", title="said", id=f"{s}|said|{q}", arrows="to")


def _swap(pairs: Iterable[tuple[Node, Node]]) -> Iterator[tuple[Node, Node]]:
    return ((b, a) for a, b in pairs)


def _layout(nodes: list[dict], *, large: bool) -> dict:
    """vis-network options. Its "improved layout" (Kamada-Kawai per cluster) takes tens of
    seconds past a few hundred nodes; large views start from a spiral instead and iterate less."""
    if large:
        for i, n in enumerate(nodes):
            r = 40 * (i**0.5)
            n["x"], n["y"] = round(r * math.cos(i * 2.4), 1), round(r * math.sin(i * 2.4), 1)
    return {
        "physics": {
            "stabilization": {"iterations": 120 if large else 400, "updateInterval": 50},
            "barnesHut": {"springLength": 140, "theta": 0.8 if large else 0.5},
        },
        "layout": {"improvedLayout": not large},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False},
        "nodes": {"scaling": {"min": 8, "max": 40}, "font": {"size": 13}},
        "interaction": {"hover": True, "tooltipDelay": 150},
    }


def render_html(ds: Dataset, *, title: str = "newsgraph", **view: Any) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"])
    )
    js, css = _vis_assets()
    from markupsafe import Markup

    return env.get_template("graph.html").render(
        title=title, data=view_data(ds, **view), vis_js=Markup(js), vis_css=Markup(css)
    )


def write_html(ds: Dataset, path: str | Path, *, title: str = "newsgraph", **view: object) -> Path:
    """The graph as one self-contained HTML page (options as for :func:`view_data`)."""
    return write_text_atomic(path, render_html(ds, title=title, **view))
