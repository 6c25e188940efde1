"""The quote extractor: direct, indirect and mixed quotes with their speakers and cues.

`extract` computes plain results; `__call__` only writes them onto the Doc (spans in doc.spans["quotes"],
plain dicts in doc._.quotes).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from veille.nlp.extensions import register_extensions
from veille.nlp.quotes.marks import MarkedSpan, find_marked_spans, paragraphs
from veille.nlp.quotes.patterns import (
    CUE_FORMS_RE,
    CUE_LEMMAS,
    DASHES,
    MULTIWORD_CUES,
    NAMING_WORDS,
    ROLE_NOUNS,
    SUBJECT_CLITICS,
    WEAK_CUE_LEMMAS,
)
from veille.nlp.quotes.speakers import Person, Speaker, people_of, speaker_from_tokens

# A quoted string shorter than this, with no attribution, is a scare quote or a name.
MIN_DIRECT_WORDS = 4
# How many tokens after a closing mark an incise cue may start.
INCISE_REACH = 3
NEGATIONS = {"pas", "jamais", "plus", "guère", "point"}
MODAL_LEMMAS = {"aller", "devoir", "pouvoir", "vouloir", "compter", "refuser"}
DECLINE_LEMMAS = {"souhaiter", "vouloir", "refuser"}
SOURCE_HEADS = {"selon", "après"}  # "d'après" is tokenized d' + après


@dataclass
class Quote:
    type: str
    parts: list[tuple[int, int]]
    cue: str | None = None
    speaker: Speaker | None = None
    pattern: str = ""
    confidence: float = 1.0

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def to_dict(self, text: str, marked: MarkedSpan | None = None) -> dict:
        start = marked.open_at if marked is not None else self.start
        end = marked.end if marked is not None else self.end
        speaker = self.speaker
        return {
            "type": self.type,
            "text": " ".join(text[s:e] for s, e in self.parts),
            "parts": [[s, e] for s, e in self.parts],
            "start": start,
            "end": end,
            "speaker": speaker.text if speaker else None,
            "speaker_span": [speaker.start, speaker.end] if speaker else None,
            "speaker_title": speaker.title if speaker else None,
            "speaker_org": speaker.org if speaker else None,
            "cue": self.cue,
        }


def is_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma in CUE_LEMMAS or lemma in WEAK_CUE_LEMMAS:
        return token.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "ADV") and not token.is_punct
    return bool(CUE_FORMS_RE.match(token.text))


def _cue_phrase(doc: Doc, verb: Token) -> tuple[str, int, int]:
    """The cue as written: auxiliary, inverted clitic and reflexive pronoun included."""
    start, end = verb.i, verb.i + 1
    while start > 0 and (doc[start - 1].pos_ == "AUX" or doc[start - 1].lower_ in ("-t", "s'", "se")
                         or doc[start - 1].lower_.startswith("-")) and verb.i - start < 4:
        start -= 1
    while end < len(doc) and doc[end].lower_.startswith("-") and doc[end].lower_.lstrip("-t") in (
            "il", "elle", "ils", "elles", "on", ""):
        end += 1
    if end < len(doc) and (verb.lemma_, doc[end].lower_) in MULTIWORD_CUES:
        end += 1
    span = doc[start:end]
    return span.text, span.start_char, span.end_char


def _subject_tokens(verb: Token) -> list[Token]:
    """The subject of a cue verb (or of its auxiliary), as its tokens, without long complements."""
    for token in (verb, verb.head if verb.dep_.startswith("aux") else verb):
        for child in token.children:
            if child.dep_.startswith("nsubj") or child.dep_ == "expl:subj":
                if child.lower_ in ("-t",):
                    continue
                edge = [t for t in child.subtree if t.i <= child.i or t.dep_ in ("flat:name", "appos")
                        or (t.head == child and t.dep_ == "amod")]
                return edge[:8]
    return []


def _inverted_speaker(doc: Doc, verb: Token, limit: int) -> list[Token]:
    """After an incise cue: the clitic (-t-il, -elle), else the noun phrase that follows."""
    i = verb.i + 1
    while i < limit and doc[i].lower_.startswith("-"):
        if doc[i].lower_.lstrip("-t").lstrip("-") in SUBJECT_CLITICS | {"il", "elle"}:
            return [doc[i]]
        i += 1
    if i < limit and doc[i].lower_ in ("il", "elle", "ils", "elles"):
        return [doc[i]]
    if i < limit and (verb.lemma_, doc[i].lower_) in MULTIWORD_CUES:
        i += 1
    # Skip a complement such as "à l'AFP", "au Soir", "mardi", "lors d'un point presse".
    tokens: list[Token] = []
    j = i
    while j < limit and doc[j].lower_ in ("à", "au", "aux", "devant", "lors", "mardi", "lundi", "mercredi",
                                          "jeudi", "vendredi", "samedi", "dimanche", "hier", "encore",
                                          "aussi", "alors", "ensuite", "enfin", "également", "lui", "leur"):
        k = j + 1
        while k < limit and not doc[k].is_punct and doc[k].pos_ not in ("DET", "PROPN") \
                and doc[k].lower_ not in ("le", "la", "les", "l'", "un", "une"):
            k += 1
        if doc[j].lower_ in ("à", "au", "aux", "devant", "lors"):
            k = min(limit, k + 3)
            while k < limit and not doc[k].is_punct and doc[k].pos_ in ("NOUN", "PROPN", "ADJ"):
                k += 1
        j = k
        if j < limit and doc[j].text == ",":
            j += 1
    start = j if j < limit and not doc[j].is_punct else i
    for token in doc[start:limit]:
        if token.is_punct and token.text not in ("-", "'"):
            break
        tokens.append(token)
        if len(tokens) >= 8:
            break
    return tokens


class QuoteExtractor:
    def __init__(self, nlp: Language, name: str = "veille_quotes",
                 min_direct_words: int = MIN_DIRECT_WORDS):
        register_extensions()
        self.name = name
        self.min_direct_words = min_direct_words

    # ---- writing onto the Doc -------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        quotes, marked_of, warnings = self.extract(doc)
        spans = []
        records = []
        for quote in quotes:
            record = quote.to_dict(doc.text, marked_of.get(id(quote)))
            span = doc.char_span(record["start"], record["end"], label=quote.type,
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
            records.append(record)
        doc.spans["quotes"] = spans
        doc._.quotes = records
        doc._.quote_warnings = [[offset, message] for offset, message in warnings]
        return doc

    # ---- computing ------------------------------------------------------------------------------
    def extract(self, doc: Doc) -> tuple[list[Quote], dict[int, MarkedSpan], list[tuple[int, str]]]:
        text = doc.text
        marked, warnings = find_marked_spans(text)
        people = people_of(doc)
        paras = paragraphs(text)
        quotes: list[Quote] = []
        marked_of: dict[int, MarkedSpan] = {}
        used_for_mixed: set[int] = set()

        indirect = self._indirect_quotes(doc, people, marked)
        for _, covered in indirect:
            used_for_mixed |= covered
        direct: list[Quote] = []
        previous: Quote | None = None
        previous_para = -10
        for index, span in enumerate(marked):
            if index in used_for_mixed:
                continue
            quote = self._direct_quote(doc, span, people, paras, previous, previous_para)
            if quote is None:
                continue
            direct.append(quote)
            marked_of[id(quote)] = span
            previous, previous_para = quote, span.paragraphs[-1]
        quotes = direct + [quote for quote, _ in indirect
                           if not any(q.start <= quote.start < q.end for q in direct)]
        quotes.sort(key=lambda q: q.start)
        return quotes, marked_of, warnings

    def _tokens_between(self, doc: Doc, start: int, end: int) -> list[Token]:
        span = doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def _token_index_at(self, doc: Doc, offset: int) -> int:
        span = doc.char_span(offset, min(offset + 1, len(doc.text)), alignment_mode="expand")
        return span.start if span is not None else len(doc)

    def _word_count(self, doc: Doc, start: int, end: int) -> int:
        return sum(1 for t in self._tokens_between(doc, start, end) if t.is_alpha)

    def _direct_quote(self, doc: Doc, span: MarkedSpan, people: list[Person],
                      paras: list[tuple[int, int]], previous: Quote | None,
                      previous_para: int) -> Quote | None:
        text = doc.text
        first_start, first_end = span.parts[0]
        words = sum(self._word_count(doc, s, e) for s, e in span.parts)
        open_token = self._token_index_at(doc, span.open_at)
        before = doc[open_token - 1] if open_token > 0 else None
        if before is not None and before.lower_ in NAMING_WORDS:
            return None
        first_word = doc.text[first_start:first_end].split()[0].lower()
        if first_word in NAMING_WORDS and words <= self.min_direct_words:
            return None
        para_index = span.paragraphs[0]
        para_start = paras[para_index][0]
        starts_paragraph = text[para_start:span.open_at].strip() == ""
        sentence_like = text[first_start:first_end][:1].isupper()

        quote = Quote(type="direct", parts=list(span.parts),
                      pattern="multi_paragraph" if len(span.parts) > 1 else "")
        found = (self._incise_inside(doc, quote, people)
                 or self._incise_after(doc, span, quote, people)
                 or self._introduced_before(doc, span, quote, people, paras))
        if found:
            return quote if words >= 2 else None
        if words < self.min_direct_words or not sentence_like:
            return None
        follows_previous = previous is not None and (
            (starts_paragraph and para_index - previous_para == 1)
            or (para_index == previous_para and not self._names_someone(doc, previous.end, span.open_at)))
        if follows_previous:
            quote.speaker, quote.pattern, quote.confidence = previous.speaker, "continuation", 0.8
            return quote
        if starts_paragraph or sentence_like:
            quote.confidence = 0.6
            return quote
        return None

    def _names_someone(self, doc: Doc, start: int, end: int) -> bool:
        return any(t.ent_type_ == "PER" for t in self._tokens_between(doc, start, end))

    def _incise_inside(self, doc: Doc, quote: Quote, people: list[Person]) -> bool:
        """« Q1, a lancé Marie Dupont, Q2 »: one quote, two parts."""
        start, end = quote.parts[0]
        tokens = self._tokens_between(doc, start, end)
        for position, token in enumerate(tokens[:-2]):
            if token.text != ",":
                continue
            window = tokens[position + 1: position + 4]
            verb = next((t for t in window if is_cue(t) and t.pos_ != "AUX"), None)
            if verb is None or any(t.text == "," for t in window[: window.index(verb)]):
                continue
            closing = next((t for t in tokens[verb.i - tokens[0].i + 1:] if t.text in (",", ".")), None)
            if closing is None or closing.text != "," or closing.i - verb.i > 9:
                continue
            speaker_tokens = _inverted_speaker(doc, verb, closing.i)
            if not speaker_tokens:
                continue
            cue, _, _ = _cue_phrase(doc, verb)
            second_start = closing.idx + 1
            while second_start < end and doc.text[second_start].isspace():
                second_start += 1
            if second_start >= end:
                return False
            quote.parts = [(start, token.idx), (second_start, end)] + quote.parts[1:]
            quote.cue = cue
            quote.speaker = speaker_from_tokens(speaker_tokens, people, start)
            quote.pattern = quote.pattern or "incise_inside"
            return True
        return False

    def _incise_after(self, doc: Doc, span: MarkedSpan, quote: Quote, people: list[Person]) -> bool:
        """« … », a déclaré la ministre. / « … », assure-t-il. / « … » – Jean Martin / « … », selon X."""
        if span.unclosed:
            return False
        i = self._token_index_at(doc, span.close_at) + 1
        limit = len(doc)
        if i < limit and doc[i].text in DASHES + ("(",):
            tokens = []
            for token in doc[i + 1: i + 8]:
                if token.is_punct or token.is_space:
                    break
                tokens.append(token)
            if tokens and any(t.pos_ == "PROPN" or t.ent_type_ == "PER" for t in tokens):
                quote.speaker = speaker_from_tokens(tokens, people, span.open_at)
                quote.pattern = quote.pattern or "dash"
                return quote.speaker is not None
            return False
        if i < limit and doc[i].text == ",":
            i += 1
        elif not doc.text[span.parts[-1][0]:span.parts[-1][1]].rstrip().endswith(("?", "!", "…")):
            return False
        sentence_end = next((t.i for t in doc[i: i + 25] if t.text in (".", "!", "?", "«", "\n")
                             or "\n" in t.text), min(limit, i + 25))
        window = doc[i: min(i + INCISE_REACH + 2, sentence_end)]
        if len(window) and window[0].lower_ in ("selon", "d'", "pour") and (
                window[0].lower_ != "d'" or (len(window) > 1 and window[1].lower_ == "après")):
            first = 2 if window[0].lower_ == "d'" else 1
            tokens = list(doc[window.start + first: sentence_end])
            tokens = tokens[: next((k for k, t in enumerate(tokens) if t.text == ","), len(tokens))]
            quote.speaker = speaker_from_tokens(tokens, people, span.open_at)
            quote.cue = doc[window.start: window.start + first].text
            quote.pattern = quote.pattern or "incise_after"
            return quote.speaker is not None
        verb = next((t for t in window if is_cue(t) and t.pos_ != "AUX"), None)
        if verb is None or verb.i - i > INCISE_REACH:
            return False
        subject_before = [t for t in doc[i: verb.i] if t.pos_ in ("PROPN", "NOUN") or
                          t.lower_ in ("il", "elle")]
        cue, _, _ = _cue_phrase(doc, verb)
        speaker_tokens = subject_before or _inverted_speaker(doc, verb, sentence_end)
        quote.speaker = speaker_from_tokens(speaker_tokens, people, span.open_at)
        quote.cue = cue
        quote.pattern = quote.pattern or "incise_after"
        return True

    def _introduced_before(self, doc: Doc, span: MarkedSpan, quote: Quote, people: list[Person],
                           paras: list[tuple[int, int]]) -> bool:
        """X l'a redit : « … » — in the same paragraph or at the end of the previous one."""
        text = doc.text
        para_start = paras[span.paragraphs[0]][0]
        lead = text[para_start:span.open_at].rstrip()
        pattern = "colon"
        if not lead and span.paragraphs[0] > 0:
            prev_start, prev_end = paras[span.paragraphs[0] - 1]
            lead_end = prev_end
            lead = text[prev_start:prev_end].rstrip()
            if not lead.endswith(":"):
                return False
            pattern = "colon_next_paragraph"
            lead_start = prev_start
        else:
            lead_start = para_start
            lead_end = span.open_at
        if not lead or lead.endswith((".", "!", "?", "…", "»", "”")):
            return False
        # Only the clause right before the mark: from the last sentence end or closing mark.
        clause_start = max(lead.rfind(". "), lead.rfind("» "), lead.rfind("? "), lead.rfind("! "))
        clause_start = lead_start + (clause_start + 2 if clause_start >= 0 else 0)
        tokens = self._tokens_between(doc, clause_start, lead_end)
        if not tokens:
            return False
        ends_with_colon = lead.endswith(":")
        if not ends_with_colon and not text[span.parts[0][0]:span.parts[0][0] + 1].isupper():
            return False
        verbs = [t for t in tokens if is_cue(t) and t.pos_ != "AUX"]
        if not ends_with_colon and not verbs:
            # "Pour elle, « … »" / "Selon lui, « … »"
            if tokens[0].lower_ in ("pour", "selon") and len(tokens) <= 6:
                quote.speaker = speaker_from_tokens(tokens[1:-1] if tokens[-1].text == "," else tokens[1:],
                                                    people, span.open_at)
                quote.cue = tokens[0].text
                quote.pattern = quote.pattern or pattern
                return quote.speaker is not None
            return False
        if not ends_with_colon and text[verbs[-1].idx:span.open_at].count(",") > 1:
            return False
        verb = verbs[-1] if verbs else next((t for t in reversed(tokens) if t.pos_ == "VERB"), None)
        if verb is None:
            return False
        if self._is_not_a_report(verb):
            return False
        speaker_tokens = _subject_tokens(verb)
        if not speaker_tokens and verb.i + 1 < len(doc) and doc[verb.i + 1].lower_.startswith("-"):
            speaker_tokens = _inverted_speaker(doc, verb, tokens[-1].i + 1)
        quote.speaker = speaker_from_tokens(speaker_tokens, people, span.open_at)
        quote.cue = _cue_phrase(doc, verb)[0] if is_cue(verb) else verb.text
        quote.pattern = quote.pattern or pattern
        return quote.speaker is not None or is_cue(verb)

    @staticmethod
    def _is_not_a_report(verb: Token) -> bool:
        """A negated cue, a future or modal one, or a declined comment."""
        children = list(verb.children)
        if any(child.lower_ in NEGATIONS for child in children):
            return True
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_ in MODAL_LEMMAS | DECLINE_LEMMAS:
            return True
        if any(child.lemma_ == "aller" and child.i < verb.i for child in children):
            return True
        return False

    def _indirect_quotes(self, doc: Doc, people: list[Person], marked: list[MarkedSpan]
                         ) -> list[tuple[Quote, set[int]]]:
        """A cue with a que clause, or a source introducer (selon, d'après, pour X)."""
        results: list[tuple[Quote, set[int]]] = []
        inside_marks = [(m.open_at, m.end) for m in marked if self._word_count(
            doc, m.parts[0][0], m.parts[-1][1]) >= MIN_DIRECT_WORDS
            and doc.text[m.parts[0][0]:m.parts[0][0] + 1].isupper()]

        def in_direct(offset: int) -> bool:
            return any(s <= offset < e for s, e in inside_marks)

        for token in doc:
            if in_direct(token.idx):
                continue
            if is_cue(token) and token.pos_ in ("VERB", "AUX") and not self._is_not_a_report(token):
                clause = next((c for c in token.children if c.dep_ in ("ccomp", "obj", "xcomp")
                               and any(g.dep_ == "mark" and g.lower_ in ("que", "qu'") and g.i > token.i
                                       for g in c.children)), None)
                if clause is not None:
                    mark = next(g for g in clause.children if g.dep_ == "mark")
                    right = clause.right_edge.i
                    result = self._clause_quote(doc, mark.i + 1, right + 1, token, people, marked,
                                                "indirect_que")
                    if result:
                        results.append(result)
                    continue
                mixed = self._judged_mixed(doc, token, people, marked)
                if mixed:
                    results.append(mixed)
            elif token.lower_ in SOURCE_HEADS and token.dep_ in ("case", "fixed") or (
                    token.lower_ == "pour" and token.dep_ == "case"):
                result = self._source_quote(doc, token, people, marked)
                if result:
                    results.append(result)
        return results

    def _clause_quote(self, doc: Doc, start: int, end: int, verb: Token | None,
                      people: list[Person], marked: list[MarkedSpan], pattern: str,
                      speaker_tokens: list[Token] | None = None, cue: str | None = None
                      ) -> tuple[Quote, set[int]] | None:
        while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ("»", "”", '"')
                               or doc[end - 1].is_space):
            end -= 1
        if end - start < 3:
            return None
        start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        for m in marked:
            if start_char <= m.open_at < end_char < m.end and m.end - end_char <= 3:
                end_char = m.end
        covered = {index for index, m in enumerate(marked)
                   if start_char <= m.open_at and m.end <= end_char}
        quote = Quote(type="mixed" if covered else "indirect", parts=[(start_char, end_char)],
                      pattern="mixed" if covered else pattern, confidence=0.8)
        if verb is not None:
            quote.cue = _cue_phrase(doc, verb)[0]
            speaker_tokens = _subject_tokens(verb) if speaker_tokens is None else speaker_tokens
            if verb.lemma_.lower() in WEAK_CUE_LEMMAS:
                quote.confidence = 0.5
        else:
            quote.cue = cue
        quote.speaker = speaker_from_tokens(speaker_tokens or [], people, start_char)
        if quote.speaker is None and verb is not None and not speaker_tokens:
            return None
        return quote, covered

    def _judged_mixed(self, doc: Doc, verb: Token, people: list[Person], marked: list[MarkedSpan]
                      ) -> tuple[Quote, set[int]] | None:
        """Elle a jugé la décision « historique »: a cue whose object holds a short quoted fragment."""
        obj = next((c for c in verb.children if c.dep_ in ("obj", "xcomp") and c.i > verb.i), None)
        if obj is None:
            return None
        start_char = obj.left_edge.idx
        sentence_end = verb.sent.end_char
        fragment = next((m for m in marked if start_char <= m.open_at < sentence_end and not m.unclosed
                         and m.open_at - start_char < 60), None)
        if fragment is None:
            return None
        end_token = self._token_index_at(doc, fragment.close_at)
        return self._clause_quote(doc, obj.left_edge.i, end_token + 1, verb, people, marked, "mixed")

    def _source_quote(self, doc: Doc, token: Token, people: list[Person], marked: list[MarkedSpan]
                      ) -> tuple[Quote, set[int]] | None:
        """Selon le rapport, … / …, d'après un proche. / Pour l'économiste, …"""
        head = token.head
        if token.lower_ == "après":
            if token.i == 0 or doc[token.i - 1].lower_ != "d'":
                return None
            introducer = doc[token.i - 1: token.i + 1]
            head = doc[token.i - 1].head
        else:
            introducer = doc[token.i: token.i + 1]
        if head.pos_ not in ("NOUN", "PROPN", "PRON"):
            return None
        source = [t for t in head.subtree if t.i >= token.i + 1 and t.i < head.i + 8]
        if not source or any(t.text == "," for t in source):
            source = source[: next((k for k, t in enumerate(source) if t.text == ","), len(source))]
        if not source:
            return None
        if token.lower_ == "pour" and not (
                head.ent_type_ == "PER" or head.lower_ in ("lui", "elle", "eux", "elles")
                or head.lower_ in ROLE_NOUNS):
            return None
        sentence = token.sent
        after = source[-1].i + 1
        if introducer.start == sentence.start or (introducer.start > sentence.start and
                                                  doc[introducer.start - 1].text in ("«",)):
            if after < len(doc) and doc[after].text == ",":
                return self._clause_quote(doc, after + 1, sentence.end, None, people, marked, "selon",
                                          speaker_tokens=source, cue=introducer.text)
            return None
        if introducer.start > sentence.start and doc[introducer.start - 1].text == ",":
            tail = doc[after: sentence.end]
            if all(t.is_punct or t.is_space for t in tail):
                return self._clause_quote(doc, sentence.start, introducer.start - 1, None, people,
                                          marked, "selon", speaker_tokens=source, cue=introducer.text)
        return None


@Language.factory("veille_quotes", default_config={"min_direct_words": MIN_DIRECT_WORDS})
def make_quote_extractor(nlp: Language, name: str, min_direct_words: int) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, min_direct_words)
