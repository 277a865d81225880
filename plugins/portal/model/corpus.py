"""Finding the content files, and the checks that look at all items together."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from portal.build.documents.index import check_documents
from portal.model.item import Item
from portal.model.problems import Problem, error
from portal.model.registries import REGISTRY_FILES, Registries
from portal.model.schema import ATTACHMENT_SUFFIXES, CONTENT_TYPES, IMAGE_SUFFIXES

ASSET_SUFFIXES = {"images": IMAGE_SUFFIXES, "files": ATTACHMENT_SUFFIXES}
_SVG_ACTIVE = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.IGNORECASE)


def _asset_problems(file: Path, relative: str, folder: str) -> list[Problem]:
    """Only pictures in images/ and documents in files/ are published; an SVG is a document
    the browser runs, so one carrying script is refused."""
    suffixes = ASSET_SUFFIXES[folder]
    if not file.name.lower().endswith(suffixes):
        return [error(relative, 0, "bad_asset", folder=folder, choices=", ".join(suffixes))]
    if file.suffix.lower() == ".svg" and _SVG_ACTIVE.search(file.read_bytes()):
        return [error(relative, 0, "unsafe_svg")]
    return []


def _visible_files(folder: str, relative: str = "") -> Iterator[tuple[str, str, str]]:
    """Every file below ``folder`` (path, path relative to it with "/", and ``file``,
    ``linked_folder`` or ``broken_link``), hidden ones and those in hidden folders left out;
    links to folders are named, not followed: one may point above itself and never end."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _visible_files(entry.path, f"{relative}{entry.name}/")
            elif entry.is_file():
                yield entry.path, relative + entry.name, "file"
            elif entry.is_symlink():
                kind = "linked_folder" if entry.is_dir() else "broken_link"
                yield entry.path, relative + entry.name, kind


def discover(content_root: Path) -> tuple[list[Path], list[Problem]]:
    """The Markdown items under the type folders, and every other file nobody would read."""
    items: list[Path] = []
    problems: list[Problem] = []
    found = sorted(_visible_files(str(content_root)), key=lambda entry: entry[1].split("/"))
    for path, relative, kind in found:
        top, _, rest = relative.partition("/")
        if kind != "file":
            problems.append(error(relative, 0, kind))
        elif top in CONTENT_TYPES and rest and relative.endswith(".md"):
            items.append(Path(path))
        elif top in ASSET_SUFFIXES and rest:
            problems += _asset_problems(Path(path), relative, top)
        elif relative not in REGISTRY_FILES:
            problems.append(error(relative, 0, "stray_file"))
    return items, problems


def unread_links(problems: list[Problem]) -> list[str]:
    """The links to folders ``discover`` found: the build must not walk into them either."""
    return [problem.path for problem in problems if problem.code in ("linked_folder", "broken_link")]


def item_year(item: Item) -> int:
    return item.date.moment.year if item.date else 0


def check_corpus(items: list[Item], registries: Registries) -> list[Problem]:
    """Ids unique in the portal; explicit slugs unique per type and year; document numbers."""
    problems: list[Problem] = []
    ids: dict[str, Item] = {}
    slugs: dict[tuple[str, int, str], Item] = {}
    for item in sorted(items, key=lambda i: i.path):
        identifier = item.get("id")
        if identifier:
            if identifier in ids:
                problems.append(error(item.path, item.line("id"), "duplicate_id", value=identifier,
                                      other=ids[identifier].path))
            ids.setdefault(identifier, item)
        slug = item.get("slug")
        if slug:
            key = (item.type, item_year(item), slug)
            if key in slugs:
                problems.append(error(item.path, item.line("slug"), "duplicate_slug", value=slug,
                                      other=slugs[key].path))
            slugs.setdefault(key, item)
    return problems + check_documents(items, registries.units)
