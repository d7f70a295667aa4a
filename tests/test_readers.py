"""Markdown and HTML readers: block texts and kinds, titles, skipped spans, and exact source spans."""

from __future__ import annotations

import os

import pytest
from helpers import LONG_LINES, deadline

from newslint.api import lint_text
from newslint.document import Block, Document
from newslint.readers import read_document
from newslint.source import Source

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "examples")


def read(text: str, path: str) -> Document:
    return read_document(Source(path, text))


def source_of(doc: Document, block: Block, words: str) -> str:
    """The source text under the span of the first occurrence of words in the block."""
    a = block.text.index(words)
    span = block.span(a, a + len(words))
    return doc.source.text[span.start : span.end]


def assert_maps_exactly(doc: Document) -> None:
    """Every block character maps to the same character in the source, or to the '&' of an entity,
    to whitespace for a collapsed space (HTML), or to the '<' of a <br> for a line break (HTML)."""
    src = doc.source.text
    for block in doc.blocks:
        for i, c in enumerate(block.text):
            s = src[block.offsets.to_source(i)]
            ok = c == s or s == "&" or (c == " " and s.isspace()) or (c == "\n" and s == "<")
            assert ok, (block.text, i)


# --- Markdown -------------------------------------------------------------------------------------

MD = """\
---
layout: story
title: "Ferry service resumes after strike"
tags: [transport, strike]
---

# Ferry *service* resumes

The island's ferry, run by a **US -backed** operator since 2019, sailed again on
Tuesday after a [nine-day strike](https://example.com/strike "Strike (day 9)") by deck crews &amp;
engineers.

> "Nobody wanted this to drag on," said union steward
> Kofi Mensah.

- Morning sailings return first
- Night sailings\x20\x20
  resume next week

Passengers can check times at `ferry --times` or <https://example.com/times>.
<!-- newslint-disable hyphen-spacing -->

```
ferry -status --all
```
"""


def test_markdown_blocks_and_kinds():
    doc = read(MD, "a.md")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("title", "Ferry service resumes after strike"),
        ("heading", "Ferry service resumes"),
        (
            "paragraph",
            "The island's ferry, run by a US -backed operator since 2019, sailed again on\n"
            "Tuesday after a nine-day strike by deck crews &\nengineers.",
        ),
        ("quote", '"Nobody wanted this to drag on," said union steward\nKofi Mensah.'),
        ("list_item", "Morning sailings return first"),
        ("list_item", "Night sailings\nresume next week"),
        ("paragraph", "Passengers can check times at or."),
    ]
    assert_maps_exactly(doc)


def test_markdown_front_matter_gives_the_title_and_is_skipped_around_it():
    doc = read(MD, "a.md")
    assert doc.title == "Ferry service resumes after strike"
    skipped = [MD[s.start : s.end] for s in doc.skipped]
    assert skipped[:2] == ['---\nlayout: story\ntitle: "', '"\ntags: [transport, strike]\n---\n']
    title = doc.blocks[0]
    assert source_of(doc, title, "resumes after") == "resumes after"


def test_markdown_skips_code_urls_and_html():
    doc = read(MD, "a.md")
    skipped = [MD[s.start : s.end] for s in doc.skipped]
    assert "`ferry --times`" in skipped
    assert "<https://example.com/times>" in skipped
    assert "<!-- newslint-disable hyphen-spacing -->\n" in skipped
    assert "```\nferry -status --all\n```\n" in skipped
    assert not any("ferry -status" in b.text or "example.com" in b.text for b in doc.blocks)


@pytest.mark.parametrize(
    "kind, words, expected",
    [
        ("paragraph", "US -backed", "US -backed"),  # inside strong emphasis
        ("heading", "Ferry service resumes", "Ferry *service* resumes"),  # across emphasis markers
        ("paragraph", "nine-day strike", "nine-day strike"),  # link text, not the URL
        ("paragraph", "on\nTuesday", "on\nTuesday"),  # a soft line break
        ("paragraph", "crews &\nengineers", "crews &amp;\nengineers"),  # an entity inside the span
        ("quote", "steward\nKofi", "steward\n> Kofi"),  # across a block quote marker
        ("list_item", "Night sailings\nresume", "Night sailings  \n  resume"),  # a hard break
    ],
)
def test_markdown_spans_point_at_the_source(kind, words, expected):
    doc = read(MD, "a.md")
    block = next(b for b in doc.blocks if b.kind == kind and words in b.text)
    assert source_of(doc, block, words) == expected


def test_markdown_title_span_is_exact_and_plain_titles_work():
    text = "---\ntitle: Mayor signs US -backed budget\n---\nThe mayor signed it.\n"
    doc = read(text, "a.md")
    assert doc.title == "Mayor signs US -backed budget"
    assert source_of(doc, doc.blocks[0], "US -backed") == "US -backed"


def test_markdown_without_front_matter_takes_a_leading_h1_as_title():
    doc = read("# Storm closes schools\n\nAll schools were shut on Friday.\n", "a.md")
    assert doc.title == "Storm closes schools"
    assert doc.skipped == []


def test_markdown_escapes_and_crlf():
    text = "Prices rose 5\\% in \\*March\\*,\r\nthe US -backed agency said.\r\n"
    doc = read(text, "a.md")
    assert doc.blocks[0].text == "Prices rose 5% in *March*,\nthe US -backed agency said."
    assert source_of(doc, doc.blocks[0], "5% in *March*") == "5\\% in \\*March\\*"
    assert source_of(doc, doc.blocks[0], "*March*") == "*March\\*"  # an escaped character maps to itself
    assert source_of(doc, doc.blocks[0], "US -backed") == "US -backed"


def test_markdown_finding_end_to_end():
    text = "---\ntitle: Budget passes\n---\n\nThe *council* approved the\n**US -backed** budget.\n"
    source = Source("a.md", text)
    findings = [f for f in lint_text(text, "a.md") if f.rule == "hyphen-spacing"]
    assert len(findings) == 1
    span = findings[0].span
    assert text[span.start : span.end] == "US -backed"
    assert source.index.location(span.start) == (6, 3)


def test_markdown_code_is_never_flagged():
    text = "Run `could of` in the shell.\n\n    the US -backed tool\n"
    assert [f.rule for f in lint_text(text, "a.md")] == []


# --- HTML -----------------------------------------------------------------------------------------

HTML = """\
<!DOCTYPE html>
<html>
<head>
  <title>Dam repair ends | The Riverside Post</title>
  <meta property="og:title" content="Dam repair ends after two years">
  <script>var ads = "<p>not prose</p>";</script>
  <style>p { margin: 0 }</style>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="teaser"><article><h2>Other story</h2><p>A short teaser.</p></article></div>
<article class="story">
  <h1>Dam repair ends after two years</h1>
  <div class="social-share"><a href="#">Share</a><a href="#">Tweet</a></div>
  <p>Crews finished work on the Elm Creek dam on Friday, ending a repair
     job that closed the <b>county</b> road for two years and cost $8.1&nbsp;million.</p>
  <p>The state&#8217;s <a href="/loans">US -backed</a> loan paid for most of it, officials said.</p>
  <blockquote><p>&ldquo;It held through two floods,&rdquo; the engineer said.</p></blockquote>
  <ul><li>Road reopens Monday</li><li>Boat ramp reopens in May</li></ul>
  <p>Line one<br>line two<br><br>A new paragraph after two breaks.</p>
  <div>Loose text in a div becomes its own block.</div>
  <figure><img src="dam.jpg" alt="The dam"><figcaption>The dam in June.</figcaption></figure>
  <div class="related-stories"><h3>Related</h3><p>Another dam story you may like.</p></div>
  <!-- a comment with <p>no prose</p> -->
</article>
<aside><p>Sidebar text that is not part of the story.</p></aside>
<footer><p>Copyright The Riverside Post.</p></footer>
</body>
</html>
"""


def test_html_blocks_come_from_the_article_only():
    doc = read(HTML, "a.html")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Dam repair ends after two years"),
        (
            "paragraph",
            "Crews finished work on the Elm Creek dam on Friday, ending a repair job that closed the"
            " county road for two years and cost $8.1\xa0million.",
        ),
        ("paragraph", "The state’s US -backed loan paid for most of it, officials said."),
        ("quote", "“It held through two floods,” the engineer said."),
        ("list_item", "Road reopens Monday"),
        ("list_item", "Boat ramp reopens in May"),
        ("paragraph", "Line one\nline two"),
        ("paragraph", "A new paragraph after two breaks."),
        ("paragraph", "Loose text in a div becomes its own block."),
        ("paragraph", "The dam in June."),
    ]
    assert_maps_exactly(doc)


def test_html_title_prefers_og_title_then_title_then_h1():
    assert read(HTML, "a.html").title == "Dam repair ends after two years"
    assert read("<title>Vote &amp; count</title><p>Text.</p>", "a.html").title == "Vote & count"
    assert read("<body><h1>Polls <i>close</i></h1><p>Text.</p></body>", "a.html").title == "Polls close"


@pytest.mark.parametrize(
    "words, expected",
    [
        ("US -backed", "US -backed"),  # link text
        ("repair job", "repair\n     job"),  # collapsed whitespace across lines
        ("the county road", "the <b>county</b> road"),  # across inline tags
        ("state’s US", 'state&#8217;s <a href="/loans">US'),  # a numeric entity
        ("8.1\xa0million", "8.1&nbsp;million"),  # a named entity at the end of a span
        ("“It held", "&ldquo;It held"),
        ("one\nline", "one<br>line"),
    ],
)
def test_html_spans_point_at_the_source(words, expected):
    doc = read(HTML, "a.html")
    block = next(b for b in doc.blocks if words in b.text)
    assert source_of(doc, block, words) == expected


def test_html_finding_end_to_end():
    source = Source("a.html", HTML)
    findings = [f for f in lint_text(HTML, "a.html") if f.rule == "hyphen-spacing"]
    assert len(findings) == 1
    span = findings[0].span
    assert HTML[span.start : span.end] == "US -backed"
    assert source.index.location(span.start) == (17, 41)


def test_html_text_dumped_one_paragraph_a_line_is_split_like_plain_text():
    one, two = LONG_LINES
    wrapped = "<p>Crews will work at night, the city said, so that the\nferry can keep its timetable.</p>"
    page = f'<div itemprop="articleBody">\nBridge to close\n\n{one}\n{two}\n{wrapped}</div>'
    doc = read(page, "a.html")
    assert [b.text for b in doc.blocks] == [
        "Bridge to close",
        one,
        two,
        "Crews will work at night, the city said, so that the ferry can keep its timetable.",
    ]
    assert page[doc.blocks[2].span().start : doc.blocks[2].span().end] == two
    assert_maps_exactly(doc)


def test_html_page_without_article_markup_narrows_to_the_text():
    page = (
        "<html><body><div id='menu'><div>Home</div><div>World</div></div>"
        "<div id='wrap'><div id='story'>"
        + "".join(f"<p>Paragraph {i} of the story has enough words to count as prose.</p>" for i in range(6))
        + "</div><div class='newsletter'><p>Sign up for our daily email.</p></div></div>"
        "<div id='foot'>Contact us</div></body></html>"
    )
    doc = read(page, "a.html")
    assert len(doc.blocks) == 6
    assert all(b.text.startswith("Paragraph") for b in doc.blocks)


def test_html_wrapper_with_a_furniture_class_is_kept():
    # a page whose whole body carries an ad-related class must not lose its article
    page = "<body class='has-ads cookies-pending'><p>The river rose two feet overnight.</p></body>"
    assert [b.text for b in read(page, "a.html").blocks] == ["The river rose two feet overnight."]


@pytest.mark.parametrize(
    "page",
    [
        "<p>Unclosed <b>bold and <i>italic",
        "</div></span><p>Stray end tags</p></p></li>",
        "<p>An unclosed comment <!-- runs to the end",
        "<p>A < b and a <3 heart & co &bogus; &#xZZ;</p>",
        "<div><p>One<p>Two<li>Three<li>Four</div>",
        "<p title='a > b'>Quoted angle bracket</p>",
        "<script>if (a < b) { document.write('</p>'); }</script><p>After script</p>",
    ],
)
def test_html_malformed_pages_still_map_exactly(page):
    doc = read(page, "a.html")
    assert doc.blocks
    assert_maps_exactly(doc)


def test_html_malformed_text():
    doc = read("<div><p>One<p>Two<li>Three<li>Four</div><p>A < b &bogus; &amp; c</p>", "a.html")
    assert [b.text for b in doc.blocks] == ["One", "Two", "Three", "Four", "A < b &bogus; & c"]


def test_html_tag_cut_off_at_the_end_of_the_page_reads_at_once():
    # no '>' after the last '<p ...': the tag regex used to try every split of its attributes
    page = "<p>The council met on Monday.</p>\n<p class=" + "story body " * 20
    with deadline(5):
        doc = read(page, "a.html")
    cut = page[page.index("<p class") :].strip()  # no tag without its '>': text
    assert [b.text for b in doc.blocks] == ["The council met on Monday.", cut]
    assert_maps_exactly(doc)


# --- examples -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["article.md", "article.html"])
def test_examples_show_the_rules_at_the_flagged_words(name):
    path = os.path.join(EXAMPLES, name)
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    found = {(f.rule, text[f.span.start : f.span.end]) for f in lint_text(text, name)}
    assert {
        ("hyphen-spacing", "US -backed"),
        ("common-confusion", "could of"),
        ("stray-marker", "Advertisement"),
        ("inconsistent-naming", "U.S."),
    } <= found


def test_fixes_never_cross_markup():
    from newslint.api import lint_text

    md = "# Talks\n\nThe **US** -backed plan and the EU -funded one passed on Monday, officials said.\n"
    fixes = {
        md[f.span.start : f.span.end]: f.fix for f in lint_text(md, "a.md") if f.rule == "hyphen-spacing"
    }
    assert fixes["US** -backed"] is None  # the fix would drop the closing **
    assert [e.content for e in fixes["EU -funded"].edits] == ["EU-funded"]


def test_residue_deletion_in_html_keeps_other_paragraphs():
    from newslint.api import lint_text

    html = (
        "<html><body><article><h1>Talks</h1><p>The council met on Monday and voted to close the bridge.</p>\n"
        "<div><p>Advertisement</p><p>The mayor said it.</p></div>\n"
        "<p>Advertisement</p>\n</article></body></html>\n"
    )
    found = [f for f in lint_text(html, "a.html") if f.rule == "stray-marker"]
    assert len(found) == 2
    assert found[0].fix is None  # its line holds another paragraph
    edit = found[1].fix.edits[0]
    assert html[edit.span.start : edit.span.end] == "<p>Advertisement</p>\n"


@pytest.mark.parametrize("name", ["page.html", "story.md", "story.txt"])
def test_reading_and_linting_a_document_leave_no_reference_cycles(name):
    """A check run keeps the cycle collector off: readers and rules must leave nothing that only
    the collector would free (the HTML reader's element tree points both ways)."""
    import gc

    body = "<div class='story'><p>The council voted <b>on Tuesday</b> to close the bridge.</p>"
    body += "<ul><li>One lane</li><li>Two lanes</li></ul></br><p>Crews will start in May.</p></div>"
    text = {
        "page.html": f"<html><head><title>Bridge</title></head><body>{body}<footer>x</footer></body></html>",
        "story.md": "# Bridge\n\nThe council voted *on Tuesday*.\n\n- One lane\n- Two lanes\n\n> In May.\n",
        "story.txt": "Bridge\n\nThe council voted on Tuesday.\n\nCrews will start in May.\n",
    }[name]
    from newslint.config import Config
    from newslint.engine import RUN_LEVEL_KINDS, Linter, select_rules

    linter = Linter([r for r in select_rules(Config()) if r.kind not in RUN_LEVEL_KINDS])
    linter.lint(read_document(Source(name, text)))  # first uses (parsers, lazy patterns) come once
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            doc = read_document(Source(name, text))
            assert doc.blocks
            linter.lint(doc)  # nor do the rules
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
