"""duplicate-paragraph, duplicate-sentence (in one article) and cross-article-duplicate (in a run)."""

import random
import re

import pytest
from helpers import deadline, lint

from newslint.config import Config
from newslint.config import load as config_load
from newslint.dupes.crossfile import cross_file_findings
from newslint.engine import select_rules
from newslint.errors import ConfigError
from newslint.kinds import duplicates
from newslint.readers import read_document
from newslint.ruleset import load_rule
from newslint.source import Source

LEDE = (
    "Getting both parties to sign the harbour agreement may now be harder as the strike spreads "
    "to the container terminals on the north side of the port, the busiest in the region."
)
BRIDGE = (
    "The city council voted on Tuesday to close the harbour bridge for six weeks of repairs, "
    "sending drivers along the coast road while crews replace the deck."
)
FERRY = "The ferry will run every hour while the bridge is shut, the harbour master said on Wednesday."
SCHOOL = "The school board approved a budget that adds four teachers and a nurse to the smallest school."


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def dupes(text: str, rule: str = "duplicate-paragraph") -> list[tuple]:
    return [(r["line"], r["related"][0][0], r["message"]) for r in lint(text, rule) if r["rule"] == rule]


# --- duplicate-paragraph: each form -------------------------------------------------------------


def test_exact_copy_reported_at_later_copy_with_related_first():
    rows = lint(article(BRIDGE, FERRY, BRIDGE), "duplicate-paragraph")
    assert [(r["rule"], r["line"], r["column"], r["end_line"]) for r in rows] == [
        ("duplicate-paragraph", 5, 1, 5)
    ]
    assert rows[0]["related"] == [(1, 1)]
    assert rows[0]["message"] == "Paragraph repeats the paragraph at line 1 (exact copy)"


def test_edited_copy():
    edited = BRIDGE.replace("on Tuesday", "on Tuesday night").replace("replace the deck", "replace its deck")
    assert dupes(article(BRIDGE, FERRY, edited)) == [
        (5, 1, "Paragraph repeats the paragraph at line 1 (edited copy)")
    ]


def test_truncated_copy_like_the_seed():
    """The later paragraph is the first words of an earlier one, cut before its end."""
    truncated = "Getting both parties to sign the harbour agreement may now be harder as the strike spreads."
    assert dupes(article("Port strike spreads", LEDE, FERRY, SCHOOL, truncated)) == [
        (9, 3, "Paragraph repeats the paragraph at line 3 (truncated copy)")
    ]


def test_contained_copy():
    longer = f"{FERRY} {BRIDGE} Shops near the bridge said they expected a quiet month."
    assert dupes(article(longer, SCHOOL, BRIDGE)) == [
        (5, 1, "Paragraph repeats the paragraph at line 1 (contained)")
    ]


def _words(seed: int, n: int) -> str:
    rng = random.Random(seed)
    pool = "council voted close harbour bridge repairs mayor drivers coast road ferry port union".split()
    return " ".join(rng.choice(pool) for _ in range(n)) + "."


def test_long_contained_copy_with_an_edit():
    """A copy of more than LONG_TEXT characters is aligned by anchors, not partial_ratio's search."""
    middle = _words(1, 500)
    whole = f"{_words(2, 500)} {middle} {_words(3, 500)}"
    words = middle.split()
    words[250] = "zebra"
    copy = " ".join(words)
    assert len(copy) > duplicates.LONG_TEXT
    text = f"Harbour bridge\n\n{whole}\n\nThe vote was close.\n\n{copy}\n"
    rows = [r for r in lint(text) if r["rule"].startswith("duplicate")]
    assert [(r["rule"], r["line"], r["column"]) for r in rows] == [("duplicate-paragraph", 7, 1)]
    assert "(contained)" in rows[0]["message"]
    assert [line for line, _ in rows[0]["related"]] == [3]


def test_long_repetitive_copy_is_checked_at_once():
    """partial_ratio took seconds on repetitive text of thousands of characters (40 s for 20,000)."""
    sentence = "The council voted on Tuesday to close the harbour bridge for repairs. "
    copy = sentence * 150
    copy = copy[: len(copy) // 2] + "Zebra " + copy[len(copy) // 2 :]
    text = f"Harbour bridge\n\n{sentence * 450}\n\nThe vote was close.\n\n{copy}\n"
    with deadline(5):
        rows = [r for r in lint(text) if r["rule"].startswith("duplicate")]
    assert [(r["rule"], r["line"], r["column"]) for r in rows] == [("duplicate-paragraph", 7, 1)]
    assert "(truncated copy)" in rows[0]["message"]


def test_a_paragraph_repeated_thousands_of_times_is_checked_at_once():
    """Each copy had every earlier one as a candidate (quadratic: 5.5 s for 2,500 copies); the first
    copy now stands for the others. Three or more copies are a refrain: nothing is reported."""
    paragraph = "The council voted on Tuesday to close the harbour bridge for six weeks of repairs."
    with deadline(5):
        rows = [r for r in lint("Bridge\n\n" + "\n\n".join([paragraph] * 2500) + "\n")]
    assert [r for r in rows if r["rule"].startswith("duplicate")] == []
    twice = [
        r for r in lint(f"Bridge\n\n{paragraph}\n\n{FERRY}\n\n{paragraph}\n") if r["rule"].startswith("dup")
    ]
    assert [(r["rule"], r["line"], r["column"]) for r in twice] == [("duplicate-paragraph", 7, 1)]


def test_a_document_of_the_same_few_words_is_checked_at_once():
    """5,000 sentences drawn from a dozen words make every sentence every other's candidate: the
    search stops at a budget of candidate pairs (38 s before; real articles have at most ~1,200)."""
    rng = random.Random(1)
    pool = "the council voted on tuesday to close harbour bridge repairs mayor said drivers".split()
    lines = [
        " ".join(rng.choice(pool) for _ in range(rng.randint(3, 20))).capitalize() + "." for _ in range(5000)
    ]
    with deadline(10):
        rows = lint("\n".join(lines) + "\n", "duplicate-paragraph", "duplicate-sentence")
    assert "duplicate-sentence" in {r["rule"] for r in rows}  # copies are still found


@pytest.mark.parametrize("seed", range(20))
def test_anchored_score_agrees_with_partial_ratio(seed):
    """On long texts that are or are not copies, the anchored score decides as partial_ratio does."""
    from rapidfuzz import fuzz

    rng = random.Random(seed)
    short = _words(seed, rng.randint(400, 700))
    long = f"{_words(seed + 100, rng.randint(0, 400))} {short} {_words(seed + 200, rng.randint(0, 400))}"
    words = short.split()
    for _ in range(rng.choice([0, 1, 3, 40])):  # none, a few, or many edits
        words[rng.randrange(len(words))] = rng.choice(["zebra", "the", "said"])
    short = " ".join(words)
    expected = fuzz.partial_ratio(short, long, score_cutoff=95) > 0
    assert (duplicates._partial_score(short, long, 95) > 0) == expected


def test_short_word_for_word_part_of_a_longer_paragraph():
    # under fuzzy_min_words (12) words, only a copy word for word counts: truncated or contained
    truncated = "The city council voted on Tuesday to close the harbour bridge."  # 11 words
    contained = "Sending drivers along the coast road while crews replace the deck."  # 11 words
    edited = "The city council voted on Monday to close the harbour bridge."
    assert dupes(article(BRIDGE, FERRY, truncated)) == [
        (5, 1, "Paragraph repeats the paragraph at line 1 (truncated copy)")
    ]
    assert dupes(article(BRIDGE, FERRY, contained)) == [
        (5, 1, "Paragraph repeats the paragraph at line 1 (contained)")
    ]
    assert dupes(article(BRIDGE, FERRY, edited)) == []
    # the sentence rule keeps fuzzy_min_words for parts: an exact sentence copy only
    assert dupes(article(BRIDGE, f"{FERRY} {truncated}"), "duplicate-sentence") == []


def test_reordered_copy():
    reordered = (
        "Sending drivers along the coast road while crews replace the deck, the city council voted on "
        "Tuesday to close the harbour bridge for six weeks of repairs."
    )
    assert dupes(article(BRIDGE, FERRY, reordered)) == [
        (5, 1, "Paragraph repeats the paragraph at line 1 (reordered copy)")
    ]


def test_too_short_to_compare():
    assert dupes(article("He said.", BRIDGE, "He said.", FERRY, "Advertisement", "Advertisement")) == []


def test_later_longer_paragraph_is_not_a_copy():
    """A paragraph that adds to an earlier, shorter one is not reported (deleting it loses text)."""
    longer = f"{BRIDGE} Shops near the bridge said they expected a quiet month and fewer tourists."
    assert dupes(article(BRIDGE, FERRY, longer)) == []


def test_different_figures_are_different_facts():
    a = "The storm cut power to 12,000 homes in the county on Sunday night, the utility company said."
    b = "The storm cut power to 17,000 homes in the county on Sunday night, the utility company said."
    assert dupes(article(a, FERRY, b)) == []


def test_refrain_repeated_three_times_is_deliberate():
    ask = "What would you change first if you were elected mayor of the city next spring?"
    text = article(ask, "Ms Reyes: the buses.", ask, "Mr Okafor: the schools.", ask, "Ms Lind: the roads.")
    assert dupes(text) == []


def test_unrelated_paragraphs_on_the_same_topic_do_not_match():
    other = (
        "The council voted on Wednesday to keep the harbour bridge open at night for buses and "
        "ambulances while the repairs go on."
    )
    assert dupes(article(BRIDGE, FERRY, other)) == []


def test_fix_deletes_the_copy_and_its_blank_line():
    text = article(BRIDGE, FERRY, BRIDGE, SCHOOL)
    (row,) = lint(text, "duplicate-paragraph")
    assert row["fixed"] == article(BRIDGE, FERRY, SCHOOL)


def test_fix_at_end_of_file_keeps_one_newline():
    (row,) = lint(article(BRIDGE, FERRY, BRIDGE), "duplicate-paragraph")
    assert row["fixed"] == article(BRIDGE, FERRY)
    (row,) = lint(BRIDGE + "\n\n" + FERRY + "\n\n" + BRIDGE, "duplicate-paragraph")
    assert row["fixed"] == BRIDGE + "\n\n" + FERRY


def test_one_paragraph_a_line_text_is_compared_line_by_line():
    # scraped text with no blank lines: each long line is a paragraph (see readers/plain.py)
    text = "\n".join(["Harbour bridge to close", LEDE, BRIDGE, FERRY, BRIDGE, SCHOOL]) + "\n"
    (row,) = lint(text, "duplicate-paragraph")
    assert (row["rule"], row["line"], row["column"], row["end_line"]) == ("duplicate-paragraph", 5, 1, 5)
    assert row["related"] == [(3, 1)]
    assert row["fixed"] == "\n".join(["Harbour bridge to close", LEDE, BRIDGE, FERRY, SCHOOL]) + "\n"


def test_fix_is_unsafe():
    rule = load_rule("duplicate-paragraph", "rules/duplicate-paragraph.yaml")
    assert rule.fix == "unsafe"


# --- duplicate-sentence -------------------------------------------------------------------------


def test_sentence_repeated_in_another_paragraph():
    text = article(f"{BRIDGE} It carries 20,000 cars a day.", f"{FERRY} {BRIDGE}")
    rows = lint(text, "duplicate-sentence")
    assert [(r["rule"], r["line"], r["column"], r["related"]) for r in rows] == [
        ("duplicate-sentence", 3, len(FERRY) + 2, [(1, 1)])
    ]
    assert rows[0]["fixed"] == article(f"{BRIDGE} It carries 20,000 cars a day.", FERRY)


def test_sentence_fix_in_the_middle_of_a_paragraph():
    text = article(f"{BRIDGE} It carries 20,000 cars a day.", f"{FERRY} {BRIDGE} Work starts in May.")
    (row,) = lint(text, "duplicate-sentence")
    assert row["fixed"] == article(f"{BRIDGE} It carries 20,000 cars a day.", f"{FERRY} Work starts in May.")


def test_short_sentences_and_same_paragraph_are_not_compared():
    text = article("He said. The mayor agreed.", "He said. The council agreed.", f"{BRIDGE} {BRIDGE}")
    assert lint(text, "duplicate-sentence") == []


def test_copied_paragraph_is_reported_once():
    rows = lint(article(BRIDGE, FERRY, BRIDGE), "duplicate-paragraph", "duplicate-sentence")
    assert [(r["rule"], r["line"]) for r in rows] == [("duplicate-paragraph", 5)]


# --- configuration ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "override,message",
    [
        ({"scorers": {"WRatio": 85}}, "scorer 'WRatio' is not allowed"),
        ({"scorers": {"token_set_ratio": 90}}, "scorer 'token_set_ratio' is not allowed"),
        ({"scorers": {"jaro": 90}}, "unknown scorer 'jaro'"),
        ({"scorers": {"ratio": 150}}, "threshold of 'ratio' must be a number in (0, 100]"),
        ({"unit": "line"}, "'unit' must be paragraph or sentence"),
    ],
)
def test_bad_options_are_config_errors(override, message, tmp_path):
    """Reported at the line of the configuration file that set the option."""
    path = tmp_path / "newslint.yaml"
    path.write_text("select: [duplicate-paragraph]\nrules:\n  duplicate-paragraph:\n" + _yaml_lines(override))
    key = next(iter(override))
    with pytest.raises(ConfigError, match="^" + re.escape(f"{path}:4: ") + ".*" + re.escape(message)):
        lint(article(BRIDGE), "duplicate-paragraph", config=config_load(str(path)))
    assert key in path.read_text().splitlines()[3]


def _yaml_lines(override: dict) -> str:
    ((key, value),) = override.items()
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {v}" for k, v in value.items())
        return f"    {key}: {{{inner}}}\n"
    return f"    {key}: {value}\n"


def test_scorers_can_be_narrowed_in_config():
    reordered = (
        "Sending drivers along the coast road while crews replace the deck, the city council voted on "
        "Tuesday to close the harbour bridge for six weeks of repairs."
    )
    config = Config(rules={"duplicate-paragraph": {"scorers": {"ratio": 90}}})
    rows = lint(article(BRIDGE, FERRY, reordered), "duplicate-paragraph", config=config)
    assert rows == []


# --- cross-article-duplicate (run level) --------------------------------------------------------


def docs_of(**texts: str):
    return [read_document(Source(path, text)) for path, text in texts.items()]


def cross_rule(**overrides):
    return select_rules(
        Config(rules={"cross-article-duplicate": overrides} if overrides else {}),
        select=["cross-article-duplicate"],
    )[0]


def test_cross_article_exact_and_edited_copies():
    edited = BRIDGE.replace("replace the deck", "replace its deck")
    docs = docs_of(
        **{
            "a.txt": article("Bridge", BRIDGE, FERRY),
            "b.txt": article(SCHOOL, edited),
            "c.txt": article(BRIDGE),
            "d.txt": article("The school board will meet again in March to decide which school closes."),
        }
    )
    found = cross_file_findings(docs, cross_rule())
    assert sorted(found) == ["a.txt", "b.txt", "c.txt"]
    (fa,) = found["a.txt"]
    assert fa.rule == "cross-article-duplicate"
    assert (fa.span.start, fa.span.end) == (8, 8 + len(BRIDGE))
    assert fa.message == "Paragraph also appears in c.txt:1 and 1 other place"
    assert [(r.path, r.line, r.column, r.end_line) for r in fa.related] == [
        ("c.txt", 1, 1, 1),
        ("b.txt", 3, 1, 3),
    ]
    assert fa.related[0].message == "copy (exact)"
    (fb,) = found["b.txt"]
    assert fb.message == "Paragraph also appears in a.txt:3 and 1 other place"


def test_cross_article_copy_scraped_without_blank_lines():
    # the same story from two pipelines: blank lines between paragraphs, and one paragraph a line
    lined = "\n".join(["Strike spreads", LEDE, BRIDGE]) + "\n"
    docs = docs_of(**{"a.txt": article("Strike spreads", LEDE, FERRY), "b.txt": lined})
    found = cross_file_findings(docs, cross_rule())
    (fb,) = found["b.txt"]
    assert (fb.span.start, fb.span.end) == (15, 15 + len(LEDE))
    assert [(r.path, r.line, r.column, r.end_line) for r in fb.related] == [("a.txt", 3, 1, 3)]
    (fa,) = found["a.txt"]
    assert [(r.path, r.line) for r in fa.related] == [("b.txt", 2)]


def test_cross_article_ignores_short_and_unrelated_paragraphs():
    docs = docs_of(
        **{
            "a.txt": article("He said the bridge would close.", BRIDGE),
            "b.txt": article("He said the bridge would close.", FERRY),
        }
    )
    assert cross_file_findings(docs, cross_rule()) == {}


def test_cross_article_copy_inside_one_file_is_left_to_duplicate_paragraph():
    docs = docs_of(**{"a.txt": article(BRIDGE, BRIDGE), "b.txt": article(FERRY)})
    assert cross_file_findings(docs, cross_rule()) == {}


def test_stop_phrases_do_not_make_paragraphs_alike():
    credit = " Maria Lopez and Tom Haines of the Associated Press contributed to this report."
    a = "Fire crews spent the night on the hill above the town." + credit
    b = "Voters in the valley will choose a new mayor next week." + credit
    docs = docs_of(**{"a.txt": article(a), "b.txt": article(b)})
    assert cross_file_findings(docs, cross_rule(min_words=8)) == {}


def test_single_document_without_index_does_nothing():
    assert cross_file_findings(docs_of(**{"a.txt": article(BRIDGE)}), cross_rule()) == {}


def test_cross_rule_option_errors():
    docs = docs_of(**{"a.txt": article(BRIDGE), "b.txt": article(FERRY)})
    with pytest.raises(ConfigError, match="'scorer' must be one of ratio, token_sort_ratio, not 'WRatio'"):
        cross_file_findings(docs, cross_rule(scorer="WRatio"))
    with pytest.raises(ConfigError, match="'bands' must divide 'num_perm'"):
        cross_file_findings(docs, cross_rule(bands=30))


def test_max_bucket_caps_boilerplate_buckets():
    """Many near-identical paragraphs in one bucket are paired with its first member only."""
    import numpy as np

    from newslint.dupes.lsh import band_pairs

    keys = np.array([7] * 500 + [9, 9, 3], dtype=np.uint64)
    ids = np.arange(len(keys))
    pairs, capped = band_pairs(keys, ids, max_bucket=100)
    assert capped == 1
    assert len(pairs) == 499 + 1
    assert {tuple(p) for p in pairs.tolist()} >= {(0, 499), (500, 501)}
