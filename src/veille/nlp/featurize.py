"""From a parsed Doc to the plain ArticleFeatures the classifiers read."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from veille.features import ArticleFeatures, SocialMention
from veille.nlp.lexicon import PLATFORMS, SOCIAL_MEDIA_TERMS, X_PLATFORM_PREVIOUS_WORDS


class FeatureExtractor:
    """Turns a parsed Doc into ArticleFeatures; holds the social-media matcher."""

    def __init__(self, nlp: Language):
        self.terms = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.terms.add("TERM", [nlp.make_doc(term) for term in SOCIAL_MEDIA_TERMS])
        self.platforms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.platforms.add("PLATFORM", [nlp.make_doc(name) for name in PLATFORMS])

    def mentions(self, doc: Doc) -> list[SocialMention]:
        found = [SocialMention(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc[s:e].text, False)
                 for _, s, e in self.terms(doc)]
        found += [SocialMention(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc[s:e].text, True)
                  for _, s, e in self.platforms(doc)]
        for token in doc:
            if token.text == "X" and token.i > 0 and doc[token.i - 1].lower_ in X_PLATFORM_PREVIOUS_WORDS:
                found.append(SocialMention(token.idx, token.idx + 1, "X", True))
        return sorted(found, key=lambda m: m.start)

    def __call__(self, doc: Doc) -> ArticleFeatures:
        features = ArticleFeatures()
        for sentence in doc.sents:
            lemmas = []
            for token in sentence:
                if token.is_alpha:
                    features.word_count += 1
                if not is_content_word(token):
                    continue
                lemmas.append(token.lemma_.lower())
                if token.has_vector:
                    features.vector_sum += token.vector
                    features.vector_count += 1
            features.sentences.append((sentence.start_char, sentence.end_char))
            features.sentence_lemmas.append(lemmas)
            features.lemmas += lemmas
        features.mentions = self.mentions(doc)
        return features

    def add_title(self, features: ArticleFeatures, title_doc: Doc) -> None:
        features.title_lemmas = [t.lemma_.lower() for t in title_doc if is_content_word(t)]
        features.title_mentions = [m.term for m in self.mentions(title_doc)]


def is_content_word(token) -> bool:
    return token.is_alpha and not (token.is_stop or token.like_num)
