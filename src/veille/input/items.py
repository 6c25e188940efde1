"""Inputs as a stream of items: files, folders (recursive), zip and tar archives (read as streams, never
extracted), JSON Lines and CSV exports (one item per record). Every item is an article's bytes, a record, or
the refusal that becomes its error line."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import sys
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from veille.input.decode import DEFAULT_MAX_BYTES, parse_json_lines

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")
# How many leading items (files of a folder, say) are read looking for a record whose fields to check.
CHECK_REACH = 1000


@dataclass
class Item:
    """One input item: bytes of a file or member, a record of a JSONL/CSV export, or a refusal."""

    id: str
    source: str
    data: bytes | None = None
    record: dict | None = None  # text, id, title, date of a JSONL/CSV record, by the chosen fields
    error: tuple[str, str] | None = None  # (type, message)
    fields: tuple[str, ...] | None = None  # a JSONL/CSV record's field names, to check the chosen ones
    kept: dict = field(default_factory=dict)  # the --keep-fields values of a record, carried to the output


@dataclass
class ReadOptions:
    """How inputs are read: which files of a folder, which fields of a record, the size limit."""

    glob: str = "*"
    text_field: str = "text"
    id_field: str = "id"
    title_field: str = "title"
    date_field: str = "date"
    keep_fields: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES

    def record_fields(self) -> tuple[str, ...]:
        """The fields a record must have: the text, and the ones the user named beyond the defaults."""
        named = [name for name, default in ((self.id_field, "id"), (self.title_field, "title"),
                                            (self.date_field, "date")) if name != default]
        return (self.text_field, *named, *self.keep_fields)


def _suffix(name: str) -> str:
    lowered = name.lower()
    for suffix in TAR_SUFFIXES:
        if lowered.endswith(suffix):
            return suffix
    return PurePosixPath(lowered).suffix


def _unsafe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return path.is_absolute() or ".." in path.parts or name.startswith("\\")


def records_of(handle: BinaryIO, source: str, options: ReadOptions, csv_format: bool) -> Iterator[Item]:
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


def _record_item(record: dict, where: str, options: ReadOptions) -> Item:
    item_id = str(record.get(options.id_field) or where)
    text = record.get(options.text_field)
    fields = tuple(record)
    kept = {name: record.get(name) for name in options.keep_fields}
    if not isinstance(text, str) or not text.strip():
        return Item(id=item_id, source=where, error=("empty", f"no text in field {options.text_field!r}"),
                    fields=fields, kept=kept)
    chosen = {"text": text, "id": item_id, "title": record.get(options.title_field),
              "date": record.get(options.date_field)}
    return Item(id=item_id, source=where, record=chosen, fields=fields, kept=kept)


def items_of_bytes(data: bytes, name: str, options: ReadOptions) -> Iterator[Item]:
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
                  open_member: Callable[[], BinaryIO], options: ReadOptions) -> Iterator[Item]:
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


def items_of_zip(archive: zipfile.ZipFile, name: str, options: ReadOptions) -> Iterator[Item]:
    for info in archive.infolist():
        if not info.is_dir():
            link = (info.external_attr >> 16) & 0o170000 == 0o120000
            yield from _member_items(name, info.filename, info.file_size,
                                     "symbolic link not followed" if link else None,
                                     lambda info=info: archive.open(info), options)


def items_of_tar(archive: tarfile.TarFile, name: str, options: ReadOptions) -> Iterator[Item]:
    with archive:
        for info in archive:  # streamed member by member, never extracted to disk
            if not info.isdir():
                yield from _member_items(
                    name, info.name, info.size,
                    None if info.isfile() else "links and special files are not followed",
                    lambda info=info: archive.extractfile(info) or io.BytesIO(), options)


STDIN = Path("-")


def iter_items(inputs: Iterable[Path], options: ReadOptions) -> Iterator[Item]:
    """Every item of every input, in order: files, folders (recursive), archives, exports; `-` is JSON Lines
    on standard input."""
    for path in inputs:
        if path == STDIN:
            yield from records_of(sys.stdin.buffer, "<stdin>", options, csv_format=False)
            continue
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


def count_items(inputs: Iterable[Path], options: ReadOptions) -> int | None:
    """How many items (so output lines) the inputs hold: the progress bar's total, counted in the
    background while the analysis runs (it reads the inputs once more but parses nothing). None for standard
    input, which can be read only once."""
    inputs = list(inputs)
    if STDIN in inputs:
        return None
    return sum(1 for _ in iter_items(inputs, options))


class InputProblem(ValueError):
    """The inputs cannot give what was asked: no item at all, or records without the named fields."""


def checked_items(inputs: Iterable[Path], options: ReadOptions) -> Iterator[Item]:
    """The items of `inputs`, after checking, before any work, that there is at least one and that the first
    JSONL/CSV record has the fields the options name (a wrong --text-field would otherwise turn a whole
    export into `empty` errors). Raises InputProblem; the items read for the check are not lost."""
    inputs = list(inputs)
    items = iter_items(inputs, options)
    seen: list[Item] = []
    for item in items:
        seen.append(item)
        if item.fields is not None:
            missing = [name for name in options.record_fields() if name not in item.fields]
            if missing:
                raise InputProblem(
                    f"the records of {item.source.rsplit(':', 1)[0]} have no field "
                    f"{', '.join(repr(name) for name in missing)} (their fields: {', '.join(item.fields)}); "
                    "name the right ones with --text-field, --id-field, --title-field, --date-field, "
                    "--keep-fields")
            break
        if len(seen) >= CHECK_REACH:
            break
    if not seen:
        where = ", ".join(str(path) for path in inputs)
        raise InputProblem(f"no input item in {where}" + (
            f" (no file matches --glob {options.glob!r})" if options.glob != "*" else ""))
    return itertools.chain(seen, items)
