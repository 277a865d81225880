"""Dates as the old sites print them: ``Thứ Năm, 19/08/2010, 16:20``, ``Thứ năm - 19/08/2010
16:20``, ``30.12.2016 - 15:22``, ``19-08-2010``, ``16:20 19/08/2010``, ``19/08/2010``, ``ngày
26/7/2010``, ``Thứ hai, ngày 5 tháng 3 năm 2018``, ``Cập nhật lúc 09h15 ngày 12/3/2018``, and ISO
8601 from page metadata. A text that names no real day gives None: the importer never puts a date
of its own in its place, and :func:`impossible` names the text for the report."""

from __future__ import annotations

import re
from datetime import datetime

from portal.common.dates import FIRST_YEAR, LAST_YEAR, PORTAL_TZ, PortalDate

_DAY = r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})"
_WORDS = r"(?P<wday>\d{1,2})\s+tháng\s+(?P<wmonth>\d{1,2})\s*(?:,\s*)?(?:năm\s+)?(?P<wyear>\d{4})"
_TIME_AFTER = r"(?:\s*(?:,|-|–|lúc)?\s*(?P<hour>\d{1,2})\s*[:hg]\s*(?P<minute>\d{2})(?!\d))?"
_TIME_BEFORE = r"(?P<bhour>\d{1,2})\s*[:hg]\s*(?P<bminute>\d{2})\s*(?:,|-|–)?\s*(?:ngày\s*)?"
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
_LABEL = (r"(?:ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+cập\s+nhật|cập\s+nhật(?:\s+lúc|\s+ngày)?|"
          r"ngày\s+xuất\s+bản|xuất\s+bản|thời\s+gian(?:\s+đăng)?|posted\s+on|published(?:\s+on)?|"
          r"đăng|ngày|lúc)")

_ANY = re.compile(rf"(?<![\d/.])(?:{_TIME_BEFORE})?(?:{_DAY}|{_WORDS}){_TIME_AFTER}(?![\d/])",
                  re.IGNORECASE)
_DATELINE = re.compile(rf"{_WEEKDAY}\s*(?:,|-|–)?\s*(?:ngày\s*)?{_ANY.pattern}", re.IGNORECASE)
# A lead that opens with its day, after the source's mark: ``(TG)- Ngày 26/7/2010, ...``.
_LEADING_DAY = re.compile(rf"^\s*(?:\([^)]*\)\s*[-–—]\s*)?ngày\s+{_ANY.pattern}", re.IGNORECASE)
# A line that says nothing but when the item was posted: ``Cập nhật lúc: 15:22 - 30/12/2016``.
_ONLY_DATE = re.compile(
    rf"^[\s|(]*(?:{_LABEL}\s*:?\s*)?(?:{_WEEKDAY}\s*[,\-–]?\s*)?(?:ngày\s*)?{_ANY.pattern}"
    r"\s*(?:\(?\s*GMT\s*[+-]\s*\d{1,2}(?::?00)?\s*\)?)?[\s|).]*$",
    re.IGNORECASE)
_ISO_DAY = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")


def _numbers(parts: dict[str, str | None]) -> tuple[int, int, int, int | None, int | None] | None:
    """Year, month, day, hour and minute a match gives; None when it gives no day in the years
    the portal holds."""
    year = parts.get("year") or parts.get("wyear")
    month = parts.get("month") or parts.get("wmonth")
    day = parts.get("day") or parts.get("wday")
    hour = parts.get("hour") or parts.get("bhour")
    minute = parts.get("minute") or parts.get("bminute")
    if not (year and month and day) or not FIRST_YEAR <= int(year) <= LAST_YEAR:
        return None
    return (int(year), int(month), int(day), int(hour) if hour else None,
            int(minute) if minute else None)


def _moment(parts: dict[str, str | None]) -> PortalDate | None:
    numbers = _numbers(parts)
    if numbers is None:
        return None
    year, month, day, hour, minute = numbers
    try:
        moment = datetime(year, month, day, hour or 0, minute or 0, tzinfo=PORTAL_TZ)
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


def only_date(text: str) -> PortalDate | None:
    """The date of a line that holds nothing else (a label, a weekday, a time at most)."""
    match = _ONLY_DATE.match(text)
    return _moment(match.groupdict()) if match else None


def is_date_only(text: str) -> bool:
    """A line that holds a date and nothing else, whether or not the day exists."""
    return _ONLY_DATE.match(text) is not None


def impossible(text: str) -> str | None:
    """The first date written in ``text`` that names no real day or time (``31/02/2020``)."""
    for pattern in (_ANY, _ISO_DAY):
        for match in pattern.finditer(text):
            if _numbers(match.groupdict()) is not None and _moment(match.groupdict()) is None:
                return " ".join(match.group(0).split())
    return None


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
