"""Read articles from files and folders: .txt, .md, .html/.htm and .jsonl.

Every problem with one input becomes a :class:`Skipped` record naming the file (and line)
and the problem; the rest of the batch is still read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .boilerplate import classify_lines
from .records import Article

ARTICLE_SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
_BINARY_SNIFF = 8192


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
            yield Skipped(str(path), "no such file or folder")
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in ARTICLE_SUFFIXES
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                ):
                    yield child
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            yield Skipped(
                str(path),
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


def _article(name: str, path: str, text: str, fmt: str, encoding: str, **meta: str | None) -> Article:
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


def _read_html(text: str, path: Path) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, output_format="python")
    if doc is None:
        raise ValueError("HTML page with no article text")
    body = (doc.text if hasattr(doc, "text") else doc.get("text")) or ""
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    if not body.strip():
        raise ValueError("HTML page with no article text")
    return _article(
        path.name,
        str(path),
        body,
        "html",
        "utf-8",
        title=meta.get("title"),
        date=meta.get("date"),
        url=meta.get("url"),
        site=meta.get("sitename"),
    )


def _read_jsonl(text: str, path: Path) -> Iterator[Article | Skipped]:
    seen_ids: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
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
        if str(doc_id) in seen_ids:
            yield Skipped(where, f"duplicate id {doc_id!s} in this file")
            continue
        seen_ids.add(str(doc_id))
        yield _article(
            str(doc_id),
            f"{path}#{doc_id}",
            body,
            "jsonl",
            "utf-8",
            title=row.get("title"),
            url=row.get("url"),
            date=row.get("date"),
        )


def article_from_text(text: str, name: str) -> Article:
    """An article given as a string (the Python API): read as a .txt file named ``name`` is.

    >>> article_from_text("Pier closes\\n\\nThe pier closed on Monday.", "text-1").title
    'Pier closes'
    """
    return replace(_article(name, name, text, "txt", "utf-8"), title=_plain_title(text))


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Skipped | Warning_]:
    """Stream the articles under ``paths``, one at a time, with a record for each problem.

    Args:
        paths: files and folders.

    Yields:
        An :class:`Article` per article read, a :class:`Skipped` per input (file or jsonl
        line) that was not, and a :class:`Warning_` for guessed encodings.
    """
    for item in expand_paths(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        fmt = ARTICLE_SUFFIXES[item.suffix.lower()]
        try:
            data = item.read_bytes()
        except OSError as err:
            yield Skipped(str(item), f"cannot read ({err.strerror or err})")
            continue
        try:
            text, encoding, warning = decode(data, str(item))
        except ValueError as err:
            yield Skipped(str(item), str(err))
            continue
        if warning:
            yield warning
        if not text.strip():
            yield Skipped(str(item), "empty file")
            continue
        try:
            if fmt == "jsonl":
                yield from _read_jsonl(text, item)
            elif fmt == "html":
                yield _read_html(text, item)
            else:
                yield replace(_article(item.name, str(item), text, fmt, encoding), title=_plain_title(text))
        except ValueError as err:
            yield Skipped(str(item), str(err))
