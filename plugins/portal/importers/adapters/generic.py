"""Any other article page: schema.org JSON-LD and microdata, Open Graph, ``<article>``, and when
none of these marks the text, the element that holds the most paragraph text."""

from __future__ import annotations

import json
from typing import Any

from bs4 import BeautifulSoup, Tag

from portal.importers.adapters.common import (
    canonical,
    date_from,
    interaction_count,
    is_web_address,
    meta,
    text_of,
    views,
)
from portal.importers.bylines import author_name
from portal.importers.cleanup import clean_text
from portal.importers.dates import find_dateline
from portal.importers.model import Extracted, SavedPage

ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle"}
_BODY = ("[itemprop=articleBody], .entry-content, .article-content, .article-body, "
         ".post-content, .news-content, .content-detail, .detail-content")
# Where the date is, most trusted first: microdata, WordPress's ``time.published``, any ``time``,
# then the classes themes print it in (Joomla 1.5's ``td.createdate`` among them).
_DATES = ("[itemprop=datePublished]", "time.published[datetime]", "time.entry-date[datetime]",
          "time[datetime]", ".date, .time, .post-date, .published, .entry-date, .news-date, "
          ".createdate, .posted-on")
_OUTSIDE = ("header", "footer", "aside", "nav", "h1")
MIN_PARAGRAPH = 40


def _objects(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [item for entry in value for item in _objects(entry)]
    if isinstance(value, dict):
        return [value, *_objects(value.get("@graph", []))]
    return []


def _json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    """The first schema.org article described in the page's JSON-LD."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        for entry in _objects(data):
            kinds = entry.get("@type", [])
            if ARTICLE_TYPES & set(kinds if isinstance(kinds, list) else [kinds]):
                return entry
    return {}


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return clean_text(value) if isinstance(value, str) and clean_text(value) else None


def _ld_views(entry: dict[str, Any]) -> int | None:
    for stat in _objects(entry.get("interactionStatistic", [])):
        count = stat.get("userInteractionCount")
        if isinstance(count, int):
            return count
        if isinstance(count, str):
            return interaction_count(count)
    return None


def _densest(soup: BeautifulSoup) -> Tag | None:
    """The element whose own paragraphs hold the most text: the main content of a page that
    marks it in no other way."""
    best, best_size = None, 0
    scored: set[int] = set()
    for paragraph in soup.find_all("p"):
        parent = paragraph.parent
        if not isinstance(parent, Tag) or id(parent) in scored:
            continue
        scored.add(id(parent))
        size = sum(len(clean_text(p.get_text(" "))) for p in parent.find_all("p", recursive=False)
                   if len(clean_text(p.get_text(" "))) >= MIN_PARAGRAPH)
        if size > best_size:
            best, best_size = parent, size
    return best


def _body(soup: BeautifulSoup, article: Tag | None) -> Tag | None:
    marked = (article or soup).select_one(_BODY)
    if marked is not None:
        return marked
    if article is not None:
        for part in article.find_all(_OUTSIDE):
            part.decompose()
        return article
    return _densest(soup)


def _title(soup: BeautifulSoup, entry: dict[str, Any], article: Tag | None) -> str | None:
    heading = text_of((article or soup).find("h1"))
    return _name(entry.get("headline")) or heading or meta(soup, "og:title") or \
        text_of(soup.find("title"))


def _date(found: Extracted, soup: BeautifulSoup, entry: dict[str, Any], scope: Tag) -> None:
    published = entry.get("datePublished")
    found.date = date_from(found, published if isinstance(published, str) else None,
                           meta(soup, "article:published_time"),
                           *(scope.select_one(selector) for selector in _DATES)) or \
        find_dateline(text_of(scope) or "")


def extract(page: SavedPage, soup: BeautifulSoup) -> Extracted | None:
    entry = _json_ld(soup)
    article = soup.find("article")
    scope = article or soup
    authors = (_name(entry.get("author")), text_of(scope.select_one("[rel=author], .author")),
               meta(soup, "author"))
    address = entry.get("url") if isinstance(entry.get("url"), str) else None
    found = Extracted("generic", scope, title=_title(soup, entry, article),
                      author=next(filter(None, map(author_name, authors)), None),
                      summary=_name(entry.get("description")) or meta(soup, "og:description"),
                      views=_ld_views(entry) or views(text_of(scope)),
                      legacy_url=canonical(soup) or (address if is_web_address(address) else None))
    _date(found, soup, entry, scope)
    body = _body(soup, article)
    if body is None:
        return None
    found.body = body.extract()
    return found
