"""The Python API behind `veille.analyze` and `veille.analyze_many`: records that are dicts and show
themselves as HTML in Jupyter, and a stream of them from many texts with the pipeline loaded once."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping

from veille.input.decode import InputError, RawArticle, from_json_object
from veille.record import ArticleRecord, error_record


class Record(dict):
    """A veille.article/1 record (or error record): a plain dict (record["quotes"], json.dumps(record) and
    isinstance(record, dict) work as before) that Jupyter displays as the highlighted article."""

    def to_dict(self) -> dict:
        """The record as a plain dict, a copy that shares nothing with this one."""
        return copy.deepcopy(dict(self))

    @property
    def is_error(self) -> bool:
        return "error" in self

    def _repr_html_(self) -> str:
        from veille.apps.html import render_html

        return render_html(self, page=False)


def analyze(analyzer, text: str, title: str | None = None, id: str = "<text>", date: str | None = None
            ) -> Record:
    """One text: its record; raises InputError when there is nothing to analyse."""
    raw = RawArticle(text=text, id=id, source=id, title=title, date=date)
    return Record(analyzer.analyze(raw).to_dict())


def raw_article(item: object, number: int) -> RawArticle:
    """An input of analyze_many as a RawArticle: a string, a (text, title) pair, a dict with text and
    optional title, id and date, or a RawArticle. Raises InputError for an item without text, TypeError for
    anything else."""
    name = f"<text {number}>"
    if isinstance(item, RawArticle):
        return item
    if isinstance(item, str):
        return RawArticle(text=item, id=name, source=name)
    if isinstance(item, tuple | list) and len(item) == 2 and isinstance(item[0], str):
        title = item[1] if isinstance(item[1], str) and item[1].strip() else None
        return RawArticle(text=item[0], id=name, source=name, title=title)
    if isinstance(item, Mapping):
        return from_json_object(dict(item), name)
    raise TypeError(f"analyze_many: item {number} is a {type(item).__name__}; give a string, a (text, title) "
                    "pair or a dict with 'text'")


def analyze_many(analyzer, items: Iterable[object]) -> Iterator[Record]:
    """One Record per item, in input order, as a stream (the Analyzer batches the parsing); an item that
    cannot be analysed (no text, nothing left after clean-up) yields an error record instead of raising."""
    ready: dict[int, Record] = {}
    expected = 0

    def raws() -> Iterator[tuple[RawArticle, tuple[int, RawArticle | None]]]:
        for index, item in enumerate(items):
            try:
                raw = raw_article(item, index + 1)
            except InputError as error:
                name = f"<text {index + 1}>"
                item_id = str(item.get("id") or name) if isinstance(item, Mapping) else name
                ready[index] = Record(error_record(item_id, name, error.type, str(error)))
                continue
            yield raw, (index, raw)

    for result, (index, raw) in analyzer.analyze_stream(raws()):
        if isinstance(result, ArticleRecord):
            ready[index] = Record(result.to_dict())
        else:
            ready[index] = Record(error_record(raw.id, raw.source, getattr(result, "type", "input_error"),
                                               str(result)))
        while expected in ready:
            yield ready.pop(expected)
            expected += 1
    for index in sorted(ready):
        yield ready.pop(index)
