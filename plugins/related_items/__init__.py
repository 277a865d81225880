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


def _shared(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> int:
    """What two articles' terms (``_terms``) have in common, weighed."""
    return sum(WEIGHTS[kind] for kind, _ in a & b)


def _nearest(members: list[Any], position: int) -> list[Any]:
    """The members closest in time to ``position`` (lists are newest first)."""
    half = CANDIDATES_PER_TERM // 2
    return members[max(0, position - half): position + half + 1]


def relate(articles: list[Any]) -> None:
    """Articles are newest first. Candidates are the items nearest in time for each shared
    term, so the work stays linear in the number of items."""
    members: defaultdict[tuple[str, str], list[Any]] = defaultdict(list)
    by_type: defaultdict[str, list[Any]] = defaultdict(list)
    for article in articles:
        by_type[article.type].append(article)
        for term in _terms(article):
            members[term].append(article)
    rank = {id(article): index for index, article in enumerate(articles)}
    terms = {id(article): frozenset(_terms(article)) for article in articles}
    for group in by_type.values():
        for index, article in enumerate(group):
            article.newer_item = group[index - 1] if index > 0 else None
            article.older_item = group[index + 1] if index + 1 < len(group) else None
    for article in articles:
        candidates: dict[int, Any] = {}
        own = terms[id(article)]
        for term in _terms(article):
            group = members[term]
            for other in _nearest(group, _position(group, article, rank)):
                if other is not article:
                    candidates[id(other)] = other
        scored = sorted(candidates.values(),
                        key=lambda o: (-_shared(own, terms[id(o)]), -o.date.timestamp(), o.source_path))
        article.related_items = scored[:RELATED_COUNT]
        shown = {id(a) for a in article.related_items}
        unit_group = members[("unit", article.unit.slug)]
        start = _position(unit_group, article, rank) + 1
        article.other_items = [a for a in unit_group[start:start + OTHERS_COUNT + RELATED_COUNT]
                               if id(a) not in shown][:OTHERS_COUNT]


def _position(group: list[Any], article: Any, rank: dict[int, int]) -> int:
    low, high, target = 0, len(group), rank[id(article)]
    while low < high:
        middle = (low + high) // 2
        if rank[id(group[middle])] < target:
            low = middle + 1
        else:
            high = middle
    return low


def on_articles_finalized(generator: Any) -> None:
    relate(generator.context["portal"].articles)


def register() -> None:
    signals.article_generator_finalized.connect(on_articles_finalized)
