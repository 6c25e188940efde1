"""The fixed split every tool shares: train, test (held out from the main collection) and challenge."""

from __future__ import annotations

import hashlib

from veille.corpus.duplicates import near_duplicate_pairs
from veille.corpus.records import Article

# Share of the main collection held out for evaluation, by a stable hash of the id.
TEST_FRACTION = 0.2


def stable_fraction(key: str) -> float:
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_articles(articles: list[Article]) -> dict[str, list[Article]]:
    """The fixed split: 'train', 'test' (held out from main) and 'challenge' (never trained on).

    Near-duplicates share a group key (the smallest id of their group), so they land on one side.
    """
    main = [article for article in articles if article.collection == "main"]
    group_of = {article.id: article.id for article in main}

    def root_of(article_id: str) -> str:
        while group_of[article_id] != article_id:
            article_id = group_of[article_id]
        return article_id

    for i, j, _ in near_duplicate_pairs([article.text for article in main]):
        first, second = sorted((root_of(main[i].id), root_of(main[j].id)))
        group_of[second] = first
    split: dict[str, list[Article]] = {"train": [], "test": [], "challenge": []}
    for article in main:
        side = "test" if stable_fraction(root_of(article.id)) < TEST_FRACTION else "train"
        split[side].append(article)
    split["challenge"] = [article for article in articles if article.collection == "challenge"]
    return split

