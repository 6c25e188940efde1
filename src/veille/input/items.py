"""Inputs as a stream of items: files, folders (recursive), zip and tar archives (read as streams, never
extracted), JSON Lines and CSV exports (one item per record). Every item is an article's bytes, a record, or
the refusal that becomes its error line."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from veille.input.archives import (
    RECORD_SUFFIXES,
    TAR_SUFFIXES,
    items_of_bytes,
    suffix_of,
    tar_items,
    zip_items,
)
from veille.input.exports import csv_items, json_lines_items
from veille.input.item import Item, ReadOptions, refusal

__all__ = ["Item", "ReadOptions", "InputProblem", "iter_items", "checked_items", "count_items", "STDIN"]
# How many leading items (files of a folder, say) are read looking for a record whose fields to check.
CHECK_REACH = 1000


STDIN = Path("-")


def iter_items(inputs: Iterable[Path], options: ReadOptions) -> Iterator[Item]:
    """Every item of every input, in order: files, folders (recursive), archives, exports; `-` is JSON Lines
    on standard input."""
    for path in inputs:
        if path == STDIN:
            yield from json_lines_items(sys.stdin.buffer, "<stdin>", options)
            continue
        for file in input_files(path, options):
            yield from guarded(file_items(file, options), str(file))


def input_files(path: Path, options: ReadOptions) -> list[Path]:
    """The files an input names: itself, or a folder's matching files (recursive, in name order)."""
    if path.is_dir():
        return sorted(p for p in path.rglob(options.glob) if p.is_file() and not p.is_symlink())
    return [path]


def file_items(file: Path, options: ReadOptions, name: str | None = None) -> Iterator[Item]:
    """The items of one file, their sources and ids starting with `name` (the file's path by default)."""
    name = str(file) if name is None else name
    if not file.exists():
        yield refusal(name, "input_error", "no such file")
        return
    suffix = suffix_of(name)
    if suffix in TAR_SUFFIXES:
        yield from tar_items(file, name, options, depth=1)
    elif suffix == ".zip":
        yield from zip_items(file, name, options, depth=1)
    elif suffix in RECORD_SUFFIXES:
        with file.open("rb") as handle:
            yield from (csv_items if suffix == ".csv" else json_lines_items)(handle, name, options)
    elif (size := file.stat().st_size) > options.max_bytes:
        yield refusal(name, "too_large", f"{size:,} bytes, over --max-bytes")
    else:
        yield from items_of_bytes(file.read_bytes(), name, options)


def guarded(items: Iterator[Item], name: str) -> Iterator[Item]:
    """The items of one file; should the file fail to be read (permissions, an I/O error), one error item
    stands for it, or for the rest of it."""
    count = 0
    try:
        for item in items:
            count += 1
            yield item
    except OSError as error:
        where = name if count == 0 else f"{name}!<rest>"
        yield refusal(where, "input_error", f"cannot be read ({error.strerror or error})"
                                            + (f": {count} items read, the rest is lost" if count else ""))


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
