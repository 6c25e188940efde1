"""A report from veille's JSON Lines outputs: read the records as a stream, count them per (day, source),
keep capped samples, write one self-contained HTML page."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from veille.apps.html import article_html
from veille.apps.report.aggregate import Aggregator
from veille.apps.report.page import write_page
from veille.apps.report.read import ReadLog, read_records
from veille.apps.report.samples import ARTICLES_CAP, EVIDENCE_CAP, QUOTES_CAP, Samples, compressed


class ReportError(Exception):
    """Nothing to report on (no analysed article in the inputs)."""


@dataclass
class ReportSummary:
    log: ReadLog
    quotes_kept: int
    quotes_total: int
    articles_rendered: int
    evidence_kept: int
    evidence_total: int
    size: int  # bytes written


def build_report(paths: Iterable[Path], out: Path, source_field: str | None = None,
                 title: str = "veille — rapport") -> ReportSummary:
    """Read `paths`, write the page to `out` (whole or not at all: a temporary file renamed at the end)."""
    log = ReadLog()
    aggregator = Aggregator(source_field)
    samples = Samples()
    for number, record in enumerate(read_records(paths, log)):
        key = aggregator.key_of(record)
        aggregator.add(record, key)
        samples.add(number, record, key)
    if not log.articles:
        raise ReportError(_nothing_to_report(log))
    data = aggregator.finish()
    quotes = samples.quotes.cut(QUOTES_CAP)
    evidence = samples.evidence.cut(EVIDENCE_CAP)
    rendered = dict(samples.articles.cut(ARTICLES_CAP))
    used = {q[0] for q in quotes} | {e[0] for e in evidence} | set(rendered)
    numbers = sorted(used)
    index = {number: n for n, number in enumerate(numbers)}
    bin_of = _bin_finder(data["bins"])
    data["articles"] = [[*samples.refs[number], bin_of(samples.refs[number][2])] for number in numbers]
    data["quotes"] = [[index[q[0]], *q[1:]] for q in quotes]
    data["evidence"] = [[index[e[0]], *e[1:]] for e in evidence]
    data["renderings"] = {index[number]: compressed(article_html(record))
                          for number, record in rendered.items()}
    data["totals"] = {"articles": log.articles, "errors": dict(log.errors), "bad_lines": log.bad_count,
                      "quotes": samples.quotes.seen, "quotes_kept": len(quotes),
                      "evidence": samples.evidence.seen, "evidence_kept": len(evidence),
                      "rendered": len(rendered), "rendered_cap": ARTICLES_CAP}
    size = _write_whole(out, lambda handle: write_page(handle, data, title))
    return ReportSummary(log, len(quotes), samples.quotes.seen, len(rendered), len(evidence),
                         samples.evidence.seen, size)


def _nothing_to_report(log: ReadLog) -> str:
    if log.errors or log.bad_count:
        return (f"no analysed article in the inputs ({sum(log.errors.values())} error records, "
                f"{log.bad_count} unreadable lines)")
    return "the inputs hold no record (empty files?)"


def _bin_finder(bins: list[dict]):
    """The bin index of a date string, -1 for none (the page's undated articles)."""
    starts = [b["start"] for b in bins]

    def bin_of(value) -> int:
        if not isinstance(value, str) or not starts or value[:10] < starts[0]:
            return -1
        day = value[:10]
        for n in range(len(bins) - 1, -1, -1):
            if starts[n] <= day:
                return n if day <= bins[n]["end"] else -1
        return -1

    return bin_of


def _write_whole(out: Path, write) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out.parent, prefix=f".{out.name}.",
                                         delete=False)
    try:
        with handle:
            write(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle.name, 0o666 & ~umask)  # as an ordinary new file: the temporary one is private
        os.replace(handle.name, out)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return out.stat().st_size
