"""Finding the document a number names, as a reader of the citing unit would.

A number is resolved first within the citing unit, then its ancestors (nearest first),
then the whole portal when exactly one document there has it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from portal.common.text import fold
from portal.model.item import Item
from portal.model.problems import Problem, error, warning
from portal.model.registries import UnitRegistry

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    unit: str
    target: T


class DocumentIndex(Generic[T]):
    def __init__(self, units: UnitRegistry) -> None:
        self._units = units
        self._by_key: dict[str, list[Entry[T]]] = defaultdict(list)

    def add(self, key: str, unit: str, target: T) -> None:
        self._by_key[key].append(Entry(unit, target))

    def resolve(self, key: str, citing_unit: str) -> T | None:
        entries = self._by_key.get(key, [])
        for slug in self._units.lineage(citing_unit):
            here = [entry.target for entry in entries if entry.unit == slug]
            if here:
                return here[0] if len(here) == 1 else None
        return entries[0].target if len(entries) == 1 else None


def index_items(items: Iterable[Item], units: UnitRegistry) -> DocumentIndex[Item]:
    index: DocumentIndex[Item] = DocumentIndex(units)
    for item in items:
        if item.number and item.unit:
            index.add(item.number.key, item.unit.slug, item)
    return index


def check_documents(items: list[Item], units: UnitRegistry) -> list[Problem]:
    """Numbers unique per issuer and year; superseded numbers found on the portal."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str, int], Item] = {}
    guidance = [item for item in items if item.number and item.issued and item.get("issuer")]
    for item in sorted(guidance, key=lambda i: i.path):
        key = (item.number.key, fold(item.get("issuer")), item.issued.moment.year)
        if key in seen:
            problems.append(error(item.path, item.line("number"), "duplicate_number",
                                  value=item.number.text, issuer=item.get("issuer"),
                                  year=key[2], other=seen[key].path))
        else:
            seen[key] = item
    index = index_items(guidance, units)
    for item in guidance:
        for number in item.get("supersedes", []):
            if index.resolve(number.key, item.unit.slug) is None:
                problems.append(warning(item.path, item.line("supersedes"),
                                        "supersedes_unknown", value=number.text))
    return problems
