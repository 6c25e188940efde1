"""The labelled corpus: records, validation, the fixed split, statistics, and users' own corpora.

The format is documented in corpus/README.md at the repository's root: each line of a `*.jsonl` file under
corpus/ is one article.
"""

from veille.corpus.check import CheckReport, check_corpus, load_corpus, locate_quote_parts, validate_record
from veille.corpus.records import Article, CorpusError, Fault, read_records
from veille.corpus.split import split_articles, stable_fraction
from veille.corpus.stats import corpus_stats, length_band
from veille.corpus.user import load_training_corpus, load_user_corpus

__all__ = [
    "Article", "CheckReport", "CorpusError", "Fault", "check_corpus", "corpus_stats",
    "length_band", "load_corpus", "load_training_corpus", "load_user_corpus", "locate_quote_parts",
    "read_records", "split_articles", "stable_fraction", "validate_record",
]
