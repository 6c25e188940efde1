"""Words for people: role nouns, group nouns, nouns for anyone, kinship nouns, titles, and the endings of
nouns for people."""

# Role nouns that can stand for a speaker named earlier ("la ministre", "le président").
ROLE_NOUNS = frozenset("""
ministre président présidente maire directeur directrice porte-parole secrétaire député députée
sénateur sénatrice juge procureur procureure avocat avocate élu élue chef cheffe responsable
patron patronne fondateur fondatrice dirigeant dirigeante syndicaliste militant militante chercheur
chercheuse professeur professeure médecin docteur expert experte entraîneur entraîneuse joueur joueuse
capitaine auteur autrice écrivain écrivaine réalisateur réalisatrice artiste chanteur chanteuse
commissaire général générale colonel commandant préfet préfète gouverneur gouverneure conseiller
conseillère bourgmestre échevin échevine syndic sociologue économiste analyste spécialiste coordinateur
coordinatrice délégué déléguée représentant représentante administrateur administratrice rédacteur
rédactrice journaliste enseignant enseignante recteur rectrice doyen doyenne
candidat candidate premier première chancelier chancelière ambassadeur ambassadrice
infirmier infirmière pédiatre psychologue psychiatre épidémiologiste virologue historien historienne
politologue juriste magistrat magistrate policier policière officier gendarme agriculteur agricultrice
éleveur éleveuse commerçant commerçante habitant habitante riverain riveraine étudiant étudiante élève
parent mère père vice-président vice-présidente
cardinal évêque archevêque pape imam prêtre curé pasteur rabbin coach sélectionneur sélectionneuse
manager arbitre nageur nageuse athlète pilote coureur coureuse cycliste skieur skieuse boxeur boxeuse
comédien comédienne acteur actrice cinéaste romancier romancière philosophe photographe architecte
ingénieur ingénieure entrepreneur entrepreneuse vice-ministre prévenu prévenue
""".split())
# Nouns for a body or a document that speaks ("le syndicat", "le rapport", "les proches").
GROUP_WORDS = frozenset("""
rapport étude communiqué syndicat syndicats gouvernement ministère préfecture mairie police parquet
association entreprise société groupe collectif sondage enquête document note source sources
proche proches entourage opposition majorité organisateurs autorités experts chercheurs habitants
porte-parole témoins parents enseignants médecins élus internautes utilisateurs plateforme direction
défense service équipe unité centre autorité commission agence cellule brigade assemblée municipalité
université école académie parlement département établissement collège lycée juridiction instance
""".split())
# ---- kinds of speakers (speaker_kind, speakers/kinds.py) ----------------------------------------------
# A speaker phrase headed by one of these names a body or a document: an organisation ("le ministère",
# "la préfecture", "le rapport"); several of them ("les syndicats") are a group.
INSTITUTION_NOUNS = frozenset("""
rapport étude communiqué syndicat gouvernement ministère préfecture mairie police parquet association
entreprise société groupe collectif sondage enquête document note plateforme direction service unité
centre autorité commission agence cellule brigade assemblée municipalité université école académie
parlement département établissement collège lycée juridiction instance tribunal cour conseil fédération
ligue parti club hôpital rectorat gendarmerie armée ong fondation institut observatoire banque compagnie
comité office réseau communauté région ville commune état cabinet administration inspection délégation
organisation bureau accusation maison justice
""".split())
# Nouns a paper uses to take up an organisation it has named ("Valdorix … assure l'entreprise", "le club
# breton", "le fabricant lyonnais"): as a speaker, the organisation named last before them.
ORGANISATION_DESCRIPTION_NOUNS = frozenset("""
entreprise société groupe firme compagnie organisation organisme agence autorité association syndicat
fédération club plateforme établissement institut instance structure centrale constructeur opérateur géant
fabricant laboratoire enseigne banque assureur régulateur institution office fondation ong
""".split())
# Singular nouns for several people: a group ("l'entourage du ministre", "la défense de l'accusé").
COLLECTIVE_NOUNS = frozenset("entourage opposition majorité équipe défense famille public foule".split())
# Nouns for one unnamed person besides the role nouns: "une source proche du dossier", "un témoin".
ONE_PERSON_NOUNS = frozenset("""
source proche témoin victime voisin voisine passant passante ami amie collègue camarade client cliente
patient patiente
""".split())
# Of those, the ones whose grammatical gender is fixed, whoever they name: "une source" says nothing of the
# person's gender.
FIXED_GENDER_NOUNS = frozenset("source témoin victime".split())
# Nouns for anyone whose meaning gives their gender (their ending does not: "femme", "homme").
PEOPLE_NOUN_GENDER = {"homme": "Masc", "femme": "Fem", "garçon": "Masc", "fille": "Fem"}

# Indefinite pronouns that name an unnamed speaker among a group: "Certains estiment que …", "L'un d'eux a
# assuré que …", "Une de mes patientes m'a dit …".
INDEFINITE_SPEAKERS = frozenset("certains certaines plusieurs autres un une".split())
# Of those, the ones that are also determiners or adjectives: a speaker only when a group follows ("un
# des élus") or when they are not the phrase's first word.
INDEFINITES_NEEDING_A_GROUP = frozenset(("un", "une", "autres"))
# Nouns for anyone, which papers use for a witness they do not name ("Un homme d'une cinquantaine d'années").
PEOPLE_NOUNS = frozenset(("homme", "femme", "garçon", "fille", "adolescent", "adolescente", "retraité",
                          "retraitée"))
# Kinship nouns: their meaning, not their ending, gives their gender.
KINSHIP_GENDER = {"père": "Masc", "mère": "Fem", "fils": "Masc", "fille": "Fem", "frère": "Masc",
                  "sœur": "Fem", "mari": "Masc", "épouse": "Fem"}
# Role nouns not ending in e that French also uses, unchanged, for women.
EPICENE_ROLE_NOUNS = frozenset(("médecin", "chef", "pdg"))

# ---- titles (compared with the token's text, as written) ---------------------------------------------
# "Dre": docteure, as Quebec and Swiss papers write it.
FEMININE_TITLES = frozenset(("Mme", "Mmes", "Mlle", "Dre"))
MASCULINE_TITLES = frozenset(("M.", "MM."))

# ---- endings of nouns for people --------------------------------------------------------------------
# The broad test (is_human_noun): a noun ending like these names someone, unless it ends like a thing.
HUMAN_NOUN_SUFFIXES = ("eur", "euse", "rice", "iste", "ien", "ienne", "logue", "aire", "ant", "ante", "ier",
                       "ière", "ent", "ente", "ois", "oise", "ais", "aise", "in", "ine", "é", "ée", "e")
# Endings of nouns for acts and things, never people: "son témoignage", "son analyse", "son étude".
THING_NOUN_SUFFIXES = ("age", "yse", "ment", "ude")
# The strict test: suffixes of nouns for people ("un économiste", "une chercheuse"); "une étude",
# "l'instant", "la fois" end like people by the broad one.
PERSON_NOUN_SUFFIXES = ("eur", "euse", "rice", "iste", "ien", "ienne", "logue", "ier", "ière", "aire")
# The strictest: endings no common word for a thing shares, used where a noun alone must name someone.
UNAMBIGUOUS_PERSON_SUFFIXES = ("euse", "rice", "iste", "ienne", "logue")
# The endings of feminine role nouns ("coordinatrice", "chercheuse", "historienne", "conseillère").
FEMININE_ROLE_SUFFIXES = ("rice", "euse", "ienne", "ière")
# Below these lengths a word only ends like a person: "une liste", "la piste", "la fois".
MIN_LETTERS_HUMAN_NOUN = 4
MIN_LETTERS_OPINION_HOLDER = 5
MIN_LETTERS_SUFFIXED_PERSON_NOUN = 6

# ---- around names -----------------------------------------------------------------------------------
# "Interrogée par …", "Contacté par …": the agent is the outlet that asked.
INTERVIEW_PARTICIPLES = ("interrogé", "contacté", "joint", "sollicité", "questionné")
# Adverbs and time words that may stand between an incise verb and its subject.
SKIPPED_BEFORE_SPEAKER = frozenset(
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui encore aussi alors ensuite "
    "enfin également lui leur volontiers sobrement simplement déjà toujours".split())
# The months, which may follow a day skipped before a speaker ("a annoncé mardi 24 janvier le parquet").
MONTHS = frozenset(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split())
# The days, and the words before a month ("début mars"), which end a speaker phrase ("l'office fin juin").
DAYS = frozenset("lundi mardi mercredi jeudi vendredi samedi dimanche".split())
MONTH_PARTS = frozenset(("début", "fin", "mi"))
