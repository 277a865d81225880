"""Small readers that every HTML adapter uses."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from portal.common.dates import PortalDate
from portal.importers.cleanup import clean_text
from portal.importers.dates import read_date
from portal.importers.model import Extracted

_VIEWS = re.compile(r"(?:số\s+lượt\s+(?:người\s+)?xem|lượt\s+xem|lượt\s+đọc|số\s+lần\s+xem|"
                    r"đã\s+xem|số\s+lần\s+đọc|hits)[ \t]*:?[ \t]*(\d[\d.,]*)", re.IGNORECASE)
_INTERACTION = re.compile(r"(\d+)\s*$")


def text_of(tag: Tag | None) -> str | None:
    if tag is None:
        return None
    return clean_text(tag.get_text(" ")) or None


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return clean_text(content) if content and clean_text(content) else None


def is_web_address(value: str | None) -> bool:
    return bool(value) and urlsplit(value).scheme in ("http", "https") and bool(urlsplit(value).netloc)


def canonical(soup: BeautifulSoup) -> str | None:
    """The page's own address: its canonical link, else og:url."""
    link = soup.find("link", rel="canonical")
    for value in (link.get("href") if isinstance(link, Tag) else None, meta(soup, "og:url")):
        if is_web_address(value):
            return value.strip()
    return None


def views(text: str | None) -> int | None:
    """The view count a page shows: ``Số lượt người xem: 25341``, ``Lượt xem: 1.204``."""
    match = _VIEWS.search(text or "")
    return int(re.sub(r"\D", "", match.group(1))) if match else None


def interaction_count(value: str | None) -> int | None:
    """schema.org's ``UserPageVisits:987``."""
    match = _INTERACTION.search(value or "")
    return int(match.group(1)) if match else None


def date_of(tag: Tag | None) -> PortalDate | None:
    """A date from a tag's ``datetime`` or ``content`` attribute, else from its text."""
    if tag is None:
        return None
    for value in (tag.get("datetime"), tag.get("content")):
        if value and (found := read_date(value)):
            return found
    return read_date(clean_text(tag.get_text(" ")))


def _date_texts(tag: Tag) -> str:
    values = [tag.get("datetime"), tag.get("content"), text_of(tag)]
    return " ".join(value for value in values if value)


def date_from(found: Extracted, *sources: Tag | str | None) -> PortalDate | None:
    """The date of the first of ``sources`` (metadata values or tags) that names a real day;
    the texts read are kept in ``found.datelines``."""
    for source in sources:
        if not source:
            continue
        found.datelines.append(source if isinstance(source, str) else _date_texts(source))
        date = read_date(source) if isinstance(source, str) else date_of(source)
        if date is not None:
            return date
    return None


def labelled(container: Tag, labels: tuple[str, ...]) -> str | None:
    """The value of a ``<strong>Tác giả: </strong>Name`` line, whichever label it has."""
    pattern = re.compile(rf"^(?:{'|'.join(map(re.escape, labels))})\s*:\s*(?P<value>.+)$",
                         re.IGNORECASE)
    for line in container.find_all(["p", "div", "span", "li"]):
        if line.find(["p", "div"]):
            continue
        match = pattern.match(clean_text(line.get_text(" ")))
        if match:
            return match["value"]
    return None


def take(tag: Tag | None) -> Tag | None:
    """Remove ``tag`` from the page and return it (a field read out of the body)."""
    return tag.extract() if tag is not None else None
