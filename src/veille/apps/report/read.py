"""The inputs of a report, read as streams: one line at a time, never a whole file in memory. Error records
are counted by type, broken lines reported with their line number and skipped."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MAX_BAD_LINES_KEPT = 50


@dataclass
class ReadLog:
    articles: int = 0
    errors: Counter = field(default_factory=Counter)  # error records by error type
    bad_lines: list[str] = field(default_factory=list)  # "file:line: why", the first MAX_BAD_LINES_KEPT
    bad_count: int = 0

    def bad(self, path: Path, number: int, why: str) -> None:
        self.bad_count += 1
        if len(self.bad_lines) < MAX_BAD_LINES_KEPT:
            self.bad_lines.append(f"{path}:{number}: {why}")


def _why_not_a_record(record: object) -> str | None:
    if not isinstance(record, dict):
        return "not a JSON object"
    if "error" in record:
        return None
    for key, kind in (("quotes", list), ("entities", list), ("topics", list), ("stance", dict)):
        if record.get(key) is not None and not isinstance(record[key], kind):
            return f"'{key}' is not a {kind.__name__}"
    return None


def read_records(paths: Iterable[Path], log: ReadLog) -> Iterator[dict]:
    """The analysed articles of veille's JSON Lines outputs, in order; error records and broken lines are
    only noted in `log`."""
    for path in paths:
        with open(path, "rb") as lines:
            for number, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except ValueError as error:  # UnicodeDecodeError is one
                    log.bad(path, number, "not JSON" if not isinstance(error, UnicodeDecodeError)
                            else "not UTF-8")
                    continue
                why = _why_not_a_record(record)
                if why:
                    log.bad(path, number, why)
                elif "error" in record:
                    error = record["error"] if isinstance(record["error"], dict) else {}
                    log.errors[str(error.get("type") or "unknown")] += 1
                else:
                    log.articles += 1
                    yield record
