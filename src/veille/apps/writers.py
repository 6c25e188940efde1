"""The output formats of a batch run: JSON Lines (the contract), tables of articles or of quotes as CSV or
Parquet, and one HTML page with every article highlighted.

JSON Lines and CSV are written a whole line at a time and flushed, so an interruption loses nothing already
written and `--resume` can go on from them. Parquet is written in row groups and is readable only once closed:
those runs cannot be resumed, nor can an HTML page.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from veille.apps.outputs import LineFile
from veille.apps.rows import ARTICLE_COLUMNS, QUOTE_COLUMNS, article_row, quote_rows

FORMATS = ("jsonl", "csv", "quotes-csv", "parquet", "quotes-parquet", "html")
RESUMABLE = ("jsonl", "csv")
ROW_GROUP = 2000
# Parquet column types (pyarrow type names); every other column, --keep-fields included, is a string.
PARQUET_TYPES = {"entities": "int64", "quotes": "int64", "stance_score": "float64", "start": "int64",
                 "end": "int64"}
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _article_rows(record: dict) -> list[dict]:
    return [article_row(record)]


def csv_cell(value: object) -> object:
    """A CSV cell: empty for None, JSON for a list, and a leading apostrophe on text a spreadsheet would run
    as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def utf8(text: str) -> bytes:
    """The output is UTF-8 whatever a string holds: a lone surrogate the readers missed is escaped."""
    return text.encode("utf-8", errors="backslashreplace")


class JsonLinesWriter:
    def __init__(self, out: Path, append: bool):
        self.file = LineFile(out, append)

    def write(self, line: dict) -> None:
        self.file.write(utf8(json.dumps(line, ensure_ascii=False) + "\n"))

    def close(self) -> None:
        self.file.close()


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
            self.file = LineFile(out, append)
            # An article's rows go out in one write: all of them or, should it fail, none.
            self.buffer = io.StringIO()
            self.csv = csv.DictWriter(self.buffer, fieldnames=self.columns, extrasaction="ignore")
            if new:
                self.csv.writeheader()
                self._flush()

    def _flush(self) -> None:
        self.file.write(utf8(self.buffer.getvalue()))
        self.buffer.seek(0)
        self.buffer.truncate()

    def write(self, line: dict) -> None:
        fields = line.get("fields") or {}
        rows = [{**row, **{name: fields.get(name) for name in self.kept}} for row in self.rows(line)]
        if not self.parquet:
            for row in rows:
                self.csv.writerow({key: csv_cell(value) for key, value in row.items()})
            self._flush()
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
            self.file.close()
            return
        if self.pending or self.parquet_writer is None:
            self._write_group()
        self.parquet_writer.close()


def _cell(value: object, kind: str) -> object:
    """A value of the column's type; empty cells (an error record's) are nulls, lists are JSON."""
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return json.dumps(value)
    return value if kind != "string" else str(value)


class HtmlWriter:
    """One self-contained page, an article section at a time (the page closes with the run)."""

    def __init__(self, out: Path):
        from veille.apps.html import article_html, iter_html

        self.article_html = article_html
        self.head, *_, self.foot = list(iter_html([]))
        self.handle = out.open("w", encoding="utf-8", errors="backslashreplace")
        self.handle.write(self.head)

    def write(self, line: dict) -> None:
        self.handle.write(self.article_html(line) + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.write(self.foot)
        self.handle.close()


def open_writer(out: Path, fmt: str, append: bool, kept: tuple[str, ...] = ()):
    if fmt == "jsonl":
        return JsonLinesWriter(out, append)
    if fmt == "html":
        return HtmlWriter(out)
    if fmt.startswith("quotes-"):
        return TableWriter(out, quote_rows, QUOTE_COLUMNS, kept, parquet=fmt.endswith("parquet"),
                           append=append)
    return TableWriter(out, _article_rows, ARTICLE_COLUMNS, kept, parquet=fmt == "parquet", append=append)


def parquet_available() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True
