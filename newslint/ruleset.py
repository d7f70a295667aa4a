"""Rules as data: load rules/*.yaml (file name = rule id), validate them, compile their kinds."""

from __future__ import annotations

import dataclasses
import importlib
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
RULE_KEYS = {"kind", "message", "severity", "description", "link", "scope", "fix", "when", "examples"}
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
    examples: dict[str, list[str]] = field(default_factory=dict)
    options: Any = None  # the kind's Options dataclass instance
    lines: dict[str, int] = field(default_factory=dict)

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.path}:{self.lines.get(key, 1)}: {message}")

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


def load_rule(rule_id: str, path: str, overrides: dict[str, Any] | None = None) -> Rule:
    """Read and validate one rule file; overrides (from config) replace severity or options."""
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
    lines = dict(data.key_lines)
    merged = dict(data)
    for key, value in (overrides or {}).items():
        merged[key] = value
        lines.setdefault(key, 1)
    for key in merged:
        if key not in RULE_KEYS and key not in option_fields:
            where = path if key in data else "configuration"
            raise ConfigError(f"{where}:{lines.get(key, 1)}: unknown key '{key}' for kind '{data['kind']}'")
    rule = Rule(
        id=rule_id,
        kind=data["kind"],
        message=_typed(merged, "message", str, path, lines),
        severity=_severity(merged["severity"], path, lines),
        path=path,
        scope=_choice(merged, "scope", SCOPES, getattr(module, "DEFAULT_SCOPE", "sentence"), path, lines),
        description=_typed(merged, "description", str, path, lines, ""),
        link=_typed(merged, "link", str, path, lines, ""),
        fix=_choice(merged, "fix", APPLICABILITIES, "safe", path, lines),
        when=_typed(merged, "when", dict, path, lines, {}),
        examples=_typed(merged, "examples", dict, path, lines, {}),
        lines=lines,
    )
    values = {}
    for name, f in option_fields.items():
        if name in merged:
            values[name] = _check_option(merged[name], f, rule, name)
    rule.options = module.Options(**values)
    return rule


def _typed(data: dict, key: str, typ: type, path: str, lines: dict, default: Any = None) -> Any:
    if key not in data:
        return default
    value = data[key]
    if not isinstance(value, typ):
        raise ConfigError(f"{path}:{lines.get(key, 1)}: '{key}' must be a {typ.__name__}")
    return value


def _choice(data: dict, key: str, allowed: tuple, default: str, path: str, lines: dict) -> str:
    value = data.get(key, default)
    if value not in allowed:
        raise ConfigError(
            f"{path}:{lines.get(key, 1)}: '{key}' must be one of {', '.join(allowed)}, not '{value}'"
        )
    return value


def _severity(value: Any, path: str, lines: dict) -> Severity:
    try:
        return Severity.parse(str(value))
    except KeyError:
        raise ConfigError(
            f"{path}:{lines.get('severity', 1)}: 'severity' must be error, warning or info, not '{value}'"
        ) from None


def _check_option(value: Any, f: dataclasses.Field, rule: Rule, name: str) -> Any:
    default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
    if default is None or isinstance(value, type(default)):
        return value
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise rule.error(name, f"option '{name}' must be a {type(default).__name__}")


def compile_regex(rule: Rule, key: str, pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern from a rule file; a bad regex is a ConfigError at the key's line."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise rule.error(key, f"bad regex {pattern!r} in '{key}': {exc}") from None
