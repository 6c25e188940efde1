"""Gazetteers for the entity side: news outlets and agencies, and what a mention's title looks like."""

OUTLETS = (
    "Le Monde", "Le Figaro", "Libération", "Les Échos", "Le Parisien", "L'Équipe", "Mediapart",
    "Le Point", "L'Express", "L'Obs", "Marianne", "Télérama", "Ouest-France", "La Croix", "L'Humanité",
    "20 Minutes", "Le Canard enchaîné", "AFP", "Agence France-Presse", "Reuters", "Associated Press",
    "France Télévisions", "France 2", "France 3", "France 24", "France Inter", "France Info", "Franceinfo",
    "Radio France", "RFI", "TF1", "BFMTV", "CNews", "LCI", "Arte", "Canal+", "M6", "TV5Monde",
    "Le Soir", "La Libre Belgique", "La Libre", "La Dernière Heure", "L'Avenir", "Sudinfo", "RTBF", "RTL-TVI",
    "Belga", "Le Temps", "Tribune de Genève", "24 heures", "Le Matin", "La Liberté", "Le Nouvelliste",
    "Keystone-ATS", "ATS", "RTS", "Le Devoir", "La Presse", "Le Journal de Montréal", "Le Soleil",
    "Radio-Canada", "TVA", "La Presse canadienne", "Jeune Afrique", "Le Matin d'Algérie", "Le Quotidien",
    "Fraternité Matin", "Le Soleil", "Cameroon Tribune", "Le Monde Afrique", "APS", "MAP",
)

# Institutions whose names start in lower case ("ministère des Armées", "préfecture du Rhône", "université
# de Tours", "parquet national financier", "agence régionale de santé"): the head nouns, those that need an
# adjective right after them to name a body ("direction générale", "conseil départemental"), and the
# complement that makes the rest of the name.
INSTITUTION_HEADS = ("ministère", "préfecture", "sous-préfecture", "parquet", "université", "tribunal",
                     "cour", "mairie", "rectorat", "gendarmerie")
INSTITUTION_HEADS_WITH_ADJECTIVE = ("direction", "agence", "conseil", "office", "institut", "inspection",
                                    "commission", "haut-commissariat", "délégation", "autorité")
NAME_OF = ("de", "du", "des", "d'")

# Titles that precede a name and are left out of the mention ("M. Macron" is a mention of "Macron").
PERSON_TITLES = ("M.", "MM.", "Mme", "Mmes", "Mlle", "Me", "Dr", "Pr", "Mgr", "Sir")
# Elided articles and pronouns that NER sometimes glues to a name ("L'Assemblée" keeps its article;
# "qu'Emmanuel" does not).
ELISION_PREFIXES = ("qu'", "d'", "l'", "j'", "n'", "s'", "c'", "jusqu'", "lorsqu'", "puisqu'")
