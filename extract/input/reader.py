"""Read articles from files and folders: .txt, .md, .html/.htm and .jsonl.

Every problem with one input becomes a :class:`Skipped` record naming the file (and line)
and the problem; the rest of the batch is still read.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import InputError, printable
from ..limits import TimeLimitExceeded, time_limit
from ..records import Article
from .boilerplate import classify_lines

ARTICLE_SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
_BINARY_SNIFF = 8192
# Files larger than this are not read (--max-file-size): a .jsonl of some thousand articles fits.
MAX_FILE_BYTES = 200 << 20
# spaCy's own limit (nlp.max_length): a longer text would stop the whole batch. Such an article is
# skipped with a line saying so; cutting it would split quotes and sentences at the cut.
MAX_ARTICLE_CHARS = 1_000_000
# Seconds trafilatura may spend on one HTML page (a pathological page can take minutes).
HTML_SECONDS = 30.0
_JSONL_TEXT_FIELDS = ("title", "url", "date")


def display_path(path: str | Path) -> str:
    """A path as it can be printed and stored: bytes that are not UTF-8 (a file name from
    another system) and control characters (an escape sequence, a newline) shown as escapes.

    >>> display_path(os.fsdecode(b"caf\\xe9.txt")), display_path("a\\nb.txt")
    ('caf\\\\xe9.txt', 'a\\\\x0ab.txt')
    """
    return printable(os.fsencode(path).decode("utf-8", "backslashreplace"))


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not read, and why (one line, naming the file)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Warning_:
    """A problem that did not stop the input from being read (e.g. a guessed encoding)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files named directly, and article files found under folders, in a stable order.

    Files with other endings inside a folder are passed over (a folder often holds a README
    or images); a file named directly must be an article format.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Skipped(display_path(path), "no such file or folder")
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() not in ARTICLE_SUFFIXES or any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    continue
                if child.is_file():
                    yield child
                elif not child.is_dir() and child.exists():  # a FIFO, device or socket: never opened
                    yield Skipped(display_path(child), "not a regular file (a FIFO, device or socket); not read")
        elif not stat.S_ISREG(path.stat().st_mode):
            yield Skipped(display_path(path), "not a regular file (a FIFO, device or socket); not read")
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            yield Skipped(
                display_path(path),
                f"not an article format ({path.suffix or 'no extension'}); expected .txt, .md, .html, .htm or .jsonl",
            )
        else:
            yield path


def decode(data: bytes, path: str) -> tuple[str, str, Warning_ | None]:
    """Bytes to text: UTF-8 first, else the encoding charset-normalizer detects (with a warning).

    Raises:
        ValueError: the bytes are binary or cannot be decoded.
    """
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8", None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # charset-normalizer's best() ranks by "chaos" alone, and calls a Latin-1 file with a
    # single pound sign cp932; weigh in how coherent the decoded language is as well.
    # On a short text every candidate scores alike; then prefer the Western encodings most
    # English news that is not UTF-8 is written in.
    western = {"cp1252", "latin_1", "iso8859_15", "iso8859_1"}
    matches = list(from_bytes(data))
    best = max(matches, key=lambda m: (round(m.coherence - m.chaos, 2), m.encoding in western), default=None)
    if best is None:
        raise ValueError("not text in any encoding we can detect")
    return str(best), best.encoding, Warning_(path, f"not UTF-8; decoded as {best.encoding}")


def _article(name: str, path: str, text: str, fmt: str, encoding: str, **meta: Any) -> Article:
    parts = classify_lines(text)
    return Article(
        name=name,
        path=path,
        text=text,
        content_hash=content_hash(text),
        format=fmt,
        encoding=encoding,
        date=meta.pop("date", None) or parts.date,
        source=parts.source,
        skipped=parts.skipped,
        **meta,
    )


def _plain_title(text: str) -> str | None:
    """A first line followed by a blank line is the title (.txt and .md)."""
    lines = text.splitlines()
    if len(lines) >= 2 and lines[0].strip() and not lines[1].strip():
        return lines[0].strip().lstrip("#").strip() or None
    return None


@contextmanager
def _time_limit(seconds: float, message: str) -> Iterator[None]:
    """Raise ValueError(message) if the block runs longer than ``seconds`` (in any thread)."""
    try:
        with time_limit(seconds):
            yield
    except TimeLimitExceeded:
        raise ValueError(message) from None


def _read_html(text: str, path: Path, *, seconds: float = HTML_SECONDS) -> Article:
    import trafilatura

    with _time_limit(seconds, f"HTML extraction took over {seconds:g} s (a pathological page); not read"):
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, output_format="python")
    if doc is None:
        raise ValueError("HTML page with no article text")
    body = (doc.text if hasattr(doc, "text") else doc.get("text")) or ""
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    if not body.strip():
        raise ValueError("HTML page with no article text")
    return _article(
        display_path(path.name),
        display_path(path),
        body,
        "html",
        "utf-8",
        title=meta.get("title"),
        date=meta.get("date"),
        url=meta.get("url"),
        site=meta.get("sitename"),
    )


def _unpaired_surrogate(value: object) -> bool:
    """A JSON string with a lone ``\\ud800`` escape decodes to a str no UTF-8 can hold."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _read_jsonl(text: str, path: Path) -> Iterator[Article | Skipped]:
    seen_ids: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{display_path(path)}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(where, f"not valid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(row, dict):
            yield Skipped(where, "expected a JSON object with 'id' and 'text'")
            continue
        doc_id, body = row.get("id"), row.get("text")
        if doc_id is None or not isinstance(body, str):
            yield Skipped(where, "expected a JSON object with 'id' and a string 'text'")
            continue
        if not body.strip():
            yield Skipped(where, f"article {doc_id!s} has an empty 'text'")
            continue
        broken = next((f for f in ("id", "text", *_JSONL_TEXT_FIELDS) if _unpaired_surrogate(row.get(f))), None)
        if broken is not None:
            yield Skipped(where, f"field {broken!r} holds an unpaired surrogate escape (\\ud800 ...), not Unicode text")
            continue
        wrong = next((f for f in _JSONL_TEXT_FIELDS if row.get(f) is not None and not isinstance(row[f], str)), None)
        if wrong is not None:
            yield Skipped(where, f"field {wrong!r} is {type(row[wrong]).__name__}; expected a string")
            continue
        if not isinstance(doc_id, str | int):
            yield Skipped(where, f"field 'id' is {type(doc_id).__name__}; expected a string or a number")
            continue
        if str(doc_id) in seen_ids:
            yield Skipped(where, f"duplicate id {doc_id!s} in this file")
            continue
        seen_ids.add(str(doc_id))
        article = _article(
            str(doc_id),
            f"{display_path(path)}#{doc_id}",
            body,
            "jsonl",
            "utf-8",
            title=row.get("title"),
            url=row.get("url"),
            date=row.get("date"),
        )
        yield replace(article, file=display_path(path), key=str(doc_id))


STDIN = "<stdin>"


def read_stdin(text: str, fmt: str = "txt") -> list[Article | Skipped]:
    """The articles of text read from standard input (``newsgraph build -``): one article
    (``txt``), or one a line (``jsonl``, each line as in a .jsonl file).

    >>> [a.name for a in read_stdin('{"id": "a1", "text": "Words."}\\n', "jsonl")]
    ['a1']
    """
    if fmt == "jsonl":
        return [replace(a, file=STDIN) if isinstance(a, Article) else a for a in _read_jsonl(text, Path(STDIN))]
    if not text.strip():
        return [Skipped(STDIN, "empty input")]
    return [_checked(replace(article_from_text(text, STDIN), file=STDIN))]


def article_from_text(text: str, name: str) -> Article:
    """An article given as a string (the Python API): read as a .txt file named ``name`` is.

    >>> article_from_text("Pier closes\\n\\nThe pier closed on Monday.", "text-1").title
    'Pier closes'
    """
    return replace(_article(name, name, text, "txt", "utf-8"), title=_plain_title(text))


def read_articles(
    paths: Iterable[str | Path], *, max_file_bytes: int = MAX_FILE_BYTES, html_seconds: float = HTML_SECONDS
) -> Iterator[Article | Skipped | Warning_]:
    """Stream the articles under ``paths``, one at a time, with a record for each problem.

    Args:
        paths: files and folders.
        max_file_bytes: a larger file is skipped without being read.
        html_seconds: the time trafilatura may take on one page.

    Yields:
        An :class:`Article` per article read, a :class:`Skipped` per input (file or jsonl
        line) that was not, and a :class:`Warning_` for guessed encodings.
    """
    for item in expand_paths(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        shown = display_path(item)
        try:
            data = _read_capped(item, max_file_bytes)
        except OSError as err:
            yield Skipped(shown, f"cannot read ({err.strerror or err})")
            continue
        if data is None:
            yield Skipped(shown, f"larger than {max_file_bytes:,} bytes (--max-file-size); not read")
            continue
        try:
            text, encoding, warning = decode(data, shown)
        except ValueError as err:
            yield Skipped(shown, str(err))
            continue
        if warning:
            yield warning
        if not text.strip():
            yield Skipped(shown, "empty file")
            continue
        fmt = ARTICLE_SUFFIXES[item.suffix.lower()]
        try:
            if fmt == "jsonl":
                articles: Iterable[Article | Skipped] = _read_jsonl(text, item)
            elif fmt == "html":
                articles = [_read_html(text, item, seconds=html_seconds)]
            else:
                article = _article(display_path(item.name), shown, text, fmt, encoding)
                articles = [replace(article, title=_plain_title(text))]
            for a in articles:
                yield _checked(a if isinstance(a, Skipped) or a.file else replace(a, file=shown))
        except ValueError as err:
            yield Skipped(shown, str(err))


def read_small_file(path: str | Path, limit: int, what: str) -> str:
    """The UTF-8 text of a small file the user names (an alias file, a query file): never a
    FIFO or device (reading one could hang or never end), never past ``limit`` bytes.

    Raises:
        InputError: naming the file and the problem.
    """
    shown = display_path(path)
    try:
        with open(path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NONBLOCK)) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(f"{shown}: the {what} is not a regular file (a FIFO, device or socket); not read")
            data = fh.read(limit + 1)
    except OSError as err:
        raise InputError(f"{shown}: cannot read the {what} ({err.strerror or err})") from err
    if len(data) > limit:
        raise InputError(f"{shown}: the {what} is larger than {limit:,} bytes; not read")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{shown}: the {what} is not UTF-8 text (byte {err.start})") from None


def _read_capped(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it has more than ``limit`` (never reading past it)."""
    with open(path, "rb") as fh:
        if os.fstat(fh.fileno()).st_size > limit:
            return None
        data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _checked(item: Article | Skipped) -> Article | Skipped:
    """An article longer than the parser takes is skipped, with a line saying why."""
    if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
        return Skipped(
            item.path,
            f"{len(item.text):,} characters, more than the {MAX_ARTICLE_CHARS:,} an article may have "
            "(spaCy's limit); split it into several files",
        )
    return item
