"""Plain-text dumps of old pages (the text a browser copies): title, dateline, author and view
count found by their look, the page's furniture (counters and their digits, menus, "Tìm kiếm",
"Bản in", "Quay lại", "TIN MỚI HƠN", ...) left out."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from portal.common.dates import PortalDate
from portal.common.text import fold
from portal.importers.adapters.common import views
from portal.importers.bylines import ORGANISATION, SOURCE, author_name, is_name
from portal.importers.cleanup import clean_text, is_chrome
from portal.importers.dates import find_dateline, find_leading_day, impossible
from portal.importers.model import Extracted, Note, SavedPage

LONG_PARAGRAPH = 250
SENTENCE = 60
TITLE_WORDS = (6, 60)
# Where the page's furniture after the text begins: the label alone, or with its count.
_END = re.compile(r"^(?:số lượt (?:người )?xem|lượt xem|bản in|in bài|quay lại|tin mới hơn|"
                  r"tin đã đưa|các tin khác|tin khác|có thể bạn quan tâm|phản hồi|"
                  r"bài viết liên quan|tin liên quan|xem tiếp|số lần xem các bài viết)"
                  r"(?:\s*:|\s*\d|\s+(?:bản in|quay lại)|$)",
                  re.IGNORECASE)
_LEAD_MARK = re.compile(r"^\([^)]{2,30}\)\s*[-–—]")


def _words(line: str) -> set[str]:
    return set(re.findall(r"\w+", fold(line)))


def _is_long(line: str) -> bool:
    """A paragraph of the text, not a title: long, or a sentence that ends."""
    return len(line) >= LONG_PARAGRAPH or (len(line) >= SENTENCE and line.endswith((".", "…")))


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(line.split()) >= 2 and bool(letters) and all(c.isupper() for c in letters) \
        and not line.endswith(".")


def _title_like(line: str) -> bool:
    return TITLE_WORDS[0] <= len(line.split()) <= TITLE_WORDS[1] and not _is_heading(line) \
        and not line.endswith((":", "."))


def _title_index(lines: list[str], start: int, first_long: int) -> int | None:
    """The title: of the short lines before the first paragraph, the one whose words the text
    uses most (section labels and links to other items use fewer of them)."""
    text_words = set().union(*(_words(line) for line in lines[first_long:first_long + 30]))
    best, best_share = None, -1.0
    for index in range(start, first_long):
        line = lines[index]
        if not _title_like(line):
            continue
        words = _words(line)
        share = len(words & text_words) / len(words)
        if share >= best_share:
            best, best_share = index, share
    return best


def _byline(lines: list[str], fenced: set[int]) -> tuple[int, str | None, str | None]:
    """Where the text ends, and the author and source signed under its last paragraph; the
    signature stops at the first line that followed a piece of furniture (``fenced``)."""
    last_long = max((i for i, line in enumerate(lines) if _is_long(line)), default=-1)
    end, author, source = len(lines), None, None
    for index in range(last_long + 1, len(lines)):
        line = lines[index]
        if index in fenced:
            break
        if quoted := SOURCE.match(line):
            source = source or quoted["value"]
            end = min(end, index)
        elif author is None and is_name(line) and not ORGANISATION.match(line) \
                and author_name(line):
            author, end = line, min(end, index)
        elif author is not None and source is None and ORGANISATION.match(line):
            source = line
    return end, author, source


def _paragraphs(lines: list[str]) -> Tag:
    soup = BeautifulSoup("<div></div>", "html.parser")
    body = soup.div
    for line in lines:
        tag = soup.new_tag("h2" if _is_heading(line) else "p")
        tag.string = line
        body.append(tag)
    return body


def _lines(text: str) -> tuple[list[str], set[int]]:
    """The page's lines without its furniture, and those of them that follow a piece of it."""
    lines: list[str] = []
    fenced: set[int] = set()
    after_chrome = False
    for line in map(clean_text, text.splitlines()):
        if line and is_chrome(line):
            after_chrome = True
        elif line:
            if after_chrome:
                fenced.add(len(lines))
            lines.append(line)
            after_chrome = False
    return lines, fenced


def _dateline(lines: list[str], first_long: int) -> tuple[int, PortalDate | None, list[str]]:
    """Where the heading part starts (after the dateline), the date, the datelines seen."""
    seen = []
    for index in range(first_long):
        if (date := find_dateline(lines[index])) is not None:
            return index + 1, date, [lines[index]]
        if impossible(lines[index]):
            seen.append(lines[index])
    return 0, None, seen


def extract_text(page: SavedPage) -> Extracted | None:
    lines, fenced = _lines(page.text)
    first_long = next((i for i, line in enumerate(lines) if _is_long(line)), None)
    if first_long is None:
        return None
    start, date, datelines = _dateline(lines, first_long)
    title = _title_index(lines, start, first_long)
    if title is not None:
        start = title + 1
    stop = next((i for i in range(start, len(lines)) if _END.match(lines[i])), len(lines))
    # Between the title and the text, lines that look like titles are links to other items.
    heading = [line for line in lines[start:first_long] if not _title_like(line)]
    end, author, source = _byline(lines[first_long:stop],
                                  {i - first_long for i in fenced if i > first_long})
    text = heading + lines[first_long:first_long + end]
    summary = text.pop(0) if text and _LEAD_MARK.match(text[0]) else None
    found = Extracted("text", _paragraphs(text), title=lines[title] if title is not None else None,
                      date=date, author=author, source=source, summary=summary,
                      views=views(page.text), datelines=datelines)
    if date is None and (mentioned := find_leading_day(summary or (text[0] if text else ""))):
        found.date = mentioned
        found.notes.append(Note("date_in_text"))
    return found
