"""What every adapter's reading ends with: a date written alone under the title taken out of the
text (as the date when the page gave none elsewhere), the signature set under the text taken as
author or source, a name that is page furniture refused, and a date that names no real day
reported rather than guessed."""

from __future__ import annotations

import re

from bs4 import Comment, Tag

from portal.common.text import fold
from portal.importers import bylines
from portal.importers.cleanup import clean_text
from portal.importers.dates import impossible, is_date_only, only_date
from portal.importers.model import Extracted, Note

MAX_SIGNATURE_LINES = 2
_SET_APART = re.compile(r"text-align\s*:\s*right|(?<![\w-])(?:text-right|pull-right|right)(?![\w-])",
                        re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"^nguồn(?: tin)?\s*:\s*(?P<value>.+)$", re.IGNORECASE)


def _line_tag(body: Tag, last: bool) -> Tag | None:
    """The element that holds the body's first (or last) line and nothing else."""
    strings = [s for s in body.find_all(string=True) if not isinstance(s, Comment) and s.strip()]
    if not strings:
        return None
    tag = strings[-1 if last else 0].parent
    if tag is None or tag is body:
        return None
    text = clean_text(tag.get_text(" "))
    while tag.parent is not None and tag.parent is not body \
            and clean_text(tag.parent.get_text(" ")) == text:
        tag = tag.parent
    return tag if tag.parent is body or tag.name in ("p", "div") else None


def _take_dateline(found: Extracted) -> None:
    tag = _line_tag(found.body, last=False)
    text = clean_text(tag.get_text(" ")) if tag is not None else ""
    if tag is None or not is_date_only(text):
        return
    found.datelines.append(text)
    date = only_date(text)
    if date is None:
        return
    if found.date is None:
        found.date = date
    elif found.date.moment.date() != date.moment.date():
        return
    tag.decompose()


def _set_apart(tag: Tag, text: str) -> bool:
    """Right-aligned, or all in bold: how a signature is set under the text."""
    marks = " ".join(f"{t.get('style', '')} {' '.join(t.get('class', []))} {t.get('align', '')}"
                     for t in [tag, *tag.find_all(True)])
    bold = "".join(t.get_text("") for t in tag.find_all(["strong", "b"]))
    return bool(_SET_APART.search(marks)) or "".join(bold.split()) == "".join(text.split())


def _signature(tag: Tag) -> tuple[str, str] | None:
    """(``author`` or ``source``, the value) that a line under the text signs."""
    text = clean_text(tag.get_text(" "))
    if len(text) > bylines.MAX_BYLINE:
        return None
    for field, pattern in (("author", bylines.AUTHOR), ("source", _SOURCE_LABEL)):
        if labelled := pattern.match(text):
            return field, labelled["value"]
    if not _set_apart(tag, text):
        return None
    if quoted := bylines.SOURCE.match(text):
        return "source", quoted["value"]
    if bylines.ORGANISATION.match(text):
        return "source", text
    return ("author", text) if bylines.is_name(text) else None


def _take_signature(found: Extracted) -> None:
    for _ in range(MAX_SIGNATURE_LINES):
        tag = _line_tag(found.body, last=True)
        signed = _signature(tag) if tag is not None else None
        if tag is None or signed is None:
            return
        field, value = signed
        if field == "author" and bylines.author_name(value) is None:
            return
        current = getattr(found, field)
        if current is not None and fold(current) != fold(value):
            return
        setattr(found, field, current or value)
        tag.decompose()


def _report_impossible(found: Extracted) -> None:
    if found.date is None:
        named = next(filter(None, map(impossible, found.datelines)), None)
        if named:
            found.notes.append(Note("impossible_date", {"text": named}))


def finish(found: Extracted) -> Extracted:
    _take_dateline(found)
    found.author = bylines.author_name(found.author)
    _take_signature(found)
    _report_impossible(found)
    return found
