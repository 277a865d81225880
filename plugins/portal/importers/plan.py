"""From what a page says to the item the portal will hold: its type, metadata, Markdown body,
pictures and file. A field the page does not give stays empty, and the item is then a draft."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from portal.common.text import fold, slugify
from portal.common.urls import trim_slug
from portal.importers import fields, images
from portal.importers.cleanup import clean_text, strip_chrome, summary_in_body
from portal.importers.dates import format_date
from portal.importers.markdown import to_markdown
from portal.importers.model import Extracted, Note, SavedPage

NO_DATE_FOLDER = "chua-co-ngay"
REQUIRED = {
    "news": ("Title", "Date"),
    "guidance": ("Title", "Date", "Number", "Kind", "Issuer", "Issued"),
    "exemplar": ("Title", "Date", "Subject", "Subject_kind"),
}
ORDER = ("Title", "Date", "Type", "Unit", "Status", "Id", "Legacy_url", "Author", "Source",
         "Summary", "Image", "Image_caption", "Number", "Kind", "Issuer", "Issued", "Supersedes")
FINGERPRINT_CHARS = 300


@dataclass(frozen=True)
class Options:
    content: Path
    unit: str
    type: str | None = None
    dry_run: bool = False
    force: bool = False
    base_url: str | None = None


@dataclass
class Read:
    """A page read by its adapter, its pictures found, before any file is planned."""

    page: SavedPage
    found: Extracted
    pictures: list[images.Picture]
    lead: images.Picture | None
    text: str
    legacy_url: str | None
    notes: list[Note] = field(default_factory=list)

    @property
    def identity(self) -> str:
        """The stable ``Id``: from the old address, else from the page's own words."""
        key = self.legacy_url or f"{self.found.title}\n{self.text}"
        return "legacy-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]

    def duplicate_keys(self) -> list[str]:
        keys = []
        if self.legacy_url:
            keys.append("url:" + self.legacy_url.split("#")[0].rstrip("/").lower())
        if self.found.title:
            title = fold(self.found.title)
            if self.found.date:
                keys.append(f"dated:{title}:{self.found.date.moment.date()}")
            keys.append(f"text:{title}:{fold(self.text)[:FINGERPRINT_CHARS]}")
        return keys


@dataclass
class Planned:
    read: Read
    type: str
    relative: str
    fields: dict[str, str]
    body: str
    missing: list[str]
    numbers: list[str]

    @property
    def draft(self) -> bool:
        return self.fields.get("Status") == "draft"

    def text(self) -> str:
        header = "\n".join(f"{key}: {self.fields[key]}" for key in ORDER if self.fields.get(key))
        return f"{header}\n\n{self.body}\n"


def read_page(page: SavedPage, found: Extracted, base_url: str | None) -> Read:
    strip_chrome(found.body)
    lead = None
    if found.lead_image is not None:
        lead = next(iter(images.find_pictures(found.lead_image)), None)
    pictures = images.find_pictures(found.body)
    for picture in [*pictures, *([lead] if lead else [])]:
        images.locate(picture, page.path, page.root)
    if lead and lead.file and any(p.file == lead.file for p in pictures):
        lead = None  # the same picture is in the text already
    legacy = found.legacy_url or (urljoin(base_url, page.relative) if base_url else None)
    return Read(page, found, pictures, lead, clean_text(found.body.get_text(" ")), legacy,
                list(found.notes))


def _type(read: Read, forced: str | None) -> str:
    if forced:
        return forced
    lead = f"{read.found.summary or ''} {read.text}"
    return "guidance" if fields.is_guidance(read.found.title, lead) else "news"


def _guidance_fields(read: Read) -> dict[str, str]:
    lead = f"{read.found.summary or ''} {read.text[:fields.LEAD_CHARS]}"
    lines = [line for line in map(clean_text, read.found.body.get_text("\n").splitlines()) if line]
    guidance = fields.read_guidance(read.found.title, lead, read.text, lines)
    values = {"Kind": guidance.kind, "Issuer": guidance.issuer or "",
              "Number": guidance.number.text if guidance.number else "",
              "Issued": format_date(guidance.issued) if guidance.issued else "",
              "Supersedes": ", ".join(n.text for n in guidance.supersedes
                                      if not guidance.number or n.key != guidance.number.key)}
    return {key: value for key, value in values.items() if value}


def _place_pictures(read: Read, folder: str, slug: str) -> list[Note]:
    """Name each saved picture under images/; leave out, and report, the others."""
    notes = []
    soup = BeautifulSoup("", "html.parser")
    ordered = [*([read.lead] if read.lead else []), *read.pictures]
    for number, picture in enumerate(ordered, 1):
        if picture.file is None:
            code = "image_refused" if picture.refused else "image_missing"
            notes.append(Note(code, {"src": picture.src, "caption": picture.caption}))
            if picture is not read.lead:
                picture.node.decompose()
            continue
        picture.target = f"images/{folder}/{slug}-{number}{picture.file.suffix.lower()}"
        if picture is not read.lead:
            picture.node.replace_with(images.figure_html(soup, picture))
    return notes


PathChooser = Callable[[str, str, str, str], str]


def plan_item(read: Read, options: Options, relative_for: PathChooser) -> Planned:
    """Everything the item's file will say. ``relative_for(type, folder, slug, identity)`` picks
    the file's path under content/ (its own if the item was imported before)."""
    found = read.found
    kind = _type(read, options.type)
    year = str(found.date.moment.year) if found.date else NO_DATE_FOLDER
    slug = trim_slug(slugify(found.title or read.page.path.stem))
    relative = relative_for(kind, f"{options.unit}/{year}", slug, read.identity)
    notes = list(read.notes)
    if not found.date:
        notes.append(Note("no_year_folder", {"folder": f"{kind}/{options.unit}/{year}"}))
    notes += _place_pictures(read, f"{options.unit}/{year}", Path(relative).stem)
    body = to_markdown(found.body, read.legacy_url, found.summary)
    summary = found.summary
    if summary and body and summary_in_body(summary, body.split("\n\n", 1)[0]):
        summary = None
    values = {
        "Title": found.title or "", "Date": format_date(found.date) if found.date else "",
        "Type": kind, "Unit": options.unit, "Id": read.identity,
        "Legacy_url": read.legacy_url or "", "Author": found.author or "",
        "Source": found.source or "", "Summary": summary or "",
    }
    if read.lead and read.lead.target:
        values["Image"] = read.lead.target
        values["Image_caption"] = read.lead.caption
    if kind == "guidance":
        values.update(_guidance_fields(read))
    missing = [key for key in REQUIRED[kind] if not values.get(key)]
    if missing:
        values["Status"] = "draft"
    numbers = [n.text for n in fields.numbers_in(f"{found.title or ''} {summary or ''} {read.text}")]
    read.notes = notes
    return Planned(read, kind, relative, {k: clean_text(v) for k, v in values.items() if v},
                   body, missing, numbers)
