"""Apply fixes: non-overlapping edits, round after round until nothing changes; write atomically.

The source text is the file's own text (its "\\r\\n" included), so fixes only need their inserted
newlines converted to the file's; the BOM and encoding are put back when the text is written.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from typing import NamedTuple

from newslint.errors import InputError
from newslint.finding import Edit, Finding, Span
from newslint.source import Source

_BARE_NEWLINE = re.compile(r"(?<!\r)\n")
MAX_ROUNDS = 10


class FixOutcome(NamedTuple):
    text: str
    applied: int  # fixes applied over all rounds
    converged: bool  # False: still changing after max_rounds


def applicable(finding: Finding, unsafe: bool = False) -> bool:
    fix = finding.fix
    return bool(fix and fix.edits) and (
        fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe")
    )


def apply_fixes(
    text: str, findings: list[Finding], unsafe: bool = False, newline: str = "\n"
) -> tuple[str, int]:
    """Apply every applicable fix whose edits overlap no fix taken before it (in source order);
    the others wait for the next round. Returns the new text and the number of fixes applied."""
    fixes = sorted(
        (f.fix for f in findings if f.fix and applicable(f, unsafe)),
        key=lambda fix: (min(e.span.start for e in fix.edits), max(e.span.end for e in fix.edits)),
    )
    taken: list[tuple[int, int]] = []
    edits: list[Edit] = []
    applied = 0
    for fix in fixes:
        spans = [e.span for e in fix.edits]
        if any(s.end > len(text) or s.start > s.end for s in spans) or any(_clashes(taken, s) for s in spans):
            continue
        if all(text[e.span.start : e.span.end] == e.content for e in fix.edits):
            continue
        for s in spans:
            bisect.insort(taken, (s.start, s.end))
        edits.extend(fix.edits)
        applied += 1
    if not edits:
        return text, 0
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        out += [
            text[pos : e.span.start],
            _BARE_NEWLINE.sub(newline, e.content) if newline != "\n" else e.content,
        ]
        pos = e.span.end
    out.append(text[pos:])
    return "".join(out), applied


def _clashes(taken: list[tuple[int, int]], span: Span) -> bool:
    """Whether span overlaps a taken edit (two edits at the same point clash too: their order is unknown)."""
    i = bisect.bisect_left(taken, (span.start, span.end))
    if i and (taken[i - 1][1] > span.start or taken[i - 1][0] == span.start):
        return True
    return i < len(taken) and (taken[i][0] < span.end or taken[i][0] == span.start)


def fix_source(
    source: Source,
    relint: Callable[[Source], list[Finding]],
    unsafe: bool = False,
    max_rounds: int = MAX_ROUNDS,
    findings: list[Finding] | None = None,
) -> FixOutcome:
    """Apply fixes, re-lint, and repeat until no fix applies. `findings` are the first round's
    (default: relint(source)); relint must already leave out suppressed findings."""
    text, total = source.text, 0
    current = relint(source) if findings is None else findings
    for _ in range(max_rounds):
        new, n = apply_fixes(text, current, unsafe, source.newline)
        if not n:
            return FixOutcome(text, total, True)
        text, total = new, total + n
        current = relint(Source(source.path, text, source.encoding, source.bom))
    return FixOutcome(text, total, apply_fixes(text, current, unsafe, source.newline)[1] == 0)


def encode(source: Source, text: str) -> bytes:
    """Text as the file stores it: same encoding, BOM kept."""
    return ("\ufeff" if source.bom else "").encode(source.encoding) + text.encode(source.encoding)


def write_atomic(source: Source, new_text: str) -> None:
    """Replace the file with new_text through a temporary file and a rename, keeping its mode.

    A file without write permission is refused (even for root), as is a folder we cannot write in.
    """
    path = os.path.realpath(source.path)  # write through a symlink, do not replace it
    tmp = None
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if not mode & 0o222 or not os.access(path, os.W_OK):
            raise PermissionError
        fd, tmp = tempfile.mkstemp(
            dir=os.path.dirname(path), prefix=f".{os.path.basename(path)}.", suffix=".tmp"
        )
        with os.fdopen(fd, "wb") as fh:
            fh.write(encode(source, new_text))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        raise InputError(f"{source.path}: cannot write: {reason}") from None


def unified_diff(source: Source, new_text: str) -> str:
    """A unified diff from the source text to new_text, as `git apply` and `patch` read it."""
    lines = difflib.unified_diff(
        source.text.splitlines(keepends=True), new_text.splitlines(keepends=True), source.path, source.path
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
