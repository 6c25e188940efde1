"""Reporting verbs (cues) and the verbs around them, as ONE table of entries.

Adding a cue verb is adding one `Cue` line to `CUES`; the sets the rules read are derived from it below.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """A verb that reports (or frames a report), by its lemma.

    forms: inflected forms spaCy's lemmatizer misses (it tags them nouns or adjectives); matched on the
        token's lowercase text, so each form must be one token ("s'exclame" is two).
    reflexive: used with "se" ("s'indigner"); its object comes through a preposition ("s'inquiète d'une …").
    weak: a reported thought rather than words ("il pense que"): never a cue for an indirect quote alone.
    multiword_tail: words that, right after this verb (or one word later), make a multi-word cue ("faire
        valoir", "mettre en garde"); the last word of such a cue is a cue token.
    frames_infinitive: frames a report its own subject makes through an infinitive ("se contenter de
        rappeler que", "tenir à préciser que").
    alone: the lemma on its own is a cue; False for verbs that report only with their tail ("faire") or
        only frame another cue ("se borner à").
    object_only: reports only through an object that holds quoted words ("évoque une situation
        « intenable »", "appelle à « la retenue »"): a mixed quote, never a que clause nor an incise.
    prepositions: the prepositions that open the object it reports ("appeler à", "plaider pour").
    """

    lemma: str
    forms: tuple[str, ...] = ()
    reflexive: bool = False
    weak: bool = False
    multiword_tail: tuple[str, ...] = ()
    frames_infinitive: bool = False
    alone: bool = True
    object_only: bool = False
    prepositions: tuple[str, ...] = ()


def _plain(lemmas: str) -> tuple[Cue, ...]:
    return tuple(Cue(lemma) for lemma in lemmas.split())


CUES: tuple[Cue, ...] = (
    Cue("dire", forms=("dit", "dis", "disent"), multiword_tail=("convaincu",)),
    Cue("déclarer", forms=("déclare",)),
    Cue("affirmer", forms=("affirme",)),
    Cue("assurer", forms=("assure",)),
    Cue("ajouter", forms=("ajoute",)),
    Cue("expliquer", forms=("explique",)),
    Cue("préciser", forms=("précise",)),
    Cue("indiquer", forms=("indique",)),
    Cue("souligner", forms=("souligne",)),
    Cue("rappeler", forms=("rappelle",)),
    Cue("estimer", forms=("estime",)),
    Cue("juger", forms=("juge",)),
    Cue("confier", forms=("confie",)),
    Cue("raconter", forms=("raconte",)),
    Cue("répondre", forms=("répond",)),
    Cue("répliquer", forms=("réplique",)),
    Cue("rétorquer", forms=("rétorque",)),
    Cue("poursuivre", forms=("poursuit",)),
    Cue("conclure", forms=("conclut",)),
    Cue("insister", forms=("insiste",)),
    Cue("marteler", forms=("martèle",)),
    Cue("avancer", forms=("avance",)),
    Cue("lancer", forms=("lance",)),
    Cue("glisser", forms=("glisse",)),
    Cue("souffler", forms=("souffle",)),
    Cue("lâcher", forms=("lâche",)),
    Cue("trancher", forms=("tranche",)),
    Cue("tacler", forms=("tacle",)),
    Cue("fustiger", forms=("fustige",)),
    Cue("dénoncer", forms=("dénonce",)),
    Cue("déplorer", forms=("déplore",)),
    Cue("regretter", forms=("regrette",)),
    Cue("ironiser", forms=("ironise",)),
    Cue("plaider", forms=("plaide",), prepositions=("pour", "en")),
    Cue("renchérir", forms=("renchérit",)),
    Cue("abonder", forms=("abonde",)),
    Cue("enchaîner", forms=("enchaîne",)),
    Cue("réagir", forms=("réagit",)),
    Cue("démentir", forms=("dément",)),
    Cue("nier", forms=("nie",)),
    Cue("contester", forms=("conteste",)),
    Cue("objecter", forms=("objecte",)),
    Cue("protester", forms=("proteste",)),
    Cue("résumer", forms=("résume",)),
    Cue("détailler", forms=("détaille",)),
    Cue("nuancer", forms=("nuance",)),
    Cue("prévenir", forms=("prévient",)),
    Cue("avertir", forms=("avertit",)),
    Cue("alerter", forms=("alerte",)),
    Cue("promettre", forms=("promet",)),
    Cue("jurer", forms=("jure",)),
    Cue("témoigner", forms=("témoigne",)),
    Cue("observer", forms=("observe",)),
    Cue("relever", forms=("relève",)),
    Cue("constater", forms=("constate",)),
    Cue("commenter", forms=("commente",)),
    Cue("noter", forms=("note",)),
    Cue("admettre", forms=("admet",)),
    Cue("avouer", forms=("avoue",)),
    Cue("reconnaître", forms=("reconnaît",)),
    Cue("concéder", forms=("concède",)),
    Cue("confirmer", forms=("confirme",)),
    Cue("annoncer", forms=("annonce",)),
    Cue("révéler", forms=("révèle",)),
    Cue("saluer", forms=("salue",)),
    Cue("soutenir", forms=("soutient",)),
    Cue("défendre", forms=("défend",)),
    Cue("tonner", forms=("tonne",)),
    Cue("clamer", forms=("clame",)),
    Cue("écrire", forms=("écrit",)),
    # Reflexive cues: "s'indigner", "se féliciter d'une …".
    Cue("indigner", reflexive=True),
    Cue("insurger", reflexive=True),
    Cue("alarmer", reflexive=True),
    Cue("inquiéter", reflexive=True),
    Cue("étonner", reflexive=True),
    Cue("féliciter", reflexive=True),
    Cue("réjouir", reflexive=True),
    Cue("exclamer", reflexive=True),
    Cue("interroger", reflexive=True),
    # Cues whose forms the lemmatizer always gets.
    *_plain("""
        analyser argumenter assener asséner certifier claironner considérer espérer exiger mentionner poster
        proposer prédire publier qualifier raisonner recommander redire reprendre réfuter répéter signaler
        souhaiter tweeter
    """),
    # The lemmatizer keeps these present forms as they are.
    Cue("réclamer", forms=("réclame",)),
    Cue("demander", forms=("demande",)),
    Cue("critiquer", forms=("critique",)),
    Cue("suggérer", forms=("suggère",)),
    # Verbs that report only through an object holding quoted words (GUIDELINES 3.1, point 4).
    *(Cue(lemma, object_only=True) for lemma in
      "évoquer décrire citer condamner exprimer invoquer préconiser relater réitérer remercier".split()),
    Cue("revendiquer", forms=("revendique",), object_only=True),
    Cue("reprocher", forms=("reproche",), object_only=True),
    Cue("vanter", forms=("vante",), object_only=True),
    Cue("prôner", forms=("prône",), object_only=True),
    Cue("redouter", forms=("redoute",), object_only=True),
    Cue("présenter", forms=("présente",), object_only=True),
    Cue("appeler", object_only=True, prepositions=("à", "au", "aux")),
    Cue("inviter", forms=("invite",), object_only=True, prepositions=("à", "au", "aux")),
    Cue("exhorter", object_only=True, prepositions=("à", "au", "aux")),
    Cue("inciter", object_only=True, prepositions=("à", "au", "aux")),
    Cue("engager", object_only=True, reflexive=True, prepositions=("à",)),
    Cue("accuser", object_only=True, prepositions=("de", "d'")),
    Cue("conseiller", object_only=True, prepositions=("de", "d'")),
    Cue("parler", object_only=True, prepositions=("de", "d'", "du", "des")),
    # spaCy lemmatizes some forms of "marteler" as "martel".
    Cue("martel"),
    # Weak cues: thoughts rather than words.
    *(Cue(lemma, weak=True) for lemma in "penser croire trouver savoir vouloir craindre".split()),
    # Verbs that are cues only with the word that follows them.
    Cue("faire", multiword_tail=("valoir", "savoir", "remarquer", "observer", "état", "part"), alone=False),
    Cue("laisser", multiword_tail=("entendre",), alone=False),
    Cue("mettre", multiword_tail=("garde", "avant"), alone=False),
    Cue("tenir", multiword_tail=("préciser",), frames_infinitive=True, alone=False),
    # Verbs that frame a report made by their own subject through an infinitive ("se contenter de rappeler",
    # "se borner à indiquer", "tenir à préciser"); not "se garder de conclure", "il s'agit de reconnaître".
    *(Cue(lemma, frames_infinitive=True, alone=False)
      for lemma in "contenter borner limiter empresser".split()),
)

# ---- derived from CUES: what the rules read ------------------------------------------------------------
CUE_LEMMAS = frozenset(cue.lemma for cue in CUES if cue.alone and not cue.weak and not cue.object_only)
OBJECT_CUE_LEMMAS = frozenset(cue.lemma for cue in CUES if cue.object_only)
OBJECT_CUE_FORMS = frozenset(form for cue in CUES if cue.object_only for form in cue.forms)
# The lemma of a form the lemmatizer misses ("réclame" -> "réclamer").
FORM_LEMMAS = {form: cue.lemma for cue in CUES for form in cue.forms}
# The prepositions that open the reported object of a cue ("appeler à", "plaider pour").
CUE_PREPOSITIONS = {cue.lemma: frozenset(cue.prepositions) for cue in CUES if cue.prepositions}
WEAK_CUE_LEMMAS = frozenset(cue.lemma for cue in CUES if cue.weak)
REFLEXIVE_CUE_LEMMAS = frozenset(cue.lemma for cue in CUES if cue.reflexive)
# Multi-word cues: the verb's lemma and the word that must follow it.
MULTIWORD_CUES = frozenset((cue.lemma, tail) for cue in CUES for tail in cue.multiword_tail)
MULTIWORD_LAST_WORDS = frozenset(tail for cue in CUES for tail in cue.multiword_tail)
CUE_FORMS = frozenset(form for cue in CUES if not cue.object_only for form in cue.forms)
REPORT_FRAMING_LEMMAS = frozenset(cue.lemma for cue in CUES if cue.frames_infinitive)

# Cues that, in a simple tense after a comma with a noun phrase after them, are more often a second verb and
# its object ("Elle se lève, salue le patron du café") than an incise ("…, indique la préfecture").
OBJECT_FIRST_CUE_LEMMAS = frozenset(
    "saluer soutenir défendre critiquer demander proposer réclamer exiger recommander publier poster "
    "souhaiter qualifier considérer analyser lancer".split())

# ---- verbs around a cue ------------------------------------------------------------------------------
# A cue under one of these is not (yet) said: "va annoncer", "doit préciser", "refuse de commenter".
MODAL_LEMMAS = frozenset(("aller", "devoir", "pouvoir", "vouloir", "compter", "refuser"))
# A cue under one of these is a declined comment: "n'a pas souhaité commenter".
DECLINE_LEMMAS = frozenset(("souhaiter", "vouloir", "refuser"))
NOT_A_REPORT_HEAD_LEMMAS = MODAL_LEMMAS | DECLINE_LEMMAS
# The near future: "il va annoncer".
FUTURE_AUXILIARY_LEMMA = "aller"
# The auxiliaries of a compound past ("a promis", "est allée").
PAST_AUXILIARY_LEMMAS = frozenset(("avoir", "être"))
# Reflexive cues whose attribute is what the speaker says of themself: "s'est dit « troublé »", "se déclare
# « prête »".
SELF_DESCRIBING_LEMMAS = frozenset(("dire", "déclarer", "montrer", "affirmer", "estimer", "juger"))
# Seeing something in a fact is judging it: "Il y voit « un résumé de nos contradictions »".
SEEING_LEMMA = "voir"
# Verbs whose subject il/elle stands for nothing: "il faut", "il s'agit", "il reste".
IMPERSONAL_LEMMAS = frozenset(("falloir", "sembler", "paraître", "agir", "rester", "exister", "pleuvoir"))

# ---- between a cue and its que clause ----------------------------------------------------------------
# Set phrases a reporter puts between a cue and its que clause to contrast one side with another.
CONTRASTING_PHRASES = frozenset(
    ("de son côté", "de leur côté", "pour sa part", "pour leur part", "à son tour", "à leur tour"))
# Every contrasting phrase is three tokens long: the rule compares the next three words.
CONTRASTING_PHRASE_TOKENS = 3

# ---- source introducers ------------------------------------------------------------------------------
# "Selon X, …", "…, d'après X" ("d'après" is tokenized d' + après): always a source before a noun phrase.
SOURCE_HEADS = frozenset(("selon", "après"))
# "Selon le principe …", "selon la loi", "selon le calendrier": no speaker cited, no quote (GUIDELINES 3.1).
NOT_SOURCE_NOUNS = frozenset("""
principe principes loi lois calendrier règle règles règlement scénario scénarios hypothèse méthode formule
barème logique définition critère critères norme normes schéma
""".split())
# "Pour X, …": a source only when X holds an opinion (one person).
OPINION_INTRODUCER = "pour"
# "…, pour qui …", "…, selon lequel …": before a relative pronoun, a source introducer reports the clause
# after it.
SOURCE_RELATIVES = frozenset(("qui", "lequel", "laquelle", "lesquels", "lesquelles"))
# The prepositions that make a noun a source at the start of a clause ("Selon Anne Roy, …").
SOURCE_INTRODUCERS = SOURCE_HEADS | {OPINION_INTRODUCER}
# "d'après": the elided "de" before "après".
ELIDED_DE = "d'"
SOURCE_AFTER_ELISION = "après"
# After a closing mark: "« … », selon X" / "« … », d'après X" / "« … », pour X".
SOURCE_OPENERS_AFTER_QUOTE = frozenset(("selon", ELIDED_DE, OPINION_INTRODUCER))
# Before an opening mark, the first word of a short lead: "Pour elle, « … »", "Selon lui, « … »" ("D'après
# lui, « … »" opens with d' and is not taken).
SOURCE_OPENERS_BEFORE_QUOTE = frozenset((OPINION_INTRODUCER, "selon"))
