"""Fixture articles we wrote, per rule: what must fire (rule, line, column, count, fix) and what must not."""

import pytest
from helpers import lint, where

from newslint.config import Config

ARTICLE = """Share

Harbour bridge to close for repairs

The city council voted on Tuesday to close the harbour bridge for six weeks of repairs, officials said.

Advertisement

The U.S. -funded project was seen by engineers has having the potential to last decades.

Read more: Council approves new budget

Reporters waited outside Patel s office for an hour, and the the mayor said little.
"""


def test_stray_marker_flags_whole_residue_lines_with_a_deleting_fix():
    rows = lint(ARTICLE, "stray-marker")
    assert where(rows) == [
        ("stray-marker", 1, 1, "Share"),
        ("stray-marker", 7, 1, "Advertisement"),
        ("stray-marker", 11, 1, "Read more: Council approves new budget"),
    ]
    assert rows[1]["fixed"] == ARTICLE.replace("Advertisement\n\n", "")
    assert rows[0]["fixed"] == ARTICLE.replace("Share\n\n", "", 1)


def test_a_link_to_another_story_is_residue_however_long_its_headline():
    # 14 words: past the 12 of other residue lines, and headline-like for orphan-headline, which
    # leaves such a line to stray-marker (one finding, with the fix)
    link = "MORE: Harbour Bridge Repairs Will Cost Twice What The Council Was Told, Engineers Say"
    signup = "Sign up for the harbour newsletter using the same email address as your ferry pass"
    body = "The city council voted on Tuesday to close the harbour bridge for six weeks of repairs."
    text = f"Bridge to close\n\n{body}\n\n{link}\n\n{signup}\n\nThe vote passed, officials said.\n"
    rows = lint(text, "stray-marker", "orphan-headline")
    assert where(rows) == [("stray-marker", 5, 1, link)]  # a 15-word sign-up line is prose
    assert rows[0]["fixed"] == text.replace(f"{link}\n\n", "")
    # orphan-headline yields the line to stray-marker; without stray-marker it reports it
    assert where(lint(text, "orphan-headline")) == [("orphan-headline", 5, 1, link)]


@pytest.mark.parametrize(
    "line",
    [
        "Follow Jane Doe on Twitter: @janedoe",
        "Follow Jane Doe (@janedoe) on Twitter",
        "Like Us On Facebook | Follow Us On Twitter | Contact The Author",
        "Last updated Sat 24 Jan 2015",
        "Last Update: Monday, 12 January 2015 GMT 16:36",
        "Modified Date: November 25, 2014 10:42 AM",
        "ON A MOBILE DEVICE? CLICK HERE FOR VIDEO",
        "Read next: Harbour bridge repairs to cost twice as much",
        "Featured Image Credit: Screenshot via YouTube",
        "Image: jdoe/Shutterstock",
        "Photo: example.org",
    ],
)
def test_stray_marker_follow_lines_timestamps_and_video_prompts(line):
    text = f"The council met on Tuesday.\n\n{line}\n\nThe vote passed.\n"
    assert where(lint(text, "stray-marker")) == [("stray-marker", 3, 1, line)]


@pytest.mark.parametrize(
    "line",
    [
        "Follow the money, investigators said on Twitter.",
        "Like Jane Doe on Twitter, the mayor has used Facebook to attack reporters.",
        "Like Us on Facebook, a campaign by the city, drew 40,000 fans.",
        "Follow Me On Twitter was the name of the show.",
        "More: the council also voted to raise parking fees by 20 percent from January, a move shops oppose.",
        "Watch: Sunday at 8 p.m. on the city channel, with new episodes streaming weekly.",
        "Last updated in 2019, the map misses the new homes.",
        "Published date: March 4, the report found 12 errors.",
        "Sign up for the program closes on Friday, officials said.",
        "Subscribe and save is the store's new slogan, the owner says.",
        "Credit: the program lets families borrow up to $5,000.",
    ],
)
def test_stray_marker_leaves_prose_alone(line):
    text = f"The council met on Tuesday.\n\n{line}\n\nThe vote passed.\n"
    assert lint(text, "stray-marker") == []


def test_stray_marker_exceptions_protect_whole_lines():
    text = "The council met on Tuesday.\n\nAdvertisement\n\nShare\n"
    config = Config(rules={"stray-marker": {"exceptions": ["(?i)share"]}})
    assert where(lint(text, "stray-marker", config=config)) == [("stray-marker", 3, 1, "Advertisement")]


def test_stray_marker_takes_a_colon_after_share():
    text = "The council met on Tuesday.\n\nShare this:\n\nThe vote passed.\n"
    (row,) = lint(text, "stray-marker")
    assert (row["rule"], row["line"], row["column"], row["text"]) == ("stray-marker", 3, 1, "Share this:")
    assert row["fixed"] == "The council met on Tuesday.\n\nThe vote passed.\n"


def test_stray_marker_fix_at_end_of_file_keeps_the_final_newline():
    text = (
        "A report on the vote.\n\nThe council met on Monday and voted to close the bridge.\n\nAdvertisement\n"
    )
    rows = lint(text, "stray-marker")
    assert [(r["line"], r["column"]) for r in rows] == [(5, 1)]
    assert (
        rows[0]["fixed"]
        == "A report on the vote.\n\nThe council met on Monday and voted to close the bridge.\n"
    )


RESIDUE = [
    "Advertisement - Continue Reading Below",
    "Image copyright Getty Images",
    "Image caption The bridge was built in 1932",
    "Media playback is unsupported on your device",
    "(Photo courtesy of the city council)",
    "(Picture: Harbour Authority)",
    "Loading...",
    "Video",
    "Recommended for You",
    "Most Popular",
    "You may also like",
    "Listen to this article",
    "More from the Harbour Times:",
    "SIGN UP",
]


def test_stray_marker_flags_page_furniture_of_news_sites():
    body = "The council met on Tuesday to vote on the harbour bridge.\n\n{}\n\nThe vote passed, 7 to 2.\n"
    for line in RESIDUE:
        text = body.format(line)
        rows = lint(text, "stray-marker")
        assert [(r["rule"], r["line"], r["column"], r["text"]) for r in rows] == [
            ("stray-marker", 3, 1, line)
        ]
        assert rows[0]["fixed"] == body.format("").replace("\n\n\n\n", "\n\n"), line


def test_stray_marker_leaves_such_words_in_sentences_and_headings_alone():
    text = (
        "Video shows the bridge swaying in the wind\n\n"
        "A video recorded by a driver shows the bridge swaying, and more from the council is expected.\n\n"
        "Officials recommended for you to use the coast road; sign up at the town hall, they said.\n"
    )
    assert lint(text, "stray-marker") == []


def test_stray_marker_is_silent_on_words_inside_sentences():
    text = "Officials will share the cost. Readers can subscribe to alerts, the council said.\n"
    assert lint(text, "stray-marker") == []


def test_hyphen_spacing():
    rows = lint(ARTICLE, "hyphen-spacing")
    assert where(rows) == [("hyphen-spacing", 9, 5, "U.S. -funded")]
    assert "The U.S.-funded project" in rows[0]["fixed"]


def test_hyphen_spacing_leaves_dashes_and_suspended_compounds_alone():
    text = (
        "The vote - a close one - passed. Pre- and post-war records – all of them – burned. "
        "Small- and -mid caps.\n"
    )
    assert lint(text, "hyphen-spacing") == []


def test_common_confusion():
    rows = lint(ARTICLE, "common-confusion")
    assert where(rows) == [
        ("common-confusion", 9, 48, "has having"),
        ("common-confusion", 13, 58, "the the"),
    ]
    assert "seen by engineers as having the" in rows[0]["fixed"]
    assert "and the mayor said" in rows[1]["fixed"]


def test_common_confusion_modal_of_and_case():
    rows = lint(
        "Officials could of stopped it. The the vote failed. Walla Walla voted.\n", "common-confusion"
    )
    assert [(r["column"], r["text"]) for r in rows] == [(11, "could of"), (32, "The the")]
    assert rows[0]["fixed"].startswith("Officials could have stopped it.")
    assert "it. The vote failed." in rows[1]["fixed"]


def test_common_confusion_is_silent_on_valid_text():
    text = "He said that that was fine. They had had enough. In May of last year, most of them left.\n"
    assert lint(text, "common-confusion") == []
    text = "Har har, he wrote. Wink wink, nudge nudge. At 12:10 pm PM aides spoke. The US us visit.\n"
    assert lint(text, "common-confusion") == []


SLIPS = [
    ("The council will loose money on the deal.", "will loose", "will lose"),
    ("Drivers are loosing patience with the detour.", "are loosing", "are losing"),
    ("The closure has lead to long queues.", "has lead to", "has led to"),
    ("The state payed for the repairs.", "payed", "paid"),
    ("The plan peaked their interest.", "peaked their interest", "piqued their interest"),
    ("Councillors will tow the party line.", "tow the party line", "toe the party line"),
    ("The question is a mute point now.", "mute point", "moot point"),
    ("Critics called it slight of hand.", "slight of hand", "sleight of hand"),
    ("Officials hope to nip it in the butt.", "nip it in the butt", "nip it in the bud"),
    ("Its a difficult choice for the council.", "Its a", "It’s a"),
]


def test_common_confusion_more_slips():
    for sentence, slip, fixed in SLIPS:
        text = f"The bridge closed on Monday.\n\n{sentence}\n"
        rows = lint(text, "common-confusion")
        assert [(r["rule"], r["line"], r["column"], r["text"]) for r in rows] == [
            ("common-confusion", 3, sentence.index(slip) + 1, slip)
        ], sentence
        assert rows[0]["fixed"] == text.replace(slip, fixed)


def test_common_confusion_leaves_the_right_words_alone():
    text = (
        "The dog broke loose. Officials will cut loose ends. The crew payed out the rope.\n\n"
        "Its members voted. The lead engineer will lead the team; its not-for-profit arm paid.\n"
    )
    assert lint(text, "common-confusion") == []


def test_broken_possessive():
    rows = lint(ARTICLE, "broken-possessive")
    assert where(rows) == [("broken-possessive", 13, 26, "Patel s")]
    assert "outside Patel's office" in rows[0]["fixed"]


def test_broken_possessive_of_a_common_noun_after_a_determiner():
    text = "The mayor s office was shut. Drivers queued at the council s depot.\n"
    rows = lint(text, "broken-possessive")
    assert where(rows) == [("broken-possessive", 1, 5, "mayor s"), ("broken-possessive", 1, 52, "council s")]
    assert rows[0]["fixed"] == text.replace("mayor s", "mayor's")
    assert rows[1]["fixed"] == text.replace("council s", "council's")


def test_broken_possessive_is_silent_on_a_letter_s():
    text = "Add an s to the word. The plural takes an s at the end, the editor said.\n"
    assert lint(text, "broken-possessive") == []


def test_quote_punctuation_american_and_british():
    text = "“We are ready”, the mayor said. She called it “a fair deal”.\n"
    rows = lint(text, "quote-punctuation")
    assert [(r["line"], r["column"], r["text"]) for r in rows] == [(1, 14, "”,"), (1, 59, "”.")]
    assert rows[0]["fixed"].startswith("“We are ready,” the mayor")
    assert lint(text, "quote-punctuation", config=Config(style={"quotes": "british"})) == []


def test_quote_punctuation_silent_when_inside():
    assert lint("“We are ready,” the mayor said. “Go.”\n", "quote-punctuation") == []


def test_editorializing_outside_quotes_only():
    text = (
        "The mayor is really confident the plan will work. Obviously, the council agreed.\n\n"
        "“It is really a good plan,” she said.\n"
    )
    rows = lint(text, "editorializing")
    assert where(rows) == [("editorializing", 1, 14, "really"), ("editorializing", 1, 51, "Obviously")]


def test_editorializing_verdict_after_be():
    text = (
        "The harbour plan is clearly a disaster for the port. The vote was obviously rigged.\n\n"
        "“It is clearly a disaster,” she said. The sign clearly said the road was shut.\n"
    )
    rows = lint(text, "editorializing")
    assert where(rows) == [("editorializing", 1, 21, "clearly"), ("editorializing", 1, 67, "obviously")]


def test_inconsistent_naming_reports_once_per_group_at_the_minority():
    text = (
        "U.S. officials met on Monday. The U.S. delegation stayed.\n\n"
        "The US envoy left, and Mr. Lee agreed to a cease-fire.\n\n"
        "Mr Lee said the ceasefire would hold.\n"
    )
    rows = lint(text, "inconsistent-naming")
    assert where(rows) == [
        ("inconsistent-naming", 3, 5, "US"),
        ("inconsistent-naming", 5, 1, "Mr"),
        ("inconsistent-naming", 5, 17, "ceasefire"),
    ]
    assert "'US' (1×)" in rows[0]["message"] and "'U.S.' (2×)" in rows[0]["message"]
    assert rows[0]["related"] == [(1, 1)]


def test_inconsistent_naming_silent_when_consistent():
    assert (
        lint("U.S. officials met. The U.S. envoy left. USA TODAY reported it.\n", "inconsistent-naming") == []
    )
    # a team's name and the country in an address are no spelling of the country's name
    text = "U.S. fans cheered Team USA. The firm is based in Palo Alto, California, USA.\n"
    assert lint(text, "inconsistent-naming") == []
    (row,) = lint("U.S. fans cheered. The USA team won.\n", "inconsistent-naming")
    assert (row["line"], row["column"], row["text"]) == (1, 24, "USA")


def test_orphan_headline_at_foot_not_title():
    text = (
        "Council votes to close harbour bridge\n\n"
        "The city council voted on Tuesday to close the harbour bridge for repairs next month.\n\n"
        "The bridge will reopen in May, officials said.\n\n"
        "Mayor: Harbour bridge to reopen by summer after repairs\n"
    )
    rows = lint(text, "orphan-headline")
    assert [(r["line"], r["column"], r["end_column"]) for r in rows] == [(7, 1, 56)]


def test_orphan_headline_silent_on_subheads():
    text = (
        "Council votes to close harbour bridge\n\n"
        "The city council voted on Tuesday to close the harbour bridge for repairs next month.\n\n"
        "What Happens To Commuters Now\n\n"
        "Buses will replace the ferry route, the transport office said on Wednesday morning.\n\n"
        "Where The Money Comes From\n\n"
        "The state will pay for most of the work, according to the budget office.\n"
    )
    assert lint(text, "orphan-headline") == []


def test_editorializing_skips_first_and_second_person_sentences():
    text = "I think the plan is really good. You are really lucky. The US plan is really popular.\n"
    assert where(lint(text, "editorializing")) == [("editorializing", 1, 71, "really")]


def test_editorializing_skips_sentences_a_source_is_speaking_in():
    text = (
        "The mayor said the plan is really popular. According to police, the driver was clearly drunk. "
        "The union defended it, saying the deal was clearly fair.\n\n"
        "Needless to say, the council agreed. The plan is really popular.\n\n"
        "All told, the project was clearly a failure. The added fees are clearly a burden.\n"
    )
    assert where(lint(text, "editorializing")) == [
        ("editorializing", 3, 1, "Needless to say"),
        ("editorializing", 3, 50, "really"),
        ("editorializing", 5, 27, "clearly"),
        ("editorializing", 5, 65, "clearly"),
    ]


def test_orphan_headline_ignores_credit_and_copyright_lines_at_the_foot():
    body = "The city council voted on Tuesday to close the harbour bridge for repairs next month.\n\n"
    for foot in (
        "Provided by Harbour City Council Press Office",
        "2019 Harbour City Council, All Rights Reserved",
        "Additional reporting by Jane Doe and John Roe",
        "The Harbour Press, with files from The Coast Gazette",
        "Via the Coast Gazette And The Harbour Post",
        "Rendering of the New Harbour Bridge by City Engineers",
    ):
        assert lint(f"Bridge closes\n\n{body}{foot}\n", "orphan-headline") == []
    # headlines that merely hold such words are still headlines
    for stray in (
        "Via Rail Cuts Service To Northern Harbour Towns",
        "Union Says Editing By Software Caused Errors",
    ):
        assert where(lint(f"Bridge closes\n\n{body}{stray}\n", "orphan-headline")) == [
            ("orphan-headline", 5, 1, stray)
        ]
