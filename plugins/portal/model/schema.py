"""What an item may say: content types, metadata keys, and how each value is read."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.common.dates import DateFormatError, ImpossibleDateError, parse_date
from portal.common.document_numbers import parse_number
from portal.common.messages import Text
from portal.common.text import is_slug, slugify
from portal.common.urls import MAX_SLUG_LENGTH
from portal.model.registries import Registries


@dataclass(frozen=True)
class ContentType:
    key: str
    segment: str
    label: str
    label_plural: str
    noun: str  # how the text names one of them: "Tin mới hơn", "Các văn bản khác", "In bài"


CONTENT_TYPES: dict[str, ContentType] = {
    "news": ContentType("news", "tin-tuc", "Tin tức", "Tin tức", "tin"),
    "guidance": ContentType("guidance", "van-ban", "Văn bản", "Văn bản chỉ đạo", "văn bản"),
    "exemplar": ContentType("exemplar", "tam-guong", "Tấm gương", "Tấm gương điển hình", "bài"),
}
STATUSES = ("published", "draft")
SUBJECT_KINDS = {"individual": "Cá nhân", "collective": "Tập thể"}
DOCUMENT_KINDS = (
    "Hướng dẫn", "Kế hoạch", "Chỉ thị", "Kết luận", "Quy định", "Công văn", "Nghị quyết",
    "Quyết định", "Thông báo", "Báo cáo", "Nghị định", "Thông tư", "Chương trình", "Đề án",
    "Thông tri", "Quy chế",
)
ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".xlsx", ".xls", ".ods")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg")


class FieldError(Exception):
    """A value that cannot be read; ``key`` names the message in the catalog."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


# The body `portal new` writes for the official to replace, in either language.
PLACEHOLDER_BODY = Text("Viết nội dung bài ở đây.", "Write the item's text here.")


@dataclass(frozen=True)
class Context:
    registries: Registries
    content_root: Path
    production: bool = False  # the build for the public site, not a preview on this machine


Reader = Callable[[str, str, Context], Any]


def _text(value: str, key: str, context: Context) -> str:
    return value


def _date(value: str, key: str, context: Context) -> Any:
    try:
        return parse_date(value)
    except DateFormatError:
        raise FieldError("date_format", value=value) from None
    except ImpossibleDateError:
        raise FieldError("date_impossible", value=value) from None


def _choice(options: tuple[str, ...]) -> Reader:
    def read(value: str, key: str, context: Context) -> str:
        for option in options:
            if option.lower() == value.lower():
                return option
        raise FieldError("bad_choice", value=value, choices=", ".join(options))
    return read


def _hint(value: str, options: list[str], label: str) -> str:
    from difflib import get_close_matches

    close = get_close_matches(slugify(value), options, n=1)
    return f" ({label} «{close[0]}»?)" if close else ""


def _unit(value: str, key: str, context: Context) -> Any:
    units = context.registries.units
    if value in units:
        return units[value]
    raise FieldError("unknown_unit", value=value, hint=_hint(value, list(units.units), "→"))


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _topics(value: str, key: str, context: Context) -> Any:
    topics = context.registries.topics
    found = []
    for slug in dict.fromkeys(split_list(value)):
        if slug not in topics:
            raise FieldError("unknown_topic", value=slug, hint=_hint(slug, list(topics), "→"))
        found.append(topics[slug])
    return found


def _tags(value: str, key: str, context: Context) -> list[str]:
    """Tags by their slug: a tag is written once however its case or marks vary, and each
    needs a short slug for its page's address."""
    tags: dict[str, str] = {}
    for tag in split_list(value):
        slug = slugify(tag)
        if not slug or len(slug) > MAX_SLUG_LENGTH:
            raise FieldError("bad_tag", value=tag, limit=MAX_SLUG_LENGTH)
        tags.setdefault(slug, tag)
    return list(tags.values())


def _number(value: str, key: str, context: Context) -> Any:
    number = parse_number(value)
    if number is None:
        raise FieldError("bad_number", value=value)
    return number


def _numbers(value: str, key: str, context: Context) -> Any:
    return [_number(part, key, context) for part in split_list(value)]


def _identifier(value: str, key: str, context: Context) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}", value):
        raise FieldError("bad_id", value=value)
    return value


def _slug(value: str, key: str, context: Context) -> str:
    if not is_slug(value) or len(value) > MAX_SLUG_LENGTH:
        raise FieldError("bad_slug", value=value, limit=MAX_SLUG_LENGTH)
    return value


def _year(value: str, key: str, context: Context) -> int:
    if not re.fullmatch(r"(19|20|21)\d{2}", value):
        raise FieldError("bad_year", value=value)
    return int(value)


def _url(value: str, key: str, context: Context) -> str:
    if not re.fullmatch(r"(https?://|/)[^\s\"'<>]*", value):
        raise FieldError("bad_choice", value=value, choices="http://..., https://..., /...")
    return value


def _files(folder: str, suffixes: tuple[str, ...]) -> Reader:
    def read(value: str, key: str, context: Context) -> list[str]:
        paths = []
        for part in split_list(value):
            relative = part.lstrip("/")
            if not relative.lower().endswith(suffixes):
                raise FieldError("bad_attachment", value=part, choices=", ".join(suffixes))
            resolved = (context.content_root / relative).resolve()
            inside = context.content_root.resolve() / folder
            if not resolved.is_relative_to(inside) or not resolved.is_file():
                raise FieldError("missing_file", value=part, folder=folder)
            paths.append(relative)
        return list(dict.fromkeys(paths))
    return read


def _image(value: str, key: str, context: Context) -> str:
    return _files("images", IMAGE_SUFFIXES)(value, key, context)[0]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    read: Reader
    types: frozenset[str] = frozenset(CONTENT_TYPES)
    required_for: frozenset[str] = frozenset()


_ALL = frozenset(CONTENT_TYPES)
_GUIDANCE = frozenset({"guidance"})
_EXEMPLAR = frozenset({"exemplar"})

FIELDS: dict[str, FieldSpec] = {
    spec.name.lower(): spec
    for spec in (
        FieldSpec("Title", _text, required_for=_ALL),
        FieldSpec("Date", _date, required_for=_ALL),
        FieldSpec("Type", _choice(tuple(CONTENT_TYPES)), required_for=_ALL),
        FieldSpec("Unit", _unit, required_for=_ALL),
        FieldSpec("Status", _choice(STATUSES)),
        FieldSpec("Id", _identifier),
        FieldSpec("Slug", _slug),
        FieldSpec("Legacy_url", _url),
        FieldSpec("Author", _text),
        FieldSpec("Source", _text),
        FieldSpec("Summary", _text),
        FieldSpec("Topics", _topics),
        FieldSpec("Tags", _tags),
        FieldSpec("Image", _image),
        FieldSpec("Image_caption", _text),
        FieldSpec("Number", _number, _GUIDANCE, _GUIDANCE),
        FieldSpec("Kind", _choice(DOCUMENT_KINDS), _GUIDANCE, _GUIDANCE),
        FieldSpec("Issuer", _text, _GUIDANCE, _GUIDANCE),
        FieldSpec("Issued", _date, _GUIDANCE, _GUIDANCE),
        FieldSpec("Signer", _text, _GUIDANCE),
        FieldSpec("Supersedes", _numbers, _GUIDANCE),
        FieldSpec("Attachments", _files("files", ATTACHMENT_SUFFIXES), _GUIDANCE),
        FieldSpec("Subject", _text, _EXEMPLAR, _EXEMPLAR),
        FieldSpec("Subject_kind", _choice(tuple(SUBJECT_KINDS)), _EXEMPLAR, _EXEMPLAR),
        FieldSpec("Position", _text, _EXEMPLAR),
        FieldSpec("Recognition", _text, _EXEMPLAR),
        FieldSpec("Year", _year, _EXEMPLAR),
    )
}
