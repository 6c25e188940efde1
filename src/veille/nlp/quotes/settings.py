"""The extractor's thresholds, one named setting each. They are the `veille_quotes` factory's config (saved
with the pipeline's config.cfg) and reach the rules through `QuoteContext.settings`. Distances are in tokens
unless the name says chars or words."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class QuoteSettings:
    # ---- direct quotes ----
    # A quoted string shorter than this, with no attribution, is a scare quote or a name.
    min_direct_words: int = 4
    # An attributed quote needs at least this many words.
    min_attributed_words: int = 2
    # An unattributed quote that is not a finished sentence must be at least this long to count.
    unattributed_min_words: int = 10
    # How far back the narration's last subject is looked for before an unattributed quote.
    recent_subject_reach: int = 30
    # How many tokens after a closing mark a source introducer ("selon", "d'après") may stand.
    source_reach: int = 5
    # How far after a closing mark the incise's sentence may run.
    incise_sentence_reach: int = 25
    # How many tokens an incise verb may stand after its comma (auxiliaries, clitics before it).
    incise_verb_reach: int = 4
    # How far after an incise verb inside a quote the comma that ends the incise may stand.
    incise_inside_reach: int = 9
    # After a dash or parenthesis following a quote, the speaker's words end before this offset.
    dash_reach: int = 8
    # "Pour elle, « … »": the whole lead before the mark is at most this many tokens.
    lead_source_max_tokens: int = 6
    # A lead with more commas than this after its cue is no introduction of the quote.
    lead_max_commas: int = 1
    # ---- indirect and mixed quotes ----
    # How many adverbs may stand between a cue and its "que" ("estime pourtant aussi que").
    que_adverb_reach: int = 2
    # How many words of the cue's complements may stand before a "que" ("a expliqué à l'AFP que").
    que_complement_reach: int = 7
    # How far after a cue the noun of an object it did not get from the parser may stand.
    object_reach: int = 4
    # How many tokens after its last quoted fragment a cue's object may run on.
    object_end_reach: int = 40
    # How many chars after the start of a cue's object its quoted fragment may open.
    fragment_reach_chars: int = 60
    # A comma opening the writer's comment counts from this many tokens into the clause.
    comment_min_offset: int = 3
    # A reported clause has at least this many tokens.
    min_clause_tokens: int = 3
    # A clause cut at a paragraph break keeps at least this many chars.
    min_clause_chars: int = 10
    # A clause ending this close before a closing mark runs to the mark.
    mark_overhang_chars: int = 3
    # ---- speakers ----
    # How far back the comma before a relative clause set after the subject may stand.
    relative_clause_reach: int = 20
    # How many verbs up (participle, gerund, framing verb) a cue's subject is looked for.
    subject_hops: int = 2
    # The longest phrase taken as a speaker.
    max_speaker_tokens: int = 9
    # How far back the subject a pronoun takes up is looked for.
    subject_reach: int = 60
    # How far back the tokens of a pronoun placed after its quote are searched for the quote's offset.
    pronoun_anchor_reach: int = 200
    # How far after a name the pronoun that takes it up is looked for.
    pronoun_reach: int = 40
    # How far before a name a role noun gives it a role.
    role_window: int = 6
    # How far around a name a role noun gives it its gender.
    role_gender_reach: int = 3
    # An apposition after a name ("X, rédacteur en chef chez Y,") ends before this offset after the comma.
    apposition_title_reach: int = 14
    # How far after a speaker phrase the comma of a name in apposition may stand.
    apposition_reach: int = 12
    # How many tokens after that comma the apposed name may start.
    apposed_name_reach: int = 3
    # How far before a description of an organisation ("l'entreprise") the organisation it takes up is named,
    # in chars.
    organisation_description_reach: int = 600
    # How many capitalised words NER left out may be added to the end of a name.
    name_extension_words: int = 2

    def to_config(self) -> dict[str, int]:
        return asdict(self)
