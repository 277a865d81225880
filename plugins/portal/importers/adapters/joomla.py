"""Joomla's com_content article view: schema.org microdata first (Joomla 3 and 4: ``headline``,
``articleBody``, ``datePublished``), then the classes of the article layouts (Joomla 3's
``div.item-page``, Joomla 4/5's ``div.com-content-article`` and ``__body``, the info block's
``dd.published time[datetime]``, ``dd.createdby``, ``dd.hits``)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from portal.importers.adapters.common import (
    canonical,
    date_from,
    interaction_count,
    take,
    text_of,
    views,
)
from portal.importers.model import Extracted, SavedPage

_WRITTEN_BY = re.compile(r"^(?:viết bởi|tác giả|người viết|written by)\s*:?\s*", re.IGNORECASE)
_DATES = ("[itemprop=datePublished]", "dd.published time", "dd.published", "dd.create time",
          "dd.create")
_INFO = "dd.published, dd.create, dd.modified, dd.createdby, dd.hits, dd.category-name"


def _article(soup: BeautifulSoup) -> Tag | None:
    return soup.select_one("div.com-content-article, div.item-page")


def _body(article: Tag) -> Tag:
    body = article.select_one("[itemprop=articleBody], div.com-content-article__body")
    if body is not None:
        return body
    # Joomla 3 without microdata: the text follows the header and the info block.
    for part in article.select(".page-header, dl.article-info, ul.actions, div.icons, h1, h2"):
        part.decompose()
    return article


def _author(article: Tag) -> str | None:
    name = text_of(article.select_one("[itemprop=author] [itemprop=name]")) or \
        text_of(article.select_one("dd.createdby"))
    return _WRITTEN_BY.sub("", name).strip() or None if name else None


def _views(article: Tag) -> int | None:
    counter = article.select_one("[itemprop=interactionCount]")
    if counter is not None and (count := interaction_count(counter.get("content"))) is not None:
        return count
    hits = text_of(article.select_one("dd.hits"))
    return views(hits) or interaction_count(hits)


def extract(page: SavedPage, soup: BeautifulSoup) -> Extracted | None:
    article = _article(soup)
    if article is None:
        return None
    title = text_of(article.select_one("[itemprop=headline]")) or \
        text_of(article.select_one(".page-header h1, .page-header h2")) or \
        text_of(article.find(["h1", "h2"]))
    found = Extracted("joomla", article, title=title, author=_author(article),
                      views=_views(article), legacy_url=canonical(soup))
    found.date = date_from(found, *(article.select_one(selector) for selector in _DATES))
    found.lead_image = take(article.select_one("figure.item-image, div.item-image"))
    for info in article.select(_INFO):
        info.decompose()
    body = _body(article)
    found.body = body.extract() if body is not article else body
    return found
