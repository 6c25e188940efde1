"""The platform, outlet and institution ruler: runs before NER so that platforms and outlets get one
consistent label, and institutions whose names start in lower case ("ministère des Armées", "préfecture du
Rhône", "parquet national financier") are ORG mentions, which NER misses or cuts ("Armées" alone)."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from veille.nlp.entities.patterns import (
    INSTITUTION_HEADS,
    INSTITUTION_HEADS_WITH_ADJECTIVE,
    NAME_OF,
    OUTLETS,
)
from veille.nlp.lexicon import PLATFORMS, X_PLATFORM_PREVIOUS_WORDS

ORG = "ORG"


# "de l'intérieur", "des Armées", "du Rhône", "de la santé publique", "de Tours": a determiner at most, then
# names, nouns and adjectives.
_COMPLEMENT = [{"LOWER": {"IN": list(NAME_OF)}}, {"POS": "DET", "OP": "?"},
               {"POS": {"IN": ["PROPN", "NOUN"]}}, {"POS": {"IN": ["PROPN", "ADJ"]}, "OP": "*"}]
_ADJECTIVES = [{"POS": "ADJ", "IS_LOWER": True, "OP": "+"}]
INSTITUTION_PATTERNS = [
    [{"LOWER": {"IN": list(INSTITUTION_HEADS)}, "IS_LOWER": True}, *_COMPLEMENT],
    [{"LOWER": {"IN": list(INSTITUTION_HEADS)}, "IS_LOWER": True}, *_ADJECTIVES],
    [{"LOWER": {"IN": list(INSTITUTION_HEADS + INSTITUTION_HEADS_WITH_ADJECTIVE)}, "IS_LOWER": True},
     *_ADJECTIVES, *_COMPLEMENT],
]


class PlatformRuler:
    """Marks platforms and news outlets as ORG entities; NER then fills in around them."""

    def __init__(self, nlp: Language, name: str = "veille_platforms"):
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("ORG", [nlp.make_doc(term) for term in (*PLATFORMS, *OUTLETS)])
        self.institutions = Matcher(nlp.vocab)
        self.institutions.add("ORG", INSTITUTION_PATTERNS, greedy="LONGEST")

    def find(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, start, end, label=ORG) for _, start, end in self.matcher(doc)]
        spans += [Span(doc, start, end, label=ORG) for _, start, end in self.institutions(doc)]
        for token in doc:
            if token.text == "X" and self._names_the_platform_x(token):
                spans.append(Span(doc, token.i, token.i + 1, label=ORG))
        return filter_spans(spans)

    @staticmethod
    def _names_the_platform_x(token) -> bool:
        doc = token.doc
        previous = doc[token.i - 1].lower_ if token.i > 0 else ""
        following = doc[token.i + 1: token.i + 4].text.lower()
        return previous in X_PLATFORM_PREVIOUS_WORDS or following.startswith(("(ex-twitter", "( ex"))

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        doc.ents = filter_spans([*found, *[ent for ent in doc.ents
                                          if not any(ent.start < s.end and s.start < ent.end
                                                     for s in found)]])
        return doc


@Language.factory("veille_platforms")
def make_platform_ruler(nlp: Language, name: str) -> PlatformRuler:
    return PlatformRuler(nlp, name)
