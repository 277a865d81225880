"""The counters manifest: which page ids the counter service accepts, and the title and address
of each item for the "Xem nhiều nhất" list. The build writes it; the service reads it.

A page's counter id:
- an item: its ``Id`` when it has one; otherwise its source path under content/ without
  ``.md`` (``news/huyen-uy-ha-dong/2020/ten-bai``). Such an id changes when the file moves or is
  renamed, so give an ``Id`` to any item whose counts matter; ``Id`` values hold no ``/``, so the
  two kinds never meet.
- any other page (home, listings, unit, topic, tag and archive pages): ``page:`` and its address
  (``page:/``, ``page:/tin-tuc/``); every page of a paginated listing shares the listing's id.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal.common.inert_json import inert_json

MANIFEST_FILE = "counters.json"
FORMAT = 1
PAGE_PREFIX = "page:"


def is_item(page_id: str) -> bool:
    return not page_id.startswith(PAGE_PREFIX)


def item_id(article: Any) -> str:
    return article.metadata.get("id") or article.item.path.removesuffix(".md")


def page_id(context: Mapping[str, Any]) -> str:
    """The counter id of the page rendered with ``context`` (a template context); empty for a
    page that is neither an item nor has an address of its own, which then counts nothing."""
    article = context.get("article")
    if article is not None:
        return item_id(article)
    listing = context.get("listing")
    url = listing.url if listing is not None else context.get("page_url")
    return "" if url is None else f"{PAGE_PREFIX}/{url}"


@dataclass(frozen=True)
class Entry:
    title: str
    url: str


@dataclass
class Manifest:
    items: dict[str, Entry] = field(default_factory=dict)
    pages: set[str] = field(default_factory=set)

    def __contains__(self, page_id: object) -> bool:
        return page_id in self.items or page_id in self.pages

    def to_json(self) -> str:
        items = {key: {"title": e.title, "url": e.url} for key, e in sorted(self.items.items())}
        return inert_json({"format": FORMAT, "items": items, "pages": sorted(self.pages)}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown counters manifest format: {data.get('format')!r}")
        items = {key: Entry(str(e["title"]), str(e["url"])) for key, e in data["items"].items()}
        return cls(items, {str(p) for p in data["pages"]})

    def write(self, path: Path) -> None:
        """Replace ``path`` in one step, so that a service reading it never sees half a file."""
        partial = path.with_name(f".{path.name}.tmp")
        partial.write_text(self.to_json(), encoding="utf-8")
        os.replace(partial, path)
