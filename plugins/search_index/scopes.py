"""The filters whose first pages the word files carry, and the scopes that split those files.

A query with a unit filter reads its words' files of the unit's branch (the unit just under
the top one, with all the units under it), a topic filter those of the topic, dates within
one or two years those of each year. Such a file holds only its scope's items, so it stays
small however many units, topics and years the portal has. A filter on a top unit keeps every
item under it: its first page is the unfiltered one, in the ``w/`` files.
"""

from __future__ import annotations

from dataclasses import dataclass

from search_index.documents import SearchDocument
from search_index.manifest import Manifest


def branch(manifest: Manifest, unit: int) -> int | None:
    """The unit just under the top one that ``unit`` (an index) is in; None for a top unit."""
    parent = manifest.units[unit][2]
    if parent < 0:
        return None
    while manifest.units[parent][2] >= 0:
        unit, parent = parent, manifest.units[parent][2]
    return unit


@dataclass
class Scopes:
    by_type: list[tuple[int, ...]]  # each item's filters of the w/ files: all items, its type
    by_filter: list[tuple[int, ...]]  # each item's unit filters (not a top unit), topics, year
    scope_of: dict[int, str]  # the folder of each filter of ``by_filter``
    tag_of: dict[int, str]  # how the page names each filter of ``by_filter``: u<unit>, t<topic>, y<year>
    item_scopes: list[tuple[str, ...]]  # the folders each item is in

    @classmethod
    def of(cls, documents: list[SearchDocument], manifest: Manifest) -> Scopes:
        numbers: dict[tuple[str, str | int], int] = {}
        scope_of: dict[int, str] = {}
        tag_of: dict[int, str] = {}

        def number(kind: str, value: str | int, scope: str | None = None) -> int:
            found = numbers.setdefault((kind, value), len(numbers))
            if scope is not None:
                scope_of[found] = scope
                tag_of[found] = f"{kind[0]}{value}"
            return found

        every = number("every", 0)
        by_type, by_filter, item_scopes = [], [], []
        for document in documents:
            by_type.append((every, number("type", document.type)))
            home = branch(manifest, manifest.unit_index[document.unit])
            units = tuple(number("unit", unit, f"u/{home}") for unit in
                          (manifest.unit_index[slug] for slug in document.units)
                          if manifest.units[unit][2] >= 0)
            topics = tuple(number("topic", manifest.topic_index[topic], f"t/{manifest.topic_index[topic]}")
                           for topic in document.topics)
            year = number("year", document.date.year, f"y/{document.date.year}")
            by_filter.append((*units, *topics, year))
            item_scopes.append(tuple(scope_of[facet] for facet in (*units[:1], *topics, year)))
        return cls(by_type, by_filter, scope_of, tag_of, item_scopes)

    def folders(self) -> set[str]:
        return set(self.scope_of.values())
