"""suppression: gives `unused-suppression` an id, a severity and docs; it checks nothing itself.

The work is done after all rules have run, by newslint.suppressions, which drops the findings that
suppression comments cover and reports the comments that cover nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newslint.document import Document
from newslint.finding import Finding
from newslint.ruleset import Rule

DEFAULT_SCOPE = "document"


@dataclass
class Options:
    pass


class Checker:
    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())
