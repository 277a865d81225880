"""Progress of long runs, on standard error: a bar redrawn in a terminal, a line every tenth of
the way otherwise (a log file stays short). Without a known total, a count, in a terminal only."""

from __future__ import annotations

import sys
from typing import TextIO

LONG_RUN = 20
WIDTH = 30
STEPS = 10


class Progress:
    def __init__(self, total: int | None, label: str, stream: TextIO = sys.stderr) -> None:
        self.total, self.label, self.stream = total, label, stream
        self.done = 0
        self.terminal = stream.isatty()
        self.shown = total >= LONG_RUN if total is not None else self.terminal

    def step(self, *_: object, **__: object) -> None:
        """One more done (takes and ignores a signal's arguments)."""
        self.done += 1
        if not self.shown:
            return
        if self.total is None:
            if self.done % STEPS == 0:
                self.stream.write(f"\r{self.label}: {self.done}")
                self.stream.flush()
            return
        if self.terminal:
            filled = WIDTH * self.done // self.total
            bar = "█" * filled + "░" * (WIDTH - filled)
            end = "\n" if self.done == self.total else ""
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}{end}")
        elif self.done == self.total or self.done % max(1, self.total // STEPS) == 0:
            self.stream.write(f"{self.label}: {self.done}/{self.total}\n")
        self.stream.flush()

    def finish(self) -> None:
        """End a count's line."""
        if self.shown and self.total is None and self.terminal:
            self.stream.write(f"\r{self.label}: {self.done}\n")
            self.stream.flush()
