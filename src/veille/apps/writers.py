"""The output formats of a batch run: JSON Lines (the contract), tables of articles or of quotes as CSV or
Parquet.

JSON Lines and CSV are written a whole line at a time and flushed, so an interruption loses nothing already
written and `--resume` can go on from them. Parquet is written in row groups and is readable only once closed:
those runs cannot be resumed.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

FORMATS = ("jsonl", "csv", "quotes-csv", "parquet", "quotes-parquet")
RESUMABLE = ("jsonl", "csv")
ARTICLE_COLUMNS = ("id", "source", "title", "date", "language", "text_sha256", "topics", "stance",
                   "stance_score", "entities", "quotes", "top_speakers", "warnings", "error")
QUOTE_COLUMNS = ("article_id", "title", "date", "source", "speaker", "speaker_title", "speaker_org", "type",
                 "cue", "text", "start", "end", "parts", "error")
TOP_SPEAKERS = 3
ROW_GROUP = 2000
# Parquet column types (pyarrow type names); every other column, --keep-fields included, is a string.
PARQUET_TYPES = {"entities": "int64", "quotes": "int64", "stance_score": "float64", "start": "int64",
                 "end": "int64"}
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def article_rows(line: dict) -> list[dict]:
    """One row per article (or per error record)."""
    if "error" in line:
        return [{"id": line["id"], "source": line["source"],
                 "error": f"{line['error']['type']}: {line['error']['message']}"}]
    speakers = Counter(q["speaker"] for q in line["quotes"] if q["speaker"])
    return [{
        "id": line["id"], "source": line["source"], "title": line["title"] or "", "date": line["date"] or "",
        "language": line["language"], "text_sha256": line["text_sha256"],
        "topics": ";".join(t["label"] for t in line["topics"]),
        "stance": line["stance"].get("label", ""), "stance_score": line["stance"].get("score", ""),
        "entities": len(line["entities"]), "quotes": len(line["quotes"]),
        "top_speakers": ";".join(name for name, _ in speakers.most_common(TOP_SPEAKERS)),
        "warnings": " | ".join(line["warnings"]), "error": "",
    }]


def quote_rows(line: dict) -> list[dict]:
    """One row per quote; an error record gives one row saying why the article has none."""
    if "error" in line:
        return [{"article_id": line["id"], "source": line["source"],
                 "error": f"{line['error']['type']}: {line['error']['message']}"}]
    article = {"article_id": line["id"], "title": line["title"] or "", "date": line["date"] or "",
               "source": line["source"], "error": ""}
    return [{**article, "speaker": quote["speaker"] or "", "speaker_title": quote["speaker_title"] or "",
             "speaker_org": quote["speaker_org"] or "", "type": quote["type"], "cue": quote["cue"] or "",
             "text": quote["text"], "start": quote["start"], "end": quote["end"],
             "parts": json.dumps(quote["parts"])} for quote in line["quotes"]]


def neutralised(value: object) -> object:
    """A cell a spreadsheet would run as a formula, made plain text by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class JsonLinesWriter:
    def __init__(self, out: Path, append: bool):
        self.handle = out.open("a" if append else "w", encoding="utf-8")

    def write(self, line: dict) -> None:
        self.handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


class TableWriter:
    """Rows of articles or of quotes, with the --keep-fields columns after them, as CSV or Parquet."""

    def __init__(self, out: Path, rows: Callable[[dict], list[dict]], columns: tuple[str, ...],
                 kept: tuple[str, ...], parquet: bool, append: bool):
        self.out, self.rows, self.parquet = out, rows, parquet
        self.columns = columns + tuple(name for name in kept if name not in columns)
        self.kept = kept
        self.pending: list[dict] = []
        self.parquet_writer = None
        if not parquet:
            new = not (append and out.exists() and out.stat().st_size > 0)
            self.handle = out.open("a" if append else "w", encoding="utf-8", newline="")
            self.csv = csv.DictWriter(self.handle, fieldnames=self.columns, extrasaction="ignore")
            if new:
                self.csv.writeheader()

    def write(self, line: dict) -> None:
        fields = line.get("fields") or {}
        rows = [{**row, **{name: fields.get(name) for name in self.kept}} for row in self.rows(line)]
        if not self.parquet:
            for row in rows:
                self.csv.writerow({key: neutralised(value) for key, value in row.items()})
            self.handle.flush()
            return
        self.pending.extend(rows)
        if len(self.pending) >= ROW_GROUP:
            self._write_group()

    def _write_group(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {column: PARQUET_TYPES.get(column, "string") for column in self.columns}
        schema = pa.schema([(column, getattr(pa, kind)()) for column, kind in types.items()])
        rows = [{column: _cell(row.get(column), kind) for column, kind in types.items()}
                for row in self.pending]
        table = pa.Table.from_pylist(rows, schema=schema)
        if self.parquet_writer is None:
            self.parquet_writer = pq.ParquetWriter(self.out, table.schema)
        self.parquet_writer.write_table(table)
        self.pending = []

    def close(self) -> None:
        if not self.parquet:
            self.handle.close()
            return
        if self.pending or self.parquet_writer is None:
            self._write_group()
        self.parquet_writer.close()


def _cell(value: object, kind: str) -> object:
    """A value of the column's type; empty cells (an error record's) are nulls."""
    if value is None or value == "":
        return None
    return value if kind != "string" else str(value)


def open_writer(out: Path, fmt: str, append: bool, kept: tuple[str, ...] = ()):
    if fmt == "jsonl":
        return JsonLinesWriter(out, append)
    if fmt.startswith("quotes-"):
        return TableWriter(out, quote_rows, QUOTE_COLUMNS, kept, parquet=fmt.endswith("parquet"),
                           append=append)
    return TableWriter(out, article_rows, ARTICLE_COLUMNS, kept, parquet=fmt == "parquet", append=append)


def parquet_available() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True
