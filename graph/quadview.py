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
    """The union of the quads' graphs, as triples, indexed by predicate; the (s, p) and (p, o)
    lookups are built for a predicate the first time it is asked for (a build asks for a
    few dozen predicates, and a full index of every triple three ways cost as much memory as
    the graph).

    >>> from rdflib import URIRef, Literal
    >>> s, p, g = URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:g")
    >>> v = QuadView([(s, p, Literal("x"), g), (s, p, Literal("x"), URIRef("urn:h"))])
    >>> len(v), str(v.value(s, p))
    (1, 'x')
    """

    def __init__(self, quads: Iterable[tuple], *, distinct: bool = False) -> None:
        """``distinct``: the caller knows no quad repeats (``GraphParts.quads``), and the
        pass that drops repeats (hashing every term of every quad) is skipped."""
        self.quad_list: list[tuple] = list(quads) if distinct else list(dict.fromkeys(quads))
        by_p: dict[Node, dict[tuple[Node, Node], None]] = defaultdict(dict)
        for s, p, o, _ in self.quad_list:
            by_p[p][(s, o)] = None  # a dict keeps the first-seen order and drops repeats
        self._by_p: dict[Node, list[tuple[Node, Node]]] = {p: list(pairs) for p, pairs in by_p.items()}
        del by_p
        self._triples = sum(map(len, self._by_p.values()))
        self._sp: dict[Node, dict[Node, list[Node]]] = {}
        self._po: dict[Node, dict[Node, list[Node]]] = {}

    def __len__(self) -> int:
        return self._triples

    def quads(self) -> list[tuple]:
        """(s, p, o, graph name) tuples, each once."""
        return self.quad_list

    def triples(self) -> Iterator[tuple]:
        for p, pairs in self._by_p.items():
            for s, o in pairs:
                yield s, p, o

    def _objects_of(self, predicate: Node) -> dict[Node, list[Node]]:
        """subject -> objects, for one predicate."""
        return self._index(self._sp, predicate, 0)

    def _subjects_of(self, predicate: Node) -> dict[Node, list[Node]]:
        """object -> subjects, for one predicate."""
        return self._index(self._po, predicate, 1)

    def _index(self, cache: dict, predicate: Node, key: int) -> dict[Node, list[Node]]:
        index = cache.get(predicate)
        if index is None:
            index = cache[predicate] = defaultdict(list)
            for pair in self._by_p.get(predicate, ()):
                index[pair[key]].append(pair[1 - key])
        return index

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        return iter(self._by_p.get(predicate, ()))

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        return iter(self._subjects_of(predicate).get(obj, ()))

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._objects_of(predicate).get(subject, ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        found = self._objects_of(predicate).get(subject)
        return found[0] if found else None

    def graph(self) -> Graph:
        """Every triple as one rdflib Graph (for SHACL)."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        g.addN((s, p, o, g) for s, p, o in self.triples())
        return g
