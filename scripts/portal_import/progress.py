"""A progress bar for long runs, on standard error: redrawn in a terminal, a line every tenth
of the way otherwise (a log file stays short)."""

from __future__ import annotations

import sys
from typing import TextIO

LONG_RUN = 20
WIDTH = 30
STEPS = 10


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO = sys.stderr) -> None:
        self.total, self.label, self.stream = total, label, stream
        self.done = 0
        self.shown = total >= LONG_RUN
        self.terminal = stream.isatty()

    def step(self) -> None:
        self.done += 1
        if not self.shown:
            return
        if self.terminal:
            filled = WIDTH * self.done // self.total
            bar = "█" * filled + "░" * (WIDTH - filled)
            end = "\n" if self.done == self.total else ""
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}{end}")
        elif self.done == self.total or self.done % max(1, self.total // STEPS) == 0:
            self.stream.write(f"{self.label}: {self.done}/{self.total}\n")
        self.stream.flush()
