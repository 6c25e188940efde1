"""The cue lexicon and the marks: everything the quote extractor knows about French press wording."""

import re

# Reporting verbs (lemmas). Reflexive ones are listed without "se"; the pronoun is allowed before them.
CUE_LEMMAS = frozenset("""
dire déclarer affirmer assurer ajouter expliquer préciser indiquer souligner rappeler estimer juger
considérer confier raconter répondre répliquer rétorquer poursuivre conclure insister marteler avancer
annoncer confirmer reconnaître admettre concéder avouer révéler noter observer relever constater commenter
résumer détailler nuancer prévenir avertir alerter promettre jurer témoigner lancer glisser souffler lâcher
asséner assener trancher tacler fustiger dénoncer déplorer regretter critiquer ironiser indigner insurger
alarmer inquiéter étonner féliciter réjouir saluer plaider défendre soutenir renchérir abonder enchaîner
réagir démentir nier contester réfuter objecter protester exclamer interroger demander exiger réclamer
proposer suggérer recommander souhaiter espérer écrire tweeter publier clamer répéter signaler mentionner
tonner redire résumer reprendre poster martel argumenter certifier claironner raisonner analyser prédire
qualifier
""".split())
# Weak cues: reported thoughts rather than words ("il pense que"); never taken for indirect quotes.
WEAK_CUE_LEMMAS = frozenset("penser croire trouver savoir vouloir craindre".split())
REFLEXIVE_CUE_LEMMAS = frozenset(
    "indigner insurger alarmer inquiéter étonner féliciter réjouir exclamer interroger".split())
# Multi-word cues: the verb's lemma and the word that must follow it.
MULTIWORD_CUES = {
    ("faire", "valoir"), ("faire", "savoir"), ("faire", "remarquer"), ("faire", "observer"),
    ("laisser", "entendre"), ("mettre", "garde"), ("tenir", "préciser"), ("dire", "convaincu"),
}
# spaCy's lemmatizer misses some inflected cue forms (it tags them as nouns or adjectives); match the form.
CUE_FORMS_RE = re.compile(
    r"^(dit|dis|disent|déclare|affirme|assure|ajoute|explique|précise|indique|souligne|rappelle|"
    r"estime|juge|confie|raconte|répond|réplique|rétorque|poursuit|conclut|insiste|martèle|avance|"
    r"lance|glisse|souffle|lâche|tranche|tacle|fustige|dénonce|déplore|regrette|ironise|plaide|"
    r"renchérit|abonde|enchaîne|réagit|dément|nie|conteste|objecte|proteste|s'exclame|résume|détaille|"
    r"nuance|prévient|avertit|alerte|promet|jure|témoigne|observe|relève|constate|commente|note|"
    r"admet|avoue|reconnaît|concède|confirme|annonce|révèle|salue|soutient|défend|tonne|clame|écrit)$",
    re.IGNORECASE)

# Quotation marks: opener -> the closers that end it.
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“”", '"': '"', "‹": "›"}
OPENERS = frozenset(QUOTE_PAIRS)
DASHES = ("–", "—", "-")

# Words before a quoted string that make it a title, a named plan or a name, not a quote.
NAMING_WORDS = frozenset("""
film livre roman série émission album pièce exposition chanson ouvrage documentaire spectacle magazine
journal opération plan programme loi projet dispositif campagne festival baptisé baptisée intitulé
intitulée nommé nommée appelé appelée surnommé surnommée dit dite slogan hashtag mot-dièse mot mots
terme termes expression formule concept label titre titré rubrique podcast balado chronique feuilleton
initiative réforme pacte stratégie mission collectif mouvement association groupe marque application
appli site compte page tableau œuvre opéra ballet essai recueil bande court-métrage long-métrage
""".split())

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
rédactrice journaliste enseignant enseignante recteur rectrice doyen doyenne président-directeur
PDG patron élue candidat candidate premier première chancelier chancelière ambassadeur ambassadrice
infirmier infirmière pédiatre psychologue psychiatre épidémiologiste virologue historien historienne
politologue juriste magistrat magistrate policier policière officier gendarme agriculteur agricultrice
éleveur éleveuse commerçant commerçante habitant habitante riverain riveraine étudiant étudiante élève
parent mère père président-fondateur directeur-général vice-président vice-présidente
""".split())
GROUP_WORDS = frozenset("""
rapport étude communiqué syndicat syndicats gouvernement ministère préfecture mairie police parquet
association ONG entreprise société groupe collectif sondage enquête document note source sources
proche proches entourage opposition majorité organisateurs autorités experts chercheurs habitants
porte-parole témoins parents enseignants médecins élus internautes utilisateurs plateforme direction
défense service équipe unité centre autorité commission agence cellule brigade assemblée municipalité
université école académie parlement département établissement collège lycée juridiction instance
""".split())

# Indefinite pronouns that name an unnamed speaker among a group: "Certains estiment que …", "L'un d'eux a
# assuré que …", "Une de mes patientes m'a dit …".
INDEFINITE_SPEAKERS = frozenset("certains certaines plusieurs autres un une".split())

PRONOUN_GENDER = {"il": "Masc", "ils": "Masc", "elle": "Fem", "elles": "Fem", "lui": "Masc", "eux": "Masc"}
SUBJECT_CLITICS = frozenset(("il", "elle", "ils", "elles", "on"))
