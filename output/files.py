"""Writing files so that a crash never leaves one half-written: temp file, then rename; and the
files of an output folder written beside and switched into place as a set.

Files get the permissions a plain ``open`` would give (the umask's), not mkstemp's 0600, and a
replaced file keeps its mode.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path``; renamed onto it when the block ends without error.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(path, 0o666))
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_atomic(path: str | Path, write: Callable[[Path], Any]) -> Path:
    with atomic_path(path) as tmp:
        write(tmp)
    return Path(path)


def write_text_atomic(path: str | Path, text: str) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def umask() -> int:
    """The process's umask (read without changing it, where Linux tells it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0)  # elsewhere: set and restore at once
    os.umask(mask)
    return mask


def _mode_for(path: Path, default: int) -> int:
    """The mode of the file ``path`` replaces, else ``default`` less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return default & ~umask()


# --- output folders ----------------------------------------------------------------------------
# The files newsgraph writes into an output folder. Nothing else in the folder is ever touched.
OUTPUT_NAMES = ("graph.ttl", "graph.trig", "graph.html", "report.json")
_STAGE_IN = ".newsgraph-new-"  # a staging folder inside an output folder that exists
_JOURNAL = ".switch"  # written into a staging folder just before its files are moved into place


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _switch(stage: Path, target: Path) -> None:
    """Move every file of ``stage`` onto its name in ``target`` (a replaced file keeps its mode),
    then remove ``stage``. The journal written first lets a later run finish a switch that a
    kill interrupted, so the folder never stays with half of the new files."""
    names = sorted(p.name for p in stage.iterdir() if p.name != _JOURNAL)
    journal = stage / _JOURNAL
    if not journal.exists():
        with open(journal, "w", encoding="utf-8") as fh:
            fh.write("\n".join(names) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    for name in names:
        new, old = stage / name, target / name
        try:
            os.chmod(new, stat.S_IMODE(old.stat().st_mode))
        except FileNotFoundError:
            pass
        os.replace(new, old)
    journal.unlink()
    stage.rmdir()


def _stage_owner(path: Path, prefix: str) -> int | None:
    """The pid in a staging folder's name (``<prefix><pid>-<random>``)."""
    pid = path.name[len(prefix) :].split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def _recover(where: Path, prefix: str, target: Path) -> None:
    """Finish or drop what a killed run left in ``where``: a staging folder whose process is
    gone is switched into ``target`` if its switch had begun (its journal exists), else removed."""
    try:
        leftovers = [p for p in where.iterdir() if p.name.startswith(prefix) and p.is_dir()]
    except OSError:
        return
    for stage in leftovers:
        pid = _stage_owner(stage, prefix)
        if pid is None or _pid_alive(pid):
            continue
        if (stage / _JOURNAL).exists() and target.is_dir():
            _switch(stage, target)
        else:
            shutil.rmtree(stage, ignore_errors=True)


class OutputFolder:
    """The files of one run, written into a staging folder and switched into the output folder
    as a set by :meth:`commit`.

    Only newsgraph's own files are replaced: every other entry of the folder (subfolders,
    dotfiles, a ``.git``, the user's notes) is left alone. A folder that does not exist yet is
    made whole in one rename; into a folder that exists, the new files move by one rename
    each, behind a journal, so a run killed in between is completed by the next one. Nothing
    is changed if the writing fails.

    Made before the slow work starts, so that a target that cannot be written is reported
    first: a file where the folder should be, a parent that is not writable.
    """

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target)
        if self.target.exists() and not self.target.is_dir():
            raise OSError(errno.ENOTDIR, "exists and is not a folder", str(self.target))
        self.target.parent.mkdir(parents=True, exist_ok=True)
        beside = f".{self.target.name}.new-"
        _recover(self.target.parent, beside, self.target)
        if self.target.is_dir():
            _recover(self.target, _STAGE_IN, self.target)
            where, prefix = self.target, _STAGE_IN
        else:
            where, prefix = self.target.parent, beside
        # Named here rather than by tempfile.mkdtemp, so that the name is known before the
        # folder exists: Ctrl-C or SIGTERM at any moment of making it removes it again (the
        # caller removes it from then on). os.mkdir's mode is cut by the umask, as a file's is.
        while True:
            self.path = where / f"{prefix}{os.getpid()}-{secrets.token_hex(6)}"
            try:
                os.mkdir(self.path)
            except FileExistsError:
                continue
            except BaseException:
                shutil.rmtree(self.path, ignore_errors=True)
                raise
            break

    def commit(self) -> Path:
        """Switch the written files into place."""
        if not self.target.exists():
            try:
                os.rename(self.path, self.target)
                return self.target
            except OSError:  # made meanwhile by someone else: move the files in one by one
                self.target.mkdir(parents=True, exist_ok=True)
        _switch(self.path, self.target)
        return self.target

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
