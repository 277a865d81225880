"""``portal build --production``: the build with publishconf.py (the public address), then every
text file minified, the shared assets written beside themselves as .gz and .br, and a build
report.

HTML is minified by minify-html, keeping closing tags and the html/head/body tags so that the
pages stay valid HTML; CSS and JS by minify-html too (inside a <style>/<script> wrapper); JSON is
compacted when that makes it shorter (the search index is already compact and is left as it is).
Only the shared assets (``PRECOMPRESSED``: the theme's styles and scripts, the service worker),
which every page loads, get compressed copies, and only from ``COMPRESS_MIN_BYTES`` up; pages and
feeds are many, and the web server compresses them as it sends them (docs/publishing.md): a
portal of 29 items is a few hundred files to upload, not a thousand. gzip runs at level 9 with no
time stamp and brotli at quality 11, both reproducible: the same build gives the same bytes."""

from __future__ import annotations

import gzip
import json
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import brotli
import minify_html

from portal.commands.build import build, site_path
from portal.commands.stages import StageClock
from portal.common.progress import Progress
from portal.publish.messages import say

COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".map", ".webmanifest")
COMPRESS_MIN_BYTES = 1024  # smaller files gain too little from a compressed copy
PRECOMPRESSED = ("theme/", "sw.js")  # the output paths that start so get .gz and .br copies
BROTLI_QUALITY = 11
HTML_OPTIONS = {"keep_closing_tags": True, "keep_html_and_head_opening_tags": True,
                "minify_css": True, "minify_js": True, "keep_comments": False}
WRAPPERS = {".css": ("<style>", "</style>"), ".js": ("<script>", "</script>")}


@dataclass
class Sizes:
    """Bytes of a kind of file: as built, minified, and of the .gz and .br copies made."""

    files: int = 0
    built: int = 0
    minified: int = 0
    compressed: int = 0
    gzip: int = 0
    brotli: int = 0

    def add(self, other: Sizes) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


def _minified(suffix: str, data: bytes) -> bytes:
    if suffix == ".html":
        return minify_html.minify(data.decode("utf-8"), **HTML_OPTIONS).encode("utf-8")
    if suffix in WRAPPERS:
        start, end = WRAPPERS[suffix]
        wrapped = minify_html.minify(start + data.decode("utf-8") + end, **HTML_OPTIONS)
        if wrapped.startswith(start) and wrapped.endswith(end):
            return wrapped[len(start):-len(end)].encode("utf-8")
    if suffix == ".json":
        try:
            compact = json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":"))
        except ValueError:
            return data  # not JSON after all: published as it is
        if len(compact.encode("utf-8")) < len(data):
            return compact.encode("utf-8")
    return data


def precompressed(relative: str) -> bool:
    """Whether a file of the output (its path there) gets compressed copies."""
    return relative.startswith(PRECOMPRESSED)


def minify(path: Path, compress: bool) -> Sizes:
    """Minify one file in place (a new file, renamed over the old one); with ``compress``, write
    its compressed copies."""
    built = path.read_bytes()
    data = _minified(path.suffix, built)
    if data != built:
        temporary = path.with_name(path.name + ".min-tmp")
        temporary.write_bytes(data)
        temporary.replace(path)  # a new file: a page linked from the last build stays as it was
    sizes = Sizes(files=1, built=len(built), minified=len(data))
    if compress and len(data) >= COMPRESS_MIN_BYTES:
        gz = gzip.compress(data, compresslevel=9, mtime=0)
        br = brotli.compress(data, quality=BROTLI_QUALITY)
        path.with_name(path.name + ".gz").write_bytes(gz)
        path.with_name(path.name + ".br").write_bytes(br)
        sizes.compressed, sizes.gzip, sizes.brotli = 1, len(gz), len(br)
    return sizes


def text_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.is_file() and p.suffix in COMPRESSED_SUFFIXES)


def postprocess(output: Path) -> dict[str, Sizes]:
    """Minify every text file and compress the shared assets; the sizes per suffix, and
    ``total``."""
    files = text_files(output)
    progress = Progress(len(files), say("minifying"))
    sizes: dict[str, Sizes] = {}
    total = Sizes()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        copies = [precompressed(path.relative_to(output).as_posix()) for path in files]
        for path, result in zip(files, pool.map(minify, files, copies, chunksize=16), strict=True):
            sizes.setdefault(path.suffix, Sizes()).add(result)
            total.add(result)
            progress.step()
    return {**dict(sorted(sizes.items())), "total": total}


@dataclass
class BuildReport:
    output: str
    seconds: float
    items: int
    items_per_type: dict[str, int]
    items_per_unit: dict[str, int]
    pages: int
    warnings: list[str] = field(default_factory=list)
    sizes: dict[str, Sizes] = field(default_factory=dict)
    stages: list[dict[str, Any]] = field(default_factory=list)  # each stage's name, seconds, count


def report_path(output: Path) -> Path:
    """Beside the output, not inside: the report is not part of the site."""
    output = output.resolve()
    return output.with_name(f"{output.name}-report.json")


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KB"


def production_build(settings: Path, output: Path | None = None, content: Path | None = None,
                     quiet: bool = True, clock: StageClock | None = None) -> int:
    """Build with ``settings`` (publishconf.py) into ``output`` (default output/), minify and
    compress before the build takes the site's place, print and write the report; return the
    exit status (that of the build when it fails)."""
    started = time.monotonic()
    target = site_path(settings, output)
    sizes: dict[str, Sizes] = {}
    clock = clock or StageClock()
    built = build(settings, target, content, quiet, production=True,
                  finish=lambda folder: sizes.update(postprocess(folder)), clock=clock)
    if built.code:
        return built.code
    state = built.state
    assert state is not None  # a build that succeeded has read the content
    published = state.published()
    report = BuildReport(
        output=str(target), seconds=round(time.monotonic() - started, 1), items=len(published),
        items_per_type=dict(sorted(Counter(item.type for item in published).items())),
        items_per_unit=dict(sorted(Counter(item.unit.slug for item in published if item.unit).items())),
        pages=sum(1 for _ in target.rglob("*.html")),
        warnings=[p.render() for p in state.problems if not p.is_error],
        sizes=sizes, stages=clock.report())
    path = report_path(target)
    path.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    types = ", ".join(f"{kind} {count}" for kind, count in report.items_per_type.items())
    units = ", ".join(f"{unit} {count}" for unit, count in report.items_per_unit.items())
    print(say("report_items", types=types, units=units))
    total = sizes["total"]
    print(say("production_done", seconds=report.seconds, items=report.items, pages=report.pages,
              warnings=len(report.warnings), files=total.files, compressed=total.compressed,
              built=_size(total.built), minified=_size(total.minified), gzip=_size(total.gzip),
              brotli=_size(total.brotli), report=path))
    return 0
