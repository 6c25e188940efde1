#!/usr/bin/env python3
"""Print one pool article for stance annotation: title, lead, then the body with paragraph numbers.

Usage: show_stance.py ID [ID ...]      print the article(s)
       show_stance.py --list BATCH     list the ids of a batch (s0..s3)
       show_stance.py --list BATCH --second   list only the ids of the batch chosen for the blind second annotation
The text is Le Monde's: read it here, never copy it into the repository or into a reason.
"""
import sys, textwrap, re
sys.path.insert(0, __import__('os').path.dirname(__file__))
from stance_common import selection, articles

# Some pages (data visualisations) carry their CSS/JavaScript in the body: such lines are not shown.
CODE = re.compile(r'^[.#@}{/]|[{};]\s*$|^[\w-]+\s*:\s*[^ ]+;?$|\bfunction\b|=>|\bd3\.|\$\{|^\]|^\)|^(const|let|var|if|else|return)\b')
WORDS = re.compile(r'[^\W\d_]{3,} [^\W\d_]{2,} [^\W\d_]{3,}')

def main(argv):
    if not argv or argv[0] in ('-h', '--help'):
        print(__doc__); return 0
    sel = selection()
    if argv[0] == '--list':
        batch, only_second = argv[1], '--second' in argv
        for i, s in sorted(sel.items()):
            if s['batch'] == batch and (s['second'] or not only_second):
                print(i)
        return 0
    found = articles(argv)
    rc = 0
    for i in argv:
        a = found.get(i)
        if a is None:
            print(f'{i}: not in the pool', file=sys.stderr); rc = 1; continue
        s = sel.get(i)
        where = f"batch {s['batch']}" if s else 'NOT IN THE STANCE SELECTION'
        words = len(a['body'].split())
        print('=' * 100)
        print(f"id {i} ({where}) | {(a['date_published'] or a['first_seen'] or '')[:10]} | "
              f"sections: {' / '.join(a['ld_sections']) or '-'} | {words} words")
        print(f"TITLE: {a['title']}")
        print(f"LEAD:  {a['lead']}")
        print('-' * 100)
        paras = [p.strip() for p in a['body'].split('\n') if p.strip()]
        code = [bool(CODE.search(p)) or (len(p) < 120 and bool(re.search(r'[()\[\]=_]', p)) and not WORDS.search(p))
                or bool(re.fullmatch(r'[a-z_]+', p)) for p in paras]
        if a['body'].count('{') < 5:          # only pages that carry code get filtered
            code = [False] * len(paras)
        for k in range(1, len(paras) - 1):   # a short line between two code lines is code too
            if not code[k] and code[k - 1] and len(paras[k]) < 60 and not WORDS.search(paras[k]) and any(code[k + 1:k + 4]):
                code[k] = True
        skipped = []
        def flush():
            if skipped:
                print(f'[{skipped[0]}-{skipped[-1]}] ({len(skipped)} lines of page code omitted: not article text)')
                skipped.clear()
        for n, p in enumerate(paras, 1):
            if code[n - 1]:
                skipped.append(n); continue
            flush()
            print(textwrap.fill(p, 110, initial_indent=f'[{n}] ', subsequent_indent='     '))
        flush()
    return rc

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
