"""Numbers in prose: numerals, number words, scales, money, percentages and durations, each read
as the interval of values it admits ("as many as 500,000" -> [450,000, 500,000]).

One compiled regex finds the quantities of a paragraph; hedges ("as many as") and vague plurals
("dozens") come from tables the rule file sets, so a house can tune them.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from newslint.figures.tail import Lazy, Tail, folded

INF = math.inf
Keep = Callable[[str, str, re.Match, int, str], bool]

# --- intervals ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float
    lo_closed: bool = True
    hi_closed: bool = True

    def overlaps(self, other: Interval) -> bool:
        lo, lo_closed = _tighter(self.lo, self.lo_closed, other.lo, other.lo_closed, max)
        hi, hi_closed = _tighter(self.hi, self.hi_closed, other.hi, other.hi_closed, min)
        return lo < hi or (lo == hi and lo_closed and hi_closed)

    def above(self, other: Interval) -> bool:
        """Every value of self is larger than every value of other."""
        return self.lo > other.hi or (self.lo == other.hi and not (self.lo_closed and other.hi_closed))

    def scaled(self, lo_factor: float, hi_factor: float) -> Interval:
        return Interval(self.lo * lo_factor, self.hi * hi_factor, self.lo_closed, self.hi_closed)


def _tighter(a: float, a_closed: bool, b: float, b_closed: bool, pick) -> tuple[float, bool]:
    if a == b:
        return a, a_closed and b_closed
    return (a, a_closed) if pick(a, b) == a else (b, b_closed)


_SPEC = re.compile(r"\s*([\[(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\])])\s*")
_TERM = re.compile(r"(n)\s*(?:([+-])\s*([eg]))?|(inf)|(\d+(?:\.\d+)?)")


class IntervalSpec:
    """An interval written in a rule file: '[n-e, n)', '(n, inf)', '[24, 100)'.

    n is the stated number, g its rounding tolerance (half the place value of its last non-zero
    digit), e the estimate tolerance (the larger of g and a share of n).
    """

    def __init__(self, text: str) -> None:
        m = _SPEC.fullmatch(text)
        if not m:
            raise ValueError(f"'{text}' is not an interval such as '[n-e, n]' or '(n, inf)'")
        self.text = text
        self.lo_closed = m.group(1) == "["
        self.hi_closed = m.group(4) == "]"
        self.lo = self._term(m.group(2))
        self.hi = self._term(m.group(3))

    @staticmethod
    def _term(text: str) -> tuple[str, float, str]:
        t = _TERM.fullmatch(text)
        if not t:
            raise ValueError(f"'{text}' must be 0, a number, inf, n, n-e, n+e, n-g or n+g")
        if t.group(4):
            return "c", INF, ""
        if t.group(5):
            return "c", float(t.group(5)), ""
        return "n", -1.0 if t.group(2) == "-" else 1.0, t.group(3) or ""

    def apply(self, n: float, g: float, e: float) -> Interval:
        def value(term: tuple[str, float, str]) -> float:
            kind, x, tol = term
            if kind == "c":
                return x
            return n + x * (e if tol == "e" else g if tol == "g" else 0.0)

        return Interval(max(0.0, value(self.lo)), value(self.hi), self.lo_closed, self.hi_closed)


# --- values -------------------------------------------------------------------------------------

UNITS_WORDS = "one two three four five six seven eight nine".split()
TEENS_WORDS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {w: i + 1 for i, w in enumerate(UNITS_WORDS)}
WORD_VALUES.update({w: i + 10 for i, w in enumerate(TEENS_WORDS)})
WORD_VALUES.update({w: (i + 2) * 10 for i, w in enumerate(TENS_WORDS)})
WORD_VALUES.update({"a": 1, "an": 1})
FRACTIONS = {"half": Decimal("0.5"), "a quarter": Decimal("0.25"), "three quarters": Decimal("0.75")}
SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "k": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "bn": 10**9,
    "b": 10**9,
    "tn": 10**12,
    "trn": 10**12,
}
CURRENCIES = {
    "$": "$",
    "us$": "$",
    "usd": "$",
    "dollars": "$",
    "£": "£",
    "gbp": "£",
    "pounds": "£",
    "€": "€",
    "eur": "€",
    "euros": "€",
    "¥": "¥",
    "yen": "¥",
    "yuan": "yuan",
    "₹": "₹",
    "rupees": "₹",
}
# a duration unit in days, as the interval of its lengths (a month is 28 to 31 days)
DURATIONS = {
    "hour": (1 / 24, 1 / 24),
    "day": (1.0, 1.0),
    "week": (7.0, 7.0),
    "fortnight": (14.0, 14.0),
    "month": (28.0, 31.0),
    "year": (365.0, 366.0),
    "decade": (3652.0, 3653.0),
}


def word_number(text: str) -> Decimal:
    """'twenty-five' -> 25, 'two hundred and six' -> 206, 'a' -> 1."""
    value = Decimal(0)
    for w in re.split(r"[\s-]+", text.lower()):
        if w == "hundred":
            value = (value or 1) * 100
        elif w in WORD_VALUES:
            value += WORD_VALUES[w]
    return value


def tolerance(value: Decimal) -> Decimal:
    """Half the place value of the last non-zero digit: 400,000 -> 50,000, 7 -> 0.5, 3.5 -> 0.05."""
    if not value:
        return Decimal("0.5")
    exponent = value.normalize().as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1)


# --- the quantity regex --------------------------------------------------------------------------

_WORDNUM = (
    rf"(?:(?:{'|'.join(TENS_WORDS)})(?:[- ](?:{'|'.join(UNITS_WORDS)}))?"
    rf"|{'|'.join(TEENS_WORDS)}|{'|'.join(UNITS_WORDS)})"
)
_WORDNUM_FULL = rf"{_WORDNUM}(?:\s+hundred(?:\s+(?:and\s+)?{_WORDNUM})?)?(?![\w-]*-old)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|\d+(?:\.\d+)?(?!\d|,\d)"
_CUR = r"(?:US\$|USD\s?|GBP\s?|EUR\s?|\$|£|€|¥|₹)"
_UNIT_WORD = "hour|day|week|fortnight|month|year|decade"
_SCALE_WORD = "dozen|hundred|thousand|million|billion|trillion"
_SCALE = rf"(?:[\s-]?(?P<scale>{_SCALE_WORD})\b|(?P<short>bn|mn|mln|m|k|b|tn|trn)\b)"


def _alternation(phrases: list[str]) -> str:
    parts = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts) or "(?!)"


QUANTITY_FLAGS = re.IGNORECASE | re.VERBOSE


def quantity_regex(hedges: list[str], vague: list[str], hedges_after: list[str]) -> re.Pattern:
    """The regex of one quantity: [hedge] number [scale] [range] [hedge after] [unit]."""
    return re.compile(quantity_pattern(hedges, vague, hedges_after), QUANTITY_FLAGS)


def quantity_pattern(hedges: list[str], vague: list[str], hedges_after: list[str]) -> str:
    """The pattern of quantity_regex (with QUANTITY_FLAGS)."""
    return rf"""(?<![\w$£€.,/-])
        (?:(?P<between>between)\s+|(?P<hedge>{_alternation(hedges)})\s+)?
        (?:
            (?P<vague>{_alternation(vague)})\b
          | (?P<frac>half|a\s+quarter|three[\s-]quarters)\s+(?:of\s+)?an?\s+(?P<fscale>{_SCALE_WORD})\b
          | (?P<long>{_UNIT_WORD})-?long\b
          | (?P<cur>{_CUR})?\s?
            (?P<num>{_DIGITS}|{_WORDNUM_FULL}|an?(?=\s+(?:dozen|hundred|thousand|million|billion|{_UNIT_WORD})\b))
            (?![\w-]*-old)
            {_SCALE}?
            (?:(?(between)\s+and\s+|\s?(?:-|–|\bto\b)\s?){_CUR}?(?P<num2>{_DIGITS}|{_WORDNUM})
               (?:[\s-]?(?P<scale2>{_SCALE_WORD})\b|(?P<short2>bn|mn|m|k|tn)\b)?)?
            (?:[\s-]*(?P<after>{_alternation(hedges_after)})\b)?
            (?:
                \s?(?P<pct>%|per\s?cent\b|percent\b)
              | \s+(?P<pts>percentage\s+points?)\b
              | \s+(?P<curw>dollars|pounds|euros|yen|yuan|rupees)\b
              | -(?P<hunit>{_UNIT_WORD})s?(?P<hlong>-long)?\b
              | \s+(?P<unit>{_UNIT_WORD})s?(?P<ulong>-?long)?\b
            )?
        )"""


@dataclass(slots=True)
class Quantity:
    """One quantity found in a text: offsets, nominal value n, tolerance g, unit, and interval."""

    start: int
    end: int
    n: float
    g: float
    unit: str  # "" for a count, "day" for a duration, "%", "pt", or a currency sign
    interval: Interval
    hedge: str = ""
    vague: bool = False
    attributive: bool = False  # "seven-day", "month-long", "$3bn", "5%": may modify the noun after it


class Reader:
    """Reads the quantities of a text with the hedge and vague tables of a rule."""

    def __init__(
        self,
        hedges: dict[str, IntervalSpec],
        hedges_after: dict[str, IntervalSpec],
        vague: dict[str, IntervalSpec],
        bare: IntervalSpec,
        estimate_share: float,
    ) -> None:
        self.hedges = {_key(k): v for k, v in hedges.items()}
        self.hedges_after = {_key(k): v for k, v in hedges_after.items()}
        self.vague = {_key(k): v for k, v in vague.items()}
        self.bare = bare
        self.share = estimate_share
        self.pattern = quantity_pattern(list(hedges), list(vague), list(hedges_after))
        ascii_tables = all(p.isascii() for p in [*hedges, *vague])
        self.scanner = Scanner(self.pattern, list(hedges), list(vague)) if ascii_tables else None

    @cached_property
    def regex(self) -> re.Pattern:
        """The quantity regex (compiled on first use: the scanner mostly needs its folded form)."""
        return re.compile(self.pattern, QUANTITY_FLAGS)

    def matches(self, text: str, lower: str | None = None) -> list[re.Match]:
        """The matches of self.regex in text (see document_matches); lower is text.lower() when the
        caller has it."""
        return self.document_matches([text], lower)[0]

    def document_matches(
        self, texts: list[str], lower: str | None = None, keep: Keep | None = None
    ) -> list[list[re.Match]]:
        """The matches of self.regex in each text (the blocks of a document), the same as finditer
        gives but perhaps on the lower-cased text (read() takes either); lower is
        "\n".join(texts).lower() when the caller has it (Document.prose_lower). keep, when given,
        may leave some out (see Scanner.scan)."""
        if self.scanner is not None:
            found = self.scanner.scan(texts, "\n".join(texts).lower() if lower is None else lower, keep)
            if found is not None:
                return found
        return [list(self.regex.finditer(text)) for text in texts]

    @staticmethod
    def counts(m: re.Match) -> bool:
        """Whether read(m) gives a count (unit "") or None: no currency, share or duration."""
        return not any(m.group("cur", "curw", "pct", "pts", "hunit", "unit", "long"))

    @staticmethod
    def attributive(m: re.Match) -> bool:
        """Whether read(m) gives an attributive quantity (or None): "seven-day", "month-long",
        "$3bn", "5%" may modify the noun after them."""
        return any(m.group("long", "hunit", "ulong", "cur", "pct"))

    @staticmethod
    def unit(m: re.Match) -> str | None:
        """The unit of read(m) if it gives a quantity ("" for a count), or None when it gives none."""
        vague, long, cur, curw, short, short2, pct, pts, hunit, unit = m.group(
            "vague", "long", "cur", "curw", "short", "short2", "pct", "pts", "hunit", "unit"
        )
        if vague:
            return ""
        if long:
            return "day"
        currency = cur or curw
        if currency:
            return CURRENCIES.get(currency.strip().lower(), currency.strip())
        if short or short2:
            return None  # "600m" is a distance, not money
        return "%" if pct else "pt" if pts else "day" if hunit or unit else ""

    def read(self, text: str, m: re.Match) -> Quantity | None:
        """The quantity of one match of self.regex in text (or of its lower-cased form in
        text.lower()), or None when it is not one (a year, a date...)."""
        hedge = _key(m.group("hedge") or "")
        if m.group("vague"):
            iv = self.vague[_key(m.group("vague"))].apply(0.0, 0.0, 0.0)
            return Quantity(m.start(), m.end(), iv.lo, 0.0, "", iv, hedge, vague=True)
        if m.group("long"):
            lo, hi = DURATIONS[m.group("long").lower()]
            return Quantity(m.start(), m.end(), lo, 0.0, "day", Interval(lo, hi), hedge, attributive=True)
        if m.group("frac"):
            value = FRACTIONS[_key(m.group("frac")).replace("-", " ")] * SCALES[m.group("fscale").lower()]
            exact = False
        else:
            if not _plausible(text, m, m.group("num")):
                return None
            scale = m.group("scale") or m.group("short")
            top_scale = m.group("scale2") or m.group("short2") or scale
            value = _value(m.group("num"), scale or top_scale)  # "between 1.2 and 1.5 million"
            exact = m.group("num").lower() in ("a", "an") and bool(m.group("unit"))
        unit = self.unit(m)
        if unit is None:
            return None
        duration = m.group("hunit") or m.group("unit")
        g = Decimal(0) if exact else tolerance(value)
        n, gf = float(value), float(g)
        e = max(gf, self.share * n)
        if m.group("num2"):
            top = _value(m.group("num2"), top_scale)
            if top <= value:
                return None  # "3-2" is a score, "24-7" an idiom
            iv = Interval(max(0.0, n - gf), float(top + tolerance(top)))
        elif m.group("between"):
            return None
        elif m.group("after"):
            iv = self.hedges_after[_key(m.group("after"))].apply(n, gf, e)
        elif hedge:
            iv = self.hedges[hedge].apply(n, gf, e)
        else:
            iv = Interval(n, n) if exact else self.bare.apply(n, gf, e)
        if duration:
            factors = DURATIONS[duration.lower()]
            iv, n = iv.scaled(*factors), n * factors[0]
        attributive = bool(m.group("hunit") or m.group("ulong") or m.group("cur") or m.group("pct"))
        return Quantity(m.start(), m.end(), n, gf, unit, iv, hedge, attributive=attributive)


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _value(raw: str, scale: str | None) -> Decimal:
    value = Decimal(raw.replace(",", "")) if raw[0].isdigit() else word_number(raw)
    return value * SCALES[scale.lower()] if scale else value


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# words before a number that make it a date or a name: "March 3", "No. 5", "Flight 17", "aged 45"
_DATE_BEFORE = Tail(
    rf"\b(?:{_MONTHS}|no|nos|number|article|section|chapter|route|highway|flight|resolution|room|page|"
    r"level|category|grade|round|game|stage|phase|exit|gate|platform|terminal|channel|track|version|"
    r"volume|episode|season|series|model|apollo|windows|iphone|ios|android|year|years|aged|age|ages|"
    r"magnitude|size|force|tier|type)\.?\s*$|[:/#]$",
    re.IGNORECASE,
)
# what after a number makes it a time, date or part of a word: "5:30", "9/11", "10 a.m.", "3 March", "5G"
_DATE_AFTER = Lazy(
    rf"[:/]\d|\.\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|bst\b|[ecmp][sd]t\b)|\s+{_MONTHS}\b|[\w'’]",
    re.IGNORECASE,
)


def _plausible(text: str, m: re.Match, raw: str) -> bool:
    """False for years, dates, times, ordinals, identifiers and numbers glued to words (the
    cheap tests first)."""
    if (
        raw.isdigit()
        and len(raw) == 4
        and 1000 <= int(raw) <= 2100
        and not (m.group("cur") or m.group("pct"))
    ):
        return False  # a year
    end, num_end = m.end(), m.end("num")
    if end < len(text) and (text[end].isalnum() or text[end] == "-" and raw[0].isdigit()):
        return False
    if _DATE_AFTER.match(text, num_end) and not (m.group("scale") or m.group("short") or end > num_end):
        return False
    start = m.start("num")
    return not _DATE_BEFORE.search(text, max(0, start - 14), start)


# --- finding quantities fast -----------------------------------------------------------------------
# The quantity regex opens with the hedge alternation, so re tries about a hundred alternatives at
# every word of a paragraph. Yet the number part of a quantity always starts at a "core": a digit, a
# number word, "half", "a" or "an" before a scale or unit, a unit before "long", or a vague plural,
# each after a space, a bracket, a currency sign or the like (or glued to "USD", "GBP", "EUR").
# Only a hedge, "between", a currency and spaces stand between a match's start and its core. So
# one cheap regex over the lower-cased text finds the cores, a regex over the reversed text walks
# back over what may stand before each, and the quantity regex is tried at those few positions
# only, in order: exactly the matches of finditer, at a fraction of the cost.


def phrase_trie(phrases: list[str], first: str = "") -> str:
    """One regex for lower-case phrases, factored on common prefixes (re tries alternatives one by
    one); a space in a phrase matches any run of whitespace. first: a pattern tried before them, in
    the same alternation (one level fewer for re to enter)."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, first: str = "") -> str:
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch
        ]
        alts = [first, *alts] if first else alts
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else f"(?:{'|'.join(alts)})"
        return body + "?" if "" in node else body

    return emit(root, first) or "(?!)"


_GLUED = ("usd", "gbp", "eur")  # "USD30": a currency glued to its number
# characters after which the quantity regex's look-behind fails (some of them: all lower-case)
_NO_START = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_$£€.,/-")


class Scanner:
    """Finds the matches of the quantity regex from the cores of a text (see above)."""

    def __init__(self, pattern: str, hedges: list[str], vague: list[str]) -> None:
        self.pattern = pattern  # the quantity regex's, with QUANTITY_FLAGS
        units = _UNIT_WORD.split("|")
        after_a = ["quarter", *_SCALE_WORD.split("|"), *units]
        phrases = [*UNITS_WORDS, *TEENS_WORDS, *TENS_WORDS, "half"]
        phrases += [f"{a} {w}" for a in ("a", "an") for w in after_a]
        phrases += [u + long for u in units for long in ("long", "-long")]
        phrases += [" ".join(v.lower().split()) for v in vague]
        self._body = phrase_trie(phrases, first=r"\d")
        # what may stand before a core, read backwards: hedge words, "between", currencies, spaces
        words = {w for h in hedges for w in h.lower().split()} | {"between", "us$", "usd", "gbp", "eur"}
        self._back = "|".join(re.escape(w[::-1]) for w in sorted(words, key=len, reverse=True))

    # the regexes, compiled on first use

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.pattern, QUANTITY_FLAGS)

    @cached_property
    def folded(self) -> re.Pattern | None:
        """The quantity regex for the lower-cased text: faster."""
        return folded(self.pattern, QUANTITY_FLAGS)

    @cached_property
    def core_space(self) -> re.Pattern:
        # a core comes after a space, a bracket, a quotation mark, a currency sign...: a character
        # that is not a letter, digit, '.', ',', '/' or '-' (the quantity regex's look-behind); in
        # two passes, as re looks for a literal space much faster than for a class of characters
        return re.compile(rf" (?={self._body})")

    @cached_property
    def core_other(self) -> re.Pattern:
        return re.compile(rf"[^ a-z0-9.,/-](?={self._body})")

    @cached_property
    def body(self) -> re.Pattern:
        return re.compile(self._body)

    @cached_property
    def back(self) -> re.Pattern:
        return re.compile(rf"(?:\s+|(?:{self._back}|[$£€¥₹])(?!\w))*")

    def cores(self, lower: str) -> list[int]:
        """The positions of lower where the number part of a quantity may start, in order."""
        cores = [m.end() for m in self.core_space.finditer(lower)]
        cores += [m.end() for m in self.core_other.finditer(lower)]
        cores.sort()
        if self.body.match(lower):
            cores.insert(0, 0)
        glued = []
        for code in _GLUED:
            i = lower.find(code)
            while i >= 0:
                if self.body.match(lower, i + 3):
                    glued.append(i + 3)
                i = lower.find(code, i + 1)
        return sorted({*cores, *glued}) if glued else cores

    def scan(self, texts: list[str], lower: str, keep: Keep | None = None) -> list[list[re.Match]] | None:
        """The matches of the quantity regex in each of texts, where lower is
        "\n".join(texts).lower(); None when lower cannot stand for the texts (see foldable). The
        matches may be on the lower-cased texts. With keep, only the matches m of a text at offset
        start in lower for which keep(lower, rev, m, start, text) holds (rev: lower reversed)."""
        n = len(lower)
        if n != sum(map(len, texts)) + len(texts) - 1 or "ı" in lower or "ſ" in lower:
            return None  # see foldable()
        out: list[list[re.Match]] = [[] for _ in texts]
        cores = self.cores(lower)
        if not cores:
            return out
        folded_regex = self.folded  # None: matched on the texts themselves
        regex = folded_regex or self.regex
        starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        rev, back = lower[::-1], self.back.match
        start = end = pos = 0  # the block of the last core: lower[start:end]; pos: where to go on
        text, found = "", out[0]
        for c in cores:
            if c >= end:  # the first core of a block (a core is never its "\n")
                k = bisect.bisect_right(starts, c) - 1
                start, end = starts[k], starts[k] + len(texts[k])
                text, found, pos = texts[k] if folded_regex is None else lower[start:end], out[k], 0
            hi = c - start
            if hi < pos:
                continue  # inside the last match
            # finditer's positions from where the words before the core may start to the core
            p = max(pos, n - back(rev, n - c).end() - start)
            while p <= hi:
                if p and lower[start + p - 1] in _NO_START:
                    p += 1  # the look-behind fails: not even tried
                    continue
                m = regex.match(text, p)
                if m:
                    if keep is None or keep(lower, rev, m, start, texts[k]):
                        found.append(m)
                    p = m.end()
                else:
                    p += 1
            pos = p
        return out
