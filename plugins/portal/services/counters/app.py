"""The counter service's HTTP API, under /api/ on the portal's own origin:

- ``POST /api/views`` with ``{"page": "<id>"}``: report a view; answers the counts;
- ``GET /api/counts?page=<id>``: the counts, counting nothing;
- ``GET /api/popular``: the most viewed items ("Xem nhiều nhất");
- ``POST /api/feedback``: a reader's feedback form on an item (``feedback.py``).

The counts are ``{"counted", "site", "online", "articles", "page", "popular": [{"title", "url",
"views"}]}``. Only page ids in the build's manifest are accepted; anything else gets a 4xx."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from portal.build.counters_manifest.manifest import Manifest
from portal.services.counters.backends import STORAGE_ERRORS, open_store
from portal.services.counters.config import (
    MAX_BODY_BYTES,
    MAX_PAGE_ID_LENGTH,
    POPULAR_SECONDS,
    POPULAR_SIZE,
    RATE_WINDOW_SECONDS,
    CounterConfig,
)
from portal.services.counters.feedback import (
    FEEDBACK_WINDOW_SECONDS,
    MAX_FORM_BYTES,
    MAX_MESSAGE_CHARS,
    MAX_NAME_CHARS,
    FeedbackRefused,
    check,
    parse_form,
)
from portal.services.counters.feedback_pages import refused, sent
from portal.services.counters.manifest import ManifestWatcher
from portal.services.counters.messages import label
from portal.services.counters.store import CounterStore, Counts
from portal.services.counters.visitors.bots import is_bot
from portal.services.counters.visitors.client_ip import ClientAddress, ForgedForwarding
from portal.services.counters.visitors.hashing import VisitorHasher
from portal.services.counters.visitors.rate_limit import RateLimiter

log = logging.getLogger(__name__)
NO_STORE = {"Cache-Control": "no-store"}


@contextmanager
def storage_errors() -> Iterator[None]:
    """A storage failure is a 503: the pages then hide their counters."""
    try:
        yield
    except STORAGE_ERRORS as error:
        log.error("counter storage failed: %s", error)
        raise HTTPException(503, "unavailable", headers=NO_STORE) from error


class CounterService:
    def __init__(self, config: CounterConfig) -> None:
        self.config = config
        self.manifest = ManifestWatcher(config.manifest)
        self.addresses = ClientAddress(config.trusted_proxies)
        self.limiter = RateLimiter(config.rate_limit, RATE_WINDOW_SECONDS)
        self.feedback_limiter = RateLimiter(config.feedback_limit, FEEDBACK_WINDOW_SECONDS)
        self._hasher: VisitorHasher | None = None
        self._popular_cache: tuple[float, list[dict[str, object]]] = (-POPULAR_SECONDS, [])

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self._hasher = VisitorHasher(open_store(self.config))
        try:
            yield
        finally:
            await self._hasher.store.close()

    @property
    def hasher(self) -> VisitorHasher:
        if self._hasher is None:
            raise RuntimeError("the counter service has not started")
        return self._hasher

    @property
    def store(self) -> CounterStore:
        return self.hasher.store

    def _address(self, request: Request) -> str:
        peer = request.client.host if request.client else ""
        try:
            return self.addresses.resolve(peer, request.headers.getlist("x-forwarded-for"))
        except ForgedForwarding as error:
            raise HTTPException(400, "forged_forwarded_for") from error

    def _client(self, request: Request, now: float) -> str:
        """The client's address, once it passed the rate limit."""
        address = self._address(request)
        if not self.limiter.allow(address, now):
            retry = int(RATE_WINDOW_SECONDS - now % RATE_WINDOW_SECONDS) + 1
            raise HTTPException(429, "rate_limited", headers={"Retry-After": str(retry)})
        return address

    def _page(self, value: object) -> str:
        if not isinstance(value, str) or not 0 < len(value) <= MAX_PAGE_ID_LENGTH:
            raise HTTPException(400, "bad_page")
        if value not in self.manifest.current():
            raise HTTPException(404, "unknown_page")
        return value

    async def _json_body(self, request: Request) -> Any:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            raise HTTPException(415, "json_expected")
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            raise HTTPException(413, "body_too_large")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise HTTPException(413, "body_too_large")
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            raise HTTPException(400, "bad_json") from error

    async def _popular(self, now: float) -> list[dict[str, object]]:
        """The most viewed items still in the manifest (an item taken off the portal keeps its
        views but leaves the list); the same for every answer within POPULAR_SECONDS."""
        made, popular = self._popular_cache
        if now - made < POPULAR_SECONDS:
            return popular
        manifest = self.manifest.current()
        with storage_errors():
            ranked = await self.store.popular(POPULAR_SIZE * 4)
        entries = [(manifest.items[page], views) for page, views in ranked if page in manifest.items]
        popular = [{"title": entry.title, "url": entry.url, "views": views}
                   for entry, views in entries[:POPULAR_SIZE]]
        self._popular_cache = (now, popular)
        return popular

    async def _answer(self, counts: Counts, now: float) -> Response:
        return JSONResponse({"counted": counts.counted, "site": counts.site,
                             "online": counts.online, "articles": counts.articles,
                             "page": counts.page, "popular": await self._popular(now)},
                            headers=NO_STORE)

    async def views(self, request: Request) -> Response:
        now = self.config.clock()
        address = self._client(request, now)
        body = await self._json_body(request)
        page = self._page(body.get("page") if isinstance(body, dict) else None)
        user_agent = request.headers.get("user-agent", "")
        with storage_errors():
            if is_bot(user_agent):
                counts = await self.store.read(page, now)
            else:
                visitor = await self.hasher.visitor(address, user_agent, now)
                counts = await self.store.record(page, visitor, now)
        return await self._answer(counts, now)

    async def counts(self, request: Request) -> Response:
        now = self.config.clock()
        self._client(request, now)
        page = self._page(request.query_params.get("page"))
        with storage_errors():
            counts = await self.store.read(page, now)
        return await self._answer(counts, now)

    async def popular(self, request: Request) -> Response:
        now = self.config.clock()
        self._client(request, now)
        return JSONResponse({"popular": await self._popular(now)},
                            headers={"Cache-Control": "public, max-age=60"})

    async def _form_body(self, request: Request) -> bytes:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/x-www-form-urlencoded":
            raise FeedbackRefused("bad_encoding", 415)
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_FORM_BYTES:
            raise FeedbackRefused("too_large", 413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM_BYTES:
                raise FeedbackRefused("too_large", 413)
        return body

    async def feedback(self, request: Request) -> Response:
        """A reader's feedback: stored once, answered for the script or for the browser."""
        now = self.config.clock()
        manifest = self.manifest.current()
        form: dict[str, str] = {}
        try:
            if not self.feedback_limiter.allow(self._address(request), now):
                window = FEEDBACK_WINDOW_SECONDS
                retry = int(window - now % window) + 1
                raise FeedbackRefused("rate_limited", 429, retry_after=retry)
            form = parse_form(await self._form_body(request))
            entry = check(form, manifest, now)
            with storage_errors():
                stored = await self.store.add_feedback(entry)
        except FeedbackRefused as refusal:
            return self._refusal(request, refusal, form, manifest)
        except HTTPException as error:
            if error.status_code != 503:
                raise
            return self._refusal(request, FeedbackRefused("unavailable", 503), form, manifest)
        status = "received" if stored else "duplicate"
        return sent(request, 201 if stored else 200,
                    {"status": status, "message": label(f"feedback_{status}")}, entry.url)

    def _refusal(self, request: Request, refusal: FeedbackRefused, form: dict[str, str],
                 manifest: Manifest) -> Response:
        minutes = -(-(refusal.retry_after or 0) // 60)
        message = label(f"feedback_{refusal.code}", limit=MAX_MESSAGE_CHARS
                        if refusal.field == "message" else MAX_NAME_CHARS, minutes=minutes)
        headers = {"Retry-After": str(refusal.retry_after)} if refusal.retry_after else None
        known = manifest.items.get(form.get("page", ""))
        return refused(request, refusal.status,
                       {"error": refusal.code, "field": refusal.field, "message": message},
                       form, known.url if known else None, headers)


async def http_error(request: Request, error: HTTPException) -> Response:
    return JSONResponse({"error": error.detail}, error.status_code, headers=error.headers)


def create_app(config: CounterConfig) -> Starlette:
    service = CounterService(config)
    middleware = []
    if config.origin:
        middleware.append(Middleware(CORSMiddleware, allow_origins=[config.origin],
                                     allow_methods=["GET", "POST"], allow_headers=["Content-Type"],
                                     max_age=86400))
    routes = [Route("/api/views", service.views, methods=["POST"]),
              Route("/api/counts", service.counts, methods=["GET"]),
              Route("/api/popular", service.popular, methods=["GET"]),
              Route("/api/feedback", service.feedback, methods=["POST"])]
    return Starlette(routes=routes, middleware=middleware, lifespan=service.lifespan,
                     exception_handlers={HTTPException: http_error})
