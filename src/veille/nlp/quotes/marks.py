"""Stage 1: pairing quotation marks on the raw text, paragraph by paragraph.

The parser's sentence splitter breaks inside « », so marks are paired here, on characters, never through
doc.sents. An unclosed mark never raises: its quote ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from veille.nlp.quotes.lexicon.marks import INNER_SPACE, OPENERS, QUOTE_PAIRS, STRAIGHT_OPENER_PRECEDERS

PARAGRAPH_RE = re.compile(r"[^\n]+")
UNCLOSED = "unclosed quotation mark: the quote ends with its paragraph"
UNPAIRED_STRAIGHT = "unpaired straight quotation mark: ignored"


@dataclass
class MarkedSpan:
    """Text between quotation marks: one part per paragraph it runs over."""

    open_at: int
    close_at: int | None  # offset of the closing mark, None when it never closes
    parts: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)

    @property
    def unclosed(self) -> bool:
        return self.close_at is None

    @property
    def end(self) -> int:
        """Offset just after the closing mark, or after the last part."""
        return self.close_at + 1 if self.close_at is not None else self.parts[-1][1]


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in PARAGRAPH_RE.finditer(text)
            if match.group().strip()]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in INNER_SPACE:
        start += 1
    while end > start and text[end - 1] in INNER_SPACE:
        end -= 1
    return start, end


def _is_straight_opener(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in STRAIGHT_OPENER_PRECEDERS) and not after.isspace()


def _find_closer(text: str, opener: str, start: int, end: int) -> int | None:
    closers = QUOTE_PAIRS[opener]
    depth = 0
    for index in range(start, end):
        char = text[index]
        if opener != '"' and char == opener and opener not in closers:
            depth += 1
        elif char in closers:
            if depth == 0:
                return index
            depth -= 1
    return None


def find_marked_spans(text: str) -> tuple[list[MarkedSpan], list[tuple[int, str]]]:
    """All outermost quoted spans, with multi-paragraph quotes joined and unclosed ones warned about."""
    spans: list[MarkedSpan] = []
    warnings: list[tuple[int, str]] = []  # (offset, message)
    paras = paragraphs(text)
    carried: MarkedSpan | None = None  # a quote left open at the end of the previous paragraph
    carried_opener = ""
    for number, (para_start, para_end) in enumerate(paras):
        position = para_start
        if carried is not None:
            first = _trimmed(text, para_start, para_end)[0]
            if first < para_end and text[first] == carried_opener:
                # « opens each paragraph of a multi-paragraph quote; look for its closer here.
                close = _find_closer(text, carried_opener, first + 1, para_end)
                end = close if close is not None else para_end
                carried.parts.append(_trimmed(text, first + 1, end))
                carried.paragraphs.append(number)
                if close is not None:
                    carried.close_at = close
                    spans.append(carried)
                    carried = None
                    position = close + 1
                else:
                    continue
            else:
                warnings.append((carried.open_at, UNCLOSED))
                spans.append(carried)
                carried = None
        while position < para_end:
            char = text[position]
            if char not in OPENERS or (char == '"' and not _is_straight_opener(text, position)):
                position += 1
                continue
            close = _find_closer(text, char, position + 1, para_end)
            if close is None:
                if char == '"':
                    warnings.append((position, UNPAIRED_STRAIGHT))
                    position += 1
                    continue
                carried = MarkedSpan(open_at=position, close_at=None,
                                     parts=[_trimmed(text, position + 1, para_end)], paragraphs=[number])
                carried_opener = char
                break
            span = MarkedSpan(open_at=position, close_at=close,
                              parts=[_trimmed(text, position + 1, close)], paragraphs=[number])
            if span.parts[0][0] < span.parts[0][1]:
                spans.append(span)
            position = close + 1
    if carried is not None:
        warnings.append((carried.open_at, UNCLOSED))
        spans.append(carried)
    spans = [span for span in spans if any(start < end for start, end in span.parts)]
    for span in spans:
        span.parts = [(start, end) for start, end in span.parts if start < end]
    return spans, warnings
