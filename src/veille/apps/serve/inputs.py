"""Request bodies to articles, with veille's own readers (veille.input): the content type says what the
body is, so a plain text that starts with "{" or "<p>" stays a plain text."""

from __future__ import annotations

import io
import json

from veille.apps.serve.errors import ApiError
from veille.input.decode import InputError, RawArticle, decode_bytes, extract_html, from_json_object
from veille.input.exports import json_lines_items
from veille.input.item import Item, ReadOptions

# What the articles of a request are called in records and messages (never a path: nothing is read from disk).
SOURCE = "<request>"
ARTICLE_TYPES = ("application/json", "text/html", "text/plain")
BATCH_TYPES = ("application/x-ndjson", "application/jsonl", "application/jsonlines",
               "application/x-jsonlines")


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def unsupported(media: str, accepted: tuple[str, ...]) -> ApiError:
    given = f"'{media}'" if media else "no Content-Type"
    return ApiError(415, "unsupported_media_type", f"{given}: send {', '.join(accepted)}")


def article_from_body(media: str, body: bytes) -> RawArticle:
    """The article of an /analyze body: a JSON object {"text", "title"?, "date"?, "id"?}, an HTML page (main
    text, title and date extracted) or a plain text (encoding detected as for files)."""
    try:
        if media == "application/json" or media.endswith("+json"):
            return from_json_object(json_object(body), SOURCE)
        if media not in ("text/html", "text/plain"):
            raise unsupported(media, ARTICLE_TYPES)
        text, encoding = decode_bytes(body, "the request body")
        warnings = [] if encoding == "utf-8" else [f"decoded as {encoding}"]
        if media == "text/plain":
            return RawArticle(text=text, id=SOURCE, source=SOURCE, warnings=warnings)
        text, title, date = extract_html(text, "the HTML page")
        return RawArticle(text=text, id=SOURCE, source=SOURCE, title=title, date=date,
                          warnings=warnings + ["HTML page: main text extracted"])
    except InputError as error:  # empty, binary, undecodable, no text
        raise ApiError(422, error.type, str(error)) from None


def json_object(body: bytes) -> dict:
    try:
        value = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ApiError(422, "invalid_json", "the body is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ApiError(422, "invalid_json", f"the body is not valid JSON ({error.msg}, line {error.lineno}, "
                                            f"column {error.colno})") from None
    if not isinstance(value, dict):
        raise ApiError(422, "invalid_json", "the body must be one JSON object")
    return value


def batch_items(body: bytes, max_items: int) -> list[Item]:
    """The items of a /batch body, as `veille batch` reads a JSON Lines export (ids from "id", else
    <request>:line); more than max_items is refused whole, before any analysis."""
    items = list(json_lines_items(io.BytesIO(body), SOURCE, ReadOptions()))
    if len(items) > max_items:
        raise ApiError(413, "too_many_items", f"{len(items):,} items in one request, over the limit of "
                                              f"{max_items:,} (--max-items): split it")
    return items
