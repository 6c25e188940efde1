"""One article end to end: clean, parse, extract, classify, build the output record."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from veille import __version__
from veille.features import ArticleFeatures
from veille.input.decode import EmptyInputError, InputError, RawArticle
from veille.labels import STANCE_IDS
from veille.record import ArticleRecord
from veille.text import clean_text, normalize_for_parser

# Longer texts are parsed in paragraph-aligned chunks of about this many characters, offsets kept.
# (Small enough that a batch of them stays within a few hundred MB of parser memory.)
CHUNK_CHARS = 10_000
# The parser's time and memory follow tokens, not characters: the corpus's densest text holds 0.25 tokens a
# character (2,500 a chunk), a text of spaced quotation marks 0.5; a chunk over this many tokens is cut
# smaller (400 KB of "« « «" took 61 s and 1.8 GB in 10,000-character chunks, 28 s and 1.1 GB so).
CHUNK_TOKENS = 3_000
MIN_CHUNK_CHARS = 500
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
# Too little text to tell its language reliably.
MIN_CHARS_FOR_LANGUAGE = 40
SCORE_DIGITS = 4
# Components whose output only entities and quotes use.
FEATURE_ONLY_SKIPS = ("veille_platforms", "ner", "veille_quotes")


@dataclass
class ParsedArticle:
    """What the nlp side found, in plain values with offsets into the analysed text."""

    text: str
    mentions: list = field(default_factory=list)  # veille.nlp.entities.group.Mention
    quotes: list[dict] = field(default_factory=list)
    features: ArticleFeatures = field(default_factory=ArticleFeatures)
    warnings: list[str] = field(default_factory=list)


def chunk_offsets(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Split at paragraph breaks (else line breaks, else spaces) into pieces of at most `size` chars, and
    of at most about CHUNK_TOKENS tokens: a piece denser than prose is split again, smaller."""
    chunks = []
    for start, end in _char_chunks(text, size):
        tokens = len(TOKEN_RE.findall(text, start, end))
        if tokens <= CHUNK_TOKENS:
            chunks.append((start, end))
            continue
        smaller = max(MIN_CHUNK_CHARS, size * CHUNK_TOKENS // tokens)
        chunks.extend((start + s, start + e) for s, e in _char_chunks(text[start:end], smaller))
    return chunks


def _char_chunks(text: str, size: int) -> list[tuple[int, int]]:
    chunks, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < size // 4:
            cut = window.rfind(" ")
        if cut < size // 4:
            cut = size
        chunks.append((start, start + cut))
        start += cut
    chunks.append((start, len(text)))
    return chunks


# Frequent in French prose, and not words of English, Spanish, Italian, Portuguese, Catalan, German or Dutch.
# When they make up this share of a text's words it is French without asking py3langid, whose model takes
# 0.4 s to load (an eighth of a `veille classify` run). 988 of the corpus's 1,009 articles pass; other
# languages score 0 (tests/test_article.py).
FRENCH_MARKERS = frozenset(
    "est une dans pour pas qui sur avec sont aux du cette été ont mais leur nous vous aussi être fait au ils "
    "elle était sa ses ces très où avait selon après depuis".split())
FRENCH_MARKER_SHARE = 0.06
_WORDS = re.compile(r"\w+")


def looks_french(text: str) -> bool:
    words = _WORDS.findall(text.lower())
    return sum(word in FRENCH_MARKERS for word in words) >= FRENCH_MARKER_SHARE * len(words)


def detect_language(text: str) -> str | None:
    if len(text) < MIN_CHARS_FOR_LANGUAGE:
        return None
    if looks_french(text[:5000]):
        return "fr"
    import py3langid

    language, _ = py3langid.classify(text[:5000])
    return language


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def prepare_text(raw: RawArticle) -> tuple[str, list[str]]:
    """The text that is analysed (its SHA-256 is the record's text_sha256), and the warnings so far."""
    text, warnings = clean_text(raw.text)
    if not text:
        raise EmptyInputError(f"{raw.source}: no article text left after removing boilerplate")
    return text, raw.warnings + warnings


class Analyzer:
    """Holds the spaCy pipeline and the trained models; analyses articles."""

    def __init__(self, nlp, models=None):
        from veille.nlp.featurize import FeatureExtractor
        from veille.nlp.pipeline import model_version

        self.nlp = nlp
        self.models = models
        self.featurize = FeatureExtractor(nlp)
        # nlp.meta is rebuilt on every access (about 1 ms): read once.
        self.spacy_model = model_version(nlp)

    @classmethod
    def load(cls, models_dir: Path | str | None = None, need_models: bool = True) -> Analyzer:
        """The pipeline and the models of `models_dir`, else of the folder veille finds them in
        (classify/locate.py: $VEILLE_MODELS, the checkout's models/, the package's, the user's)."""
        from veille.classify.locate import find_models
        from veille.classify.persist import ModelError, load_models
        from veille.nlp.pipeline import load_pipeline, model_version

        nlp = load_pipeline()
        models = None
        location = find_models(models_dir)
        try:
            models = load_models(location.path, model_version(nlp))
        except ModelError as error:
            if need_models:
                raise ModelError(f"{error} (models folder: {location.reason})") from None
        return cls(nlp, models)

    # ---- nlp side ------------------------------------------------------------------------------
    def parse_texts(self, texts: Iterable[str], titles: Iterable[str | None] | None = None,
                    batch_size: int = 16, n_process: int = 1, features_only: bool = False
                    ) -> Iterator[ParsedArticle]:
        """Parse article texts (already cleaned), in order; see parse_stream."""
        texts = list(texts)
        titles = list(titles) if titles is not None else [None] * len(texts)
        for article, _ in self.parse_stream(zip(texts, titles, range(len(texts)), strict=True),
                                            batch_size=batch_size, n_process=n_process,
                                            features_only=features_only):
            yield article

    def parse_stream(self, items: Iterable[tuple[str, str | None, object]], batch_size: int = 16,
                     n_process: int = 1, features_only: bool = False
                     ) -> Iterator[tuple[ParsedArticle, object]]:
        """(text, title, context) in, (ParsedArticle, context) out, in order, as a stream.

        Long texts go through in paragraph-aligned chunks whose offsets are shifted back; the title is
        parsed as one more piece. One nlp.pipe call serves the whole stream, so n_process workers load the
        pipeline once. features_only skips entities and quotes (training needs neither).
        """
        disable = [name for name in FEATURE_ONLY_SKIPS if features_only and name in self.nlp.pipe_names]
        # The pieces carry a number, not the article: with n_process > 1, spaCy pickles each batch's contexts
        # to the workers and back, so that the pieces of an article split over two batches would fill two
        # copies of it, and the one yielded would lack the others' words.
        articles: dict[int, tuple[ParsedArticle, object]] = {}

        def pieces():
            for number, (text, title, context) in enumerate(items):
                articles[number] = (ParsedArticle(text=text), context)
                chunks = chunk_offsets(text)
                for index, (start, end) in enumerate(chunks):
                    last = index == len(chunks) - 1 and not title
                    yield normalize_for_parser(text[start:end]), (number, start, last)
                if title:
                    yield normalize_for_parser(title), (number, None, True)

        docs = self.nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process,
                             disable=disable)
        for doc, (number, offset, last) in docs:
            article, context = articles[number]
            if offset is None:
                self.featurize.add_title(article.features, doc)
            else:
                self._add_piece(article, doc, offset)
            if last:
                del articles[number]
                yield article, context

    def _add_piece(self, article: ParsedArticle, doc, offset: int) -> None:
        from veille.nlp.entities.group import clean_mention

        text = article.text
        for ent in doc.ents:
            mention = clean_mention(text, ent.start_char + offset, ent.end_char + offset, ent.label_)
            if mention is not None:
                article.mentions.append(mention)
        for quote in doc._.quotes or []:
            article.quotes.append(_shift_quote(quote, offset, text))
        for position, message in doc._.quote_warnings or []:
            article.warnings.append(f"{message} (offset {position + offset})")
        article.features.extend(self.featurize(doc), offset)

    # ---- end to end ----------------------------------------------------------------------------
    def analyze(self, raw: RawArticle) -> ArticleRecord:
        """One article; raises the InputError of an article that cannot be analysed."""
        result, _ = next(self.analyze_stream([(raw, None)]))
        if isinstance(result, InputError):
            raise result
        return result

    def analyze_stream(self, raws: Iterable[tuple[RawArticle, object]]
                       ) -> Iterator[tuple[ArticleRecord | InputError, object]]:
        """(raw article, context) in, (record or the InputError that stopped it, context) out: records in
        input order, a refusal as soon as the stream reaches it."""
        refused: list[tuple[InputError, object]] = []

        def prepared() -> Iterator[tuple[str, str | None, object]]:
            for raw, context in raws:
                try:
                    text, warnings = prepare_text(raw)
                except InputError as error:
                    refused.append((error, context))
                    continue
                yield text, raw.title, (raw, warnings, context)

        for article, packed in self.parse_stream(prepared()):
            raw, warnings, context = cast("tuple[RawArticle, list[str], object]", packed)
            while refused:
                yield refused.pop(0)
            yield self._record(raw, article.text, warnings, article), context
        while refused:
            yield refused.pop(0)


    def _record(self, raw: RawArticle, text: str, warnings: list[str], article: ParsedArticle
                ) -> ArticleRecord:
        from veille.nlp.entities.group import group_mentions

        language = detect_language(text) or "fr"
        warnings = list(warnings)
        if language != "fr":
            warnings.append(f"the text looks like '{language}', not French: results are unreliable")
        warnings += article.warnings
        topics, topic_scores, stance = self._classify(text, article.features)
        return ArticleRecord(
            id=raw.id, source=raw.source, title=raw.title, date=raw.date, language=language, text=text,
            text_sha256=sha256_text(text), topics=topics, topic_scores=topic_scores, stance=stance,
            entities=[group.to_dict() for group in group_mentions(article.mentions)],
            quotes=article.quotes, warnings=warnings,
            model={"veille": __version__, "spacy_model": self.spacy_model,
                   "classifier": self.models.digest if self.models else None},
        )

    def _classify(self, text: str, item: ArticleFeatures) -> tuple[list[dict], dict[str, float], dict]:
        if self.models is None:
            return [], {}, {}
        topic_model, stance_model = self.models.topics, self.models.stance
        probabilities = topic_model.predict_proba([item])[0]
        assigned = topic_model.assign(probabilities[None, :])[0]
        topic_scores = {label: round(float(p), SCORE_DIGITS)
                        for label, p in zip(topic_model.labels, probabilities, strict=True)}
        topics = [{"label": topic_model.labels[j], "score": round(float(probabilities[j]), SCORE_DIGITS)}
                  for j in assigned]
        stance_probabilities = stance_model.predict_proba([item])[0]
        best = int(stance_probabilities.argmax())
        label = STANCE_IDS[best]
        evidence = [{"text": text[start:end], "start": start, "end": end}
                    for start, end, _ in stance_model.evidence(item, label)]
        stance = {"label": label, "score": round(float(stance_probabilities[best]), SCORE_DIGITS),
                  "scores": {s: round(float(p), SCORE_DIGITS)
                             for s, p in zip(STANCE_IDS, stance_probabilities, strict=True)},
                  "evidence": evidence}
        return topics, topic_scores, stance


def _shift_quote(quote: dict, offset: int, text: str) -> dict:
    """Offsets into the whole article; the words from the article text, not the parser's copy."""
    shifted = dict(quote)
    shifted["parts"] = [[s + offset, e + offset] for s, e in quote["parts"]]
    shifted["start"] += offset
    shifted["end"] += offset
    if quote["speaker_span"]:
        shifted["speaker_span"] = [quote["speaker_span"][0] + offset, quote["speaker_span"][1] + offset]
    shifted["text"] = " ".join(text[s:e] for s, e in shifted["parts"])
    return shifted

