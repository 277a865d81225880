"""Legacy redirects plugin: old addresses keep working. For each published item whose
``Legacy_url`` lies under the portal's own domain, the build writes a small redirect page at that
path, and ``legacy-redirects.map`` for nginx (which also covers addresses with a query string,
``/index.php?nv=news&op=...``, that no static file can answer)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from pelican import signals

from portal.build.run import run_of

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


@dataclass
class PublishedItems:
    """The items this build publishes, once every one is read."""

    articles: list[Any] = field(default_factory=list)


def redirects(articles: list[Any], portal_url: str) -> dict[str, Any]:
    """Each old address on the portal's own domain and its item (the oldest, of several)."""
    found: dict[str, Any] = {}
    for article in sorted(articles, key=lambda a: (a.date, a.source_path)):
        legacy = article.metadata.get("legacy_url")
        path = legacy_path(legacy, portal_url) if legacy else None
        if path and path != f"/{article.url}":
            found.setdefault(path, article)
    return dict(sorted(found.items()))


def nginx_map(found: dict[str, Any]) -> str:
    return MAP_HEADER + "".join(f"{_quoted(path)} {_quoted(f'/{article.url}')};\n"
                                for path, article in found.items())


def on_articles(generator: Any) -> None:
    run_of(generator.settings).part(PublishedItems).articles = list(generator.articles)


def on_finalized(pelican: Any) -> None:
    portal_url = pelican.settings["PORTAL_PUBLIC_URL"].rstrip("/")
    output = Path(pelican.output_path)
    found = redirects(run_of(pelican.settings).part(PublishedItems).articles, portal_url)
    for path, article in found.items():
        relative = page_file(path)
        if relative is None:
            continue
        file = output / relative
        if file.exists():
            logger.warning("legacy_redirects: %s is a page of the portal; not replaced", path)
            continue
        target = f"/{article.url}"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(PAGE.format(title=escape(article.title), target=escape(target),
                                    canonical=escape(portal_url + target)), encoding="utf-8")
    (output / MAP_FILE).write_text(nginx_map(found), encoding="utf-8")


def register() -> None:
    signals.article_generator_finalized.connect(on_articles)
    signals.finalized.connect(on_finalized)
