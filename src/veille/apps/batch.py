"""Many articles: walk the inputs as a stream of items, analyse them, write one line per item.

Every input item yields exactly one output line carrying its id: a record, or an error record when the item
cannot be analysed. Lines are written whole and flushed, so an interruption loses at most the items in flight.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from veille.apps.workers import InProcess, WorkerPool
from veille.input.decode import InputError, RawArticle, from_json_object, read_article_bytes
from veille.input.items import Item, ReadOptions, iter_items
from veille.record import error_record

Analysis = InProcess | WorkerPool


@dataclass
class BatchOptions(ReadOptions):
    """The reading options, what a batch does with non-French texts, whether records carry their text."""

    skip_non_french: bool = False
    include_text: bool = True


@dataclass
class Summary:
    written: int = 0
    skipped: int = 0
    errors: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    stances: Counter = field(default_factory=Counter)
    speakers: Counter = field(default_factory=Counter)

    def count(self, line: dict) -> None:
        self.written += 1
        if "error" in line:
            self.errors[line["error"]["type"]] += 1
            return
        self.topics.update(topic["label"] for topic in line["topics"])
        if line["stance"]:
            self.stances[line["stance"]["label"]] += 1
        self.speakers.update(q["speaker"] for q in line["quotes"] if q["speaker"])


def done_lines(out: Path) -> dict[str, str | None]:
    """For --resume: the ids already in an output file (JSON Lines or CSV), each with the SHA-256 of the text
    it was analysed from (None for an error line, or a CSV written without that column)."""
    if not out.exists():
        return {}
    with out.open(encoding="utf-8") as handle:
        if out.suffix.lower() == ".csv":
            return {row["id"]: row.get("text_sha256") or None for row in csv.DictReader(handle)}
        done = {}
        for line in handle:
            try:
                record = json.loads(line)
                done[record["id"]] = record.get("text_sha256")
            except (json.JSONDecodeError, KeyError, TypeError):
                continue  # a line cut by a crash: its item is analysed again
        return done


CSV_COLUMNS = ("id", "source", "title", "date", "language", "text_sha256", "topics", "stance", "stance_score",
               "entities", "quotes", "top_speakers", "warnings", "error")


def csv_row(line: dict) -> dict:
    if "error" in line:
        return {"id": line["id"], "source": line["source"],
                "error": f"{line['error']['type']}: {line['error']['message']}"}
    speakers = Counter(q["speaker"] for q in line["quotes"] if q["speaker"])
    return {
        "id": line["id"], "source": line["source"], "title": line["title"] or "", "date": line["date"] or "",
        "language": line["language"], "text_sha256": line["text_sha256"],
        "topics": ";".join(t["label"] for t in line["topics"]),
        "stance": line["stance"].get("label", ""), "stance_score": line["stance"].get("score", ""),
        "entities": len(line["entities"]), "quotes": len(line["quotes"]),
        "top_speakers": ";".join(name for name, _ in speakers.most_common(3)),
        "warnings": " | ".join(line["warnings"]), "error": "",
    }


class Writer:
    """Appends whole lines and flushes each one."""

    def __init__(self, out: Path, fmt: str, append: bool):
        new = not (append and out.exists() and out.stat().st_size > 0)
        self.handle = out.open("a" if append else "w", encoding="utf-8", newline="")
        self.csv = csv.DictWriter(self.handle, fieldnames=CSV_COLUMNS) if fmt == "csv" else None
        if self.csv and new:
            self.csv.writeheader()

    def write(self, line: dict) -> None:
        if self.csv:
            self.csv.writerow(csv_row(line))
        else:
            self.handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


def _raw_article(item: Item) -> RawArticle:
    if item.record is not None:
        article = from_json_object(item.record, item.source)
        article.id = item.id
        return article
    return read_article_bytes(item.data or b"", item.source)


def analyse_items(analysis: Analysis, items: Iterable[Item], options: BatchOptions,
                  done: dict[str, str | None] | None = None, on_skip: Callable[[], None] = lambda: None
                  ) -> Iterator[dict]:
    """One output line per item; failures become error records.

    Items in `done` (from an earlier run's output) are skipped when their text is the one analysed then, or
    when that run recorded an error for them; an item whose text changed since is analysed again.
    """
    from veille.analyzer import prepare_text, sha256_text

    done = done or {}
    refused: list[dict] = []

    def unchanged(item: Item, raw: RawArticle) -> bool:
        try:
            return sha256_text(prepare_text(raw)[0]) == done[item.id]
        except InputError:
            return False

    def articles() -> Iterator[tuple[RawArticle, Item]]:
        for item in items:
            if item.id in done and (done[item.id] is None or item.error):
                on_skip()
                continue
            if item.error:
                refused.append(error_record(item.id, item.source, *item.error))
                continue
            try:
                raw = _raw_article(item)
            except InputError as error:
                refused.append(error_record(item.id, item.source, error.type, str(error)))
                continue
            if item.id in done and unchanged(item, raw):
                on_skip()
                continue
            yield raw, item

    for result, item in analysis.outcomes(articles()):
        while refused:
            yield refused.pop(0)
        if isinstance(result, InputError):
            yield error_record(item.id, item.source, result.type, str(result))
        else:
            yield _finish(item, result, options)
    while refused:
        yield refused.pop(0)


def _finish(item: Item, record: dict, options: BatchOptions) -> dict:
    record["id"], record["source"] = item.id, item.source
    if not options.include_text:
        del record["text"]  # --no-text: the offsets still index the text, which the user keeps
    if options.skip_non_french and record["language"] != "fr":
        return error_record(item.id, item.source, "not_french",
                            f"the text looks like '{record['language']}', not French")
    return record


def run_batch(analysis: Analysis, inputs: list[Path], out: Path, fmt: str, options: BatchOptions,
              resume: bool, on_item: Callable[[], None] = lambda: None) -> Summary:
    """Analyse every item of `inputs` into `out` with an entered InProcess or WorkerPool."""
    summary = Summary()
    done = done_lines(out) if resume else {}
    writer = Writer(out, fmt, append=resume)

    def skipped() -> None:
        summary.skipped += 1
        on_item()

    try:
        for line in analyse_items(analysis, iter_items(inputs, options), options, done, skipped):
            writer.write(line)
            summary.count(line)
            on_item()
    finally:
        writer.close()
    return summary
