"""comparative: "more hard" for "harder", "the most big" for "the biggest", "more harder" for "harder".

Options: lexicon (a YAML file, relative to the rule file's folder, with `forms: {adjective:
[comparative, superlative]}` and `analytic: [adjective, ...]`, written by bench/make_comparatives.py),
outside_quotes (skip matches inside quotation marks). The message may use {match} and {expected}.

"more"/"most" is often a quantifier ("more hard evidence", "the most new cases"), so "more X" and
"the most X" are reported only when X modifies no noun: when it ends the sentence or clause, or is
followed by a word such as "than", "as", "to" or "for" (see FOLLOWERS), or comes after "a"/"an"
("a more cheap option"). "most X" without "the" is left alone: it is often "very" ("most kind").
"most" + superlative ("most biggest") is always reported; "more" + comparative like "more X".
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import yaml

from newslint.document import Document
from newslint.finding import Edit, Finding
from newslint.kinds.base import (
    Pattern,
    blocks_to_search,
    finding,
    inside,
    match_case,
    quoted_ranges,
    render,
    units,
)
from newslint.ruleset import Rule

DEFAULT_SCOPE = "sentence"


@dataclass
class Options:
    lexicon: str = "data/comparatives.yaml"
    outside_quotes: bool = True


@dataclass(frozen=True)
class Lexicon:
    comparative: dict[str, str]  # adjective -> comparative, for "more X"
    superlative: dict[str, str]  # adjective -> superlative, for "the most X"
    comparatives: frozenset[str]  # "more harder"
    superlatives: frozenset[str]  # "most hardest"
    adjectives: frozenset[str]  # every adjective of the lexicon, to spot "more big and strong"


@lru_cache(maxsize=8)
def load_lexicon(path: str) -> Lexicon:
    """Read a lexicon file once per process; ValueError or OSError says what is wrong with it."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    forms = data.get("forms") if isinstance(data, dict) else None
    analytic = data.get("analytic") if isinstance(data, dict) else None
    if not isinstance(forms, dict) or not isinstance(analytic, list):
        raise ValueError("needs a 'forms' mapping and an 'analytic' list")
    for adj, pair in forms.items():
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(w, str) for w in pair)):
            raise ValueError(f"'{adj}' needs [comparative, superlative]")
    unknown = [a for a in analytic if a not in forms]
    if unknown:
        raise ValueError(f"analytic adjectives missing from forms: {', '.join(map(str, unknown))}")
    return Lexicon(
        comparative={a: forms[a][0] for a in analytic},
        superlative={a: forms[a][1] for a in analytic},
        comparatives=frozenset(p[0] for p in forms.values()),
        superlatives=frozenset(p[1] for p in forms.values()),
        adjectives=frozenset(forms),
    )


# "more"/"most", then a lower-case word that is not part of a compound ("more high-profile"); the
# words before it are read only for pairs whose adjective is in the lexicon
_PAIR = re.compile(r"\b(?P<more>(?i:more|most))\s+(?P<adj>[a-z]+)\b(?![-‐/]|['’]\w)")
_BEFORE = re.compile(r"\b(?:(?P<skip>(?i:once|more\s+and))|(?P<det>(?i:an?|the)))\s+\Z")
_NEXT = re.compile(r"\s*(?P<word>[A-Za-z]+)?")
# what a block with a _PAIR match holds once lower-cased: its blocks come from the literal pass
_MORE = Pattern(re.compile("more|most", re.IGNORECASE))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words after the adjective that show it modifies no noun ("more hard as fighting rages").
FOLLOWERS = _words(
    """than as to for in because if when while with without at on now since so though although
    after before by until about during then yet still again too already nowadays every each this
    here there today tonight tomorrow yesterday"""
)
# After "the most X", words that show X is no noun's: "the most hard of all", "the most cheap ever",
# "the most hard they could remember".
SUPERLATIVE_FOLLOWERS = _words("of ever yet they he she we i you it anyone")
# After "than", words that are adjectives but end a comparison ("more high than usual").
THAN_ENDINGS = _words("usual normal average necessary possible expected planned anticipated")
# After "and"/"or"/"but", words that start a new phrase, not a second adjective ("more big and strong").
CLAUSE_STARTS = _words(
    """the a an he she it they we i you there this that these those his her its their our my your
    not also then now so still even no more less"""
)
_ADJECTIVE_ENDINGS = ("ful", "ous", "ive", "al", "ic", "able", "ible", "ent", "ant", "less", "ish")
_PREDICATIVE = _words("alive awake asleep aware afraid alone ashamed")


class Checker:
    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.options: Options = rule.options
        path = os.path.join(os.path.dirname(rule.path), self.options.lexicon)
        try:
            self.lexicon = load_lexicon(os.path.normpath(path))
        except (OSError, ValueError, yaml.YAMLError) as exc:
            raise rule.error("lexicon", f"cannot use lexicon {self.options.lexicon!r}: {exc}") from None

    def check(self, doc: Document) -> Iterator[Finding]:
        lex = self.lexicon
        blocks = blocks_to_search(doc, _MORE)  # those with "more" or "most"
        for block, start, end in units(doc, self.rule.scope, blocks):
            text = block.text
            quotes = None
            for m in _PAIR.finditer(text, start, end):
                more, adj = m.group("more").lower(), m.group("adj")
                if adj not in lex.adjectives and adj not in lex.comparatives and adj not in lex.superlatives:
                    continue
                before = _BEFORE.search(text, max(start, m.start() - 16), m.start())
                if before and before.group("skip"):  # "once more hard", "more and more big"
                    continue
                det = (before.group("det") or "").lower() if before else ""
                if more == "most" and adj in lex.superlatives:
                    expected = adj  # "most biggest" is never right
                elif more == "more" and (adj in lex.comparatives or adj in lex.comparative):
                    # "a more X" is always a degree; bare "more" may count a noun: "more older people"
                    ok = det in ("a", "an") or self._predicative(text, m.end(), end)
                    expected = (adj if adj in lex.comparatives else lex.comparative[adj]) if ok else None
                elif more == "most" and adj in lex.superlative and det == "the":
                    ok = (
                        self._predicative(text, m.end(), end)
                        or self._next(text, m.end(), end) in SUPERLATIVE_FOLLOWERS
                    )
                    expected = lex.superlative[adj] if ok else None
                else:
                    continue
                if expected is None:
                    continue
                a = m.start("more")
                if before and det in ("a", "an") and (det == "an") != expected.startswith(tuple("aeiou")):
                    a = before.start("det")  # "an older"
                    expected = ("a " if det == "an" else "an ") + expected
                if self.options.outside_quotes:
                    quotes = quoted_ranges(text) if quotes is None else quotes
                    if inside(quotes, a, m.end()):
                        continue
                observed = text[a : m.end()]
                expected = match_case(observed, expected)
                span = block.span(a, m.end())
                message = render(self.rule.message, match=observed, expected=expected)
                yield finding(self.rule, span, message, [Edit(span, expected)])

    def _predicative(self, text: str, pos: int, end: int) -> bool:
        """Does the adjective ending at pos stand without a noun after it?"""
        nxt = _NEXT.match(text, pos, end)
        word = (nxt.group("word") or "").lower()
        if not word:
            rest = text[nxt.end() : end]
            return not rest or rest[0] in ".,;:!?)]—–…\"”’'"
        if word == "than":
            after = _NEXT.match(text, nxt.end(), end).group("word") or ""
            # "more hard than soft" compares two qualities; "more high than usual" does not
            return after.lower() in THAN_ENDINGS or not self._adjective(after)
        if word in ("and", "or", "but"):
            after = _NEXT.match(text, nxt.end(), end).group("word") or ""
            return after.lower() in CLAUSE_STARTS
        return word in FOLLOWERS

    @staticmethod
    def _next(text: str, pos: int, end: int) -> str:
        return (_NEXT.match(text, pos, end).group("word") or "").lower()

    def _adjective(self, word: str) -> bool:
        w = word.lower()
        if w in self.lexicon.adjectives or w in _PREDICATIVE:
            return True
        return len(w) > 4 and w.endswith(_ADJECTIVE_ENDINGS)
