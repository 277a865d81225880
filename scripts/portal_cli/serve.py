"""``portal serve``: the built portal over HTTP, for preview on this machine, with the counter
service beside it: requests under /api/ are passed on to it, as the portal's web server does in
production (README, "Visitor counters")."""

from __future__ import annotations

import http.client
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from counters_manifest.manifest import MANIFEST_FILE
from portal_common.messages import label
from portal_counters.config import CounterConfig
from portal_counters.messages import label as counters_label
from portal_counters.server import bind, counter_server, stop_on_signals, storage

LOOPBACK = "127.0.0.1"
API_PREFIX = "/api/"
API_TIMEOUT_SECONDS = 5
MAX_API_BODY = 64 * 1024
PASSED_HEADERS = ("Content-Type", "User-Agent")
RETURNED_HEADERS = ("Content-Type", "Cache-Control", "Retry-After")


class PortalServer(ThreadingHTTPServer):
    api: tuple[str, int] | None = None  # the counter service's address, when it runs beside


class PortalRequestHandler(SimpleHTTPRequestHandler):
    server: PortalServer
    protocol_version = "HTTP/1.1"  # connections kept open: a page's files come over one or two
    disable_nagle_algorithm = True  # else a kept connection waits for an ACK between header and body
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
                      ".json": "application/json", ".xml": "application/xml",
                      ".js": "text/javascript", ".svg": "image/svg+xml"}

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a preview server need not print every request."""

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
