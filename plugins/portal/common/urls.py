"""The portal's addresses, written once: every page's URL and the file it is saved as."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_SLUG_LENGTH = 80
FALLBACK_SLUG = "bai-viet"

HOME = ""
UNITS = "don-vi/"
TOPICS = "chuyen-de/"
TAGS = "the/"
ARCHIVES = "luu-tru/"
FEED_FILE = "feed.xml"


def save_as(url: str) -> str:
    return f"{url}index.html"


def unit(slug: str) -> str:
    return f"{UNITS}{slug}/"


def unit_type(slug: str, segment: str) -> str:
    return f"{UNITS}{slug}/{segment}/"


def content_type(segment: str) -> str:
    return f"{segment}/"


def topic(slug: str) -> str:
    return f"{TOPICS}{slug}/"


def tag(slug: str) -> str:
    return f"{TAGS}{slug}/"


def archive_year(year: int) -> str:
    return f"{ARCHIVES}{year}/"


def archive_month(year: int, month: int) -> str:
    return f"{ARCHIVES}{year}/{month:02d}/"


def archive_day(year: int, month: int, day: int) -> str:
    return f"{ARCHIVES}{year}/{month:02d}/{day:02d}/"


def calendar_json(year: int) -> str:
    return f"{ARCHIVES}{year}/ngay.json"


def feed(url: str) -> str:
    return f"{url}{FEED_FILE}"


def trim_slug(slug: str) -> str:
    if len(slug) <= MAX_SLUG_LENGTH:
        return slug or FALLBACK_SLUG
    return slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0] or FALLBACK_SLUG


@dataclass(frozen=True)
class SlugRequest:
    """One item asking for a slug within a scope (type and year)."""

    scope: tuple[object, ...]
    slug: str
    explicit: bool
    order: tuple[object, ...]


def unique_slugs(requests: Iterable[SlugRequest]) -> dict[SlugRequest, str]:
    """Explicit slugs first; then, oldest first, the first free of slug, slug-2, slug-3, ..."""
    taken: set[tuple[tuple[object, ...], str]] = set()
    result: dict[SlugRequest, str] = {}
    ordered = sorted(requests, key=lambda r: (not r.explicit, r.order))
    for request in ordered:
        base = request.slug if request.explicit else trim_slug(request.slug)
        candidate, number = base, 2
        while (request.scope, candidate) in taken:
            candidate = f"{base}-{number}"
            number += 1
        taken.add((request.scope, candidate))
        result[request] = candidate
    return result
