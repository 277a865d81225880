"""Headless Chromium on the built portal with the counter service behind /api/: two visitors
see the counts rise; with the service down or slow the page is the same as without the script."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from axekit import axe_violations
from portal.build.counters_manifest.manifest import Manifest
from portal.commands.serve import PortalServer, make_server
from portal.services.counters.config import CounterConfig
from portal.services.counters.server import bind, counter_server, seed_store
from portal.services.counters.store import Seed
from sitekit import ROOT, Site, run_portal

pytestmark = [pytest.mark.browser, pytest.mark.service]

AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
LEGACY_VISITS = 41_226_808
REPORTING_SETTINGS = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from pelicanconf import *  # noqa: F403
PATH = {str(ROOT / "content")!r}
COUNTERS_REPORT_AUTOMATED = True
"""


@pytest.fixture(scope="module")
def reporting_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample portal built with the test switch that lets automated browsers report."""
    work = tmp_path_factory.mktemp("counters-browser")
    settings = work / "reporting.py"
    settings.write_text(REPORTING_SETTINGS, encoding="utf-8")
    result = run_portal("build", "--settings", str(settings), "--output", str(work / "output"))
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "output"


def serve_in_thread(server: PortalServer | ThreadingHTTPServer) -> str:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def counter_api(reporting_site: Path, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[tuple[str, int]]:
    """The counter service (SQLite, seeded with the legacy visits) on a loopback port."""
    config = CounterConfig(manifest=reporting_site / "counters.json",
                           database=tmp_path_factory.mktemp("db") / "counters.sqlite3",
                           trusted_proxies=("127.0.0.1",))
    with running_service(config, Seed(site=LEGACY_VISITS)) as address:
        yield address


@contextmanager
def running_service(config: CounterConfig, seed: Seed | None = None) -> Iterator[tuple[str, int]]:
    """The counter service on a loopback port, in a thread, until the block ends."""
    server = counter_server(config, "127.0.0.1", 0)
    listening = bind(server)

    def seed_and_run() -> None:
        if seed is not None:
            asyncio.run(seed_store(config, seed))
        server.run(sockets=[listening])

    thread = threading.Thread(target=seed_and_run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the counter service did not start"
        time.sleep(0.02)
    yield listening.getsockname()[:2]
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox"])
        yield browser
        browser.close()


def article(output: Path) -> tuple[str, str]:
    """The id and address of an item that has an ``Id``."""
    manifest = Manifest.from_json((output / "counters.json").read_text(encoding="utf-8"))
    return next((key, entry.url) for key, entry in sorted(manifest.items.items()) if "/" not in key)


def api_counts(api: tuple[str, int], page: str) -> dict:
    with urllib.request.urlopen(f"http://{api[0]}:{api[1]}/api/counts?page={page}") as answer:
        return json.load(answer)


def visit(browser: Browser, url: str, visitor: str) -> Page:
    page = browser.new_context(user_agent=f"{AGENT} {visitor}").new_page()
    page.goto(url)
    return page


def expect_counts(page: Page, site: int, online: int, views: int) -> None:
    expect(page.locator('[data-counters="page"]')).to_be_visible()
    expect(page.locator('[data-counter="page"]')).to_have_text(str(views))
    expect(page.locator('[data-counter="online"]')).to_have_text(str(online))
    odometer = page.locator(".odometer")
    expect(odometer).to_have_attribute("aria-label", f"{site:,} lượt truy cập".replace(",", "."))
    expect(odometer).to_have_attribute("role", "img")
    expect(odometer.locator('span[aria-hidden="true"]')).to_have_text(list(str(site)))


def test_two_visitors_see_the_counts_rise(browser: Browser, reporting_site: Path,
                                          counter_api: tuple[str, int]) -> None:
    page_id, address = article(reporting_site)
    url = serve_in_thread(make_server(reporting_site, "127.0.0.1", 0, api=counter_api)) + address
    first = visit(browser, url, "KhachA")
    expect_counts(first, LEGACY_VISITS + 1, online=1, views=1)
    expect(first.locator('[data-counter="articles"]')).to_have_text("1")
    popular = first.locator('[data-counter="popular"] a')
    expect(popular).to_have_count(1)
    expect(popular).to_have_attribute("href", address)

    second = visit(browser, url, "KhachB")
    expect_counts(second, LEGACY_VISITS + 2, online=2, views=2)
    first.reload()
    expect_counts(first, LEGACY_VISITS + 2, online=2, views=2)  # the same visitor: counted once
    assert api_counts(counter_api, page_id)["page"] == 2

    assert axe_violations(second) == []


def test_automated_browsers_only_read_without_the_test_switch(
        browser: Browser, sample_site: Site, reporting_site: Path,
        counter_api: tuple[str, int]) -> None:
    page_id, address = article(reporting_site)
    before = api_counts(counter_api, page_id)
    url = serve_in_thread(make_server(sample_site.output, "127.0.0.1", 0, api=counter_api))
    page = visit(browser, url + address, "KhachC")
    expect_counts(page, before["site"], before["online"], before["page"])
    assert api_counts(counter_api, page_id)["page"] == before["page"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SlowCounter(BaseHTTPRequestHandler):
    """A counter service that answers valid counts, but only after ``delay`` seconds."""

    delay = 0.0

    def _answer(self) -> None:
        time.sleep(self.delay)
        body = json.dumps({"counted": True, "site": 5, "online": 1, "articles": 3, "page": 2,
                           "popular": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def slow_counter(delay: float) -> tuple[str, int]:
    handler = type("Slow", (SlowCounter,), {"delay": delay})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "127.0.0.1", server.server_address[1]


def page_text(browser: Browser, url: str, wait_ms: int,
              block_script: bool = False) -> tuple[str, dict[str, bool]]:
    """The page's visible text and whether each counter area is hidden, ``wait_ms`` after it
    loaded."""
    context = browser.new_context(user_agent=f"{AGENT} KhachD")
    if block_script:
        context.route("**/counters.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(url)
    page.wait_for_timeout(wait_ms)
    hidden = page.locator("[data-counters]").evaluate_all(
        "areas => Object.fromEntries(areas.map(a => [a.dataset.counters, a.hidden]))")
    text = page.locator("body").inner_text()
    context.close()
    return text, hidden


@pytest.mark.parametrize("service", ["down", "slow"])
def test_the_page_is_unchanged_when_the_service_is_down_or_slow(
        browser: Browser, reporting_site: Path, service: str) -> None:
    api = ("127.0.0.1", free_port()) if service == "down" else slow_counter(3.0)
    url = serve_in_thread(make_server(reporting_site, "127.0.0.1", 0, api=api)) + \
        article(reporting_site)[1]
    text, hidden = page_text(browser, url, wait_ms=3_500)  # past the script's 2 s limit
    without_script, _ = page_text(browser, url, wait_ms=0, block_script=True)
    assert hidden == {"visits": True, "popular": True, "page": True}
    assert text == without_script
    assert "lượt người xem" not in text


def test_a_quick_answer_is_shown(browser: Browser, reporting_site: Path) -> None:
    """The same answer as the slow service's, in time: the areas show it."""
    url = serve_in_thread(make_server(reporting_site, "127.0.0.1", 0, api=slow_counter(0.2))) + \
        article(reporting_site)[1]
    text, hidden = page_text(browser, url, wait_ms=1_500)
    assert hidden == {"visits": False, "popular": True, "page": False}  # no popular items
    assert "Số lượt người xem: 2" in text
    assert "Đang có 1 khách online" in text
