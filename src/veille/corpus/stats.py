"""Counts that describe the corpus: topics, stances, quote types and patterns, genres, regions, lengths."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from veille.corpus.records import Article
from veille.corpus.split import split_articles


def length_band(text: str) -> str:
    words = len(text.split())
    for limit, name in ((150, "<150 mots"), (300, "150-299"), (500, "300-499"), (700, "500-699")):
        if words < limit:
            return name
    return "700+"


def corpus_stats(articles: Iterable[Article]) -> dict[str, Counter]:
    stats: dict[str, Counter] = {name: Counter() for name in (
        "collection", "split", "topic", "topic_count", "stance", "quote_type", "quote_pattern",
        "trap", "genre", "region", "length")}
    articles = list(articles)
    for side, members in split_articles(articles).items():
        stats["split"][side] = len(members)
    for article in articles:
        stats["collection"][article.collection] += 1
        stats["topic"].update(article.topics)
        stats["topic_count"][f"{len(article.topics)} topic(s)"] += 1
        stats["stance"][article.stance] += 1
        stats["genre"][article.genre] += 1
        stats["region"][article.region] += 1
        stats["length"][length_band(article.text)] += 1
        for quote in article.quotes:
            stats["quote_type"][quote.type] += 1
            stats["quote_pattern"][quote.pattern] += 1
        for trap in article.raw.get("traps", []) or []:
            stats["trap"][trap["kind"]] += 1
    return stats

