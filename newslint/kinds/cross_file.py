"""cross_file: a paragraph that also appears, exactly or with light edits, in another article.

A run-level kind: `Checker.check` yields nothing; the runner calls
`newslint.dupes.crossfile.cross_file_findings(docs, rule, index_path)` once, after every file
has been read, and adds the findings to their files.

Paragraphs of at least min_words words (after removing stop_phrases: credit lines like
"contributed to this report", copyright notices) are fingerprinted with MinHash over word
shingles; LSH banding (bands x rows = num_perm) proposes candidate pairs and rapidfuzz (`scorer`
>= threshold, on default_process'd text) confirms them. A band bucket with more than max_bucket
paragraphs is capped (its members are paired with its first paragraph only). Each finding points
at up to max_related other copies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Document
from newslint.finding import Finding
from newslint.ruleset import Rule

DEFAULT_SCOPE = "document"

# Boilerplate shared by many articles; removed (as whole words, after lower-casing and dropping
# punctuation) before paragraphs are fingerprinted and compared.
STOP_PHRASES = [
    "contributed to this report",
    "contributed reporting to this report",
    "contributed to this story",
    "contributed to this article",
    "additional reporting by",
    "reporting by",
    "writing by",
    "editing by",
    "all rights reserved",
    "copyright",
    "this material may not be published broadcast rewritten or redistributed",
    "follow us on twitter",
    "follow us on facebook",
    "like us on facebook",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "click here to",
]


@dataclass
class Options:
    min_words: int = 15
    threshold: float = 90.0
    scorer: str = "ratio"
    shingle: int = 3
    num_perm: int = 128
    bands: int = 32
    seed: int = 1
    max_bucket: int = 100
    max_related: int = 3
    stop_phrases: list = field(default_factory=lambda: list(STOP_PHRASES))
    block_kinds: list = field(default_factory=lambda: ["paragraph", "quote", "list_item"])


class Checker:
    def __init__(self, rule: Rule) -> None:
        validate(rule)

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())


def validate(rule: Rule) -> None:
    """Raise rule.error for option values that cannot work."""
    from newslint.dupes.lsh import SCORERS

    o: Options = rule.options
    if o.scorer not in SCORERS:
        refused = o.scorer in ("WRatio", "token_set_ratio", "partial_ratio")
        why = " (it matches unrelated paragraphs)" if refused else ""
        raise rule.error("scorer", f"'scorer' must be one of {', '.join(SCORERS)}, not '{o.scorer}'{why}")
    if not 0 < o.threshold <= 100:
        raise rule.error("threshold", "'threshold' must be in (0, 100]")
    if o.num_perm < 1 or o.bands < 1 or o.num_perm % o.bands:
        raise rule.error("bands", "'bands' must divide 'num_perm'")
    for name in ("min_words", "shingle", "max_bucket", "max_related"):
        if getattr(o, name) < 1:
            raise rule.error(name, f"'{name}' must be at least 1")
    if not all(isinstance(p, str) and p.strip() for p in o.stop_phrases):
        raise rule.error("stop_phrases", "'stop_phrases' must be a list of non-empty phrases")
