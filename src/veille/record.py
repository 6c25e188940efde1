"""The output record ("veille.article/1"), field for field, as the README's Output section documents it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files

SCHEMA = "veille.article/1"


def json_schema() -> dict:
    """The JSON Schema of veille.article/1 (records and error records), shipped in the package."""
    return json.loads(files("veille").joinpath("data/article.schema.json").read_text(encoding="utf-8"))


@dataclass
class ArticleRecord:
    id: str
    source: str
    title: str | None
    date: str | None
    language: str
    text: str  # the analysed text: every offset of the record indexes it
    text_sha256: str
    topics: list[dict]
    topic_scores: dict[str, float]
    stance: dict
    entities: list[dict]
    quotes: list[dict]
    warnings: list[str] = field(default_factory=list)
    model: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "language": self.language,
            "text": self.text,
            "text_sha256": self.text_sha256,
            "topics": self.topics,
            "topic_scores": self.topic_scores,
            "stance": self.stance,
            "entities": self.entities,
            "quotes": self.quotes,
            "warnings": self.warnings,
            "model": self.model,
        }


def error_record(item_id: str, source: str, error_type: str, message: str) -> dict:
    """What an item that cannot be analysed yields, so that every input has exactly one output line."""
    return {"schema": SCHEMA, "id": item_id, "source": source,
            "error": {"type": error_type, "message": message}}
