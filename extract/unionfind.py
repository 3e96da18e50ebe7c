"""Union-find (disjoint sets) over 0..n-1, shared by the document and the graph-wide resolvers.

networkx has connected components, but building a graph object per document costs more than
these few lines; the smaller index always becomes the root, so results do not depend on the
order unions are made in.
"""

from __future__ import annotations

from collections import defaultdict


class UnionFind:
    """Disjoint sets of the integers 0..n-1.

    >>> uf = UnionFind(4)
    >>> uf.union(3, 1); uf.union(1, 2)
    >>> sorted(uf.groups().values())
    [[0], [1, 2, 3]]
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return out
