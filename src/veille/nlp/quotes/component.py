"""The `veille_quotes` pipeline component: direct, indirect and mixed quotes with their speakers and cues.

`extract` runs the stages and returns plain results; `set_annotations` only writes them onto the Doc
(spans in doc.spans["quotes"], one record per quote in doc._.quotes, warnings in doc._.quote_warnings).

The stages, in order:
    1. marks.find_marked_spans        pair the quotation marks
    2. people.people_of               list the article's people
    3. interview.interview_answers    the answers of a Q/A interview (the quotes inside them are nested)
       candidates.indirect_candidates indirect and mixed quotes (cue + que clause, judged object, source)
    4. attribution.direct_quotes      a direct quote per marked span, attributed by DIRECT_ATTRIBUTIONS
    5. merge.merge                    both kinds, in text order
    6. speakers.complete_speakers     speakers for the direct quotes no attribution named
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from veille.nlp.extensions import register_extensions
from veille.nlp.quotes.attribution import direct_quotes
from veille.nlp.quotes.candidates import indirect_candidates
from veille.nlp.quotes.context import QuoteContext, Sentences
from veille.nlp.quotes.interview import inside_answers, interview_answers
from veille.nlp.quotes.marks import find_marked_spans, paragraphs
from veille.nlp.quotes.merge import Found, merge
from veille.nlp.quotes.people import people_of
from veille.nlp.quotes.settings import QuoteSettings
from veille.nlp.quotes.speakers import complete_speakers

SPANS_KEY = "quotes"


def score_quotes(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """Precision, recall and F of the quote spans (labelled by type), as quotes_p, quotes_r, quotes_f and
    quotes_per_type."""
    return Scorer.score_spans(examples, attr=SPANS_KEY, getter=lambda doc, key: doc.spans.get(key, []),
                              has_annotation=lambda doc: SPANS_KEY in doc.spans, allow_overlap=True,
                              **kwargs)


@registry.scorers("veille.quotes_scorer.v1")
def make_quotes_scorer() -> Callable[..., dict[str, Any]]:
    return score_quotes


class QuoteExtractor:
    def __init__(self, nlp: Language, name: str = "veille_quotes", settings: QuoteSettings | None = None,
                 scorer: Callable[..., dict[str, Any]] | None = score_quotes):
        register_extensions()
        self.name = name
        self.settings = settings or QuoteSettings()
        self.scorer = scorer

    @property
    def min_direct_words(self) -> int:
        return self.settings.min_direct_words

    def __call__(self, doc: Doc) -> Doc:
        found, warnings = self.extract(doc)
        self.set_annotations(doc, found, warnings)
        return doc

    def extract(self, doc: Doc) -> tuple[list[Found], list[tuple[int, str]]]:
        """The stages: every quote with the marked span of a direct one, and the pairing warnings."""
        text = doc.text
        marks, warnings = find_marked_spans(text)                                   # 1
        people = people_of(doc, self.settings)                                      # 2
        ctx = QuoteContext(doc=doc, text=text, sentences=Sentences(doc), paragraphs=tuple(paragraphs(text)),
                           marks=tuple(marks), people=tuple(people), settings=self.settings)
        answers = interview_answers(ctx)                                            # 3
        candidates = [c for c in indirect_candidates(ctx) if not inside_answers(c[0], answers)]
        held = {index for _, covered in candidates for index in covered}
        direct = [(quote, span) for quote, span in direct_quotes(ctx, held)          # 4
                  if not inside_answers(quote, answers)]
        found = merge(direct, candidates + [(answer, set()) for answer in answers])  # 5
        return complete_speakers(ctx, found), warnings                              # 6

    def set_annotations(self, doc: Doc, found: list[Found], warnings: list[tuple[int, str]]) -> None:
        text = doc.text
        spans, records = [], []
        for quote, marked in found:
            record = quote.to_record(text, marked)
            span = doc.char_span(record["start"], record["end"], label=quote.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
            records.append(record)
        doc.spans[SPANS_KEY] = spans
        doc._.quotes = records
        doc._.quote_warnings = [[offset, message] for offset, message in warnings]

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        return self.scorer(examples, **kwargs) if self.scorer is not None else {}


_DEFAULTS = QuoteSettings()


@Language.factory(
    "veille_quotes",
    assigns=["doc.spans", "doc._.quotes", "doc._.quote_warnings"],
    default_config={**_DEFAULTS.to_config(), "scorer": {"@scorers": "veille.quotes_scorer.v1"}},
)
def make_quote_extractor(
    nlp: Language, name: str, scorer: Callable[..., dict[str, Any]] | None,
    min_direct_words: int, min_attributed_words: int, unattributed_min_words: int, recent_subject_reach: int,
    source_reach: int, incise_sentence_reach: int, incise_verb_reach: int, incise_inside_reach: int,
    dash_reach: int, lead_source_max_tokens: int, lead_max_commas: int, que_adverb_reach: int,
    que_complement_reach: int,
    object_reach: int, object_end_reach: int, fragment_reach_chars: int, comment_min_offset: int,
    min_clause_tokens: int,
    min_clause_chars: int, mark_overhang_chars: int, relative_clause_reach: int, subject_hops: int,
    max_speaker_tokens: int, subject_reach: int, pronoun_anchor_reach: int, pronoun_reach: int,
    role_window: int, role_gender_reach: int, apposition_title_reach: int, apposition_reach: int,
    apposed_name_reach: int, name_extension_words: int,
    organisation_description_reach: int,
) -> QuoteExtractor:
    settings = {key: value for key, value in locals().items() if key not in ("nlp", "name", "scorer")}
    return QuoteExtractor(nlp, name, QuoteSettings(**settings), scorer)
