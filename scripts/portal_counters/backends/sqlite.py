"""The SQLite backend (the default): one database file in WAL mode. Every view is committed
before the service answers, so killing the service loses no acknowledged view.

The statements run on the event loop itself: a few statements on a local file take far less
time than handing them to a thread, and there is one writer. Views reported at the same moment
share one transaction (group commit), since the commit is most of the cost."""

from __future__ import annotations

import asyncio
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from counters_manifest.manifest import is_item
from portal_counters.config import DEDUPE_SECONDS, ONLINE_SECONDS
from portal_counters.store import ARTICLES, SITE, SITE_VISIT, Counts, Seed

SCHEMA = """
CREATE TABLE IF NOT EXISTS totals (name TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS views (
  page TEXT PRIMARY KEY, item INTEGER NOT NULL, count INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS views_by_count ON views (item, count DESC, page);
CREATE TABLE IF NOT EXISTS seen (
  visitor BLOB NOT NULL, page TEXT NOT NULL, at REAL NOT NULL,
  PRIMARY KEY (visitor, page)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_at ON seen (at);
CREATE TABLE IF NOT EXISTS online (visitor BLOB PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS online_at ON online (at);
CREATE TABLE IF NOT EXISTS salts (day INTEGER PRIMARY KEY, salt BLOB NOT NULL);
"""
PRUNE_EVERY_SECONDS = 1  # often, so that each pruning is short

FIRST_IN_WINDOW = """
INSERT INTO seen (visitor, page, at) VALUES (?, ?, ?)
ON CONFLICT (visitor, page) DO UPDATE SET at = excluded.at WHERE seen.at <= ?"""
ADD_VIEW = """
INSERT INTO views (page, item, count) VALUES (?, ?, 1)
ON CONFLICT (page) DO UPDATE SET count = count + 1"""
ADD_TOTAL = """
INSERT INTO totals (name, count) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET count = count + 1"""
SEED_VIEWS = """
INSERT INTO views (page, item, count) VALUES (?, ?, ?)
ON CONFLICT (page) DO UPDATE SET count = max(count, excluded.count)"""
SEED_TOTAL = """
INSERT INTO totals (name, count) VALUES (?, ?)
ON CONFLICT (name) DO UPDATE SET count = max(count, excluded.count)"""


@dataclass(frozen=True)
class PendingView:
    page: str
    visitor: bytes
    now: float
    answer: asyncio.Future[Counts]


class SqliteStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        # A commit in WAL mode with NORMAL has been written to the log file when it returns:
        # it survives a killed process; only a power cut can take the last commits.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        # A deleted salt is overwritten, not left in a free page (see salt()).
        self._db.execute("PRAGMA secure_delete=ON")
        self._db.executescript(SCHEMA)
        self._pruned = 0.0
        self._pending: list[PendingView] = []

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    async def record(self, page: str, visitor: bytes, now: float) -> Counts:
        loop = asyncio.get_running_loop()
        if not self._pending:
            loop.call_soon(self._commit_pending)
        view = PendingView(page, visitor, now, loop.create_future())
        self._pending.append(view)
        return await view.answer

    def _commit_pending(self) -> None:
        """Group commit: the views reported since the last commit go into one transaction, and
        each is answered once that transaction is committed."""
        batch, self._pending = self._pending, []
        try:
            with self._transaction():
                answers = self._record(batch)
        except Exception as error:
            for view in batch:
                if not view.answer.done():
                    view.answer.set_exception(error)
            return
        for view, answer in zip(batch, answers, strict=True):
            if not view.answer.done():
                view.answer.set_result(answer)

    def _record(self, batch: list[PendingView]) -> list[Counts]:
        db = self._db
        counted = []
        for view in batch:
            first = self._first_in_window(view.visitor, view.page, view.now)
            if first:
                db.execute(ADD_VIEW, (view.page, is_item(view.page)))
                if is_item(view.page):
                    db.execute(ADD_TOTAL, (ARTICLES,))
            if self._first_in_window(view.visitor, SITE_VISIT, view.now):
                db.execute(ADD_TOTAL, (SITE,))
            db.execute("INSERT INTO online (visitor, at) VALUES (?, ?) "
                       "ON CONFLICT (visitor) DO UPDATE SET at = excluded.at",
                       (view.visitor, view.now))
            counted.append(first)
        now = max(view.now for view in batch)
        if now - self._pruned >= PRUNE_EVERY_SECONDS:
            db.execute("DELETE FROM seen WHERE at <= ?", (now - DEDUPE_SECONDS,))
            db.execute("DELETE FROM online WHERE at <= ?", (now - ONLINE_SECONDS,))
            self._pruned = now
        site, articles, online = self._totals(now)
        return [Counts(site, articles, online, self._views(view.page), first)
                for view, first in zip(batch, counted, strict=True)]

    def _first_in_window(self, visitor: bytes, key: str, now: float) -> bool:
        cursor = self._db.execute(FIRST_IN_WINDOW, (visitor, key, now, now - DEDUPE_SECONDS))
        return cursor.rowcount == 1

    def _totals(self, now: float) -> tuple[int, int, int]:
        """Visits, article views, and visitors online at ``now``."""
        totals = dict(self._db.execute("SELECT name, count FROM totals").fetchall())
        (online,) = self._db.execute("SELECT count(*) FROM online WHERE at > ?",
                                     (now - ONLINE_SECONDS,)).fetchone()
        return totals.get(SITE, 0), totals.get(ARTICLES, 0), online

    def _views(self, page: str) -> int:
        row = self._db.execute("SELECT count FROM views WHERE page = ?", (page,)).fetchone()
        return row[0] if row else 0

    async def read(self, page: str, now: float) -> Counts:
        return Counts(*self._totals(now), self._views(page))

    async def popular(self, limit: int) -> list[tuple[str, int]]:
        rows = self._db.execute("SELECT page, count FROM views WHERE item = 1 "
                                "ORDER BY count DESC, page LIMIT ?", (limit,))
        return [(page, count) for page, count in rows]

    async def salt(self, day: int) -> bytes:
        with self._transaction() as db:
            forgotten = db.execute("DELETE FROM salts WHERE day < ?", (day,)).rowcount
            db.execute("INSERT OR IGNORE INTO salts (day, salt) VALUES (?, ?)",
                       (day, secrets.token_bytes(32)))
            (salt,) = db.execute("SELECT salt FROM salts WHERE day = ?", (day,)).fetchone()
        if forgotten:
            # The old salt's page is still in the write-ahead log: copy the log into the
            # database and empty it, so that yesterday's salt is nowhere on disk.
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return salt

    async def seed(self, seed: Seed) -> None:
        with self._transaction() as db:
            db.executemany(SEED_TOTAL, [(SITE, seed.site), (ARTICLES, seed.articles)])
            db.executemany(SEED_VIEWS, [(page, is_item(page), count)
                                        for page, count in seed.pages.items()])

    async def close(self) -> None:
        self._db.close()

