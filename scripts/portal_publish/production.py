"""``portal build --production``: the build with publishconf.py (the public address), then every
text file minified and written beside itself as .gz and .br, and a build report.

HTML is minified by minify-html, keeping closing tags and the html/head/body tags so that the
pages stay valid HTML; CSS and JS by minify-html too (inside a <style>/<script> wrapper). Files
below ``COMPRESS_MIN_BYTES`` are not worth a compressed copy. gzip runs at level 9 with no time
stamp and brotli at ``BROTLI_QUALITY`` (5: 11 makes files about 10% smaller but is thirty times
slower), both reproducible: the same build gives the same bytes."""

from __future__ import annotations

import gzip
import json
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import brotli
import minify_html

from content_model.reader import build_started, current_state
from portal_cli.build import build
from portal_cli.project import OUTPUT, ROOT
from portal_common.progress import Progress
from portal_publish.messages import say

PUBLISH_SETTINGS = ROOT / "publishconf.py"
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".map", ".webmanifest")
COMPRESS_MIN_BYTES = 256
BROTLI_QUALITY = 5
HTML_OPTIONS = {"keep_closing_tags": True, "keep_html_and_head_opening_tags": True,
                "minify_css": True, "minify_js": True, "keep_comments": False}
WRAPPERS = {".css": ("<style>", "</style>"), ".js": ("<script>", "</script>")}


@dataclass
class FileResult:
    before: int
    after: int
    compressed: bool


def minify(path: Path) -> FileResult:
    """Minify one file in place (a new file, renamed over the old one) and compress it."""
    data = path.read_bytes()
    before = len(data)
    suffix = path.suffix
    if suffix == ".html":
        data = minify_html.minify(data.decode("utf-8"), **HTML_OPTIONS).encode("utf-8")
    elif suffix in WRAPPERS:
        start, end = WRAPPERS[suffix]
        wrapped = minify_html.minify(start + data.decode("utf-8") + end, **HTML_OPTIONS)
        if wrapped.startswith(start) and wrapped.endswith(end):
            data = wrapped[len(start):-len(end)].encode("utf-8")
    if len(data) != before:
        temporary = path.with_name(path.name + ".min-tmp")
        temporary.write_bytes(data)
        temporary.replace(path)  # a new file: a page linked from the last build stays as it was
    compressed = len(data) >= COMPRESS_MIN_BYTES
    if compressed:
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=BROTLI_QUALITY))
    return FileResult(before, len(data), compressed)


def text_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.is_file() and p.suffix in COMPRESSED_SUFFIXES)


def postprocess(output: Path) -> list[FileResult]:
    files = text_files(output)
    progress = Progress(len(files), say("minifying"))
    results = []
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for result in pool.map(minify, files, chunksize=64):
            results.append(result)
            progress.step()
    return results


@dataclass
class BuildReport:
    output: str
    seconds: float
    items: int
    items_per_type: dict[str, int]
    items_per_unit: dict[str, int]
    pages: int
    warnings: list[str] = field(default_factory=list)
    text_files: int = 0
    bytes_before: int = 0
    bytes_after: int = 0
    compressed: int = 0


def report_path(output: Path) -> Path:
    """Beside the output, not inside: the report is not part of the site."""
    output = output.resolve()
    return output.with_name(f"{output.name}-report.json")


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KB"


def production_build(output: Path | None = None, content: Path | None = None,
                     quiet: bool = True) -> int:
    started = time.monotonic()
    target = output or OUTPUT
    code = build(PUBLISH_SETTINGS, target, content, quiet)
    if code:
        return code
    results = postprocess(target)
    state = current_state() if build_started() else None
    published = state.published() if state else []
    report = BuildReport(
        output=str(target), seconds=round(time.monotonic() - started, 1), items=len(published),
        items_per_type=dict(sorted(Counter(item.type for item in published).items())),
        items_per_unit=dict(sorted(Counter(item.unit.slug for item in published if item.unit).items())),
        pages=sum(1 for _ in target.rglob("*.html")),
        warnings=[p.render() for p in (state.problems if state else []) if not p.is_error],
        text_files=len(results), bytes_before=sum(r.before for r in results),
        bytes_after=sum(r.after for r in results), compressed=sum(r.compressed for r in results))
    path = report_path(target)
    path.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    types = ", ".join(f"{kind} {count}" for kind, count in report.items_per_type.items())
    units = ", ".join(f"{unit} {count}" for unit, count in report.items_per_unit.items())
    print(say("report_items", types=types, units=units))
    print(say("production_done", files=report.text_files, before=_size(report.bytes_before),
              after=_size(report.bytes_after), compressed=report.compressed, report=path))
    return 0
