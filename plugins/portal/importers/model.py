"""What the importer reads and what it learns from each saved page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bs4 import Tag

from portal.common.dates import PortalDate


@dataclass(frozen=True)
class SavedPage:
    """One saved page: the file, where it lies under the folder given, its text."""

    path: Path
    root: Path
    text: str
    encoding: str

    @property
    def relative(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    @property
    def is_text(self) -> bool:
        return self.path.suffix.lower() == ".txt"


@dataclass(frozen=True)
class Note:
    """A message for the report: a code of ``messages.MESSAGES`` and its values."""

    code: str
    params: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass
class Extracted:
    """The fields one adapter found in a page; None where the page does not say. ``datelines``
    are the texts it read a date from, kept to tell the report why none was taken."""

    adapter: str
    body: Tag
    title: str | None = None
    date: PortalDate | None = None
    author: str | None = None
    source: str | None = None
    summary: str | None = None
    lead_image: Tag | None = None
    views: int | None = None
    legacy_url: str | None = None
    print_view: bool = False
    datelines: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
