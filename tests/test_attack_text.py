"""Pathological texts: runs of marks without a space, texts denser in tokens than prose, one huge line. The
parser's copy and the chunks keep time and memory linear; ordinary text is untouched."""

import time

from veille.analyzer import CHUNK_CHARS, CHUNK_TOKENS, TOKEN_RE, chunk_offsets
from veille.input.decode import RawArticle
from veille.text import MAX_RUN, normalize_for_parser

PROSE = ("Le conseil municipal a voté mardi la fermeture du vieux pont. « Nous n'avions pas le choix », a "
         "déclaré la maire, Anne Roy, devant la presse.\n")


def test_ordinary_text_is_normalised_as_before():
    text = PROSE.replace(" ", "\u00a0", 3) + "https://example.org/" + "a" * 200
    assert normalize_for_parser(text) == text.replace("\u00a0", " ").replace("\u2019", "'")


def test_a_long_run_becomes_words_of_the_same_length():
    for text in ("«" * 1000, "x " + "«“„\"‹" * 300 + " y", "«" * MAX_RUN, "a" * 5000):
        normal = normalize_for_parser(text)
        assert len(normal) == len(text)
        assert max(len(run) for run in normal.split()) < MAX_RUN


def test_chunks_of_prose_are_as_before_and_dense_ones_smaller():
    prose = PROSE * 200
    assert chunk_offsets(prose) == chunk_offsets(prose, CHUNK_CHARS)
    assert all(end - start <= CHUNK_CHARS for start, end in chunk_offsets(prose))
    dense = "« " * 50_000
    chunks = chunk_offsets(dense)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(dense)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:], strict=False))
    assert max(len(TOKEN_RE.findall(dense, s, e)) for s, e in chunks) <= CHUNK_TOKENS


def test_quotation_marks_without_end_take_no_longer_than_prose(analyzer):
    def seconds(text):
        started = time.perf_counter()
        record = analyzer.analyze(RawArticle(text=text, id="x", source="x"))
        for quote in record.quotes:
            assert 0 <= quote["start"] <= quote["end"] <= len(text)
        return time.perf_counter() - started

    prose = (PROSE * 400)[:40_000]
    baseline = seconds(prose)
    for marks in ("Il a dit " + "«" * 20_000, "Il a dit " + "« " * 10_000, "Il a dit " + '"' * 20_000,
                  "Il a dit " + "«“„‹" * 5_000):
        assert seconds(marks[:40_000]) < 3 * baseline + 1
