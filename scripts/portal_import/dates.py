"""Dates as the old sites print them: ``Thứ Năm, 19/08/2010, 16:20``, ``Thứ năm - 19/08/2010
16:20``, ``30.12.2016 - 15:22``, ``16:20 19/08/2010``, ``19/08/2010``, ``ngày 26/7/2010``,
``ngày 26 tháng 7 năm 2010``, and ISO 8601 from page metadata. A text that names no real day gives
None: the importer never puts a date of its own in its place."""

from __future__ import annotations

import re
from datetime import datetime

from portal_common.dates import FIRST_YEAR, LAST_YEAR, PORTAL_TZ, PortalDate

_DAY = r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})"
_WORDS = r"(?P<wday>\d{1,2})\s+tháng\s+(?P<wmonth>\d{1,2})\s*(?:,\s*)?(?:năm\s+)?(?P<wyear>\d{4})"
_TIME_AFTER = r"(?:\s*(?:,|-|–|lúc)?\s*(?P<hour>\d{1,2})\s*[:hg]\s*(?P<minute>\d{2})(?!\d))?"
_TIME_BEFORE = r"(?P<bhour>\d{1,2}):(?P<bminute>\d{2})\s*(?:,|-|–)?\s*(?:ngày\s*)?"
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)"

_ANY = re.compile(rf"(?<![\d/.])(?:{_TIME_BEFORE})?(?:{_DAY}|{_WORDS}){_TIME_AFTER}(?![\d/])",
                  re.IGNORECASE)
_DATELINE = re.compile(rf"{_WEEKDAY}\s*(?:,|-|–)?\s*(?:ngày\s*)?{_ANY.pattern}", re.IGNORECASE)
# A lead that opens with its day, after the source's mark: ``(TG)- Ngày 26/7/2010, ...``.
_LEADING_DAY = re.compile(rf"^\s*(?:\([^)]*\)\s*[-–—]\s*)?ngày\s+{_ANY.pattern}", re.IGNORECASE)


def _moment(parts: dict[str, str | None]) -> PortalDate | None:
    year = parts["year"] or parts["wyear"]
    month = parts["month"] or parts["wmonth"]
    day = parts["day"] or parts["wday"]
    hour = parts["hour"] or parts["bhour"]
    minute = parts["minute"] or parts["bminute"]
    if not (year and month and day) or not FIRST_YEAR <= int(year) <= LAST_YEAR:
        return None
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                          tzinfo=PORTAL_TZ)
    except ValueError:
        return None
    return PortalDate(moment, hour is not None)


def _first(pattern: re.Pattern[str], text: str) -> PortalDate | None:
    for match in pattern.finditer(text):
        found = _moment(match.groupdict())
        if found:
            return found
    return None


def find_date(text: str) -> PortalDate | None:
    """The first real date (and time) written in ``text``, in any of the forms above."""
    return _first(_ANY, text)


def find_dateline(text: str) -> PortalDate | None:
    """A date led by its weekday (``Thứ Năm, 19/08/2010, 16:20``): a page's own dateline."""
    return _first(_DATELINE, text)


def find_leading_day(text: str) -> PortalDate | None:
    """The day a news lead opens with (``Ngày 26/7/2010, ...``): the day it reports."""
    return _first(_LEADING_DAY, text)


def parse_iso(text: str) -> PortalDate | None:
    """``2010-08-19T16:20:00+07:00`` (page metadata), in the portal's time zone."""
    cleaned = text.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        return find_date(text)
    has_time = "T" in cleaned or " " in cleaned
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=PORTAL_TZ)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    return PortalDate(moment.astimezone(PORTAL_TZ), has_time)


def read_date(text: str) -> PortalDate | None:
    """A date from metadata or from a page's visible dateline, whichever form it has."""
    stripped = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", stripped):
        return parse_iso(stripped)
    return find_date(stripped)


def format_date(value: PortalDate) -> str:
    """The ``Date`` value the portal reads: ``19/08/2010 16:20`` or ``19/08/2010``."""
    return value.moment.strftime("%d/%m/%Y %H:%M" if value.has_time else "%d/%m/%Y")
