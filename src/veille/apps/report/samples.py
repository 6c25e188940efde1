"""What the page embeds beside the counts, capped so that a report over 100,000 articles stays a file a
browser opens: the quotes of the table, the evidence sentences behind the stance bars, the rendered
articles. Each is kept per (day, source) cell as the records stream past (the first few of each cell), then
cut evenly across the cells to its cap, most recent first: a filter on any period or source still finds
some. What was left out is counted and the page says so."""

from __future__ import annotations

import base64
import gzip
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date

QUOTES_CAP = 5000  # rows of the quote table
QUOTES_PER_CELL = 40
ARTICLES_CAP = 250  # articles embedded with their highlighted rendering
ARTICLES_PER_CELL = 2
EVIDENCE_CAP = 2500  # articles whose stance evidence is listed under the stance charts
EVIDENCE_PER_CELL = 3
MAX_QUOTE_CHARS = 600
MAX_EVIDENCE_CHARS = 400
# What article_html needs of a record; the rest (topic scores, model) is left behind.
RENDERED_FIELDS = ("id", "title", "date", "source", "topics", "stance", "warnings", "text", "quotes",
                   "entities")


def _cut(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Capped:
    """Items kept per cell, the first `per_cell` of each; `seen` counts every item offered."""

    per_cell: int
    cells: dict[Hashable, list] = field(default_factory=dict)
    seen: int = 0

    def offer(self, cell: Hashable, item) -> bool:
        self.seen += 1
        kept = self.cells.setdefault(cell, [])
        if len(kept) < self.per_cell:
            kept.append(item)
            return True
        return False

    def wants(self, cell: Hashable) -> bool:
        return len(self.cells.get(cell, ())) < self.per_cell

    def cut(self, cap: int) -> list:
        """At most `cap` items, the same number from each cell as far as possible (the largest per-cell
        share that fits, at least one), the most recent days first."""
        sizes = [len(items) for items in self.cells.values()]
        low, high = 0, max(sizes, default=0)
        while low < high:
            middle = (low + high + 1) // 2
            if sum(min(size, middle) for size in sizes) <= cap:
                low = middle
            else:
                high = middle - 1
        share = max(low, 1)
        keys = sorted(self.cells, key=lambda key: (key[0] or date.min, str(key[1:])), reverse=True)
        return [item for key in keys for item in self.cells[key][:share]][:cap]


@dataclass
class Samples:
    quotes: Capped = field(default_factory=lambda: Capped(QUOTES_PER_CELL))
    articles: Capped = field(default_factory=lambda: Capped(ARTICLES_PER_CELL))
    evidence: Capped = field(default_factory=lambda: Capped(EVIDENCE_PER_CELL))
    # Every article a kept quote or evidence refers to: (number) -> [id, title, date, source index].
    refs: dict[int, list] = field(default_factory=dict)

    def add(self, number: int, record: Mapping, cell: tuple) -> None:
        quotes = record.get("quotes") or []
        ref = [record.get("id"), record.get("title"), record.get("date"), cell[1]]
        used = False
        for quote in quotes:
            if self.quotes.wants(cell):
                self.quotes.offer(cell, [number, quote.get("speaker"), quote.get("speaker_kind"),
                                         quote.get("speaker_gender"), quote.get("type"),
                                         _cut(quote.get("text") or "", MAX_QUOTE_CHARS)])
                used = True
            else:
                self.quotes.seen += 1
        if quotes and self.articles.offer(cell, (number, {k: record.get(k) for k in RENDERED_FIELDS
                                                          if k in record})):
            used = True
        stance = record.get("stance") or {}
        evidence = [e.get("text") for e in stance.get("evidence") or [] if isinstance(e, dict)]
        if evidence and self.evidence.offer((*cell, stance.get("label")), [
                number, stance.get("label"), [t.get("label") for t in record.get("topics") or []],
                [_cut(text, MAX_EVIDENCE_CHARS) for text in evidence if text]]):
            used = True
        if used:
            self.refs[number] = ref


def compressed(html: str) -> str:
    """An article's rendering, gzipped and in base64: the page inflates it (DecompressionStream) only when
    the article is opened."""
    return base64.b64encode(gzip.compress(html.encode("utf-8"), mtime=0)).decode("ascii")
