"""A read-only, indexed view of a list of quads, with the few rdflib Graph methods our writers,
summary and HTML view use.

Why our own: loading a whole graph into an rdflib Dataset costs about 8 µs a triple (its
Memory store keeps five indexes and context bookkeeping), more than extracting the facts did;
building three dicts over the quads we already hold costs a tenth of that. Anything needing
a full rdflib graph (SHACL, SPARQL over rdflib) still gets one from :meth:`QuadView.graph`.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Graph, Node

from newsgraph.ontology import PREFIXES


class QuadView:
    """The union of the quads' graphs, as triples, indexed by predicate, (s, p) and (p, o).

    >>> from rdflib import URIRef, Literal
    >>> s, p, g = URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:g")
    >>> v = QuadView([(s, p, Literal("x"), g), (s, p, Literal("x"), URIRef("urn:h"))])
    >>> len(v), str(v.value(s, p))
    (1, 'x')
    """

    def __init__(self, quads: Iterable[tuple]) -> None:
        self.quad_list: list[tuple] = list(dict.fromkeys(quads))
        self._by_p: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        self._sp: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self._po: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        seen: set[tuple] = set()
        for s, p, o, _ in self.quad_list:
            if (s, p, o) in seen:
                continue
            seen.add((s, p, o))
            self._by_p[p].append((s, o))
            self._sp[(s, p)].append(o)
            self._po[(p, o)].append(s)
        self._triples = len(seen)

    def __len__(self) -> int:
        return self._triples

    def quads(self) -> list[tuple]:
        """(s, p, o, graph name) tuples, each once."""
        return self.quad_list

    def triples(self) -> Iterator[tuple]:
        for p, pairs in self._by_p.items():
            for s, o in pairs:
                yield s, p, o

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        return iter(self._by_p.get(predicate, ()))

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        return iter(self._po.get((predicate, obj), ()))

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._sp.get((subject, predicate), ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        found = self._sp.get((subject, predicate))
        return found[0] if found else None

    def graph(self) -> Graph:
        """Every triple as one rdflib Graph (for SHACL)."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        g.addN((s, p, o, g) for s, p, o in self.triples())
        return g
