"""Extraction on a Dask cluster gives the graph of a one-process build (issue #27).

Every cluster here is a real ``LocalCluster`` on 127.0.0.1, stopped by the test that starts it.
"""

from __future__ import annotations

import os
import signal

import pytest
from dask.distributed import Client, LocalCluster

from newsgraph.extract import cluster
from newsgraph.extract.errors import NewsgraphError
from newsgraph.graph.source import open_dataset
from newsgraph.output.build import build

from ..conftest import EXAMPLES
from ..graph.conftest import assert_same_graph, without_runs


def test_the_bbc_development_set_on_two_local_workers_is_the_one_process_graph(tmp_path, shared, nlp):
    bbc = shared / "eval" / "bbc-dev" / "text"
    one = build([bbc], tmp_path / "one", validate=False)
    two = build([bbc], tmp_path / "two", scheduler="local:2", validate=False)
    assert one.documents_read == two.documents_read == 79
    assert_same_graph(without_runs(open_dataset(tmp_path / "two")), without_runs(open_dataset(tmp_path / "one")))


def test_a_worker_killed_mid_build_is_replaced_and_the_graph_is_the_same(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(cluster, "CHUNK_ARTICLES", 1)  # seven tasks, so the kill lands mid-build
    build([EXAMPLES], tmp_path / "one", validate=False)
    killed: list[int] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as lc:
        with Client(lc) as client:
            pids = sorted(client.run(os.getpid).values())

            def kill_one_after_the_first(stream):
                for i, x in enumerate(stream):
                    if i == 0:
                        os.kill(pids[0], signal.SIGKILL)  # its nanny starts a new worker
                        killed.append(pids[0])
                    yield x

            two = build(
                [EXAMPLES],
                tmp_path / "two",
                scheduler=lc.scheduler_address,
                progress=kill_one_after_the_first,
                validate=False,
            )
            client.wait_for_workers(2, timeout=60)
            after = set(client.run(os.getpid).values())
    assert killed and killed[0] not in after, "the worker was killed and its nanny started another"
    assert two.documents_read == 7
    assert_same_graph(without_runs(open_dataset(tmp_path / "two")), without_runs(open_dataset(tmp_path / "one")))


def test_a_scheduler_that_does_not_answer_is_one_clear_error(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(NewsgraphError, match=r"--scheduler tcp://127\.0\.0\.1:9: no Dask scheduler answers there"):
        build([EXAMPLES], tmp_path / "out", scheduler="tcp://127.0.0.1:9")
    assert not (tmp_path / "out").exists()


def test_an_address_dask_cannot_read_is_one_clear_error(tmp_path, nlp):
    with pytest.raises(NewsgraphError, match=r"--scheduler foo: not a scheduler's address .*missing port number"):
        build([EXAMPLES], tmp_path / "out", scheduler="foo")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("bad", ["local:0", "local:two"])
def test_local_takes_a_number_of_processes(bad):
    with pytest.raises(NewsgraphError, match="'local:N' takes a number of worker processes"):
        cluster.local_workers(bad)


def test_a_local_clusters_workers_run_without_the_profiler_and_with_slow_timers(nlp, monkeypatch):
    # what Dask's nanny leaves in this process's environment after any LocalCluster of its defaults
    monkeypatch.setenv(cluster.TRIM, "65536")

    def settings() -> dict:
        import dask

        keys = [k for k in cluster.LOCAL_WORKER_CONFIG if "environ" not in k]
        return {k: dask.config.get(k) for k in keys} | {"trim": os.environ.get("MALLOC_TRIM_THRESHOLD_")}

    with cluster.client_for("local:1") as client:
        (got,) = client.run(settings).values()
    assert got == {
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "1s",
        "distributed.worker.memory.monitor-interval": "1s",
        "distributed.admin.system-monitor.interval": "5s",
        "trim": None,
    }
    assert os.environ[cluster.TRIM] == "65536", "this process's environment is given back"
