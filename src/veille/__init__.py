"""veille: French-language news analysis (entities, quotes and speakers, topics, stance toward social media).

    import veille
    analyzer = veille.load("models")          # the spaCy pipeline and the trained models, once
    record = veille.analyze("Le texte…", analyzer=analyzer)   # the output contract, as a dict
"""

from __future__ import annotations

__version__ = "0.1.0"


def load(models: str | None = None):
    """An Analyzer holding the spaCy pipeline and the trained models: those of the `models` folder, else of
    $VEILLE_MODELS, the checkout's models/, the package's, or the user data folder."""
    from veille.analyzer import Analyzer

    return Analyzer.load(models)


def analyze(text: str, *, title: str | None = None, id: str = "<text>", analyzer=None) -> dict:
    """Analyse one article's text; pass `analyzer` (from `load`) to analyse many without reloading."""
    from veille.input.decode import RawArticle

    analyzer = analyzer or load()
    return analyzer.analyze(RawArticle(text=text, id=id, source=id, title=title)).to_dict()
