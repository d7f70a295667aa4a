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
from newslint.figures.tail import Lazy, Tail, foldable, folded_pattern
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
_TOKEN = Lazy(r"[A-Za-z][A-Za-z'’-]*|\S")
# a pattern that opens with _WORD and has no look-behind matches first, if anywhere, at the first
# letter of a run of word characters (from an earlier letter of the run it would match as well):
# the end of each match of _WORD_STARTS (Tail tries the pattern there only)
_WORD = r"([A-Za-z][\w'’-]*)"
_WORD_STARTS = Lazy(r"(?<![\w'’-])[\w'’-]*?[A-Za-z]", re.IGNORECASE)
_TRANSPARENT = frozenset("“”\"‘’'")
_DETERMINERS = frozenset("the a an its their his her our this these those them whom".split())
_SPACES = r"[\s“”\"‘’']*"  # what _noun_phrase skips before a word: spaces, quotation marks
_WORD_END = r"(?![a-z'’-])"
# what _noun_phrase may read after a count, on the lower-cased text: "of" and determiners, then up to
# three words, each letters or one character beyond ASCII (more than it reads, never less)
_NOUN_PHRASE_LOWER = (
    rf"(?:{_SPACES}of{_WORD_END}(?:{_SPACES}(?:{'|'.join(sorted(_DETERMINERS))}){_WORD_END})*)?"
    rf"(?:{_SPACES}(?:[a-z][a-z'’-]*{_WORD_END}|[^\x00-\x7f])){{0,3}}"
)
_CHANGE_BEFORE = Tail(
    r"\b(?:rose|risen|rising|rises|fell|fallen|falling|falls|increased|increases|decreased|jumped|climbed|"
    r"dropped|grew|grown|declined|surged|plunged|doubled|tripled|soared|slumped|up|down)\s+(?:to\s+|by\s+)?$"
    r"|\b(?:rose|risen|rising|increased|climbed|jumped|bringing|brought|pushing|pushed|raising|raised|cut|"
    r"lowering|lowered|revised|extended|extending)(?:\s+[\w'’-]+){0,4}?\s+(?:to|from|by)\s+$"
    r"|\b(?:by|than|versus|vs\.?|another|additional|further|extra|compared\s+(?:with|to))\s+$",
    re.IGNORECASE,
)
_CHANGE_AFTER = Lazy(r"\s*,?\s+(?:up|down)\s+from\b|\s+(?:ago|earlier|later|before|after|from\s+now)\b", re.I)
_PART_BEFORE = Tail(r"(?:\bincluding|\bamong\s+(?:them|whom|those)|\bof\s+(?:whom|them|those))\s+$", re.I)
_PART_AFTER_PATTERN = r"\s+of\s+(?:them|whom|those)\b"  # lower-case: for the lower-cased text too
_PART_AFTER = Lazy(_PART_AFTER_PATTERN, re.IGNORECASE)
_LINK_BEFORE = Tail(
    _WORD + r"\s*,?\s+(?:(?:is|was|are|were|will\s+be|would\s+be|has\s+been|had\s+been)\s+)?"
    r"(?:worth|valued\s+at|of|totall?ing|amounting\s+to|at\s+a\s+cost\s+of)\s+$",
    re.IGNORECASE,
    _WORD_STARTS,
)
# past tenses that end a noun phrase ("the 10-day ceasefire began"); words in -ed end it too
_IRREGULAR_PAST = frozenset(
    """began begun came went took left made saw won lost hit fell rose ran broke brought built bought
    sold paid held kept led met put set sent spent stood struck told thought found gave got grew
    knew meant""".split()
)
_RATE_AFTER = Lazy(
    r"\s*/\s*([a-z]+)|\s+(?:a|an|per|each|every)\s+([a-z]+)|\s+(annually|yearly|monthly|weekly|daily)\b", re.I
)
_OF_NUMBER = Lazy(
    r"\s+of\s+(?:the\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b)", re.I
)
# a determiner before a noun, perhaps with two modifiers between: "the planned", "a separate"
_DETERMINER_BEFORE = Tail(
    r"\b(the|this|that|these|those|a|an|another|its|their|his|her|our)\s+(?:[\w'’-]+\s+){0,2}$", re.I
)
_DEFINITE = frozenset("the this that these those".split())
_NAME_BEFORE = Tail(r"(?:[A-Z][\w'’./-]*\s+){1,3}$")
_INDEFINITE = frozenset("a an another".split())
# a count after these did not happen: "could kill up to 1,000", "would have been able to kill 100"
_HYPOTHETICAL = Lazy(r"\b(?:could|might|may|able\s+to|threat\w*\s+to|if|unless)\b[^.;:]*$", re.I)
# words that say a sentence counts another incident, or gives an earlier figure: its counts are
# compared with nothing
_ANOTHER = Lazy(
    r"\b(?:also|another|separately|separate|similar|previous|previously|earlier|original|originally|"
    r"initial|initially|second|third)\b",
    re.IGNORECASE,
)
_TIMEWORDS = (
    r"(?:19|20)\d\d|january|february|march|april|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|yesterday|today|tonight|(?:last|this|next|past)\s+(?:week|month|year|weekend|night|season)"
)
_TIME = Lazy(rf"\b(?:{_TIMEWORDS})\b", re.IGNORECASE)
_TIME_LOWER, _ANOTHER_LOWER = (  # for the lower-cased text: faster
    Lazy(lowered) if (lowered := folded_pattern(r.pattern, r.flags)) else None for r in (_TIME, _ANOTHER)
)
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


_REACH = 90  # characters read on either side of a quantity, within its sentence
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
        self.event_before = Tail(rf"(?:^|[^\w'’-])({ev}){filler}\s+(?:{AUX}\s+)*$", re.IGNORECASE)
        self.event_after = Lazy(rf"\s+(?:{AUX}\s+)*({ev})\b", re.IGNORECASE)
        self.subject_before = Tail(rf"{_WORD}{_APPENDIX}\s+(?:{AUX}\s+)*$", re.IGNORECASE, _WORD_STARTS)
        self.agent_after = Lazy(r"\s+(?:in|by|during|from)\s+", re.IGNORECASE)
        # the fast path (_may_count), on the lower-cased text: a count is a mention only with an event
        # word or a part phrase close to it, so most counts are dropped before they are even read.
        # Before it: event_before's or _PART_BEFORE's gate; after it, count_after: a part phrase, or
        # event_after after what _noun_phrase may read (None: event words beyond ASCII, no fast path).
        words = [_key(w) for w in event_words]
        trie = phrase_trie(words) if all(w.isascii() for w in words) else None
        self.count_after = (
            Lazy(rf"{_PART_AFTER_PATTERN}|{_NOUN_PHRASE_LOWER}\s+(?:{AUX}\s+)*(?:{trie})\b") if trie else None
        )
        vb = _phrases(list(verbs))
        self.verb_before = Tail(
            rf"{_WORD}{_APPENDIX}\s+(?:{AUX}\s+)*({vb})\s+(?:(?:the|its|their|his|her|an?)\s+([\w'’-]+)\s+)?"
            r"(?:for\s+|at\s+|of\s+|about\s+)?$",
            re.IGNORECASE,
            _WORD_STARTS,
        )

    # --- public -------------------------------------------------------------------------------

    def document_matches(self, texts: list[str], lower: str) -> list[list[re.Match]]:
        """The reader's matches in the blocks of a document (texts; lower: "\n".join(texts).lower())
        that may be mentions: most counts are left out (see _may_count)."""
        return self.reader.document_matches(texts, lower, self._may_matter if self.count_after else None)

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
        context: dict[int, tuple[frozenset[str], bool]] = {}  # by sentence
        folded = ""  # lower, when it may stand for text (see foldable), once needed
        rev = ""  # folded reversed, once a count needs it
        for m in self.reader.matches(text) if matches is None else matches:
            if not starts:
                sentences = split() or [(0, len(text))]
                starts = [a for a, _ in sentences]
                lower = text.lower() if lower is None else lower
                folded = lower if foldable(text, lower) else ""
            k = max(0, bisect.bisect_right(starts, m.start()) - 1)  # the quantity starts where m does
            s0, s1 = sentences[k]
            count = self.reader.counts(m)  # or no quantity at all
            if count:
                if folded and self.count_after:
                    rev = rev or folded[::-1]
                    if not self._may_count(folded, rev, m.start(), m.end(), s0):
                        continue  # a count with no event near it is no mention: not even read
                if k not in context:
                    context[k] = self._context(text, folded, s0, s1)
                if context[k][1]:
                    continue  # "eight people were also killed", "earlier, police said 30 died"
            # "killed 16 leaders and wounded nine": nine of the leaders
            elided = count and next(
                (p.noun for p in reversed(out) if p.sentence == k and not p.unit and p.end > p.quantity.end),
                "",
            )
            left_start, right_end = max(s0, m.start() - _REACH), max(m.end(), min(s1, m.end() + _REACH))
            mention = self._mention(text, m, left_start, right_end, elided or "")
            if mention is None:
                continue
            if quotes is None:
                quotes = quoted_ranges(text)  # only now: most quantities are no mention
            if quotes and inside(quotes, mention.start, mention.quantity.end):
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
                context[k] = self._context(text, folded, s0, s1)
            mention.times = context[k][0]
            out.append(mention)
        return out

    @staticmethod
    def _context(text: str, folded: str, s0: int, s1: int) -> tuple[frozenset[str], bool]:
        """The times a sentence names ("in 2014", "on Monday") and whether it tells of another
        incident or an earlier figure ("also", "initially"); folded: text.lower(), or ""."""
        if folded and _TIME_LOWER and _ANOTHER_LOWER:
            times = frozenset(_time_key(t.group()) for t in _TIME_LOWER.finditer(folded, s0, s1))
            return times, bool(_ANOTHER_LOWER.search(folded, s0, s1))
        times = frozenset(_time_key(t.group()) for t in _TIME.finditer(text, s0, s1))
        return times, bool(_ANOTHER.search(text, s0, s1))

    def _may_matter(self, lower: str, rev: str, m: re.Match, offset: int, text: str) -> bool:
        """Whether a match of the reader in a block (text) at offset in lower (rev: reversed) may be
        a mention: the block taken as its sentence, more than mentions() lets through."""
        start, end = offset + m.start(), offset + m.end()
        if self.reader.counts(m):
            return self._may_count(lower, rev, start, end, offset)
        return self._may_measure(lower, rev, m, offset, text)

    def _may_measure(self, lower: str, rev: str, m: re.Match, offset: int, text: str) -> bool:
        """Whether the measure m of a block (text) at offset in lower (rev: reversed) may be a
        mention, as _mention and _measure decide it, the block taken as its sentence. A share needs
        its verb (the event); any other measure a verb, a link ("a deal worth") or a noun after it
        (the noun phrase of _mention, up to the block's end: the sentence's has no other first
        word, as a sentence ends before a space). More, never fewer (tests/test_figures_fastpath.py
        compares them)."""
        start = offset + m.start()
        left_start = max(offset, start - _REACH)
        share = (m.group("pct") or m.group("pts")) and not (m.group("cur") or m.group("curw"))
        if self.verb_before.possible(lower, left_start, start, rev):
            return True
        if share:
            return False
        if _LINK_BEFORE.possible(lower, left_start, start, rev):
            return True
        end = m.end()
        return bool(self._noun_phrase(text, end, min(len(text), end + _REACH), Reader.attributive(m)))

    def _may_count(self, lower: str, rev: str, start: int, end: int, s0: int) -> bool:
        """Whether the count from start to end (in a sentence from s0) may be a mention, as _mention
        and _count decide it, on the lower-cased block (rev: reversed): a part of a count
        ("including 160 children", "160 of them"), or a count with an event word in the words before
        it (event_before's gate) or after it past nothing but words (event_after). More, never
        fewer: keep it in step with them (tests/test_figures_fastpath.py compares them)."""
        if self.count_after.match(lower, end):
            return True
        left_start = max(s0, start - _REACH)
        return self.event_before.possible(lower, left_start, start, rev) or _PART_BEFORE.possible(
            lower, left_start, start, rev
        )

    # --- one quantity ----------------------------------------------------------------------------

    def _mention(
        self, text: str, m: re.Match, left_start: int, right_end: int, elided: str
    ) -> Mention | None:
        """The mention of one match of the reader, or None: the quantity is read last, when all
        that can be decided without it is decided (most matches are no mention)."""
        start, end = m.start(), m.end()
        left = text[left_start:start]
        if _CHANGE_AFTER.match(text, end) or _OF_NUMBER.match(text, end) or _CHANGE_BEFORE.search(left):
            return None  # "rose to 45", "up from 30", "one of six"
        count = self.reader.counts(m)  # or no quantity at all
        part = _PART_AFTER.match(text, end) if count else None
        words = self._noun_phrase(
            text, part.end() if part else end, right_end, count or Reader.attributive(m)
        )
        if words is None:
            return None  # "10 more people", "3 other cases": an increment or another set
        stop = words[-1][2] if words else end
        noun = norm(words[-1][0]) if words else ""
        before = verb = link = None
        if count:
            partitive = bool(part or _PART_BEFORE.search(left))  # mentions() finds the whole
            before = self.event_before.search(left)
            if not (partitive or before or self.event_after.match(text, stop)):
                return None  # a count of no event
        else:
            if words and noun != words[-1][0].lower().replace("-", ""):
                return None  # "two-year treasury notes", "$3bn of loans": a class, not one thing
            verb = self.verb_before.search(left)
            link = None if verb or words else _LINK_BEFORE.search(left)
            if not (verb or words or link):
                return None  # a measure of nothing named
        q = self.reader.read(text, m)
        if q is None:
            return None
        mention = Mention(q, start, stop, text[start:stop], self.synonyms.get(noun, noun))
        rate = _RATE_AFTER.match(text, stop)
        mention.rate = next(g for g in rate.groups() if g).lower() if rate else ""
        if q.unit:
            return self._measure(mention, left, verb, bool(words), link)
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

    def _measure(
        self, mention: Mention, left: str, verb: re.Match | None, noun_after: bool, link: re.Match | None
    ) -> Mention | None:
        """A duration, sum or share: what it measures, from the words after or before it (verb, a
        noun after it, or else link). Only a definite thing can restate an earlier figure: "the seven-day
        ceasefire", "the ceasefire holds for", "Barclays was fined"; a share needs its verb ("won
        52% of the vote")."""
        if verb:
            obj = (verb.group(3) or "").lower()  # "paid a fine of $8m": a fine
            mention.event = self.verbs.get(obj) or self.verbs[_key(verb.group(2))]
            mention.subject = self._subject(left, verb.start(1), verb.group(1))
            mention.noun = mention.noun or mention.subject
            anchor, named = verb.start(1), verb.group(1)[0].isupper()  # "Northbank was fined"
        elif noun_after or link is None:
            anchor, named = len(left), False
        else:
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
