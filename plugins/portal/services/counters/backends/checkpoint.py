"""Copying SQLite's write-ahead log back into the database file, from a thread of its own.

Left to SQLite, a commit that finds the log long copies it into the database and syncs the file
itself, and every request waiting on that commit waits tens of milliseconds more. Here a thread
checkpoints a few times a second on its own connection (SQLite releases the GIL while it works);
the writer checkpoints only when the log reaches LOG_BYTES, and by then it has little left to
copy."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

CHECKPOINT_SECONDS = 0.25
CATCH_UP_ROUNDS = 8  # each round copies what was committed during the previous one
# The writer checkpoints by itself when the log holds this much: under a load that leaves the
# thread no pause between two commits, that is what starts the log again from its start. The log
# file is also cut back to this size after a checkpoint.
LOG_BYTES = 64 << 20


class Checkpointer:
    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA busy_timeout=5000")
        self.lock = threading.Lock()  # held while checkpointing; take it to checkpoint alone
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(CHECKPOINT_SECONDS):
            try:
                with self.lock:
                    self._catch_up()
            except sqlite3.Error as error:
                log.warning("checkpoint failed: %s", error)

    def _catch_up(self) -> None:
        for _ in range(CATCH_UP_ROUNDS):
            _, frames, copied = self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if copied >= frames:
                return

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._db.close()
