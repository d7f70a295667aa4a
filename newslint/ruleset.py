"""Rules as data: load rules/*.yaml (file name = rule id), validate them, compile their kinds."""

from __future__ import annotations

import dataclasses
import importlib
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any

from newslint.errors import ConfigError
from newslint.finding import APPLICABILITIES, Severity
from newslint.yamlio import LineDict, read_yaml_file

BUNDLED_RULES = os.path.join(os.path.dirname(__file__), "rules")
if not os.path.isdir(BUNDLED_RULES):  # running from a source checkout
    BUNDLED_RULES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "rules")

SCOPES = ("document", "paragraph", "sentence", "line")
RULE_KEYS = {
    "kind",
    "message",
    "severity",
    "description",
    "link",
    "scope",
    "fix",
    "when",
    "language",
    "yields_to",
    "examples",
}
LANGUAGES = ("en",)  # what `language` may name: the languages Document.reads_as can recognise
_RULE_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass
class Rule:
    """One rule as written in its YAML file, with its kind's options validated."""

    id: str
    kind: str
    message: str
    severity: Severity
    path: str
    scope: str = "sentence"
    description: str = ""
    link: str = ""
    fix: str = "safe"  # applicability of the fixes this rule offers
    when: dict[str, Any] = field(default_factory=dict)  # house style this rule needs, e.g. {quotes: american}
    language: str = ""  # the language its words and grammar are in: articles in others are skipped
    yields_to: list[str] = field(default_factory=list)  # rules whose findings on the same text win
    examples: dict[str, list[str]] = field(default_factory=dict)
    options: Any = None  # the kind's Options dataclass instance
    lines: dict[str, int] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # file of each key set in a configuration

    def where(self, key: str) -> str:
        """'file:line' of a key: the rule file's, or the configuration's that set it."""
        return f"{self.origins.get(key, self.path)}:{self.lines.get(key, 1)}"

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.where(key)}: {message}")

    @property
    def short_description(self) -> str:
        return (self.description.strip().splitlines() or [self.message])[0]


def kind_module(name: str, where: str) -> Any:
    if not re.fullmatch(r"[a-z_]+", name or ""):
        raise ConfigError(f"{where}: unknown kind '{name}'")
    try:
        return importlib.import_module(f"newslint.kinds.{name}")
    except ModuleNotFoundError:
        raise ConfigError(f"{where}: unknown kind '{name}'") from None


def rule_files(folders: list[str]) -> dict[str, str]:
    """rule id -> path; a later folder's rule replaces an earlier one of the same id."""
    found: dict[str, str] = {}
    for folder in folders:
        if not os.path.isdir(folder):
            raise ConfigError(f"{folder}: rule folder not found")
        for name in sorted(os.listdir(folder)):
            stem, ext = os.path.splitext(name)
            if ext in (".yaml", ".yml") and not name.startswith(("_", ".")):
                found[stem] = os.path.join(folder, name)
    return found


def load_rule(
    rule_id: str, path: str, overrides: dict[str, Any] | None = None, overrides_at: str = "configuration"
) -> Rule:
    """Read and validate one rule file; overrides (from the configuration file overrides_at)
    replace severity or options, and their errors point there."""
    data = read_yaml_file(path)
    if not isinstance(data, LineDict):
        raise ConfigError(f"{path}:1: a rule file must be a mapping")
    if not _RULE_ID.match(rule_id):
        raise ConfigError(f"{path}:1: rule id '{rule_id}' must be lower-case words joined by '-'")
    for key in ("kind", "message", "severity"):
        if key not in data:
            raise ConfigError(f"{path}:{data.line}: missing required key '{key}'")
    module = kind_module(data["kind"], f"{path}:{data.line_of('kind')}")
    option_fields = {f.name: f for f in dataclasses.fields(module.Options)}
    rule = Rule(id=rule_id, kind=data["kind"], message="", severity=Severity.WARNING, path=path)
    rule.lines = dict(data.key_lines)
    merged = dict(data)
    for key, value in (overrides or {}).items():
        merged[key] = value
        rule.origins[key] = overrides_at
        rule.lines[key] = overrides.line_of(key) if isinstance(overrides, LineDict) else 1
    for key in merged:
        if key not in RULE_KEYS and key not in option_fields:
            raise rule.error(key, f"unknown key '{key}' for kind '{data['kind']}'")
    rule.message = _typed(merged, "message", str, rule)
    rule.severity = _severity(merged["severity"], rule)
    rule.scope = _choice(merged, "scope", SCOPES, getattr(module, "DEFAULT_SCOPE", "sentence"), rule)
    rule.description = _typed(merged, "description", str, rule, "")
    rule.link = _typed(merged, "link", str, rule, "")
    rule.fix = _choice(merged, "fix", APPLICABILITIES, "safe", rule)
    rule.when = _typed(merged, "when", dict, rule, {})
    rule.language = _language(merged.get("language"), rule)
    rule.yields_to = _typed(merged, "yields_to", list, rule, [])
    if not all(isinstance(r, str) and _RULE_ID.match(r) for r in rule.yields_to):
        raise rule.error("yields_to", "'yields_to' must be a list of rule ids")
    rule.examples = _typed(merged, "examples", dict, rule, {})
    values = {}
    for name, f in option_fields.items():
        if name in merged:
            values[name] = _check_option(merged[name], f, rule, name)
    rule.options = module.Options(**values)
    return rule


def _typed(data: dict, key: str, typ: type, rule: Rule, default: Any = None) -> Any:
    if key not in data:
        return default
    value = data[key]
    if not isinstance(value, typ):
        raise rule.error(key, f"'{key}' must be a {typ.__name__}")
    return value


def _choice(data: dict, key: str, allowed: tuple, default: str, rule: Rule) -> str:
    value = data.get(key, default)
    if value not in allowed:
        raise rule.error(key, f"'{key}' must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _language(value: Any, rule: Rule) -> str:
    """A rule's `language`; null or "" (a configuration turning the gate off) is any language."""
    if value in (None, "") or value in LANGUAGES:
        return value or ""
    raise rule.error("language", f"'language' must be {' or '.join(LANGUAGES)} (or null: any), not {value!r}")


def _severity(value: Any, rule: Rule) -> Severity:
    try:
        return Severity.parse(str(value))
    except KeyError:
        raise rule.error("severity", f"'severity' must be error, warning or info, not {value!r}") from None


def _check_option(value: Any, f: dataclasses.Field, rule: Rule, name: str) -> Any:
    """The value of a kind option, of its default's type; a number must be finite and not negative
    (counts, shares, ratios, thresholds: no option of a kind is meant to be below zero)."""
    default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if default is not None and not isinstance(value, type(default)):
        raise rule.error(name, f"option '{name}' must be a {type(default).__name__}")
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and not (math.isfinite(value) and value >= 0):
        raise rule.error(name, f"option '{name}' must be a number of at least 0, not {value}")
    return value


def compile_regex(rule: Rule, key: str, pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern from a rule file; a bad regex is a ConfigError at the key's line."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise rule.error(key, f"bad regex {pattern!r} in '{key}': {exc}") from None
