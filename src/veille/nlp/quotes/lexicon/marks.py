"""Quotation marks, dashes and the punctuation the rules read, in one place."""

import re

# Quotation marks: opener -> the closers that end it.
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“”", '"': '"', "‹": "›"}
OPENERS = frozenset(QUOTE_PAIRS)
# The marks that open and close a quote in the rules that read tokens (a straight " is both, so neither).
OPENING_MARKS = ("«", "“")
CLOSING_MARKS = ("»", "”")
# The last character of a reported clause that is punctuation yet belongs to it.
CLAUSE_FINAL_MARKS = (*CLOSING_MARKS, '"')
# Characters a paragraph may open with before a source introducer ("« Selon lui, …").
LEAD_MARKS = ' «"“'
# A straight quotation mark opens a quote after a space or one of these.
STRAIGHT_OPENER_PRECEDERS = "([—–-'’"
# Spaces trimmed inside quotation marks (no-break spaces of French typography included).
INNER_SPACE = " \u00a0\u202f\t"
# Spaces trimmed around a reported clause.
CLAUSE_SPACE = " \n\t"
# A dash (or a parenthesis) after a closing mark introduces the speaker: « … » – Jean Martin.
DASHES = ("–", "—", "-")
ATTRIBUTION_OPENERS = (*DASHES, "(")
# Inside a hyphenated word: "a-t-il", "week-end"; and the apostrophe of an elision.
HYPHEN = "-"
APOSTROPHE = "'"
WORD_JOINERS = (APOSTROPHE, HYPHEN)

COMMA = ","
COLON = ":"
SENTENCE_END_MARKS = (".", "!", "?")
# A quote that ends a sentence may end with an ellipsis too.
QUOTE_END_MARKS = (*SENTENCE_END_MARKS, "…")
# A full stop inside quoted words: they hold a finished sentence.
SENTENCE_BREAK = ". "
# A quote ending like this may be followed by its incise without a comma: « Vraiment ? » s'étonne-t-elle.
INCISE_WITHOUT_COMMA_MARKS = ("?", "!", "…")
# A lead ending like this is a finished sentence, not the introduction of the quote after it.
FINISHED_LEAD_MARKS = (*QUOTE_END_MARKS, *CLOSING_MARKS)
# Where the clause before an opening mark starts: after a sentence end or a closing mark and a space.
CLAUSE_STARTS = (". ", "» ", "? ", "! ")
# Marks that end the search for an incise's speaker or a clause.
CLAUSE_BREAK_MARKS = (".", ";", ":")
# Tokens that end an incise's sentence after a quote.
INCISE_SENTENCE_ENDS = (*SENTENCE_END_MARKS, "«", "\n")
# Marks that end a cue's object after its quoted words.
OBJECT_END_MARKS = frozenset((COMMA, ";", ":", "(", "–", "—", ".", "!", "?"))
# Marks that close a noun phrase.
PHRASE_END_MARKS = (COMMA, "(", ";")
# Marks an apposed name's comma may run past ("le directeur (intérimaire), …").
PARENTHESES = "()"
# Between two quoted fragments of one judgement: « politique » et « hostile ».
FRAGMENT_JOINERS = frozenset(("et", "ou", "mais", COMMA))
# A line of code a page embeds (a chart's settings): a quoted key and a colon ("font-family": "…",).
CODE_LINE_RE = re.compile(r'\s*"[\w-]+"\s*:')
