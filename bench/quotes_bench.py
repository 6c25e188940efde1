"""`make bench`: the quote extractor's own cost per corpus article (target: under 3 ms), the pipeline's parse
done once beforehand so only the component is timed. Prints figures; asserts nothing."""

from __future__ import annotations

import time
from pathlib import Path

from veille.corpus import load_corpus
from veille.nlp.pipeline import load_pipeline
from veille.text import normalize_for_parser

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 300
RUNS = 3


def main() -> None:
    nlp = load_pipeline()
    articles = load_corpus(ROOT / "corpus")[:ARTICLES]
    extractor = nlp.get_pipe("veille_quotes")
    with nlp.select_pipes(disable=["veille_quotes", "veille_release_tensor"]):
        docs = list(nlp.pipe(normalize_for_parser(article.text) for article in articles))
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for doc in docs:
            extractor(doc)
        timings.append((time.perf_counter() - started) / len(docs) * 1000)
    quotes = sum(len(doc._.quotes) for doc in docs)
    print(f"quote extractor: {min(timings):.2f} ms per article (best of {RUNS}; "
          f"{len(docs)} corpus articles, {quotes} quotes; target under 3 ms)")


if __name__ == "__main__":
    main()
