"""Users' own labelled corpora (JSON Lines or CSV: text, topic labels, stance), and choosing between them and
the format of corpus/."""

from __future__ import annotations

import re
from pathlib import Path

from veille.corpus.check import load_corpus
from veille.corpus.records import REQUIRED_FIELDS, Article, CorpusError, read_records
from veille.labels import MAX_TOPICS, STANCE_IDS

TOPIC_COLUMNS = ("topics", "topic", "labels", "label")
SPLIT_LABELS_RE = re.compile(r"\s*[;,|]\s*")


def _labels_from(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str):
        return [part for part in SPLIT_LABELS_RE.split(value.strip()) if part]
    return []


def user_record_to_article(record: dict, where: str, index: int) -> Article:
    """A record of a user's corpus: text, topic labels (list or 'a;b'), stance, optional id and title."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: no 'text'")
    column = next((name for name in TOPIC_COLUMNS if record.get(name)), None)
    topics = _labels_from(record.get(column)) if column else []
    if not topics:
        raise CorpusError(f"{where}: no topic labels (a column named one of {', '.join(TOPIC_COLUMNS)})")
    stance = str(record.get("stance") or "").strip()
    if stance not in STANCE_IDS:
        raise CorpusError(f"{where}: stance must be one of {', '.join(STANCE_IDS)}, not {stance!r}")
    return Article(id=str(record.get("id") or f"{where}#{index}"), text=text, topics=topics[:MAX_TOPICS],
                   stance=stance, title=record.get("title") or None, date=record.get("date") or None,
                   raw=record)


def load_user_corpus(path: Path) -> list[Article]:
    import csv

    articles = []
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), 2):
                articles.append(user_record_to_article(row, f"{path}:{number}", number))
    else:
        for where, record, error in read_records(path):
            if error:
                raise CorpusError(f"{where}: {error}")
            articles.append(user_record_to_article(record, where, len(articles)))
    if len(articles) < 10:
        raise CorpusError(f"{path}: {len(articles)} articles; training needs at least 10")
    return articles


def load_training_corpus(path: Path) -> list[Article]:
    """corpus/ (or one file in its format), or a user's JSON Lines or CSV file of labelled texts."""
    if path.is_dir():
        return load_corpus(path)
    if not path.exists():
        raise CorpusError(f"no corpus at {path}")
    if path.suffix.lower() == ".jsonl":
        first = next(read_records(path), None)
        if first and first[1] and all(name in first[1] for name in REQUIRED_FIELDS):
            return load_corpus(path)
    return load_user_corpus(path)
