"""``portal serve``: the built portal over HTTP, for preview on this machine."""

from __future__ import annotations

from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from portal_common.messages import label


class PortalRequestHandler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
                      ".json": "application/json", ".xml": "application/xml",
                      ".js": "text/javascript", ".svg": "image/svg+xml"}

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a preview server need not print every request."""


def make_server(root: Path, host: str, port: int) -> ThreadingHTTPServer:
    handler = partial(PortalRequestHandler, directory=str(root))
    return ThreadingHTTPServer((host, port), handler)


def serve(root: Path, host: str, port: int) -> int:
    if not root.is_dir():
        print(label("no_output", root=root))
        return 1
    server = make_server(root, host, port)
    print(label("serving", root=root, host=host, port=server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
