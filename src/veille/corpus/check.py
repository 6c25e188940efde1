"""Validating the corpus: every record against the format, quote parts located in the text, near-duplicates
and templates flagged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from veille.corpus.duplicates import near_duplicate_pairs, template_runs
from veille.corpus.records import (
    COLLECTIONS,
    GENRES,
    QUOTE_PATTERNS,
    REGIONS,
    REQUIRED_FIELDS,
    TRAP_KINDS,
    Article,
    CorpusError,
    Fault,
    GoldQuote,
    read_records,
)
from veille.labels import ENTITY_LABELS, MAX_TOPICS, QUOTE_TYPES, STANCE_IDS, TOPIC_IDS

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def locate_quote_parts(text: str, quotes: list[dict], faults: list[Fault], where: str
                       ) -> list[GoldQuote]:
    """Find each part verbatim, searching forward from the previous quote's start.

    Quotes are listed in order of appearance, so an ambiguous string resolves to the occurrence that
    follows the previous quote.
    """
    located: list[GoldQuote] = []
    cursor = 0
    for index, quote in enumerate(quotes):
        parts = quote.get("parts") or []
        spans: list[tuple[int, int]] = []
        search_from = cursor
        for part in parts:
            if not isinstance(part, str) or not part.strip():
                faults.append(Fault(where, f"quote {index + 1}: empty part"))
                break
            position = text.find(part, search_from)
            if position < 0:
                found_earlier = text.find(part) >= 0
                hint = " (found only before the previous quote: list quotes in text order)" \
                    if found_earlier else ""
                faults.append(Fault(where, f"quote {index + 1}: part not found verbatim{hint}: "
                                           f"{part[:60]!r}"))
                break
            spans.append((position, position + len(part)))
            search_from = position + len(part)
        else:
            if spans:
                cursor = spans[0][0]
                located.append(GoldQuote(type=quote.get("type", ""), parts=spans,
                                         speaker=quote.get("speaker"), cue=quote.get("cue"),
                                         pattern=quote.get("pattern", "")))
    return located


def validate_record(record: dict, where: str) -> tuple[Article | None, list[Fault]]:
    faults: list[Fault] = []
    for name in REQUIRED_FIELDS:
        if name not in record:
            faults.append(Fault(where, f"missing field {name!r}"))
    if faults:
        return None, faults

    text = record["text"]
    if not isinstance(text, str) or len(text.split()) < 20:
        faults.append(Fault(where, "text must be a string of at least 20 words"))
        return None, faults
    if not isinstance(record["id"], str) or not record["id"].strip():
        faults.append(Fault(where, "id must be a non-empty string"))

    topics = record["topics"]
    if not isinstance(topics, list) or not 1 <= len(topics) <= MAX_TOPICS:
        faults.append(Fault(where, f"topics must list 1 to {MAX_TOPICS} ids"))
        topics = []
    for topic in topics:
        if topic not in TOPIC_IDS:
            faults.append(Fault(where, f"unknown topic {topic!r}"))
    if len(set(topics)) != len(topics):
        faults.append(Fault(where, "a topic is listed twice"))
    if record["stance"] not in STANCE_IDS:
        faults.append(Fault(where, f"unknown stance {record['stance']!r}"))
    if record["genre"] not in GENRES:
        faults.append(Fault(where, f"unknown genre {record['genre']!r} (one of {', '.join(GENRES)})"))
    if record["region"] not in REGIONS:
        faults.append(Fault(where, f"unknown region {record['region']!r}"))
    collection = record.get("collection", "main")
    if collection not in COLLECTIONS:
        faults.append(Fault(where, f"unknown collection {collection!r}"))
    if record["date"] is not None and not DATE_RE.match(str(record["date"])):
        faults.append(Fault(where, "date must be YYYY-MM-DD or null"))

    quotes = record["quotes"]
    if not isinstance(quotes, list):
        faults.append(Fault(where, "quotes must be a list"))
        quotes = []
    for index, quote in enumerate(quotes):
        label = f"quote {index + 1}"
        if not isinstance(quote, dict):
            faults.append(Fault(where, f"{label}: must be an object"))
            continue
        if quote.get("type") not in QUOTE_TYPES:
            faults.append(Fault(where, f"{label}: unknown type {quote.get('type')!r}"))
        if quote.get("pattern") not in QUOTE_PATTERNS:
            faults.append(Fault(where, f"{label}: unknown pattern {quote.get('pattern')!r}"))
        if not isinstance(quote.get("parts"), list) or not quote.get("parts"):
            faults.append(Fault(where, f"{label}: parts must be a non-empty list of strings"))
        if quote.get("speaker") is not None and not isinstance(quote.get("speaker"), str):
            faults.append(Fault(where, f"{label}: speaker must be a string or null"))
        cue = quote.get("cue")
        if cue is not None and (not isinstance(cue, str) or cue not in text):
            faults.append(Fault(where, f"{label}: cue {cue!r} not found verbatim in the text"))
        if quote.get("pattern") == "incise_inside" and len(quote.get("parts") or []) < 2:
            faults.append(Fault(where, f"{label}: an incise inside a quote makes two parts"))
    dict_quotes = [quote for quote in quotes if isinstance(quote, dict)]
    located = locate_quote_parts(text, dict_quotes, faults, where)

    for trap in record.get("traps", []) or []:
        if not isinstance(trap, dict) or trap.get("kind") not in TRAP_KINDS:
            faults.append(Fault(where, f"trap {trap!r}: kind must be one of {', '.join(TRAP_KINDS)}"))
        elif not isinstance(trap.get("text"), str) or trap["text"] not in text:
            faults.append(Fault(where, f"trap text not found verbatim: {trap.get('text')!r}"))

    entities = record["entities"]
    if not isinstance(entities, list):
        faults.append(Fault(where, "entities must be a list"))
        entities = []
    for entity in entities:
        if not isinstance(entity, dict) or entity.get("label") not in ENTITY_LABELS:
            faults.append(Fault(where, f"entity {entity!r}: label must be one of "
                                       f"{', '.join(ENTITY_LABELS)}"))
        elif not isinstance(entity.get("text"), str) or entity["text"] not in text:
            faults.append(Fault(where, f"entity text not found verbatim: {entity.get('text')!r}"))

    if faults:
        return None, faults
    article = Article(id=record["id"], text=text, topics=list(topics), stance=record["stance"],
                      title=record.get("title"), date=record.get("date"), genre=record["genre"],
                      region=record["region"], collection=collection, quotes=located, raw=record)
    return article, faults



@dataclass
class CheckReport:
    articles: list[Article]
    faults: list[Fault]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return not self.faults


def check_corpus(root: Path) -> CheckReport:
    """Validate every record; faults make the corpus unusable, warnings ask for a look."""
    faults: list[Fault] = []
    articles: list[Article] = []
    first_seen: dict[str, str] = {}
    for where, record, parse_error in read_records(root):
        if parse_error:
            faults.append(Fault(where, parse_error))
            continue
        article, record_faults = validate_record(record, where)
        faults.extend(record_faults)
        record_id = record.get("id")
        if isinstance(record_id, str):
            if record_id in first_seen:
                faults.append(Fault(where, f"duplicate id {record_id!r} (first at {first_seen[record_id]})"))
            else:
                first_seen[record_id] = where
        if article is not None:
            articles.append(article)
    if not articles and not faults:
        raise CorpusError(f"no articles found under {root}")
    for i, j, jaccard in near_duplicate_pairs([article.text for article in articles]):
        faults.append(Fault(articles[j].id, f"near-duplicate of {articles[i].id} "
                                           f"(word-trigram Jaccard {jaccard:.2f})"))
    warnings = [f"{count} articles share the words: {run!r}"
                for run, count in template_runs(articles)[:20]]
    return CheckReport(articles=articles, faults=faults, warnings=warnings)


def load_corpus(root: Path) -> list[Article]:
    """Load a corpus that passes the check; raise CorpusError listing the first faults otherwise."""
    report = check_corpus(root)
    if not report.ok:
        shown = "\n".join(str(fault) for fault in report.faults[:10])
        more = len(report.faults) - 10
        raise CorpusError(f"the corpus at {root} has {len(report.faults)} fault(s):\n{shown}"
                          + (f"\n… and {more} more (run `veille corpus check`)" if more > 0 else ""))
    return report.articles
