"""Configuration: discovery (newslint.yaml, .newslint.yaml, [tool.newslint] in pyproject.toml),
validation with file:line errors, and the rule set it selects."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from typing import Any

from newslint.errors import ConfigError
from newslint.finding import Severity
from newslint.ruleset import BUNDLED_RULES
from newslint.yamlio import LineDict, read_yaml_file

PRESETS = os.path.join(BUNDLED_RULES, "presets")
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
    data, lines = _read(path)
    return _build(_with_base(data, lines, path, seen=[os.path.abspath(path)]), lines, path)


def _read(path: str) -> tuple[dict, dict[str, int]]:
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
    return data, lines


def _with_base(data: dict, lines: dict[str, int], path: str, seen: list[str]) -> dict:
    """Merge the configuration named by `extends` (a bundled preset or a path) under data."""
    if "extends" not in data:
        return data
    name = data["extends"]
    if not isinstance(name, str):
        raise ConfigError(f"{path}:{lines.get('extends', 1)}: 'extends' must be a preset name or a path")
    preset = os.path.join(PRESETS, f"{name}.yaml")
    base_path = (
        preset if os.path.isfile(preset) else os.path.join(os.path.dirname(os.path.abspath(path)), name)
    )
    if not os.path.isfile(base_path):
        presets = ", ".join(sorted(p[:-5] for p in os.listdir(PRESETS) if p.endswith(".yaml")))
        raise ConfigError(
            f"{path}:{lines.get('extends', 1)}: cannot extend '{name}': no such file or preset ({presets})"
        )
    if os.path.abspath(base_path) in seen:
        raise ConfigError(f"{path}:{lines.get('extends', 1)}: 'extends' loops back to {base_path}")
    base, base_lines = _read(base_path)
    for key in base:
        if key not in CONFIG_KEYS:
            raise ConfigError(f"{base_path}:{base_lines.get(key, 1)}: unknown configuration key '{key}'")
    base = _with_base(base, base_lines, base_path, [*seen, os.path.abspath(base_path)])
    merged = {k: v for k, v in base.items() if k != "extends"}
    for key, value in data.items():
        if key == "extends":
            continue
        if key in ("rules", "style") and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


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
    # `off` unquoted is YAML 1.1's false, as the README writes it
    rules = {rule_id: "off" if settings is False else settings for rule_id, settings in rules.items()}
    for rule_id, settings in rules.items():
        if settings != "off" and not isinstance(settings, dict):
            raise ConfigError(f"{config.where('rules')}: settings of '{rule_id}' must be a mapping or 'off'")
    config.rules = rules
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
    config.per_path = _per_path(data.get("per_path", []), config)
    return config


PER_PATH_KEYS = {"paths", "select", "ignore", "rules"}


def _per_path(entries: object, config: Config) -> list[dict[str, Any]]:
    where = config.where("per_path")
    if not isinstance(entries, list):
        raise ConfigError(f"{where}: 'per_path' must be a list of mappings with 'paths'")
    out = []
    for entry in entries:
        if not isinstance(entry, dict) or "paths" not in entry:
            raise ConfigError(f"{where}: each 'per_path' entry needs 'paths' (a list of globs)")
        unknown = set(entry) - PER_PATH_KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown key '{sorted(unknown)[0]}' in 'per_path'")
        sub = _build({k: v for k, v in entry.items() if k != "paths"}, {}, config.path or "configuration")
        sub.lines = {k: config.lines.get("per_path", 1) for k in entry}
        out.append(
            {"paths": _str_list(entry, "paths", config), "config": sub, "keys": set(entry) - {"paths"}}
        )
    return out


def for_path(config: Config, path: str) -> Config:
    """The configuration in force for one file: per_path entries whose globs match it, in order."""
    rel = os.path.relpath(path, os.path.dirname(os.path.abspath(config.path))) if config.path else path
    result = config
    for entry in config.per_path:
        if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(path, g) for g in entry["paths"]):
            sub: Config = entry["config"]
            result = replace(
                result,
                select=sub.select if "select" in entry["keys"] else result.select,
                ignore=[*result.ignore, *sub.ignore],
                rules={**result.rules, **sub.rules},
            )
    return result


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
