"""The build's stages, timed: what ``portal build --timings`` prints and the production build's
report keeps, so that a slow stage shows.

Pelican runs the stages one after the other and says when each ends (its signals); the clock
hears the end of each before the plugins do their work on it:

- read: every item file read and validated (``article_generator_finalized``);
- enrich: units, topics, addresses, related items linked (``all_generators_finalized``);
- render: every page written (``finalized``);
- index: the search index waited for, pictures and the offline files written (Pelican returns);
- compress: the production build's minifying and compressed copies (when there are any);
- place: the build manifest written and the new output put in the old one's place.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

from pelican import signals

from portal.commands.messages import say


@dataclass(frozen=True)
class Stage:
    name: str
    seconds: float
    count: int | None  # the items or pages it handled, when it counts any


class StageClock:
    """The stages of one build, each with the time since the one before."""

    def __init__(self) -> None:
        self.stages: list[Stage] = []
        self.last = time.monotonic()
        self.pages = 0

    def end(self, name: str, count: int | None = None) -> None:
        now = time.monotonic()
        self.stages.append(Stage(name, round(now - self.last, 3), count))
        self.last = now

    def _read(self, generator: Any) -> None:
        self.end("read", len(generator.articles))

    def _enrich(self, generators: Any) -> None:
        self.end("enrich")

    def _written(self, path: str, context: Any = None) -> None:
        self.pages += 1

    def _render(self, pelican: Any) -> None:
        self.end("render", self.pages)

    RECEIVERS = (("article_generator_finalized", "_read"), ("all_generators_finalized", "_enrich"),
                 ("content_written", "_written"), ("finalized", "_render"))

    def listen(self) -> None:
        """Hear Pelican's signals; called before Pelican loads the plugins, so first."""
        for signal, receiver in self.RECEIVERS:
            getattr(signals, signal).connect(getattr(self, receiver), weak=False)

    def stop(self) -> None:
        for signal, receiver in self.RECEIVERS:
            getattr(signals, signal).disconnect(getattr(self, receiver))

    def table(self) -> list[str]:
        """One line per stage: its name, seconds, share of the build and what it counted."""
        total = sum(stage.seconds for stage in self.stages) or 1.0
        lines = [say("stages_head")]
        for stage in self.stages:
            counted = "" if stage.count is None else f"{stage.count:>8,}"
            lines.append(f"  {say('stage_' + stage.name):<14}{stage.seconds:>9.2f} s"
                         f"{stage.seconds / total:>7.0%}{counted}")
        return lines

    def report(self) -> list[dict[str, Any]]:
        return [asdict(stage) for stage in self.stages]
