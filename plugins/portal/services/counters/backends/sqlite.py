"""The SQLite backend (the default): one database file in WAL mode. Every view is committed
before the service answers, so killing the service loses no acknowledged view.

The statements run on the event loop itself: a few statements on a local file take far less
time than handing them to a thread, and there is one writer. Views reported at the same moment
share one transaction (group commit), since the commit is most of the cost; copying the log back
into the database is left to a thread (``checkpoint``)."""

from __future__ import annotations

import asyncio
import json
import secrets
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from portal.build.counters_manifest.manifest import is_item
from portal.services.counters.backends.checkpoint import LOG_BYTES, Checkpointer
from portal.services.counters.config import DEDUPE_SECONDS, ONLINE_SECONDS
from portal.services.counters.feedback import Feedback
from portal.services.counters.store import ARTICLES, SITE, SITE_VISIT, Counts, Seed

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
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, page TEXT NOT NULL, url TEXT NOT NULL,
  name TEXT NOT NULL, message TEXT NOT NULL, received TEXT NOT NULL);
"""
PRUNE_EVERY_SECONDS = 1  # often, so that each pruning is short
# Small pages: a view changes a few rows far apart, and each changed page is written whole to the
# log. Applies to a new database file only.
PAGE_BYTES = 1024

# A view's dedupe keys, the page's and the visit's, in one statement: RETURNING gives the keys
# first in their window (inserted, or updated because their last view is older than the window).
FIRSTS_IN_WINDOW = """
INSERT INTO seen (visitor, page, at) VALUES (?1, ?2, ?3), (?1, ?5, ?3)
ON CONFLICT (visitor, page) DO UPDATE SET at = excluded.at WHERE seen.at <= ?4
RETURNING page"""
ADD_VIEWS = """
INSERT INTO views (page, item, count) VALUES (?, ?, ?)
ON CONFLICT (page) DO UPDATE SET count = count + excluded.count"""
ADD_TOTAL = """
INSERT INTO totals (name, count) VALUES (?, ?)
ON CONFLICT (name) DO UPDATE SET count = count + excluded.count"""
SEE_ONLINE = """
INSERT INTO online (visitor, at) VALUES (?, ?)
ON CONFLICT (visitor) DO UPDATE SET at = excluded.at"""
VIEWS_OF = "SELECT page, count FROM views WHERE page IN (SELECT value FROM json_each(?))"
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
        self._db.execute(f"PRAGMA page_size={PAGE_BYTES}")
        self._db.execute("PRAGMA journal_mode=WAL")
        # A commit in WAL mode with NORMAL has been written to the log file when it returns:
        # it survives a killed process; only a power cut can take the last commits.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        (page_bytes,) = self._db.execute("PRAGMA page_size").fetchone()
        self._db.execute(f"PRAGMA wal_autocheckpoint={LOG_BYTES // page_bytes}")
        self._db.execute(f"PRAGMA journal_size_limit={LOG_BYTES}")
        # A deleted salt is overwritten, not left in a free page (see salt()).
        self._db.execute("PRAGMA secure_delete=ON")
        self._db.executescript(SCHEMA)
        self._checkpointer = Checkpointer(path)
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
        """Dedupe each view in turn, then write the batch's sums: each count row is written
        once per batch, however many views it gets."""
        db = self._db
        counted, views, visits = [], Counter[str](), 0
        online: dict[bytes, float] = {}
        for view in batch:
            firsts = {key for (key,) in db.execute(FIRSTS_IN_WINDOW, (
                view.visitor, view.page, view.now, view.now - DEDUPE_SECONDS, SITE_VISIT))}
            counted.append(view.page in firsts)
            views[view.page] += view.page in firsts
            visits += SITE_VISIT in firsts
            online[view.visitor] = view.now
        now = max(view.now for view in batch)
        articles = sum(count for page, count in views.items() if is_item(page))
        db.executemany(ADD_VIEWS, [(page, is_item(page), count)
                                   for page, count in views.items() if count])
        db.executemany(ADD_TOTAL, [(name, count) for name, count in ((SITE, visits),
                                                                      (ARTICLES, articles)) if count])
        db.executemany(SEE_ONLINE, online.items())
        # Online is then every row left: cheaper than counting those within the window.
        db.execute("DELETE FROM online WHERE at <= ?", (now - ONLINE_SECONDS,))
        if now - self._pruned >= PRUNE_EVERY_SECONDS:
            db.execute("DELETE FROM seen WHERE at <= ?", (now - DEDUPE_SECONDS,))
            self._pruned = now
        site, articles = self._sums()
        (visitors,) = db.execute("SELECT count(*) FROM online").fetchone()
        stored = dict(db.execute(VIEWS_OF, (json.dumps(list(views)),)))
        return [Counts(site, articles, visitors, stored.get(view.page, 0), first)
                for view, first in zip(batch, counted, strict=True)]

    def _sums(self) -> tuple[int, int]:
        totals = dict(self._db.execute("SELECT name, count FROM totals").fetchall())
        return totals.get(SITE, 0), totals.get(ARTICLES, 0)

    def _views(self, page: str) -> int:
        row = self._db.execute("SELECT count FROM views WHERE page = ?", (page,)).fetchone()
        return row[0] if row else 0

    async def read(self, page: str, now: float) -> Counts:
        (online,) = self._db.execute("SELECT count(*) FROM online WHERE at > ?",
                                     (now - ONLINE_SECONDS,)).fetchone()
        return Counts(*self._sums(), online, self._views(page))

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
            with self._checkpointer.lock:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return salt

    async def seed(self, seed: Seed) -> None:
        with self._transaction() as db:
            db.executemany(SEED_TOTAL, [(SITE, seed.site), (ARTICLES, seed.articles)])
            db.executemany(SEED_VIEWS, [(page, is_item(page), count)
                                        for page, count in seed.pages.items()])

    async def add_feedback(self, feedback: Feedback) -> bool:
        with self._transaction() as db:
            return db.execute(
                "INSERT OR IGNORE INTO feedback (digest, page, url, name, message, received) "
                "VALUES (?, ?, ?, ?, ?, ?)", (feedback.digest, feedback.page, feedback.url,
                                              feedback.name, feedback.message,
                                              feedback.received)).rowcount == 1

    async def feedback(self) -> list[Feedback]:
        rows = self._db.execute("SELECT page, url, name, message, received FROM feedback "
                                "ORDER BY received DESC, id DESC")
        return [Feedback(*row) for row in rows]

    async def close(self) -> None:
        self._checkpointer.close()
        self._db.close()

