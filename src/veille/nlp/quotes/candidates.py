"""Stage 3: indirect and mixed quote candidates. A cue with a que clause ("a assuré que …"), a cue whose
object holds quoted words ("a jugé la décision « historique »"), a source introducer ("Selon X, …",
"…, d'après X.", "Pour l'économiste, …"), or a clause closed by an incise ("…, a indiqué la préfecture.",
postposed.py)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from veille.nlp.quotes.clause import Candidate, Clause, clause_quote
from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.grammar import (
    antecedent_before_comma,
    cue_lemma,
    is_cue,
    is_not_a_report,
    is_object_cue,
    multiword_head,
)
from veille.nlp.quotes.lexicon.closed_class import (
    DE_FORMS,
    GERUND_MARK,
    INFINITIVE_MARKS,
    NEGATIONS,
    OBJECT_END_WORDS,
    OBJECT_PREPOSITIONS,
    OPINION_HOLDER_PRONOUNS,
    PRESENT_PARTICIPLE_ENDING,
    QUE,
    REFLEXIVE_PRONOUNS,
    RELATIVE_PRONOUNS,
    SECOND_VERB_CONJUNCTIONS,
    SEEING_PREPOSITION,
    SEEING_PRONOUN,
    SUBJECT_RELATIVE,
)
from veille.nlp.quotes.lexicon.cues import (
    CONTRASTING_PHRASE_TOKENS,
    CONTRASTING_PHRASES,
    CUE_PREPOSITIONS,
    ELIDED_DE,
    NOT_SOURCE_NOUNS,
    OBJECT_CUE_LEMMAS,
    OPINION_INTRODUCER,
    REFLEXIVE_CUE_LEMMAS,
    SEEING_LEMMA,
    SELF_DESCRIBING_LEMMAS,
    SOURCE_AFTER_ELISION,
    SOURCE_HEADS,
    SOURCE_RELATIVES,
    WEAK_CUE_LEMMAS,
)
from veille.nlp.quotes.lexicon.marks import (
    COLON,
    COMMA,
    FRAGMENT_JOINERS,
    LEAD_MARKS,
    OBJECT_END_MARKS,
    OPENERS,
    SENTENCE_END_MARKS,
    WORD_JOINERS,
)
from veille.nlp.quotes.marks import MarkedSpan
from veille.nlp.quotes.nouns import is_human_noun, is_opinion_holder
from veille.nlp.quotes.postposed import postposed_incise

# The labels a que clause or an object has under its cue.
CLAUSE_DEPS = ("ccomp", "obj", "xcomp")
# What the parser calls the attribute after a reflexive cue ("s'est dit « troublé »").
SELF_DESCRIPTION_DEPS = ("advcl", "xcomp", "obj", "amod", "acl", "ccomp", "obl:mod")
# What may stand between a cue and a farther "que": the words of its complements ("à l'AFP", "dans un
# communiqué publié lundi", "par ailleurs").
COMPLEMENT_POS = frozenset(("ADP", "DET", "NOUN", "PROPN", "ADJ", "ADV", "NUM"))
# Words that make a conjunction of the "que" after them, opening an adjunct rather than a report.
QUE_CONJUNCTION_OPENERS = frozenset(
    ("tant", "alors", "bien", "parce", "afin", "pour", "sans", "avant", "ainsi", "dès", "pendant", "tandis",
     "sitôt", "lors", "moins", "plus", "autant", "même"))
# The parts of speech before ", selon X" that leave the clause before it unfinished.
UNFINISHED_CLAUSE_POS = ("VERB", "AUX", "DET", "ADP", "PRON")


def indirect_candidates(ctx: QuoteContext) -> list[Candidate]:
    """A cue with a que clause, a cue whose object holds quoted words, or a source introducer. Each comes
    with the marked spans it holds, which are then no direct quotes of their own."""
    results: list[Candidate] = []
    inside_marks = _long_direct_marks(ctx)

    def in_direct(offset: int) -> bool:
        return any(s <= offset < e for s, e in inside_marks)

    for token in ctx.doc:
        if token.text == COMMA:
            result = None if in_direct(token.idx) else postposed_incise(ctx, token)
            if result:
                results.append(result)
            continue
        cue = is_cue(token)
        source = token.lower_ in SOURCE_HEADS and token.dep_ in ("case", "fixed") or (
            token.lower_ == OPINION_INTRODUCER and token.dep_ == "case")
        judges = not (cue or source) and (token.lemma_ == SEEING_LEMMA or is_object_cue(token))
        if not (cue or source or judges) or in_direct(token.idx):
            continue  # the cheap tests first: this loop sees every token
        if cue or source:
            result = _cue_candidate(ctx, token) if cue else _source_quote(ctx, token)
        else:
            result = _judged_mixed(ctx, token) if _judges(ctx, token) else None
        if result:
            results.append(result)
    return results


def _long_direct_marks(ctx: QuoteContext) -> list[tuple[int, int]]:
    """Marked spans long enough to be direct quotes and opening like a sentence: no cue inside them starts
    an indirect quote."""
    return [(m.open_at, m.end) for m in ctx.marks
            if ctx.word_count(m.parts[0][0], m.parts[-1][1]) >= ctx.settings.min_direct_words
            and ctx.text[m.parts[0][0]:m.parts[0][0] + 1].isupper()]


def _cue_candidate(ctx: QuoteContext, token: Token) -> Candidate | None:
    """A cue token: its que clause, else its object holding quoted words."""
    if cue_lemma(token) in WEAK_CUE_LEMMAS and multiword_head(token) is None:
        return None  # "il pense que" is a thought; "il a fait savoir que" is a report
    que = _que_after(ctx, token)
    # A cue the tagger took for a noun is a verb before a que clause or an object ("Elle juge ce pari
    # « … »"); so is the last word of a multi-word cue ("met en garde contre …").
    verbal = (token.pos_ in ("VERB", "AUX") or multiword_head(token) is not None
              or _reads_as_verb(token) and (que is not None or _object_after(ctx, token) is not None))
    if not verbal or is_not_a_report(token):
        return None
    clause = next((c for c in token.children if c.dep_ in CLAUSE_DEPS
                   and any(g.dep_ == "mark" and g.lower_ in QUE and g.i > token.i for g in c.children)), None)
    span = None
    if clause is not None:
        mark = next(g for g in clause.children if g.dep_ == "mark")
        span = _after_que(mark), clause.right_edge.i + 1
    elif que is not None:
        span = _after_que(que), _clause_end_after(que, ctx.sentences.of(que))
    if span is not None:
        return clause_quote(ctx, Clause(span[0], span[1], "indirect_que", verb=token))
    return _judged_mixed(ctx, token)


def _after_que(que: Token) -> int:
    """The clause's first token, past the apostrophe of "qu'" split off before a mark."""
    following = que.i + 1
    split = following < len(que.doc) and que.doc[following].text in WORD_JOINERS
    return following + 1 if split else following


def _que_after(ctx: QuoteContext, token: Token) -> Token | None:
    """The "que" right after a cue, past an adverb or two ("estime pourtant que", "juge aussi que") or a
    phrase that sets the speaker against others ("assure de son côté que", "rappelle pour sa part que"); or
    a conjunction "que" past the cue's complements ("précise par ailleurs que", "a expliqué à l'AFP que",
    "a indiqué dans un communiqué que")."""
    doc = token.doc
    k = token.i + 1
    if k + CONTRASTING_PHRASE_TOKENS < len(doc) and " ".join(
            t.lower_ for t in doc[k:k + CONTRASTING_PHRASE_TOKENS]) in CONTRASTING_PHRASES:
        k += CONTRASTING_PHRASE_TOKENS
    while k < len(doc) and k - token.i <= ctx.settings.que_adverb_reach and doc[k].pos_ == "ADV" \
            and doc[k].lower_ not in NEGATIONS:
        k += 1
    if k < len(doc) and doc[k].lower_ in QUE:
        return doc[k]
    return _que_past_complements(ctx, token)


def _que_past_complements(ctx: QuoteContext, token: Token) -> Token | None:
    """A subordinating "que" a few words after the cue with only a complement in between, one that opens
    with a preposition or an adverb ("à l'AFP", "dans un communiqué", "par ailleurs"): after an object
    ("promet une protection que …") the "que" is a relative, whatever its tag; "tant que", "alors que"
    open an adjunct."""
    doc = token.doc
    end = min(len(doc), token.i + 1 + ctx.settings.que_complement_reach)
    if token.i + 1 >= end or doc[token.i + 1].pos_ not in ("ADP", "ADV"):
        return None
    for following in doc[token.i + 1:end]:
        if following.lower_ in QUE:
            opener = doc[following.i - 1].lower_
            return following if following.pos_ == "SCONJ" and opener not in QUE_CONJUNCTION_OPENERS else None
        if following.pos_ not in COMPLEMENT_POS and following.text not in WORD_JOINERS \
                or following.lower_ in NEGATIONS:
            return None
    return None


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


def _object_after(ctx: QuoteContext, cue: Token) -> Token | None:
    """The noun of an object right after its cue that the parser did not hang on it as one ("Léa Fontanel
    juge ce pari « crédible »": "pari" a complement, or "juge" itself a noun): the determiner tells."""
    doc = cue.doc
    if cue.i + 2 >= len(doc):  # room for a determiner and a noun
        return None
    determiner = doc[cue.i + 1]
    noun = determiner.head
    if determiner.pos_ != "DET" or determiner.dep_ != "det" \
            or not cue.i < noun.i <= cue.i + ctx.settings.object_reach or noun.pos_ != "NOUN":
        return None
    return noun


def _prepositional_object(cue: Token) -> Token | None:
    """The object a reflexive or multi-word cue takes through a preposition ("s'inquiète d'une mesure", "se
    félicite d'une course", "met en garde contre une dérive"; a multi-word cue hangs it on its first verb),
    or a cue through its own ("appelle à la « retenue »", "plaide pour une « pause »"). Not other cues:
    "relève d'une « manipulation »" pertains to something, it reports nothing."""
    opening = multiword_head(cue)
    lemma = cue_lemma(cue)
    prepositions = CUE_PREPOSITIONS.get(lemma, frozenset())
    if opening is not None or lemma in REFLEXIVE_CUE_LEMMAS:
        prepositions = prepositions | OBJECT_PREPOSITIONS
    if not prepositions:
        return None
    children = list(cue.children) + (list(opening.children) if opening is not None else [])
    return next((child for child in children if child.dep_ == "obl:arg" and child.i > cue.i and any(
        case.dep_ == "case" and case.lower_ in prepositions for case in child.children)), None)


def _judges(ctx: QuoteContext, verb: Token) -> bool:
    """A verb that reports only through its object ("évoque", "appelle à"), or seeing in a fact."""
    if verb.lemma_ == SEEING_LEMMA:
        return _sees_in(verb)
    verbal = verb.pos_ == "VERB" or _reads_as_verb(verb) and _object_after(ctx, verb) is not None
    return verbal and not is_not_a_report(verb)


def _self_description(verb: Token) -> Token | None:
    """"s'est dit « profondément troublé »", "se dit « prête à … »": what a speaker says of themself is the
    attribute after a reflexive cue, whatever the parser calls it."""
    doc = verb.doc
    if cue_lemma(verb) not in SELF_DESCRIBING_LEMMAS or not any(
            t.lower_ in REFLEXIVE_PRONOUNS for t in doc[max(0, verb.i - 3):verb.i]):
        return None
    attribute = next((child for child in verb.children if child.i > verb.i and child.pos_ in (
        "ADJ", "NOUN", "VERB") and child.dep_ in SELF_DESCRIPTION_DEPS), None)
    # "s'est dit « convaincu » que …": the que clause is the report.
    following = doc[attribute.i + 1:attribute.i + 3] if attribute is not None else ()
    return None if any(t.lower_ in QUE for t in following) else attribute


def _sees_in(verb: Token) -> bool:
    """"Il y voit « un résumé de nos contradictions »", "voit dans ce phénomène « une révolution »": seeing
    something in a fact is judging it, a cue for the words it quotes (and only for those)."""
    return verb.pos_ == "VERB" and (verb.i > 0 and verb.doc[verb.i - 1].lower_ == SEEING_PRONOUN or any(
        child.dep_.startswith("obl") and any(case.lower_ == SEEING_PREPOSITION for case in child.children)
        for child in verb.children))


def _through_its_preposition(ctx: QuoteContext, verb: Token, fragment: MarkedSpan) -> bool:
    """A verb that reports only through its preposition reports nothing through a direct object: "appelle
    à « la retenue »", "invite le maire à « revoir sa copie »", but "qu'il appelle « la gang »" names."""
    lemma = cue_lemma(verb)
    if lemma not in OBJECT_CUE_LEMMAS or lemma not in CUE_PREPOSITIONS:
        return True
    prepositions = CUE_PREPOSITIONS[lemma]
    return any(t.lower_ in prepositions for t in ctx.doc[verb.i + 1:ctx.token_index_at(fragment.open_at) + 1])


def _last_joined_fragment(ctx: QuoteContext, fragment: MarkedSpan) -> MarkedSpan:
    """"une décision « politique » et « hostile à la liberté »": quoted words joined to the fragment by a
    conjunction are the same judgement; the last of them ends it."""
    for following in ctx.marks[ctx.marks.index(fragment) + 1:]:
        if ctx.text[fragment.end:following.open_at].strip() not in FRAGMENT_JOINERS:
            break
        fragment = following
    return fragment


def _object_end(ctx: QuoteContext, close: int, sentence: Span) -> int:
    """The last token of the phrase that holds a fragment closing at token `close`: up to the next comma or
    sentence end, before a relative, a gerund, a subordinate or a second verb ("… et réclame …")."""
    doc = ctx.doc
    end = close
    k = close + 1
    limit = min(sentence.end, close + 1 + ctx.settings.object_end_reach)  # linear on a run-on sentence
    while k < limit:
        token = doc[k]
        following = doc[k + 1] if k + 1 < len(doc) else token
        gerund = "Ger" in token.morph.get("VerbForm") or token.lower_ == GERUND_MARK and _present_participle(
            following)
        second_verb = token.lower_ in SECOND_VERB_CONJUNCTIONS and following.pos_ in ("VERB", "AUX")
        if token.text in OBJECT_END_MARKS or "\n" in token.text or token.lower_ in OBJECT_END_WORDS \
                or gerund or second_verb:
            break
        if token.text in OPENERS:  # a further fragment: its words are the speaker's, commas included
            mark = ctx.mark_at(token.idx)
            if mark is None or mark.close_at is None:
                break
            k = ctx.token_index_at(mark.close_at)
        end = k
        k += 1
    return end


def _present_participle(token: Token) -> bool:
    """"annonçant" after "en": the tagger gives gerunds as participles as often as not."""
    return token.pos_ in ("VERB", "AUX") and ("Ger" in token.morph.get("VerbForm")
                                               or token.lower_.endswith(PRESENT_PARTICIPLE_ENDING))


def _judged_mixed(ctx: QuoteContext, verb: Token) -> Candidate | None:
    """Elle a jugé la décision « historique »: a cue whose object holds a short quoted fragment."""
    doc, text = ctx.doc, ctx.text
    sentence = ctx.sentences.of(verb)
    obj = next((c for c in verb.children if c.dep_ in ("obj", "xcomp") and c.i > verb.i), None)
    obj = obj or _prepositional_object(verb) or _object_after(ctx, verb) or _self_description(verb)
    if obj is None:
        return None
    start = max(obj.left_edge.i, verb.i + 1)
    while (doc[start].dep_ == "case" or doc[start].dep_ == "mark" and doc[start].lower_ in INFINITIVE_MARKS) \
            and start < obj.i:
        start += 1  # "s'inquiète d'une « confusion croissante »", "promet de …": the preposition is the cue's
    if start > 0 and doc[start - 1].text in OPENERS:
        start -= 1  # "a salué « un signal attendu »": the whole object is quoted
    start_char = doc[start].idx
    sentence_end = sentence.end_char
    fragment = next((m for m in ctx.marks if start_char <= m.open_at < sentence_end and not m.unclosed
                     and m.open_at - start_char < ctx.settings.fragment_reach_chars), None)
    if fragment is None:
        return None
    # "ce que m'a dit la psychologue : « … »" introduces a direct quote; in "publié une heure plus tôt,
    # car il n'a reçu « que » …" the object ends at the comma, before the fragment.
    lead = text[start_char:fragment.open_at]
    if COLON in lead or COMMA in lead or not _through_its_preposition(ctx, verb, fragment):
        return None
    # The reported words run to the end of the phrase that holds the last fragment ("un outil « devenu
    # indispensable » pour …", GUIDELINES 3.1 point 4).
    end_token = _object_end(ctx, ctx.token_index_at(_last_joined_fragment(ctx, fragment).close_at), sentence)
    result = clause_quote(ctx, Clause(start, end_token + 1, "mixed", verb=verb))
    if result is None or ctx.marks.index(fragment) not in result[1]:
        return None  # "explique sa démarche :\n\n« … »": the quote is direct, the object no report
    return result


def _source_quote(ctx: QuoteContext, token: Token) -> Candidate | None:
    """Selon le rapport, … / …, d'après un proche. / Pour l'économiste, …"""
    doc = ctx.doc
    sentence = ctx.sentences.of(token)
    head = token.head
    if token.lower_ == SOURCE_AFTER_ELISION:
        if token.i == 0 or doc[token.i - 1].lower_ != ELIDED_DE:
            return None
        introducer = doc[token.i - 1: token.i + 1]
        head = doc[token.i - 1].head
    else:
        introducer = doc[token.i: token.i + 1]
        if token.i + 1 < sentence.end and doc[token.i + 1].lower_ in SOURCE_RELATIVES:
            return _source_in_relative(ctx, token, sentence)
    if head.pos_ not in ("NOUN", "PROPN", "PRON") or head.i <= token.i or head.lower_ in NOT_SOURCE_NOUNS:
        return None
    if token.lower_ == OPINION_INTRODUCER and not (is_opinion_holder(head)
                                                   or head.lower_ in OPINION_HOLDER_PRONOUNS):
        return None
    paragraph_start = ctx.text.rfind("\n", 0, introducer.start_char) + 1
    at_start = introducer.start == sentence.start or not ctx.text[
        paragraph_start:introducer.start_char].strip(LEAD_MARKS)
    if at_start:
        return _source_before_clause(ctx, introducer, sentence)
    # "…, selon X." / "…, d'après X."; a "pour" inside a sentence is almost never a source ("un espace
    # de soutien, pour certains jeunes isolés").
    if introducer.start > sentence.start and doc[introducer.start - 1].text == COMMA \
            and token.lower_ != OPINION_INTRODUCER:
        return _source_after_clause(ctx, introducer, sentence)
    return None


def _source_in_relative(ctx: QuoteContext, token: Token, sentence: Span) -> Candidate | None:
    """"…, estime l'épidémiologiste, pour qui la décrue sera « lente »", "le ministère, selon lequel …": the
    clause after the relative, reported by the noun phrase before the comma."""
    source = antecedent_before_comma(token, ctx.settings)
    if not source:
        return None
    return clause_quote(ctx, Clause(token.i + 2, sentence.end, "selon", speaker_tokens=tuple(source),
                                    cue=token.text))


def _source_before_clause(ctx: QuoteContext, introducer: Span, sentence: Span) -> Candidate | None:
    """"Selon X, …": the source runs to the comma that closes its phrase (appositions included)."""
    doc = ctx.doc
    commas = [t.i for t in doc[introducer.end: sentence.end] if t.text == COMMA]
    if not commas:
        return None
    # Not the parser's extent of the source (it often hangs the reported clause under the source's
    # noun): the first comma, or a later one past appositions ("Selon X, sociologue à Y, …").
    k = 0
    while k + 1 < len(commas) and _is_apposition(doc[commas[k] + 1: commas[k + 1]]):
        k += 1
    comma = commas[k]
    source = tuple(doc[introducer.end: comma])
    return clause_quote(ctx, Clause(comma + 1, sentence.end, "selon", speaker_tokens=source,
                                    cue=introducer.text))


def _source_after_clause(ctx: QuoteContext, introducer: Span, sentence: Span) -> Candidate | None:
    """"…, selon X." / "…, d'après X.": the clause before the source."""
    doc = ctx.doc
    # The parser's sentence may run over a full stop or a paragraph break.
    end = next((t.i for t in doc[introducer.end: sentence.end] if t.text in SENTENCE_END_MARKS
                or "\n" in t.text), sentence.end)
    source = tuple(t for t in doc[introducer.end: end] if not t.is_punct)
    closing = next((t.i for t in doc[introducer.end: end] if t.text == COMMA), None)
    if closing is not None:
        before = doc[introducer.start - 2] if introducer.start > 1 else None
        unfinished = before is not None and before.pos_ in UNFINISHED_CLAUSE_POS
        if unfinished or _continues_the_clause(doc[closing + 1: end]):
            # "Ces groupes ont, selon ses observations, une fonction …", "Une interdiction, selon
            # elle, risquerait …": an aside inside the clause, the part before it no clause.
            return None
        source = tuple(doc[introducer.end: closing])
    return clause_quote(ctx, Clause(sentence.start, introducer.start - 1, "selon", speaker_tokens=source,
                                    cue=introducer.text, before_cue=True))


def _is_apposition(span: Span) -> bool:
    """'sociologue à l'université', 'la présidente du syndicat', 'de l'université de Genève' (a complement
    cut by a comma), 'qui a étudié …': a phrase about the source, with no finite verb of its own outside
    a relative clause ("avocate spécialisée dans …" has a participle)."""
    if not len(span):
        return False
    first = span[0]
    second = span[1] if len(span) > 1 else first
    if not (is_human_noun(first) or first.lower_ in DE_FORMS or first.lower_ == SUBJECT_RELATIVE
            or first.pos_ == "DET" and is_human_noun(second)):
        return False
    for token in span:
        if token.lower_ in RELATIVE_PRONOUNS:
            return True
        if token.pos_ in ("VERB", "AUX") and "Part" not in token.morph.get("VerbForm"):
            return False
    return True


def _continues_the_clause(span: Span) -> bool:
    """What follows an aside holds the rest of the clause: a finite verb before any relative pronoun
    ("…, selon X, menée auprès de 6 200 élèves." has none)."""
    for token in span:
        if token.lower_ in RELATIVE_PRONOUNS:
            return False
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return True
    return False
