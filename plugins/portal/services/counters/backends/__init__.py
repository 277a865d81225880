"""The storage backends, behind ``store.CounterStore``."""

from __future__ import annotations

import sqlite3

from redis.exceptions import RedisError

from portal.services.counters.config import CounterConfig
from portal.services.counters.store import CounterStore

# What a backend raises when its storage fails (a locked or unwritable file, Redis down).
STORAGE_ERRORS = (sqlite3.Error, RedisError, OSError)


def open_store(config: CounterConfig) -> CounterStore:
    if config.backend == "redis":
        from portal.services.counters.backends.redis import RedisStore

        return RedisStore(config.redis_url)
    from portal.services.counters.backends.sqlite import SqliteStore

    return SqliteStore(config.database)
