"""Where imported items go under content/, and writing them: never over an existing file unless
asked (``--force``); the old view counts merged into the counter service's seed file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from portal.importers import images
from portal.importers.plan import Planned
from portal.model.schema import CONTENT_TYPES

_ID_LINE = re.compile(r"^id\s*:\s*(?P<id>\S+)\s*$", re.IGNORECASE)
HEADER_LINES = 40


def _identity(file: Path) -> str | None:
    with file.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines):
            if number >= HEADER_LINES or not line.strip():
                return None
            if match := _ID_LINE.match(line.strip()):
                return match["id"]
    return None


class Placement:
    """The content folder's items by ``Id``, and the paths taken, so that an item imported
    again finds its own file and a new one never takes another's."""

    def __init__(self, content: Path) -> None:
        self.by_id: dict[str, str] = {}
        self.taken: set[str] = set()
        for kind in CONTENT_TYPES:
            for file in sorted((content / kind).rglob("*.md")):
                relative = file.relative_to(content).as_posix()
                self.taken.add(relative)
                if (identity := _identity(file)) is not None:
                    self.by_id.setdefault(identity, relative)

    def choose(self, kind: str, folder: str, slug: str, identity: str) -> str:
        if identity in self.by_id:
            return self.by_id[identity]
        candidate, number = f"{kind}/{folder}/{slug}.md", 2
        while candidate in self.taken:
            candidate, number = f"{kind}/{folder}/{slug}-{number}.md", number + 1
        self.taken.add(candidate)
        self.by_id[identity] = candidate
        return candidate


def write_item(item: Planned, content: Path) -> None:
    for picture in [*([item.read.lead] if item.read.lead else []), *item.read.pictures]:
        images.copy_picture(picture, content)
    target = content / item.relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(item.text(), encoding="utf-8")


def merge_counts(path: Path, counts: dict[str, int]) -> bool:
    """Add the old view counts to the seed file (a count is never lowered); whether it changed."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    pages = data.setdefault("pages", {})
    before = dict(pages)
    for identity, views in counts.items():
        pages[identity] = max(views, pages.get(identity, 0))
    if pages == before and path.is_file():
        return False
    data["pages"] = dict(sorted(pages.items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return True
