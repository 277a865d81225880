"""The counter service's settings, and the windows and limits that define what a view is."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from portal.build.counters_manifest.manifest import MANIFEST_FILE
from portal.services.counters.feedback import FEEDBACK_LIMIT

DEDUPE_SECONDS = 30 * 60  # a visitor's views of one page count once per window
ONLINE_SECONDS = 5 * 60  # "online now": visitors seen within this window
RATE_WINDOW_SECONDS = 60
POPULAR_SIZE = 5
POPULAR_SECONDS = 1  # how long one ranking of the most viewed items is reused
MAX_BODY_BYTES = 1024
MAX_PAGE_ID_LENGTH = 300

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
DEFAULT_RATE_LIMIT = 120  # requests per client address per RATE_WINDOW_SECONDS

Backend = Literal["sqlite", "redis"]


def database_beside(output: Path) -> Path:
    """The default SQLite file: ``var/counters.sqlite3`` beside the built portal's folder (the
    project's ``var/`` for ``output/``), never inside it, since every build replaces that folder."""
    return output.resolve().parent / "var" / "counters.sqlite3"


@dataclass(frozen=True)
class CounterConfig:
    manifest: Path = Path("output") / MANIFEST_FILE
    backend: Backend = "sqlite"
    database: Path = Path("var") / "counters.sqlite3"
    redis_url: str = DEFAULT_REDIS_URL
    origin: str | None = None  # a portal on another host that may call the service (CORS)
    trusted_proxies: tuple[str, ...] = ()  # addresses or networks allowed to set X-Forwarded-For
    rate_limit: int = DEFAULT_RATE_LIMIT
    feedback_limit: int = FEEDBACK_LIMIT
    clock: Callable[[], float] = time.time
