"""Rule kinds: one module per kind, named as in a rule's `kind:` key, imported on demand.

Each module defines `Options` (a dataclass; every field has a default, and a rule file may set
any of them), optionally `DEFAULT_SCOPE`, and `Checker(rule)` with `check(doc) -> Iterator[Finding]`.
A checker compiles its patterns once in `__init__` and raises `rule.error(key, msg)` for bad values.
"""
