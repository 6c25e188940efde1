"""Bytes in, article out: decoding, HTML extraction and JSON records.

Everything that changes the length of the text happens here or in `text`, before the text becomes the
analysed text whose offsets the output reports.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Larger inputs are refused before being read whole; a long press article is about 50 kB.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# C0 control characters other than tab, line feed, carriage return and form feed: text never holds them.
CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13})
# Western encodings first: they are what French-language archives are in when they are not UTF-8.
FRENCH_ENCODINGS = ("utf_8", "cp1252", "latin_1", "iso8859_15", "mac_roman")
CHAOS_TOLERANCE = 0.02
HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.I)


class InputError(ValueError):
    """An input that cannot be analysed; the message is meant for the user."""

    type = "input_error"


class EmptyInputError(InputError):
    type = "empty"


class BinaryInputError(InputError):
    type = "binary"


class DecodeError(InputError):
    type = "undecodable"


class TooLargeError(InputError):
    type = "too_large"


@dataclass
class RawArticle:
    """An article's text before cleaning, with what its container said about it."""

    text: str
    id: str
    source: str
    title: str | None = None
    date: str | None = None
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str]:
    """Return (text, encoding). UTF-8 (with or without BOM) first, then charset detection."""
    if not data:
        raise EmptyInputError(f"{name} is empty")
    if not data.strip():
        raise EmptyInputError(f"{name} holds only white space")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInputError(f"{name} looks binary (it holds NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect_and_decode(data, name)
    if sum(text.count(chr(byte)) for byte in CONTROL_BYTES) > max(8, len(text) // 100):
        raise BinaryInputError(f"{name} looks binary (it holds control characters), not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInputError(f"{name} holds only white space")
    return text, encoding


def _detect_and_decode(data: bytes, name: str) -> tuple[str, str]:
    """charset-normalizer's candidates, with a prior for the encodings of French-language archives:
    on short texts it cannot tell cp1252 from cp1250 by itself, and both decode without chaos."""
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data))
    if not candidates:
        raise DecodeError(f"{name}: cannot tell its character encoding")
    least_chaos = min(candidate.chaos for candidate in candidates)
    plausible = [c for c in candidates if c.chaos <= least_chaos + CHAOS_TOLERANCE]
    preferred = next((c for encoding in FRENCH_ENCODINGS for c in plausible if c.encoding == encoding),
                     plausible[0])
    return str(preferred), preferred.encoding


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(HTML_START.match(head))


def extract_html(html: str, name: str) -> tuple[str, str | None, str | None]:
    """Main text, title and date of an HTML page (navigation, sidebars, scripts and banners left out)."""
    import trafilatura

    document = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                           with_metadata=True, favor_precision=True)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise EmptyInputError(f"{name}: the HTML page holds no article text")
    title = getattr(document, "title", None) or None
    date = getattr(document, "date", None) or None
    return text, title, date


def from_json_object(record: dict, name: str) -> RawArticle:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EmptyInputError(f"{name}: the JSON object has no 'text' field with text in it")
    record_id = record.get("id")
    return RawArticle(text=text.replace("\r\n", "\n"), id=str(record_id) if record_id else name,
                      source=name, title=_str_or_none(record.get("title")),
                      date=_str_or_none(record.get("date")))


def parse_json_lines(lines: Iterable[str], source: str) -> Iterator[tuple[str, dict | None, str | None]]:
    """(where, record, None) for each JSON object line, (where, None, why) for a bad one; blanks skipped."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield where, None, f"not valid JSON ({error.msg}, column {error.colno})"
            continue
        if not isinstance(record, dict):
            yield where, None, "a line must hold one JSON object"
            continue
        yield where, record, None


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def read_article_bytes(data: bytes, name: str) -> RawArticle:
    """Turn the bytes of one article (plain text, HTML page or JSON object) into a RawArticle."""
    text, encoding = decode_bytes(data, name)
    warnings = [] if encoding == "utf-8" else [f"decoded as {encoding}"]
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            record = json.loads(stripped)
        except json.JSONDecodeError:
            record = None
        if isinstance(record, dict):
            article = from_json_object(record, name)
            article.warnings = warnings
            return article
    if looks_like_html(data):
        body, title, date = extract_html(text, name)
        return RawArticle(text=body, id=name, source=name, title=title, date=date,
                          warnings=warnings + ["HTML page: main text extracted"])
    return RawArticle(text=text, id=name, source=name, warnings=warnings)


def read_article(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawArticle:
    """Read one article from a path, or from standard input when path is '-'."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(f"{path}: no such file")
        if file.is_dir():
            raise InputError(f"{path} is a folder; use `veille batch` for folders and archives")
        if file.stat().st_size > max_bytes:
            raise TooLargeError(f"{path} is larger than {max_bytes:,} bytes")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise InputError(f"{path}: cannot be read ({error.strerror})") from None
        name = path
    if len(data) > max_bytes:
        raise TooLargeError(f"{name} is larger than {max_bytes:,} bytes")
    return read_article_bytes(data, name)
