"""The writer that reuses unchanged pages and feeds, and the fingerprints it keeps between builds."""

from __future__ import annotations

import hashlib
import logging
import os
from collections import ChainMap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import sanitised_join
from pelican.writers import Writer

from portal.build.output_folder import site_folder
from portal.build.run import RUN_SETTING, run_of
from portal.build.unchanged_pages.stamps import Stamper, Unstampable, settings_stamp
from portal.common.digests import made_from
from portal.common.kept_files import read_kept, write_kept
from portal.model.render_cache import cache_folder

logger = logging.getLogger(__name__)
FILE_NAME = "pages.pickle"
REUSABLE_TEMPLATES = frozenset({"article.html", "listing.html", "index.html"})
PROJECT = Path(__file__).resolve().parents[4]
# Settings no page shows: where this build writes, and whether it goes on past bad files.
NOT_ON_PAGES = frozenset({"OUTPUT_PATH", "PORTAL_WITH_ERRORS", RUN_SETTING})
FileState = tuple[str, int, int]  # path in the output, size, modification time (ns)


@dataclass
class PageStore:
    """The fingerprints of the last build's files, and this build's. A file taken from the last
    build is only noted when its page is written (``reuse``); ``place`` then links them all
    into the output at once. The last build's folder is the live site: its files are linked,
    never moved or written, so that it stays whole if this build fails."""

    output: str
    site: Path
    previous: Path | None  # the last build's folder, when this build writes a new one
    known: dict[bytes, FileState] = field(default_factory=dict)
    used: dict[bytes, FileState] = field(default_factory=dict)
    reused: int = 0
    pending: list[str] = field(default_factory=list)

    @property
    def file(self) -> Path:
        return cache_folder(self.site) / FILE_NAME

    @classmethod
    def open(cls, output: str, site: Path, previous: Path | None) -> PageStore:
        store = cls(os.path.abspath(output), site, previous)
        known = read_kept(store.file) if previous is not None else None
        store.known = known if isinstance(known, dict) else {}
        return store

    def relative(self, path: str) -> str:
        return os.path.relpath(path, self.output)

    def remember(self, fingerprint: bytes, path: str) -> None:
        status = os.stat(path)
        self.used[fingerprint] = (self.relative(path), status.st_size, status.st_mtime_ns)

    def reuse(self, fingerprint: bytes) -> bool:
        """Whether the last build's file of this fingerprint is still there as it was written
        (not changed since); if so, it is taken into the output by ``place``."""
        state, previous = self.known.get(fingerprint), self.previous
        if state is None or previous is None:
            return False
        relative, size, mtime = state
        try:
            status = os.stat(os.path.join(previous, relative))
        except OSError:
            return False
        if (status.st_size, status.st_mtime_ns) != (size, mtime):
            return False
        self.pending.append(relative)
        self.used[fingerprint] = state
        self.reused += 1
        return True

    def place(self) -> None:
        """Link the files ``reuse`` took from the last build's folder into the output."""
        previous = self.previous
        if previous is None:
            return
        made: set[str] = set()
        for relative in self.pending:
            target = os.path.join(self.output, relative)
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            os.link(os.path.join(previous, relative), target)
        self.pending = []

    def save(self) -> None:
        """Keep the fingerprints this build used, for the next build."""
        logger.info("%d pages and feeds unchanged since the last build, taken from it", self.reused)
        if self.used == self.known:  # every file taken from the last build
            return
        write_kept(self.file, self.used)


def page_inputs(stamper: Stamper, key: str, paginator: Paginator, page: Any, previous: Any,
                following: Any) -> dict[str, Any]:
    """What a listing page shows of its pagination: its place among the pages, their addresses
    and its own items. Of an item, a listing shows only its own values, not those of the
    articles it points to (only article.html reads those)."""
    return {f"{key}_page": (page.number, page.url, page.save_as,
                            [stamper.own(article) for article in page.object_list]),
            f"{key}_paginator": (paginator.num_pages, paginator.count, paginator.per_page),
            f"{key}_previous_page": previous.url if previous else None,
            f"{key}_next_page": following.url if following else None}


class ReusingWriter(Writer):
    def __init__(self, output_path: str, settings: dict[str, Any]) -> None:
        super().__init__(output_path, settings)
        run = run_of(settings)
        self.store = PageStore.open(output_path, site_folder(settings), run.previous)
        run.keep(self.store)
        self.stamper = Stamper()
        self.site_stamp = self._site_stamp(settings)
        self._sidebar: tuple[Any, bytes] = (None, b"")

    @staticmethod
    def _site_stamp(settings: dict[str, Any]) -> bytes:
        """What every page may show besides its own inputs."""
        code = [*(PROJECT / "plugins").rglob("*.py"), *Path(settings["THEME"]).rglob("*")]
        content = Path(settings["PATH"])
        registries = [content / name for name in ("units.toml", "topics.toml", "banners.toml")]
        return made_from([p for p in [*code, *registries] if p.is_file()],
                         ("pelican", "jinja2", "markupsafe", "feedgenerator"),
                         settings_stamp({key: value for key, value in settings.items()
                                         if key not in NOT_ON_PAGES}))

    def _sidebar_stamp(self, context: dict[str, Any]) -> bytes:
        """The sidebar, rendered once per build, is on every page: hashed once."""
        sidebar = context.get("portal_sidebar", "")
        if self._sidebar[0] is not sidebar:
            self._sidebar = (sidebar, hashlib.blake2b(str(sidebar).encode(), digest_size=20).digest())
        return self._sidebar[1]

    def _fingerprint(self, inputs: Callable[[], dict[str, Any]], *parts: bytes) -> bytes | None:
        try:
            stamp = self.stamper.stamp(inputs())
        except Unstampable:
            return None
        return hashlib.blake2b(self.site_stamp + stamp + b"".join(parts), digest_size=20).digest()

    def _reused(self, fingerprint: bytes | None, path: str) -> bool:
        """Whether the file is taken from the last build (never one already written now:
        Pelican's own checks on writing a file twice then apply)."""
        if fingerprint is None or path in self._written_files:
            return False
        if not self.store.reuse(fingerprint):
            return False
        self._written_files.add(path)
        return True

    def write_file(self, name: str, template: Any, context: dict[str, Any], relative_urls: bool = False,
                   paginated: dict[str, Any] | None = None, template_name: str | None = None,
                   override_output: bool = False, url: str | None = None, **kwargs: Any) -> None:
        """Pelican's write, one page at a time: each page of a paginated listing is taken from
        the last build or rendered on its own."""
        if not name:
            return
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            self._write_page(name, template, context, relative_urls, override_output, url, kwargs, {})
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, url, value, self.settings, per_page)
                      for key, value in paginated.items()}
        # Each page made once, and shown as the page before and after its neighbours.
        numbered = {key: [None, *map(paginator.page, range(1, paginator.num_pages + 1)), None]
                    for key, paginator in paginators.items()}
        for number in range(1, next(iter(paginators.values())).num_pages + 1):
            values, pages = dict(kwargs), {}
            for key, paginator in paginators.items():
                previous, page, following = numbered[key][number - 1: number + 2]
                values.update({f"{key}_paginator": paginator, f"{key}_page": page,
                               f"{key}_previous_page": previous, f"{key}_next_page": following})
                pages[key] = (paginator, page, previous, following)
            self._write_page(page.save_as, template, context, relative_urls, override_output, url,
                             values, pages)

    def _write_page(self, name: str, template: Any, context: dict[str, Any], relative_urls: bool,
                    override_output: bool, url: str | None, values: dict[str, Any],
                    pages: dict[str, tuple[Any, ...]]) -> None:
        """One page; ``pages`` holds, for each paginated list, the page's paginator, the page
        itself and the pages before and after it (their objects are also in ``values``)."""
        path = sanitised_join(self.output_path, name)
        fingerprint = None
        if template.name in REUSABLE_TEMPLATES:
            def inputs() -> dict[str, Any]:
                shown = {field: value for key, page in pages.items()
                         for field, value in page_inputs(self.stamper, key, *page).items()}
                own = {key: value for key, value in values.items() if key not in shown}
                return {"name": name, "template": template.name, "relative_urls": relative_urls,
                        "override_output": override_output, "url": url, "values": own, **shown}

            fingerprint = self._fingerprint(inputs, self._sidebar_stamp(context))
        if self._reused(fingerprint, path):
            # What Pelican's own write sends, without copying the site's context for each page.
            signals.content_written.send(path, context=ChainMap(values, {"output_file": name}, context))
            return
        super().write_file(name, template, context, relative_urls, override_output=override_output,
                           url=url, **values)
        if fingerprint is not None:
            self.store.remember(fingerprint, path)

    def write_feed(self, elements: list[Any], context: dict[str, Any], path: str | None = None,
                   url: str | None = None, feed_type: str = "atom", override_output: bool = False,
                   feed_title: str | None = None) -> Any:
        """Pelican's feed, or the last build's when its entries and addresses are the same."""
        if not path:
            return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
        target = sanitised_join(self.output_path, path)
        inputs = {"feed": path, "url": url, "type": feed_type, "override_output": override_output,
                  "title": feed_title, "entries": elements[: self.settings["FEED_MAX_ITEMS"]],
                  **{key: context.get(key) for key in ("SITENAME", "SITESUBTITLE", "SITEURL", "FEED_DOMAIN")}}
        fingerprint = self._fingerprint(lambda: inputs)
        if self._reused(fingerprint, target):
            return None
        feed = super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
        if fingerprint is not None:
            self.store.remember(fingerprint, target)
        return feed
