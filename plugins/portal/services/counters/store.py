"""What every storage backend does: the counts, the dedupe and online windows, the daily salt."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from portal.services.counters.feedback import Feedback

SITE = "site"  # visits to the whole portal ("Số lượt truy cập")
ARTICLES = "articles"  # views of all items together ("Số lần xem các bài viết")
SITE_VISIT = "@site"  # the dedupe key of a visit; no page id holds "@"


@dataclass(frozen=True)
class Counts:
    site: int
    articles: int
    online: int
    page: int
    counted: bool = False


@dataclass(frozen=True)
class Seed:
    """Starting counts carried over from the legacy site."""

    site: int = 0
    articles: int = 0
    pages: dict[str, int] = field(default_factory=dict)


class CounterStore(Protocol):
    async def record(self, page: str, visitor: bytes, now: float) -> Counts:
        """Count a view of ``page`` by ``visitor`` unless it viewed it within the dedupe window
        (and a visit to the portal likewise), mark the visitor online, return the counts."""
        ...

    async def read(self, page: str, now: float) -> Counts:
        """The counts, counting nothing."""
        ...

    async def popular(self, limit: int) -> list[tuple[str, int]]:
        """The ``limit`` most viewed items, most viewed first, with their views."""
        ...

    async def salt(self, day: int) -> bytes:
        """The salt of ``day``: made by the first caller that day, shared by all instances;
        earlier days' salts are forgotten."""
        ...

    async def seed(self, seed: Seed) -> None:
        """Raise every count to at least its seed (so seeding twice changes nothing)."""
        ...

    async def add_feedback(self, feedback: Feedback) -> bool:
        """Store ``feedback`` unless the same message on the same page is stored already;
        True when it was stored."""
        ...

    async def feedback(self) -> list[Feedback]:
        """Every stored feedback, newest first."""
        ...

    async def close(self) -> None: ...
