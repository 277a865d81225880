"""Counter service benchmark: views/s and latency at 8, 32 and 128 concurrent clients on each
backend (the service with one worker; the load from a second process, on loopback), as fast as
the service answers and, with 128 clients, paced at the target's 1,000 views/s; the
service's peak memory; then a kill -9 of the service in the middle of a load, a restart, and
the stored counts compared with the acknowledged views.

    .venv/bin/python -m portal_bench.counter_bench [--requests 20000] [--seconds 30]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from portal.build.counters_manifest.manifest import Entry, Manifest

PROJECT = Path(__file__).resolve().parents[2]
PORTAL = Path(sys.executable).parent / "portal"
CONCURRENCY = (8, 32, 128)
ITEMS, PAGES = 1_000, 200
RAISED_RATE_LIMIT = "100000000"  # every request comes from 127.0.0.1
KILL_AFTER_SECONDS = 3
TARGET_VIEWS_PER_SECOND, TARGET_P99_MS, TARGET_RSS_MIB = 1_000, 50, 200


def write_manifest(path: Path) -> Path:
    items = {f"tin-{n:04d}": Entry(f"Bài số {n}", f"/tin-tuc/2024/bai-so-{n}/") for n in range(ITEMS)}
    Manifest(items, {f"page:/the/the-{n}/" for n in range(PAGES)}).write(path)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit("redis-server is missing: run `make setup`")
    port = free_port()
    process = subprocess.Popen([executable, "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not ping(port):
            if time.monotonic() > deadline:
                raise SystemExit("redis-server did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def service(backend_args: list[str], manifest: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    process = subprocess.Popen(
        [str(PORTAL), "counter-service", "--port", "0", "--manifest", str(manifest),
         "--rate-limit", RAISED_RATE_LIMIT, *backend_args],
        stdout=subprocess.PIPE, text=True, cwd=PROJECT)
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        found = re.search(r":(\d+)/api/", line)
        if not found:
            raise SystemExit(f"the counter service did not start: {line}")
        yield process, int(found.group(1))
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
        process.stdout.close()


def peak_rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else float("nan")


def load(port: int, manifest: Path, concurrency: int, requests: int, seconds: float,
         acks: Path | None = None, rate: int | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "portal_bench.counter_load", "--port", str(port),
               "--manifest", str(manifest), "--concurrency", str(concurrency),
               "--requests", str(requests), "--seconds", str(seconds)]
    if rate is not None:
        command += ["--rate", str(rate)]
    if acks is not None:
        command += ["--acks", str(acks)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen[str]) -> dict:
    output, _ = process.communicate(timeout=600)
    return json.loads(output.strip().splitlines()[-1])


def stored_views(port: int, pages: list[str]) -> dict[str, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    views = {}
    for page in pages:
        connection.request("GET", f"/api/counts?page={page}")
        views[page] = json.loads(connection.getresponse().read())["page"]
    connection.close()
    return views


def measure(name: str, backend_args: list[str], manifest: Path, requests: int,
            seconds: float) -> None:
    with service(backend_args, manifest) as (process, port):
        runs = [(concurrency, None) for concurrency in CONCURRENCY]
        for concurrency, rate in [*runs, (CONCURRENCY[-1], TARGET_VIEWS_PER_SECOND)]:
            result = finished(load(port, manifest, concurrency, requests, seconds, rate=rate))
            paced = f"@{rate}/s" if rate else ""
            print(f"{name:7} {concurrency:>8}{paced} {result['views_per_second']:9.0f} "
                  f"{result['p50_ms']:8.1f} {result['p99_ms']:8.1f} {result['errors']:7}",
                  flush=True)
        print(f"{name:7} peak memory of the service: {peak_rss_mib(process.pid):.0f} MiB "
              f"(target ≤ {TARGET_RSS_MIB})", flush=True)


def kill_check(name: str, backend_args: list[str], manifest: Path, work: Path) -> None:
    acks = work / f"acks-{name}.json"
    with service(backend_args, manifest) as (process, port):
        client = load(port, manifest, 32, 10_000_000, KILL_AFTER_SECONDS + 2, acks)
        time.sleep(KILL_AFTER_SECONDS)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        finished(client)
    acknowledged: dict[str, int] = json.loads(acks.read_text())
    with service(backend_args, manifest) as (_, port):
        stored = stored_views(port, sorted(acknowledged))
    lost = sum(max(0, count - stored[page]) for page, count in acknowledged.items())
    print(f"{name:7} kill -9 after {KILL_AFTER_SECONDS} s of load: "
          f"{sum(acknowledged.values())} views acknowledged, {sum(stored.values())} stored "
          f"after the restart, {lost} lost (target 0)", flush=True)


def backends(work: Path, redis_url: str, run: str) -> dict[str, list[str]]:
    """The service's options for each backend, with storage of its own for each ``run``."""
    database = {"load": 0, "kill": 1}[run]
    return {"sqlite": ["--db", str(work / f"{run}.sqlite3")],
            "redis": ["--backend", "redis", "--redis-url", f"{redis_url.rsplit('/', 1)[0]}/{database}"]}


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--requests", type=int, default=20_000,
                         help="views per run (default 20000)")
    options.add_argument("--seconds", type=float, default=30,
                         help="time limit of each run (default 30)")
    args = options.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="counter-bench-") as folder:
        work = Path(folder)
        manifest = write_manifest(work / "counters.json")
        print(f"{ITEMS} items and {PAGES} list pages; 5000 visitors; {args.requests} views per "
              f"run, at most {args.seconds:.0f} s; targets on SQLite: ≥ {TARGET_VIEWS_PER_SECOND} "
              f"views/s with p99 ≤ {TARGET_P99_MS} ms")
        print("backend clients   views/s  p50 ms  p99 ms  errors")
        with redis_server(work) as redis_url:
            for name, backend_args in backends(work, redis_url, "load").items():
                measure(name, backend_args, manifest, args.requests, args.seconds)
            for name, backend_args in backends(work, redis_url, "kill").items():
                kill_check(name, backend_args, manifest, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
