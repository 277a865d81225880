"""The published items, indexed the ways readers browse them: unit, type, topic, tag, date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.model.reader import Term
from portal.model.registries import Registries, Topic, Unit
from portal.model.schema import CONTENT_TYPES, ContentType

Article = Any  # pelican.contents.Article, carrying the metadata of portal.model.reader


def newest_first(articles: Sequence[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date, a.source_path), reverse=True)


@dataclass
class Portal:
    """Shared by every plugin and template of one build (``portal`` in the template context)."""

    registries: Registries
    articles: list[Article]
    by_unit: dict[str, list[Article]] = field(default_factory=dict)
    by_type: dict[str, list[Article]] = field(default_factory=dict)
    by_topic: dict[str, list[Article]] = field(default_factory=dict)
    by_tag: dict[Term, list[Article]] = field(default_factory=dict)
    by_day: dict[date, list[Article]] = field(default_factory=dict)

    @classmethod
    def index(cls, registries: Registries, articles: Sequence[Article]) -> Portal:
        ordered = newest_first(articles)
        groups: dict[str, defaultdict[Any, list[Article]]] = {
            name: defaultdict(list) for name in ("unit", "type", "topic", "tag", "day")
        }
        for article in ordered:
            groups["unit"][article.unit.slug].append(article)
            groups["type"][article.type].append(article)
            groups["day"][article.date.date()].append(article)
            for topic in article.topics:
                groups["topic"][topic.slug].append(article)
            for tag in article.keywords:
                groups["tag"][tag].append(article)
        return cls(registries, ordered, dict(groups["unit"]), dict(groups["type"]),
                   dict(groups["topic"]), dict(groups["tag"]), dict(groups["day"]))

    @property
    def units(self) -> list[Unit]:
        return list(self.registries.units)

    @property
    def topics(self) -> list[Topic]:
        return list(self.registries.topics.values())

    @property
    def content_types(self) -> list[ContentType]:
        return list(CONTENT_TYPES.values())

    def unit(self, slug: str) -> Unit:
        return self.registries.units[slug]

    def rollup(self, slug: str) -> list[Article]:
        """A unit's own items and its descendants', newest first."""
        units = self.registries.units
        slugs = [slug]
        for current in slugs:
            slugs.extend(child.slug for child in units.children(current))
        if len(slugs) == 1:
            return self.by_unit.get(slug, [])
        return newest_first([a for s in slugs for a in self.by_unit.get(s, [])])

    def latest(self, count: int = 6) -> list[Article]:
        return self.articles[:count]

    def years(self) -> list[tuple[int, list[int]]]:
        """Years with items, newest first, each with its months that have items."""
        months: defaultdict[int, set[int]] = defaultdict(set)
        for day in self.by_day:
            months[day.year].add(day.month)
        return [(year, sorted(months[year], reverse=True)) for year in sorted(months, reverse=True)]

    def front_units(self, per_unit: int = 3) -> list[tuple[Unit, list[Article]]]:
        """The units the home page gives a block, each with its latest items: those under the
        top of the tree (the top ones when none is under them) that have items."""
        units = self.registries.units
        shown = [child for root in units.roots() for child in units.children(root.slug)]
        return [(unit, items[:per_unit]) for unit in shown or units.roots()
                if not unit.ended and (items := self.rollup(unit.slug))]

    def unit_websites(self) -> list[Unit]:
        return [unit for unit in self.registries.units if unit.website and not unit.ended]
