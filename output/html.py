"""The interactive HTML view: vis-network draws it; our template makes it self-contained.

The page is rendered from ``templates/graph.html`` with vis-network's script and style (the
copies the pyvis package ships) inlined: the file opens with no network at all. pyvis's own
template loads Bootstrap and vis-network from a CDN even with ``cdn_resources="in_line"``.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from newsgraph.graph.codec import DCT_DATE, read_spans
from newsgraph.graph.network import cooccurrence, said_about, sentence_cooccurrence
from newsgraph.ontology import NG

from .files import write_text_atomic

COLOURS = {"Person": "#e4572e", "Organization": "#4c7bd9", "Place": "#2a9d5c", "Event": "#a06cd5"}
SHAPES = {"Person": "dot", "Organization": "diamond", "Place": "triangle", "Event": "star"}
QUOTE_COLOUR = "#f2c14e"
RELATIONS = {NG.ledBy: "led by", NG.memberOf: "member of", NG.partOf: "part of", NG.locatedIn: "located in"}
DOCUMENT_FIELDS = {
    "title": RDFS.label,
    "date": DCT_DATE,
    "source": NG.source,
    "file": NG.fileName,
    "path": NG.path,
    "hash": NG.contentHash,
}
VIEW_TEXT_CHARS = 5_000_000  # article text the page embeds, in all (about 1,500 news articles)


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style, as the pyvis package ships them. Found without importing
    pyvis: its import loads IPython and jinja2 (0.18 s beside what a build imports anyway)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed (run 'make install')")
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib"
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
    return focus_entities(g, cls_of, focus, hops)[1]


def focus_entities(g: Dataset, cls_of: dict, focus: str, hops: int) -> tuple[list[URIRef], set[URIRef]]:
    """The entities named ``focus`` (label or alias, any case), and they with everything within
    ``hops`` of them."""
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
    return start, seen


def view_data(
    ds: Dataset,
    *,
    max_nodes: int = 300,
    focus: str | None = None,
    hops: int = 1,
    quote_nodes: bool = False,
    texts: Mapping[str, str] | None = None,
) -> dict:
    """Nodes, edges and panel details of the graph, as plain JSON-able values.

    Args:
        ds: the graph.
        max_nodes: show at most this many entities, the most mentioned (the page says how
            many were left out).
        focus: show only this entity (label or alias) and its neighbourhood.
        hops: how far the neighbourhood of ``focus`` reaches.
        quote_nodes: draw each quote as a node linked to its speaker (default: in the panel).
        texts: the articles' texts by content hash (a build has them); else each document's
            file is read again from its ``ng:path`` where it is still there and the same.
    """
    g = ds
    cls_of: dict[Node, str] = {}
    for cls in COLOURS:
        for s in g.subjects(RDF.type, NG[cls]):
            cls_of[s] = cls
    count = {s: int(g.value(s, NG.mentionCount) or 1) for s in cls_of}
    about = said_about(g.subject_objects(NG.said), g.subject_objects(NG.claimedBy), g.subject_objects(NG.mentions))
    # which entity each document entity stands for, and where: read once, for the links and dates
    denotes, document_of = list(g.subject_objects(NG.denotes)), list(g.subject_objects(NG.document))
    together = cooccurrence(denotes, document_of)
    in_sentence = sentence_cooccurrence(denotes, document_of, g.subject_objects(NG.sameSentence))
    start: list[URIRef] = []
    candidates: set[Node] = set(cls_of)
    if focus:
        start, focused = focus_entities(g, cls_of, focus, hops)
        candidates = set(focused)
    # the entities that matter: mentioned often, and connected (relations and speech count
    # more than sharing a document)
    strength = _strength(g, cls_of, count, about, together)
    ranked = sorted(candidates, key=lambda s: (-strength[s], str(s)))
    view = _View(g, set(ranked[:max_nodes]), cls_of, count)
    view.add_relations()
    view.add_speech()
    view.add_said_about()
    view.add_cooccurrence(together, in_sentence)
    if quote_nodes:
        view.add_quote_nodes()
    nodes, edges = view.net.nodes, view.net.edges
    shown = view.shown
    dates = _dates(g, shown, denotes, document_of)
    for n in nodes:
        if dates.get(n["id"]):
            n["dates"] = dates[n["id"]]
    _place(nodes, edges, [str(s) for s in ranked[:max_nodes]])
    note = _note(len(shown), len(candidates), sum(e["kind"] not in ("said about", "co-occurs") for e in edges))
    if focus:
        note = f"Around {focus!r}, {hops} hop(s): " + note
    counts = Counter(cls_of[s] for s in shown)
    legend = [
        {"cls": cls, "label": f"{cls} ({counts[cls]})", "colour": colour, "shape": SHAPES[cls]}
        for cls, colour in COLOURS.items()
    ]
    relations = sorted({e["kind"] for e in edges})
    focus_id = str(start[0]) if start else None
    return {
        "nodes": nodes,
        "edges": edges,
        "details": view.details,
        "edgeDetails": view.edge_details,
        "options": _options(),
        "legend": legend,
        "relations": relations,
        "note": note,
        "focus": focus_id,
        "documents": documents(g, texts),
        "dateRange": [min(d[0] for d in dates.values()), max(d[-1] for d in dates.values())] if dates else None,
    }


def _note(shown: int, candidates: int, relations: int) -> str:
    if shown < candidates:
        return (
            f"{shown} of {candidates} entities shown (the most mentioned and connected); {candidates - shown} left out."
        )
    return f"{shown} entities, {relations} relations."


def _dates(
    g: Dataset, shown: set[Node], denotes: list[tuple[Node, Node]], document_of: list[tuple[Node, Node]]
) -> dict[str, list[str]]:
    """The dates (YYYY-MM-DD) of the documents each shown entity is named in, where known."""
    dated = g.subject_objects(DCT_DATE)
    day = {d: str(v)[:10] for d, v in dated if re.match(r"\d{4}-\d{2}-\d{2}", str(v))}  # ISO dates only
    entity = dict(denotes)
    out: dict[str, set[str]] = defaultdict(set)
    for local, doc in document_of:
        e = entity.get(local)
        if e in shown and doc in day:
            out[str(e)].add(day[doc])
    return {k: sorted(v) for k, v in out.items()}


def documents(g: Dataset, texts: Mapping[str, str] | None = None) -> list[dict]:
    """Every document (title, date, source, file) with its text where there is one, in order
    of date and file; the texts up to VIEW_TEXT_CHARS in all."""
    from newsgraph.extract.input.reader import Article, read_articles

    out = []
    for d in g.subjects(RDF.type, NG.Document):
        value = {k: str(g.value(d, p) or "") for k, p in DOCUMENT_FIELDS.items()}
        out.append({"id": str(d), **value})
    out.sort(key=lambda x: (x["date"], x["file"], x["id"]))
    if texts is None:  # a graph read from disk: its articles read again, where they still are
        files = sorted({x["path"].split("#")[0] for x in out if x["path"]})
        hashes = {x["hash"] for x in out}
        found = read_articles([f for f in files if Path(f).is_file()])
        texts = {a.content_hash: a.text for a in found if isinstance(a, Article) and a.content_hash in hashes}
    used = 0
    for x in out:
        text = texts.get(x.pop("hash"), "")
        x.pop("path")
        if text and used + len(text) <= VIEW_TEXT_CHARS:
            x["text"] = text
            used += len(text)
    return out


def _strength(
    g: Dataset, cls_of: dict[Node, str], count: dict[Node, int], about: Counter, together: Counter
) -> dict[Node, float]:
    """How much an entity matters: its mentions, its relations and what it said or had said
    about it (one each), and a tenth of the entities it shares a document with."""
    out = {s: float(count[s]) + len(near) for s, near in _neighbours(g, cls_of).items() if s in cls_of}
    for s in cls_of:
        out.setdefault(s, float(count[s]))
    for a, b in about:
        for x in (a, b):
            if x in out:
                out[x] += 1
    for a, b in together:
        for x in (a, b):
            if x in out:
                out[x] += 0.1
    return out


class _Network:
    """The nodes and edges of the view, each the dict of options vis-network reads.

    pyvis's ``Network`` made these dicts for us before; it is replaced because it was used for
    nothing else, its import loads IPython and jinja2 (0.18 s of each build), and it looks a
    node up in a list (each edge cost the number of nodes). The dicts are the ones it made,
    key for key, so the page is the same."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self._ids: set[str] = set()

    def add_node(self, n_id: str, *, label: str, shape: str, color: str, **options: Any) -> None:
        """A node, unless one has this id already."""
        if n_id not in self._ids:
            self._ids.add(n_id)
            self.nodes.append({"color": color, **options, "id": n_id, "label": label or n_id, "shape": shape})

    def add_edge(self, source: str, to: str, **options: Any) -> None:
        """A directed edge between two nodes added before (an arrow to ``to`` unless told)."""
        if source not in self._ids or to not in self._ids:
            raise ValueError(f"an edge from {source} to {to}: no such node")
        self.edges.append({**options, "from": source, "to": to, **({} if "arrows" in options else {"arrows": "to"})})


class _View:
    """The shown entities as vis nodes, their edges, and what the side panel says of each."""

    def __init__(self, g: Dataset, shown: set[Node], cls_of: dict[Node, str], count: dict[Node, int]) -> None:
        self.g, self.shown = g, shown
        self.net = _Network()
        self.doc_name = {d: str(n) for d, n in g.subject_objects(NG.fileName)}
        self.details: dict[str, dict] = {}
        self.edge_details: dict[str, dict] = {}
        for s in sorted(shown, key=str):
            self._add_node(s, cls_of[s], count[s])
        self._add_mentions()
        self.evidence: dict[tuple, list] = defaultdict(list)
        for a in g.subjects(RDF.type, NG.Assertion):
            key = (g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object))
            self.evidence[key].append(
                {
                    "sentence": str(g.value(a, NG.evidence) or ""),
                    "method": str(g.value(a, NG.method) or ""),
                    "confidence": str(g.value(a, NG.confidence) or ""),
                    **self.place(a),
                }
            )

    def _add_mentions(self) -> None:
        """Where each shown entity is named: per document, its mentions' offsets."""
        g = self.g
        for local, entity in g.subject_objects(NG.denotes):
            if entity not in self.shown:
                continue
            spans = [list(span) for span in read_spans(str(g.value(local, NG.mentionOffsets) or ""))]
            doc = g.value(local, NG.document)
            self.details[str(entity)]["named"].append(
                {"doc": self.doc_name.get(doc, ""), "docId": str(doc), "spans": spans}
            )
        for d in self.details.values():
            d["named"].sort(key=lambda x: (x["doc"], x["docId"]))

    def place(self, node: Node) -> dict:
        """Where a quote, claim or assertion stands: its document and character offsets."""
        g = self.g
        doc = g.value(node, NG.document)
        start, end = g.value(node, NG.start), g.value(node, NG.end)
        return {
            "doc": self.doc_name.get(doc, ""),
            "docId": str(doc) if doc is not None else "",
            "start": int(start) if start is not None else -1,
            "end": int(end) if end is not None else -1,
        }

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
            "about": [],
            "named": [],
            "search": [label.lower(), *(n.lower() for n in names)],
        }

    def _edge(self, s: Node, o: Node, label: str, key: tuple, kind: str) -> None:
        eid = f"{s}|{label}|{o}"
        if eid in self.edge_details:
            return
        self.net.add_edge(str(s), str(o), label=label, title=label, id=eid, arrows="to", kind=kind)
        once = {(e["doc"], e["sentence"]): e for e in self.evidence.get(key, [])}  # each evidence once
        ev = sorted(once.values(), key=lambda e: (e["doc"], e["sentence"]))
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
                    self._edge(s, o, label, (s, p, o), label)
                    details[str(s)]["relations"].append(f"{label} {details[str(o)]['label']}")
        for person, pos in g.subject_objects(NG.holdsPosition):
            if person not in shown:
                continue
            title = str(g.value(pos, NG.title) or "")
            org = g.value(pos, NG.organization)
            if org is not None and org in shown:
                details[str(person)]["positions"].append(f"{title}, {details[str(org)]['label']}")
                self._edge(person, org, title, (person, NG.holdsPosition, pos), "position")
            else:
                details[str(person)]["positions"].append(title)

    def add_speech(self) -> None:
        """Each shown speaker's quotes and claims, for the panel."""
        g = self.g
        for kind, pairs in (("quotes", g.subject_objects(NG.said)), ("claims", _swap(g.subject_objects(NG.claimedBy)))):
            for s, q in pairs:
                if s in self.shown:
                    self.details[str(s)][kind].append(
                        {"text": str(g.value(q, NG.text)), "cue": str(g.value(q, NG.cue) or ""), **self.place(q)}
                    )
        for d in self.details.values():
            for k in ("positions", "relations"):
                d[k] = sorted(set(d[k]))
            for k in ("quotes", "claims"):
                d[k] = sorted(d[k], key=lambda q: (q["doc"], q["text"]))

    def add_said_about(self) -> None:
        """Speaker -> each entity its quotes and claims name, as wide as how many; the quotes in
        the edge's panel."""
        g = self.g
        about: dict[tuple[str, str], list[dict]] = defaultdict(list)
        spoken = [*g.subject_objects(NG.said), *_swap(g.subject_objects(NG.claimedBy))]
        for s, q in spoken:
            for e in g.objects(q, NG.mentions):
                if s in self.shown and e in self.shown and e != s:
                    words = {"sentence": str(g.value(q, NG.text)), "method": "quote", "confidence": ""}
                    about[(str(s), str(e))].append(words | self.place(q))
        for (speaker, entity), quotes in sorted(about.items()):
            eid = f"{speaker}|said about|{entity}"
            self.net.add_edge(speaker, entity, id=eid, title=f"{len(quotes)} quote(s)", arrows="to", kind="said about")
            who, whom = self.details[speaker]["label"], self.details[entity]["label"]
            self.edge_details[eid] = {
                "label": f"{who} — said about — {whom}",
                "evidence": sorted(quotes, key=lambda x: (x["doc"], x["sentence"])),
            }
            self.details[speaker]["about"].append(f"{whom} ({len(quotes)})")
        for d in self.details.values():
            d["about"] = sorted(d["about"])

    def add_cooccurrence(self, together: Counter, in_sentence: Counter, per_node: int = 3) -> None:
        """Entities named in the same documents, thin: each entity's ``per_node`` strongest
        (named in one sentence in most documents, then in one document), so a corpus connects
        without a hairball."""
        pairs: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        for (a, b), documents in together.items():
            if a in self.shown and b in self.shown:
                s, o = str(a), str(b)
                pairs[s].append((in_sentence.get((a, b), 0), documents, s, o))
                pairs[o].append((in_sentence.get((a, b), 0), documents, s, o))
        kept = set()
        for node in sorted(pairs):
            kept |= set(sorted(pairs[node], key=lambda x: (-x[0], -x[1], x[2], x[3]))[:per_node])
        for sentences, documents, s, o in sorted(kept, key=lambda x: (x[2], x[3])):
            eid = f"{s}|co-occurs|{o}"
            said = f"named together in {documents} document(s), in one sentence in {sentences}"
            self.net.add_edge(s, o, id=eid, title=said, kind="co-occurs", width=0.5 + min(sentences, 4) * 0.5)
            self.edge_details[eid] = {
                "label": f"{self.details[s]['label']} and {self.details[o]['label']}: {said}",
                "evidence": [],
            }

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
                self.net.add_edge(
                    str(s), str(q), label="said", title="said", id=f"{s}|said|{q}", arrows="to", kind="said"
                )


def _swap(pairs: Iterable[tuple[Node, Node]]) -> Iterator[tuple[Node, Node]]:
    return ((b, a) for a, b in pairs)


# Border colours of the communities (the largest first); the rest grey.
COMMUNITY_COLOURS = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#1f78b4",
    "#b15928",
    "#6a3d9a",
)
LABELLED = 40  # entities whose label reads at the first zoom; the rest grow readable as one zooms in
WEIGHTS = {"co-occurs": 0.3, "said about": 1.0}  # pull of an edge in the layout; relations 2


def _place(nodes: list[dict], edges: list[dict], ranked: list[str]) -> None:
    """Positions computed once, in Python (networkx's spring layout, seeded: the same graph
    gives the same picture, and the page needs no physics to settle), communities (networkx's
    Louvain, seeded) as border colours, and big labels on the entities that matter most."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sorted(n["id"] for n in nodes))
    for e in sorted(edges, key=lambda e: e["id"]):
        w = WEIGHTS.get(e["kind"], 2.0)
        if g.has_edge(e["from"], e["to"]):
            g[e["from"]][e["to"]]["weight"] += w
        else:
            g.add_edge(e["from"], e["to"], weight=w)
    if not g:
        return
    communities = sorted(nx.community.louvain_communities(g, weight="weight", seed=7), key=lambda c: (-len(c), min(c)))
    pos = _positions(g, communities)
    community = {n: i for i, c in enumerate(communities) for n in c}
    border = {
        n: COMMUNITY_COLOURS[i] if i < len(COMMUNITY_COLOURS) and len(communities[i]) > 2 else "#bbbbbb"
        for n, i in community.items()
    }
    label_of = {n["id"]: str(n.get("label", "")) for n in nodes}
    # labels go to the most mentioned first (the order of drawing goes by connections too)
    value = {n["id"]: int(n.get("value", 0)) for n in nodes}
    mentioned = sorted(ranked, key=lambda i: -value.get(i, 0))
    top = _labelled(mentioned, pos, label_of)
    for n in nodes:
        x, y = pos[n["id"]]
        n["x"], n["y"] = round(float(x), 1), round(float(y), 1)
        n["color"] = {"background": n["color"], "border": border[n["id"]]}
        n["borderWidth"] = 3
        n["font"] = {"size": 16 if n["id"] in top else 6, "strokeWidth": 3, "strokeColor": "#ffffff"}
        if top.get(n["id"]):
            n["font"]["vadjust"] = round(top[n["id"]], 1)
        n["community"] = community[n["id"]]
    seen: Counter[tuple[str, str]] = Counter()
    for e in sorted(edges, key=lambda e: e["id"]):  # two edges between one pair: two curves
        pair = (min(e["from"], e["to"]), max(e["from"], e["to"]))
        k = seen[pair]
        seen[pair] += 1
        if k:
            e["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * k}
        if e["kind"] == "co-occurs":  # thin and pale; not dashed, which costs the first draw 0.8 s at 2,000
            e["color"] = {"color": "#c8c8c8"}
            e["arrows"] = {"to": {"enabled": False}}  # named together: no direction
        elif e["kind"] == "said about":
            e["color"] = {"color": QUOTE_COLOUR}


def _labelled(ranked: list[str], pos: dict[str, tuple[float, float]], label_of: dict[str, str]) -> dict[str, float]:
    """The LABELLED entities whose labels are drawn big at the first zoom, each with how far
    its label is moved up or down (vis-network's ``font.vadjust``): in the order given (the
    most mentioned first), a label that would cover one already placed moves above its node,
    or further below, and is passed over when neither is free (in the hub of a corpus the
    most mentioned sit together, and forty labels on one spot read as none).

    The first zoom fits the layout to the page (about 1,000 pixels wide); a label there is
    13 pixels high and about 7 a character."""
    if not pos:
        return {}
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    unit = max(max(xs) - min(xs), max(ys) - min(ys), 1.0) / 1000  # layout units per pixel
    boxes: list[tuple[float, float, float, float]] = []
    out: dict[str, float] = {}
    for node in ranked:
        if node not in pos:
            continue
        x, y = pos[node]
        half_w, half_h = len(label_of.get(node, "")) * 3.5 * unit, 9 * unit
        for shift in (0.0, -(4 * half_h + 30 * unit), 2 * half_h + 4 * unit):
            top = y + 8 * unit + shift  # a label sits below its node
            box = (x - half_w, x + half_w, top, top + 2 * half_h)
            if not any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in boxes):
                boxes.append(box)
                out[node] = shift
                break
        if len(out) == LABELLED:
            break
    return out


SPRING_NODES = 1000  # up to this many, one spring layout; past it, one per community, packed


def _positions(g: Any, communities: list[set[str]]) -> dict[str, tuple[float, float]]:
    """Page coordinates, about 60 units between neighbours. networkx's spring layout costs the
    square of the nodes each round: a large graph is laid out community by community (each with
    its own seeded spring layout, the largest few by spectral layout) and the communities are
    packed on a spiral, the largest in the middle, so a party and its people sit together."""
    import networkx as nx

    if len(g) <= SPRING_NODES:
        spread = 60.0 * math.sqrt(len(g))
        pos = nx.spring_layout(g, weight="weight", seed=7, iterations=60 if len(g) <= 500 else 30)
        return _apart({n: (float(x) * spread, float(y) * spread) for n, (x, y) in pos.items()})
    out: dict[str, tuple[float, float]] = {}
    area = 0.0
    for i, members in enumerate(communities):
        sub = g.subgraph(sorted(members))
        size = 60.0 * math.sqrt(len(sub))
        if len(sub) == 1:
            local = {next(iter(sub)): (0.0, 0.0)}
        elif len(sub) <= SPRING_NODES:
            local = nx.spring_layout(sub, weight="weight", seed=7, iterations=40)
        else:
            local = nx.spectral_layout(sub, weight="weight")
        # a golden-angle spiral (as sunflower seeds): the distance from the middle grows with the
        # square root of the area of the communities placed before
        radius = 1.3 * math.sqrt(area)
        area += (2 * size) ** 2
        angle = i * 2.39996
        cx, cy = radius * math.cos(angle), radius * math.sin(angle)
        placed = {n: (float(x) * size, float(y) * size) for n, (x, y) in local.items()}
        if 1 < len(placed) <= SPRING_NODES:
            placed = _apart(placed)
        for n, (x, y) in placed.items():
            out[n] = (cx + x, cy + y)
    return out


def _apart(pos: dict[str, tuple[float, float]], gap: float = 36.0, rounds: int = 30) -> dict[str, tuple[float, float]]:
    """The positions with no two nodes closer than ``gap`` (a spring layout draws the entities
    of one article into a clump, where one node hides another and a click takes the wrong
    one): each round pushes every too-close pair apart along the line between them."""
    import numpy as np

    names = sorted(pos)
    xy = np.array([pos[n] for n in names], dtype=float)
    rng = np.random.default_rng(7)
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, np.inf)
        close = dist < gap
        if not close.any():
            break
        same = dist == 0  # two nodes on one spot: a seeded nudge
        delta[same] = rng.normal(size=(int(same.sum()), 2))
        dist = np.where(same, 1.0, dist)
        push = np.zeros_like(dist)
        push[close] = (gap - dist[close]) / (2 * dist[close])
        xy += (delta * push[..., None]).sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, xy, strict=True)}


def _options() -> dict:
    """vis-network options: the layout is the one computed in Python (no physics to settle)."""
    return {
        "physics": {"enabled": False, "barnesHut": {"springLength": 140}},
        "layout": {"improvedLayout": False},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False},
        "nodes": {"scaling": {"min": 8, "max": 40}},
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
