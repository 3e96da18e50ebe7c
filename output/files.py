"""Writing files so that a crash never leaves one half-written: temp file, then rename; and an
output folder written beside the old one and switched into place whole.

Files get the permissions a plain ``open`` would give (the umask's), not mkstemp's 0600, and a
replaced file keeps its mode.
"""

from __future__ import annotations

import ctypes
import errno
import os
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


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


class OutputFolder:
    """A folder of outputs written all at once: files go into a new folder beside it, and
    :meth:`commit` switches the new folder into place (the old one, if any, is removed), so a
    reader sees all the old files or all the new ones, never a mix. Nothing is changed if the
    writing fails.

    Made before the slow work starts, so that a target that cannot be written is reported
    first: a file where the folder should be, a parent that is not writable.
    """

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target)
        if self.target.exists() and not self.target.is_dir():
            raise OSError(errno.ENOTDIR, "exists and is not a folder", str(self.target))
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-", dir=self.target.parent))
        mode = stat.S_IMODE(self.target.stat().st_mode) if self.target.exists() else 0o777 & ~umask()
        os.chmod(self.path, mode)
        if self.target.is_dir():  # files of the folder newsgraph does not write stay in it
            for entry in self.target.iterdir():
                if not entry.name.startswith(".") and entry.is_file():
                    try:
                        os.link(entry, self.path / entry.name)
                    except OSError:  # a file system without hard links
                        shutil.copy2(entry, self.path / entry.name)

    def commit(self) -> Path:
        """Switch the written folder into place."""
        if not self.target.exists():
            os.rename(self.path, self.target)
        elif _exchange(self.path, self.target):
            shutil.rmtree(self.path)
        else:  # two renames: the target is missing for an instant, never mixed
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=self.target.parent))
            os.rename(self.target, old / "x")
            os.rename(self.path, self.target)
            shutil.rmtree(old)
        return self.target

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
