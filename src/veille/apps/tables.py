"""Records as pandas tables: one row per article, or one row per quote.

The rows are built in plain Python (article_rows, quote_rows); pandas is imported only by to_dataframe, with a
message that says how to install it when it is missing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from veille.labels import TOPIC_IDS

LEVELS = ("articles", "quotes")
TOP_SPEAKERS = 3
ARTICLE_COLUMNS = ("id", "title", "date", "source", "language", "topics", "stance", "stance_score",
                   "entities", "quotes", "top_speakers", "warnings", "error")
QUOTE_COLUMNS = ("id", "title", "date", "source", "speaker", "speaker_title", "speaker_org", "speaker_kind",
                 "type", "cue", "text", "start", "end", "parts")
TOPIC_PREFIX = "topic_"


def read_records(path: str | Path) -> Iterator[dict]:
    """The records of a JSON Lines file (veille batch's output); a line that is not a JSON object raises
    ValueError naming it."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not valid JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{number}: a line must hold one JSON object")
            yield record


def _records(records: Mapping | Iterable[Mapping] | str | Path) -> Iterable[Mapping]:
    if isinstance(records, str | Path):
        return read_records(records)
    if isinstance(records, Mapping):
        return [records]
    return records


def article_rows(records: Iterable[Mapping]) -> tuple[list[dict], list[str]]:
    """One row per record (error records too, with their error), and the topic score columns in taxonomy
    order."""
    rows, topics_seen = [], set()
    for record in records:
        if "error" in record:
            error = record["error"] or {}
            rows.append({"id": record.get("id"), "source": record.get("source"),
                         "error": f"{error.get('type')}: {error.get('message')}"})
            continue
        speakers = Counter(q["speaker"] for q in record.get("quotes") or [] if q.get("speaker"))
        stance = record.get("stance") or {}
        row = {
            "id": record.get("id"), "title": record.get("title"), "date": record.get("date"),
            "source": record.get("source"), "language": record.get("language"),
            "topics": ";".join(t["label"] for t in record.get("topics") or []),
            "stance": stance.get("label"), "stance_score": stance.get("score"),
            "entities": len(record.get("entities") or []), "quotes": len(record.get("quotes") or []),
            "top_speakers": ";".join(name for name, _ in speakers.most_common(TOP_SPEAKERS)),
            "warnings": " | ".join(record.get("warnings") or []), "error": None,
        }
        for label, score in (record.get("topic_scores") or {}).items():
            row[TOPIC_PREFIX + label] = score
            topics_seen.add(label)
        rows.append(row)
    ordered = [label for label in TOPIC_IDS if label in topics_seen]
    ordered += sorted(topics_seen - set(TOPIC_IDS))
    return rows, [TOPIC_PREFIX + label for label in ordered]


def quote_rows(records: Iterable[Mapping]) -> list[dict]:
    """One row per quote of every record, with its article's id, title, date and source."""
    rows = []
    for record in records:
        for quote in record.get("quotes") or []:
            row = {key: record.get(key) for key in ("id", "title", "date", "source")}
            row.update({key: quote.get(key) for key in QUOTE_COLUMNS if key not in row})
            row["parts"] = [list(part) for part in quote.get("parts") or []]
            rows.append(row)
    return rows


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("to_dataframe needs pandas, which is not installed: pip install 'veille[tables]'"
                          ) from None
    return pandas


def to_dataframe(records: Mapping | Iterable[Mapping] | str | Path, level: str = "articles"):
    """A pandas DataFrame of records (dicts, Records, or the path of a JSON Lines file): level="articles",
    one row per article with its topic scores as topic_<label> columns; level="quotes", one row per quote."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    pandas = _pandas()
    if level == "quotes":
        return pandas.DataFrame(quote_rows(_records(records)), columns=list(QUOTE_COLUMNS))
    rows, topic_columns = article_rows(_records(records))
    columns = [*ARTICLE_COLUMNS[:6], *topic_columns, *ARTICLE_COLUMNS[6:]]
    return pandas.DataFrame(rows, columns=columns)
