"""Records as pandas tables: one row per article, or one row per quote.

The rows are the batch tables' (apps/rows.py), with every topic's score added; pandas is imported only by
to_dataframe, with a message that says how to install it when it is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from veille.apps.rows import ARTICLE_COLUMNS, QUOTE_COLUMNS, article_row, quote_rows
from veille.labels import TOPIC_IDS

LEVELS = ("articles", "quotes")
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
    """One row per record (error records too, with their error), with every topic's score as a topic_<label>
    column; and those columns in taxonomy order."""
    rows, topics_seen = [], set()
    for record in records:
        row = article_row(record)
        for label, score in (record.get("topic_scores") or {}).items():
            row[TOPIC_PREFIX + label] = score
            topics_seen.add(label)
        rows.append(row)
    ordered = [label for label in TOPIC_IDS if label in topics_seen]
    ordered += sorted(topics_seen - set(TOPIC_IDS))
    return rows, [TOPIC_PREFIX + label for label in ordered]


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
        rows = [row for record in _records(records) for row in quote_rows(record, with_errors=False)]
        return pandas.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c != "error"])
    rows, topic_columns = article_rows(_records(records))
    columns = [*ARTICLE_COLUMNS[:7], *topic_columns, *ARTICLE_COLUMNS[7:]]
    return pandas.DataFrame(rows, columns=columns)
