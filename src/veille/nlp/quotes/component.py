"""The quote extractor: direct, indirect and mixed quotes with their speakers and cues.

`extract` computes plain results; `__call__` only writes them onto the Doc (spans in doc.spans["quotes"],
plain dicts in doc._.quotes).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from veille.nlp.extensions import register_extensions
from veille.nlp.quotes.doc_text import reading_text, text_of
from veille.nlp.quotes.marks import MarkedSpan, find_marked_spans, paragraphs
from veille.nlp.quotes.patterns import (
    CUE_FORMS_RE,
    CUE_LEMMAS,
    DASHES,
    MULTIWORD_CUES,
    NAMING_WORDS,
    OPENERS,
    REFLEXIVE_CUE_LEMMAS,
    ROLE_NOUNS,
    SUBJECT_CLITICS,
    WEAK_CUE_LEMMAS,
)
from veille.nlp.quotes.speakers import (
    CLOSING_MARKS,
    OPENING_MARKS,
    Person,
    Speaker,
    is_human_noun,
    is_opinion_holder,
    noun_phrase,
    people_of,
    recent_person,
    speaker_from_tokens,
)

# How far back the narration's last subject is looked for before an unattributed quote.
RECENT_SUBJECT_REACH = 30
# A quoted string shorter than this, with no attribution, is a scare quote or a name.
MIN_DIRECT_WORDS = 4
# An unattributed quote that is not a finished sentence must be at least this long to count.
UNATTRIBUTED_MIN_WORDS = 10
# How many tokens after a closing mark a source introducer ("selon", "d'après") may stand.
SOURCE_REACH = 5
NEGATIONS = {"pas", "jamais", "plus", "guère", "point"}
# Set phrases a reporter puts between a cue and its que clause to contrast one side with another.
CONTRASTING_PHRASES = frozenset(
    ("de son côté", "de leur côté", "pour sa part", "pour leur part", "à son tour", "à leur tour"))
MODAL_LEMMAS = {"aller", "devoir", "pouvoir", "vouloir", "compter", "refuser"}
DECLINE_LEMMAS = {"souhaiter", "vouloir", "refuser"}
SOURCE_HEADS = {"selon", "après"}
FIRST_PERSON = {"je", "j'", "nous", "on", "moi"}  # "d'après" is tokenized d' + après


@dataclass
class Quote:
    type: str
    parts: list[tuple[int, int]]
    cue: str | None = None
    speaker: Speaker | None = None
    pattern: str = ""

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


MULTIWORD_LAST_WORDS = frozenset(last for _, last in MULTIWORD_CUES)


def multiword_head(token: Token) -> Token | None:
    """The verb that opens a multi-word cue ending at `token`: "fait" of "a fait valoir", "met" of "met en
    garde"."""
    if token.lower_ not in MULTIWORD_LAST_WORDS:  # most tokens: no need to look back
        return None
    doc = token.doc
    for back in (1, 2):
        if token.i - back >= 0 and (doc[token.i - back].lemma_, token.lower_) in MULTIWORD_CUES:
            return doc[token.i - back]
    return None


def is_cue(token: Token) -> bool:
    if multiword_head(token) is not None:
        return True
    lemma = token.lemma_.lower()
    if lemma in CUE_LEMMAS or lemma in WEAK_CUE_LEMMAS:
        return token.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "ADV") and not token.is_punct
    return bool(CUE_FORMS_RE.match(token.text))


def _cue_phrase(doc: Doc, verb: Token) -> tuple[str, int, int]:
    """The cue as written: auxiliary, inverted clitic and reflexive pronoun included."""
    start, end = verb.i, verb.i + 1
    opening = multiword_head(verb)
    if opening is not None:
        start = opening.i
    while start > 0 and (doc[start - 1].pos_ == "AUX" or doc[start - 1].lower_ in ("-t", "s'", "se")
                         or doc[start - 1].lower_.startswith("-")) and verb.i - start < 4:
        start -= 1
    while end < len(doc) and doc[end].lower_.startswith("-") and doc[end].lower_.lstrip("-t") in (
            "il", "elle", "ils", "elles", "on", ""):
        end += 1
    if verb.pos_ == "AUX" and end < len(doc) and (doc[end].pos_ in ("VERB", "ADJ")
                                                  or "Part" in doc[end].morph.get("VerbForm")):
        # "a-t-il écrit", "s'est-elle indignée": the incise found the inverted auxiliary; the participle
        # after the clitic (tagged a verb or an adjective) is the verb.
        verb = doc[end]
        end += 1
    if end < len(doc) and (verb.lemma_, doc[end].lower_) in MULTIWORD_CUES:
        end += 1
    span = doc[start:end]
    return span.text, span.start_char, span.end_char


def _subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of a cue verb (or of its auxiliary, or of the verb it is conjoined to), as its tokens,
    without long complements."""
    heads = [verb, verb.head] if verb.dep_.startswith("aux") or verb.dep_ == "conj" else [verb]
    opening = multiword_head(verb)
    if opening is not None:
        heads = [verb, opening]  # "Le gouvernement a fait savoir que …": the subject is on "fait"
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and is_cue(verb.head.head):
        # "Elle assure que les travaux avancent, mais reconnaît que …": the parser hangs the second cue
        # on the reported verb; its subject is the first cue's.
        heads = [verb, verb.head.head]
    for token in heads:
        for child in token.children:
            if child.dep_.startswith("nsubj") or child.dep_ == "expl:subj":
                if child.lower_ in ("-t",):
                    continue
                if child.lower_ == "qui" and token.dep_ == "acl:relcl" \
                        and token.head.pos_ in ("NOUN", "PROPN"):
                    # "la procureure, Mathilde Sorel, qui a relevé que …": the relative pronoun's antecedent.
                    return noun_phrase(token.head, child.i)
                return noun_phrase(child)
    if verb.pos_ not in ("VERB", "AUX") and verb.dep_ in MISPARSED_CUE_DEPS:
        # "Le maire, Denis Trottier, juge que …", "Le Centre national du livre note que …": a cue the tagger
        # took for a noun hangs on (a complement of) its subject.
        head = verb.head
        while any(child.dep_ == "case" for child in head.children) and head.head.i < head.i:
            head = head.head
        if head.i < verb.i and head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("ROOT", "nsubj") \
                and not any(child.dep_ == "case" for child in head.children):
            return noun_phrase(head, verb.i)
    subject = _subject_before(verb)
    if subject:
        return subject
    if depth < 2 and verb.dep_ == "advcl" and verb.head.i < verb.i \
            and set(verb.morph.get("VerbForm")) & {"Part", "Ger"}:
        # "Le syndicat cite l'exemple, estimant que …": a participle or a gerund shares the subject of
        # the verb it depends on.
        return _subject_tokens(verb.head, depth + 1)
    if depth < 2 and verb.dep_ == "xcomp" and verb.head.lemma_ in REPORT_FRAMING_LEMMAS \
            and verb.head.i < verb.i:
        # "Elle s'est contentée de rappeler que …", "il a tenu à préciser que …": the infinitive shares the
        # subject of the verb that frames the report.
        return _subject_tokens(verb.head, depth + 1)
    return []


def _subject_before(verb: Token) -> list[Token]:
    """A subject the parser mislabelled, right before its verb (past "ne" and object clitics): a subject
    pronoun ("Elle juge la situation « paradoxale »") or a person's name."""
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and doc[k].lower_ in ("ne", "n'", "se", "s'", "l'", "le", "la", "les", "lui", "leur", "y",
                                       "en", "m'", "me", "nous", "vous") and verb.i - k <= 3:
        k -= 1
    if k < 0:
        return []
    if doc[k].lower_ in SUBJECT_CLITICS:
        return [doc[k]]
    if doc[k].ent_type_ == "PER":
        start = k
        while start > 0 and doc[start - 1].ent_type_ == "PER" and doc[start].ent_iob_ != "B":
            start -= 1
        return list(doc[start: k + 1])
    if doc[k].text == ",":
        # "Un diplomate européen, qui suit les discussions de près, résume …": the noun phrase before a
        # relative clause set between commas.
        opening = next((j for j in range(k - 1, max(0, k - 20), -1) if doc[j].text == ","), None)
        if opening is not None and doc[opening + 1].lower_ == "qui":
            # The head of the phrase, not its complement ("Un commerçant du marché, qui …").
            noun = doc[opening - 1]
            while noun.dep_ in ("nmod", "amod", "flat:name") and noun.head.i < noun.i:
                noun = noun.head
            if noun.pos_ in ("NOUN", "PROPN"):
                start = min((child.i for child in noun.children if child.dep_ == "det"), default=noun.i)
                return list(doc[start:opening])
    return []


def _inverted_speaker(doc: Doc, verb: Token, limit: int) -> list[Token]:
    """After an incise verb: the clitic (-t-il, -elle), else a person named before any relative clause,
    else the first noun phrase that is not inside a prepositional phrase ("à l'AFP", "sur X")."""
    i = verb.i + 1
    while i < limit and doc[i].lower_.startswith("-"):
        if doc[i].lower_.lstrip("-t").lstrip("-") in SUBJECT_CLITICS:
            return [doc[i]]
        i += 1
    if i < limit and doc[i].lower_ in SUBJECT_CLITICS:
        return [doc[i]]
    if i < limit and (verb.lemma_, doc[i].lower_) in MULTIWORD_CUES:
        i += 1
    for token in doc[i:limit]:
        if token.lower_ in ("qui", "que", "dont", "lorsque", "quand") or token.text in (".", ";", ":"):
            break
        if token.ent_type_ == "PER":
            entity = next(ent for ent in doc.ents if ent.start <= token.i < ent.end)
            return list(entity)
    k = i
    while k < limit:
        token = doc[k]
        if token.text == ",":
            k += 1
            continue
        if token.is_punct and token.text not in ("'", "-"):
            return []
        if token.pos_ == "ADP" or token.lower_ in SKIPPED_BEFORE_SPEAKER:
            k = _after_phrase(doc, k + 1, limit)
            continue
        if token.pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ") or token.lower_ in ROLE_NOUNS:
            phrase = []
            for member in doc[k:limit]:
                if (member.is_punct and member.text not in ("'", "-")) or member.lower_ in (
                        "qui", "que", "dont", "lors", "avant", "après", "devant", "en", "dans", "sur"):
                    break
                phrase.append(member)
                if len(phrase) >= 9:
                    break
            return phrase
        k += 1
    return []


# Verbs that frame a report made by their own subject through an infinitive ("se contenter de rappeler",
# "se borner à indiquer", "tenir à préciser"); not "se garder de conclure", "il s'agit de reconnaître".
REPORT_FRAMING_LEMMAS = frozenset(("contenter", "borner", "limiter", "tenir", "empresser"))
# The prepositions that open a cue's object ("s'inquiéter de", "mettre en garde contre").
OBJECT_PREPOSITIONS = frozenset(("de", "d'", "du", "des", "contre"))
# The labels a cue verb mistagged as a noun or an adjective gets under its own subject.
MISPARSED_CUE_DEPS = ("conj", "amod", "appos", "acl", "nmod")
NOT_INCISE_VERB_POS = {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "ADV", "NUM", "PUNCT"}
# Adverbs and time words that may stand between an incise verb and its subject.
SKIPPED_BEFORE_SPEAKER = frozenset(
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui encore aussi alors ensuite "
    "enfin également lui leur volontiers sobrement simplement déjà toujours".split())


def _after_phrase(doc: Doc, k: int, limit: int) -> int:
    """The index after a prepositional phrase's object (determiners, nouns, names, adjectives)."""
    seen_head = False
    while k < limit:
        token = doc[k]
        if token.pos_ in ("DET", "ADJ", "NUM") or token.lower_ in ("d'", "de", "du", "des", "l'"):
            k += 1
        elif token.pos_ in ("NOUN", "PROPN"):
            seen_head = True
            k += 1
        else:
            break
        if seen_head and k < limit and doc[k].pos_ not in ("ADJ", "PROPN", "NOUN") \
                and doc[k].lower_ not in ("de", "du", "des", "d'"):
            break
    return k


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t":
        start += 1
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    return start, end


def _is_inverted_clitic(token: Token) -> bool:
    """"-elle" of "sourit-elle", "-t" of "a-t-il"; not the hyphen of a split compound ("week" "-" "end")."""
    return token.lower_.startswith("-") and token.text != "-"


def _incise_verb(doc: Doc, start: int, limit: int) -> Token | None:
    """The verb of an incise starting at `start`: only auxiliaries, reflexive pronouns or a negation
    may come before it (« … », a-t-elle ajouté / se souvient X / sourit-elle)."""
    for token in doc[start:min(limit, start + 4)]:
        if token.pos_ == "VERB" or (is_cue(token) and token.pos_ != "AUX"):
            return token
        # The tagger often takes a rare incise verb for an adjective or a noun ("sourit-elle",
        # "plaisante la rédactrice"): a lowercase word followed by a clitic or a subject is the verb.
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.is_alpha and token.is_lower and token.pos_ not in NOT_INCISE_VERB_POS and \
                following is not None and (_is_inverted_clitic(following)
                                           or following.pos_ in ("DET", "PROPN")):
            return token
        if not (token.pos_ == "AUX" or token.lower_ in ("s'", "se", "-t", "n'", "ne", "l'", "le", "y", "en")
                or token.lower_.startswith("-")):
            return None
    return None


def _is_apposition(span: Span) -> bool:
    """'sociologue à l'université', 'la présidente du syndicat', 'de l'université de Genève' (a complement
    cut by a comma), 'qui a étudié …': a phrase about the source, with no finite verb of its own outside
    a relative clause ("avocate spécialisée dans …" has a participle)."""
    if not len(span):
        return False
    first = span[0]
    second = span[1] if len(span) > 1 else first
    if not (is_human_noun(first) or first.lower_ in ("de", "du", "des", "d'", "qui")
            or first.pos_ == "DET" and is_human_noun(second)):
        return False
    for token in span:
        if token.lower_ in ("qui", "dont", "que", "qu'", "où"):
            return True
        if token.pos_ in ("VERB", "AUX") and "Part" not in token.morph.get("VerbForm"):
            return False
    return True


def _que_after(token: Token) -> Token | None:
    """The "que" right after a cue, past an adverb or two ("estime pourtant que", "juge aussi que") or a
    phrase that sets the speaker against others ("assure de son côté que", "rappelle pour sa part que")."""
    doc = token.doc
    k = token.i + 1
    if k + 3 < len(doc) and " ".join(t.lower_ for t in doc[k:k + 3]) in CONTRASTING_PHRASES:
        k += 3
    while k < len(doc) and k - token.i <= 2 and doc[k].pos_ == "ADV" and doc[k].lower_ not in NEGATIONS:
        k += 1
    return doc[k] if k < len(doc) and doc[k].lower_ in ("que", "qu'") else None


def _clause_end_after(que: Token, sentence: Span) -> int:
    """Where a que clause the parser hung elsewhere (or whose "que" it mislabelled) ends: with the subtree
    of the finite verb "que" introduces, else with the sentence."""
    verb = que.head
    finite = verb.pos_ in ("VERB", "AUX") and "Fin" in verb.morph.get("VerbForm")
    if finite and que.i < verb.i < sentence.end and verb.left_edge.i <= que.i + 1:
        return verb.right_edge.i + 1
    return sentence.end


def _reads_as_verb(token: Token) -> bool:
    """A cue the tagger took for a noun ("Elle juge que …"): no determiner or preposition before it."""
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return token.pos_ in ("NOUN", "ADJ") and token.is_lower and (
        previous is None or previous.pos_ not in ("DET", "ADP", "NUM"))


def _object_after(cue: Token) -> Token | None:
    """The noun of an object right after its cue that the parser did not hang on it as one ("Léa Fontanel
    juge ce pari « crédible »": "pari" a complement, or "juge" itself a noun): the determiner tells."""
    doc = cue.doc
    if cue.i + 2 >= len(doc):
        return None
    determiner = doc[cue.i + 1]
    noun = determiner.head
    if determiner.pos_ != "DET" or determiner.dep_ != "det" or not cue.i < noun.i <= cue.i + 4 \
            or noun.pos_ != "NOUN":
        return None
    return noun


def _prepositional_object(cue: Token) -> Token | None:
    """The object a reflexive or multi-word cue takes through a preposition ("s'inquiète d'une mesure", "se
    félicite d'une course", "met en garde contre une dérive"; a multi-word cue hangs it on its first verb).
    Not other cues: "relève d'une « manipulation »" pertains to something, it reports nothing."""
    opening = multiword_head(cue)
    if opening is None and cue.lemma_.lower() not in REFLEXIVE_CUE_LEMMAS:
        return None
    children = list(cue.children) + (list(opening.children) if opening is not None else [])
    return next((child for child in children if child.dep_ == "obl:arg" and child.i > cue.i and any(
        case.dep_ == "case" and case.lower_ in OBJECT_PREPOSITIONS for case in child.children)), None)


def _sees_in(verb: Token) -> bool:
    """"Il y voit « un résumé de nos contradictions »", "voit dans ce phénomène « une révolution »": seeing
    something in a fact is judging it, a cue for the words it quotes (and only for those)."""
    return verb.pos_ == "VERB" and (verb.i > 0 and verb.doc[verb.i - 1].lower_ == "y" or any(
        child.dep_.startswith("obl") and any(case.lower_ == "dans" for case in child.children)
        for child in verb.children))


def _relative_after_quoted_words(comma: Token) -> bool:
    """"… y voit « une mécanique efficace », qui n'est ni bonne ni mauvaise": a relative clause set off after
    the closing mark is the writer's gloss on the quoted words."""
    doc = comma.doc
    return 0 < comma.i < len(doc) - 1 and doc[comma.i - 1].text in CLOSING_MARKS \
        and doc[comma.i + 1].lower_ in ("qui", "dont", "où")


def _last_joined_fragment(text: str, marked: list[MarkedSpan], fragment: MarkedSpan) -> MarkedSpan:
    """"une décision « politique » et « hostile à la liberté »": quoted words joined to the fragment by a
    conjunction are the same judgement; the last of them ends it."""
    for following in marked[marked.index(fragment) + 1:]:
        if text[fragment.end:following.open_at].strip() not in ("et", "ou", "mais", ","):
            break
        fragment = following
    return fragment


def _opens_writer_comment(token: Token, end: int) -> bool:
    """After a comma in a reported clause: "alors que", "tout en", "même si", "grâce à", "à condition que", a
    gerund, an apposition, or "mais"/"et" with a subject of its own ("mais une enquête est ouverte"; "mais
    que …" carries on the report)."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else token
    if token.lower_ in ("alors", "tout") and following.lower_ in ("que", "qu'", "en") \
            or token.lower_ == "même" and following.lower_ in ("si", "s'"):
        return True
    gerund = "Ger" in token.morph.get("VerbForm") or token.lower_ == "en" and "Ger" in following.morph.get(
        "VerbForm")
    if gerund or token.lower_ in ("grâce", "signe") or (token.lower_, following.lower_) == ("à", "condition"):
        return True
    if token.lower_ in ("mais", "et") and (following.lower_ in ("il", "elle", "ils", "elles", "on")
                                   or following.pos_ == "DET" and following.dep_ == "det"
                                   and (following.head.dep_.startswith("nsubj")
                                        or _finite_verb_follows(following, end))):
        return True
    # An apposition: a noun phrase with no finite verb up to the end of the clause; not the next item of a
    # list ("des soudeurs, des électriciens") nor an adjunct set between commas (", une nuit, vers …").
    after = doc[token.i + 2] if token.i + 2 < len(doc) else following
    if token.pos_ != "DET" or token.lower_ == "des" or following.pos_ != "NOUN" or after.text == ",":
        return False
    return not any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in doc[token.i:end])


def _finite_verb_follows(determiner: Token, end: int) -> bool:
    """"…, et les ventes de chandails financent désormais …": the noun phrase is the subject of a finite verb
    of its own (the parser often calls such a noun a conjunct and its verb a relative), not a relative."""
    for token in determiner.doc[determiner.i + 1:end]:
        if token.lower_ in ("qui", "que", "qu'", "dont", "où") or token.text == ",":
            return False
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return True
    return False


def _is_second_cue(token: Token) -> bool:
    """A finite cue verb without a subject, right after "et"/"mais": the reporter's next act."""
    return (is_cue(token) and token.pos_ == "VERB" and token.lemma_ not in WEAK_CUE_LEMMAS
            and not set(token.morph.get("VerbForm")) & {"Inf", "Part"}
            and not any(child.dep_.startswith("nsubj") for child in token.children))


def _continues_the_clause(span: Span) -> bool:
    """What follows an aside holds the rest of the clause: a finite verb before any relative pronoun
    ("…, selon X, menée auprès de 6 200 élèves." has none)."""
    for token in span:
        if token.lower_ in ("qui", "dont", "que", "qu'", "où"):
            return False
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return True
    return False


class Sentences:
    """The parser's sentences, indexed once: Token.sent walks the whole Doc on every call."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.bounds = [(sentence.start, sentence.end) for sentence in doc.sents]
        self.starts = [start for start, _ in self.bounds]

    def of(self, token: Token) -> Span:
        start, end = self.bounds[bisect_right(self.starts, token.i) - 1]
        return self.doc[start:end]


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
        text = text_of(doc)
        for quote in quotes:
            record = quote.to_dict(text, marked_of.get(id(quote)))
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
        with reading_text(doc) as text:
            return self._extract(doc, text)

    def _extract(self, doc: Doc, text: str
                 ) -> tuple[list[Quote], dict[int, MarkedSpan], list[tuple[int, str]]]:
        marked, warnings = find_marked_spans(text)
        people = people_of(doc)
        paras = paragraphs(text)
        quotes: list[Quote] = []
        marked_of: dict[int, MarkedSpan] = {}
        used_for_mixed: set[int] = set()

        indirect = self._indirect_quotes(doc, people, marked, Sentences(doc))
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
        span = doc.char_span(offset, min(offset + 1, len(text_of(doc))), alignment_mode="expand")
        return span.start if span is not None else len(doc)

    def _word_count(self, doc: Doc, start: int, end: int) -> int:
        return sum(1 for t in self._tokens_between(doc, start, end) if t.is_alpha)

    def _direct_quote(self, doc: Doc, span: MarkedSpan, people: list[Person],
                      paras: list[tuple[int, int]], previous: Quote | None,
                      previous_para: int) -> Quote | None:
        text = text_of(doc)
        first_start, first_end = span.parts[0]
        words = sum(self._word_count(doc, s, e) for s, e in span.parts)
        open_token = self._token_index_at(doc, span.open_at)
        before = doc[open_token - 1] if open_token > 0 else None
        if before is not None and before.lower_ in NAMING_WORDS:
            return None
        first_word = text_of(doc)[first_start:first_end].split()[0].lower()
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
            if words < 2:
                return None
            if quote.speaker is None:
                quote.speaker = self._recent_speaker(doc, people, span)
            return quote
        if words < self.min_direct_words or not sentence_like:
            return None
        # Unattributed and not a finished sentence: a title or a name ("son album, « Quai numéro 2 »").
        last_start, last_end = span.parts[-1]
        content = text[first_start:last_end]
        ends_sentence = content.rstrip().endswith((".", "!", "?", "…")) or ". " in content
        if not ends_sentence and words < UNATTRIBUTED_MIN_WORDS:
            return None
        if before is not None and before.pos_ == "ADP" and not ends_sentence:
            return None
        follows_previous = previous is not None and (
            (starts_paragraph and para_index - previous_para == 1)
            or (para_index == previous_para and not self._names_someone(doc, previous.end, span.open_at)))
        if follows_previous:
            quote.speaker, quote.pattern = previous.speaker, "continuation"
            return quote
        quote.speaker = self._recent_speaker(doc, people, span)
        return quote

    def _recent_speaker(self, doc: Doc, people: list[Person], span: MarkedSpan) -> Speaker | None:
        """Nobody named at the quote: the person the narration just before it is about, when its last subject
        is il/elle ("Elle a formé trois modératrices. « … »"); else the person mentioned last before it. In
        portraits and interviews the quoted person was often named paragraphs earlier."""
        depth = 0
        for token in reversed(doc[max(0, self._token_index_at(doc, span.open_at) - RECENT_SUBJECT_REACH):
                                  self._token_index_at(doc, span.open_at)]):
            depth += token.text in CLOSING_MARKS
            depth -= token.text in OPENING_MARKS and depth > 0
            if depth or not (token.dep_.startswith("nsubj") and token.head.dep_ == "ROOT"):
                continue
            if token.lower_ not in ("il", "elle"):
                break
            speaker = speaker_from_tokens([token], people, token.idx)
            # Only a person: a body or a document the pronoun may take up does not speak in quotes.
            if speaker is not None and any(person.name == speaker.text for person in people):
                return speaker
            break
        person = recent_person(people, span.open_at)
        if person is None:
            return None
        mention = max((m for m in person.mentions if m.start_char < span.open_at),
                      key=lambda m: m.start_char)
        return Speaker(person.name, mention.start_char, mention.end_char, person.title, person.org)

    def _names_someone(self, doc: Doc, start: int, end: int) -> bool:
        return any(t.ent_type_ == "PER" for t in self._tokens_between(doc, start, end))

    def _incise_inside(self, doc: Doc, quote: Quote, people: list[Person]) -> bool:
        """« Q1, a lancé Marie Dupont, Q2 »: one quote, two parts."""
        start, end = quote.parts[0]
        tokens = self._tokens_between(doc, start, end)
        for token in tokens[:-2]:
            if token.text != ",":
                continue
            verb = _incise_verb(doc, token.i + 1, tokens[-1].i)
            if verb is None:
                continue
            inverted = verb.i + 1 < len(doc) and _is_inverted_clitic(doc[verb.i + 1])
            if not (is_cue(verb) or inverted):
                continue
            closing = next((t for t in tokens[verb.i - tokens[0].i + 1:] if t.text in (",", ".")), None)
            if closing is None or closing.i - verb.i > 9 or closing.i >= tokens[-1].i:
                continue
            speaker_tokens = _inverted_speaker(doc, verb, closing.i)
            if not speaker_tokens:
                continue
            cue, _, _ = _cue_phrase(doc, verb)
            second_start = closing.idx + 1
            while second_start < end and text_of(doc)[second_start].isspace():
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
        elif not text_of(doc)[span.parts[-1][0]:span.parts[-1][1]].rstrip().endswith(("?", "!", "…")):
            return False
        sentence_end = next((t.i for t in doc[i: i + 25] if t.text in (".", "!", "?", "«", "\n")
                             or "\n" in t.text), min(limit, i + 25))
        window = doc[i: min(i + SOURCE_REACH, sentence_end)]
        if len(window) and window[0].lower_ in ("selon", "d'", "pour") and (
                window[0].lower_ != "d'" or (len(window) > 1 and window[1].lower_ == "après")):
            first = 2 if window[0].lower_ == "d'" else 1
            tokens = list(doc[window.start + first: sentence_end])
            tokens = tokens[: next((k for k, t in enumerate(tokens) if t.text == ","), len(tokens))]
            quote.speaker = speaker_from_tokens(tokens, people, span.open_at)
            quote.cue = doc[window.start: window.start + first].text
            quote.pattern = quote.pattern or "incise_after"
            return quote.speaker is not None
        verb = _incise_verb(doc, i, sentence_end)
        if verb is None:
            return False
        before = verb.i - 1
        while before > 0 and (doc[before].lower_.startswith("-") or doc[before].lower_ in ("s'", "se")):
            before -= 1  # a-t-il estimé, s'est-elle indignée
        inverted = verb.i + 1 < len(doc) and _is_inverted_clitic(doc[verb.i + 1])
        # « Les Nuits de Bruges », publié en 2024: an incise verb is finite. (The tagger calls some finite
        # forms participles, "dit-elle", "conclut-elle": an inverted clitic shows they are not.)
        if "Part" in verb.morph.get("VerbForm") and doc[before].pos_ != "AUX" and not inverted:
            return False
        if not (is_cue(verb) or inverted):
            # « la gang », réunit des adolescents: a verb that is no cue only makes an incise after a
            # real sentence.
            start, end = span.parts[0][0], span.parts[-1][1]
            if (not text_of(doc)[start:start + 1].isupper()
                    or self._word_count(doc, start, end) < self.min_direct_words):
                return False
        cue, _, _ = _cue_phrase(doc, verb)
        speaker_tokens = _inverted_speaker(doc, verb, sentence_end)
        quote.speaker = speaker_from_tokens(speaker_tokens, people, span.open_at)
        quote.cue = cue
        quote.pattern = quote.pattern or "incise_after"
        return True

    def _introduced_before(self, doc: Doc, span: MarkedSpan, quote: Quote, people: list[Person],
                           paras: list[tuple[int, int]]) -> bool:
        """X l'a redit : « … » — in the same paragraph or at the end of the previous one."""
        text = text_of(doc)
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
        if is_cue(verb) and self._is_not_a_report(verb):
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
        opening = multiword_head(verb)
        if opening is not None:
            verb, children = opening, children + list(opening.children)
        # "Sur ce point, il précise : …": a noun "point" or "plus" is no negation.
        if any(child.lower_ in NEGATIONS and child.pos_ != "NOUN" for child in children):
            return True
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_ in MODAL_LEMMAS | DECLINE_LEMMAS:
            return True
        if any(child.lemma_ == "aller" and child.i < verb.i for child in children):
            return True
        return False

    def _indirect_quotes(self, doc: Doc, people: list[Person], marked: list[MarkedSpan],
                         sentences: Sentences) -> list[tuple[Quote, set[int]]]:
        """A cue with a que clause, or a source introducer (selon, d'après, pour X)."""
        results: list[tuple[Quote, set[int]]] = []
        inside_marks = [(m.open_at, m.end) for m in marked if self._word_count(
            doc, m.parts[0][0], m.parts[-1][1]) >= MIN_DIRECT_WORDS
            and text_of(doc)[m.parts[0][0]:m.parts[0][0] + 1].isupper()]

        def in_direct(offset: int) -> bool:
            return any(s <= offset < e for s, e in inside_marks)

        for token in doc:
            cue = is_cue(token)
            source = token.lower_ in SOURCE_HEADS and token.dep_ in ("case", "fixed") or (
                token.lower_ == "pour" and token.dep_ == "case")
            if not (cue or source or token.lemma_ == "voir") or in_direct(token.idx):
                continue  # the cheap tests first: this loop sees every token
            if not (cue or source):
                mixed = self._judged_mixed(doc, token, people, marked, sentences.of(token)) \
                    if _sees_in(token) else None
                if mixed:
                    results.append(mixed)
                continue
            if token.lemma_.lower() in WEAK_CUE_LEMMAS and multiword_head(token) is None:
                continue  # "il pense que" is a thought; "il a fait savoir que" is a report
            que = _que_after(token)
            # A cue the tagger took for a noun is a verb before a que clause or an object ("Elle juge ce pari
            # « … »"); so is the last word of a multi-word cue ("met en garde contre …").
            verbal = (token.pos_ in ("VERB", "AUX") or multiword_head(token) is not None
                      or _reads_as_verb(token) and (que is not None or _object_after(token) is not None))
            if cue and verbal and not self._is_not_a_report(token):
                clause = next((c for c in token.children if c.dep_ in ("ccomp", "obj", "xcomp")
                               and any(g.dep_ == "mark" and g.lower_ in ("que", "qu'") and g.i > token.i
                                       for g in c.children)), None)
                span = None
                if clause is not None:
                    mark = next(g for g in clause.children if g.dep_ == "mark")
                    span = mark.i + 1, clause.right_edge.i + 1
                elif que is not None:
                    span = que.i + 1, _clause_end_after(que, sentences.of(que))
                if span is not None:
                    result = self._clause_quote(doc, span[0], span[1], token, people, marked,
                                                "indirect_que")
                    if result:
                        results.append(result)
                    continue
                mixed = self._judged_mixed(doc, token, people, marked, sentences.of(token))
                if mixed:
                    results.append(mixed)
            elif source:
                result = self._source_quote(doc, token, people, marked, sentences.of(token))
                if result:
                    results.append(result)
        return results

    def _clause_quote(self, doc: Doc, start: int, end: int, verb: Token | None,
                      people: list[Person], marked: list[MarkedSpan], pattern: str,
                      speaker_tokens: list[Token] | None = None, cue: str | None = None,
                      before_cue: bool = False) -> tuple[Quote, set[int]] | None:
        # "… que la copie creusait le déficit et a promis de …", "…, mais reconnaît que …": the cue's own
        # second verb (a past tense, or another cue with no subject of its own) is not reported.
        for token in doc[start:end - 2]:
            if token.lower_ not in ("et", "mais"):
                continue
            following = doc[token.i + 1]
            if following.pos_ == "AUX" and following.lemma_ in ("avoir", "être") \
                    and doc[token.i + 2].pos_ == "VERB" or _is_second_cue(following):
                end = token.i
                break
        # "…, alors que …", "…, tout en précisant …", "…, un chiffre en hausse": a detached adjunct or an
        # apposition after the reported clause is the writer's comment on it.
        if not before_cue:
            for token in doc[start + 3:end - 1]:
                # Not where the speaker's own words are in quotation marks: the clause is theirs.
                if token.text == "," and (_opens_writer_comment(doc[token.i + 1], end)
                                          and not any(t.text in OPENERS for t in doc[start:end])
                                          or _relative_after_quoted_words(token)):
                    end = token.i
                    break
        # "… a expliqué que le projet est né d'une frustration : les grands médias …": what follows a
        # colon illustrates the que clause, it is the writer's.
        colon = next((t.i for t in doc[start:end] if t.text == ":"), None)
        if colon is not None and pattern == "indirect_que":
            end = colon
        while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ("»", "”", '"')
                               or doc[end - 1].is_space):
            end -= 1
        if end - start < 3:
            return None
        start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        # A reported clause never runs over a paragraph break (the parser's sentences sometimes do).
        segment = text_of(doc)[start_char:end_char]
        if "\n" in segment.strip():
            if before_cue:
                start_char += segment.rstrip().rfind("\n") + 1
            else:
                end_char = start_char + segment.index("\n")
            start_char, end_char = _stripped(text_of(doc), start_char, end_char)
            if end_char - start_char < 10:
                return None
        for m in marked:
            if start_char <= m.open_at < end_char < m.end and m.end - end_char <= 3:
                end_char = m.end
        covered = {index for index, m in enumerate(marked)
                   if start_char <= m.open_at and m.end <= end_char}
        quote = Quote(type="mixed" if covered else "indirect", parts=[(start_char, end_char)],
                      pattern="mixed" if covered else pattern)
        if verb is not None:
            quote.cue = _cue_phrase(doc, verb)[0]
            speaker_tokens = _subject_tokens(verb) if speaker_tokens is None else speaker_tokens
            if speaker_tokens and speaker_tokens[0].lower_ in FIRST_PERSON:
                return None  # the writer's own statement, not a report
        else:
            quote.cue = cue
        quote.speaker = speaker_from_tokens(speaker_tokens or [], people, start_char)
        if quote.speaker is None and verb is not None and not speaker_tokens:
            return None
        return quote, covered

    def _judged_mixed(self, doc: Doc, verb: Token, people: list[Person], marked: list[MarkedSpan],
                      sentence: Span) -> tuple[Quote, set[int]] | None:
        """Elle a jugé la décision « historique »: a cue whose object holds a short quoted fragment."""
        obj = next((c for c in verb.children if c.dep_ in ("obj", "xcomp") and c.i > verb.i), None)
        if obj is None:
            obj = _prepositional_object(verb)
        parsed = obj is not None
        obj = obj if parsed else _object_after(verb)
        if obj is None:
            return None
        start = max(obj.left_edge.i, verb.i + 1)
        while doc[start].dep_ == "case" and start < obj.i:
            start += 1  # "s'inquiète d'une « confusion croissante »": the preposition is the cue's
        if start > 0 and doc[start - 1].text in OPENERS:
            start -= 1  # "a salué « un signal attendu »": the whole object is quoted
        start_char = doc[start].idx
        sentence_end = sentence.end_char
        fragment = next((m for m in marked if start_char <= m.open_at < sentence_end and not m.unclosed
                         and m.open_at - start_char < 60), None)
        if fragment is None:
            return None
        # "ce que m'a dit la psychologue : « … »" introduces a direct quote; in "publié une heure plus tôt,
        # car il n'a reçu « que » …" the object ends at the comma, before the fragment.
        lead = text_of(doc)[start_char:fragment.open_at]
        if ":" in lead or "," in lead:
            return None
        # The reported words run to the end of the object ("un outil « devenu indispensable » pour …"); an
        # object the parser missed has no extent to trust, it ends with the fragment.
        end_token = self._token_index_at(doc, _last_joined_fragment(text_of(doc), marked, fragment).close_at)
        if parsed:
            end_token = max(end_token, min(obj.right_edge.i, sentence.end - 1))
        result = self._clause_quote(doc, start, end_token + 1, verb, people, marked, "mixed")
        if result is None or marked.index(fragment) not in result[1]:
            return None  # "explique sa démarche :\n\n« … »": the quote is direct, the object no report
        return result

    def _source_quote(self, doc: Doc, token: Token, people: list[Person], marked: list[MarkedSpan],
                      sentence: Span) -> tuple[Quote, set[int]] | None:
        """Selon le rapport, … / …, d'après un proche. / Pour l'économiste, …"""
        head = token.head
        if token.lower_ == "après":
            if token.i == 0 or doc[token.i - 1].lower_ != "d'":
                return None
            introducer = doc[token.i - 1: token.i + 1]
            head = doc[token.i - 1].head
        else:
            introducer = doc[token.i: token.i + 1]
        if head.pos_ not in ("NOUN", "PROPN", "PRON") or head.i <= token.i:
            return None
        if token.lower_ == "pour" and not (is_opinion_holder(head) or head.lower_ in ("lui", "elle")):
            return None
        paragraph_start = text_of(doc).rfind("\n", 0, introducer.start_char) + 1
        at_start = introducer.start == sentence.start or not text_of(doc)[
            paragraph_start:introducer.start_char].strip(" «\"“")
        if at_start:
            # The source runs to the comma that closes its phrase (appositions included).
            commas = [t.i for t in doc[introducer.end: sentence.end] if t.text == ","]
            if not commas:
                return None
            # Not the parser's extent of the source (it often hangs the reported clause under the source's
            # noun): the first comma, or a later one past appositions ("Selon X, sociologue à Y, …").
            k = 0
            while k + 1 < len(commas) and _is_apposition(doc[commas[k] + 1: commas[k + 1]]):
                k += 1
            comma = commas[k]
            source = list(doc[introducer.end: comma])
            return self._clause_quote(doc, comma + 1, sentence.end, None, people, marked, "selon",
                                      speaker_tokens=source, cue=introducer.text)
        # "…, selon X." / "…, d'après X."; a "pour" inside a sentence is almost never a source ("un espace
        # de soutien, pour certains jeunes isolés").
        if introducer.start > sentence.start and doc[introducer.start - 1].text == "," \
                and token.lower_ != "pour":
            # The parser's sentence may run over a full stop or a paragraph break.
            end = next((t.i for t in doc[introducer.end: sentence.end] if t.text in (".", "!", "?")
                        or "\n" in t.text), sentence.end)
            source = [t for t in doc[introducer.end: end] if not t.is_punct]
            closing = next((t.i for t in doc[introducer.end: end] if t.text == ","), None)
            if closing is not None:
                before = doc[introducer.start - 2] if introducer.start > 1 else None
                unfinished = before is not None and before.pos_ in ("VERB", "AUX", "DET", "ADP", "PRON")
                if unfinished or _continues_the_clause(doc[closing + 1: end]):
                    # "Ces groupes ont, selon ses observations, une fonction …", "Une interdiction, selon
                    # elle, risquerait …": an aside inside the clause, the part before it no clause.
                    return None
                source = list(doc[introducer.end: closing])
            return self._clause_quote(doc, sentence.start, introducer.start - 1, None, people,
                                      marked, "selon", speaker_tokens=source, cue=introducer.text,
                                      before_cue=True)
        return None


@Language.factory("veille_quotes", default_config={"min_direct_words": MIN_DIRECT_WORDS})
def make_quote_extractor(nlp: Language, name: str, min_direct_words: int) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, min_direct_words)
