"""Near-duplicate texts and shared word runs (templates) in a set of articles."""

from __future__ import annotations

import re

from veille.corpus.records import Article

# Two texts whose word-trigram sets overlap this much (Jaccard) are near-duplicates.
NEAR_DUPLICATE_JACCARD = 0.5
# A run of this many words found in this many articles or more looks like a template.
TEMPLATE_NGRAM = 9
TEMPLATE_MIN_ARTICLES = 4


def near_duplicate_pairs(texts: list[str], threshold: float = NEAR_DUPLICATE_JACCARD
                         ) -> list[tuple[int, int, float]]:
    """Index pairs whose word-trigram sets have a Jaccard similarity of at least threshold."""
    if len(texts) < 2:
        return []
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(ngram_range=(3, 3), n_features=2**22, binary=True, norm=None,
                                   alternate_sign=False, lowercase=True)
    matrix = vectorizer.transform(texts).tocsr()
    sizes = matrix.getnnz(axis=1)
    overlap = (matrix @ matrix.T).tocoo()
    pairs = []
    for i, j, shared in zip(overlap.row, overlap.col, overlap.data, strict=True):
        if i < j:
            union = sizes[i] + sizes[j] - shared
            jaccard = shared / union if union else 0.0
            if jaccard >= threshold:
                pairs.append((int(i), int(j), float(jaccard)))
    return pairs


def template_runs(articles: list[Article]) -> list[tuple[str, int]]:
    """Word runs of TEMPLATE_NGRAM words shared by TEMPLATE_MIN_ARTICLES articles or more."""
    seen: dict[tuple[str, ...], set[str]] = {}
    for article in articles:
        words = re.findall(r"\w+", article.text.lower())
        grams = {tuple(words[i:i + TEMPLATE_NGRAM]) for i in range(len(words) - TEMPLATE_NGRAM + 1)}
        for gram in grams:
            seen.setdefault(gram, set()).add(article.id)
    runs = [(" ".join(gram), len(ids)) for gram, ids in seen.items()
            if len(ids) >= TEMPLATE_MIN_ARTICLES]
    return sorted(runs, key=lambda run: -run[1])

