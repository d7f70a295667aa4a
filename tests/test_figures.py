"""conflicting-figures: articles we wrote, each with two or three mentions of a figure that either
agree (no finding) or conflict (one finding at the later mention, related to the earlier)."""

from __future__ import annotations

import os

import pytest

from newslint.figures.numbers import IntervalSpec, tolerance
from newslint.finding import Severity
from newslint.kinds.figures import Checker
from newslint.readers.plain import read
from newslint.ruleset import load_rule
from newslint.source import Source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULE = load_rule("conflicting-figures", os.path.join(ROOT, "rules", "conflicting-figures.yaml"))
CHECKER = Checker(RULE)
SEED = os.path.join(ROOT, "..", "shared", "seed", "seed-article.txt")


def lint(text: str) -> list:
    return list(CHECKER.check(read(Source("story.txt", text))))


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


# (article, (later line, flagged text, earlier line)); paragraph i is on line 2i - 1
CONFLICTS = {
    "bare vs as many as": (
        article(
            "The war has killed as many as 500,000 people, a monitoring group says.",
            "Diplomats met in Geneva on Friday.",
            "The war has killed 400,000 people since it began.",
        ),
        (5, "400,000 people", 1),
    ),
    "up to vs larger": (
        article(
            "The flooding has killed up to 300 people.", "The flooding has killed 450 people, officials say."
        ),
        (3, "450 people", 1),
    ),
    "at most vs larger": (
        article("The outbreak has killed at most 200 people.", "The outbreak has killed 250 people so far."),
        (3, "250 people", 1),
    ),
    "no more than vs larger": (
        article("The storm killed no more than 30 people.", "The storm killed 45 people across the region."),
        (3, "45 people", 1),
    ),
    "at least vs smaller": (
        article("The blast killed at least 30 people.", "The blast killed 25 people, police said."),
        (3, "25 people", 1),
    ),
    "more than vs smaller": (
        article("The siege has killed more than 100 people.", "The siege has killed 90 people, medics say."),
        (3, "90 people", 1),
    ),
    "over vs smaller": (
        article("The ferry sinking killed over 200 passengers.", "The sinking killed 180 passengers."),
        (3, "180 passengers", 1),
    ),
    "fewer than vs larger": (
        article("The riots injured fewer than 50 people.", "The riots injured 60 people, doctors said."),
        (3, "60 people", 1),
    ),
    "under vs larger": (
        article("The fire killed under 50 people.", "The fire killed 70 people in all."),
        (3, "70 people", 1),
    ),
    "almost vs larger": (
        article("Shelling has killed almost 700 civilians.", "Shelling has killed 800 civilians this year."),
        (3, "800 civilians", 1),
    ),
    "close to vs larger": (
        article("The epidemic has killed close to 1,000 people.", "The epidemic has killed 1,200 people."),
        (3, "1,200 people", 1),
    ),
    "about vs far": (
        article("The quake killed about 300 people.", "The quake killed 450 people, the ministry said."),
        (3, "450 people", 1),
    ),
    "an estimated vs far": (
        article(
            "The famine has killed an estimated 250,000 people.", "The famine has killed 320,000 people."
        ),
        (3, "320,000 people", 1),
    ),
    "some vs far": (
        article(
            "The landslide killed some 40 villagers.", "The landslide killed 60 villagers, rescuers said."
        ),
        (3, "60 villagers", 1),
    ),
    "dozens vs a dozen": (
        article("The crash killed dozens of people.", "The crash killed a dozen people, police said."),
        (3, "a dozen people", 1),
    ),
    "hundreds vs fewer": (
        article(
            "Police arrested hundreds of protesters.", "Police arrested 150 protesters over the weekend."
        ),
        (3, "150 protesters", 1),
    ),
    "thousands vs tens of thousands": (
        article("The fighting displaced thousands of families.", "The fighting displaced 25,000 families."),
        (3, "25,000 families", 1),
    ),
    "hundreds of thousands vs smaller": (
        article(
            "The floods displaced hundreds of thousands of people.", "The floods displaced 80,000 people."
        ),
        (3, "80,000 people", 1),
    ),
    "half a million vs smaller": (
        article(
            "The drought has displaced half a million people.", "The drought has displaced 300,000 people."
        ),
        (3, "300,000 people", 1),
    ),
    "number words": (
        article("The gunmen killed twenty-five people.", "The gunmen killed 35 people, witnesses said."),
        (3, "35 people", 1),
    ),
    "range vs outside": (
        article("The raid killed between 300 and 400 people.", "The raid killed 600 people, activists said."),
        (3, "600 people", 1),
    ),
    "hyphen range vs outside": (
        article("The clashes injured 300-400 people.", "The clashes injured 600 people."),
        (3, "600 people", 1),
    ),
    "passive vs active": (
        article("Seven people were killed in the attack.", "The attack killed nine people, the army said."),
        (3, "nine people", 1),
    ),
    "deaths noun": (
        article("The heatwave caused 1,500 deaths.", "The heatwave killed 2,400 people, officials said."),
        (3, "2,400 people", 1),
    ),
    "job cuts": (
        article("The carmaker will cut 2,000 jobs.", "The carmaker will cut 3,000 jobs in Europe."),
        (3, "3,000 jobs", 1),
    ),
    "job losses noun": (
        article("The bank plans 4,000 job losses.", "The bank will cut 6,000 jobs, unions said."),
        (3, "6,000 jobs", 1),
    ),
    "days vs weeks": (
        article("The truce will last seven days.", "Aid agencies hope the truce holds for two weeks."),
        (3, "two weeks", 1),
    ),
    "month-long vs days": (
        article("The month-long strike closed the port.", "The strike lasted 40 days, the union said."),
        (3, "40 days", 1),
    ),
    "hyphenated days vs a week": (
        article("The 12-day ceasefire began on the border.", "The ceasefire held for a week."),
        (3, "a week", 1),
    ),
    "money bn": (
        article("The takeover is worth $3bn.", "Analysts said the $4.2bn takeover would close in May."),
        (3, "$4.2bn takeover", 1),
    ),
    "money fine": (
        article(
            "Northbank was fined £600m by the regulator.", "Northbank was fined £450m, its lawyers said."
        ),
        (3, "£450m", 1),
    ),
    "percentage of the vote": (
        article("The Green party won 52% of the vote.", "The Green party won 48 per cent of the vote."),
        (3, "48 per cent of the vote", 1),
    ),
    "around vs far": (
        article("The avalanche killed around 40 climbers.", "The avalanche killed 60 climbers."),
        (3, "60 climbers", 1),
    ),
    "number without noun": (
        article(
            "The conflict has killed 400,000, according to the UN.",
            "The conflict has killed as many as 500,000.",
        ),
        (3, "as many as 500,000", 1),
    ),
    "subject with a place": (
        article(
            "Floods in the south have displaced 120,000 people.",
            "The floods have displaced more than 200,000 people.",
        ),
        (3, "more than 200,000 people", 1),
    ),
    "thousands vs hundreds": (
        article(
            "The disease has killed thousands of people.", "The disease has killed 600 people, doctors said."
        ),
        (3, "600 people", 1),
    ),
    "tens of thousands vs fewer": (
        article(
            "The fighting has displaced tens of thousands of people.",
            "The fighting has displaced 5,000 people.",
        ),
        (3, "5,000 people", 1),
    ),
    "hours vs hyphenated days": (
        article(
            "The ceasefire, which took effect on Monday, is due to last 72 hours.",
            "The five-day ceasefire was brokered by Qatar.",
        ),
        (3, "five-day ceasefire", 1),
    ),
    "money worth vs attributive": (
        article("The deal is worth £2.5bn.", "The £1.8bn deal still needs approval."),
        (3, "£1.8bn deal", 1),
    ),
    "money fined vs paid a fine": (
        article("The company was fined $5m.", "The company paid a fine of $8m."),
        (3, "$8m", 1),
    ),
    "jobs go vs cost jobs": (
        article("Nearly 3,000 jobs will go.", "The plant closure will cost 4,500 jobs."),
        (3, "4,500 jobs", 1),
    ),
    "part larger than whole": (
        article("The bombing killed 300 civilians, including 400 children, medics said."),
        (1, "400 children", 1),
    ),
}

AGREE = {
    "as many as vs up to": article(
        "The war has killed as many as 500,000 people.", "The war has killed up to 500,000 people."
    ),
    "rounded": article("The war has killed 400,000 people.", "The war has killed 420,000 people."),
    "at least vs larger": article("The blast killed at least 30 people.", "The blast killed 45 people."),
    "more than vs larger": article(
        "The siege has killed over 100 people.", "The siege has killed 120 people."
    ),
    "less than vs smaller": article("The riots injured less than 50 people.", "The riots injured 40 people."),
    "nearly vs bare": article(
        "Shelling has killed nearly 700 civilians.", "Shelling has killed 700 civilians."
    ),
    "about vs close": article("The quake killed about 300 people.", "The quake killed 320 people."),
    "roughly vs close": article("The storm killed roughly 2,000 people.", "The storm killed 2,150 people."),
    "dozens vs forty": article("The crash killed dozens of people.", "The crash killed 40 people."),
    "hundreds vs 300": article("Police arrested hundreds of protesters.", "Police arrested 300 protesters."),
    "tens of thousands": article(
        "The floods displaced tens of thousands of people.", "The floods displaced 50,000 people."
    ),
    "half a million vs 500,000": article(
        "The drought has displaced half a million people.", "The drought has displaced 500,000 people."
    ),
    "million scale": article(
        "The famine has killed 1.2 million people.", "The famine has killed 1,200,000 people, the UN said."
    ),
    "a dozen vs 12": article("The crash killed a dozen people.", "The crash killed 12 people."),
    "range vs inside": article("The raid killed between 300 and 400 people.", "The raid killed 350 people."),
    "7 days, a week, seven-day": article(
        "The truce holds for 7 days.",
        "If the truce holds for a week, talks resume.",
        "The seven-day truce is fragile.",
    ),
    "month-long vs 30 days": article("The month-long strike closed the port.", "The strike lasted 30 days."),
    "72 hours vs three days": article(
        "The 72-hour ceasefire began at dawn.", "The ceasefire lasts three days."
    ),
    "money units": article(
        "The takeover is worth £600m.", "Analysts said the £600 million takeover was fair."
    ),
    "money bn vs billion": article("The takeover is worth $3bn.", "The $3 billion takeover closes in May."),
    "percent spelled": article(
        "The Green party won 52% of the vote.", "The Green party won 52 percent of the vote."
    ),
    "job losses": article("The carmaker will cut 2,000 jobs.", "The 2,000 job losses hit two plants."),
    "around vs near": article(
        "The avalanche killed around 40 climbers.", "The avalanche killed 43 climbers."
    ),
    "number without noun vs up to": article(
        "The conflict has killed 400,000, according to the UN.",
        "The conflict has killed up to 500,000 people.",
    ),
    "money bn vs billion pounds": article(
        "The deal is worth £2.5bn.", "The £2.5 billion deal still needs approval."
    ),
    "hours vs days": article("The 48-hour truce began at midnight.", "The truce is set to last two days."),
    "years vs a decade": article("The ban will last ten years.", "The ban will last a decade."),
    "part of": article("Shelling has killed almost 700 civilians, including 160 children, a monitor said."),
    "part of them": article("The bombing killed 700 civilians, 160 of them children."),
    # different things: never compared
    "different nouns": article("The clashes killed 400 soldiers.", "The clashes killed 600 civilians."),
    "different events": article("The blast killed 30 people.", "The blast injured 90 people."),
    "different subjects": article(
        "The war has killed 400,000 people.", "An airstrike on Tuesday killed 12 people in the north."
    ),
    "different years": article(
        "In 2014, the fighting killed 3,000 people.", "In 2015, the fighting killed 5,000 people."
    ),
    "another incident": article("A car bomb killed 12 people.", "Another car bomb killed 30 people nearby."),
    "also": article("The blast killed 12 people.", "Eight people were also killed in a second blast."),
    "one sentence": article("Police said 30 people died, but rebels said 60 people died."),
    "change": article("The storm killed 30 people.", "The death toll rose to 45 on Tuesday."),
    "increment": article("The storm killed 30 people.", "Rescuers found 10 more people dead."),
    "years are not counts": article("The war began in 2011.", "Talks stalled in 2013."),
    "durations of different things": article(
        "Forty days of shelling preceded the talks.", "The month-long offensive failed."
    ),
    "durations of new things": article("Sign up for a 30-day free trial.", "Or take a 7-day trial."),
    "quoted": article("The fire killed 30 people.", "\u201cWe counted 50 dead,\u201d a doctor said."),
    "hypothetical": article("The flood killed 30 people.", "A second flood could kill 300 people."),
    "different shares": article("Rebels hold 40% of the city.", "Government forces hold 60% of the city."),
    "changes in percent": article("Prices rose 5% in March.", "Prices rose 7% in April."),
    "different periods of money": article(
        "The company posted revenue of $3bn.", "Its revenue was $4bn a year earlier."
    ),
    "part and total": article(
        "The storm killed 14 people.", "The storm killed 14 people, including 3 children, and injured 40."
    ),
    "far apart": article("The war has killed 400,000 people.", "The war killed 12 people in the city."),
}


@pytest.mark.parametrize("name", list(CONFLICTS))
def test_conflict(name: str) -> None:
    text, (line, flagged, related_line) = CONFLICTS[name]
    findings = lint(text)
    assert len(findings) == 1, [f.message for f in findings]
    f = findings[0]
    lines = text.splitlines()
    assert f.rule == "conflicting-figures"
    assert f.severity is Severity.ERROR
    source = Source("story.txt", text)
    assert source.index.location(f.span.start) == (line, lines[line - 1].index(flagged) + 1)
    assert text[f.span.start : f.span.end] == flagged
    assert [r.line for r in f.related] == [related_line]
    assert f"'{flagged}' (line {line})" in f.message
    assert f"(line {related_line})" in f.message


@pytest.mark.parametrize("name", list(AGREE))
def test_agree(name: str) -> None:
    assert [f.message for f in lint(AGREE[name])] == []


def test_message_quotes_both_mentions() -> None:
    (f,) = lint(CONFLICTS["bare vs as many as"][0])
    assert f.message == "'400,000 people' (line 5) conflicts with 'as many as 500,000 people' (line 1)"
    (r,) = f.related
    assert (r.path, r.line, r.column, r.end_line, r.end_column) == ("story.txt", 1, 20, 1, 45)


def test_part_message() -> None:
    (f,) = lint(CONFLICTS["part larger than whole"][0])
    assert f.message == "'400 children' (line 1) is a part of '300 civilians' (line 1) but larger"


def test_reported_once_per_later_mention() -> None:
    text = article(
        "The war has killed 400,000 people.",
        "The war has killed 600,000 people.",
        "The war has killed 600,000 people.",
    )
    assert [(Source("s", text).index.location(f.span.start)[0], f.related[0].line) for f in lint(text)] == [
        (3, 1),
        (5, 1),
    ]


@pytest.mark.parametrize("odd", ["\u0131", "\u0130", "\u017f", "\u212a"])
def test_letters_a_regex_matches_as_ascii_are_read_as_ascii(odd: str) -> None:
    """'kılled', 'mıllion', 'aſ many aſ' match the rule's case-insensitive regexes as 'killed',
    'million', 'as many as'; the tables are looked up by those words (they used to raise KeyError),
    and the messages quote the text as written."""
    ascii = {"\u0131": "i", "\u0130": "i", "\u017f": "s", "\u212a": "k"}[odd]
    text = article(
        "The war has killed as many as 3 million people, a monitoring group says.",
        "The war has killed 5 million people since it began.",
    ).replace(ascii, odd)
    assert odd in text
    findings = lint(text)
    assert len(findings) == 1
    (f,) = findings
    flagged = "5 million people".replace(ascii, odd)
    assert f.rule == "conflicting-figures"
    column = text.splitlines()[2].index(flagged) + 1
    assert Source("story.txt", text).index.location(f.span.start) == (3, column)
    assert text[f.span.start : f.span.end] == flagged
    assert f.message.startswith(f"'{flagged}' (line 3) conflicts with")
    assert [r.line for r in f.related] == [1]


def test_tolerance_is_half_the_last_place() -> None:
    from decimal import Decimal

    assert tolerance(Decimal(400000)) == 50000
    assert tolerance(Decimal(7)) == Decimal("0.5")
    assert tolerance(Decimal("3.5")) == Decimal("0.05")


def test_interval_specs() -> None:
    iv = IntervalSpec("[n-e, n)").apply(700, 50, 70)
    assert (iv.lo, iv.hi, iv.lo_closed, iv.hi_closed) == (630, 700, True, False)
    assert IntervalSpec("(n, inf)").apply(5, 0.5, 0.5).hi == float("inf")
    with pytest.raises(ValueError):
        IntervalSpec("n plus a bit")


def test_bad_table_entry_is_a_config_error(tmp_path) -> None:
    from newslint.errors import ConfigError

    path = tmp_path / "conflicting-figures.yaml"
    with open(RULE.path, encoding="utf-8") as fh:
        text = fh.read().replace('as many as: "[n-e, n]"', 'as many as: "n or so"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"conflicting-figures.yaml:\d+: 'hedges'"):
        Checker(load_rule("conflicting-figures", str(path)))


@pytest.mark.skipif(not os.path.exists(SEED), reason="../shared/seed is not present")
def test_seed_article_has_no_conflict() -> None:
    with open(SEED, encoding="utf-8") as fh:
        assert lint(fh.read()) == []
