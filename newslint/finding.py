"""What rules produce: findings with spans into the source, fixes and related places."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import NamedTuple


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


APPLICABILITIES = ("safe", "unsafe", "display")


class Span(NamedTuple):
    """Half-open 0-based character offsets into the source text. (Span and Related are tuples:
    made tens of thousands of times a run, three times quicker than frozen dataclasses.)"""

    start: int
    end: int


@dataclass(frozen=True)
class Edit:
    """Replace source[span.start:span.end] with content."""

    span: Span
    content: str


@dataclass(frozen=True)
class Fix:
    applicability: str  # one of APPLICABILITIES
    edits: tuple[Edit, ...]


class Related(NamedTuple):
    """Another place a finding refers to, already resolved (it may be in another file)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str = ""


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    related: tuple[Related, ...] = field(default_factory=tuple)
