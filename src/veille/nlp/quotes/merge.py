"""Stage 5: the direct quotes and the indirect and mixed candidates, in text order. A candidate that
starts inside a direct quote is dropped: the quoted words are the speaker's own."""

from __future__ import annotations

from veille.nlp.quotes.clause import Candidate
from veille.nlp.quotes.marks import MarkedSpan
from veille.nlp.quotes.quote import Quote

# A quote and, for a direct one, the marked span it comes from (its record's start and end take in the
# quotation marks).
Found = tuple[Quote, MarkedSpan | None]


def merge(direct: list[tuple[Quote, MarkedSpan]], candidates: list[Candidate]) -> list[Found]:
    found: list[Found] = list(direct)
    found += [(quote, None) for quote, _ in candidates
              if not any(q.start <= quote.start < q.end for q, _ in direct)]
    found.sort(key=lambda pair: pair[0].start)
    return found
