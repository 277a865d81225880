"""The counter service's API on both storage backends, with a clock the tests move."""

from __future__ import annotations

import asyncio
import shutil
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis
from starlette.testclient import TestClient

from portal.build.counters_manifest.manifest import Entry, Manifest
from portal.services.counters.app import create_app
from portal.services.counters.backends import open_store
from portal.services.counters.config import CounterConfig
from portal.services.counters.server import seed_store
from portal.services.counters.store import Counts, Seed
from portal.services.counters.visitors.client_ip import ClientAddress, ForgedForwarding
from portal.services.counters.visitors.hashing import vietnam_day
from portal.services.counters.visitors.rate_limit import RateLimiter

pytestmark = pytest.mark.service

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
PROXY = "10.9.8.7"
VIEW = "/api/views"
ITEMS = {
    "tin-1": Entry("Bài một", "/tin-tuc/2024/bai-mot/"),
    "tin-2": Entry("Bài hai", "/tin-tuc/2024/bai-hai/"),
    "news/don-vi/2024/bai-khong-id": Entry("Bài không có Id", "/tin-tuc/2024/bai-khong-id/"),
}
PAGES = {"page:/", "page:/tin-tuc/"}
# 10:00 on 1 May 2024 in Vietnam (UTC+7).
START = datetime(2024, 5, 1, 3, 0, tzinfo=UTC).timestamp()


class Clock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server (the Debian package) on a free loopback port, for this module."""
    executable = shutil.which("redis-server")
    assert executable, "run `make setup` (it installs redis-server)"
    port = free_port()
    server = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path_factory.mktemp("redis"))], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield url
    client.close()
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(params=["sqlite", "redis"])
def config(request: pytest.FixtureRequest, tmp_path: Path) -> CounterConfig:
    manifest = tmp_path / "counters.json"
    Manifest(dict(ITEMS), set(PAGES)).write(manifest)
    base = CounterConfig(manifest=manifest, database=tmp_path / "counters.sqlite3",
                         trusted_proxies=(PROXY,), clock=Clock())
    if request.param == "sqlite":
        return base
    url = request.getfixturevalue("redis_url")
    redis.Redis.from_url(url).flushall()
    return replace(base, backend="redis", redis_url=url)


@pytest.fixture
def clock(config: CounterConfig) -> Clock:
    assert isinstance(config.clock, Clock)
    return config.clock


@pytest.fixture
def client(config: CounterConfig) -> Iterator[TestClient]:
    with TestClient(create_app(config), client=("203.0.113.10", 50000)) as client:
        yield client


def view(client: TestClient, page: str, visitor: str = "A", address: str | None = None) -> dict:
    """Report a view as browser ``visitor`` (from ``address``, through the trusted proxy)."""
    headers = {"User-Agent": f"{BROWSER} {visitor}"}
    if address:
        headers["X-Forwarded-For"] = address
    response = client.post(VIEW, json={"page": page}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def stored_bytes(config: CounterConfig) -> bytes:
    """Everything the backend stores: the SQLite files, or every Redis key and value."""
    if config.backend == "sqlite":
        return b"".join(p.read_bytes() for p in config.database.parent.glob(f"{config.database.name}*"))
    store = redis.Redis.from_url(config.redis_url)
    parts = []
    for key in store.scan_iter():
        parts.append(key)
        kind = store.type(key)
        if kind == b"string":
            parts.append(store.get(key) or b"")
        elif kind == b"hash":
            parts += [b"%s=%s" % pair for pair in store.hgetall(key).items()]
        elif kind == b"zset":
            parts += [member for member, _ in store.zrange(key, 0, -1, withscores=True)]
        else:
            raise AssertionError(f"unexpected Redis type {kind!r}")
    store.close()
    return b"\n".join(parts)


def test_a_view_counts_once_per_visitor_and_page_in_30_minutes(client: TestClient,
                                                               clock: Clock) -> None:
    first = view(client, "tin-1")
    assert first["counted"] is True
    assert (first["site"], first["articles"], first["page"]) == (1, 1, 1)
    clock.advance(30 * 60 - 1)
    again = view(client, "tin-1")
    assert again["counted"] is False
    assert (again["site"], again["articles"], again["page"]) == (1, 1, 1)
    other = view(client, "tin-1", visitor="B")
    assert (other["counted"], other["site"], other["page"]) == (True, 2, 2)
    clock.advance(1)
    later = view(client, "tin-1")
    assert (later["counted"], later["site"], later["articles"], later["page"]) == (True, 3, 3, 3)


def test_visits_count_the_portal_once_and_article_views_only_items(client: TestClient) -> None:
    view(client, "page:/")
    view(client, "tin-1")
    counts = view(client, "news/don-vi/2024/bai-khong-id")
    assert (counts["site"], counts["articles"], counts["page"]) == (1, 2, 1)
    home = client.get("/api/counts", params={"page": "page:/"}).json()
    assert (home["counted"], home["site"], home["articles"], home["page"]) == (False, 1, 2, 1)


def test_online_is_distinct_visitors_of_the_last_5_minutes(client: TestClient,
                                                           clock: Clock) -> None:
    view(client, "tin-1", visitor="A")
    view(client, "tin-2", visitor="A")
    clock.advance(120)
    assert view(client, "tin-1", visitor="B")["online"] == 2
    clock.advance(181)
    assert client.get("/api/counts", params={"page": "tin-1"}).json()["online"] == 1
    clock.advance(120)
    assert client.get("/api/counts", params={"page": "tin-1"}).json()["online"] == 0


def test_rate_limit_per_address_per_minute(config: CounterConfig, clock: Clock) -> None:
    with TestClient(create_app(replace(config, rate_limit=3)), client=(PROXY, 1)) as client:
        for visitor in "ABC":
            view(client, "tin-1", visitor=visitor, address="198.51.100.1")
        refused = client.post(VIEW, json={"page": "tin-1"},
                              headers={"User-Agent": BROWSER, "X-Forwarded-For": "198.51.100.1"})
        assert refused.status_code == 429
        assert 0 < int(refused.headers["Retry-After"]) <= 61
        assert view(client, "tin-1", visitor="D", address="198.51.100.2")["counted"] is True
        clock.advance(60)
        assert view(client, "tin-1", visitor="E", address="198.51.100.1")["page"] == 5


def test_the_salt_rotates_at_midnight_and_the_old_one_is_forgotten(config: CounterConfig,
                                                                   client: TestClient,
                                                                   clock: Clock) -> None:
    clock.now = datetime(2024, 5, 1, 16, 50, tzinfo=UTC).timestamp()  # 23:50 in Vietnam
    assert view(client, "tin-1")["counted"] is True
    old_salt = asyncio.run(_salt(config, vietnam_day(clock.now)))
    assert old_salt in stored_bytes(config)
    clock.advance(10 * 60)  # 00:00 the next day: a new salt, so a new visitor hash
    assert view(client, "tin-1")["counted"] is True
    assert view(client, "tin-1")["counted"] is False
    assert old_salt not in stored_bytes(config)


async def _salt(config: CounterConfig, day: int) -> bytes:
    store = open_store(config)
    try:
        return await store.salt(day)
    finally:
        await store.close()


def test_no_address_or_user_agent_is_stored(config: CounterConfig) -> None:
    address, agent = "198.51.100.77", f"{BROWSER} KhachRiengTu-7391"
    with TestClient(create_app(config), client=(PROXY, 1)) as client:
        for page in ("tin-1", "tin-2", "page:/"):
            response = client.post(VIEW, json={"page": page},
                                   headers={"User-Agent": agent, "X-Forwarded-For": address})
            assert response.json()["counted"] is True
    stored = stored_bytes(config)
    assert b"tin-2" in stored  # the dump does hold what was counted
    for secret in (address, agent, "KhachRiengTu-7391", PROXY):
        assert secret.encode() not in stored


def test_bots_are_not_counted(client: TestClient) -> None:
    view(client, "tin-1")
    for agent in ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                  "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0 Safari/537.36",
                  "curl/8.5.0", ""):
        response = client.post(VIEW, json={"page": "tin-1"}, headers={"User-Agent": agent})
        counts = response.json()
        assert (counts["counted"], counts["site"], counts["page"], counts["online"]) == (False, 1, 1, 1)


def test_most_viewed_lists_items_with_titles_and_addresses(client: TestClient,
                                                           clock: Clock) -> None:
    assert view(client, "tin-2")["popular"] == [
        {"title": "Bài hai", "url": "/tin-tuc/2024/bai-hai/", "views": 1}]
    for visitor in "BC":
        view(client, "tin-2", visitor=visitor)
        view(client, "page:/", visitor=visitor)
    view(client, "tin-1")
    assert len(client.get("/api/popular").json()["popular"]) == 1  # reused within a second
    clock.advance(1)
    popular = client.get("/api/popular")
    assert popular.headers["Cache-Control"] == "public, max-age=60"
    assert popular.json()["popular"] == [
        {"title": "Bài hai", "url": "/tin-tuc/2024/bai-hai/", "views": 3},
        {"title": "Bài một", "url": "/tin-tuc/2024/bai-mot/", "views": 1},
    ]


def test_the_manifest_is_read_again_when_a_build_replaces_it(config: CounterConfig,
                                                            client: TestClient,
                                                            clock: Clock) -> None:
    assert client.post(VIEW, json={"page": "tin-3"}, headers={"User-Agent": BROWSER}).status_code == 404
    view(client, "tin-2")
    Manifest({"tin-1": ITEMS["tin-1"], "tin-3": Entry("Bài ba", "/tin-tuc/2024/bai-ba/")},
             set(PAGES)).write(config.manifest)
    assert view(client, "tin-3")["page"] == 1
    assert client.post(VIEW, json={"page": "tin-2"}, headers={"User-Agent": BROWSER}).status_code == 404
    clock.advance(1)
    assert [e["title"] for e in client.get("/api/popular").json()["popular"]] == ["Bài ba"]
    config.manifest.unlink()  # a build in progress: the last manifest read stays in use
    assert view(client, "tin-1")["page"] == 1


def test_seeds_raise_counts_and_never_lower_them(config: CounterConfig, client: TestClient) -> None:
    asyncio.run(seed_store(config, Seed(41_226_808, 3_120_554, {"tin-1": 25_341, "page:/": 7})))
    counts = view(client, "tin-1")
    assert (counts["site"], counts["articles"], counts["page"]) == (41_226_809, 3_120_555, 25_342)
    asyncio.run(seed_store(config, Seed(41_226_808, 3_120_554, {"tin-1": 25_341})))
    asyncio.run(seed_store(config, Seed(5, 5, {"tin-1": 5})))
    counts = client.get("/api/counts", params={"page": "tin-1"}).json()
    assert (counts["site"], counts["articles"], counts["page"]) == (41_226_809, 3_120_555, 25_342)
    assert client.get("/api/counts", params={"page": "page:/"}).json()["page"] == 7


MEGABYTE = b'{"page": "' + b"x" * (1 << 20) + b'"}'
JSON = {"Content-Type": "application/json", "User-Agent": BROWSER}


@pytest.mark.bad_input
@pytest.mark.parametrize(("method", "path", "body", "headers", "status"), [
    ("POST", VIEW, b'{"page": "tin-1"', JSON, 400),
    ("POST", VIEW, b"\xff\xfe", JSON, 400),
    ("POST", VIEW, b"[]", JSON, 400),
    ("POST", VIEW, b'{"page": 12}', JSON, 400),
    ("POST", VIEW, b'{"page": ""}', JSON, 400),
    ("POST", VIEW, b'{"page": "' + b"x" * 301 + b'"}', JSON, 400),
    ("POST", VIEW, MEGABYTE, JSON, 413),
    ("POST", VIEW, [MEGABYTE], JSON, 413),  # sent in chunks, with no length announced
    ("POST", VIEW, b'{"page": "tin-404"}', JSON, 404),
    ("POST", VIEW, b'{"page": "../x"}', JSON, 404),
    ("POST", VIEW, b'{"page": "page:/../../etc/passwd"}', JSON, 404),
    ("POST", VIEW, b'{"page": "tin-1"}', {"Content-Type": "text/plain", "User-Agent": BROWSER}, 415),
    ("GET", "/api/counts?page=..%2Fx", None, JSON, 404),
    ("GET", "/api/counts", None, JSON, 400),
    ("GET", VIEW, None, JSON, 405),
    ("PUT", VIEW, b'{"page": "tin-1"}', JSON, 405),
    ("DELETE", "/api/counts?page=tin-1", None, JSON, 405),
    ("POST", "/api/popular", b"{}", JSON, 405),
    ("GET", "/api/../etc/passwd", None, JSON, 404),
    ("POST", VIEW, b'{"page": "tin-1"}', {**JSON, "X-Forwarded-For": "198.51.100.9"}, 400),
], ids=["truncated-json", "not-utf8", "not-an-object", "id-not-text", "empty-id", "long-id",
        "megabyte", "megabyte-chunked", "unknown-id", "path-like-id", "path-like-page-id",
        "not-json", "path-like-query", "no-id", "get-views", "put-views", "delete-counts",
        "post-popular", "path-outside-api", "forged-forwarded-for"])
def test_bad_input_gets_a_4xx_and_the_service_keeps_serving(
        client: TestClient, method: str, path: str, body: object, headers: dict[str, str],
        status: int) -> None:
    response = client.request(method, path, content=body, headers=headers)
    assert response.status_code == status, response.text
    assert response.json()["error"]
    assert view(client, "tin-1")["counted"] is True


@pytest.mark.bad_input
def test_forwarded_for_from_a_trusted_proxy_must_be_addresses(config: CounterConfig) -> None:
    with TestClient(create_app(config), client=(PROXY, 1)) as client:
        for forged in ("not-an-address", "198.51.100.1, <script>", ""):
            response = client.post(VIEW, json={"page": "tin-1"},
                                   headers={"User-Agent": BROWSER, "X-Forwarded-For": forged})
            assert response.status_code == 400, forged
        assert view(client, "tin-1", address="198.51.100.1")["counted"] is True


def test_cors_only_for_the_configured_origin(config: CounterConfig) -> None:
    preflight = {"Origin": "https://cong.example.vn", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    with TestClient(create_app(config)) as client:
        assert client.options(VIEW, headers=preflight).status_code == 405
        answer = client.get("/api/popular", headers={"Origin": "https://cong.example.vn"})
        assert "access-control-allow-origin" not in answer.headers
    with TestClient(create_app(replace(config, origin="https://cong.example.vn"))) as client:
        allowed = client.options(VIEW, headers=preflight)
        assert allowed.headers["access-control-allow-origin"] == "https://cong.example.vn"
        other = client.options(VIEW, headers={**preflight, "Origin": "https://khac.example.com"})
        assert other.status_code == 400


@pytest.mark.bad_input
def test_a_storage_failure_answers_503_and_the_service_keeps_running(tmp_path: Path) -> None:
    manifest = tmp_path / "counters.json"
    Manifest(dict(ITEMS), set(PAGES)).write(manifest)
    config = CounterConfig(manifest=manifest, backend="redis",
                           redis_url=f"redis://127.0.0.1:{free_port()}/0")
    with TestClient(create_app(config)) as client:
        for _ in range(2):
            response = client.post(VIEW, json={"page": "tin-1"}, headers={"User-Agent": BROWSER})
            assert response.status_code == 503
            assert response.json() == {"error": "unavailable"}


def test_client_address_is_the_rightmost_untrusted_hop() -> None:
    addresses = ClientAddress(["10.0.0.0/8", "127.0.0.1"])
    assert addresses.resolve("203.0.113.5", []) == "203.0.113.5"
    assert addresses.resolve("127.0.0.1", ["203.0.113.5"]) == "203.0.113.5"
    # The client wrote the leftmost hop itself; the proxies appended the real one.
    assert addresses.resolve("10.1.1.1", ["1.1.1.1, 203.0.113.5", "10.2.2.2"]) == "203.0.113.5"
    assert addresses.resolve("10.1.1.1", ["10.3.3.3, 10.2.2.2"]) == "10.3.3.3"
    with pytest.raises(ForgedForwarding):
        addresses.resolve("203.0.113.5", ["10.2.2.2"])


def test_rate_limiter_counts_each_address_in_fixed_memory() -> None:
    limiter = RateLimiter(limit=120, window=60)
    assert all(limiter.allow("198.51.100.1", 0) for _ in range(120))
    assert not limiter.allow("198.51.100.1", 1)
    assert all(limiter.allow(f"10.0.{n // 256}.{n % 256}", 1) for n in range(20_000))
    assert limiter.allow("198.51.100.1", 60)


def test_views_reported_together_share_a_commit_and_each_counts_once(tmp_path: Path) -> None:
    async def report() -> list[Counts]:
        store = open_store(CounterConfig(database=tmp_path / "counters.sqlite3"))
        try:
            same, other = b"v" * 16, b"w" * 16
            return list(await asyncio.gather(
                store.record("tin-1", same, START), store.record("tin-1", same, START),
                store.record("tin-1", other, START), store.record("page:/", same, START)))
        finally:
            await store.close()

    answers = asyncio.run(report())
    assert [a.counted for a in answers] == [True, False, True, True]
    # Every answer shows the counts once the whole group is committed.
    assert {(a.site, a.articles, a.online) for a in answers} == {(2, 2, 2)}
    assert [a.page for a in answers] == [2, 2, 2, 1]


def test_the_log_is_copied_into_the_database_file_while_the_service_runs(tmp_path: Path) -> None:
    database = tmp_path / "counters.sqlite3"

    async def report_then_wait() -> None:
        store = open_store(CounterConfig(database=database))
        try:
            await asyncio.gather(*(store.record("tin-1", bytes([n]) * 16, START) for n in range(50)))
            await asyncio.sleep(1)
            alone = tmp_path / "alone.sqlite3"  # the database file without its log
            alone.write_bytes(database.read_bytes())
            with closing(sqlite3.connect(alone)) as copy:
                assert copy.execute("SELECT count FROM views WHERE page = 'tin-1'").fetchone() == (50,)
        finally:
            await store.close()

    asyncio.run(report_then_wait())
