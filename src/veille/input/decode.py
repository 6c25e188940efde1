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
# A file with invalid UTF-8 is still read as UTF-8 (its bad bytes replaced) when its valid multi-byte
# sequences outnumber the bad ones this many times: a cp1252 or latin-1 file has next to none.
UTF8_MAJORITY = 3
# A JSON record nested deeper is refused: json's recursion would abort the run (a real record nests 2 or 3).
MAX_JSON_DEPTH = 64
JSON_NESTING_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
LETTER_RE = re.compile(r"[^\W\d_]")


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


class NoTextError(InputError):
    type = "no_text"


class BadRecordError(InputError):
    type = "bad_record"


class JsonTooDeep(ValueError):
    """A JSON document nested deeper than MAX_JSON_DEPTH."""


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
        text, encoding = _mostly_utf8(data) or _detect_and_decode(data, name)
    if sum(text.count(chr(byte)) for byte in CONTROL_BYTES) > max(8, len(text) // 100):
        raise BinaryInputError(f"{name} looks binary (it holds control characters), not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInputError(f"{name} holds only white space")
    return text, encoding


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """A UTF-8 text with a few bad bytes, decoded as UTF-8 with those replaced (charset detection would take
    the whole of it for another encoding: mojibake, quotation marks lost); None for another encoding."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(re.findall(r"[^\x00-\x7f\ufffd]", text))
    if valid < UTF8_MAJORITY * bad:
        return None
    return text, f"utf-8, {bad} invalid byte sequence{'s' * (bad > 1)} replaced"


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


def escape_surrogates(value):
    """`value` with every string in it valid UTF-8: lone surrogates (from JSON escapes such as \\udc80, or
    undecodable file names) become their backslash escape. Lists and dicts are followed."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", errors="backslashreplace").decode("utf-8")
        return value
    if isinstance(value, list):
        return [escape_surrogates(element) for element in value]
    if isinstance(value, dict):
        return {escape_surrogates(key): escape_surrogates(element) for key, element in value.items()}
    return value


def load_json(text: str) -> object:
    """json.loads, refusing a document nested deeper than MAX_JSON_DEPTH (raises JsonTooDeep)."""
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH:
        depth = 0
        for match in JSON_NESTING_RE.finditer(text):
            mark = match.group()[0]
            if mark in "[{":
                depth += 1
                if depth > MAX_JSON_DEPTH:
                    raise JsonTooDeep(f"nested deeper than {MAX_JSON_DEPTH} levels")
            elif mark in "]}":
                depth -= 1
    try:
        return json.loads(text)
    except RecursionError:
        raise JsonTooDeep(f"nested deeper than {MAX_JSON_DEPTH} levels") from None


def has_letters(text: str) -> bool:
    return LETTER_RE.search(text) is not None


def from_json_object(record: dict, name: str) -> RawArticle:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EmptyInputError(f"{name}: the JSON object has no 'text' field with text in it")
    if not has_letters(text):
        raise NoTextError(f"{name}: the text holds no letter (only figures, punctuation or symbols)")
    record_id = record.get("id")
    return RawArticle(text=escape_surrogates(text.replace("\r\n", "\n")),
                      id=escape_surrogates(str(record_id)) if record_id else name,
                      source=name, title=_str_or_none(record.get("title")),
                      date=_str_or_none(record.get("date")))


def json_record(line: str) -> tuple[dict | None, str | None]:
    """(record, None) for a line holding one JSON object, (None, why) otherwise."""
    try:
        record = load_json(line)
    except json.JSONDecodeError as error:
        return None, f"not valid JSON ({error.msg}, column {error.colno})"
    except JsonTooDeep as error:
        return None, f"a JSON record {error}"
    if not isinstance(record, dict):
        return None, "a line must hold one JSON object"
    return record, None


def parse_json_lines(lines: Iterable[str], source: str) -> Iterator[tuple[str, dict | None, str | None]]:
    """(where, record, None) for each JSON object line, (where, None, why) for a bad one; blanks skipped."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record, problem = json_record(line)
        yield f"{source}:{number}", record, problem


def _str_or_none(value: object) -> str | None:
    return escape_surrogates(str(value)) if value not in (None, "") else None


def read_article_bytes(data: bytes, name: str) -> RawArticle:
    """Turn the bytes of one article (plain text, HTML page or JSON object) into a RawArticle."""
    text, encoding = decode_bytes(data, name)
    warnings = [] if encoding == "utf-8" else [f"decoded as {encoding}"]
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            record = load_json(stripped)
        except json.JSONDecodeError:
            record = None
        except JsonTooDeep as error:
            raise BadRecordError(f"{name}: a JSON object {error}") from None
        if isinstance(record, dict):
            article = from_json_object(record, name)
            article.warnings = warnings
            return article
    if looks_like_html(data):
        body, title, date = extract_html(text, name)
        article = RawArticle(text=body, id=name, source=name, title=title, date=date,
                             warnings=warnings + ["HTML page: main text extracted"])
    else:
        article = RawArticle(text=text, id=name, source=name, warnings=warnings)
    if not has_letters(article.text):
        raise NoTextError(f"{name}: the text holds no letter (only figures, punctuation or symbols)")
    return article


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
