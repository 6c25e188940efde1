"""veille: French-language news analysis (entities, quotes and speakers, topics, stance toward social media).

    import veille
    analyzer = veille.load("models")          # the spaCy pipeline and the trained models, once
    record = veille.analyze("Le texte…", analyzer=analyzer)   # a veille.Record: the output record, a dict
    record                                    # in Jupyter: the article with entities, quotes, speakers marked
    for record in veille.analyze_many(texts, analyzer=analyzer): ...   # a stream, one record per text
    veille.to_dataframe(records, level="quotes")                        # pandas, one row per quote
    open("page.html", "w").write(veille.render_html(records))           # a self-contained HTML page

Everything is imported on first use: `import veille` loads neither spaCy nor pandas.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Record", "analyze", "analyze_many", "load", "render_html", "to_dataframe"]

if TYPE_CHECKING:
    from veille.apps.api import Record


def load(models: str | None = None):
    """An Analyzer holding the spaCy pipeline and the trained models: those of the `models` folder, else of
    $VEILLE_MODELS, the checkout's models/, the package's, or the user data folder."""
    from veille.analyzer import Analyzer

    return Analyzer.load(models)


def analyze(text: str, *, title: str | None = None, id: str = "<text>", date: str | None = None,
            analyzer=None) -> Record:
    """Analyse one article's text; pass `analyzer` (from `load`) to analyse many without reloading.

    The Record is a dict (the output record: record["quotes"], json.dumps(record)) with .to_dict() and an HTML
    view for Jupyter. Raises veille.input.decode.InputError when the text is empty."""
    from veille.apps.api import analyze as analyze_one

    return analyze_one(analyzer or load(), text, title=title, id=id, date=date)


def analyze_many(items: Iterable[object], *, analyzer=None, models: str | None = None) -> Iterator[Record]:
    """Analyse many articles, loading the pipeline once: strings, (text, title) pairs or dicts with `text`
    and optional `title`, `id`, `date`. Yields one Record per item, in order, as the texts are analysed in
    batches; an item with no text yields an error record ({"id", "source", "error": {"type", "message"}})."""
    from veille.apps.api import analyze_many as analyze_stream

    yield from analyze_stream(analyzer or load(models), items)


def to_dataframe(records: Mapping | Iterable[Mapping] | str | Path, level: str = "articles"):
    """A pandas DataFrame of records (or of a JSON Lines file of them): level="articles" (one row per article,
    topic scores as topic_<label> columns) or level="quotes" (one row per quote). Needs veille[tables]."""
    from veille.apps.tables import to_dataframe as tables

    return tables(records, level=level)


def render_html(records: Mapping | Iterable[Mapping], page: bool = True) -> str:
    """One record or many as a self-contained HTML page (page=False: the article sections alone)."""
    from veille.apps.html import render_html as render

    return render(records, page=page)


def __getattr__(name: str):
    if name == "Record":
        from veille.apps.api import Record

        return Record
    raise AttributeError(f"module 'veille' has no attribute {name!r}")
