"""JSON Lines and CSV exports: one item per record, read a line at a time.

Every record is held to --max-bytes: a longer one is skipped to its end unread (a CSV record to the line that
closes its quotation marks) and refused, and the records after it are read as usual. So an export of any
size, or one hostile record in it, stays out of memory and sinks nothing else.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from veille.input.decode import escape_surrogates, json_record
from veille.input.item import Item, ReadOptions, refusal

SKIP_CHUNK = 1 << 20


def bounded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """(line, quotes) for each line of the stream, newline included: None for a line over `limit` bytes,
    which is skipped unread; `quotes` counts its '"' (a CSV record runs on while they are odd)."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if line.endswith(b"\n") or len(line) <= limit:
            yield line, line.count(b'"')
            continue
        quotes = line.count(b'"')
        while not line.endswith(b"\n"):
            line = handle.readline(SKIP_CHUNK)
            if not line:
                break
            quotes += line.count(b'"')
        yield None, quotes


def _too_large(where: str, limit: int) -> Item:
    return refusal(where, "too_large", f"a record over --max-bytes ({limit:,} bytes): skipped")


def json_lines_items(handle: BinaryIO, source: str, options: ReadOptions, first_line: int = 1
                     ) -> Iterator[Item]:
    """One item per JSON Lines record (blank lines skipped); ids from the id field, else source:line, lines
    counted from `first_line` (a part of a file read alone, by --inputs-on-workers, starts further on)."""
    for number, (line, _) in enumerate(bounded_lines(handle, options.max_bytes), first_line):
        where = f"{source}:{number}"
        if line is None:
            yield _too_large(where, options.max_bytes)
            continue
        text = line.decode("utf-8", errors="replace")
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            continue
        record, problem = json_record(text)
        if problem:
            yield refusal(where, "bad_record", problem)
        else:
            yield record_item(record, where, options)


class _Oversized(Exception):
    """The CSV record being read is over --max-bytes."""


class _CsvLines:
    """The decoded lines the csv module reads, counting the bytes and quotation marks of the record under
    way: one over the limit stops the reader (raising _Oversized), and skip_record reads on to its end."""

    def __init__(self, handle: BinaryIO, limit: int):
        self.lines = bounded_lines(handle, limit)
        self.limit = limit
        self.size = self.quotes = 0
        self.first = True

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        line, quotes = next(self.lines)
        self.quotes += quotes
        if line is None or self.size + len(line) > self.limit:
            raise _Oversized
        self.size += len(line)
        text = line.decode("utf-8", errors="replace")
        if self.first:
            self.first = False
            text = text.removeprefix("\ufeff")
        return text

    def record_done(self) -> None:
        self.size = self.quotes = 0

    def skip_record(self) -> None:
        """After a refused record: on to the line that leaves its quotation marks even (its last line)."""
        for _, quotes in self.lines if self.quotes % 2 else ():
            self.quotes += quotes
            if self.quotes % 2 == 0:
                break
        self.record_done()


def csv_items(handle: BinaryIO, source: str, options: ReadOptions) -> Iterator[Item]:
    """One item per CSV row after the header (blank rows skipped, as csv.DictReader does); ids from the id
    field, else source:row. A row the csv module cannot read, or over --max-bytes, is one error item."""
    csv.field_size_limit(max(options.max_bytes, csv.field_size_limit()))
    lines = _CsvLines(handle, options.max_bytes)
    header: list[str] | None = None
    number = 1
    while True:
        try:
            for row in csv.reader(lines):  # a new reader after each refused record
                lines.record_done()
                if header is None:
                    header = row
                elif row:
                    number += 1
                    yield record_item(_as_dict(header, row), f"{source}:{number}", options)
            return
        except (_Oversized, csv.Error) as error:
            number += 1
            where = f"{source}:{number}"
            if header is None:
                yield refusal(where, "bad_record", "unreadable CSV header: the export is not read")
                return
            yield _too_large(where, options.max_bytes) if isinstance(error, _Oversized) else \
                refusal(where, "bad_record", f"unreadable CSV record ({error})")
        lines.skip_record()


def _as_dict(header: list[str], row: list[str]) -> dict:
    """A row as csv.DictReader gives it: extra cells under None, missing ones None."""
    record: dict = dict(zip(header, row, strict=False))
    if len(row) > len(header):
        record[None] = row[len(header):]
    for name in header[len(row):]:
        record[name] = None
    return record


def record_item(record: dict, where: str, options: ReadOptions) -> Item:
    item_id = str(record.get(options.id_field) or where)
    text = record.get(options.text_field)
    fields = tuple(record)
    kept = {name: escape_surrogates(record.get(name)) for name in options.keep_fields}
    if not isinstance(text, str) or not text.strip():
        return Item(id=item_id, source=where, error=("empty", f"no text in field {options.text_field!r}"),
                    fields=fields, kept=kept)
    chosen = {"text": text, "id": item_id, "title": record.get(options.title_field),
              "date": record.get(options.date_field)}
    return Item(id=item_id, source=where, record=chosen, fields=fields, kept=kept)
