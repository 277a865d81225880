"""Search: the search page; and, from the moment the items are final, their text, the static
index for readers (in the output) and the Whoosh index for ``portal search`` (beside the
output, in ``.<output>-search/``), written by a process beside the build (``pipeline.py``)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import escape
from pelican import signals

from portal.build.output_folder import site_folder
from portal.build.run import run_of
from portal.common.listing import Crumb, ListingGenerator
from portal.search.bundle import write_bundle
from portal.search.documents import SearchDocument, from_article, write_documents
from portal.search.manifest import INDEX_FOLDER, TABLE_FILE, Manifest, data_folder
from portal.search.pipeline import SOURCES_FILE, STATS_FILE, finish_child, run_child
from portal.search.terms import two_syllable_words

SEARCH_URL = "tim-kiem/"
SEARCH_TITLE = "Tìm kiếm"
THEME_JS = "theme/js"
_MANIFEST = re.compile(r'data-manifest="([^"]*)"')
logger = logging.getLogger(__name__)


def make_manifest(portal: Any, pairs: frozenset[str]) -> Manifest:
    """The index's shape and the filters' choices."""
    units = list(portal.units)
    position = {unit.slug: i for i, unit in enumerate(units)}
    return Manifest(
        count=len(portal.articles), pairs=sorted(pairs),
        units=[(u.slug, u.name, position.get(u.parent or "", -1)) for u in units],
        types=[(t.key, t.label, t.segment) for t in portal.content_types],
        topics=[(t.slug, t.title) for t in portal.topics])


@dataclass
class SearchState:
    """The build's manifest and indexing process, from the moment the items are final to the
    end of the build."""

    manifest: Manifest | None = None
    indexing: subprocess.Popen[bytes] | None = None


class SearchPageGenerator(ListingGenerator):
    def generate_output(self, writer: Any) -> None:
        manifest = run_of(self.settings).part(SearchState).manifest
        assert manifest is not None
        self.write_page(writer, SEARCH_URL, "search", page_title=SEARCH_TITLE,
                        crumbs=[Crumb(SEARCH_TITLE)], search_manifest=manifest.public())


def _sources(portal: Any, heads: list[tuple[str, str]]) -> Iterator[SearchDocument]:
    """The items as the indexes read them; their titles and leads gathered into ``heads``."""
    units = portal.registries.units
    for doc, article in enumerate(portal.articles):
        document = from_article(doc, article, units.lineage(article.unit.slug))
        heads.append((document.title, document.summary))
        yield document


def on_items_final(generators: list[Any]) -> None:
    """Every item is read, linked and has its address: start indexing beside the page writing."""
    context = generators[0].context
    if "portal" not in context:
        return
    output = Path(generators[0].output_path)
    data = data_folder(site_folder(generators[0].settings))
    data.mkdir(parents=True, exist_ok=True)
    run = run_of(context)
    search = run.part(SearchState)
    sources, written = data / SOURCES_FILE, data / f"{SOURCES_FILE}.new"
    heads: list[tuple[str, str]] = []
    write_documents(written, _sources(context["portal"], heads))
    search.manifest = make_manifest(context["portal"], two_syllable_words(heads))
    search.manifest.write(data)
    same_items = digest(written) == digest(sources)
    if not same_items:
        (data / STATS_FILE).unlink(missing_ok=True)  # the indexes there are no longer this build's
    written.replace(sources)
    linked = link_last_index(run.previous, output)
    if not (same_items and linked and (data / STATS_FILE).is_file()):
        search.indexing = run_child(data, "pipeline", data, output)


def digest(path: Path) -> bytes:
    return hashlib.blake2b(path.read_bytes(), digest_size=20).digest() if path.is_file() else b""


def link_last_index(previous: Path | None, output: Path) -> bool:
    """The last build's static index, linked into this build's output: with the same items it
    is still right; otherwise the static index writer keeps the files whose content is the
    same and writes the others."""
    last = previous / INDEX_FOLDER if previous is not None else None
    if last is None or not last.is_dir():
        return False
    shutil.copytree(last, output / INDEX_FOLDER, copy_function=os.link)
    return True


def on_finalized(pelican: Any) -> None:
    """Wait for the indexing (the search page's script is joined meanwhile), then give the
    search page the names of the index's files, known only now."""
    search = run_of(pelican.settings).part(SearchState)
    if search.manifest is None:
        return
    output = Path(pelican.output_path)
    data = data_folder(site_folder(pelican.settings))
    write_bundle(Path(pelican.settings["THEME"]) / "static" / "js", output / THEME_JS)
    if search.indexing is not None:
        stats = finish_child(data, "pipeline", search.indexing)
        logger.info("Search: %d items indexed in %.1f s", stats["items"], stats["seconds"])
    table = json.loads((data / TABLE_FILE).read_text(encoding="utf-8"))
    add_table(output / SEARCH_URL / "index.html", search.manifest, table)


def add_table(page: Path, manifest: Manifest, table: dict[str, Any]) -> None:
    """The search page's manifest with the index's table, escaped as the template escapes it."""
    html = page.read_text(encoding="utf-8")
    found = _MANIFEST.search(html)
    if found is None:
        raise SystemExit(f"{page}: the search page holds no data-manifest attribute")
    value = str(escape(str(htmlsafe_json_dumps({**manifest.public(), "files": table}, sort_keys=True))))
    written = page.with_name(f".{page.name}.new")  # the page may be a link to the last build's
    written.write_text(html[:found.start(1)] + value + html[found.end(1):], encoding="utf-8")
    written.replace(page)


def get_generators(pelican: Any) -> type[SearchPageGenerator]:
    return SearchPageGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(on_items_final)
    signals.finalized.connect(on_finalized)


def forget_unpublished_index(site: Path) -> None:
    """After a build that failed: the search data may describe an index that never reached the
    site, so the next build indexes afresh."""
    (data_folder(site) / STATS_FILE).unlink(missing_ok=True)
