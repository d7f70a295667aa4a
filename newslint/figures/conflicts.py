"""Which mentions describe the same thing, and which of those cannot all be true."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newslint.figures.mentions import Mention


@dataclass(frozen=True)
class Conflict:
    mention: Mention  # the later mention, where the finding is reported
    other: Mention  # the earlier one it cannot agree with
    part: bool = False  # mention is a part of other ("including 160 children") yet larger


def same_referent(a: Mention, b: Mention) -> bool:
    """Whether b, later, may restate a; conservatively: same unit, noun, event and rate, in
    another sentence, with no two different subjects or periods."""
    if a.key != b.key or (a.block, a.sentence) == (b.block, b.sentence):
        return False
    if a.unit and a.event:  # "paid $3bn", "won 52% of the vote": only the same payer or winner
        if not a.subject or a.subject != b.subject:
            return False
    elif a.subject and b.subject and a.subject != b.subject:
        return False  # "the airstrike killed 12" is not "the war killed 400,000"
    elif not a.unit and a.fresh and not b.subject:
        return False  # after "a car bomb killed eight", only "the bomb killed ..." refers back
    return not (a.times and b.times and not a.times & b.times)  # "in 2014" and "in 2015"


def disagree(a: Mention, b: Mention, max_ratio: float) -> bool:
    """No value fits both, yet they are within max_ratio of each other: "400,000" and "as many as
    500,000" disagree; "12" and "400,000" count different things."""
    x, y = a.quantity.interval, b.quantity.interval
    if x.overlaps(y):
        return False
    low, high = (x, y) if y.above(x) else (y, x)
    return high.lo <= low.hi * max_ratio


def conflicts(mentions: list[Mention], max_ratio: float) -> Iterator[Conflict]:
    """Each mention that disagrees with an earlier one of the same referent, or exceeds its whole.

    A fresh mention (one that may introduce a thing of its own) is never the later of a pair."""
    seen: dict[tuple, list[Mention]] = {}
    for m in mentions:
        whole = m.part_of
        if whole is not None and m.quantity.interval.above(whole.quantity.interval):
            yield Conflict(m, whole, part=True)
            continue
        if not m.noun:
            continue  # "five of them": compared with its whole only
        earlier = seen.setdefault(m.key, [])
        other = (
            None
            if m.fresh
            else next(
                (e for e in earlier if same_referent(e, m) and disagree(e, m, max_ratio)),
                None,
            )
        )
        if other is not None:
            yield Conflict(m, other)
        earlier.append(m)
