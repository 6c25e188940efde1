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
from typing import Protocol, runtime_checkable

from veille.apps.outputs import repair_last_line
from veille.apps.writers import open_writer
from veille.input.decode import InputError, RawArticle, from_json_object, read_article_bytes
from veille.input.items import Item, ReadOptions, iter_items
from veille.record import error_record


@runtime_checkable
class ReadsItsInputs(Protocol):
    """An analysis that reads the inputs itself (--inputs-on-workers) and gives the finished lines."""

    def lines(self, inputs: list[Path], options: BatchOptions, done: dict[str, list[str | None]],
              on_skip: Callable[[], None]) -> Iterator[dict]: ...


class AnalysesArticles(Protocol):
    """InProcess, WorkerPool or a cluster's: the outcome of each article, once analysed."""

    def outcomes(self, articles: Iterable[tuple[RawArticle, object]]) -> Iterator[tuple[dict | InputError,
                                                                                      object]]: ...


Analysis = AnalysesArticles | ReadsItsInputs


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
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (source, type, message)
    repaired: int = 0  # bytes of a cut last line removed before resuming

    def count(self, line: dict) -> None:
        self.written += 1
        if "error" in line:
            self.errors[line["error"]["type"]] += 1
            self.failures.append((line["source"], line["error"]["type"], line["error"]["message"]))
            return
        self.topics.update(topic["label"] for topic in line["topics"])
        if line["stance"]:
            self.stances[line["stance"]["label"]] += 1
        self.speakers.update(q["speaker"] for q in line["quotes"] if q["speaker"])


def done_lines(out: Path, fmt: str = "jsonl") -> dict[str, list[str | None]]:
    """For --resume: the ids already in an output file (JSON Lines or CSV), each with the SHA-256 of the text
    of each of its lines (None for an error line, or a CSV written without that column): an id may come
    more than once, and each line stands for one item."""
    if not out.exists():
        return {}
    done: dict[str, list[str | None]] = {}
    with out.open(encoding="utf-8", errors="replace", newline="") as handle:
        if fmt == "csv":
            for row in csv.DictReader(handle):
                done.setdefault(row["id"], []).append(row.get("text_sha256") or None)
            return done
        for line in handle:
            try:
                record = json.loads(line)
                done.setdefault(record["id"], []).append(record.get("text_sha256"))
            except (json.JSONDecodeError, KeyError, TypeError):
                continue  # a line cut by a crash: its item is analysed again
        return done


def drop_error_lines(out: Path, fmt: str) -> int:
    """For --retry-errors: rewrite the output without its error lines (their items are analysed again), by
    way of a temporary file renamed over it, so an interruption leaves the old output whole."""
    if not out.exists():
        return 0
    temporary = out.with_name(out.name + ".retry.tmp")
    dropped = 0
    with out.open(encoding="utf-8", newline="") as source, temporary.open("w", encoding="utf-8",
                                                                            newline="") as kept:
        if fmt == "csv":
            rows = csv.DictReader(source)
            writer = csv.DictWriter(kept, fieldnames=rows.fieldnames or ())
            writer.writeheader()
            for row in rows:
                if row.get("error"):
                    dropped += 1
                else:
                    writer.writerow(row)
        else:
            for line in source:
                try:
                    failed = "error" in json.loads(line)
                except json.JSONDecodeError:
                    failed = False  # a cut line: the resume logic decides what to do with its item
                dropped += failed
                if not failed:
                    kept.write(line)
    temporary.replace(out)
    return dropped


def _raw_article(item: Item) -> RawArticle:
    if item.record is not None:
        article = from_json_object(item.record, item.source)
        article.id = item.id
        return article
    return read_article_bytes(item.data or b"", item.source)


def analyse_items(analysis: AnalysesArticles, items: Iterable[Item], options: BatchOptions,
                  done: dict[str, list[str | None]] | None = None, on_skip: Callable[[], None] = lambda: None
                  ) -> Iterator[dict]:
    """One output line per item; failures become error records.

    Items in `done` (from an earlier run's output) are skipped when their text is the one analysed then, or
    when that run recorded an error for them; an item whose text changed since is analysed again. Each
    earlier line is taken by one item only, so items that share an id are counted one by one.
    """
    done = {} if done is None else done  # a mapping of --inputs-on-workers' may be empty yet filled later
    refused: list[dict] = []

    def articles() -> Iterator[tuple[RawArticle, Item]]:
        for item in items:
            earlier = done.get(item.id, [])
            if item.error and _take(earlier, None):
                on_skip()  # the earlier run recorded an error for it: only --retry-errors tries again
                continue
            prepared = item_article(item)
            if isinstance(prepared, dict):
                if _take(earlier, None):
                    on_skip()
                else:
                    refused.append(prepared)
            elif earlier and (_take(earlier, _text_sha256(prepared)) or _take(earlier, None)):
                on_skip()
            else:
                yield prepared, item

    for result, item in analysis.outcomes(articles()):
        while refused:
            yield refused.pop(0)
        if isinstance(result, InputError):
            yield error_record(item.id, item.source, result.type, str(result))
        else:
            yield _finish(item, result, options)
    while refused:
        yield refused.pop(0)


def _take(earlier: list[str | None], wanted: str | None) -> bool:
    """Take one earlier line with this SHA-256 (None: an error line), if there is one left."""
    if wanted in earlier:
        earlier.remove(wanted)
        return True
    return False


def item_article(item: Item) -> RawArticle | dict:
    """The article an item holds, or the error record that refuses it."""
    if item.error:
        return error_record(item.id, item.source, *item.error)
    try:
        return _raw_article(item)
    except InputError as error:
        return error_record(item.id, item.source, error.type, str(error))


def _text_sha256(raw: RawArticle) -> str | None:
    """The SHA-256 of the text that would be analysed (after clean-up), to compare with an earlier run's."""
    from veille.analyzer import prepare_text, sha256_text

    try:
        return sha256_text(prepare_text(raw)[0])
    except InputError:
        return None  # it fails now: it matches an earlier error line


def _finish(item: Item, record: dict, options: BatchOptions) -> dict:
    record["id"], record["source"] = item.id, item.source
    if options.keep_fields:
        record["fields"] = item.kept
    if not options.include_text:
        del record["text"]  # --no-text: the offsets still index the text, which the user keeps
    if options.skip_non_french and record["language"] != "fr":
        return error_record(item.id, item.source, "not_french",
                            f"the text looks like '{record['language']}', not French")
    return record


def run_batch(analysis: Analysis, inputs: list[Path], out: Path, fmt: str, options: BatchOptions,
              resume: bool, on_item: Callable[[], None] = lambda: None, retry_errors: bool = False,
              items: Iterable[Item] | None = None) -> Summary:
    """Analyse every item of `inputs` (or the `items` already read from them) into `out` with an entered
    analysis: InProcess, WorkerPool, cluster.ClusterAnalysis, or shares.InputsOnWorkers (which reads them)."""
    summary = Summary()
    if resume:
        summary.repaired = repair_last_line(out)
    if resume and retry_errors:
        drop_error_lines(out, fmt)
    done = done_lines(out, fmt) if resume else {}
    writer = open_writer(out, fmt, append=resume, kept=options.keep_fields)

    def skipped() -> None:
        summary.skipped += 1
        on_item()

    if isinstance(analysis, ReadsItsInputs):
        lines = analysis.lines(inputs, options, done, skipped)
    else:
        items = iter_items(inputs, options) if items is None else items
        lines = analyse_items(analysis, items, options, done, skipped)
    try:
        for line in lines:
            writer.write(line)
            summary.count(line)
            on_item()
    finally:
        writer.close()
    return summary
