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
    REGIONS,
    REQUIRED_FIELDS,
    TRAP_KINDS,
    Article,
    CorpusError,
    Fault,
    read_records,
)
from veille.labels import ENTITY_LABELS, MAX_TOPICS, STANCE_IDS, TOPIC_IDS
from veille.nlp.quotes import QUOTE_PATTERNS, QUOTE_TYPES, SPEAKER_KINDS, Quote

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def locate_quote_parts(text: str, quotes: list[dict], faults: list[Fault], where: str
                       ) -> list[Quote]:
    """Find each part verbatim, searching forward from the previous quote's start.

    Quotes are listed in order of appearance, so an ambiguous string resolves to the occurrence that
    follows the previous quote.
    """
    located: list[Quote] = []
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
                located.append(Quote(type=quote.get("type", ""), parts=tuple(spans),
                                     speaker=quote.get("speaker"), cue=quote.get("cue"),
                                     pattern=quote.get("pattern"),
                                     speaker_kind=quote.get("speaker_kind")))
    return located


def validate_record(record: dict, where: str) -> tuple[Article | None, list[Fault]]:
    """The article a record describes, or the faults that keep it out of the corpus."""
    missing = [Fault(where, f"missing field {name!r}") for name in REQUIRED_FIELDS if name not in record]
    if missing:
        return None, missing
    text = record["text"]
    if not isinstance(text, str) or len(text.split()) < 20:
        return None, [Fault(where, "text must be a string of at least 20 words")]
    problems = [*_label_problems(record), *_quote_problems(record["quotes"], text),
                *_trap_problems(record.get("traps") or [], text), *_entity_problems(record["entities"], text)]
    faults = [Fault(where, problem) for problem in problems]
    quotes = [quote for quote in record["quotes"] if isinstance(quote, dict)] \
        if isinstance(record["quotes"], list) else []
    located = locate_quote_parts(text, quotes, faults, where)
    if faults:
        return None, faults
    article = Article(id=record["id"], text=text, topics=list(record["topics"]), stance=record["stance"],
                      title=record.get("title"), date=record.get("date"), genre=record["genre"],
                      region=record["region"], collection=record.get("collection", "main"), quotes=located,
                      raw=record)
    return article, faults


def _label_problems(record: dict) -> list[str]:
    """The id, topics, stance, genre, region, collection and date against their vocabularies."""
    problems = []
    if not isinstance(record["id"], str) or not record["id"].strip():
        problems.append("id must be a non-empty string")
    topics = record["topics"]
    if not isinstance(topics, list) or not 1 <= len(topics) <= MAX_TOPICS:
        problems.append(f"topics must list 1 to {MAX_TOPICS} ids")
        topics = []
    problems += [f"unknown topic {topic!r}" for topic in topics if topic not in TOPIC_IDS]
    if len(set(topics)) != len(topics):
        problems.append("a topic is listed twice")
    for name, vocabulary in (("stance", STANCE_IDS), ("genre", GENRES), ("region", REGIONS)):
        if record[name] not in vocabulary:
            problems.append(f"unknown {name} {record[name]!r} (one of {', '.join(vocabulary)})")
    collection = record.get("collection", "main")
    if collection not in COLLECTIONS:
        problems.append(f"unknown collection {collection!r}")
    if record["date"] is not None and not DATE_RE.match(str(record["date"])):
        problems.append("date must be YYYY-MM-DD or null")
    return problems


def _quote_problems(quotes: object, text: str) -> list[str]:
    if not isinstance(quotes, list):
        return ["quotes must be a list"]
    problems = []
    for index, quote in enumerate(quotes):
        label = f"quote {index + 1}"
        if not isinstance(quote, dict):
            problems.append(f"{label}: must be an object")
            continue
        if quote.get("type") not in QUOTE_TYPES:
            problems.append(f"{label}: unknown type {quote.get('type')!r}")
        if quote.get("pattern") not in QUOTE_PATTERNS:
            problems.append(f"{label}: unknown pattern {quote.get('pattern')!r}")
        if not isinstance(quote.get("parts"), list) or not quote.get("parts"):
            problems.append(f"{label}: parts must be a non-empty list of strings")
        if quote.get("speaker") is not None and not isinstance(quote.get("speaker"), str):
            problems.append(f"{label}: speaker must be a string or null")
        cue = quote.get("cue")
        if cue is not None and (not isinstance(cue, str) or cue not in text):
            problems.append(f"{label}: cue {cue!r} not found verbatim in the text")
        if quote.get("pattern") == "incise_inside" and len(quote.get("parts") or []) < 2:
            problems.append(f"{label}: an incise inside a quote makes two parts")
        problems += _speaker_kind_problems(quote, label)
    return problems


def _speaker_kind_problems(quote: dict, label: str) -> list[str]:
    """speaker_kind is optional (older records lack it); when given it is a kind, null exactly when the
    speaker is."""
    if "speaker_kind" not in quote:
        return []
    kind, speaker = quote["speaker_kind"], quote.get("speaker")
    if kind is not None and kind not in SPEAKER_KINDS:
        return [f"{label}: unknown speaker_kind {kind!r} (one of {', '.join(SPEAKER_KINDS)})"]
    if (kind is None) != (speaker is None):
        return [f"{label}: speaker_kind must be null exactly when speaker is null"]
    return []


def _trap_problems(traps: list, text: str) -> list[str]:
    problems = []
    for trap in traps:
        if not isinstance(trap, dict) or trap.get("kind") not in TRAP_KINDS:
            problems.append(f"trap {trap!r}: kind must be one of {', '.join(TRAP_KINDS)}")
        elif not isinstance(trap.get("text"), str) or trap["text"] not in text:
            problems.append(f"trap text not found verbatim: {trap.get('text')!r}")
    return problems


def _entity_problems(entities: object, text: str) -> list[str]:
    if not isinstance(entities, list):
        return ["entities must be a list"]
    problems = []
    for entity in entities:
        if not isinstance(entity, dict) or entity.get("label") not in ENTITY_LABELS:
            problems.append(f"entity {entity!r}: label must be one of {', '.join(ENTITY_LABELS)}")
        elif not isinstance(entity.get("text"), str) or entity["text"] not in text:
            problems.append(f"entity text not found verbatim: {entity.get('text')!r}")
    return problems


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
