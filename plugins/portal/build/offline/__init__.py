"""The portal as an installable web app that keeps what a reader opened for offline reading.

The build writes the web app manifest (``manifest.webmanifest``: the portal's name and owner
from the settings, the theme's colours, the icons), the icons (drawn with Pillow after the
emblem: a yellow star on red), the offline page (``offline/``) and, last, the service worker at
the site's root (``sw.js``, so that its scope is the whole site). The service worker lists the
shell (the theme's files, the manifest, the icons and the offline page) and carries a cache
version: a hash of those files' SHA-256 digests, as the build manifest records them, so that a
publish that changes any of them installs a new worker, which deletes the old shell cache."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pelican import signals
from PIL import Image, ImageDraw

from portal.common.listing import Crumb, ListingGenerator

OFFLINE_URL = "offline/"
OFFLINE_TITLE = "Bạn đang ngoại tuyến"
MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
ICONS = {"theme/img/icon-192.png": (192, False), "theme/img/icon-512.png": (512, False),
         "theme/img/icon-maskable-512.png": (512, True)}
THEME_COLOUR = "#a50e0e"  # --c-brand of portal.css
BACKGROUND = "#ffffff"  # --c-bg
EMBLEM_RED, EMBLEM_YELLOW = (200, 16, 46), (255, 226, 122)  # the emblem's colours
SAVED_PAGES = 50  # pages a reader opened that the worker keeps, the least recently opened go
SAVED_MEDIA = 150  # pictures of those pages
_TEMPLATE = Path(__file__).with_name("sw.template.js")
_STAR = ((32, 10), (37.2, 25.9), (53.9, 25.9), (40.4, 35.8), (45.6, 51.7), (32, 41.8), (18.4, 51.7),
         (23.6, 35.8), (10.1, 25.9), (26.8, 25.9))  # the emblem's star, on its 64 × 64 grid


def icon(size: int, maskable: bool) -> Image.Image:
    """The emblem at ``size`` px: drawn four times larger, then reduced (smooth edges). A
    maskable icon fills its square and keeps the star inside the central safe circle."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    scale = big / 64
    if maskable:
        draw.rectangle((0, 0, big, big), fill=EMBLEM_RED)
        scale *= 0.7
    else:
        draw.ellipse((scale, scale, big - scale, big - scale), fill=EMBLEM_RED,
                     outline=EMBLEM_YELLOW, width=round(2 * scale))
    offset = (big - 64 * scale) / 2
    draw.polygon([(offset + x * scale, offset + y * scale) for x, y in _STAR], fill=EMBLEM_YELLOW)
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    return small.quantize(64, method=Image.Quantize.FASTOCTREE)  # a few colours: a small file


def web_manifest(settings: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": f"{settings['SITENAME']} — {settings['PORTAL_OWNER']}",
        "short_name": settings["SITE_SHORT_NAME"],
        "description": settings["PORTAL_DESCRIPTION"],
        "lang": "vi", "dir": "ltr", "start_url": "/", "scope": "/", "id": "/",
        "display": "standalone", "theme_color": THEME_COLOUR, "background_color": BACKGROUND,
        "icons": [{"src": f"/{path}", "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": "maskable" if maskable else "any"}
                  for path, (size, maskable) in ICONS.items()],
    }


def shell_files(output: Path) -> list[str]:
    """The site's paths (with "/") of the shell: what every page needs, and the offline page."""
    theme = sorted(path.relative_to(output).as_posix() for path in (output / "theme").rglob("*")
                   if path.is_file() and path.suffix in (".css", ".js", ".svg", ".png"))
    return [*theme, MANIFEST, f"{OFFLINE_URL}index.html"]


def cache_version(output: Path, files: list[str]) -> str:
    """A hash of the shell files' SHA-256 digests (those of the build manifest)."""
    digest = hashlib.sha256()
    for relative in files:
        file_digest = hashlib.sha256((output / relative).read_bytes()).hexdigest()
        digest.update(f"{relative}\0{file_digest}\n".encode())
    return digest.hexdigest()[:16]


def worker(output: Path) -> str:
    files = shell_files(output)
    urls = ["/" + (path.removesuffix("index.html")) for path in files]
    values = {"VERSION": cache_version(output, files), "SHELL": urls, "OFFLINE": "/" + OFFLINE_URL,
              "SAVED_PAGES": SAVED_PAGES, "SAVED_MEDIA": SAVED_MEDIA}
    text = _TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"__{key}__", json.dumps(value, ensure_ascii=False))
    return text


class OfflinePageGenerator(ListingGenerator):
    def generate_output(self, writer: Any) -> None:
        self.write_page(writer, OFFLINE_URL, "offline", page_title=OFFLINE_TITLE,
                        crumbs=[Crumb(OFFLINE_TITLE)])


def get_generators(pelican: Any) -> type[OfflinePageGenerator]:
    return OfflinePageGenerator


def on_finalized(pelican: Any) -> None:
    output = Path(pelican.output_path)
    for path, (size, maskable) in ICONS.items():
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        icon(size, maskable).save(output / path, "PNG", optimize=True)
    text = json.dumps(web_manifest(pelican.settings), ensure_ascii=False, indent=1) + "\n"
    (output / MANIFEST).write_text(text, encoding="utf-8")
    (output / WORKER).write_text(worker(output), encoding="utf-8")


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(on_finalized)
