"""Extraction on a Dask cluster: the articles go out in chunks, the records come back.

``extract_articles(..., scheduler="tcp://host:8786")`` sends the articles, a few megabytes at a
time, to the workers of a running Dask cluster; ``scheduler="local:N"`` starts a
``LocalCluster`` of N worker processes on 127.0.0.1 (no dashboard) for this build and stops it
after. Each worker loads the pipeline once (``nlp.load`` is cached per process; the ``nlp``
object itself is never pickled), parses and extracts its chunk with the same code as a
one-process build (``pipeline.extract_timed``) and returns the small extraction records.
Dask schedules, retries a chunk whose task failed (``retries``) and recomputes one whose worker
was lost; nothing here is a scheduler of our own. Results come back in input order, with a
bounded number of chunks in flight, so the graph is the one a one-process build gives.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .errors import NewsgraphError
from .input.reader import Skipped
from .pipeline import batches, in_order
from .records import Article, DocumentExtraction

CHUNK_BYTES = 1_000_000  # text per task: a few seconds of parsing, small next to Dask's overhead
CHUNK_ARTICLES = 32  # and at most this many articles, so a small build still spreads out
RETRIES = 3  # a chunk whose task raised is run again this many times before the build fails
IN_FLIGHT_PER_WORKER = 2  # chunks sent ahead per worker thread: memory stays bounded
CONNECT_TIMEOUT = "20s"  # how long to wait for a scheduler named by its address
TRIM = "MALLOC_TRIM_THRESHOLD_"
# A local cluster's workers parse at the speed of a plain build only without two of Dask's
# defaults (measured on 200 BBC articles: 15.2 s in this process, 20.0 s on a default worker,
# 16.6 s on one configured so): the statistical profiler samples the parsing thread's stack
# every 10 ms for a dashboard nobody opens here, and MALLOC_TRIM_THRESHOLD_=65536 has glibc
# hand memory back to the system at every free, which spaCy's many small arrays pay for.
# Three timers of a worker's event loop wake it 50 + 10 + 2 times a second (the loop's own
# health tick, the memory monitor, the system monitor); each wake-up takes the interpreter
# lock from the parsing thread. Measured on 150 BBC articles, bare nlp.pipe in a local:1
# worker (its first run left out): 13.6-13.7 s with the defaults, 10.3-12.5 s with these,
# 10.1-11.6 s in this process.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    f"distributed.nanny.pre-spawn-environ.{TRIM}": None,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


@contextmanager
def _environ_without(name: str) -> Iterator[None]:
    """This process's environment without ``name`` while the block runs (a worker process
    started in it inherits the environment).

    Dask's nanny copies its pre-spawn settings into the environment of the process that starts
    it and leaves them there (``os.environ.update``): after any LocalCluster with Dask's
    defaults, every later worker of this process would get MALLOC_TRIM_THRESHOLD_=65536, our
    setting notwithstanding.
    """
    saved = os.environ.pop(name, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[name] = saved


def extract_chunk(
    chunk: list[Article], model: str | None, seconds: float
) -> tuple[tuple[str, str], list[DocumentExtraction | Skipped]]:
    """What a worker runs: the pipeline named ``model`` (loaded once in this process) over the
    chunk; with the model's name and version, so the client can check every worker used the one
    the build names."""
    from .nlp import load, model_info
    from .pipeline import extract_timed

    nlp = load(model)
    return model_info(nlp), list(extract_timed(nlp, chunk, len(chunk), seconds))


def local_workers(scheduler: str) -> int | None:
    """N of ``local:N`` (at least 1), or None for the address of a running scheduler.

    >>> local_workers("local:3"), local_workers("tcp://10.0.0.5:8786")
    (3, None)
    """
    if not scheduler.startswith("local:"):
        return None
    n = scheduler.removeprefix("local:")
    if not n.isdigit() or int(n) < 1:
        raise NewsgraphError(f"--scheduler {scheduler!r}: 'local:N' takes a number of worker processes, 1 or more")
    return int(n)


@contextmanager
def client_for(scheduler: str) -> Iterator[Any]:
    """A Dask client of the cluster ``scheduler`` names; a LocalCluster started for ``local:N``
    (processes of one thread each, bound to 127.0.0.1, no dashboard) is closed on the way out."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError as err:  # the Makefile installs it; a user's own pip may not have
        raise NewsgraphError("--scheduler needs Dask: pip install 'dask[distributed]'") from err
    n = local_workers(scheduler)
    if n is not None:
        with dask.config.set(LOCAL_WORKER_CONFIG), _environ_without(TRIM):
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=40,  # errors only: the build prints its own progress
            )
            try:
                with Client(cluster) as client:
                    yield client
            finally:
                cluster.close()
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except ValueError as err:  # Dask's own reading of the address: "missing port number in address 'x'"
        raise NewsgraphError(
            f"--scheduler {scheduler}: not a scheduler's address ({err}); give tcp://host:8786 or local:N"
        ) from err
    except (OSError, TimeoutError) as err:
        raise NewsgraphError(f"--scheduler {scheduler}: no Dask scheduler answers there ({err})") from err
    with client:
        yield client


def extract_on_cluster(
    articles: Iterable[Article], scheduler: str, model: str | None, expected: tuple[str, str], seconds: float
) -> Iterator[DocumentExtraction | Skipped]:
    """The extractions (and articles skipped) of ``articles``, in order, computed on the Dask
    cluster ``scheduler``.

    Raises:
        NewsgraphError: no scheduler answers, or a worker's model is not ``expected`` (name,
            version): its records would not be those of this build.
    """
    with client_for(scheduler) as client:

        def finish(future: Any) -> list[DocumentExtraction | Skipped]:
            used, results = future.result()
            if tuple(used) != tuple(expected):
                raise NewsgraphError(
                    f"--scheduler {scheduler}: a worker parsed with {' '.join(used)}, this build uses "
                    f"{' '.join(expected)}; install the same model on every worker"
                )
            return results

        yield from in_order(
            batches(articles, CHUNK_ARTICLES, CHUNK_BYTES),
            lambda chunk: client.submit(extract_chunk, chunk, model, seconds, retries=RETRIES, pure=False),
            finish,
            window=max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER,
        )
