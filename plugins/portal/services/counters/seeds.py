"""Starting counts carried over from the legacy site, from a JSON file:

    {"site": 41226808, "articles": 3120554, "pages": {"tin-2019-0003": 25341}}

``site`` is the visits odometer, ``articles`` the total of item views, ``pages`` the views of
each page by its counter id. Every key is optional; seeding raises counts, never lowers them."""

from __future__ import annotations

import json
from pathlib import Path

from portal.services.counters.config import MAX_PAGE_ID_LENGTH
from portal.services.counters.messages import label
from portal.services.counters.store import Seed


class SeedError(ValueError):
    pass


def _count(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SeedError(label("seed_count", where=where, value=repr(value)))
    return value


def read_seed(path: Path) -> Seed:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SeedError(str(error)) from error
    if not isinstance(data, dict) or not isinstance(data.get("pages", {}), dict):
        raise SeedError(label("seed_shape"))
    pages = {}
    for page, views in data.get("pages", {}).items():
        if not 0 < len(page) <= MAX_PAGE_ID_LENGTH:
            raise SeedError(label("seed_page", page=repr(page)))
        pages[page] = _count(views, page)
    return Seed(_count(data.get("site", 0), "site"), _count(data.get("articles", 0), "articles"),
                pages)
