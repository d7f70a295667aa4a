"""Mentions: quantities with what they count or measure.

A count needs an event ("killed 30 people", "30 people died", "30 deaths"); a duration, sum of
money or percentage needs the thing it measures ("a seven-day ceasefire", "the ceasefire holds
for a week", "a deal worth $3bn", "52% of the vote"). Quantities without a referent are dropped:
the comparison must prefer silence to a false alarm.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newslint.figures.numbers import Quantity, Reader, phrase_trie
from newslint.figures.tail import Tail, foldable, folded
from newslint.kinds.base import inside, quoted_ranges

STOP = frozenset(
    """a an the and or but nor of in on at to for from by with without as than that which who whom whose
    this these those there here it its their them they he she his her we our you your i me my us him
    is are was were be been being am has have had having do does did will would shall should can could
    may might must not no never more most less least other another such same each every all both some any
    many much few several including include includes included among according said says say told tells
    reported reports ago later earlier before after since until during while when where whether if so also
    just only still yet already now then about around over under nearly almost up down out off into onto
    upon per via between within across toward towards against total sum amount figure number period
    maximum minimum average estimated further additional extra new more very far least worldwide
    nationwide overall abroad altogether combined apiece globally locally nationally internationally
    annually respectively""".split()
)
# words right after a number that say it is an increment or another set, not a total
INCREMENT = frozenset("more additional extra further other another fewer".split())
AUX = r"(?:has|have|had|was|were|is|are|be|been|being|will|would|could|may|might|must|should|reportedly|" + (
    r"already|also|now|allegedly|so\s+far|since|then|that|which|who|later|all|officially|apparently|believed|"
    r"thought|feared|said|to\s+have|to\s+be|expected|set|due|to|having|as\s+having)"
)
# what may stand between a subject and its verb: "floods [in the south] have displaced", "the
# ceasefire[, which took effect on Monday,] is due to last"
_APPENDIX = (
    r"(?:\s+(?:in|of|at|on|across|near|around)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?|\s*,[^,.;]{1,60},)?"
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S")
# a pattern that opens with _WORD and has no look-behind matches first, if anywhere, at the first
# letter of a run of word characters (from an earlier letter of the run it would match as well):
# the end of each match of _WORD_STARTS (Tail tries the pattern there only)
_WORD = r"([A-Za-z][\w'’-]*)"
_WORD_STARTS = re.compile(r"(?<![\w'’-])[\w'’-]*?[A-Za-z]", re.IGNORECASE)
_TRANSPARENT = frozenset("“”\"‘’'")
_WORDISH = re.compile(r"[a-z0-9'’-]").match  # a character event words may not follow in the pass
_DETERMINERS = frozenset("the a an its their his her our this these those them whom".split())
_CHANGE_BEFORE = Tail(
    re.compile(
        r"\b(?:rose|risen|rising|rises|fell|fallen|falling|falls|increased|increases|decreased|jumped|climbed|"
        r"dropped|grew|grown|declined|surged|plunged|doubled|tripled|soared|slumped|up|down)\s+(?:to\s+|by\s+)?$"
        r"|\b(?:rose|risen|rising|increased|climbed|jumped|bringing|brought|pushing|pushed|raising|raised|cut|"
        r"lowering|lowered|revised|extended|extending)(?:\s+[\w'’-]+){0,4}?\s+(?:to|from|by)\s+$"
        r"|\b(?:by|than|versus|vs\.?|another|additional|further|extra|compared\s+(?:with|to))\s+$",
        re.IGNORECASE,
    )
)
_CHANGE_AFTER = re.compile(
    r"\s*,?\s+(?:up|down)\s+from\b|\s+(?:ago|earlier|later|before|after|from\s+now)\b", re.I
)
_PART_BEFORE = Tail(
    re.compile(r"(?:\bincluding|\bamong\s+(?:them|whom|those)|\bof\s+(?:whom|them|those))\s+$", re.I)
)
_PART_AFTER = re.compile(r"\s+of\s+(?:them|whom|those)\b", re.IGNORECASE)
_LINK_BEFORE = Tail(
    re.compile(
        _WORD + r"\s*,?\s+(?:(?:is|was|are|were|will\s+be|would\s+be|has\s+been|had\s+been)\s+)?"
        r"(?:worth|valued\s+at|of|totall?ing|amounting\s+to|at\s+a\s+cost\s+of)\s+$",
        re.IGNORECASE,
    ),
    _WORD_STARTS,
)
# past tenses that end a noun phrase ("the 10-day ceasefire began"); words in -ed end it too
_IRREGULAR_PAST = frozenset(
    """began begun came went took left made saw won lost hit fell rose ran broke brought built bought
    sold paid held kept led met put set sent spent stood struck told thought found gave got grew
    knew meant""".split()
)
_RATE_AFTER = re.compile(
    r"\s*/\s*([a-z]+)|\s+(?:a|an|per|each|every)\s+([a-z]+)|\s+(annually|yearly|monthly|weekly|daily)\b", re.I
)
_OF_NUMBER = re.compile(
    r"\s+of\s+(?:the\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b)", re.I
)
# a determiner before a noun, perhaps with two modifiers between: "the planned", "a separate"
_DETERMINER_BEFORE = Tail(
    re.compile(
        r"\b(the|this|that|these|those|a|an|another|its|their|his|her|our)\s+(?:[\w'’-]+\s+){0,2}$", re.I
    )
)
_DEFINITE = frozenset("the this that these those".split())
_NAME_BEFORE = Tail(re.compile(r"(?:[A-Z][\w'’./-]*\s+){1,3}$"))
_INDEFINITE = frozenset("a an another".split())
# a count after these did not happen: "could kill up to 1,000", "would have been able to kill 100"
_HYPOTHETICAL = re.compile(r"\b(?:could|might|may|able\s+to|threat\w*\s+to|if|unless)\b[^.;:]*$", re.I)
# words that say a sentence counts another incident, or gives an earlier figure: its counts are
# compared with nothing
_ANOTHER = re.compile(
    r"\b(?:also|another|separately|separate|similar|previous|previously|earlier|original|originally|"
    r"initial|initially|second|third)\b",
    re.IGNORECASE,
)
_TIMEWORDS = (
    r"(?:19|20)\d\d|january|february|march|april|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|yesterday|today|tonight|(?:last|this|next|past)\s+(?:week|month|year|weekend|night|season)"
)
_TIME = re.compile(rf"\b(?:{_TIMEWORDS})\b", re.IGNORECASE)
_TIME_LOWER, _ANOTHER_LOWER = folded(_TIME), folded(_ANOTHER)  # for the lower-cased text: faster
_MONTH_FULL = {
    m[:3]: m
    for m in "january february march april june july august september october november december".split()
}
_IRREGULAR = {
    "people": "people",
    "children": "child",
    "men": "man",
    "women": "woman",
    "lives": "lives",  # "claimed 500 lives"; "battery life" stays "life"
    "news": "news",
}


def norm(word: str) -> str:
    """Lower-case singular form without hyphens or possessive: "Cease-fires" -> "ceasefire"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s") or w.endswith("s'"):
        w = w[:-2] if w.endswith("'s") else w[:-1]
    w = w.replace("-", "").strip("'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@dataclass(slots=True, eq=False)
class Mention:
    """A quantity with its referent; start/end cover hedge .. noun in the block text."""

    quantity: Quantity
    start: int
    end: int
    text: str
    noun: str
    event: str = ""  # event class of a count ("death"), verb class of a measure ("pay"), "" if attributive
    subject: str = ""
    rate: str = ""
    block: int = 0  # index of the block in its document
    sentence: int = 0  # index of the sentence in its block
    times: frozenset[str] = field(default_factory=frozenset)
    partitive: bool = False  # "including 160 children", "160 of them": a part of the count before it
    part_of: Mention | None = None
    # it may introduce a thing of its own ("a car bomb killed eight", "a 7-day trial"), so it does
    # not restate an earlier figure
    fresh: bool = False

    @property
    def unit(self) -> str:
        return self.quantity.unit

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.quantity.unit, self.noun, self.event, self.rate


@dataclass
class EventClass:
    name: str
    noun: str  # the counted noun when the text names none ("killed 30", "30 deaths")
    only: frozenset[str]  # when set, the nouns this event applies to (jobs are cut, not games)


def _phrases(words: list[str]) -> str:
    parts = sorted({_key(w) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(t) for t in p.split()) for p in parts) or "(?!)"


LASTING = "last"  # the verb class of "lasts", "holds for": a duration of the subject itself


class Extractor:
    """Finds the mentions of a block of text with the tables of a rule."""

    def __init__(
        self,
        reader: Reader,
        events: dict[str, EventClass],
        event_words: dict[str, str],
        verbs: dict[str, str],
        synonyms: dict[str, str],
    ) -> None:
        self.reader = reader
        self.events = events
        self.event_words = {_key(k): v for k, v in event_words.items()}
        self.single_event_words = {k: v for k, v in self.event_words.items() if " " not in k}
        self.verbs = {_key(k): v for k, v in verbs.items()}
        self.verb_words = frozenset(k for k in self.verbs if " " not in k)
        self.synonyms = synonyms
        ev = _phrases(list(event_words))
        filler = (
            r"(?:\s+(?:of|at|to|is|was|has|had|have|now|reached|hit|stands|stood|passed|topped|exceeded))*"
        )
        self.event_before = Tail(re.compile(rf"(?:^|[^\w'’-])({ev}){filler}\s+(?:{AUX}\s+)*$", re.IGNORECASE))
        self.event_after = re.compile(rf"\s+(?:{AUX}\s+)*({ev})\b", re.IGNORECASE)
        self.subject_before = Tail(
            re.compile(rf"{_WORD}{_APPENDIX}\s+(?:{AUX}\s+)*$", re.IGNORECASE), _WORD_STARTS
        )
        self.agent_after = re.compile(r"\s+(?:in|by|during|from)\s+", re.IGNORECASE)
        # where event words may start ("killed", "death toll"), found in one pass over a block so
        # that a count with none close enough for event_before or event_after is dropped before it
        # is even read (_may_count; None: words beyond ASCII, no pass over the lower-cased text).
        # Between an event word and its count stand only the letters and spaces of fillers and
        # auxiliaries; gap finds anything else.
        words = [_key(w) for w in event_words]
        self.event_word = re.compile(phrase_trie(words))
        ascii_words = all(w.isascii() for w in words)
        self.event_start = re.compile(rf"[^a-z0-9'’-](?={self.event_word.pattern})") if ascii_words else None
        extra = sorted({ch for w in words for ch in w if not "a" <= ch <= "z"})
        self.gap = re.compile(rf"[^\sa-z{re.escape(''.join(extra))}]")
        vb = _phrases(list(verbs))
        self.verb_before = Tail(
            re.compile(
                rf"{_WORD}{_APPENDIX}\s+(?:{AUX}\s+)*({vb})\s+(?:(?:the|its|their|his|her|an?)\s+([\w'’-]+)\s+)?"
                r"(?:for\s+|at\s+|of\s+|about\s+)?$",
                re.IGNORECASE,
            ),
            _WORD_STARTS,
        )

    # --- public -------------------------------------------------------------------------------

    def mentions(
        self,
        text: str,
        split: Callable[[], list[tuple[int, int]]],
        matches: list[re.Match] | None = None,
        lower: str | None = None,
    ) -> list[Mention]:
        """The mentions of one block, in order; split() gives its sentences as (start, end) offsets,
        called once the block has a match; matches are the reader's matches in text, and lower is
        text.lower(), when the caller has them. Quoted figures are the speaker's: left out."""
        out: list[Mention] = []
        sentences: list[tuple[int, int]] = []
        starts: list[int] = []
        quotes: list[tuple[int, int]] | None = None
        context: dict[int, tuple[frozenset[str], bool]] = {}
        folds: bool | None = None  # whether lower may stand for text (see foldable), once needed
        events: list[int] | None = None  # where event words may start, once a count needs them
        gate = self.event_start is not None
        for m in self.reader.matches(text) if matches is None else matches:
            if not starts:
                sentences = split() or [(0, len(text))]
                starts = [a for a, _ in sentences]
            k = max(0, bisect.bisect_right(starts, m.start()) - 1)  # the quantity starts where m does
            s0, s1 = sentences[k]
            if gate and self.reader.counts(m):
                if events is None:
                    if folds is None:
                        lower = text.lower() if lower is None else lower
                        folds = foldable(text, lower)
                    events = self._event_starts(lower) if folds else []
                    gate = folds
                if gate and not self._may_count(text, lower, m, s0, s1, events):
                    continue  # a count with no event near it is no mention: not even read
            q = self.reader.read(text, m)
            if q is None:
                continue
            # "killed 16 leaders and wounded nine": nine of the leaders
            elided = next(
                (p.noun for p in reversed(out) if p.sentence == k and not p.unit and p.end > p.quantity.end),
                "",
            )
            mention = self._mention(text, q, max(s0, q.start - 90), max(q.end, min(s1, q.end + 90)), elided)
            if mention is None:
                continue
            if quotes is None:
                quotes = quoted_ranges(text)  # only now: most quantities are no mention
            if quotes and inside(quotes, q.start, q.end):
                continue
            mention.sentence = k
            if mention.partitive:
                mention.part_of = next(
                    (p for p in reversed(out) if p.sentence == k and not p.unit and not p.partitive), None
                )
                if mention.part_of is None:
                    continue
                if not mention.event:
                    whole = mention.part_of
                    mention.event, mention.subject = whole.event, whole.subject
                    mention.noun = mention.noun or self.events[whole.event].noun
            if k not in context:
                if folds is None:
                    lower = text.lower() if lower is None else lower
                    folds = foldable(text, lower)
                if folds and _TIME_LOWER and _ANOTHER_LOWER:
                    times = frozenset(_time_key(t.group()) for t in _TIME_LOWER.finditer(lower, s0, s1))
                    context[k] = times, bool(_ANOTHER_LOWER.search(lower, s0, s1))
                else:
                    times = frozenset(_time_key(t.group()) for t in _TIME.finditer(text, s0, s1))
                    context[k] = times, bool(_ANOTHER.search(text, s0, s1))
            mention.times, another = context[k]
            if another and not mention.unit:
                continue  # "eight people were also killed", "earlier, police said 30 died"
            out.append(mention)
        return out

    def _event_starts(self, lower: str) -> list[int]:
        """Where event words may start in a lower-cased block: after a character that is not a
        letter, digit, apostrophe or hyphen."""
        return [m.start() for m in self.event_start.finditer(" " + lower)]  # " ": one at 0

    def _may_count(self, text: str, lower: str, m: re.Match, s0: int, s1: int, events: list[int]) -> bool:
        """Whether the count of m (in the sentence s0..s1) may be a mention, as _mention and _count
        decide it: a part of a count ("including 160 children", "160 of them"), or a count with an
        event word in the words before it that only fillers and auxiliaries follow (event_before,
        which may also take one cut at the start of the words), or one after the words after it
        that only auxiliaries precede (event_after). Keep it in step with them."""
        start, end = m.start(), m.end()
        left_start, right_end = max(s0, start - 90), max(end, min(s1, end + 90))
        i = bisect.bisect_left(events, start) - 1  # the last event word before the count
        before = events[i] if i >= 0 and events[i] >= left_start else -1
        if (
            before < 0
            and left_start
            and _WORDISH(lower[left_start - 1])
            and self.event_word.match(lower, left_start)
        ):
            before = left_start  # one cut by the start of the words, which the pass cannot see
        if before >= 0 and not self.gap.search(lower, before, start):
            return True
        j = bisect.bisect_left(events, end)  # the first event word after it
        if j < len(events) and (events[j] <= right_end or not self.gap.search(lower, right_end, events[j])):
            return True
        if _PART_AFTER.match(text, end):
            return True
        return _PART_BEFORE.possible(lower, left_start, start) and bool(
            _PART_BEFORE.search(text[left_start:start])
        )

    # --- one quantity ----------------------------------------------------------------------------

    def _mention(
        self, text: str, q: Quantity, left_start: int, right_end: int, elided: str
    ) -> Mention | None:
        left = text[left_start : q.start]
        if _CHANGE_AFTER.match(text, q.end) or _OF_NUMBER.match(text, q.end) or _CHANGE_BEFORE.search(left):
            return None  # "rose to 45", "up from 30", "one of six"
        pos = q.end
        part = _PART_AFTER.match(text, pos) if q.unit == "" else None
        if part:
            pos = part.end()
        words = self._noun_phrase(text, pos, right_end, q.unit == "" or q.attributive)
        if words is None:
            return None  # "10 more people", "3 other cases": an increment or another set
        end = words[-1][2] if words else q.end
        before = None
        if not q.unit:
            partitive = bool(part or _PART_BEFORE.search(left))  # mentions() finds the whole
            before = self.event_before.search(left)
            if not (partitive or before or self.event_after.match(text, end)):
                return None  # a count of no event (the common case: decided before the rest)
        noun = norm(words[-1][0]) if words else ""
        mention = Mention(q, q.start, end, text[q.start : end], self.synonyms.get(noun, noun))
        rate = _RATE_AFTER.match(text, end)
        mention.rate = next(g for g in rate.groups() if g).lower() if rate else ""
        if q.unit:
            if words and noun != words[-1][0].lower().replace("-", ""):
                return None  # "two-year treasury notes", "$3bn of loans": a class, not one thing
            return self._measure(mention, left, bool(words))
        mention.partitive = partitive
        return self._count(text, mention, left, "" if part and not words else elided or None, before)

    def _noun_phrase(
        self, text: str, pos: int, end: int, attributive: bool, determiner: bool = False
    ) -> list[tuple[str, int, int]] | None:
        """Up to three words after a quantity, ending in its noun: "Syrian civilians", "of the vote".

        Without attributive, only an "of" phrase counts ("40 days of fighting"); None for an
        increment ("10 more people") or another set ("3 other cases"). With determiner, the phrase
        may start with one ("in the attack").
        """
        words: list[tuple[str, int, int]] = []
        seen_lower = False
        of = False
        for t in _TOKEN.finditer(text, pos, end):
            w = t.group()
            lw = w.lower()
            if w in _TRANSPARENT:
                continue
            if not words and not of:
                if lw in INCREMENT:
                    return None
                if lw == "of":
                    of = True
                    continue
                if not attributive:
                    return words
            if not words and lw in _DETERMINERS and (of or determiner):
                continue
            acronym = len(w) > 1 and w.isupper()  # "IS", "US": names, not the words "is", "us"
            if not w[0].isalpha() or lw in self.single_event_words or seen_lower and w[0].isupper():
                return words
            if words and (lw.endswith("ed") or lw in _IRREGULAR_PAST or lw in self.verb_words):
                return words
            if lw in STOP and not acronym:
                return words
            seen_lower = seen_lower or w[0].islower()
            words.append((w, t.start(), t.end()))
            if len(words) == 3:
                break
        return words

    def _count(
        self, text: str, mention: Mention, left: str, elided: str | None, before: re.Match | None
    ) -> Mention | None:
        """A count needs an event: "killed 30", "30 people died", "30 deaths", "death toll of 30";
        before is the match of event_before in left.

        Without a noun it counts the noun of the count before it in the sentence (elided), or
        nothing of its own after "of them" (elided ""), or the event's noun ("killed 30": people)."""
        event = ""
        if before:
            if _HYPOTHETICAL.search(left, max(0, before.start(1) - 60), before.start(1)):
                return None
            event = self.event_words[_key(before.group(1))]
            subject = self.subject_before.search(left, 0, before.start(1))
            if subject:
                mention.subject = self._subject(left, subject.start(1), subject.group(1))
                det = _DETERMINER_BEFORE.search(left, 0, subject.start(1))
                relative = left[subject.end(1) :].lstrip().lower().startswith(("that", "which"))
                mention.fresh = bool(det) and det.group(1).lower() in _INDEFINITE and not relative
        else:
            after = self.event_after.match(text, mention.end)
            if after:
                event = self.event_words[_key(after.group(1))]
                if after.start(1) == mention.end + 1:  # "30 deaths", "30 people killed": quote it whole
                    mention.end = after.end()
                    mention.text = text[mention.start : mention.end]
                agent = self.agent_after.match(text, after.end())
                words = self._noun_phrase(text, agent.end(), agent.end() + 60, True, True) if agent else None
                if words:
                    mention.subject = " ".join(self._head(w) for w, _, _ in words if w[0].isupper())
                    mention.subject = mention.subject or self._head(words[-1][0])
                    det = _DETERMINER_BEFORE.search(text, agent.end(), words[0][1])
                    mention.fresh = bool(det) and det.group(1).lower() in _INDEFINITE
        if not event:
            return mention if mention.partitive else None
        cls = self.events[event]
        noun = mention.noun or (cls.noun if elided is None else elided)
        if cls.only and noun not in cls.only:
            return None
        mention.noun, mention.event = noun, event
        return mention

    def _measure(self, mention: Mention, left: str, noun_after: bool) -> Mention | None:
        """A duration, sum or share: what it measures, from the words after or before it. Only a
        definite thing can restate an earlier figure: "the seven-day ceasefire", "the ceasefire
        holds for", "Barclays was fined"; a share needs its verb ("won 52% of the vote")."""
        verb = self.verb_before.search(left)
        if verb:
            obj = (verb.group(3) or "").lower()  # "paid a fine of $8m": a fine
            mention.event = self.verbs.get(obj) or self.verbs[_key(verb.group(2))]
            mention.subject = self._subject(left, verb.start(1), verb.group(1))
            mention.noun = mention.noun or mention.subject
            anchor, named = verb.start(1), verb.group(1)[0].isupper()  # "Northbank was fined"
        elif noun_after:
            anchor, named = len(left), False
        else:
            link = _LINK_BEFORE.search(left)
            if not link:
                return None
            mention.noun = self._head(link.group(1))
            anchor, named = link.start(1), False
        det = _DETERMINER_BEFORE.search(left, 0, anchor)
        mention.fresh = not (named or det and det.group(1).lower() in _DEFINITE)
        if mention.unit == "day" and mention.event == LASTING:
            mention.event = ""  # "the ceasefire holds for a week" = "a week-long ceasefire"
        if mention.unit in ("%", "pt") and not mention.event:
            return None
        return mention if mention.noun and mention.noun not in STOP else None

    def _subject(self, text: str, start: int, word: str) -> str:
        """The head of a subject, with the capitalised words of a name before it: "war", "boko haram"."""
        if not word[0].isupper():
            return self._head(word)
        name = _NAME_BEFORE.search(text, 0, start)
        words = (name.group().split() if name else []) + [word]
        return " ".join(self._head(w) for w in words if w.lower() not in _DETERMINERS)

    def _head(self, word: str) -> str:
        w = norm(word)
        return "" if w in STOP or "'" in w else self.synonyms.get(w, w)  # not "you'd"


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _time_key(text: str) -> str:
    t = " ".join(text.lower().split())
    return _MONTH_FULL.get(t[:3], t) if t[:3] in _MONTH_FULL and not t[0].isdigit() else t
