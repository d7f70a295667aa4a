import os
import random

from helpers import LONG_LINES

from newslint.document import OffsetMap, split_sentences
from newslint.finding import Span
from newslint.readers import read_document
from newslint.readers.plain import read
from newslint.source import LineIndex, Source


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentences_split_on_terminal_punctuation():
    assert sentences("The vote passed. The mayor left! Was it fair?") == [
        "The vote passed.",
        "The mayor left!",
        "Was it fair?",
    ]


def test_sentences_may_start_with_capitals_beyond_ascii():
    assert sentences("The mayor met Émile Roux. Émile left early.") == [
        "The mayor met Émile Roux.",
        "Émile left early.",
    ]
    assert sentences("Совет проголосовал во вторник. Мост закроют на шесть недель.") == [
        "Совет проголосовал во вторник.",
        "Мост закроют на шесть недель.",
    ]
    lower = "He paid 3.5 million euros. élan is a word."  # a lower-case letter starts no sentence
    assert sentences(lower) == [lower]


def test_titles_and_initials_do_not_end_sentences():
    text = "Mr. Lee met Sen. Ortiz and Dr. Hale at 9 a.m. on Jan. 4. John F. Kennedy Airport was shut."
    assert sentences(text) == [
        "Mr. Lee met Sen. Ortiz and Dr. Hale at 9 a.m. on Jan. 4.",
        "John F. Kennedy Airport was shut.",
    ]


def test_country_abbreviations_end_a_sentence_only_before_a_sentence_starter():
    text = "Aid came from the U.S. The U.N. Security Council met. U.S. Navy ships left."
    assert sentences(text) == [
        "Aid came from the U.S.",
        "The U.N. Security Council met.",
        "U.S. Navy ships left.",
    ]


def test_quotations_close_with_the_sentence():
    text = "“We are ready.” The mayor smiled. “Are you?” she asked."
    assert sentences(text) == ["“We are ready.”", "The mayor smiled.", "“Are you?” she asked."]


def test_line_index_round_trip():
    text = "one\ntwo\r\nthree"
    index = LineIndex(text)
    assert index.location(0) == (1, 1)
    assert index.location(4) == (2, 1)
    assert index.location(10) == (3, 2)
    assert index.offset(3, 2) == 10
    assert index.line_span(2) == (4, 8)


def test_offset_map_maps_inserted_characters_to_the_run_before():
    # text "ab cd" built from source runs "ab" at 10 and "cd" at 20, with an inserted space
    m = OffsetMap([(0, 10, 2), (3, 20, 2)])
    assert m.to_source(1) == 11
    assert m.to_source(3) == 20
    assert m.span(0, 5).start == 10 and m.span(0, 5).end == 22


def test_plain_reader_blocks_and_spans():
    wrapped = "The first paragraph of the story, hard-wrapped by an editor at\nseventy-two columns."
    text = f"Title line\n\n{wrapped}\n\n\nSecond one.\n"
    doc = read(Source("a.txt", text))
    assert [b.text for b in doc.blocks] == ["Title line", wrapped, "Second one."]
    span = doc.blocks[1].span(4, 9)
    assert text[span.start : span.end] == "first"
    assert doc.blocks[1].lines == [(0, 62), (63, 83)]


def test_plain_reader_takes_each_long_line_as_a_paragraph():
    # scrapers write one paragraph a line: a line longer than hard-wrapped prose is a paragraph;
    # the short lines between such lines stay together (a headline, a list of dates)
    one, two = LONG_LINES
    dates = "March 3 -- Harbour bridge closes\nApril 14 -- Harbour bridge reopens"
    text = f"Bridge to close\n{one}\r\n{two}\n{dates}\n   \nBy Jane Doe\nStaff writer\n"
    doc = read(Source("a.txt", text))
    assert [b.text for b in doc.blocks] == ["Bridge to close", one, two, dates, "By Jane Doe\nStaff writer"]
    second = doc.blocks[2].span()
    assert (second.start, second.end) == (text.index(two), text.index(two) + len(two))
    assert len(doc.blocks[3].lines) == 2


def test_verbatim_is_a_span_inside_one_run_of_some_block():
    """Document.verbatim bisects the runs of all blocks; the plain way scans every block."""
    rng = random.Random(5)
    examples = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")
    checked = 0
    for name in sorted(os.listdir(examples)):
        with open(os.path.join(examples, name), encoding="utf-8") as fh:
            doc = read_document(Source(name, fh.read()))
        n = len(doc.source.text)
        for _ in range(3000):
            start = rng.randrange(n)
            span = Span(start, min(n, start + rng.choice([0, 1, 3, 10, 40, 200])))
            expected = any(b.offsets.covers(span.start, span.end) for b in doc.blocks)
            assert doc.verbatim(span) == expected, (name, span)
            checked += expected
    assert checked > 1000  # both answers are exercised


def test_one_run_offset_maps_give_the_spans_of_the_general_path():
    rng = random.Random(3)
    for _ in range(5000):
        text_start, src, length = rng.choice([0, 0, 3]), rng.randint(0, 50), rng.randint(0, 30)
        one_run = OffsetMap([(text_start, src, length)])
        general = OffsetMap([(text_start, src, length), (10**9, 10**9, 1)])  # a far second run: bisects
        start, end = rng.randint(-3, 40), rng.randint(-3, 40)
        assert one_run.span(start, end) == general.span(start, end), (text_start, src, length, start, end)
    assert OffsetMap.identity(7, 5).span(1, 3) == Span(8, 10)
    assert OffsetMap([(3, 10, 5)]).span(3, 5) == Span(10, 12)


def test_block_bounds_are_the_span_of_the_whole_block():
    """bounds() is span() as a plain tuple, made directly for blocks that are one slice of the
    source (plain text) and through the offset map otherwise (Markdown, HTML)."""
    examples = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")
    kinds = set()
    for name in sorted(os.listdir(examples)):
        with open(os.path.join(examples, name), encoding="utf-8") as fh:
            doc = read_document(Source(name, fh.read()))
        for block in doc.blocks:
            assert block.bounds() == tuple(block.span())
            direct = len(block.offsets.pieces) == 1 and block.offsets.pieces[0][0] == 0
            kinds.add((name.rsplit(".", 1)[1], direct))
    assert {("txt", True), ("md", False), ("html", False)} <= kinds
