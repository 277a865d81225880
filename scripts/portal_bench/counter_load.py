"""Load generator for the counter service: ``concurrency`` clients on keep-alive connections
report views (random visitor, random page of the manifest) until ``requests`` views were answered
or ``seconds`` passed — as fast as answers come, or with ``--rate`` at that many views/s in all,
each view's latency then counted from the moment it was due — then print one JSON line: views/s,
latency percentiles, errors, and with ``--acks FILE`` the acknowledged counted views per page
(for the kill -9 check).

    python -m portal_bench.counter_load --port 8001 --manifest output/counters.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import uvloop

from portal.build.counters_manifest.manifest import Manifest

AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Khach-{}"
RECONNECT_PAUSE_SECONDS = 0.05


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    acked: Counter[str] = field(default_factory=Counter)


def request(host: str, page: str, visitor: int) -> bytes:
    body = json.dumps({"page": page}).encode()
    head = (f"POST /api/views HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {AGENT.format(visitor)}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def answer(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(line.split(":", 1)[1]) for line in lines[1:]
                  if line.lower().startswith("content-length:"))
    return status, await reader.readexactly(length)


@dataclass
class Schedule:
    """Which view comes next and, with a rate, when it is due."""
    requests: int
    rate: float | None
    start: float = field(default_factory=time.perf_counter)
    sent: int = 0

    async def next_due(self) -> float:
        """Waits until the next view is due and returns when that was."""
        self.sent += 1
        if self.rate is None:
            return time.perf_counter()
        due = self.start + (self.sent - 1) / self.rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        return due


async def client(port: int, pages: list[str], visitors: int, until: float, schedule: Schedule,
                 tally: Tally) -> None:
    rng = random.Random()
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while schedule.sent < schedule.requests and time.monotonic() < until:
        started = await schedule.next_due()
        page = rng.choice(pages)
        try:
            if connection is None:
                connection = await asyncio.open_connection("127.0.0.1", port)
            reader, writer = connection
            writer.write(request(f"127.0.0.1:{port}", page, rng.randrange(visitors)))
            status, body = await answer(reader)
        except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration):
            tally.errors += 1
            connection = None
            await asyncio.sleep(RECONNECT_PAUSE_SECONDS)
            continue
        if status != 200:
            tally.errors += 1
            continue
        tally.latencies.append(time.perf_counter() - started)
        if b'"counted":true' in body:
            tally.acked[page] += 1
    if connection is not None:
        connection[1].close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


async def run(port: int, pages: list[str], concurrency: int, requests: int, seconds: float,
              visitors: int, rate: float | None) -> tuple[Tally, float]:
    tally, schedule = Tally(), Schedule(requests, rate)
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(client(port, pages, visitors, until, schedule, tally)
                           for _ in range(concurrency)))
    return tally, time.monotonic() - started


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--port", type=int, required=True)
    options.add_argument("--manifest", type=Path, required=True)
    options.add_argument("--concurrency", type=int, default=32)
    options.add_argument("--requests", type=int, default=20_000)
    options.add_argument("--seconds", type=float, default=30)
    options.add_argument("--visitors", type=int, default=5_000)
    options.add_argument("--rate", type=float, help="views per second in all (default: no pause)")
    options.add_argument("--acks", type=Path, help="write the acknowledged views per page here")
    args = options.parse_args(argv)
    manifest = Manifest.from_json(args.manifest.read_text(encoding="utf-8"))
    pages = sorted(manifest.items) + sorted(manifest.pages)
    tally, elapsed = uvloop.run(run(args.port, pages, args.concurrency, args.requests,
                                    args.seconds, args.visitors, args.rate))
    if args.acks:
        args.acks.write_text(json.dumps(tally.acked), encoding="utf-8")
    print(json.dumps({
        "views": len(tally.latencies), "errors": tally.errors, "seconds": round(elapsed, 3),
        "views_per_second": round(len(tally.latencies) / elapsed, 1),
        "p50_ms": round(1000 * percentile(tally.latencies, 0.50), 2),
        "p99_ms": round(1000 * percentile(tally.latencies, 0.99), 2),
        "acknowledged": sum(tally.acked.values()),
    }))


if __name__ == "__main__":
    main()
