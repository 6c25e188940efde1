"""Records as table rows, one per article or one per quote: what the CSV and Parquet outputs of a batch and
veille.to_dataframe() hold. Values keep their types (None where a record has nothing); each writer turns them
into its own cells."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

TOP_SPEAKERS = 3
ARTICLE_COLUMNS = ("id", "source", "title", "date", "language", "text_sha256", "topics", "stance",
                   "stance_score", "entities", "quotes", "top_speakers", "warnings", "error")
QUOTE_COLUMNS = ("article_id", "title", "date", "source", "speaker", "speaker_title", "speaker_org",
                 "speaker_kind", "type", "cue", "text", "start", "end", "parts", "error")


def error_text(record: Mapping) -> str | None:
    """"type: message" of an error record, None for an analysed article."""
    if "error" not in record:
        return None
    error = record["error"] or {}
    return f"{error.get('type')}: {error.get('message')}"


def article_row(record: Mapping) -> dict:
    """One row for an article (or for an error record, with its error)."""
    if "error" in record:
        return {"id": record.get("id"), "source": record.get("source"), "error": error_text(record)}
    quotes = record.get("quotes") or []
    speakers = Counter(q["speaker"] for q in quotes if q.get("speaker"))
    stance = record.get("stance") or {}
    return {
        "id": record.get("id"), "source": record.get("source"), "title": record.get("title"),
        "date": record.get("date"), "language": record.get("language"),
        "text_sha256": record.get("text_sha256"),
        "topics": ";".join(t["label"] for t in record.get("topics") or []),
        "stance": stance.get("label"), "stance_score": stance.get("score"),
        "entities": len(record.get("entities") or []), "quotes": len(quotes),
        "top_speakers": ";".join(name for name, _ in speakers.most_common(TOP_SPEAKERS)),
        "warnings": " | ".join(record.get("warnings") or []), "error": None,
    }


def quote_rows(record: Mapping, with_errors: bool = True) -> list[dict]:
    """One row per quote, with its article's id, title, date and source; an error record gives one row that
    says why the article has none (with_errors), so a table of quotes still accounts for every item."""
    if "error" in record:
        return [{"article_id": record.get("id"), "source": record.get("source"),
                 "error": error_text(record)}] if with_errors else []
    article = {"article_id": record.get("id"), "title": record.get("title"), "date": record.get("date"),
               "source": record.get("source"), "error": None}
    return [{**article, **{key: quote.get(key) for key in QUOTE_COLUMNS if key not in article},
             "parts": [list(part) for part in quote.get("parts") or []]}
            for quote in record.get("quotes") or []]
