"""``portal counter-service`` and ``portal serve`` as processes: seeds, kill -9, both together."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from portal.build.counters_manifest.manifest import Entry, Manifest
from sitekit import PORTAL, ROOT, Site, run_portal

pytestmark = pytest.mark.service

AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
PAGES = [f"tin-{n}" for n in range(20)]


def write_manifest(path: Path) -> Path:
    Manifest({page: Entry(f"Bài {page}", f"/tin-tuc/2024/{page}/") for page in PAGES},
             {"page:/"}).write(path)
    return path


@contextmanager
def portal(*args: str) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """A ``portal`` process and the port it says it listens on; stopped at the end."""
    process = subprocess.Popen([str(PORTAL), *args], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    assert process.stdout is not None
    try:
        printed = ""
        while not (found := re.search(r"http://127\.0\.0\.1:(\d+)/", printed)):
            line = process.stdout.readline()
            assert line, printed  # the process ended without saying where it listens
            printed += line
        yield process, int(found.group(1))
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=10)
        process.stdout.close()


def call(port: int, method: str, path: str, body: dict | None = None,
         agent: str = AGENT) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, json.dumps(body) if body is not None else None,
                           {"Content-Type": "application/json", "User-Agent": agent})
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read())
    finally:
        connection.close()


def test_counter_service_has_help() -> None:
    result = run_portal("counter-service", "--help")
    assert result.returncode == 0
    for option in ("--host", "--port", "--backend", "--db", "--origin", "--seed", "--trusted-proxy"):
        assert option in result.stdout


def test_seed_file_sets_starting_counts(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "counters.json")
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"site": 41_226_808, "pages": {"tin-3": 25_341}}), encoding="utf-8")
    common = ["counter-service", "--port", "0", "--db", str(tmp_path / "c.sqlite3"),
              "--manifest", str(manifest)]
    with portal(*common, "--seed", str(seed)) as (process, _):
        pass
    assert process.returncode == 0
    seed.write_text(json.dumps({"site": -1}), encoding="utf-8")
    refused = run_portal(*common, "--seed", str(seed))
    assert refused.returncode == 1
    assert "Không nạp được số đếm ban đầu" in refused.stdout
    with portal(*common) as (_, port):
        status, counts = call(port, "GET", "/api/counts?page=tin-3")
    assert status == 200
    assert (counts["site"], counts["page"]) == (41_226_808, 25_341)


def test_no_acknowledged_view_is_lost_when_the_service_is_killed(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "counters.json")
    args = ["counter-service", "--port", "0", "--db", str(tmp_path / "c.sqlite3"),
            "--manifest", str(manifest), "--rate-limit", "1000000"]
    acknowledged: Counter[str] = Counter()
    lock, enough = threading.Lock(), threading.Event()

    def report_views(worker: int, port: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        for n in range(100_000):
            page = PAGES[n % len(PAGES)]
            try:
                connection.request("POST", "/api/views", json.dumps({"page": page}),
                                   {"Content-Type": "application/json",
                                    "User-Agent": f"{AGENT} Khach-{worker}-{n}"})
                answer = connection.getresponse()
                counted = answer.status == 200 and json.loads(answer.read())["counted"]
            except (OSError, http.client.HTTPException):
                return
            with lock:
                acknowledged[page] += counted
                if acknowledged.total() >= 400:
                    enough.set()

    with portal(*args) as (service, port):
        workers = [threading.Thread(target=report_views, args=(w, port)) for w in range(4)]
        for worker in workers:
            worker.start()
        assert enough.wait(timeout=60)
        os.kill(service.pid, signal.SIGKILL)  # in the middle of the load
        service.wait(timeout=10)
        for worker in workers:
            worker.join(timeout=10)
    with portal(*args) as (_, port):
        stored = {page: call(port, "GET", f"/api/counts?page={page}")[1] for page in PAGES}
    for page in PAGES:
        assert stored[page]["page"] >= acknowledged[page], page
    assert stored[PAGES[0]]["site"] >= acknowledged.total()


def test_serve_runs_the_portal_and_the_counters_together(sample_site: Site, tmp_path: Path) -> None:
    database = tmp_path / "counters.sqlite3"
    with portal("serve", "--root", str(sample_site.output), "--port", "0",
                "--db", str(database)) as (process, port):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/")
        home = connection.getresponse()
        assert home.status == 200
        assert b'data-counter-page="page:/"' in home.read()
        connection.close()
        status, counts = call(port, "POST", "/api/views", {"page": "page:/"})
        assert (status, counts["counted"], counts["site"]) == (200, True, 1)
        assert call(port, "POST", "/api/views", {"page": "../x"})[0] == 404
    assert process.returncode == 0
    assert database.is_file()
