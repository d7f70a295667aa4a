"""Errors that end a run with a one-line message and a documented exit code."""


class NewslintError(Exception):
    """A usage, configuration or input problem: exit code 2, one line on stderr."""

    exit_code = 2


class ConfigError(NewslintError):
    """A rule file or configuration file is invalid; the message starts with file:line."""


class InputError(NewslintError):
    """An article cannot be read as text; the message names the file."""
