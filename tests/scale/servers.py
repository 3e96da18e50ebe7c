"""Throwaway triple stores for tests and benches (issue #27): Virtuoso open source and the Oxigraph server.

Debian's ``virtuoso-opensource`` package (``make test`` installs it when missing, as root)
gives ``virtuoso-t`` and ``isql-vt``. This starts ``virtuoso-t +foreground`` on a fresh database
in a folder of its own, its SQL and HTTP ports bound to 127.0.0.1, never the system service,
bulk-loads N-Quads with Virtuoso's own loader (``ld_dir`` + ``rdf_loader_run``), answers
SPARQL over its HTTP endpoint, and stops the server by its pid.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {load}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


class ServerError(RuntimeError):
    pass


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _select(endpoint: str, sparql: str) -> list[dict]:
    """The bindings of a SELECT at a SPARQL endpoint, as SPARQL 1.1 JSON results give them
    (SPARQLWrapper, the client the project's own endpoint is tested with)."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(sparql)
    client.setReturnFormat(JSON)
    client.setTimeout(300)
    return client.queryAndConvert()["results"]["bindings"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Virtuoso:
    """``with Virtuoso(folder) as v: v.load(shards_dir); v.select(query)``."""

    def __init__(self, folder: Path) -> None:
        for tool in ("virtuoso-t", "isql-vt"):
            if shutil.which(tool) is None:
                raise ServerError(
                    f"{tool} not found: install Debian's virtuoso-opensource package "
                    "('make test' does it as root: apt-get install virtuoso-opensource)"
                )
        self.folder = folder
        self.load_dir = folder / "load"
        self.sql_port, self.http_port = _free_port(), _free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Virtuoso:
        db = self.folder / "db"
        db.mkdir(parents=True)
        self.load_dir.mkdir()
        ini = self.folder / "virtuoso.ini"
        ini.write_text(
            INI.format(db=db, load=self.load_dir, sql_port=self.sql_port, http_port=self.http_port), encoding="utf-8"
        )
        with (self.folder / "server.log").open("wb") as log:  # the child keeps its own descriptor
            self.process = subprocess.Popen(
                ["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=db, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"virtuoso-t exited with {self.process.returncode}: {self._log_tail()}")
            if self._sql("status();", check=False).returncode == 0 and _listening(self.http_port):
                return self
            time.sleep(0.5)
        self.__exit__(None, None, None)
        raise ServerError(f"virtuoso-t did not answer on 127.0.0.1:{self.sql_port} in 60 s: {self._log_tail()}")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _log_tail(self) -> str:
        path = self.folder / "server.log"
        return " | ".join(path.read_text(errors="replace").splitlines()[-5:]) if path.exists() else ""

    def _sql(self, statements: str, *, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if check and (done.returncode != 0 or "*** Error" in done.stdout + done.stderr):
            raise ServerError(f"isql: {statements}: {(done.stdout + done.stderr).strip()[-500:]}")
        return done

    def load(self, shards: list[Path]) -> float:
        """Bulk-load gzip N-Quads files (copied into the server's allowed folder); seconds taken."""
        for s in shards:
            shutil.copy(s, self.load_dir / s.name)
        started = time.perf_counter()
        self._sql(f"ld_dir('{self.load_dir}', '*.nq.gz', 'urn:newsgraph:unnamed'); rdf_loader_run(); checkpoint;")
        errors = self._sql("select ll_file, ll_error from DB.DBA.LOAD_LIST where ll_error is not null;").stdout
        if "0 Rows." not in errors:
            raise ServerError(f"the bulk loader reported errors: {errors.strip()[-500:]}")
        return time.perf_counter() - started

    def select(self, sparql: str) -> list[dict]:
        return _select(f"http://127.0.0.1:{self.http_port}/sparql", sparql)


class OxigraphServer:
    """The Oxigraph server (PyPI ``oxigraph``, pinned): ``oxigraph load`` into a fresh folder,
    then ``oxigraph serve-read-only`` on 127.0.0.1 with the union default graph (as
    ``newsgraph query``), stopped by its pid. ``with OxigraphServer(folder, shards) as o: o.select(q)``."""

    def __init__(self, folder: Path, shards: list[Path]) -> None:
        self.tool = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
        if self.tool is None:
            raise ServerError("oxigraph not found: pip install oxigraph (make install does)")
        self.folder, self.shards = folder, shards
        self.port = _free_port()
        self.process: subprocess.Popen | None = None
        self.load_seconds = 0.0

    def __enter__(self) -> OxigraphServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = self.folder / "data"
        started = time.perf_counter()
        loaded = subprocess.run(
            [self.tool, "load", "--location", str(data), "--file", *map(str, self.shards)],
            capture_output=True,
            text=True,
        )
        if loaded.returncode != 0:
            raise ServerError(f"oxigraph load: {loaded.stderr.strip()[-500:]}")
        self.load_seconds = time.perf_counter() - started
        with (self.folder / "server.log").open("wb") as log:  # the child keeps its own descriptor
            self.process = subprocess.Popen(
                [self.tool, "serve-read-only", "--location", str(data), "--bind", f"127.0.0.1:{self.port}"]
                + ["--union-default-graph"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"oxigraph serve-read-only exited with {self.process.returncode}")
            if _listening(self.port):
                return self
            time.sleep(0.2)
        self.__exit__()
        raise ServerError(f"oxigraph did not answer on 127.0.0.1:{self.port} in 30 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)

    def select(self, sparql: str) -> list[dict]:
        return _select(f"http://127.0.0.1:{self.port}/query", sparql)
