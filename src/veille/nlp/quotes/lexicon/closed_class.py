"""Closed-class words: determiners with their gender, pronouns, relatives, negations, prepositions,
conjunctions and subordinators. One named entry per use; where two uses need different sets, the name says
what each means."""

from __future__ import annotations

# ---- determiners ------------------------------------------------------------------------------------
# The gender a determiner gives its noun. Not "son"/"ses"/"leur", which go before either gender ("son
# avocate"), nor "l'", "les".
DETERMINER_GENDER = {"la": "Fem", "une": "Fem", "sa": "Fem", "cette": "Fem",
                     "le": "Masc", "un": "Masc", "ce": "Masc", "cet": "Masc"}
# A role noun right after "cet" has never taken its gender from it: its ending decides ("cet avocat"), and
# one ending in e stays of unknown gender ("cet artiste"). Kept so that outputs stay as they were.
DETERMINERS_NOT_GIVING_A_ROLE_NOUN_GENDER = frozenset(("cet",))
DEFINITE_ARTICLES = frozenset(("le", "la", "l'", "les"))
PLURAL_DEFINITE_ARTICLE = "les"
INDEFINITE_ARTICLES = frozenset(("un", "une"))
# Determiners that say a speaker phrase names several people ("des habitants", "ces élus", "plusieurs").
PLURAL_DETERMINERS = frozenset(("les", "des", "ces", "ses", "leurs", "nos", "vos", "mes", "quelques",
                                "plusieurs", "certains", "certaines", "nombreux", "nombreuses"))
# … and those that say it names one ("l'ONG", which the tagger calls plural).
SINGULAR_DETERMINERS = frozenset(("le", "la", "l'", "un", "une", "son", "sa", "ce", "cet", "cette", "leur",
                                  "notre"))
POSSESSIVES = frozenset(("son", "sa", "ses", "leur", "notre"))
DEMONSTRATIVES = frozenset(("ce", "cet", "cette"))
# Determiners before a noun that takes up someone already known ("la ministre", "son porte-parole").
DEFINITE = DEFINITE_ARTICLES | POSSESSIVES | DEMONSTRATIVES
# The article an organisation's name is written with, dropped from the org ("la Commission").
ORG_ARTICLE_PREFIXES = ("la ", "l'", "le ")

# ---- pronouns ---------------------------------------------------------------------------------------
# The gender (and person) of the third-person pronouns a speaker may be: subject and disjunctive forms.
PRONOUN_GENDER = {"il": "Masc", "ils": "Masc", "elle": "Fem", "elles": "Fem", "lui": "Masc", "eux": "Masc"}
SUBJECT_CLITICS = frozenset(("il", "elle", "ils", "elles", "on"))
THIRD_PERSON_SUBJECTS = frozenset(("il", "elle", "ils", "elles"))
SINGULAR_THIRD_PERSON_SUBJECTS = frozenset(("il", "elle"))
PLURAL_PRONOUNS = frozenset(("ils", "elles", "eux"))
# "D'après lui, …": a disjunctive pronoun may take up a subject that was only a role.
DISJUNCTIVE_PRONOUNS = frozenset(("lui", "eux"))
# "Pour lui, …", "Pour elle, …": the opinion of the person taken up.
OPINION_HOLDER_PRONOUNS = frozenset(("lui", "elle"))
# The indefinite pronoun: "on" names nobody.
INDEFINITE_SUBJECT = "on"
# The writer's own statement ("je", "nous", "on" as "we"), not a report.
FIRST_PERSON = frozenset(("je", "j'", "nous", "on", "moi"))
# The euphonic "-t" of "a-t-il": no subject of its own.
EUPHONIC_T = "-t"
# "il y a", "il s'agit": il is impersonal before these.
IMPERSONAL_AFTER_IL = frozenset(("y", "s'"))
# Clitics between a subject and its verb: "Elle ne le juge pas", "il lui a dit".
PREVERBAL_CLITICS = frozenset(
    ("ne", "n'", "se", "s'", "l'", "le", "la", "les", "lui", "leur", "y", "en", "m'", "me", "nous", "vous"))
# At most this many clitics stand between a subject and its verb.
MAX_PREVERBAL_CLITICS = 3
# What may stand before an incise verb: a reflexive or object pronoun, a negation, the euphonic -t.
BEFORE_INCISE_VERB = frozenset(("s'", "se", "-t", "n'", "ne", "l'", "le", "y", "en"))
REFLEXIVE_PRONOUNS = frozenset(("s'", "se"))
# Before a cue verb, inside its verb group: "s'est félicitée", "a-t-il".
IN_CUE_GROUP = REFLEXIVE_PRONOUNS | {EUPHONIC_T}

# ---- relatives and subordinators --------------------------------------------------------------------
RELATIVE_PRONOUNS = frozenset(("qui", "que", "qu'", "dont", "où"))
SUBJECT_RELATIVE = "qui"
# A relative right after a noun restricts it and stays in its phrase ("un magistrat qui l'a jugée"); after
# anything else these end the phrase.
PHRASE_ENDING_RELATIVES = frozenset(("qui", "dont"))
# After a closing mark and a comma: the writer's gloss on the quoted words ("« … », qui n'est ni …"); "que"
# there more often opens a clause of the sentence than a relative.
GLOSS_RELATIVES = frozenset(("qui", "dont", "où"))
# What ends a noun phrase cut short before its apposition's comma.
APPOSITION_ENDING_RELATIVES = frozenset(("qui", "que", "dont"))
# What ends the search for a named speaker after an incise verb: a relative or a time clause.
SPEAKER_SEARCH_ENDS = frozenset(("qui", "que", "dont", "lorsque", "quand"))
# What ends a speaker's noun phrase after an incise verb: a relative, a time or place complement.
SPEAKER_PHRASE_ENDS = frozenset(
    ("qui", "que", "dont", "lors", "avant", "après", "devant", "en", "dans", "sur",
     # "…, a annoncé la société mardi", "a indiqué la préfecture hier soir"
     "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui"))
QUE = frozenset(("que", "qu'", "qu"))  # "qu" + "'": the tokenizer splits "qu'«"
# Conjunctions that open a second verb of the reporter ("… et a promis de …", "…, mais reconnaît que …").
SECOND_VERB_CONJUNCTIONS = frozenset(("et", "mais"))

# ---- after a comma inside a reported clause: the writer's comment -------------------------------------
# "alors que", "tout en": the first word, then the words that may follow it.
CONTRAST_OPENERS = frozenset(("alors", "tout"))
CONTRAST_FOLLOWERS = frozenset(("que", "qu'", "en"))
CONCESSION_OPENER = "même"
CONCESSION_FOLLOWERS = frozenset(("si", "s'"))
# "grâce à …", "signe que …".
COMMENT_OPENERS = frozenset(("grâce", "signe"))
# "à condition que".
CONDITION_OPENER = ("à", "condition")
GERUND_MARK = "en"
PRESENT_PARTICIPLE_ENDING = "ant"
# After the quoted words of a cue's object, these open a clause of the writer's: the object ends before them
# (a relative, a subordinate, a source).
OBJECT_END_WORDS = frozenset(("qui", "que", "qu'", "dont", "où", "si", "selon", "alors", "tandis", "lorsque",
                              "quand", "avant", "afin", "car", "puisque", "parce"))
# The marks of an infinitive that belong to the cue ("promet de …", "appelle à …").
INFINITIVE_MARKS = frozenset(("de", "d'", "à"))
# The partitive/plural "des" opens the next item of a list, not an apposition.
PLURAL_INDEFINITE = "des"

# ---- negations --------------------------------------------------------------------------------------
NEGATIONS = frozenset(("pas", "jamais", "plus", "guère", "point"))

# ---- prepositions -----------------------------------------------------------------------------------
DE_FORMS = frozenset(("de", "du", "des", "d'"))
# "de" before a name: "la maire de Séné", "la skieuse de Verbier".
DE_BEFORE_NAME = frozenset(("de", "d'"))
# Inside the object of a preposition: "à l'AFP", "sur le site du journal".
IN_PREPOSITIONAL_OBJECT = DE_FORMS | {"l'"}
# The prepositions that open a cue's object ("s'inquiéter de", "mettre en garde contre").
OBJECT_PREPOSITIONS = frozenset(("de", "d'", "du", "des", "contre"))
# Before a lone name, these make it a place ("une habitante de Felletin").
PLACE_PREPOSITIONS = frozenset(("à", "au", "aux", "en", "de", "d'", "du", "des", "sur"))
# Between a title and an organisation: "rédacteur en chef chez Defence IQ", "directrice de l'Unicef".
ORG_PREPOSITIONS = frozenset(("de", "du", "des", "chez", "à", "au", "d'"))
# "voit dans ce phénomène « … »", "il y voit « … »".
SEEING_PREPOSITION = "dans"
SEEING_PRONOUN = "y"
# "Interrogée par Vélo Wallonie": the agent of an interview participle.
AGENT_PREPOSITION = "par"
# "l'" and "d'" before the first word of a speaker phrase ("l'un d'eux").
ELIDED_ARTICLES = frozenset(("l'", "d'"))
# "plusieurs d'entre eux", "un des élus": an indefinite followed by its group.
PARTITIVE_DE = frozenset(("de", "d'", "des"))
# "la joueuse de 27 ans": an age, not a complement.
YEARS = "ans"
