"""A small progress bar on stderr (rate and ETA), shown only on a terminal for long runs."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, label: str = "checking") -> None:
        self.total, self.label = total, label
        self.started = self.last = time.monotonic()

    def __call__(self, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done < self.total:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-6)
        eta = (self.total - done) / rate if rate else 0
        filled = int(30 * done / max(self.total, 1))
        bar = "█" * filled + "·" * (30 - filled)
        sys.stderr.write(f"\r{self.label} {bar} {done}/{self.total} {rate:,.0f}/s ETA {eta:,.0f}s ")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
