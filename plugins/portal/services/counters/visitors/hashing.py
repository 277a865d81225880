"""A visitor is a salted hash of its address and User-Agent. The salt changes every day (at
midnight in Vietnam) and the old one is forgotten, so neither the address nor the User-Agent can
be recovered from what is stored, nor a visitor followed from one day to the next. The price: a
visitor who stays across midnight counts once more."""

from __future__ import annotations

import hmac

from portal.services.counters.store import CounterStore

VIETNAM_UTC_OFFSET = 7 * 3600
VISITOR_BYTES = 16


def vietnam_day(now: float) -> int:
    """The day number (days since 1970-01-01) of a Unix time, in Asia/Ho_Chi_Minh."""
    return int((now + VIETNAM_UTC_OFFSET) // 86400)


class VisitorHasher:
    def __init__(self, store: CounterStore) -> None:
        self.store = store
        self._day = -1
        self._salt = b""

    async def visitor(self, address: str, user_agent: str, now: float) -> bytes:
        day = vietnam_day(now)
        if day != self._day:
            self._salt = await self.store.salt(day)
            self._day = day
        message = f"{address}\n{user_agent}".encode()
        return hmac.digest(self._salt, message, "sha256")[:VISITOR_BYTES]
