"""Interviews in question-answer form (GUIDELINES 3.1 point 6): each answer is a direct quote of the
interviewee, pattern interview_answer, one part per paragraph, the questions left out. Quotes of other
people inside an answer are nested in it: no quotes of their own.

A layout is a Q/A one when at least two short paragraphs are questions ("…?", "Q. : …") each followed
by a paragraph that is not, or when a question and its answer each open with a dialogue dash; and when
some answer speaks in the first person outside quotation marks (questions set as a report's subheadings are
answered by the writer). An answer runs until the next question, a subheading (a short line without final
punctuation), the signature ("Propos recueillis par …") or the narration again (the interviewee spoken of,
someone quoted with an incise, a paragraph without the dash of a dialogue)."""

from __future__ import annotations

import re

from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.quote import Part, Quote, Speaker

# A question paragraph: what may open it ("Q." / "Q :"), its end, its longest length in words.
QUESTION_PREFIX = re.compile(r"^Q\s*\.?\s*:?\s+")
QUESTION_END = re.compile(r"\?\s*[»*]*\s*$")
MAX_QUESTION_WORDS = 60
# How many questions, each answered, make a layout a Q/A one (prose has rhetorical questions).
MIN_ANSWERED_QUESTIONS = 2
# What opens an answer and is not the interviewee's words: a dash, "R. :"; then the interviewee's name,
# surname or initials and a colon.
ANSWER_PREFIX = re.compile(r"(?:[—–-]\s*|R\s*\.?\s*:\s*|R\.\s+)")
NAME_COLON = re.compile(r"([A-ZÉ][\w.'’ -]{0,40}?)\s?:\s+")
# A question and its answer each opened by a dialogue dash make a Q/A exchange even alone.
DIALOGUE_DASHES = ("—", "–")
# An inverted clitic of an incise, "raconte-t-elle", "observe-t-il": the writer quoting someone.
INCISE_CLITIC = re.compile(r"\w-t-(?:il|elle|ils|elles)\b|\w-(?:il|elle|ils|elles)\b")
# A closing mark and a comma before a word: « … », répète le maire.
QUOTE_THEN_INCISE = re.compile(r"[»”]\s*,\s*\w")
# Words in quotation marks (someone else's).
QUOTED = re.compile(r"«[^»]*»|“[^”]*”")
# The words of someone speaking for themselves: an interview's answers hold some.
FIRST_PERSON = re.compile(r"\b(?:je|j'|nous|moi|me|m'|mon|ma|mes|notre|nos)\b", re.IGNORECASE)
# A subheading: a short line with no final punctuation.
MAX_SUBHEADING_WORDS = 12
FINAL_PUNCTUATION = (".", "!", "?", "…", "»", ":", '"', "”", ")")
# What ends an interview: the signature of who conducted it.
SIGNATURE = re.compile(r"^(?:Propos recueillis|Recueilli|Interview réalisée|Entretien réalisé)",
                       re.IGNORECASE)


def interview_answers(ctx: QuoteContext) -> list[Quote]:
    """The answers of a Q/A interview, as direct quotes of the interviewee; none when the layout is no
    Q/A one."""
    text = ctx.text
    paragraphs = [_trimmed(text, start, end) for start, end in ctx.paragraphs]
    questions = [k for k, (start, end) in enumerate(paragraphs) if _is_question(text[start:end])]
    answered = [k for k in questions if k + 1 < len(paragraphs) and k + 1 not in questions
                and not _ends_the_answer(text, *paragraphs[k + 1])]
    dialogue = any(_dashed(text, *paragraphs[k]) and _dashed(text, *paragraphs[k + 1]) for k in answered)
    if len(answered) < MIN_ANSWERED_QUESTIONS and not dialogue:
        return []
    # Questions set as subheadings of a report are answered by the writer, who never says "je" or "nous"
    # outside quotation marks.
    if not any(FIRST_PERSON.search(QUOTED.sub(" ", text[start:end])) for k in answered
               for start, end in paragraphs[k + 1:_next_question(questions, k, len(paragraphs))]):
        return []
    speaker = _interviewee(ctx, paragraphs[questions[0]][0])
    answers = []
    for k in answered:
        parts: list[Part] = []
        dashed = _dashed(text, *paragraphs[k + 1])
        for start, end in paragraphs[k + 1:]:
            if (start, end) in (paragraphs[q] for q in questions) or _ends_the_answer(text, start, end) \
                    or parts and (dashed and not _dashed(text, start, end)
                                  or _narration(text[start:end], speaker)):
                break  # the narration again: no dash in a dialogue, the interviewee spoken of
            parts.append(_without_prefix(text, start, end, speaker))
        if parts:
            answers.append(Quote(type="direct", parts=tuple(parts), speaker=speaker,
                                 pattern="interview_answer"))
    return answers


def inside_answers(quote: Quote, answers: list[Quote]) -> bool:
    """A quote that overlaps an answer is nested in it (or is the answer, taken from its dialogue dash)."""
    return any(quote.start < end and start < quote.end for answer in answers for start, end in answer.parts)


def _trimmed(text: str, start: int, end: int) -> Part:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_question(paragraph: str) -> bool:
    words = paragraph.split()
    if not words or len(words) > MAX_QUESTION_WORDS:
        return False
    return bool(QUESTION_END.search(paragraph) or QUESTION_PREFIX.match(paragraph))


def _next_question(questions: list[int], k: int, count: int) -> int:
    return next((q for q in questions if q > k), count)


def _narration(paragraph: str, speaker: Speaker | None) -> bool:
    """A paragraph that speaks of the interviewee (by name, or quoting them with an incise) is the
    writer's, not the answer's."""
    surname = speaker.text.split()[-1] if speaker is not None else None
    return bool(surname and surname in paragraph) or bool(INCISE_CLITIC.search(paragraph)
                                                          or QUOTE_THEN_INCISE.search(paragraph))


def _dashed(text: str, start: int, end: int) -> bool:
    return text[start:start + 1] in DIALOGUE_DASHES


def _ends_the_answer(text: str, start: int, end: int) -> bool:
    paragraph = text[start:end]
    words = paragraph.split()
    subheading = len(words) <= MAX_SUBHEADING_WORDS and not paragraph.rstrip("*").endswith(FINAL_PUNCTUATION)
    return subheading or bool(SIGNATURE.match(paragraph))


def _without_prefix(text: str, start: int, end: int, speaker: Speaker | None) -> Part:
    prefix = ANSWER_PREFIX.match(text, start, end)
    if prefix is not None and prefix.end() < end:
        start = prefix.end()
    name = NAME_COLON.match(text, start, end)
    if name is not None and speaker is not None and _names(name.group(1), speaker.text):
        start = name.end()
    return start, end


def _names(prefix: str, name: str) -> bool:
    """"Anne Roux :", "A. Roux :", "Roux :" or "A. R. :" before an answer of Anne Roux."""
    words = name.split()
    initials = " ".join(word[0] + "." for word in words)
    return prefix in (name, words[-1], initials, initials.replace(" ", "")) or \
        prefix == f"{words[0][0]}. {words[-1]}"


def _interviewee(ctx: QuoteContext, first_question: int) -> Speaker | None:
    """The person the introduction (before the first question) names most often, the first named of them;
    not who signs the interview ("Propos recueillis par …"). Mentions in the answers do not count: there
    the interviewee says "je" and names others. Nobody introduced: the article's most mentioned person."""
    signed = [(start, end) for start, end in ctx.paragraphs if SIGNATURE.match(ctx.text[start:end])]

    def introduced(person) -> list:
        return [m for m in person.mentions if m.start_char < first_question
                and not any(start <= m.start_char < end for start, end in signed)]

    candidates = [person for person in ctx.people if introduced(person)]
    if candidates:
        person = max(candidates, key=lambda p: (len(introduced(p)), -introduced(p)[0].start_char))
    elif ctx.people:
        person = max(ctx.people, key=lambda p: len(p.mentions))
    else:
        return None
    first = min(person.mentions, key=lambda mention: mention.start_char)
    return person.speaker(first.start_char, first.end_char)
