"""agreement: a plural quantifier followed by a singular noun ("numerous opposition faction").

The head noun is the last word of the phrase before a function word or punctuation; it is taken
as singular when it does not end in "s" and is not a known plural or uncountable noun. Options:
quantifiers, invariant (nouns that need no "s" after a plural quantifier), max_modifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Document
from newslint.finding import Edit, Finding
from newslint.kinds.base import Pattern, blocks_to_search, finding, inside, quoted_ranges, render
from newslint.ruleset import Rule, compile_regex

DEFAULT_SCOPE = "sentence"
_FOLLOWERS = (
    r"and|or|but|in|of|on|at|to|for|from|with|who|that|which|were|are|have|had|across|after|before|during"
    # a verb in the past tense: "several witness saw", "numerous faction joined"
    r"|[a-z]+ed|said|saw|fled|met|took|told|left|went|came|began|fought|won|lost|held|gave|ran|made"
)


@dataclass
class Options:
    quantifiers: list = field(default_factory=lambda: ["numerous", "several", "various", "multiple"])
    invariant: list = field(default_factory=list)
    max_modifiers: int = 2


class Checker:
    def __init__(self, rule: Rule) -> None:
        o: Options = rule.options
        self.rule = rule
        self.invariant = frozenset(w.lower() for w in o.invariant)
        quantifiers = "|".join(re.escape(q) for q in o.quantifiers)
        self.pattern = Pattern(
            compile_regex(
                rule,
                "quantifiers",
                rf"\b(?:{quantifiers}) "
                rf"(?-i:(?P<mods>(?:[a-z][a-z-]*[a-rt-z] ){{0,{o.max_modifiers}}}?)"
                r"(?P<noun>[a-z][a-z-]*(?:[a-rt-z]|ss)))"
                rf"(?=(?: (?:{_FOLLOWERS})\b)|[,.;:!?])",
                re.IGNORECASE,
            )
        )

    def check(self, doc: Document) -> Iterator[Finding]:
        for block in blocks_to_search(doc, self.pattern):
            quotes = quoted_ranges(block.text)
            for m in self.pattern.regex.finditer(block.text):
                noun = m.group("noun")
                words = [*m.group("mods").lower().split(), noun.lower()]
                if (
                    any(w in self.invariant or w in _FUNCTION_WORDS for w in words)
                    or _not_a_noun(noun)
                    or inside(quotes, m.start(), m.end())
                    or (not m.group("mods") and _shares_a_plural_head(block.text, m.end()))
                ):
                    continue
                span = block.span(m.start(), m.end())
                noun_span = block.span(*m.span("noun"))
                message = render(self.rule.message, match=m.group(), noun=noun, plural=plural(noun))
                yield finding(self.rule, span, message, [Edit(noun_span, plural(noun))])


_FUNCTION_WORDS = frozenset(
    "of the a an them these those who which that and or but more other such than to be have are were "
    "can could will would shall should may might must".split()  # "multiple choice can help"
)


# "and"/"or", then one to three words that modify a plural noun: "several state and local
# officials", "numerous city and county agencies" (not "the police", not a bare "militias", not a
# number or quantifier, "two officers", nor a plural, "firefighters gave statements")
_AND_MODIFIED_PLURAL = re.compile(
    r" (?:and|or) (?:(?!(?:the|a|an|his|her|its|their|our|your|this|that|these|those|other|many|much"
    r"|some|few|more|most|several|numerous|various|multiple|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|dozen|hundred|thousand)\b)[a-z][a-z-]*[a-rt-z] ){1,3}[a-z][a-z-]*[a-rt-z]s\b",
    re.IGNORECASE,
)


def _shares_a_plural_head(text: str, end: int) -> bool:
    """Whether a bare singular word ending at end is coordinated with modifiers of a plural noun,
    and so is one of them: "several state and local officials" (while "numerous rebel group and
    militias" or "numerous militia group and smaller gangs" lack a plural: the noun has a modifier
    of its own, or what follows is a bare plural)."""
    return _AND_MODIFIED_PLURAL.match(text, end) is not None


def _not_a_noun(word: str) -> bool:
    """Verbs, adverbs and hyphenated words are not a head noun we can pluralise."""
    return "-" in word or word.endswith(("ed", "ing", "ly", "en"))


def plural(noun: str) -> str:
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"
