"""Shared helpers for the real-press annotation tools (stdlib only)."""
import json
import os
import re
from pathlib import Path as _Path

# The repository's realpress/ folder: the pool (git-ignored), work files (git-ignored) and the labels.
REALPRESS = _Path(__file__).resolve().parents[1]

POOL = os.environ.get("REALPRESS_POOL", str(REALPRESS / "pool.jsonl"))

SECTION_GROUPS = {
    "politique": ["politique", "election-presidentielle-2022", "elections-legislatives-2022"],
    "international": ["international", "un-si-proche-orient"],
    "afrique": ["afrique"],
    "economie": ["economie", "argent", "emploi", "smart-cities", "economie-francaise", "entreprises"],
    "societe": ["societe", "police-justice", "education", "campus", "sante", "le-monde-des-religions"],
    "planete": ["planete", "climat", "energies"],
    "culture": ["culture", "cinema", "musiques", "series", "televisions-radio", "livres", "festival",
                "le-jazz-et-la-salsa"],
    "sport": ["sport", "football", "tennis", "coupe-du-monde-2022", "rugby", "cyclisme", "jeux-olympiques"],
    "sciences-pixels": ["sciences", "pixels"],
    "idees": ["idees"],
    "autres": ["les-decodeurs", "m-le-mag", "disparitions", "actualite-medias", "m-perso", "m-styles",
               "series-d-ete", "le-monde-passe-a-table"],
}
_URL2GROUP = {u: g for g, us in SECTION_GROUPS.items() for u in us}


def url_section(url):
    return url.split("/")[3]


def section_group(rec):
    return _URL2GROUP.get(url_section(rec["url"]))


def load_pool(ids=None):
    """Return {id: record}; when ids is given, only those (pool is read once, streaming)."""
    want = set(ids) if ids is not None else None
    out = {}
    with open(POOL, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if want is None or rec["id"] in want:
                out[rec["id"]] = rec
                if want is not None and len(out) == len(want):
                    break
    return out


# Characters that may differ between what an annotator copies from a terminal and the stored body.
# The mapping is one character to one character, so offsets in the normalised text are offsets in the body.
_NORM = {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " ",
         "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2011": "-"}
_NORM_TABLE = str.maketrans(_NORM)


def norm(s):
    return s.translate(_NORM_TABLE)
