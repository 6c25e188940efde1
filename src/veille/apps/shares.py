"""`veille batch --cluster … --inputs-on-workers`: the Dask workers read the inputs themselves, each its share
of a path that the client and every worker see alike (a shared file system), for archives too large to stream
through the client. The client lists the files and cuts JSON Lines files into byte ranges; it reads no
article. Every other file (an archive, a CSV export) is read whole by one worker.

A JSON Lines line belongs to the range it starts in: a worker reads on past its range's end to finish its last
line, and skips the line its range starts inside of. The numbers of the lines (the ids of records without one)
are those of a whole read: the workers first count the lines that start in each range.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from veille.apps.batch import BatchOptions, analyse_items
from veille.apps.cluster import ClusterAnalysis, worker_plugin
from veille.apps.workers import BATCH_CHARS, BATCH_ITEMS, AnalysisLost, InProcess
from veille.input.archives import suffix_of
from veille.input.exports import json_lines_items
from veille.input.items import Item, file_items, guarded, input_files

# A share holds about this many bytes of input (a few of the pool's batches), or this many files.
SHARE_BYTES = 4 * BATCH_CHARS
SHARE_FILES = 4 * BATCH_ITEMS
# The ranges of one JSON Lines file whose lines one task counts: a 64 MB read.
COUNTED_TOGETHER = 400
JSON_LINES = (".jsonl", ".ndjson")
COUNT_BLOCK = 1 << 20

Done = dict[str, list[str | None]]  # batch.done_lines: an earlier output's ids, with their texts' digests


@dataclass(frozen=True)
class Part:
    """A whole file, or the lines of a JSON Lines file that start in [start, end)."""

    path: str  # absolute: the workers run in folders of their own
    name: str  # as the inputs name it: the items' sources and ids start with it
    start: int = 0
    end: int | None = None
    first_line: int = 1  # the number, in the file, of the first line that starts in the range


Share = tuple[Part, ...]


def plan_shares(inputs: Iterable[Path], options: BatchOptions,
                count_lines: Callable[[str, list[tuple[int, int]]], list[int]],
                share_bytes: int = SHARE_BYTES) -> Iterator[Share]:
    """The shares of the inputs, in input order: whole files grouped up to `share_bytes` (or SHARE_FILES),
    JSON Lines files over `share_bytes` cut into ranges of that size. `count_lines(path, ranges)` gives the
    number of lines that start in each range."""
    group: list[Part] = []
    size = 0
    for path in inputs:
        for file in input_files(path, options):
            part = Part(str(file.resolve()), str(file))
            length = file.stat().st_size if file.is_file() else 0
            if suffix_of(str(file)) in JSON_LINES and length > share_bytes:
                if group:
                    yield tuple(group)
                    group, size = [], 0
                yield from ((ranged,) for ranged in _ranges(part, length, share_bytes, count_lines))
                continue
            group.append(part)
            size += length
            if size >= share_bytes or len(group) >= SHARE_FILES:
                yield tuple(group)
                group, size = [], 0
    if group:
        yield tuple(group)


def _ranges(part: Part, length: int, share_bytes: int,
            count_lines: Callable[[str, list[tuple[int, int]]], list[int]]) -> Iterator[Part]:
    bounds = [(start, min(start + share_bytes, length)) for start in range(0, length, share_bytes)]
    line = 1
    for first in range(0, len(bounds), COUNTED_TOGETHER):
        together = bounds[first:first + COUNTED_TOGETHER]
        for (start, end), lines in zip(together, count_lines(part.path, together), strict=True):
            yield Part(part.path, part.name, start, end, line)
            line += lines


def count_line_starts(path: str, ranges: list[tuple[int, int]]) -> list[int]:
    """How many lines start in each [start, end) range of a file: the newlines at end - 1 and before, from
    start - 1 on, and the first line of the file."""
    counts = []
    with open(path, "rb") as handle:
        for start, end in ranges:
            low = max(start - 1, 0)
            handle.seek(low)
            newlines, left = 0, end - 1 - low
            while left > 0 and (block := handle.read(min(COUNT_BLOCK, left))):
                newlines += block.count(b"\n")
                left -= len(block)
            counts.append(newlines + (start == 0 and end > 0))
    return counts


class RangeLines:
    """A binary file read from the first line that starts at `start` or after, up to the end of the last line
    that starts before `end`: the readline of bounded_lines, which may read a long line in several calls."""

    def __init__(self, handle: BinaryIO, start: int, end: int):
        self.handle, self.end = handle, end
        handle.seek(max(start - 1, 0))
        if start > 0 and handle.read(1) != b"\n":
            handle.readline()  # the line the range starts inside of belongs to the range before
        self.at_line_start = True

    def readline(self, limit: int = -1) -> bytes:
        if self.at_line_start and self.handle.tell() >= self.end:
            return b""
        line = self.handle.readline(limit)
        self.at_line_start = line.endswith(b"\n")
        return line


def share_items(share: Share, options: BatchOptions) -> Iterator[Item]:
    """The items of a share, as iter_items gives those of the whole inputs."""
    for part in share:
        if part.end is None:
            yield from guarded(file_items(Path(part.path), options, part.name), part.name)
            continue
        with open(part.path, "rb") as handle:
            lines = RangeLines(handle, part.start, part.end)
            yield from guarded(json_lines_items(lines, part.name, options, part.first_line), part.name)


class TakenCopies(dict):
    """A share's view of the earlier output's lines (--resume): copies made as its items ask for them, so
    that the shares a worker runs take nothing from one another; `taken()` says what this share used."""

    def __init__(self, done: Done):
        super().__init__()
        self.done = done

    def get(self, key, default=None):
        if key not in self and key in self.done:
            self[key] = list(self.done[key])
        return super().get(key, default)

    def taken(self) -> list[tuple[str, str | None]]:
        return [(key, digest) for key, left in self.items()
                for digest in (Counter(self.done[key]) - Counter(left)).elements()]


def analyse_share(share: Share, options: BatchOptions, done: Done | None) -> tuple[list[dict], list]:
    """On a worker: the output lines of a share's items, and the earlier lines (--resume) its skipped items
    took, as analyse_items gives them."""
    copies = TakenCopies(done or {})
    with worker_plugin().analyzer_in_use() as analyzer:
        lines = list(analyse_items(InProcess(analyzer), share_items(share, options), options, copies))
    return lines, copies.taken()


class InputsOnWorkers(ClusterAnalysis):
    """A cluster analysis whose workers read the inputs (batch.run_batch asks it for the lines)."""

    share_bytes = SHARE_BYTES

    def lines(self, inputs: list[Path], options: BatchOptions, done: Done,
              on_skip: Callable[[], None]) -> Iterator[dict]:
        self.done, self.options = done, options
        # Sent to every worker once, not with each share (in a list: a dict would be scattered key by key).
        sent = self.client.scatter([done], broadcast=True, hash=False)[0] if done else None
        shares = plan_shares(inputs, options, self._count_lines, self.share_bytes)
        tasks = ((analyse_share, (share, options, sent), share) for share in shares)
        for (lines, taken), _ in self.finished(tasks, self._share_results):
            for _ in taken:
                on_skip()
            yield from lines

    def _count_lines(self, path: str, ranges: list[tuple[int, int]]) -> list[int]:
        return self.result(self.submit(count_line_starts, path, ranges))

    def _share_results(self, future: Any, share: Share) -> tuple[list[dict], list]:
        """A share's lines, once the earlier lines its skipped items took are still free: shares that ran at
        the same time may have taken the same one (an id repeated across shares), and the later share then
        runs again with only what is left."""
        from distributed.scheduler import KilledWorker

        try:
            lines, taken = self.result(future)
            while not self._take(taken):
                left = {key: list(self.done.get(key, [])) for key, _ in taken}
                lines, taken = self.result(self.submit(analyse_share, share, self.options, left))
        except KilledWorker:
            where = ", ".join(part.name + ("" if part.end is None else f" (bytes {part.start}-{part.end})")
                              for part in share)
            raise AnalysisLost(f"reading {where} killed each Dask worker that tried (out of memory?)"
                               ) from None
        return lines, taken

    def _take(self, taken: list[tuple[str, str | None]]) -> bool:
        """Take these earlier lines from those still free, if they all are."""
        wanted = Counter(taken)
        if any(Counter(self.done.get(key, []))[digest] < count for (key, digest), count in wanted.items()):
            return False
        for key, digest in taken:
            self.done[key].remove(digest)
        return True
