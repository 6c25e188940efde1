"""Records as HTML: the article's text with entities, quotes and speakers highlighted by spaCy's displaCy
(span style, manual input built from the record's text and offsets), under a small header (title, topics,
stance and its evidence). Self-contained: no script, font or style sheet is fetched from anywhere.

render_html(records) is a whole page (one section per record); render_html(records, page=False) is the same
sections without <html>/<head>, for Jupyter (Record._repr_html_) or for embedding.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping
from html import escape

from veille.labels import STANCES, TOPICS

# Quotes by type, speakers, entities by label: distinct, readable behind black text.
QUOTE_COLORS = {"direct": "#ffd166", "indirect": "#9fc5ff", "mixed": "#b9f0a8"}
SPEAKER_LABEL = "SPEAKER"
SPEAKER_COLOR = "#ff9fbd"
ENTITY_COLORS = {"PER": "#f4a7a7", "ORG": "#c9b8ff", "LOC": "#9ee8f0", "MISC": "#dddddd"}
UNKNOWN_SPEAKER = "?"

STYLE = """
.veille-article{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:60rem;
margin:0 auto 3rem auto;padding:1rem 1.5rem;border-bottom:1px solid #ccc}
.veille-article h2{margin:0 0 .3rem 0;font-size:1.4rem}
.veille-meta{color:#555;font-size:.85rem;margin:0 0 .6rem 0}
.veille-header p,.veille-header ul{margin:.25rem 0}
.veille-evidence{color:#333;font-size:.9rem}
.veille-warnings{color:#8a5a00;font-size:.85rem}
.veille-note{background:#fff4d6;padding:.5rem .8rem;border-radius:.3rem}
.veille-error{color:#a00000}
.veille-body{margin-top:1rem}
""".strip()


def quote_label(quote: Mapping) -> str:
    """What a quote's parts are labelled with: its type and its speaker, e.g. "direct · Anne Roy"."""
    return f"{quote.get('type') or 'quote'} · {quote.get('speaker') or UNKNOWN_SPEAKER}"


def labelled_spans(record: Mapping) -> list[tuple[int, int, str, str]]:
    """(start, end, label, color) of every quote part, speaker mention and entity mention of a record whose
    offsets fall inside its text; the same span with the same label only once."""
    text = record.get("text") or ""
    spans: dict[tuple[int, int, str], str] = {}

    def add(span, label: str, color: str) -> None:
        if isinstance(span, list | tuple) and len(span) == 2:
            start, end = span
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                spans.setdefault((start, end, label), color)

    for quote in record.get("quotes") or []:
        label = quote_label(quote)
        for part in quote.get("parts") or []:
            add(part, label, QUOTE_COLORS.get(quote.get("type"), "#eeeeee"))
        if quote.get("speaker_span"):
            add(quote["speaker_span"], SPEAKER_LABEL, SPEAKER_COLOR)
    for entity in record.get("entities") or []:
        for mention in entity.get("mentions") or []:
            add(mention, entity.get("label", "MISC"), ENTITY_COLORS.get(entity.get("label"), "#dddddd"))
    return [(start, end, label, color) for (start, end, label), color in sorted(spans.items())]


_WORD = re.compile(r"\S+")


def _tokens(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    """The words of text[start:end] (white space dropped), also cut at every span boundary inside a word."""
    tokens = []
    for word in _WORD.finditer(text, start, end):
        left = word.start()
        for cut in cuts[bisect.bisect_right(cuts, word.start()):bisect.bisect_left(cuts, word.end())]:
            tokens.append((left, cut))
            left = cut
        tokens.append((left, word.end()))
    return tokens


def displacy_docs(record: Mapping) -> list[dict]:
    """displaCy's manual span input, one doc per paragraph (a line of the text): tokens, and spans by token
    index. A span across paragraphs is cut at each break, its label repeated."""
    text = record["text"]
    spans = labelled_spans(record)
    cuts = sorted({offset for start, end, _, _ in spans for offset in (start, end)})
    docs = []
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if not line.strip():
            continue
        tokens = _tokens(text, start, end, cuts)
        starts = [token_start for token_start, _ in tokens]
        ends = [token_end for _, token_end in tokens]
        doc_spans = []
        for span_start, span_end, label, _ in spans:
            if span_end <= start or span_start >= end:
                continue
            first = bisect.bisect_right(ends, max(span_start, start))  # first token ending after the start
            last = bisect.bisect_left(starts, min(span_end, end))  # tokens starting before the end
            if first < last:
                doc_spans.append({"start_token": first, "end_token": last,
                                  "label": escape(label, quote=False)})
        docs.append({"text": line, "tokens": [text[s:e] for s, e in tokens], "spans": doc_spans})
    return docs


def _colors(record: Mapping) -> dict[str, str]:
    return {escape(label, quote=False): color for _, _, label, color in labelled_spans(record)}


def body_html(record: Mapping) -> str:
    """The article's text, highlighted by displaCy."""
    from spacy import displacy

    docs = displacy_docs(record)
    if not docs:
        return ""
    return displacy.render(docs, style="span", manual=True, jupyter=False, page=False,
                           options={"colors": _colors(record)})


def _header(record: Mapping) -> list[str]:
    title = record.get("title") or record.get("id") or "article"
    known = [str(record[key]) for key in ("id", "date", "source") if record.get(key)]
    meta = " · ".join(escape(value) for number, value in enumerate(known) if value not in known[:number])
    parts = [f"<h2>{escape(str(title))}</h2>", f'<p class="veille-meta">{meta}</p>',
             '<div class="veille-header">']
    topics = ", ".join(f"{escape(TOPICS.get(t['label'], t['label']))} ({t['score']:.2f})"
                       for t in record.get("topics") or [])
    parts.append(f"<p><strong>Thèmes</strong> {topics or '—'}</p>")
    stance = record.get("stance") or {}
    if stance:
        label = STANCES.get(stance.get("label"), stance.get("label"))
        score = stance.get("score", 0)
        parts.append(f"<p><strong>Réseaux sociaux</strong> {escape(str(label))} ({score:.2f})</p>")
        evidence = stance.get("evidence") or []
        if evidence:
            items = "".join(f"<li>{escape(' '.join(e['text'].split()))}</li>" for e in evidence)
            parts.append(f'<ul class="veille-evidence">{items}</ul>')
    warnings = record.get("warnings") or []
    if warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
        parts.append(f'<ul class="veille-warnings">{items}</ul>')
    parts.append("</div>")
    return parts


def _quote_list(record: Mapping) -> str:
    items = "".join(f"<li><strong>{escape(quote_label(q))}</strong> : {escape(q.get('text') or '')}</li>"
                    for q in record.get("quotes") or [])
    return f"<ul>{items}</ul>" if items else "<p>Aucune citation.</p>"


def article_html(record: Mapping) -> str:
    """One record as one <section>: an error record as a short error line, a record without its text (batch
    --no-text) as its header, a note and its quotes as a list."""
    if "error" in record:
        error = record["error"] or {}
        what = f"erreur {escape(str(error.get('type')))} : {escape(str(error.get('message')))}"
        return (f'<section class="veille-article veille-error"><p><strong>{escape(str(record.get("id")))}'
                f"</strong> : {what}</p></section>")
    parts = ['<section class="veille-article">', *_header(record)]
    if isinstance(record.get("text"), str):
        parts.append(f'<div class="veille-body">{body_html(record)}</div>')
    else:
        parts.append('<p class="veille-note">Ce résultat ne contient pas le texte de l\'article '
                     "(batch --no-text) : le texte surligné ne peut pas être affiché. "
                     "Relancez l'analyse sans --no-text.</p>")
        parts.append(_quote_list(record))
    parts.append("</section>")
    return "\n".join(parts)


def iter_html(records: Mapping | Iterable[Mapping], page: bool = True) -> Iterator[str]:
    """render_html in pieces, for writing many records without holding the page in memory."""
    if isinstance(records, Mapping):
        records = [records]
    if page:
        yield ('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
               '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
               f"<title>veille</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n")
    else:
        yield f'<div class="veille">\n<style>\n{STYLE}\n</style>\n'
    for record in records:
        yield article_html(record) + "\n"
    yield "</body>\n</html>\n" if page else "</div>\n"


def render_html(records: Mapping | Iterable[Mapping], page: bool = True) -> str:
    """One record or many as HTML: a whole self-contained page, or (page=False) the sections alone."""
    return "".join(iter_html(records, page=page))
