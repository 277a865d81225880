"""Unit sections: each unit's own and descendants' items, by type, and the tree of units."""

from __future__ import annotations

from typing import Any

from pelican import signals

from portal.common import urls
from portal.common.listing import Crumb, Listing, ListingGenerator

UNITS_TITLE = "Đơn vị"


def unit_crumbs(portal: Any, slug: str) -> list[Crumb]:
    lineage = [portal.unit(slug), *portal.registries.units.ancestors(slug)]
    return [Crumb(UNITS_TITLE, urls.UNITS),
            *(Crumb(unit.name, urls.unit(unit.slug)) for unit in reversed(lineage))]


class UnitsGenerator(ListingGenerator):
    def generate_output(self, writer: Any) -> None:
        portal = self.portal
        self.write_page(writer, urls.UNITS, "units", page_title=UNITS_TITLE,
                        crumbs=[Crumb(UNITS_TITLE)])
        for unit in portal.units:
            items = portal.rollup(unit.slug)
            crumbs = unit_crumbs(portal, unit.slug)
            tabs = [(content_type, urls.unit_type(unit.slug, content_type.segment),
                     sum(1 for a in items if a.type == content_type.key))
                    for content_type in portal.content_types]
            section = Listing("unit", unit.name, urls.unit(unit.slug),
                              [*crumbs[:-1], Crumb(unit.name)], subject=unit,
                              links=[(t.label_plural, url, n) for t, url, n in tabs if n])
            self.write_listing(writer, section, items)
            for content_type, url, count in tabs:
                if not count:
                    continue
                listing = Listing("unit_type", f"{content_type.label_plural} — {unit.name}", url,
                                  [*crumbs, Crumb(content_type.label_plural)], subject=unit,
                                  links=section.links)
                self.write_listing(writer, listing,
                                   [a for a in items if a.type == content_type.key])


def get_generators(pelican: Any) -> type[UnitsGenerator]:
    return UnitsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
