"""Counts per (day, source) cell, made while the records stream past, then merged into the chart's time bins
(weeks or months, chosen from the date range). The page sums the cells a filter keeps and redraws the
charts from the sums: no record reaches the browser, only these counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from veille.labels import ENTITY_LABELS, STANCE_IDS, TOPIC_IDS
from veille.nlp.quotes.quote import QUOTE_TYPES, SPEAKER_KINDS

NO_SOURCE = "(sans source)"
WEEKS_UP_TO_DAYS = 183  # a range up to about six months is shown by week, a longer one by month
KINDS = (*SPEAKER_KINDS, "unknown")
GENDERS = ("f", "m", "unknown")
TOP_SPEAKERS = 300  # the speakers the page can rank under any filter (the most quoted overall)
TOP_ENTITIES_PER_LABEL = 60
TOPIC_INDEX = {topic: i for i, topic in enumerate(TOPIC_IDS)}
STANCE_INDEX = {stance: i for i, stance in enumerate(STANCE_IDS)}


def day_of(value: object) -> date | None:
    """The day of a record's date ("2025-03-04", "2025-03-04T10:00:00+01:00"), None when there is none."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class Cell:
    articles: int = 0
    topics: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)  # (i, j), i < j: articles with both topics
    stances: Counter = field(default_factory=Counter)
    stance_topics: Counter = field(default_factory=Counter)  # (stance, topic)
    quote_types: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    genders: Counter = field(default_factory=Counter)
    speakers: Counter = field(default_factory=Counter)  # speaker id
    entities: Counter = field(default_factory=Counter)  # entity id

    def merge(self, other: Cell) -> None:
        self.articles += other.articles
        for name in ("topics", "pairs", "stances", "stance_topics", "quote_types", "kinds", "genders",
                     "speakers", "entities"):
            getattr(self, name).update(getattr(other, name))


@dataclass
class SpeakerInfo:
    name: str
    kinds: Counter = field(default_factory=Counter)
    genders: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    orgs: Counter = field(default_factory=Counter)
    count: int = 0


class Aggregator:
    """Takes the records one by one (add) and gives the page's counts (finish)."""

    def __init__(self, source_field: str | None = None):
        self.source_field = source_field
        self.sources: dict[str, int] = {}
        self.cells: dict[tuple[date | None, int], Cell] = {}
        self.speakers: dict[str, int] = {}
        self.speaker_info: list[SpeakerInfo] = []
        self.entities: dict[tuple[str, str], int] = {}
        self.entity_counts: Counter = Counter()

    def source_of(self, record: Mapping) -> str:
        fields = record.get("fields")
        if not isinstance(fields, dict) or not fields:
            return NO_SOURCE
        if self.source_field is None:
            self.source_field = next(iter(fields))  # the first kept field of the first record that has one
        value = fields.get(self.source_field)
        return str(value) if value not in (None, "") else NO_SOURCE

    def key_of(self, record: Mapping) -> tuple[date | None, int]:
        source = self.sources.setdefault(self.source_of(record), len(self.sources))
        return day_of(record.get("date")), source

    def add(self, record: Mapping, key: tuple[date | None, int]) -> None:
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = Cell()
        cell.articles += 1
        topics = sorted({TOPIC_INDEX[t["label"]] for t in record.get("topics") or []
                         if isinstance(t, dict) and t.get("label") in TOPIC_INDEX})
        cell.topics.update(topics)
        cell.pairs.update((a, b) for n, a in enumerate(topics) for b in topics[n + 1:])
        stance = STANCE_INDEX.get((record.get("stance") or {}).get("label"))
        if stance is not None:
            cell.stances[stance] += 1
            cell.stance_topics.update((stance, topic) for topic in topics)
        for quote in record.get("quotes") or []:
            self._add_quote(cell, quote)
        for entity in record.get("entities") or []:
            if isinstance(entity, dict) and entity.get("label") in ENTITY_LABELS and entity.get("text"):
                known = (entity["label"], entity["text"])
                number = self.entities.setdefault(known, len(self.entities))
                cell.entities[number] += 1  # articles that name it
                self.entity_counts[number] += 1

    def _add_quote(self, cell: Cell, quote: Mapping) -> None:
        cell.quote_types[quote.get("type")] += 1
        kind = quote.get("speaker_kind") if quote.get("speaker_kind") in SPEAKER_KINDS else "unknown"
        gender = quote.get("speaker_gender") if quote.get("speaker_gender") in ("f", "m") else "unknown"
        cell.kinds[kind] += 1
        # The gender share is of people: quotes of a person or of one unnamed person by role.
        if kind in ("person", "role"):
            cell.genders[gender] += 1
        name = quote.get("speaker")
        if not name:
            return
        number = self.speakers.get(name)
        if number is None:
            number = self.speakers[name] = len(self.speaker_info)
            self.speaker_info.append(SpeakerInfo(name))
        info = self.speaker_info[number]
        info.count += 1
        info.kinds[kind] += 1
        info.genders[gender] += 1
        for counter, value in ((info.titles, quote.get("speaker_title")),
                               (info.orgs, quote.get("speaker_org"))):
            if value:
                counter[value] += 1
        cell.speakers[number] += 1

    def finish(self) -> dict:
        """The page's counts: bins, sources, one entry per (bin, source) cell, the speakers and entities the
        cells refer to."""
        days = sorted(day for day, _ in self.cells if day is not None)
        bins, bin_of = time_bins(days[0], days[-1]) if days else ([], None)
        merged: dict[tuple[int, int], Cell] = {}
        for (day, source), cell in self.cells.items():
            key = (bin_of(day) if day is not None else -1, source)
            merged.setdefault(key, Cell()).merge(cell)
        speakers = sorted(range(len(self.speaker_info)),
                          key=lambda n: -self.speaker_info[n].count)[:TOP_SPEAKERS]
        speaker_ids = {old: new for new, old in enumerate(speakers)}
        entities = self._top_entities()
        entity_ids = {old: new for new, old in enumerate(entities)}
        entity_names = {number: known for known, number in self.entities.items()}
        return {
            "bins": bins,
            "unit": ("week" if bins and bins[0]["unit"] == "week" else "month"),
            "sources": list(self.sources),
            "source_field": self.source_field,
            "cells": [_cell_data(b, s, cell, speaker_ids, entity_ids)
                      for (b, s), cell in sorted(merged.items())],
            "speakers": [_speaker_data(self.speaker_info[n]) for n in speakers],
            "entities": [{"label": entity_names[n][0], "text": entity_names[n][1]} for n in entities],
        }

    def _top_entities(self) -> list[int]:
        labels = {number: label for (label, _), number in self.entities.items()}
        kept: list[int] = []
        for label in ENTITY_LABELS:
            ranked = [n for n, _ in self.entity_counts.most_common() if labels[n] == label]
            kept += ranked[:TOP_ENTITIES_PER_LABEL]
        return kept


def time_bins(first: date, last: date):
    """Weeks (from Monday) for a range up to WEEKS_UP_TO_DAYS, else months; every bin between the first and
    the last, empty ones included, so that the time axis stays even."""
    if (last - first).days <= WEEKS_UP_TO_DAYS:
        start = first - timedelta(days=first.weekday())
        bins = []
        while start <= last:
            end = start + timedelta(days=6)
            bins.append({"label": f"sem. du {start.isoformat()}", "start": start.isoformat(),
                         "end": end.isoformat(), "unit": "week"})
            start += timedelta(days=7)
        origin = first - timedelta(days=first.weekday())
        return bins, lambda day: (day - origin).days // 7
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        start = date(year, month, 1)
        year, month = (year + month // 12, month % 12 + 1)
        end = date(year, month, 1) - timedelta(days=1)
        months.append({"label": start.strftime("%Y-%m"), "start": start.isoformat(), "end": end.isoformat(),
                       "unit": "month"})
    return months, lambda day: (day.year - first.year) * 12 + day.month - first.month


def _cell_data(bin_index: int, source: int, cell: Cell, speaker_ids: dict, entity_ids: dict) -> dict:
    """One (bin, source) cell in the page's compact form: dense lists for the fixed vocabularies, [id, n]
    pairs for the open ones."""
    return {
        "b": bin_index, "s": source, "n": cell.articles,
        "t": [cell.topics[i] for i in range(len(TOPIC_IDS))],
        "p": [[a, b, n] for (a, b), n in sorted(cell.pairs.items())],
        "st": [cell.stances[i] for i in range(len(STANCE_IDS))],
        "stt": [[s, t, n] for (s, t), n in sorted(cell.stance_topics.items())],
        "qt": [cell.quote_types[kind] for kind in QUOTE_TYPES],
        "k": [cell.kinds[kind] for kind in KINDS],
        "g": [cell.genders[gender] for gender in GENDERS],
        "sp": [[speaker_ids[n], c] for n, c in cell.speakers.items() if n in speaker_ids],
        "e": [[entity_ids[n], c] for n, c in cell.entities.items() if n in entity_ids],
    }


def _speaker_data(info: SpeakerInfo) -> dict:
    def most(counter: Counter):
        return counter.most_common(1)[0][0] if counter else None

    genders = Counter({g: n for g, n in info.genders.items() if g != "unknown"})
    return {"name": info.name, "kind": most(info.kinds), "gender": most(genders), "title": most(info.titles),
            "org": most(info.orgs)}
