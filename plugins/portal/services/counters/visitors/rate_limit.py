"""A per-address rate limit in fixed memory, whatever the number of addresses."""

from __future__ import annotations

import hashlib
from array import array

ROWS = 2
WIDTH = 1 << 16


class RateLimiter:
    """At most ``limit`` requests per address in each window of ``window`` seconds.

    The counts live in a count-min sketch (two rows of counters, cleared at each new window):
    an address's count is the smaller of its two counters, so it is never under-counted, and two
    addresses share a budget only when they collide in both rows, which takes tens of thousands
    of busy addresses in one window."""

    def __init__(self, limit: int, window: float) -> None:
        self._limit = limit
        self._window = window
        self._current = -1
        self._rows: list[array[int]] = []

    def allow(self, address: str, now: float) -> bool:
        window = int(now // self._window)
        if window != self._current:
            self._rows = [array("Q", bytes(8 * WIDTH)) for _ in range(ROWS)]
            self._current = window
        digest = hashlib.blake2b(address.encode(), digest_size=4 * ROWS).digest()
        slots = [int.from_bytes(digest[4 * r:4 * r + 4], "little") % WIDTH for r in range(ROWS)]
        if min(row[slot] for row, slot in zip(self._rows, slots, strict=True)) >= self._limit:
            return False
        for row, slot in zip(self._rows, slots, strict=True):
            row[slot] += 1
        return True
