"""Pure str -> str steps: boilerplate removal (changes length) and parser normalisation (never does)."""

from __future__ import annotations

import re
import unicodedata

# Lines that scraped pages leave behind. Each pattern must match a whole line (after strip).
BOILERPLATE_PATTERNS = [
    r"partager( sur \w+| cet article| l'article)?",
    r"(réagir|commenter)( à cet article)?",
    r"\d+\s+commentaires?",
    r"(voir les|afficher les|lire les)\s+\d*\s*commentaires?",
    r"((à )?lire aussi|voir aussi|à voir aussi|à découvrir|sur le même sujet|dans la même rubrique"
    r"|articles? similaires?|nos articles|les plus lus|contenus? sponsorisés?|publicité)\b.{0,200}",
    r"tous les champs sont obligatoires\.?",
    r"(?=.*\bcookies?\b)(?=.*(accept|utilis|consent|param|navigation|confidentialit|traceur)).{0,400}",
    r"(publié|mis à jour|modifié)\s+le\s.{0,80}",
    r"(abonnez-vous|inscrivez-vous|s'abonner|suivez-nous|recevez notre).{0,160}",
    r"(imprimer|envoyer par (e-?mail|courriel)|copier le lien|tweeter|j'aime)",
    r"(accueil|home)\s*[>›»/|].{0,200}",
    r"(crédit|crédits)\s*(photo)?\s*:.{0,120}",
    r"(photo|illustration)\s*:\s*.{0,80}",
    r"(newsletter|infolettre)s?",
    r"(se connecter|connexion|mon compte|rechercher|menu|fermer|retour en haut)",
]
BOILERPLATE_RE = re.compile("|".join(f"(?:{pattern})" for pattern in BOILERPLATE_PATTERNS),
                            re.IGNORECASE)
# A short line in capitals with no sentence punctuation is a menu or section word ("SOCIÉTÉ", "SPORT").
MENU_LINE_RE = re.compile(r"^[^\W\d_a-zà-ÿ][^a-zà-ÿ.!?«»\"]{0,40}$")
MAX_MENU_WORDS = 5

# One character for one: the parser sees a normalised copy, the output keeps the offsets.
PARSER_TRANSLATION = str.maketrans({
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space (before « » : ; ! ?)
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\t": " ",
    "\u2019": "'",  # typographic apostrophe: the French tokenizer splits elisions on '
    "\u2018": "'",
    "\u02bc": "'",
    "\u2032": "'",
})

# No word of any text runs this long without a space (the corpus's longest is under 60 characters), but
# spaCy's tokenizer takes time quadratic in the length of such a run (its suffix search rescans it for every
# mark it splits off: 200,000 « took 43 s), and each mark is a token for the parser. In the parser's copy a
# run that long becomes words: its punctuation a letter, a space every MAX_RUN characters. One for one, so
# offsets are kept, and no ordinary text is touched.
MAX_RUN = 250
LONG_RUN_RE = re.compile(rf"\S{{{MAX_RUN},}}")
NON_WORD_RE = re.compile(r"[^\w]")
RUN_FILLER = "x"

# Removed outright before analysis: they carry nothing and break tokens.
INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if BOILERPLATE_RE.fullmatch(stripped):
        return True
    return bool(MENU_LINE_RE.match(stripped)) and len(stripped.split()) <= MAX_MENU_WORDS \
        and any(char.isalpha() for char in stripped)


def remove_boilerplate(text: str) -> tuple[str, int]:
    """Drop whole boilerplate lines; return the text and how many lines went."""
    kept: list[str] = []
    removed = 0
    for line in text.split("\n"):
        if is_boilerplate(line):
            removed += 1
        else:
            kept.append(line)
    return "\n".join(kept), removed


def clean_text(text: str) -> tuple[str, list[str]]:
    """The length-changing clean-up that makes the article text; returns it with warnings."""
    warnings: list[str] = []
    text = unicodedata.normalize("NFC", text)
    text = INVISIBLE_RE.sub("", text)
    text, removed = remove_boilerplate(text)
    if removed:
        warnings.append(f"boilerplate lines removed: {removed}")
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, warnings


def normalize_for_parser(text: str) -> str:
    """Same length, same offsets: spaces and apostrophes the French pipeline tokenizes well, and no run of
    non-space characters longer than MAX_RUN."""
    text = text.translate(PARSER_TRANSLATION)
    if LONG_RUN_RE.search(text):
        text = LONG_RUN_RE.sub(_as_words, text)
    return text


def _as_words(match: re.Match) -> str:
    run = NON_WORD_RE.sub(RUN_FILLER, match.group())
    return "".join(run[i:i + MAX_RUN - 1] + " " for i in range(0, len(run), MAX_RUN))[:len(run)]
