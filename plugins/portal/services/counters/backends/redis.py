"""The Redis backend: several service instances share the counts. Each report is one Lua
script, so it is atomic; the dedupe keys expire and the online set is trimmed, so memory stays
bounded. Times come from the service's clock, not Redis's: the keys' expiry only frees memory."""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import asdict

from redis.asyncio import ConnectionPool, Redis

from portal.build.counters_manifest.manifest import is_item
from portal.services.counters.config import DEDUPE_SECONDS, ONLINE_SECONDS
from portal.services.counters.feedback import Feedback
from portal.services.counters.store import ARTICLES, SITE, SITE_VISIT, Counts, Seed

PREFIX = "portal:counters:"
TOTALS = f"{PREFIX}totals"  # hash: site, articles
ONLINE = f"{PREFIX}online"  # sorted set: visitor -> last seen
ITEM_VIEWS = f"{PREFIX}views:item"  # sorted sets: page -> views; items apart, for the ranking
PAGE_VIEWS = f"{PREFIX}views:page"
FEEDBACK_DIGESTS = f"{PREFIX}feedback:digests"  # set: the digests of the stored feedback
FEEDBACK = f"{PREFIX}feedback:entries"  # list of JSON objects, newest first
SALT_SECONDS = 2 * 24 * 3600
# Connections to Redis; requests beyond this many at once wait their turn.
MAX_CONNECTIONS = 32


def views_key(page: str) -> str:
    return ITEM_VIEWS if is_item(page) else PAGE_VIEWS


def seen_key(visitor: bytes, page: str) -> str:
    return f"{PREFIX}seen:{visitor.hex()}:{page}"


# KEYS: seen page, seen site, views, totals, online
# ARGV: page, visitor, now, dedupe seconds, online seconds, is item (1/0)
RECORD = """
local now = tonumber(ARGV[3])
local function first_in_window(key)
  local last = redis.call('GET', key)
  if last and now - tonumber(last) < tonumber(ARGV[4]) then return false end
  redis.call('SET', key, ARGV[3], 'EX', ARGV[4])
  return true
end
local counted = first_in_window(KEYS[1])
if counted then
  redis.call('ZINCRBY', KEYS[3], 1, ARGV[1])
  if ARGV[6] == '1' then redis.call('HINCRBY', KEYS[4], 'articles', 1) end
end
if first_in_window(KEYS[2]) then redis.call('HINCRBY', KEYS[4], 'site', 1) end
redis.call('ZADD', KEYS[5], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now - tonumber(ARGV[5]))
local totals = redis.call('HMGET', KEYS[4], 'site', 'articles')
return {counted and 1 or 0, totals[1] or '0', totals[2] or '0', redis.call('ZCARD', KEYS[5]),
        redis.call('ZSCORE', KEYS[3], ARGV[1]) or '0'}
"""

# KEYS: totals; ARGV: site, articles
SEED_TOTALS = """
for i, name in ipairs({'site', 'articles'}) do
  if (tonumber(redis.call('HGET', KEYS[1], name)) or 0) < tonumber(ARGV[i]) then
    redis.call('HSET', KEYS[1], name, ARGV[i])
  end
end
"""


# KEYS: feedback digests, feedback entries; ARGV: digest, entry
ADD_FEEDBACK = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('LPUSH', KEYS[2], ARGV[2])
return 1
"""


class RedisStore:
    def __init__(self, url: str) -> None:
        self._redis = Redis.from_pool(ConnectionPool.from_url(url, max_connections=MAX_CONNECTIONS))
        self._turns = asyncio.Semaphore(MAX_CONNECTIONS)
        self._record = self._redis.register_script(RECORD)
        self._seed_totals = self._redis.register_script(SEED_TOTALS)
        self._add_feedback = self._redis.register_script(ADD_FEEDBACK)

    async def record(self, page: str, visitor: bytes, now: float) -> Counts:
        keys = [seen_key(visitor, page), seen_key(visitor, SITE_VISIT), views_key(page), TOTALS,
                ONLINE]
        args = [page, visitor.hex(), repr(now), DEDUPE_SECONDS, ONLINE_SECONDS, int(is_item(page))]
        async with self._turns:
            counted, site, articles, online, views = await self._record(keys, args)
        return Counts(int(site), int(articles), int(online), int(float(views)), bool(counted))

    async def read(self, page: str, now: float) -> Counts:
        async with self._turns, self._redis.pipeline(transaction=False) as pipe:
            pipe.hmget(TOTALS, [SITE, ARTICLES])
            pipe.zcount(ONLINE, f"({now - ONLINE_SECONDS!r}", "+inf")
            pipe.zscore(views_key(page), page)
            (site, articles), online, views = await pipe.execute()
        return Counts(int(site or 0), int(articles or 0), online, int(views or 0))

    async def popular(self, limit: int) -> list[tuple[str, int]]:
        async with self._turns:
            rows = await self._redis.zrevrange(ITEM_VIEWS, 0, limit - 1, withscores=True)
        return [(page.decode(), int(score)) for page, score in rows]

    async def salt(self, day: int) -> bytes:
        proposed = secrets.token_bytes(32)
        async with self._turns:
            earlier = await self._redis.set(f"{PREFIX}salt:{day}", proposed, nx=True, get=True,
                                            ex=SALT_SECONDS)
            if earlier is None:
                await self._redis.delete(f"{PREFIX}salt:{day - 1}")
                return proposed
            return earlier

    async def seed(self, seed: Seed) -> None:
        async with self._turns, self._redis.pipeline(transaction=True) as pipe:
            await self._seed_totals([TOTALS], [seed.site, seed.articles])
            for page, count in seed.pages.items():
                pipe.zadd(views_key(page), {page: count}, gt=True)
            await pipe.execute()

    async def add_feedback(self, feedback: Feedback) -> bool:
        entry = json.dumps(asdict(feedback), ensure_ascii=False)
        async with self._turns:
            return bool(await self._add_feedback([FEEDBACK_DIGESTS, FEEDBACK],
                                                 [feedback.digest, entry]))

    async def feedback(self) -> list[Feedback]:
        async with self._turns:
            entries = await self._redis.lrange(FEEDBACK, 0, -1)
        stored = [Feedback(**json.loads(entry)) for entry in entries]
        return sorted(stored, key=lambda f: f.received, reverse=True)

    async def close(self) -> None:
        await self._redis.aclose()
