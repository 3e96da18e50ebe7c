"""A build tells the garbage collector, as it starts, as each stage ends and after each full
collection, that what is alive lives until the build ends (so full collections stop rescanning
the pipeline, the records and the quads), and leaves the collector as it found it."""

from __future__ import annotations

import gc

import pytest

from newsgraph.extract.errors import NewsgraphError
from newsgraph.output.build import build

from ..conftest import EXAMPLES


def test_what_a_stage_made_is_frozen_until_the_build_ends(tmp_path, nlp):
    seen: list[tuple[str, bool]] = []
    build(
        [EXAMPLES],
        tmp_path / "out",
        validate=False,
        on_stage=lambda name, _d, _s: seen.append((name, gc.get_freeze_count() > 0)),
    )
    assert seen == [("parse", True), ("resolve", True), ("write", True)]
    assert gc.get_freeze_count() == 0


def test_what_a_full_collection_finds_alive_during_a_build_is_frozen_until_it_ends(tmp_path, nlp):
    grew: list[bool] = []
    callbacks = list(gc.callbacks)

    def collect_at_each_stage(_name: str, _done: str, _seconds: float) -> None:
        before = gc.get_freeze_count()
        alive = [[] for _ in range(100)]  # a hundred objects the collection below finds alive
        gc.collect()
        grew.append(gc.get_freeze_count() >= before + len(alive))

    build([EXAMPLES], tmp_path / "out", validate=False, on_stage=collect_at_each_stage)
    assert grew == [True, True, True]
    assert gc.get_freeze_count() == 0 and gc.callbacks == callbacks


def test_a_build_that_fails_leaves_nothing_frozen(tmp_path, nlp):
    def fail_after_resolving(name: str, _done: str, _seconds: float) -> None:
        if name == "resolve":  # the parse's and the resolution's objects are frozen by now
            raise NewsgraphError("stopped")

    with pytest.raises(NewsgraphError):
        build([EXAMPLES], tmp_path / "out", validate=False, on_stage=fail_after_resolving)
    assert gc.get_freeze_count() == 0


def test_a_caller_that_froze_objects_of_its_own_keeps_them_frozen(tmp_path, nlp):
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        build([EXAMPLES], tmp_path / "out", validate=False)
        assert 0 < gc.get_freeze_count() <= before  # the caller's, and none of the build's
    finally:
        gc.unfreeze()
