"""``portal new``: a new item's file in the right folder, with the right name and every metadata
line written, checked by the build's own validation before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from portal.common.messages import Text, field_name, pick
from portal.common.text import slugify
from portal.common.urls import SlugRequest, trim_slug, unique_slugs
from portal.model.check import check_content
from portal.model.corpus import check_corpus, item_year
from portal.model.item import Item
from portal.model.problems import Problem, sort_problems
from portal.model.schema import (
    CONTENT_TYPES,
    DOCUMENT_KINDS,
    FIELDS,
    PLACEHOLDER_BODY,
    SUBJECT_KINDS,
    Context,
)
from portal.model.source import split_header
from portal.model.validate import validate_source

PORTAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
ID_LENGTH = 60
ORDER = ("Title", "Date", "Type", "Unit", "Status", "Id", "Slug", "Author", "Source", "Summary",
         "Topics", "Tags", "Image", "Image_caption", "Number", "Kind", "Issuer", "Issued",
         "Signer", "Supersedes", "Attachments", "Subject", "Subject_kind", "Position",
         "Recognition", "Year")
CHOICES = {"Kind": "kind", "Subject_kind": "subject_kind", "Unit": "unit"}

MESSAGES: dict[str, Text] = {
    "ask": Text("{field}: ", "{field}: "),
    "choices": Text("  Chọn một trong: {choices}", "  One of: {choices}"),
    "written": Text("Đã tạo {path}", "Created {path}"),
    "address": Text("Địa chỉ khi xuất bản: {url}", "Address once published: {url}"),
    "draft": Text("Bài được lưu là bản nháp (Status: draft) vì còn thiếu: {fields}. Điền các dòng "
                  "còn trống rồi xoá dòng Status.",
                  "Saved as a draft (Status: draft) because it lacks: {fields}. Fill in the empty "
                  "lines, then remove the Status line."),
    "next": Text("Viết nội dung dưới các dòng thông tin, rồi chạy 'portal check'.",
                 "Write the text below the metadata lines, then run 'portal check'."),
    "refused": Text("Chưa tạo bài: {count} vấn đề.", "Nothing was created: {count} problems."),
    "file_exists": Text("{path}: đã có tệp này. Đặt tiêu đề khác hoặc dùng --slug.",
                        "{path}: this file already exists. Choose another title or use --slug."),
    "url_taken": Text("Địa chỉ {url} đã thuộc về {other}. Đặt tiêu đề khác hoặc chọn địa chỉ "
                      "riêng bằng --slug.",
                      "The address {url} already belongs to {other}. Choose another title or "
                      "an address of its own with --slug."),
    "unit_needed": Text("Cần cho biết đơn vị: --unit <mã đơn vị trong units.toml>.",
                        "The unit is needed: --unit <a unit's slug from units.toml>."),
}


def say(code: str, **params: object) -> str:
    return pick(MESSAGES[code]).format(**params)


Ask = Callable[[str], str]


@dataclass
class NewItem:
    """What the official asked for: metadata by key as written in files (``Title``...)."""

    type: str
    values: dict[str, str]
    body: str = ""
    draft: bool = False


@dataclass
class Outcome:
    path: Path | None
    url: str = ""
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def required_keys(kind: str) -> list[str]:
    return [spec.name for spec in FIELDS.values() if kind in spec.required_for and spec.name != "Type"]


def now_text() -> str:
    return datetime.now(PORTAL_TIME).strftime("%d/%m/%Y %H:%M")


def _options(key: str, context: Context) -> list[str]:
    if key == "Kind":
        return list(DOCUMENT_KINDS)
    if key == "Subject_kind":
        return list(SUBJECT_KINDS)
    return list(context.registries.units.units)


def complete(request: NewItem, context: Context, ask: Ask | None) -> list[str]:
    """Fill what is missing: the date with now, the rest by asking on a terminal; return the
    required keys still empty."""
    values = request.values
    values.setdefault("Date", now_text())
    missing = []
    for key in required_keys(request.type):
        if values.get(key, "").strip():
            continue
        if ask is not None:
            if key in CHOICES:
                print(say("choices", choices=", ".join(_options(key, context))))
            values[key] = ask(say("ask", field=field_name(key))).strip()
        if not values.get(key, "").strip():
            missing.append(key)
    return missing


def render(request: NewItem, identifier: str, missing: list[str]) -> str:
    values = {**request.values, "Type": request.type, "Id": identifier}
    if missing or request.draft:
        values["Status"] = "draft"
    lines = [f"{key}: {values.get(key, '').strip()}".rstrip()
             for key in ORDER if key in values and (values[key].strip() or key in missing)]
    lines += [f"{key}:" for key in missing if key not in values]
    return "\n".join(lines) + "\n\n" + (request.body.strip() or pick(PLACEHOLDER_BODY)) + "\n"


def _slug_requests(items: list[Item]) -> dict[SlugRequest, Item]:
    return {SlugRequest((item.type, item_year(item)), item.get("slug") or slugify(item.get("title", "")),
                        bool(item.get("slug")), (item.date.moment, item.path)): item
            for item in items if item.date}


def taken_addresses(items: list[Item]) -> dict[tuple[str, int, str], str]:
    """(type, year, slug) -> path of the item that owns that address, as the build assigns them."""
    requests = _slug_requests(items)
    return {(*request.scope, slug): requests[request].path
            for request, slug in unique_slugs(requests).items()}


def short_id(text: str) -> str:
    return text if len(text) <= ID_LENGTH else text[:ID_LENGTH].rsplit("-", 1)[0]


def unique_id(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def create(content: Path, request: NewItem, ask: Ask | None = None) -> Outcome:
    """Write the new item, or return the problems that stop it."""
    state = check_content(content)
    missing = complete(request, state.context, ask)
    title = request.values.get("Title", "").strip()
    slug = request.values.get("Slug") or trim_slug(slugify(title))
    existing = state.published()
    identifier = unique_id(short_id(f"{request.type}-{request.values.get('Unit', '')}-{slug}"),
                           {str(item.get("id")) for item in state.items.values() if item.get("id")})
    text = render(request, identifier, missing)
    source, _ = split_header(text, "?")
    assert source is not None  # render always writes a header
    item = validate_source(source, state.context)
    year = item.date.moment.year if item.date else datetime.now(PORTAL_TIME).year
    relative = f"{request.type}/{request.values.get('Unit', '')}/{year}/{slug}.md"
    item.path = relative
    problems = [p for p in item.problems if p.is_error]
    if not item.is_draft:
        before = set(check_corpus(existing, state.registries))
        problems += [p for p in check_corpus([*existing, item], state.registries) if p not in before]
    url = f"/{CONTENT_TYPES[request.type].segment}/{year}/{slug}/"
    messages = [_relocated(p, relative) for p in sort_problems(problems)]
    owner = taken_addresses(existing).get((request.type, year, slug))
    if owner is not None:
        messages.append(say("url_taken", url=url, other=owner))
    if "Unit" in missing:
        messages.append(say("unit_needed"))
    target = content / relative
    if target.exists():
        messages.append(say("file_exists", path=target))
    if messages:
        return Outcome(None, url, missing, messages)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return Outcome(target, url, missing)


def _relocated(problem: Problem, path: str) -> str:
    """A problem of the new text names the file it would be written to."""
    if problem.path != "?":
        return problem.render()
    return Problem(path, problem.line, problem.code, problem.params, problem.severity).render()


def print_outcome(outcome: Outcome) -> int:
    if outcome.path is None:
        print("\n".join(outcome.problems))
        print(say("refused", count=len(outcome.problems)))
        return 1
    print(say("written", path=outcome.path))
    if outcome.missing:
        print(say("draft", fields=", ".join(field_name(key) for key in outcome.missing)))
    else:
        print(say("address", url=outcome.url))
    print(say("next"))
    return 0

