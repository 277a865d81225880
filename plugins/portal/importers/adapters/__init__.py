"""One small adapter per source, tried in order: the first that recognises the page reads it."""

from __future__ import annotations

from collections.abc import Callable

from bs4 import BeautifulSoup

from portal.importers.adapters import generic, joomla, nukeviet, textdump
from portal.importers.adapters.finish import finish
from portal.importers.model import Extracted, SavedPage

HtmlAdapter = Callable[[SavedPage, BeautifulSoup], Extracted | None]

HTML_ADAPTERS: tuple[HtmlAdapter, ...] = (
    nukeviet.extract_print,  # before the others: a print view holds the article's own markup
    nukeviet.extract_v4,
    nukeviet.extract_v3,
    joomla.extract,
    generic.extract,
)


def extract(page: SavedPage) -> Extracted | None:
    """The page's fields, or None when no adapter finds an article in it."""
    found = textdump.extract_text(page) if page.is_text else _extract_html(page)
    return finish(found) if found is not None else None


def _extract_html(page: SavedPage) -> Extracted | None:
    soup = BeautifulSoup(page.text, "html.parser")
    for adapter in HTML_ADAPTERS:
        found = adapter(page, soup)
        if found is not None:
            return found
    return None
