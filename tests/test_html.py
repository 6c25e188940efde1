"""The HTML view: displaCy's span style over the record's text, one section per record, self-contained."""

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

import veille
from veille.apps.cli import app
from veille.apps.html import article_html, displacy_docs, render_html
from veille.record import error_record

TEXT = ("La mairie de Lyon a présenté mardi un plan pour étendre les pistes cyclables du centre.\n\n"
        "« Nous voulons doubler le réseau d'ici trois ans », a déclaré Claire Dumont, adjointe aux "
        "mobilités. "
        "Le collectif Vélo en Ville estime que le calendrier reste flou.\n\n"
        "Selon Marc Besson, président de l'association, la ville « avance enfin dans la bonne direction ».")
VOID = {"meta", "br", "hr", "img", "link", "input"}


class Page(HTMLParser):
    """The visible text, the links to resources and whether every element that opens also closes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.unbalanced, self.links, self.text = [], [], [], []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.links += [value for name, value in attrs if name in ("src", "href") and value]
        if tag not in VOID:
            self.stack.append(tag)
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.unbalanced.append(tag)
        self.in_style = False

    def handle_data(self, data):
        if not self.in_style:
            self.text.append(data)


def parse(markup: str) -> Page:
    page = Page()
    page.feed(markup)
    page.close()
    return page


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def record(analyzer):
    return veille.analyze(TEXT, title="Pistes <cyclables> & budget", id="lyon-velo", analyzer=analyzer)


def test_page_holds_quotes_speakers_and_entity_labels(record):
    assert record["quotes"] and record["entities"]
    page = parse(render_html(record))
    assert not page.stack and not page.unbalanced
    visible = " ".join(page.text)
    labels = {f"{quote['type']} · {quote['speaker'] or '?'}" for quote in record["quotes"]}
    labels |= {"SPEAKER"} | {entity["label"] for entity in record["entities"]}
    for label in labels:
        assert label in visible
    # displaCy writes each span's label after its first word: without the labels, the text reads through
    words = squeeze(visible)
    for label in sorted(labels, key=len, reverse=True):
        words = words.replace(squeeze(label), "")
    for quote in record["quotes"]:
        for start, end in quote["parts"]:
            assert squeeze(record["text"][start:end]) in words
    for entity in record["entities"]:
        assert squeeze(entity["text"]) in words


def test_page_is_self_contained_and_escapes_the_header(record):
    markup = render_html(record)
    page = parse(markup)
    assert page.links == []
    assert "http" not in markup
    assert "&lt;cyclables&gt; &amp; budget" in markup and "<cyclables>" not in markup
    assert markup.startswith("<!DOCTYPE html>")


def test_every_highlight_is_a_displacy_span_of_the_records_offsets(record):
    docs = displacy_docs(record)
    assert len(docs) == 3  # one per paragraph
    labels = {span["label"] for doc in docs for span in doc["spans"]}
    assert "SPEAKER" in labels and "PER" in labels
    speakers = [q for q in record["quotes"] if q["speaker_span"]]
    assert speakers
    for quote in speakers:
        start, end = quote["speaker_span"]
        name_tokens = record["text"][start:end].split()
        doc = next(doc for doc in docs if record["text"][start:end] in doc["text"])
        spans = [s for s in doc["spans"] if s["label"] == "SPEAKER"]
        assert any(doc["tokens"][s["start_token"]:s["end_token"]] == name_tokens for s in spans)


def test_many_records_error_lines_and_records_without_text(record):
    without_text = {key: value for key, value in record.items() if key != "text"}
    failed = error_record("vide.txt", "vide.txt", "empty", "vide.txt is <empty>")
    markup = render_html([record, failed, without_text])
    page = parse(markup)
    assert not page.stack and not page.unbalanced
    assert markup.count('<section class="veille-article') == 3
    visible = " ".join(page.text)
    assert "vide.txt is <empty>" in visible and "erreur empty" in visible
    assert "--no-text" in visible
    for quote in record["quotes"]:  # the section without text still lists the quotes
        assert quote["text"] in visible


def test_jupyter_shows_the_same_markup(record):
    section = article_html(record)
    assert isinstance(record, dict)
    assert section in record._repr_html_()
    assert section in render_html(record)
    assert "<html" not in record._repr_html_()


def test_classify_html_writes_the_page(tmp_path, models_dir):
    article = tmp_path / "velo.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "velo.html"
    result = CliRunner().invoke(app, ["classify", str(article), "--json", "--models", str(models_dir),
                                      "--html", str(out)])
    assert result.exit_code == 0, result.output
    markup = out.read_text(encoding="utf-8")
    assert "Claire Dumont" in markup and "SPEAKER" in markup
    assert not parse(markup).unbalanced


CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH to render the page headless")
def test_chromium_renders_the_page(record, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(render_html(record), encoding="utf-8")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout
    assert "Claire Dumont" in dom and "SPEAKER" in dom
