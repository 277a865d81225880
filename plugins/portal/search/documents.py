"""What the search indexes know of an item, taken from the built page and the portal index."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

from portal.common.search_text import number_key

EXCERPT_CHARACTERS = 120
# A tag (its attribute values quoted, as the sanitiser writes them) or a comment.
_MARKUP = re.compile(r"""<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>""", re.DOTALL)


@dataclass(frozen=True)
class SearchDocument:
    """One published item. ``doc`` is its rank newest first: a smaller number is newer."""

    doc: int
    url: str
    title: str
    summary: str  # the lead, tags, issuer and subject: short text that tells what it is about
    body: str
    unit: str
    units: tuple[str, ...]  # the unit and its ancestors, so a unit filter finds descendants
    type: str
    topics: tuple[str, ...]
    day: str  # ISO date in the portal's time zone
    number: str
    number_key: str
    excerpt: str

    @property
    def texts(self) -> tuple[str, str, str]:
        return self.title, self.summary, self.body

    @property
    def date(self) -> date:
        return date.fromisoformat(self.day)


def body_text(html: str) -> str:
    """The text of an item's rendered body HTML (what the page shows in ``.item-body``: the
    body and nothing of the page's chrome): each run of text between tags, stripped, joined
    by spaces, as BeautifulSoup's ``get_text(" ", strip=True)`` gives it, many times faster.
    The body has been through the sanitiser: no script, style nor unquoted attribute."""
    parts = (unescape(part).strip() for part in _MARKUP.split(html))
    return " ".join(part for part in parts if part)


def _short(text: str) -> str:
    if len(text) <= EXCERPT_CHARACTERS:
        return text
    return text[:EXCERPT_CHARACTERS].rsplit(" ", 1)[0] + " …"


def from_article(doc: int, article: Any, lineage: list[str]) -> SearchDocument:
    """The item as the indexes read it; ``body`` is still its rendered HTML (``with_text``
    turns it into text, in the indexing process)."""
    lead = [article.excerpt if article.summary_html else "",
            *(tag.name for tag in article.keywords),
            getattr(article, "issuer", "") or "", getattr(article, "subject", "") or ""]
    number = getattr(article, "number", None)
    return SearchDocument(
        doc=doc, url=article.url, title=article.title, summary=" ".join(p for p in lead if p),
        body=article.content, unit=article.unit.slug, units=tuple(lineage), type=article.type,
        topics=tuple(topic.slug for topic in article.topics), day=article.date.date().isoformat(),
        number=number.text if number else "", number_key=number_key(number) if number else "",
        excerpt=_short(article.excerpt))


def write_documents(path: Path, documents: Iterable[SearchDocument]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps(vars(document), ensure_ascii=False) + "\n")  # asdict: a deep copy
            count += 1
    return count


def read_documents(path: Path) -> Iterator[SearchDocument]:
    with path.open(encoding="utf-8") as source:
        for line in source:
            values = json.loads(line)
            for key in ("units", "topics"):
                values[key] = tuple(values[key])
            yield SearchDocument(**values)
