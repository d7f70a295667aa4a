"""Every bundled rule documents itself and its examples behave as documented."""

import pytest
from helpers import lint

from newslint.config import Config
from newslint.engine import available_rules
from newslint.ruleset import load_rule

RUN_LEVEL_KINDS = {"cross_file", "suppression"}
RULES = sorted(available_rules(Config()).items())


@pytest.mark.parametrize("rule_id,path", RULES, ids=[r for r, _ in RULES])
def test_rule_has_docs_and_examples(rule_id, path):
    rule = load_rule(rule_id, path)
    assert rule.description.strip(), f"{rule_id} has no description"
    if rule.kind not in RUN_LEVEL_KINDS:
        assert rule.examples.get("bad") and rule.examples.get("good"), (
            f"{rule_id} needs bad and good examples"
        )


@pytest.mark.parametrize("rule_id,path", RULES, ids=[r for r, _ in RULES])
def test_rule_examples(rule_id, path):
    rule = load_rule(rule_id, path)
    if rule.kind in RUN_LEVEL_KINDS:
        pytest.skip("run-level rule: tested with several files")
    for text in rule.examples.get("bad", []):
        assert [r for r in lint(text, rule_id) if r["rule"] == rule_id], f"{rule_id} did not fire on {text!r}"
    for text in rule.examples.get("good", []):
        assert lint(text, rule_id) == [], f"{rule_id} fired on {text!r}"


# letters that Python's case-insensitive regexes match as ASCII ones, which lower() leaves alone
# (or makes two characters): a rule that looks matched words up in a table must cope with them
ODD_LETTERS = [("i", "\u0131"), ("i", "\u0130"), ("s", "\u017f"), ("k", "\u212a"), ("S", "\u017f")]


@pytest.mark.parametrize("rule_id,path", RULES, ids=[r for r, _ in RULES])
def test_rule_examples_with_odd_letters_do_not_crash(rule_id, path):
    rule = load_rule(rule_id, path)
    if rule.kind in RUN_LEVEL_KINDS:
        pytest.skip("run-level rule: tested with several files")
    for text in rule.examples.get("bad", []) + rule.examples.get("good", []):
        for plain, odd in ODD_LETTERS:
            lint(str(text).replace(plain, odd), rule_id)  # raises on a crash
