"""The labelled corpus's records: the article and gold-quote types, the vocabularies of the format
(corpus/README.md) and reading its JSON Lines files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from veille.input.decode import parse_json_lines
from veille.nlp.quotes import Quote

GENRES = (
    "depeche", "breve", "reportage", "entretien", "tribune", "analyse", "portrait", "communique",
    "page_web",
)
REGIONS = ("france", "belgique", "suisse", "quebec", "afrique")
COLLECTIONS = ("main", "challenge")
TRAP_KINDS = (
    "title", "named_plan", "scare_quote", "negated_cue", "modal_cue", "declined_comment",
    "interviewed_by", "passing_platform_mention",
)
REQUIRED_FIELDS = ("id", "title", "text", "date", "genre", "region", "topics", "stance", "quotes",
                   "entities")

AGREEMENT_FOLDER = "agreement"


class CorpusError(ValueError):
    """A corpus that cannot be read at all (missing folder, no articles)."""


@dataclass
class Article:
    id: str
    text: str
    topics: list[str]
    stance: str
    title: str | None = None
    date: str | None = None
    genre: str | None = None
    region: str | None = None
    collection: str = "main"
    quotes: list[Quote] = field(default_factory=list)  # gold quotes: speakers as plain names
    raw: dict = field(default_factory=dict, repr=False)


@dataclass
class Fault:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def corpus_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise CorpusError(f"no corpus at {root}")
    # agreement/ holds a second annotator's labels, not articles.
    return sorted(path for path in root.rglob("*.jsonl") if AGREEMENT_FOLDER not in path.parts)


def read_records(root: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """Yield (where, record, parse_error) for every non-blank line of every corpus file."""
    for path in corpus_files(root):
        with path.open(encoding="utf-8") as handle:
            yield from parse_json_lines(handle, str(path))

