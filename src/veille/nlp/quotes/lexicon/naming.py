"""Words before a quoted string that make it a title, a named plan or a name, not a quote ("le film
« … »", "un plan baptisé « … »"). Compared with the token before the mark and with the first word inside
it (split on spaces, so hyphenated entries match there)."""

NAMING_WORDS = frozenset("""
film livre roman série émission album pièce exposition chanson ouvrage documentaire spectacle magazine
journal opération plan programme loi projet dispositif campagne festival baptisé baptisée intitulé
intitulée nommé nommée appelé appelée surnommé surnommée dit dite slogan hashtag mot-dièse mot mots
terme termes expression formule concept label titre titré rubrique podcast balado chronique feuilleton
initiative réforme pacte stratégie mission collectif mouvement association groupe marque application
appli site compte page tableau œuvre opéra ballet essai recueil bande court-métrage long-métrage
guide rapport étude enquête conférence colloque forum sommet plateau banderole pancarte affiche bannière
""".split())
