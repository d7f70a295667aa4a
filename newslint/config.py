"""Configuration: discovery (newslint.yaml, .newslint.yaml, [tool.newslint] in pyproject.toml),
validation with file:line errors, and the rule set it selects."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from newslint.errors import ConfigError
from newslint.finding import Severity
from newslint.yamlio import LineDict, read_yaml_file

CONFIG_NAMES = ("newslint.yaml", ".newslint.yaml", "pyproject.toml")
CONFIG_KEYS = {"select", "ignore", "rules", "rule_dirs", "style", "fail_on", "exclude", "extends", "per_path"}
STYLE_DEFAULTS = {"quotes": "american"}
STYLE_CHOICES = {"quotes": ("american", "british")}


@dataclass
class Config:
    path: str | None = None
    select: list[str] | None = None  # None: every rule
    ignore: list[str] = field(default_factory=list)
    rules: dict[str, Any] = field(default_factory=dict)  # rule id -> overrides (or "off")
    rule_dirs: list[str] = field(default_factory=list)
    style: dict[str, str] = field(default_factory=lambda: dict(STYLE_DEFAULTS))
    fail_on: str | None = None
    exclude: list[str] = field(default_factory=list)
    per_path: list[dict[str, Any]] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)

    def where(self, key: str) -> str:
        return f"{self.path or 'configuration'}:{self.lines.get(key, 1)}"


def discover(start: str | None = None) -> str | None:
    """The nearest config file walking up from start (default: the current directory)."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load(path: str | None) -> Config:
    if path is None:
        return Config()
    if not os.path.isfile(path):
        raise ConfigError(f"{path}: configuration file not found")
    if path.endswith(".toml"):
        data, lines = _read_pyproject(path)
    else:
        data = read_yaml_file(path)
        if data is None:
            data = LineDict()
            data.key_lines = {}
        if not isinstance(data, LineDict):
            raise ConfigError(f"{path}:1: configuration must be a mapping")
        lines = data.key_lines
    return _build(data, lines, path)


def _build(data: dict, lines: dict[str, int], path: str) -> Config:
    config = Config(path=path, lines=dict(lines))
    base = os.path.dirname(os.path.abspath(path))
    for key in data:
        if key not in CONFIG_KEYS:
            raise ConfigError(f"{path}:{lines.get(key, 1)}: unknown configuration key '{key}'")
    if "select" in data:
        config.select = _str_list(data, "select", config)
    config.ignore = _str_list(data, "ignore", config)
    config.exclude = _str_list(data, "exclude", config)
    config.rule_dirs = [os.path.join(base, d) for d in _str_list(data, "rule_dirs", config)]
    rules = data.get("rules", {}) or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{config.where('rules')}: 'rules' must be a mapping of rule id to settings")
    for rule_id, settings in rules.items():
        if settings != "off" and not isinstance(settings, dict):
            raise ConfigError(f"{config.where('rules')}: settings of '{rule_id}' must be a mapping or 'off'")
    config.rules = dict(rules)
    style = data.get("style", {}) or {}
    if not isinstance(style, dict):
        raise ConfigError(f"{config.where('style')}: 'style' must be a mapping")
    for key, value in style.items():
        if key not in STYLE_CHOICES:
            raise ConfigError(f"{config.where('style')}: unknown style option '{key}'")
        if value not in STYLE_CHOICES[key]:
            choices = ", ".join(STYLE_CHOICES[key])
            raise ConfigError(f"{config.where('style')}: style '{key}' must be one of {choices}")
        config.style[key] = value
    if "fail_on" in data:
        if str(data["fail_on"]).upper() not in Severity.__members__:
            raise ConfigError(f"{config.where('fail_on')}: 'fail_on' must be error, warning or info")
        config.fail_on = str(data["fail_on"]).lower()
    return config


def _str_list(data: dict, key: str, config: Config) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{config.where(key)}: '{key}' must be a list of strings")
    return value


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            return "[tool.newslint" in fh.read()
    except (OSError, UnicodeDecodeError):
        return False


def _read_pyproject(path: str) -> tuple[dict, dict[str, int]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8")
        data = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}:1: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("newslint", {})
    lines = {}
    for number, line in enumerate(text.splitlines(), 1):
        key = line.split("=", 1)[0].strip()
        if "=" in line and key in table and key not in lines:
            lines[key] = number
    return table, lines
