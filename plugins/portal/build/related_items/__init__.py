"""For each article: the newer and older item of its type ("Tin mới hơn", "Tin đã đưa"),
related items sharing topics, tags or unit ("Bài viết liên quan"), and other items of its
unit ("Các tin khác")."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pelican import signals

RELATED_COUNT = 5
OTHERS_COUNT = 6
CANDIDATES_PER_TERM = 12
WEIGHTS = {"topic": 3, "tag": 2, "unit": 1}  # what a shared topic, tag or unit counts


def _terms(article: Any) -> list[tuple[str, str]]:
    return ([("topic", t.slug) for t in article.topics] + [("tag", t.slug) for t in article.keywords]
            + [("unit", article.unit.slug)])


class _Weighed:
    """Each term as bits, as many as its kind weighs: what two articles share, weighed, is the
    count of the bits set in both their masks."""

    def __init__(self) -> None:
        self.bits: dict[tuple[str, str], int] = {}
        self.used = 0

    def mask(self, terms: list[tuple[str, str]]) -> int:
        mask = 0
        for term in terms:
            if term not in self.bits:
                width = WEIGHTS[term[0]]
                self.bits[term] = ((1 << width) - 1) << self.used
                self.used += width
            mask |= self.bits[term]
        return mask


def _nearest(members: list[Any], position: int) -> list[Any]:
    """The members closest in time to ``position`` (lists are newest first)."""
    half = CANDIDATES_PER_TERM // 2
    return members[max(0, position - half): position + half + 1]


def relate(articles: list[Any]) -> None:
    """Articles are newest first. Candidates are the items nearest in time for each shared
    term, so the work stays linear in the number of items."""
    members: defaultdict[tuple[str, str], list[Any]] = defaultdict(list)
    by_type: defaultdict[str, list[Any]] = defaultdict(list)
    places: list[list[tuple[list[Any], int]]] = []  # each article's terms: its group, its place there
    weighed, masks = _Weighed(), {}
    for article in articles:
        by_type[article.type].append(article)
        terms, found = _terms(article), []
        for term in terms:
            group = members[term]
            found.append((group, len(group)))
            group.append(article)
        places.append(found)
        masks[id(article)] = weighed.mask(terms)
    # Later first, then by source path: two sorts, as the dates' order is the reverse one.
    later_first = sorted(sorted(articles, key=lambda a: a.source_path), key=lambda a: a.date, reverse=True)
    order = {id(article): index for index, article in enumerate(later_first)}
    for group in by_type.values():
        for index, article in enumerate(group):
            article.newer_item = group[index - 1] if index > 0 else None
            article.older_item = group[index + 1] if index + 1 < len(group) else None
    for article, found in zip(articles, places, strict=True):
        candidates: dict[int, Any] = {}
        for group, place in found:
            for other in _nearest(group, place):
                if other is not article:
                    candidates[id(other)] = other
        own = masks[id(article)]
        scored = sorted(candidates.values(), key=lambda o: (-(own & masks[id(o)]).bit_count(), order[id(o)]))
        article.related_items = scored[:RELATED_COUNT]
        shown = {id(a) for a in article.related_items}
        unit_group, place = found[-1]  # the unit is the last term
        article.other_items = [a for a in unit_group[place + 1:place + 1 + OTHERS_COUNT + RELATED_COUNT]
                               if id(a) not in shown][:OTHERS_COUNT]


def on_articles_finalized(generator: Any) -> None:
    relate(generator.context["portal"].articles)


def register() -> None:
    signals.article_generator_finalized.connect(on_articles_finalized)
