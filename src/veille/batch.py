"""Many articles: walk the inputs as a stream of items, analyse them, write one line per item.

Every input item yields exactly one output line carrying its id: a record, or an error record when the item
cannot be analysed. Lines are written whole and flushed, so an interruption loses at most the items in flight.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import tarfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from veille.io import (
    DEFAULT_MAX_BYTES,
    InputError,
    RawArticle,
    from_json_object,
    parse_json_lines,
    read_article_bytes,
)
from veille.schema import error_record
from veille.workers import InProcess, WorkerPool

Analysis = InProcess | WorkerPool

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")


@dataclass
class Item:
    """One input item: bytes of a file or member, a record of a JSONL/CSV export, or a refusal."""

    id: str
    source: str
    data: bytes | None = None
    record: dict | None = None
    error: tuple[str, str] | None = None  # (type, message)


@dataclass
class BatchOptions:
    glob: str = "*"
    text_field: str = "text"
    id_field: str = "id"
    max_bytes: int = DEFAULT_MAX_BYTES
    skip_non_french: bool = False


def _suffix(name: str) -> str:
    lowered = name.lower()
    for suffix in TAR_SUFFIXES:
        if lowered.endswith(suffix):
            return suffix
    return PurePosixPath(lowered).suffix


def _unsafe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return path.is_absolute() or ".." in path.parts or name.startswith("\\")


def records_of(handle: BinaryIO, source: str, options: BatchOptions, csv_format: bool) -> Iterator[Item]:
    """One item per JSON Lines record or CSV row, read line by line (an export of any size stays out of
    memory); ids from the id field, else source:line."""
    # Decoded line by line (a tar member read as a stream cannot back a TextIOWrapper: it is not seekable).
    text = codecs.iterdecode(handle, "utf-8-sig", errors="replace")
    if not csv_format:
        for where, record, problem in parse_json_lines(text, source):
            if problem:
                yield Item(id=where, source=where, error=("bad_record", problem))
            else:
                yield _record_item(record, where, options)
        return
    csv.field_size_limit(max(options.max_bytes, csv.field_size_limit()))
    rows = csv.DictReader(text)
    number = 1
    try:
        for number, row in enumerate(rows, 2):
            yield _record_item(row, f"{source}:{number}", options)
    except csv.Error as error:
        where = f"{source}:{number + 1}"
        yield Item(id=where, source=where, error=("bad_record", f"unreadable CSV from here on ({error})"))


def _record_item(record: dict, where: str, options: BatchOptions) -> Item:
    item_id = str(record.get(options.id_field) or where)
    text = record.get(options.text_field)
    if not isinstance(text, str) or not text.strip():
        return Item(id=item_id, source=where,
                    error=("empty", f"no text in field {options.text_field!r}"))
    return Item(id=item_id, source=where, record={**record, "text": text, "id": item_id})


def items_of_bytes(data: bytes, name: str, options: BatchOptions) -> Iterator[Item]:
    suffix = _suffix(name)
    if suffix in RECORD_SUFFIXES:
        yield from records_of(io.BytesIO(data), name, options, csv_format=suffix == ".csv")
    elif suffix in TAR_SUFFIXES:
        yield from items_of_tar(tarfile.open(fileobj=io.BytesIO(data), mode="r:*"), name, options)
    elif suffix == ".zip":
        yield from items_of_zip(zipfile.ZipFile(io.BytesIO(data)), name, options)
    else:
        yield Item(id=name, source=name, data=data)


def _member_items(archive_name: str, inner: str, size: int, refusal: str | None,
                  open_member: Callable[[], BinaryIO], options: BatchOptions) -> Iterator[Item]:
    """The items of one archive member, or the error record that refuses it (`refusal`: why its kind is
    not followed, e.g. a link)."""
    member = f"{archive_name}!{inner}"
    if _unsafe_member(inner):
        yield Item(id=member, source=member, error=("unsafe_member", "path escapes the archive"))
    elif refusal:
        yield Item(id=member, source=member, error=("unsafe_member", refusal))
    elif size > options.max_bytes:
        yield Item(id=member, source=member, error=("too_large", f"{size:,} bytes, over --max-bytes"))
    elif PurePosixPath(inner).match(options.glob):
        with open_member() as handle:
            if _suffix(inner) in RECORD_SUFFIXES:
                yield from records_of(handle, member, options, _suffix(inner) == ".csv")
            else:
                yield from items_of_bytes(handle.read(), member, options)


def items_of_zip(archive: zipfile.ZipFile, name: str, options: BatchOptions) -> Iterator[Item]:
    for info in archive.infolist():
        if not info.is_dir():
            link = (info.external_attr >> 16) & 0o170000 == 0o120000
            yield from _member_items(name, info.filename, info.file_size,
                                     "symbolic link not followed" if link else None,
                                     lambda info=info: archive.open(info), options)


def items_of_tar(archive: tarfile.TarFile, name: str, options: BatchOptions) -> Iterator[Item]:
    with archive:
        for info in archive:  # streamed member by member, never extracted to disk
            if not info.isdir():
                yield from _member_items(
                    name, info.name, info.size,
                    None if info.isfile() else "links and special files are not followed",
                    lambda info=info: archive.extractfile(info) or io.BytesIO(), options)


def iter_items(inputs: Iterable[Path], options: BatchOptions) -> Iterator[Item]:
    """Every item of every input, in order: files, folders (recursive), archives, exports."""
    for path in inputs:
        if path.is_dir():
            files = sorted(p for p in path.rglob(options.glob) if p.is_file() and not p.is_symlink())
        else:
            files = [path]
        for file in files:
            name = str(file)
            if not file.exists():
                yield Item(id=name, source=name, error=("input_error", "no such file"))
                continue
            suffix = _suffix(name)
            if suffix in TAR_SUFFIXES:
                try:
                    yield from items_of_tar(tarfile.open(file, mode="r|*"), name, options)
                except (tarfile.TarError, OSError, EOFError) as error:
                    yield Item(id=name, source=name, error=("bad_archive", str(error)))
                continue
            if suffix == ".zip":
                try:
                    with zipfile.ZipFile(file) as archive:
                        yield from items_of_zip(archive, name, options)
                except (zipfile.BadZipFile, OSError) as error:
                    yield Item(id=name, source=name, error=("bad_archive", str(error)))
                continue
            if suffix in RECORD_SUFFIXES:
                with file.open("rb") as handle:
                    yield from records_of(handle, name, options, suffix == ".csv")
                continue
            size = file.stat().st_size
            if size > options.max_bytes:
                yield Item(id=name, source=name, error=("too_large", f"{size:,} bytes, over --max-bytes"))
                continue
            yield from items_of_bytes(file.read_bytes(), name, options)


def count_items(inputs: Iterable[Path], options: BatchOptions) -> int:
    """How many items (so output lines) the inputs hold: the progress bar's total, counted in the
    background while the analysis runs (it reads the inputs once more but parses nothing)."""
    return sum(1 for _ in iter_items(inputs, options))


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
    from veille.article import prepare_text, sha256_text

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
