"""Sitemap (every published page) and robots.txt pointing to it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pelican import signals

SITEMAP = "sitemap.xml"
NOT_LISTED = ("offline/index.html",)  # the offline page, shown by the service worker only


class SitemapCollector:
    """Remembers every HTML page written, then writes the sitemap once at the end."""

    def __init__(self) -> None:
        self.pages: list[str] = []

    def on_written(self, path: str, context: Any) -> None:
        if path.endswith(".html") and not path.endswith(NOT_LISTED):
            self.pages.append(path)

    def on_finalized(self, pelican: Any) -> None:
        root = pelican.settings["PORTAL_PUBLIC_URL"].rstrip("/")
        output = Path(pelican.output_path)
        folder = os.path.join(os.path.abspath(output), "")  # how Pelican joins the paths it writes
        urls = []
        for page in sorted(set(self.pages)):
            relative = (page.removeprefix(folder) if page.startswith(folder)
                        else os.path.relpath(page, folder)).replace(os.sep, "/")
            location = relative[: -len("index.html")] if relative.endswith("index.html") \
                else relative
            urls.append(f"  <url><loc>{escape(root + '/' + location)}</loc></url>")
        body = "\n".join(urls)
        (output / SITEMAP).write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{body}\n</urlset>\n", encoding="utf-8")
        (output / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\nSitemap: {root}/{SITEMAP}\n", encoding="utf-8")
        self.pages.clear()


_collector = SitemapCollector()


def register() -> None:
    signals.content_written.connect(_collector.on_written)
    signals.finalized.connect(_collector.on_finalized)
