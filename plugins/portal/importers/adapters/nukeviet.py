"""NukeViet's news module: version 4 (``themes/default/modules/news/detail.tpl``: microdata
headline, ``div.hometext``, ``#news-bodyhtml``), version 3 (``#news_detail``, ``span.time``,
``#hometext``, ``div.bodytext``) and the print view (``print.tpl``: ``#print``, ``#bodytext``, and
the article's address under "Xem bài viết tại")."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from portal.importers.adapters.common import (
    canonical,
    date_from,
    is_web_address,
    labelled,
    take,
    text_of,
    views,
)
from portal.importers.model import Extracted, SavedPage

AUTHOR_LABELS = ("Tác giả", "Người viết", "Author")
SOURCE_LABELS = ("Nguồn tin", "Nguồn", "Source")
_ADDRESS = re.compile(r"https?://\S+")


def _bylines(container: Tag, found: Extracted) -> None:
    found.author = labelled(container, AUTHOR_LABELS)
    found.source = labelled(container, SOURCE_LABELS)


def extract_v4(page: SavedPage, soup: BeautifulSoup) -> Extracted | None:
    headline = soup.select_one("h1[itemprop=headline]")
    body = soup.select_one("#news-bodyhtml")
    if headline is None or body is None:
        return None
    column = headline.find_parent(class_="news_column") or soup
    for preview in column.select("#imgpreview"):
        preview.decompose()
    found = Extracted("nukeviet4", take(body), title=text_of(headline),
                      legacy_url=canonical(soup))
    found.date = date_from(found, column.select_one("[itemprop=datePublished]"),
                           column.select_one("span.h5"))
    found.lead_image = take(column.select_one("figure.article"))
    found.summary = text_of(take(column.select_one("div.hometext")))
    found.views = views(text_of(column))
    _bylines(column, found)
    return found


def extract_v3(page: SavedPage, soup: BeautifulSoup) -> Extracted | None:
    detail = soup.select_one("#news_detail")
    body = detail.select_one("div.bodytext") if detail else None
    if detail is None or body is None:
        return None
    found = Extracted("nukeviet3", take(body), title=text_of(detail.find("h1")),
                      legacy_url=canonical(soup))
    found.date = date_from(found, detail.select_one("span.time"))
    found.lead_image = take(detail.select_one("#imghome")) or take(
        detail.select_one("div[style*='margin:10px auto']"))
    found.summary = text_of(take(detail.select_one("#hometext")))
    found.views = views(text_of(detail.parent))
    _bylines(detail, found)
    return found


def extract_print(page: SavedPage, soup: BeautifulSoup) -> Extracted | None:
    content = soup.select_one("#print #content")
    body = content.select_one("#bodytext") if content else None
    if content is None or body is None:
        return None
    found = Extracted("nukeviet-print", take(body), title=text_of(content.find("h1")),
                      print_view=True)
    found.date = date_from(found, content.select_one("ul.list-inline li"))
    found.lead_image = take(content.select_one(".imghome"))
    found.summary = text_of(take(content.select_one("#hometext")))
    address = _ADDRESS.search(text_of(soup.select_one("#url")) or "")
    found.legacy_url = address.group(0) if address and is_web_address(address.group(0)) \
        else canonical(soup)
    author = content.select_one("#author")
    if author is not None:
        _bylines(author, found)
    return found
