"""Print an article for reading: title, lead, then the body with paragraph numbers.
Usage: python3 show.py ID            the article
       python3 show.py --batch b1    the ids of a batch (from the selection file)
       python3 show.py ID --find TEXT   where TEXT occurs in the body (offsets and paragraph), as to_offsets sees it
Paragraphs are the body's lines (split on newline). Non-breaking spaces print as spaces: copy parts as you see
them, to_offsets.py treats every kind of space alike, and ’ like '."""
import json
import os
import sys

from poolutil import load_pool, norm
from pathlib import Path as _Path

# The repository's realpress/ folder: the pool (git-ignored), work files (git-ignored) and the labels.
REALPRESS = _Path(__file__).resolve().parents[1]

SELECTION = os.environ.get("REALPRESS_SELECTION", str(REALPRESS) + "/quotes/selection.json")


def main(argv):
    if len(argv) >= 2 and argv[0] == "--batch":
        sel = json.load(open(SELECTION))
        for a in sel["articles"]:
            if a["batch"] == argv[1]:
                print(a["id"], a["section"], a["words"], "second" if a.get("second") else "")
        return 0
    if not argv:
        print(__doc__)
        return 2
    aid = argv[0]
    rec = load_pool([aid]).get(aid)
    if rec is None:
        sys.exit("show.py: no article %r in the pool" % aid)
    body = rec["body"]
    if len(argv) >= 3 and argv[1] == "--find":
        needle = norm(" ".join(argv[2:]).strip())
        nb = norm(body)
        i = nb.find(needle)
        if i < 0:
            print("not found")
        while i >= 0:
            print("offset %d-%d, paragraph %d" % (i, i + len(needle), body.count("\n", 0, i) + 1))
            i = nb.find(needle, i + 1)
        return 0
    print("ID     ", rec["id"], "  ", rec["url"])
    print("TITLE  ", rec["title"])
    print("LEAD   ", rec["lead"])
    print("WORDS  ", len(body.split()))
    print("-" * 100)
    for n, p in enumerate(body.split("\n"), 1):
        print("[p%d] %s" % (n, p.replace("\u00a0", " ").replace("\u202f", " ")))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
