"""The registries of units and topics (content/units.toml, content/topics.toml)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from portal.common.text import is_slug
from portal.model.problems import Problem, error

UNITS_FILE = "units.toml"
TOPICS_FILE = "topics.toml"
BANNERS_FILE = "banners.toml"
REGISTRY_FILES = (UNITS_FILE, TOPICS_FILE, BANNERS_FILE)
_LINK = re.compile(r"^(https?://|/)[^\s\"'<>]*$")


@dataclass(frozen=True)
class Unit:
    slug: str
    name: str
    short_name: str = ""
    parent: str | None = None
    website: str = ""
    ended: date | None = None
    successor: str | None = None

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    from_year: int | None = None
    to_year: int | None = None
    description: str = ""

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> str:
        if self.from_year and self.to_year and self.from_year != self.to_year:
            return f"{self.from_year}–{self.to_year}"
        return str(self.from_year or self.to_year or "")


@dataclass(frozen=True)
class Banner:
    """A picture in the sidebar linking to a campaign, a topic or another site."""

    image: str
    alt: str
    url: str


@dataclass
class UnitRegistry:
    units: dict[str, Unit] = field(default_factory=dict)

    def __contains__(self, slug: object) -> bool:
        return slug in self.units

    def __getitem__(self, slug: str) -> Unit:
        return self.units[slug]

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units.values())

    def children(self, slug: str | None) -> list[Unit]:
        return [unit for unit in self.units.values() if unit.parent == slug]

    def roots(self) -> list[Unit]:
        return [u for u in self.units.values() if u.parent is None or u.parent not in self.units]

    def ancestors(self, slug: str) -> list[Unit]:
        """Parent first, root last."""
        chain: list[Unit] = []
        current = self.units.get(slug)
        while current and current.parent in self.units and len(chain) < len(self.units):
            current = self.units[current.parent]
            chain.append(current)
        return chain

    def lineage(self, slug: str) -> list[str]:
        """The unit's own slug followed by its ancestors'."""
        return [slug, *(unit.slug for unit in self.ancestors(slug))]

    def predecessors(self, slug: str) -> list[Unit]:
        return [unit for unit in self.units.values() if unit.successor == slug]


@dataclass
class Registries:
    units: UnitRegistry
    topics: dict[str, Topic]
    banners: list[Banner] = field(default_factory=list)


def _entry_lines(text: str, table: str) -> list[int]:
    header = re.compile(rf"^\s*\[\[\s*{table}\s*\]\]")
    return [number for number, line in enumerate(text.split("\n"), 1) if header.match(line)]


def _read_table(content: Path, name: str, table: str, optional: bool = False
                ) -> tuple[list[tuple[int, dict[str, Any]]], list[Problem]]:
    file = content / name
    if not file.exists():
        return [], [] if optional else [error(name, 0, "registry_missing", name=name)]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        return [], [error(name, line, "not_utf8", line_number=line)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        line = int(m[1]) if (m := re.search(r"line (\d+)", str(problem))) else 0
        return [], [error(name, line, "registry_syntax", detail=str(problem), table=table)]
    rows = data.get(table, [])
    lines = _entry_lines(text, table)
    return [(lines[i] if i < len(lines) else 0, row) for i, row in enumerate(rows)], []


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _unit(row: dict[str, Any], line: int, problems: list[Problem]) -> Unit | None:
    slug, name = _text(row, "slug"), _text(row, "name")
    entry = slug or name or f"#{line}"
    bad: list[tuple[str, str]] = []
    if not is_slug(slug):
        bad.append(("slug", '"huyen-uy-ha-dong"'))
    if not name:
        bad.append(("name", '"Huyện uỷ Hà Đông"'))
    website = _text(row, "website")
    if website and not re.match(r"^https?://[^\s\"'<>]+$", website):
        bad.append(("website", '"https://example.vn"'))
    ended: date | None = None
    if row.get("ended"):
        try:
            ended = date.fromisoformat(str(row["ended"]))
        except ValueError:
            bad.append(("ended", '"2025-07-01"'))
    for key, example in bad:
        problems.append(error(UNITS_FILE, line, "registry_field", entry=entry, key=key,
                              example=example))
    if bad and ("slug", '"huyen-uy-ha-dong"') in bad:
        return None
    return Unit(slug, name or slug, _text(row, "short_name"), _text(row, "parent") or None,
                website, ended, _text(row, "successor") or None)


def _check_units(units: dict[str, Unit], lines: dict[str, int],
                 problems: list[Problem]) -> dict[str, Unit]:
    """Report broken references, loops and successors without an end; return the units with
    those links removed, so that the build can still render and list every problem."""
    checked: dict[str, Unit] = {}
    for unit in units.values():
        line = lines[unit.slug]
        links = {"parent": unit.parent, "successor": unit.successor}
        for key, target in links.items():
            if target and target not in units:
                problems.append(error(UNITS_FILE, line, "registry_unknown_ref", entry=unit.slug,
                                      key=key, value=target))
                links[key] = None
        if unit.successor and not unit.ended:
            problems.append(error(UNITS_FILE, line, "registry_successor", entry=unit.slug))
            links["successor"] = None
        chain, current = [unit.slug], unit
        while current.parent in units:
            current = units[current.parent]
            if current.slug in chain:
                problems.append(error(UNITS_FILE, line, "registry_cycle", entry=unit.slug,
                                      chain=" -> ".join([*chain, current.slug])))
                links["parent"] = None
                break
            chain.append(current.slug)
        checked[unit.slug] = replace(unit, **links)
    return checked


def load_units(content: Path) -> tuple[UnitRegistry, list[Problem]]:
    rows, problems = _read_table(content, UNITS_FILE, "unit")
    units: dict[str, Unit] = {}
    lines: dict[str, int] = {}
    for line, row in rows:
        unit = _unit(row, line, problems)
        if unit is None:
            continue
        if unit.slug in units:
            problems.append(error(UNITS_FILE, line, "registry_duplicate", value=unit.slug))
            continue
        units[unit.slug] = unit
        lines[unit.slug] = line
    return UnitRegistry(_check_units(units, lines, problems)), problems


def _year(row: dict[str, Any], key: str) -> int | None:
    value = row.get(key)
    return value if isinstance(value, int) and 1900 < value < 2200 else None


def load_topics(content: Path) -> tuple[dict[str, Topic], list[Problem]]:
    rows, problems = _read_table(content, TOPICS_FILE, "topic")
    topics: dict[str, Topic] = {}
    for line, row in rows:
        slug, title = _text(row, "slug"), _text(row, "title")
        entry = slug or title or f"#{line}"
        bad = [key for key, ok in (("slug", is_slug(slug)), ("title", bool(title))) if not ok]
        bad += [key for key in ("from_year", "to_year") if key in row and _year(row, key) is None]
        for key in bad:
            example = {"slug": '"chuyen-de-2021"', "title": '"..."'}.get(key, "2021")
            problems.append(error(TOPICS_FILE, line, "registry_field", entry=entry, key=key,
                                  example=example))
        if "slug" in bad or "title" in bad:
            continue
        if slug in topics:
            problems.append(error(TOPICS_FILE, line, "registry_duplicate", value=slug))
            continue
        topics[slug] = Topic(slug, title, _year(row, "from_year"), _year(row, "to_year"),
                             _text(row, "description"))
    return topics, problems


def load_banners(content: Path) -> tuple[list[Banner], list[Problem]]:
    """The optional content/banners.toml: image (under images/), alt text and link."""
    rows, problems = _read_table(content, BANNERS_FILE, "banner", optional=True)
    banners: list[Banner] = []
    for line, row in rows:
        image, alt, url = _text(row, "image").lstrip("/"), _text(row, "alt"), _text(row, "url")
        checks = (("image", image.startswith("images/") and (content / image).is_file(),
                   '"images/chuyen-de-2024.png"'),
                  ("alt", bool(alt), '"Chuyên đề năm 2024"'),
                  ("url", bool(_LINK.match(url)), '"/chuyen-de/chuyen-de-2024/"'))
        bad = [(key, example) for key, ok, example in checks if not ok]
        for key, example in bad:
            problems.append(error(BANNERS_FILE, line, "registry_field", entry=alt or image or
                                  f"#{line}", key=key, example=example))
        if not bad:
            banners.append(Banner(image, alt, url))
    return banners, problems


def load_registries(content: Path) -> tuple[Registries, list[Problem]]:
    units, unit_problems = load_units(content)
    topics, topic_problems = load_topics(content)
    banners, banner_problems = load_banners(content)
    return Registries(units, topics, banners), unit_problems + topic_problems + banner_problems
