"""Search: the search page, and at the end of the build the items' text taken from the built
pages, the static index for readers (in the output) and the Whoosh index for ``portal search``
(beside the output, in ``.<output>-search/``)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pelican import signals

from portal_common.listing import Crumb, ListingGenerator
from search_index.bundle import write_bundle
from search_index.documents import from_article, write_documents
from search_index.manifest import Manifest, bucket_count, data_folder

SEARCH_URL = "tim-kiem/"
SEARCH_TITLE = "Tìm kiếm"
STATS_FILE = "build-stats.json"
PLUGINS = Path(__file__).resolve().parents[1]
THEME_JS = "theme/js"
logger = logging.getLogger(__name__)


def make_manifest(portal: Any) -> Manifest:
    """The index's shape and the filters' choices; the version changes with any item."""
    digest = hashlib.sha1()
    for article in portal.articles:
        for part in (article.url, article.title, article.date.isoformat(), article.content):
            digest.update(part.encode("utf-8"))
    units = list(portal.units)
    position = {unit.slug: i for i, unit in enumerate(units)}
    return Manifest(
        version=digest.hexdigest()[:12], count=len(portal.articles),
        buckets=bucket_count(len(portal.articles)),
        units=[(u.slug, u.name, position.get(u.parent or "", -1)) for u in units],
        types=[(t.key, t.label) for t in portal.content_types],
        topics=[(t.slug, t.title) for t in portal.topics])


class SearchState:
    """The build's manifest, from the search page's rendering to the indexing at the end."""

    manifest: Manifest | None = None
    portal: Any = None


class SearchPageGenerator(ListingGenerator):
    def generate_output(self, writer: Any) -> None:
        SearchState.portal = self.portal
        SearchState.manifest = make_manifest(self.portal)
        self.write_page(writer, SEARCH_URL, "search", page_title=SEARCH_TITLE,
                        crumbs=[Crumb(SEARCH_TITLE)], search_manifest=SearchState.manifest.public())


def _documents(portal: Any, output: Path) -> Any:
    units = portal.registries.units
    for doc, article in enumerate(portal.articles):
        page = (output / article.save_as).read_text(encoding="utf-8")
        yield from_article(doc, article, page, units.lineage(article.unit.slug))


def _run(data: Path, name: str, *args: Path) -> subprocess.Popen[bytes]:
    """``python -m search_index.<name> ARGS``, its output in the data folder."""
    path = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))
    with (data / f"{name}.out").open("wb") as out, (data / f"{name}.err").open("wb") as err:
        return subprocess.Popen([sys.executable, "-m", f"search_index.{name}", *map(str, args)],
                                env={**os.environ, "PYTHONPATH": path}, stdout=out, stderr=err)


def _finish(data: Path, name: str, child: subprocess.Popen[bytes]) -> dict[str, Any]:
    """The child's own figures: items or terms, seconds, peak memory."""
    if child.wait():
        error = (data / f"{name}.err").read_text(encoding="utf-8", errors="replace")
        raise SystemExit(f"search index ({name}) failed:\n{error}")
    return json.loads((data / f"{name}.out").read_text(encoding="utf-8"))


def on_finalized(pelican: Any) -> None:
    """Extract the items' text, then write both indexes side by side (two processes)."""
    if SearchState.manifest is None:
        return
    started = time.monotonic()
    output = Path(pelican.output_path)
    data = data_folder(output)
    data.mkdir(parents=True, exist_ok=True)
    write_bundle(Path(pelican.settings["THEME"]) / "static" / "js", output / THEME_JS)
    SearchState.manifest.write(data)
    count = write_documents(data / "documents.jsonl", _documents(SearchState.portal, output))
    extracted = time.monotonic()
    children = {"static_index": _run(data, "static_index", data, output),
                "whoosh_index": _run(data, "whoosh_index", data)}
    stats: dict[str, Any] = {name: _finish(data, name, child) for name, child in children.items()}
    stats.update(items=count, extract_seconds=round(extracted - started, 2),
                 seconds=round(time.monotonic() - started, 2))
    (data / STATS_FILE).write_text(json.dumps(stats), encoding="utf-8")
    logger.info("Search: %d items indexed in %.1f s", count, stats["seconds"])
    SearchState.manifest = None


def get_generators(pelican: Any) -> type[SearchPageGenerator]:
    return SearchPageGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(on_finalized)
