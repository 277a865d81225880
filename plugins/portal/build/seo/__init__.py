"""Sitemap (every published page) and robots.txt pointing to it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pelican import signals

from portal.build.run import run_of

SITEMAP = "sitemap.xml"
NOT_LISTED = ("offline/index.html",)  # the offline page, shown by the service worker only


@dataclass
class SitemapPages:
    """The HTML pages this build wrote, as Pelican names them."""

    paths: list[str] = field(default_factory=list)


def sitemap(pages: list[str], output: str, root: str) -> str:
    """The sitemap of ``pages``, written under the folder ``output``, at the address ``root``."""
    folder = os.path.join(os.path.abspath(output), "")  # how Pelican joins the paths it writes
    urls = []
    for page in sorted(set(pages)):
        relative = (page.removeprefix(folder) if page.startswith(folder)
                    else os.path.relpath(page, folder)).replace(os.sep, "/")
        location = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        urls.append(f"  <url><loc>{escape(root + '/' + location)}</loc></url>")
    body = "\n".join(urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{body}\n</urlset>\n")


def robots(root: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {root}/{SITEMAP}\n"


def on_written(path: str, context: Any) -> None:
    if path.endswith(".html") and not path.endswith(NOT_LISTED):
        run_of(context).part(SitemapPages).paths.append(path)


def on_finalized(pelican: Any) -> None:
    root = pelican.settings["PORTAL_PUBLIC_URL"].rstrip("/")
    output = Path(pelican.output_path)
    pages = run_of(pelican.settings).part(SitemapPages).paths
    (output / SITEMAP).write_text(sitemap(pages, pelican.output_path, root), encoding="utf-8")
    (output / "robots.txt").write_text(robots(root), encoding="utf-8")


def register() -> None:
    signals.content_written.connect(on_written)
    signals.finalized.connect(on_finalized)
