"""Legacy redirects plugin: old addresses keep working. For each published item whose
``Legacy_url`` lies under the portal's own domain, the build writes a small redirect page at that
path, and ``legacy-redirects.map`` for nginx (which also covers addresses with a query string,
``/index.php?nv=news&op=...``, that no static file can answer)."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from pelican import signals

MAP_FILE = "legacy-redirects.map"
PAGE_SUFFIXES = ("", ".html", ".htm")
SCRIPT_SUFFIXES = (".php", ".asp", ".aspx", ".jsp", ".cfm", ".cgi")
MAP_HEADER = """\
# Old addresses of imported items -> their addresses on the portal (written by the build).
# In nginx's http block:    map $request_uri $portal_legacy_target { include legacy-redirects.map; }
# and in the server block:  if ($portal_legacy_target) { return 301 $portal_legacy_target; }
"""
PAGE = """\
<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{canonical}">
</head>
<body>
<p>Bài viết đã chuyển đến địa chỉ mới: <a href="{target}">{title}</a>.</p>
</body>
</html>
"""
logger = logging.getLogger(__name__)


def _host(address: str) -> str:
    return (urlsplit(address).hostname or "").removeprefix("www.")


def legacy_path(legacy_url: str, portal_url: str) -> str | None:
    """The path and query of ``legacy_url`` when it is on the portal's own domain."""
    parts = urlsplit(legacy_url)
    if parts.netloc and _host(legacy_url) != _host(portal_url):
        return None
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def page_file(path: str) -> str | None:
    """Where a static redirect page answers ``path``; None when only the server's map can
    (a query string, a script's address) or when the path is not a plain one."""
    if "?" in path:
        return None
    posix = PurePosixPath(unquote(path))
    if any(part in ("..", ".") or PurePosixPath(part).suffix.lower() in SCRIPT_SUFFIXES
           for part in posix.parts) or "\\" in path:
        return None
    if path.endswith("/"):
        return f"{posix.as_posix().strip('/')}/index.html".lstrip("/")
    if posix.suffix.lower() not in PAGE_SUFFIXES:
        return None
    relative = posix.as_posix().lstrip("/")
    return relative if posix.suffix else f"{relative}/index.html"


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class RedirectCollector:
    """Remembers the published items of the build, then writes the redirects at its end."""

    def __init__(self) -> None:
        self.articles: list[Any] = []

    def on_articles(self, generator: Any) -> None:
        self.articles = list(generator.articles)

    def on_finalized(self, pelican: Any) -> None:
        portal_url = pelican.settings["PORTAL_PUBLIC_URL"].rstrip("/")
        output = Path(pelican.output_path)
        redirects: dict[str, Any] = {}
        for article in sorted(self.articles, key=lambda a: (a.date, a.source_path)):
            legacy = article.metadata.get("legacy_url")
            path = legacy_path(legacy, portal_url) if legacy else None
            if path and path != f"/{article.url}":
                redirects.setdefault(path, article)
        lines = [MAP_HEADER]
        for path, article in sorted(redirects.items()):
            target = f"/{article.url}"
            lines.append(f"{_quoted(path)} {_quoted(target)};\n")
            relative = page_file(path)
            file = output / relative if relative else None
            if file is None:
                continue
            if file.exists():
                logger.warning("legacy_redirects: %s is a page of the portal; not replaced", path)
                continue
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(PAGE.format(title=escape(article.title), target=escape(target),
                                        canonical=escape(portal_url + target)), encoding="utf-8")
        (output / MAP_FILE).write_text("".join(lines), encoding="utf-8")
        self.articles = []


_collector = RedirectCollector()


def register() -> None:
    signals.article_generator_finalized.connect(_collector.on_articles)
    signals.finalized.connect(_collector.on_finalized)
