"""The content model's plugin: reads and validates every item, gives each a stable URL, and fails
the build with one report of every problem (path, line, fix)."""

from __future__ import annotations

import gc
import logging
import sys
from typing import Any

from pelican import signals

from portal.build.run import run_of
from portal.common.urls import SlugRequest, unique_slugs
from portal.model.corpus import check_corpus, discover, unread_links
from portal.model.portal import Portal
from portal.model.problems import error, report
from portal.model.reader import PortalMarkdownReader
from portal.model.state import BuildState

DISABLED_FORMATS = ("markdown", "mkd", "mdown", "html", "htm", "rst")


class _PelicanErrors(logging.Handler):
    """Any error Pelican logs while reading (``Could not process ...``) is a content problem of
    the build it is heard in: one handler for each build, from its start to its end."""

    def __init__(self, state: BuildState) -> None:
        super().__init__(logging.ERROR)
        self.state = state

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        path = next((str(a) for a in args if str(a).endswith(".md")), "pelican")
        detail = record.getMessage()
        if record.exc_info and record.exc_info[1]:
            detail = f"{detail}: {record.exc_info[1]}"
        self.state.add([error(path, 0, "pelican_error", detail=detail)])


def hear_pelican_errors(state: BuildState | None) -> None:
    """Pelican's errors go into ``state`` from now on, into no earlier build's (None: nowhere)."""
    logger = logging.getLogger("pelican")
    for handler in [h for h in logger.handlers if isinstance(h, _PelicanErrors)]:
        logger.removeHandler(handler)
    if state is not None:
        logger.addHandler(_PelicanErrors(state))


def on_initialized(pelican: Any) -> None:
    settings = pelican.settings
    state = run_of(settings).state
    found = discover(state.content_root)[1]
    state.add(found)
    for key in ("ARTICLE_EXCLUDES", "STATIC_EXCLUDES"):
        settings[key] = [*settings.get(key, []), *unread_links(found)]
    hear_pelican_errors(state)
    # Connected now, after every plugin's own handlers, so that the report (and the exit
    # status) comes once all output is written.
    signals.finalized.connect(on_finalized)


def on_readers_init(readers: Any) -> None:
    readers.reader_classes["md"] = PortalMarkdownReader
    for fmt in DISABLED_FORMATS:
        readers.reader_classes[fmt] = None


def assign_slugs(articles: list[Any]) -> None:
    requests = {
        article.source_path: SlugRequest((article.type, article.date.year), article.slug,
                                         article.slug_explicit,
                                         (article.date, article.source_path))
        for article in articles
    }
    slugs = unique_slugs(requests.values())
    for article in articles:
        article.slug = slugs[requests[article.source_path]]
        # Final from here on: Pelican's overrides spare every page that links the article
        # from formatting its address again.
        article.override_url = article.url
        article.override_save_as = article.save_as


def on_pretaxonomy(generator: Any) -> None:
    """Checks across items; an item they reject (the second of two with one Id, number or
    explicit slug) is not published, like any other rejected file."""
    state = run_of(generator.settings).state
    state.add(check_corpus(state.published(), state.registries))
    rejected = state.rejected_paths()
    if state.has_errors and not generator.settings["PORTAL_WITH_ERRORS"]:
        hear_pelican_errors(None)
        save_caches(state)
        report_problems(state)
        raise SystemExit(1)  # nothing written: every problem is known once every file is read
    generator.articles = [a for a in generator.articles if a.relative_source_path not in rejected]
    assign_slugs(generator.articles)
    generator.context["portal"] = Portal.index(state.registries, generator.articles)
    keep_for_the_build()


def keep_for_the_build(*_: object) -> None:
    """What the build holds once the items are read, and again once every page's values are
    computed, lives until the build ends: keep it out of the collector's full passes, which
    would otherwise scan it over and over (a second or more of a build of 5,000 items)."""
    gc.freeze()


def on_static_finalized(generator: Any) -> None:
    """Refused pictures and attachments are not copied to the output."""
    rejected = run_of(generator.settings).state.rejected_paths()
    generator.staticfiles = [f for f in generator.staticfiles
                             if f.relative_source_path not in rejected]
    generator.context["staticfiles"] = generator.staticfiles


def save_caches(state: BuildState) -> None:
    state.render_cache.save()
    state.item_cache.save()


def on_finalized(pelican: Any) -> None:
    state = run_of(pelican.settings).state
    hear_pelican_errors(None)
    save_caches(state)
    state.finished = True
    if report_problems(state):
        raise SystemExit(1)


def report_problems(state: BuildState) -> bool:
    """Print every problem once; return whether any is an error."""
    if state.reported:
        return state.has_errors
    state.reported = True
    text, failed = report(state.problems, len(state.published()))
    print(text, file=sys.stderr)
    return failed


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(on_readers_init)
    signals.article_generator_pretaxonomy.connect(on_pretaxonomy)
    signals.static_generator_finalized.connect(on_static_finalized)
    signals.all_generators_finalized.connect(keep_for_the_build)
