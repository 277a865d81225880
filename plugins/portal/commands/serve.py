"""``portal serve``: the built portal over HTTP, for preview on this machine, with the counter
service beside it: requests under /api/ are passed on to it, as the portal's web server does in
production (README, "Visitor counters"). Like the production server (deploy/nginx/), it sends
the security headers with every answer, lists no folder and serves no hidden file."""

from __future__ import annotations

import http.client
import os
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from portal.build.counters_manifest.manifest import MANIFEST_FILE
from portal.common.messages import label
from portal.services.counters.config import CounterConfig
from portal.services.counters.messages import label as counters_label
from portal.services.counters.server import bind, counter_server, stop_on_signals, storage

LOOPBACK = "127.0.0.1"
API_PREFIX = "/api/"
API_TIMEOUT_SECONDS = 5
MAX_API_BODY = 64 * 1024
PASSED_HEADERS = ("Content-Type", "User-Agent", "Accept")
RETURNED_HEADERS = ("Content-Type", "Cache-Control", "Retry-After", "Location")
# What every answer of the portal carries, here and from deploy/nginx/security-headers.conf
# (tests/test_nginx.py checks they are the same): scripts, styles, pictures and requests from
# the portal itself only, no inline code, no framing by another site, no guessing of types.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; "
                           "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; "
                           "worker-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
                           "form-action 'self'; object-src 'none'")
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)


class PortalServer(ThreadingHTTPServer):
    api: tuple[str, int] | None = None  # the counter service's address, when it runs beside


class PortalRequestHandler(SimpleHTTPRequestHandler):
    server: PortalServer
    protocol_version = "HTTP/1.1"  # connections kept open: a page's files come over one or two
    disable_nagle_algorithm = True  # else a kept connection waits for an ACK between header and body
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
                      ".json": "application/json", ".xml": "application/xml",
                      ".js": "text/javascript", ".svg": "image/svg+xml", ".css": "text/css",
                      ".webmanifest": "application/manifest+json", ".gz": "application/gzip"}

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a preview server need not print every request."""

    def end_headers(self) -> None:
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]  # SimpleHTTPRequestHandler's own
        """The file asked for; 404 for a hidden file or folder (the build's manifest, .git)
        and for a folder without index.html, which is never listed."""
        path = unquote(urlsplit(self.path).path)
        if any(part.startswith(".") for part in path.split("/")):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        local = self.translate_path(self.path)
        if os.path.isdir(local) and not os.path.isfile(os.path.join(local, "index.html")):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return super().send_head()

    def _api(self) -> tuple[str, int] | None:
        """The counter service's address when this request is for it."""
        return self.server.api if self.path.startswith(API_PREFIX) else None

    def do_GET(self) -> None:
        if api := self._api():
            self._pass_to(api)
        else:
            super().do_GET()

    def do_POST(self) -> None:
        if api := self._api():
            self._pass_to(api)
        else:
            self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    def _pass_to(self, api: tuple[str, int]) -> None:
        length = self.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_API_BODY:
            self.send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return
        body = self.rfile.read(int(length))
        headers = {name: self.headers[name] for name in PASSED_HEADERS if name in self.headers}
        headers["X-Forwarded-For"] = self.client_address[0]
        connection = http.client.HTTPConnection(*api, timeout=API_TIMEOUT_SECONDS)
        try:
            connection.request(self.command, self.path, body or None, headers)
            answer = connection.getresponse()
            data = answer.read()
        except OSError:
            self.send_error(HTTPStatus.BAD_GATEWAY)
            return
        finally:
            connection.close()
        self.send_response(answer.status)
        for name in RETURNED_HEADERS:
            if value := answer.getheader(name):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def make_server(root: Path, host: str, port: int, api: tuple[str, int] | None = None,
                handler: type[PortalRequestHandler] = PortalRequestHandler) -> PortalServer:
    """The preview server of ``root``; with ``api``, it passes /api/ on to that address."""
    server = PortalServer((host, port), partial(handler, directory=str(root)))
    server.api = api
    return server


def serve(root: Path, host: str, port: int, database: Path,
          handler: type[PortalRequestHandler] = PortalRequestHandler) -> int:
    """Serve ``root`` and run the counter service (SQLite at ``database``) beside it."""
    if not root.is_dir():
        print(label("no_output", root=root))
        return 1
    config = CounterConfig(manifest=root / MANIFEST_FILE, database=database,
                           trusted_proxies=(LOOPBACK,))
    counters = counter_server(config, LOOPBACK, 0)
    stop_on_signals(counters)
    listening = bind(counters)
    server = make_server(root, host, port, listening.getsockname()[:2], handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(label("serving", root=root, host=host, port=server.server_address[1]))
    print(counters_label("counting_alongside", store=storage(config)), flush=True)
    try:
        counters.run(sockets=[listening])
    finally:
        server.shutdown()
        server.server_close()
    return 0
