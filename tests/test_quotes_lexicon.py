"""The lexicon's tables: every entry lowercase, unique, and able to match a token of the pipeline's
tokenizer (an entry the tokenizer always splits, or written with capitals and compared with lowercased
text, would never match)."""

from __future__ import annotations

from collections import Counter

import pytest

from veille.nlp.quotes.lexicon import closed_class, cues, marks, naming, people

WORD_TABLES = {
    "ROLE_NOUNS": people.ROLE_NOUNS,
    "GROUP_WORDS": people.GROUP_WORDS,
    "INDEFINITE_SPEAKERS": people.INDEFINITE_SPEAKERS,
    "PEOPLE_NOUNS": people.PEOPLE_NOUNS,
    "KINSHIP_GENDER": people.KINSHIP_GENDER,
    "EPICENE_ROLE_NOUNS": people.EPICENE_ROLE_NOUNS,
    "INSTITUTION_NOUNS": people.INSTITUTION_NOUNS,
    "COLLECTIVE_NOUNS": people.COLLECTIVE_NOUNS,
    "ONE_PERSON_NOUNS": people.ONE_PERSON_NOUNS,
    "FIXED_GENDER_NOUNS": people.FIXED_GENDER_NOUNS,
    "PEOPLE_NOUN_GENDER": people.PEOPLE_NOUN_GENDER,
    "PLURAL_DETERMINERS": closed_class.PLURAL_DETERMINERS,
    "SINGULAR_DETERMINERS": closed_class.SINGULAR_DETERMINERS,
    "SKIPPED_BEFORE_SPEAKER": people.SKIPPED_BEFORE_SPEAKER,
    "CUE_FORMS": cues.CUE_FORMS,
    "MULTIWORD_LAST_WORDS": cues.MULTIWORD_LAST_WORDS,
    "SOURCE_INTRODUCERS": cues.SOURCE_INTRODUCERS,
    "SOURCE_OPENERS_AFTER_QUOTE": cues.SOURCE_OPENERS_AFTER_QUOTE,
    "DETERMINER_GENDER": closed_class.DETERMINER_GENDER,
    "DEFINITE": closed_class.DEFINITE,
    "PRONOUN_GENDER": closed_class.PRONOUN_GENDER,
    "SUBJECT_CLITICS": closed_class.SUBJECT_CLITICS,
    "FIRST_PERSON": closed_class.FIRST_PERSON,
    "PREVERBAL_CLITICS": closed_class.PREVERBAL_CLITICS,
    "BEFORE_INCISE_VERB": closed_class.BEFORE_INCISE_VERB,
    "RELATIVE_PRONOUNS": closed_class.RELATIVE_PRONOUNS,
    "SPEAKER_PHRASE_ENDS": closed_class.SPEAKER_PHRASE_ENDS,
    "SPEAKER_SEARCH_ENDS": closed_class.SPEAKER_SEARCH_ENDS,
    "NEGATIONS": closed_class.NEGATIONS,
    "OBJECT_PREPOSITIONS": closed_class.OBJECT_PREPOSITIONS,
    "PLACE_PREPOSITIONS": closed_class.PLACE_PREPOSITIONS,
    "ORG_PREPOSITIONS": closed_class.ORG_PREPOSITIONS,
    "IN_PREPOSITIONAL_OBJECT": closed_class.IN_PREPOSITIONAL_OBJECT,
}
# Tables of lemmas (compared with Token.lemma_): lowercase, one word.
LEMMA_TABLES = {
    "CUE_LEMMAS": cues.CUE_LEMMAS,
    "WEAK_CUE_LEMMAS": cues.WEAK_CUE_LEMMAS,
    "REPORT_FRAMING_LEMMAS": cues.REPORT_FRAMING_LEMMAS,
    "MODAL_LEMMAS": cues.MODAL_LEMMAS,
    "IMPERSONAL_LEMMAS": cues.IMPERSONAL_LEMMAS,
}


def _one_token(tokenizer, entry: str) -> bool:
    """An elided entry ("j'", "d'") is one token before a word, as it stands in a text."""
    if entry.endswith("'"):
        doc = tokenizer(entry + "avance")
        return doc[0].lower_ == entry
    if entry.startswith("-"):  # an inverted clitic: "-t-il"
        doc = tokenizer("dit" + entry)
        return len(doc) == 2 and doc[1].lower_ == entry
    doc = tokenizer(entry)
    return len(doc) == 1 and doc[0].lower_ == entry


@pytest.mark.parametrize("name", sorted(WORD_TABLES) + sorted(LEMMA_TABLES))
def test_every_entry_is_lowercase(name):
    table = {**WORD_TABLES, **LEMMA_TABLES}[name]
    assert [entry for entry in table if entry != entry.lower()] == []


@pytest.mark.parametrize("name", sorted(WORD_TABLES))
def test_every_word_entry_is_one_token_of_the_tokenizer(nlp, name):
    assert [entry for entry in WORD_TABLES[name] if not _one_token(nlp.tokenizer, entry)] == []


def test_naming_words_match_a_token_or_the_first_word_of_a_quote(nlp):
    # Compared with the token before the mark, and with the first space-separated word inside it.
    assert [entry for entry in naming.NAMING_WORDS if entry != entry.lower() or " " in entry] == []


def test_contrasting_phrases_are_as_many_tokens_as_the_rule_compares(nlp):
    assert {len(nlp.tokenizer(phrase)) for phrase in cues.CONTRASTING_PHRASES} == {
        cues.CONTRASTING_PHRASE_TOKENS
    }


def test_cues_are_one_entry_per_lemma_and_one_lemma_per_form():
    assert [lemma for lemma, n in Counter(cue.lemma for cue in cues.CUES).items() if n > 1] == []
    forms = [form for cue in cues.CUES for form in cue.forms]
    assert [form for form, n in Counter(forms).items() if n > 1] == []
    assert all(" " not in cue.lemma and cue.lemma == cue.lemma.lower() for cue in cues.CUES)


def test_a_cue_is_strong_or_weak_and_a_non_cue_only_frames_or_opens_a_multiword_cue():
    assert not cues.CUE_LEMMAS & cues.WEAK_CUE_LEMMAS
    for cue in cues.CUES:
        if not cue.alone:
            assert cue.frames_infinitive or cue.multiword_tail, cue


def test_marks_are_defined_once_and_agree():
    assert set(marks.OPENING_MARKS) <= marks.OPENERS
    assert all(
        marks.QUOTE_PAIRS[opener] == closer
        for opener, closer in zip(marks.OPENING_MARKS, marks.CLOSING_MARKS, strict=True)
    )


def test_one_determiner_gender_table_without_the_possessives_of_either_gender():
    assert not set(closed_class.DETERMINER_GENDER) & {"son", "ses", "leur", "l'", "les"}
    assert set(closed_class.DETERMINER_GENDER.values()) == {"Fem", "Masc"}
