"""duplicates: a paragraph or sentence that repeats an earlier one in the same article.

Each unit (a paragraph, or a sentence of at least min_words words) is compared with the units
before it, after rapidfuzz's default_process (lower case, punctuation to spaces). A later unit is
a copy of the earliest unit it matches with any of the configured scorers:

  exact             the normalised texts are equal
  ratio             fuzz.ratio >= threshold: a copy with light edits
  token_sort_ratio  the same words reordered
  partial_ratio     the later unit is contained in an earlier, longer one (a truncated copy when
                    the match starts at the earlier unit's first word); used only when the later
                    unit has at least partial_min_words words, because short strings find a
                    near match inside almost any long one

WRatio and token_set_ratio are refused: on news copy they match unrelated sentences.

Noise guards, measured on clean article text: fuzzy forms need fuzzy_min_words words (in a short
unit one changed word is a different statement: "pre-workout" / "post-workout"), though a shorter
paragraph of partial_min_words words or more still counts when it is a word-for-word part of an
earlier one (truncated or contained); a fuzzy copy must keep the earlier unit's figures (a
different price, date or score is a different fact); and a text that occurs `refrain` times or
more, counting near-copies, is a deliberate refrain (the same question put to each guest,
"Available from Amazon" under each product) and not reported.

Options: unit (paragraph | sentence), min_words, scorers ({name: threshold}), partial_min_words,
fuzzy_min_words, refrain, block_kinds. With unit: sentence, only sentences in different
paragraphs are compared, and sentences of a paragraph that is itself a copy are skipped (the
paragraph rule reports it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from itertools import chain

from newslint.document import Block, Document, cached_property
from newslint.finding import Edit, Finding, Related, Span
from newslint.kinds.base import finding, render, whole_lines
from newslint.ruleset import Rule

DEFAULT_SCOPE = "document"

SCORERS = ("ratio", "token_sort_ratio", "partial_ratio")
REFUSED = {
    "WRatio": "WRatio >= 85 matched 31% of random pairs of news sentences",
    "token_set_ratio": "token_set_ratio scores 100 whenever one text's words are a subset of the other's",
}
FORMS = {"ratio": "edited copy", "token_sort_ratio": "reordered copy", "partial_ratio": "contained"}


@dataclass
class Options:
    unit: str = "paragraph"
    min_words: int = 8
    scorers: dict = field(default_factory=lambda: {"ratio": 90, "token_sort_ratio": 92, "partial_ratio": 95})
    partial_min_words: int = 8
    fuzzy_min_words: int = 12
    refrain: int = 3
    overlap: float = 0.8  # share of a unit's words found in another unit (a sentence's: another paragraph)
    block_kinds: list = field(default_factory=lambda: ["paragraph", "quote", "list_item"])


@dataclass
class Unit:
    block: Block
    start: int  # offsets into block.text
    end: int
    norm: str  # default_process'd text
    words: list[str]  # the words of norm
    size: int  # words that are not bare numbers
    group: int  # index of the block: sentences of one paragraph are never compared

    @cached_property
    def tokens(self) -> frozenset[str]:
        """Its distinct words."""
        return frozenset(self.words)

    @cached_property
    def numbers(self) -> tuple[str, ...]:
        """Tokens with digits: copies with different figures are different facts."""
        return tuple(sorted(t for t in self.words if not t.isalpha()))  # only [^\W_]+ are left

    @cached_property
    def sorted_norm(self) -> str:
        return " ".join(sorted(self.words))


@dataclass(frozen=True)
class Copy:
    later: int  # unit indices
    first: int
    form: str
    score: float


class Checker:
    def __init__(self, rule: Rule) -> None:
        o: Options = rule.options
        self.rule, self.options = rule, o
        if o.unit not in ("paragraph", "sentence"):
            raise rule.error("unit", f"'unit' must be paragraph or sentence, not '{o.unit}'")
        for name, threshold in o.scorers.items():
            if name in REFUSED:
                raise rule.error("scorers", f"scorer '{name}' is not allowed: {REFUSED[name]}")
            if name not in SCORERS:
                raise rule.error("scorers", f"unknown scorer '{name}'; use {', '.join(SCORERS)}")
            number = isinstance(threshold, (int, float)) and not isinstance(threshold, bool)
            if not number or not 0 < threshold <= 100:
                raise rule.error("scorers", f"threshold of '{name}' must be a number in (0, 100]")
        if o.min_words < 1 or o.partial_min_words < 1:
            raise rule.error("min_words", "'min_words' and 'partial_min_words' must be at least 1")

    def check(self, doc: Document) -> Iterator[Finding]:
        o = self.options
        if o.unit == "paragraph":
            paragraphs, copies = paragraph_copies(doc, o)
            for c in copies:
                later = paragraphs[c.later]
                yield self._finding(doc, later, paragraphs[c.first], c, paragraph_edit(doc, later))
            return
        sentences, candidates = sentence_units(doc, o)
        if not sentences:  # most articles: the paragraph copies are not needed
            return
        paragraphs, copies = paragraph_copies(doc, o)
        copied = {paragraphs[c.later].group for c in copies}
        query = lambda u: u.group not in copied  # noqa: E731
        for c in find_copies(sentences, o, other_group=True, query=query, candidates=candidates):
            later = sentences[c.later]
            yield self._finding(doc, later, sentences[c.first], c, sentence_edit(doc, later))

    def _finding(self, doc: Document, later: Unit, first: Unit, c: Copy, edit: Edit) -> Finding:
        span = later.block.span(later.start, later.end)
        first_span = first.block.span(first.start, first.end)
        line, column = doc.source.index.location(first_span.start)
        end_line, end_column = doc.source.index.location(first_span.end)
        related = Related(doc.path, line, column, end_line, end_column, f"first copy ({c.form})")
        message = render(self.rule.message, line=line, form=c.form, score=round(c.score))
        return finding(self.rule, span, message, [edit], [related])


# --- units ---------------------------------------------------------------------------------------


def make_unit(block: Block, start: int, end: int, group: int, words: list[str] | None = None) -> Unit:
    norm = block.folded[start:end].strip()  # default_process of the unit's text
    words = norm.split() if words is None else words
    return Unit(block, start, end, norm, words, len(words) - sum(map(str.isdigit, words)), group)


def paragraph_copies(doc: Document, o: Options) -> tuple[list[Unit], list[Copy]]:
    """The paragraph units and their copies, computed once per document for both duplicate rules
    when their paragraph settings agree."""
    key = (
        "duplicates",
        o.min_words,
        tuple(o.block_kinds),
        tuple(sorted(o.scorers.items())),
        o.partial_min_words,
        o.fuzzy_min_words,
        o.refrain,
        o.overlap,
    )
    if key not in doc.cache:
        units, candidates = paragraph_units(doc, o)
        doc.cache[key] = (units, _copies(units, o, _paragraph_scores(doc, o, units, candidates)))
    return doc.cache[key]


def _paragraph_scores(doc: Document, o: Options, units: list[Unit], candidates: list[list[int]]) -> Scores:
    """The paragraphs scored once for both duplicate rules (the sentence rule scored them again to
    learn which are copies): their options differ only in what scoring does not read (unit,
    refrain, and partial_min_words while _contained sees no unit shorter than it)."""
    key = (
        "duplicate-scores",
        o.min_words,
        tuple(o.block_kinds),
        o.overlap,
        tuple(o.scorers.items()),  # in order: a later scorer's hit replaces an earlier one's
        o.fuzzy_min_words,
        max(o.partial_min_words, o.fuzzy_min_words),
    )
    if key not in doc.cache:
        doc.cache[key] = score_units(units, o, candidates=candidates)
    return doc.cache[key]


def paragraph_units(doc: Document, o: Options) -> tuple[list[Unit], list[list[int]]]:
    """The paragraph units that may be copies, and their candidates, shared by rules whose
    scorers differ."""
    key = ("duplicate-units", o.min_words, tuple(o.block_kinds), o.overlap)
    if key not in doc.cache:
        blocks = _blocks(doc, o)
        passing = {k: blocks.sets[k] & blocks.repeated for k in blocks.passing}
        doc.cache[key] = _matchable(blocks.kept, blocks.sets, blocks.repeated, passing, o)
    return doc.cache[key]


def sentence_units(doc: Document, o: Options) -> tuple[list[Unit], list[list[int]]]:
    """The sentence units that may be copies, and their candidates. A sentence is compared when
    `overlap` of its words occur in other paragraphs (the paragraphs' repeated words): a sentence
    of one paragraph is never reported as a copy of another sentence of the same one."""
    blocks = _blocks(doc, o)
    kept, sets, passing = _sentences(doc, o, blocks)
    if len(kept) < 2:
        return [], []
    return _matchable(kept, sets, blocks.repeated, passing, o)


def _sentences(
    doc: Document, o: Options, blocks: Blocks
) -> tuple[list[Piece], list[frozenset[str]], dict[int, frozenset[str]]]:
    """The sentences long enough to compare, their distinct words, and those that pass the
    overlap test (index: its repeated words, which _candidates needs), in one pass: each
    sentence's set is made and tested while its words are at hand, with no second and third loop
    over the sentences. A block of one sentence is that sentence, with the block's words and token
    set: kept and passing as the block was among the paragraphs (the same tests)."""
    least, kinds, overlap, repeated = o.min_words, o.block_kinds, o.overlap, blocks.repeated
    whole: dict[int, frozenset[str]] = doc.cache["duplicate-block-tokens"]  # filled by _blocks
    kept: list[Piece] = []
    sets: list[frozenset[str]] = []
    passing: dict[int, frozenset[str]] = {}
    for i, b in enumerate(doc.blocks):
        if b.kind not in kinds:
            continue
        spans = b.sentence_spans
        if len(spans) == 1 and spans[0] == (0, len(b.text)):
            if i in blocks.kept_groups:
                if i in blocks.passing_groups:
                    passing[len(kept)] = whole[i] & repeated
                kept.append((b, 0, len(b.text), i, b.words))
                sets.append(whole[i])
            continue
        folded = b.folded
        for start, end in spans:
            words = folded[start:end].split()
            if _enough_words(words, least):
                tokens = frozenset(words)
                if len(found := tokens & repeated) >= overlap * len(tokens):
                    passing[len(kept)] = found
                kept.append((b, start, end, i, words))
                sets.append(tokens)
    return kept, sets, passing


Piece = tuple[Block, int, int, int, list[str]]  # block, start, end, group, words


@dataclass
class Blocks:
    """The whole paragraphs of a document that are long enough to compare, with what the search
    for candidates derives from them; made once for both duplicate rules."""

    kept: list[Piece]
    sets: list[frozenset[str]]  # the distinct words of each
    repeated: set[str]  # words in more than one of them
    # those that pass the overlap test (indices into kept), and their block indices; their repeated
    # words are not kept here, in the document's cache: a paragraph repeated 40,000 times would
    # keep 40,000 sets (90 MB)
    passing: list[int]
    passing_groups: frozenset[int]
    kept_groups: frozenset[int]  # the block indices of kept


def _blocks(doc: Document, o: Options) -> Blocks:
    key = ("duplicate-blocks", o.min_words, tuple(o.block_kinds), o.overlap)
    if key not in doc.cache:
        kept, sets = _paragraphs(doc, o)
        repeated = _repeated(sets)
        passing = list(_passing(sets, repeated, o.overlap))
        passing_groups = frozenset(kept[k][3] for k in passing)
        doc.cache[key] = Blocks(kept, sets, repeated, passing, passing_groups, frozenset(p[3] for p in kept))
    return doc.cache[key]


def _paragraphs(doc: Document, o: Options) -> tuple[list[Piece], list[frozenset[str]]]:
    """The whole blocks long enough to compare (at least min_words words that are not bare
    numbers) and their distinct words, in one pass; the distinct words of a block are kept for
    rules whose options differ."""
    least, kinds = o.min_words, o.block_kinds
    whole: dict[int, frozenset[str]] = doc.cache.setdefault("duplicate-block-tokens", {})
    kept: list[Piece] = []
    sets: list[frozenset[str]] = []
    for i, b in enumerate(doc.blocks):
        if b.kind in kinds and _enough_words(words := b.words, least):
            kept.append((b, 0, len(b.text), i, words))
            tokens = whole.get(i)
            if tokens is None:
                tokens = whole[i] = frozenset(words)
            sets.append(tokens)
    return kept, sets


def _enough_words(words: list[str], least: int) -> bool:
    """Whether at least `least` of the words are not bare numbers (_size(words) >= least)."""
    # when none of the first `least` words is a bare number they settle it: most need no counting
    return len(words) >= least and (not any(map(str.isdigit, words[:least])) or _size(words) >= least)


def _matchable(
    kept: list[Piece],
    sets: list[frozenset[str]],
    repeated: set[str],
    passing: dict[int, frozenset[str]],
    o: Options,
) -> tuple[list[Unit], list[list[int]]]:
    """The units, among the kept pieces, that have a candidate or are one, with their candidates
    (indices into the returned list).

    A unit that is nobody's candidate and has none cannot take part in a copy: it has no near
    copy, and no exact one either (exact copies are always candidates). Dropping it changes no
    copy, and the Unit objects are made only for the few units left."""
    if len(kept) < 2:
        return [], []
    covered = (
        _covered(kept, sets, passing) if passing else frozenset()
    )  # only candidates of passing units use it
    candidates = _candidates(sets, o.overlap, repeated, passing, covered)
    if not o.overlap <= 1:  # then exact copies are no candidates: keep every unit
        return [make_unit(*p) for p in kept], [candidates.get(j, []) for j in range(len(kept))]
    involved = sorted({k for j, earlier in candidates.items() for k in (j, *earlier)})
    at = {k: n for n, k in enumerate(involved)}
    units = [make_unit(*kept[k]) for k in involved]
    return units, [[at[i] for i in candidates.get(k, ())] for k in involved]


def _covered(kept: list[Piece], sets: list[frozenset[str]], passing: Collection[int]) -> frozenset[int]:
    """The units no later unit needs as a candidate: those with the same text as an earlier unit of
    another group, which stands for them. It is a candidate wherever they would be (the same
    words), scores the same and comes first, and it is already in their family of near copies (they
    pass the overlap test, their words being in two groups, and have it as a candidate). Without
    this, a text repeated a thousand times made a thousand candidates of each copy (quadratic).

    Only the `passing` units (indices, ascending) are looked at: units with the same words all pass
    the overlap test or all fail it, and a text in two groups has all its words repeated."""
    counts = Counter(map(sets.__getitem__, passing))
    if len(counts) == len(passing):  # no two units with the same words: the usual case
        return frozenset()
    first: dict[str, int] = {}
    covered = set()
    for k in passing:
        if counts[sets[k]] < 2:
            continue  # no other unit has its words, nor its text
        block, start, end, group, _ = kept[k]
        text = block.folded[start:end].strip()  # the unit's norm
        r = first.setdefault(text, k)
        if r != k and kept[r][3] != group:
            covered.add(k)
    return frozenset(covered)


def _size(words: list[str]) -> int:
    """Words that are not bare numbers."""
    return len(words) - sum(map(str.isdigit, words))


# --- matching -------------------------------------------------------------------------------------


def find_copies(
    units: list[Unit],
    o: Options,
    other_group: bool = False,
    query: Callable[[Unit], bool] | None = None,
    candidates: list[list[int]] | None = None,
) -> list[Copy]:
    """Each unit that copies an earlier one, with the earliest unit it copies; refrains dropped."""
    return _copies(units, o, score_units(units, o, other_group, query, candidates))


@dataclass
class Scores:
    """What find_copies learns from the scorers, before verbatim parts and refrains: all that
    depends on the options other than unit, refrain and a partial_min_words up to fuzzy_min_words."""

    copies: list[Copy]  # exact and scored copies, by later unit
    open: list[int]  # units with candidates but no copy, too short for fuzzy forms: a verbatim part may fit
    family: list[int]  # union-find over loose near-copies, to spot refrains
    candidates: list[list[int]]


def score_units(
    units: list[Unit],
    o: Options,
    other_group: bool = False,
    query: Callable[[Unit], bool] | None = None,
    candidates: list[list[int]] | None = None,
) -> Scores:
    """The exact and scored copies among the units, with the near-copy families."""
    if len(units) < 2:
        return Scores([], [], [], [])
    if candidates is None:
        found = _candidates([u.tokens for u in units], o.overlap)
        candidates = [found.get(j, []) for j in range(len(units))]
    from rapidfuzz import fuzz

    norms = [u.norm for u in units]
    loose = o.scorers.get("ratio", 90)
    first_seen: dict[str, int] = {}
    family = list(range(len(units)))
    copies: list[Copy] = []
    open_units: list[int] = []
    for j, (u, earlier) in enumerate(zip(units, candidates, strict=True)):
        seen = first_seen.setdefault(u.norm, j)
        near = [(i, score) for i in earlier if (score := fuzz.ratio(u.norm, norms[i], score_cutoff=loose))]
        for i, _ in near:
            _union(family, i, j)
        if query is not None and not query(u):
            continue
        best: Copy | None = None
        if seen < j and not (other_group and units[seen].group == u.group):
            best = Copy(j, seen, "exact copy", 100.0)
        if u.size >= o.fuzzy_min_words and earlier:
            for name, threshold in o.scorers.items():
                limit = best.first if best else j
                if name == "ratio":
                    hits = [(i, score) for i, score in near if i < limit and score >= threshold]
                elif name == "token_sort_ratio":
                    hits = [
                        (i, score)
                        for i in earlier
                        if i < limit
                        and (score := fuzz.ratio(u.sorted_norm, units[i].sorted_norm, score_cutoff=threshold))
                    ]
                else:
                    hits = _contained(j, units, [i for i in earlier if i < limit], threshold, o)
                hits = [
                    (i, score)
                    for i, score in hits
                    if not (other_group and units[i].group == u.group) and _numbers_match(name, u, units[i])
                ]
                if hits:
                    i, score = min(hits)
                    best = Copy(j, i, FORMS[name], score)
                    if name == "partial_ratio" and _starts_at_beginning(u.norm, norms[i]):
                        best = Copy(j, i, "truncated copy", score)
        elif best is None and earlier:
            open_units.append(j)
        if best is not None:
            copies.append(best)
    return Scores(copies, open_units, family, candidates)


def _copies(units: list[Unit], o: Options, scores: Scores) -> list[Copy]:
    """The scored copies, with the short paragraphs that are a word-for-word part of a longer one
    (when partial_ratio is a scorer), less refrains."""
    copies = scores.copies
    if o.unit == "paragraph" and "partial_ratio" in o.scorers:
        least = o.partial_min_words
        parts = [
            _verbatim_part(j, units, scores.candidates[j]) for j in scores.open if units[j].size >= least
        ]
        if parts := [c for c in parts if c is not None]:
            copies = sorted(copies + parts, key=lambda c: c.later)
    if not copies:
        return []
    family = list(scores.family)  # _find compresses paths: the Scores may serve another rule
    for c in copies:
        _union(family, c.first, c.later)
    size = Counter(_find(family, i) for i in range(len(units)))
    return [c for c in copies if o.refrain < 2 or size[_find(family, c.later)] < o.refrain]


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], a: int, b: int) -> None:
    parent[_find(parent, b)] = _find(parent, a)


def _numbers_match(scorer: str, later: Unit, first: Unit) -> bool:
    """Copies keep their figures: a different price, date or score makes a different fact."""
    if scorer != "partial_ratio":
        return later.numbers == first.numbers
    left = list(first.numbers)
    for n in later.numbers:
        if n not in left:
            return False
        left.remove(n)
    return True


def _contained(
    j: int, units: list[Unit], earlier: list[int], threshold: float, o: Options
) -> list[tuple[int, float]]:
    """Earlier, longer units that contain unit j (partial_ratio), with their scores."""
    u = units[j]
    if u.size < o.partial_min_words:
        return []
    mine = u.tokens
    budget = len(mine) // 4  # a contained copy shares nearly all its words: skip the rest cheaply
    hits = []
    for i in earlier:
        other = units[i]
        if other.size < u.size or len(mine - other.tokens) > budget:
            continue
        score = _partial_score(u.norm, other.norm, threshold)
        if score:
            hits.append((i, score))
    return hits


LONG_TEXT = 2000  # characters: beyond, partial_ratio's search can take seconds (repetitive text)
_ANCHORS = 32  # pieces of a long text looked for in the other to align them
_ANCHOR_LENGTH = 16


def _partial_score(short: str, long: str, threshold: float) -> float:
    """fuzz.partial_ratio(short, long), 0 below threshold. A short text of more than LONG_TEXT
    characters is aligned with the long one by anchors instead (its copy shares most of its
    16-character pieces with it) and scored with fuzz.ratio there: linear, where partial_ratio
    slides over every window and on repetitive text takes seconds (40 s for 20,000 characters)."""
    from rapidfuzz import fuzz

    if len(short) <= LONG_TEXT:
        return fuzz.partial_ratio(short, long, score_cutoff=threshold)
    n = len(short)
    scores = [
        fuzz.ratio(short, long[max(0, start) : start + n], score_cutoff=threshold)
        for start in _alignments(short, long)
    ]
    return max(scores, default=0.0)


def _alignments(short: str, long: str) -> list[int]:
    """Up to three offsets of long at which a copy of short would start, most likely first: those
    the most anchors (pieces of short, where first found in long) agree on."""
    votes: Counter[int] = Counter()
    step = max(1, (len(short) - _ANCHOR_LENGTH) // (_ANCHORS - 1))
    for at in range(0, len(short) - _ANCHOR_LENGTH + 1, step):
        found = long.find(short[at : at + _ANCHOR_LENGTH])
        if found >= 0:
            votes[found - at] += 1
    return [start for start, _ in votes.most_common(3)]


def _candidates(
    token_sets: list[frozenset[str]],
    overlap: float,
    repeated: set[str] | None = None,
    passing: dict[int, frozenset[str]] | None = None,
    covered: frozenset[int] = frozenset(),
) -> dict[int, list[int]]:
    """The earlier units that could be a copy of each unit, for the units that have any.

    A copy in any form (edited, reordered, truncated, contained) shares nearly all its words with
    the unit it copies. So a unit has candidates only when it passes the overlap test (`overlap` of
    its distinct words are `repeated`: by default, found in another unit too), and they are the
    earlier units sharing at least half of its content words (its repeated words, less the _COMMON
    ones unless none is left). All of it is set arithmetic in C; most articles have no unit passing
    the overlap test. `passing` (unit: its repeated words, found by the overlap test) may be given
    when the caller knows it; `covered` units are nobody's candidates (see _covered)."""
    if repeated is None:
        repeated = _repeated(token_sets)
    if passing is None:
        passing = _passing(token_sets, repeated, overlap)
    if not passing:
        return {}
    shared = {j: _content(found) for j, found in passing.items()}
    if len(shared) * max(shared) > _PAIRS:
        return _candidates_by_postings(token_sets, repeated, shared, covered)
    out = {}
    for j, mine in shared.items():
        need = max(1, len(mine) // 2)
        # mine holds repeated words only, so meeting unit i's words it meets its content words;
        # unless mine is made of _COMMON words and unit i has other repeated words
        earlier = [i for i in range(j) if len(mine & token_sets[i]) >= need and i not in covered]
        if earlier and not mine.isdisjoint(_COMMON):
            earlier = [i for i in earlier if token_sets[i] & repeated <= _COMMON]
        if earlier:
            out[j] = earlier
    return out


def _repeated(token_sets: list[frozenset[str]]) -> set[str]:
    """The words in more than one of the sets."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for t in token_sets:
        repeated |= t & seen
        seen |= t
    return repeated


def _passing(
    token_sets: list[frozenset[str]], repeated: set[str], overlap: float
) -> dict[int, frozenset[str]]:
    """The sets with `overlap` of their words repeated, with those words."""
    return {j: found for j, t in enumerate(token_sets) if len(found := t & repeated) >= overlap * len(t)}


def _content(repeated: set[str]) -> set[str]:
    """A unit's words found in other units, less the _COMMON ones unless none is left."""
    return (repeated - _COMMON) or repeated


_PAIRS = 3_000  # beyond so many set intersections, an inverted index is cheaper
BUDGET = 20_000  # candidate pairs a document may have (fnc1, aeb, FakeNewsCorpus: at most 1,159)
PAIRS_PER_UNIT = 20  # ...or so many per unit, in a long one


def _candidates_by_postings(
    token_sets: list[frozenset[str]],
    repeated: set[str],
    shared: dict[int, set[str]],
    covered: frozenset[int] = frozenset(),
) -> dict[int, list[int]]:
    """_candidates' last step for long articles with many units passing: count the shared content
    words through an inverted index, which keeps it near-linear. In a document made of the same
    few words over and over every unit is every other's candidate (quadratic): past a budget of
    pairs (BUDGET, or PAIRS_PER_UNIT per unit in a longer document), or 50 times as many postings
    read, later units get no candidates (real articles stay far below)."""
    postings: defaultdict[str, list[int]] = defaultdict(list)
    out = {}
    pairs = visits = 0
    budget = max(BUDGET, PAIRS_PER_UNIT * len(token_sets))
    # the postings read are capped only where the scan would have been too long too (past BUDGET
    # intersections): below, the index gives the scan's candidates, whatever the document
    max_visits = budget * 50 if len(shared) * max(shared) > BUDGET else float("inf")
    # only the words some unit looks up need postings: with none of them _COMMON, a unit's content
    # words among them are its words among them (see _content)
    wanted = frozenset().union(*shared.values())
    plain = wanted.isdisjoint(_COMMON)
    for j, tokens in enumerate(token_sets[: max(shared) + 1]):
        mine = shared.get(j)
        if mine is not None:
            if pairs > budget or visits > max_visits:
                continue
            posted = [p for p in map(postings.get, mine) if p]
            visits += sum(map(len, posted))
            hits = Counter(chain.from_iterable(posted))  # counted in C
            need = max(1, len(mine) // 2)
            if earlier := sorted(i for i, n in hits.items() if n >= need):
                out[j] = earlier
                pairs += len(earlier)
        else:
            mine = tokens & wanted if plain else _content(tokens & repeated)
        if j not in covered:
            for w in mine:
                postings[w].append(j)
    return out


# frequent words: in nearly every unit, they tell nothing about copies
_COMMON = frozenset(
    """a an the and or but of to in on at for by with from as is are was were be been has have had
    it its he she they his her their them we our you i that this these those which who what when
    where there not no so if than then also after over into about more most some said says told
    will would could can may might should one two new year years people time just like only""".split()
)


def _verbatim_part(j: int, units: list[Unit], earlier: list[int]) -> Copy | None:
    """The earliest longer unit that holds unit j's words word for word: a truncated copy when they
    open it, else contained."""
    mine = " ".join(units[j].words)
    for i in earlier:
        other = " ".join(units[i].words)
        if len(other) > len(mine) and f" {mine} " in f" {other} ":
            form = "truncated copy" if other.startswith(f"{mine} ") else "contained"
            return Copy(j, i, form, 100.0)
    return None


def _starts_at_beginning(short: str, long: str) -> bool:
    from rapidfuzz import fuzz

    if len(short) > LONG_TEXT:  # as _partial_score aligns it
        return next(iter(_alignments(short, long)), len(long)) <= 2
    return fuzz.partial_ratio_alignment(short, long).dest_start <= 2


# --- fixes ----------------------------------------------------------------------------------------


def paragraph_edit(doc: Document, unit: Unit) -> Edit:
    """Delete the whole lines of the paragraph and the blank lines after it (before it at the end)."""
    return Edit(whole_lines(doc.source.text, unit.block.span()), "")


def sentence_edit(doc: Document, unit: Unit) -> Edit:
    """Delete the sentence and the space after it (before it, when it ends its paragraph)."""
    block = unit.block
    spans = block.sentence_spans
    if len(spans) == 1:
        return paragraph_edit(doc, unit)
    k = next(i for i, (start, _) in enumerate(spans) if start == unit.start)
    to_source = block.offsets.to_source
    if k + 1 < len(spans):
        return Edit(Span(to_source(unit.start), to_source(spans[k + 1][0])), "")
    return Edit(Span(block.span(*spans[k - 1]).end, block.span(unit.start, unit.end).end), "")
