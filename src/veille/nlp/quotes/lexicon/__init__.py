"""What the quote extractor knows about French press wording, one module per kind of word.

Every entry is lowercase (it is compared with `Token.lower_` or `Token.lemma_`) and can match a token of
the French tokenizer; tests/test_quotes_lexicon.py checks both. Punctuation and marks are in `marks`.
"""
