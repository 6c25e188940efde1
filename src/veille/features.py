"""What the classifiers see of a parsed article: plain strings, offsets and vectors, never spaCy objects.

Filled by veille.nlp.featurize; read by veille.classify."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

VECTOR_WIDTH = 300
# Sentences on each side of a social-media mention that belong to its context.
CONTEXT_NEIGHBOURS = 1


@dataclass
class SocialMention:
    start: int
    end: int
    term: str
    is_platform: bool


@dataclass
class ArticleFeatures:
    """Features of one article; offsets are into the analysed text."""

    lemmas: list[str] = field(default_factory=list)  # content words, lowercased lemmas
    vector_sum: np.ndarray = field(default_factory=lambda: np.zeros(VECTOR_WIDTH, dtype=np.float32))
    vector_count: int = 0
    word_count: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)
    sentence_lemmas: list[list[str]] = field(default_factory=list)
    mentions: list[SocialMention] = field(default_factory=list)
    # The headline is parsed apart: its words count for the classifiers, its offsets for nothing.
    title_lemmas: list[str] = field(default_factory=list)
    title_mentions: list[str] = field(default_factory=list)

    @property
    def vector(self) -> np.ndarray:
        """Mean word vector of the content words, L2-normalised (zeros when there is none)."""
        if not self.vector_count:
            return np.zeros(VECTOR_WIDTH, dtype=np.float32)
        mean = self.vector_sum / self.vector_count
        norm = np.linalg.norm(mean)
        return mean / norm if norm else mean

    def context_sentence_indexes(self) -> list[int]:
        """Sentences holding a social-media mention, with their neighbours."""
        hits = {i for i, (start, end) in enumerate(self.sentences)
                if any(start <= m.start < end for m in self.mentions)}
        around = {j for i in hits for j in range(i - CONTEXT_NEIGHBOURS, i + CONTEXT_NEIGHBOURS + 1)}
        return sorted(j for j in around if 0 <= j < len(self.sentences))

    def context_lemmas(self) -> list[str]:
        return [lemma for i in self.context_sentence_indexes() for lemma in self.sentence_lemmas[i]]

    def extend(self, other: ArticleFeatures, offset: int) -> None:
        """Append the features of the next chunk of the same article."""
        self.lemmas += other.lemmas
        self.vector_sum = self.vector_sum + other.vector_sum
        self.vector_count += other.vector_count
        self.word_count += other.word_count
        self.sentences += [(s + offset, e + offset) for s, e in other.sentences]
        self.sentence_lemmas += other.sentence_lemmas
        self.mentions += [SocialMention(m.start + offset, m.end + offset, m.term, m.is_platform)
                          for m in other.mentions]

