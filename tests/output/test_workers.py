"""--workers N gives the same graph as one process (issue #7)."""

from __future__ import annotations

from newsgraph.graph.source import open_dataset
from newsgraph.output.build import build

from ..conftest import EXAMPLES
from ..graph.conftest import assert_same_graph, without_runs


def test_two_workers_write_the_same_graph_as_one(tmp_path, nlp):
    one = build([EXAMPLES], tmp_path / "one", workers=1, batch_size=2)
    two = build([EXAMPLES], tmp_path / "two", workers=2, batch_size=2)
    assert one.documents_read == two.documents_read == 7
    assert_same_graph(without_runs(open_dataset(tmp_path / "two")), without_runs(open_dataset(tmp_path / "one")))
