"""Dates in the portal: read day-first or ISO, written in Vietnamese words.

Nothing here depends on the machine's locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

PORTAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

FIRST_YEAR, LAST_YEAR = 1900, 2199
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

_TIME = r"(?:[ T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
_DAY_FIRST = re.compile(r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})" + _TIME + "$")
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _TIME + "$")


class DateFormatError(ValueError):
    """The text is not a date in a form the portal reads."""


class ImpossibleDateError(ValueError):
    """The text has a date form, but no such day or time exists (31/02/2021)."""


@dataclass(frozen=True)
class PortalDate:
    """A moment in the portal's time zone, and whether its author gave a time."""

    moment: datetime
    has_time: bool


def parse_date(text: str) -> PortalDate:
    """Read ``19/08/2010 16:20``, ``19/08/2010``, ``2010-08-19 16:20`` or ``2010-08-19``."""
    cleaned = " ".join(text.split())
    match = _DAY_FIRST.match(cleaned) or _ISO.match(cleaned)
    if not match:
        raise DateFormatError(text)
    parts = match.groupdict()
    if not FIRST_YEAR <= int(parts["year"]) <= LAST_YEAR:
        raise ImpossibleDateError(text)
    has_time = parts["hour"] is not None
    try:
        moment = datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"] or 0),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
            tzinfo=PORTAL_TZ,
        )
    except ValueError as error:
        raise ImpossibleDateError(text) from error
    return PortalDate(moment, has_time)


def weekday_vi(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def format_datetime_vi(moment: datetime, has_time: bool = True) -> str:
    """``Thứ Năm, 19/08/2010, 16:20`` (the time only when the author gave one)."""
    local = moment.astimezone(PORTAL_TZ) if moment.tzinfo else moment
    text = f"{weekday_vi(local)}, {local:%d/%m/%Y}"
    return f"{text}, {local:%H:%M}" if has_time else text


def format_date_short(moment: date) -> str:
    return f"{moment:%d/%m/%Y}"


def format_date_words(day: date) -> str:
    """``ngày 21 tháng 2 năm 2019``."""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def month_name_vi(month: int, year: int | None = None) -> str:
    """``Tháng 8`` or ``Tháng 8 năm 2010``."""
    return f"Tháng {month}" if year is None else f"Tháng {month} năm {year}"
