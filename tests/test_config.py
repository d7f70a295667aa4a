"""Configuration: extends (presets and files), per-path overrides, exclude, validation."""

import pytest

from newslint.config import Config, for_path, load
from newslint.engine import Linter, select_rules
from newslint.errors import ConfigError


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_extends_bundled_preset_and_overrides_it(tmp_path):
    cfg = load(
        write(tmp_path, "newslint.yaml", "extends: strict\nrules:\n  editorializing: {severity: info}\n")
    )
    assert cfg.fail_on == "info"
    assert cfg.rules == {"quote-punctuation": {"severity": "warning"}, "editorializing": {"severity": "info"}}
    rules = {r.id: r for r in select_rules(cfg)}
    assert str(rules["quote-punctuation"].severity) == "warning"
    assert str(rules["editorializing"].severity) == "info"


def test_extends_a_file_relative_to_the_config(tmp_path):
    write(tmp_path, "house.yaml", "ignore: [editorializing]\nstyle: {quotes: british}\n")
    cfg = load(write(tmp_path, "newslint.yaml", "extends: house.yaml\nfail_on: error\n"))
    assert cfg.ignore == ["editorializing"] and cfg.style["quotes"] == "british" and cfg.fail_on == "error"
    ids = {r.id for r in select_rules(cfg)}
    assert "editorializing" not in ids and "quote-punctuation" not in ids  # british house style


def test_extends_errors(tmp_path):
    with pytest.raises(ConfigError, match=r"newslint.yaml:1: cannot extend 'nope'"):
        load(write(tmp_path, "newslint.yaml", "extends: nope\n"))
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="loops back"):
        load(str(tmp_path / "a.yaml"))


def test_per_path_overrides(tmp_path):
    cfg = load(
        write(
            tmp_path,
            "newslint.yaml",
            "per_path:\n  - paths: ['opinion/*']\n    ignore: [editorializing]\n"
            "  - paths: ['wire/*.txt']\n    select: [stray-marker]\n",
        )
    )
    assert "editorializing" in for_path(cfg, str(tmp_path / "opinion" / "a.md")).ignore
    assert for_path(cfg, str(tmp_path / "news" / "a.md")).ignore == []
    assert for_path(cfg, str(tmp_path / "wire" / "b.txt")).select == ["stray-marker"]


def test_per_path_needs_paths(tmp_path):
    with pytest.raises(ConfigError, match="newslint.yaml:1: each 'per_path' entry needs 'paths'"):
        load(write(tmp_path, "newslint.yaml", "per_path:\n  - ignore: [editorializing]\n"))


def test_bad_values_name_their_line(tmp_path):
    with pytest.raises(
        ConfigError, match=r"newslint.yaml:2: style 'quotes' must be one of american, british"
    ):
        load(write(tmp_path, "newslint.yaml", "ignore: []\nstyle: {quotes: french}\n"))
    with pytest.raises(ConfigError, match=r"newslint.yaml:1: 'fail_on' must be"):
        load(write(tmp_path, "newslint.yaml", "fail_on: sometimes\n"))
    with pytest.raises(ConfigError, match=r"unknown rule id 'nope'"):
        select_rules(Config(ignore=["nope"]))


def test_rule_options_from_config_are_validated(tmp_path):
    cfg = load(write(tmp_path, "newslint.yaml", "rules:\n  orphan-headline: {min_words: many}\n"))
    with pytest.raises(ConfigError, match="option 'min_words' must be a int"):
        select_rules(cfg)
    cfg = load(write(tmp_path, "newslint.yaml", "rules:\n  orphan-headline: {colour: red}\n"))
    with pytest.raises(ConfigError, match="unknown key 'colour'"):
        select_rules(cfg)


@pytest.mark.parametrize(
    "setting,message",
    [
        ("max_ratio: .nan", "option 'max_ratio' must be a number of at least 0, not nan"),
        ("estimate_share: -1", "option 'estimate_share' must be a number of at least 0, not -1.0"),
        ("max_ratio: .inf", "option 'max_ratio' must be a number of at least 0, not inf"),
        ("severity: loud", "'severity' must be error, warning or info, not 'loud'"),
        ("colour: red", "unknown key 'colour' for kind 'figures'"),
    ],
)
def test_bad_rule_settings_in_config_name_the_config_line(tmp_path, setting, message):
    path = write(tmp_path, "newslint.yaml", f"ignore: []\nrules:\n  conflicting-figures:\n    {setting}\n")
    with pytest.raises(ConfigError) as caught:
        select_rules(load(path))
    assert str(caught.value) == f"{path}:4: {message}"


@pytest.mark.parametrize("setting", ["tokens: ['']", "tokens: [really, 3]", "patterns: ['  ']"])
def test_empty_or_odd_tokens_are_config_errors(tmp_path, setting):
    path = write(tmp_path, "newslint.yaml", f"rules:\n  editorializing:\n    {setting}\n")
    key = setting.split(":")[0]
    with pytest.raises(ConfigError) as caught:
        Linter(select_rules(load(path)))  # kinds check their options when their checkers are made
    mappings = " or, with whole_line, {pattern, max_words} mappings" if key == "patterns" else ""
    assert str(caught.value) == f"{path}:3: '{key}' must be a list of non-empty strings{mappings}"


def test_off_unquoted_turns_a_rule_off(tmp_path):
    cfg = load(write(tmp_path, "newslint.yaml", "rules:\n  editorializing: off\n"))
    assert "editorializing" not in {r.id for r in select_rules(cfg)}


def test_rules_yielding_to_each_other_are_a_config_error(tmp_path):
    path = write(tmp_path, "newslint.yaml", "rules:\n  stray-marker: {yields_to: [orphan-headline]}\n")
    with pytest.raises(ConfigError) as caught:
        select_rules(load(path))
    assert str(caught.value) == (
        f"{path}:2: rules yield to each other in a loop: orphan-headline -> stray-marker -> orphan-headline"
    )
