"""Jinja filters of the theme: Vietnamese dates, sizes, and JSON safe inside <script>."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from markupsafe import Markup

from portal.common.dates import format_date_short, format_date_words, format_datetime_vi
from portal.common.inert_json import inert_json
from portal.common.pictures import body_pictures, picture, served


def vi_datetime(article: Any) -> str:
    """``Thứ Năm, 19/08/2010, 16:20`` for an article (no time when its author gave none)."""
    return format_datetime_vi(article.date, getattr(article, "has_time", True))


def vi_date(moment: date) -> str:
    return format_date_short(moment)


def vi_date_words(moment: date) -> str:
    return format_date_words(moment)


def iso(moment: date | datetime) -> str:
    return moment.isoformat()


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def script_json(value: Any) -> Markup:
    """JSON that cannot end its <script> block: ``</script>`` in a title stays text."""
    return Markup(inert_json(value))


FILTERS = {
    "vi_datetime": vi_datetime,
    "vi_date": vi_date,
    "vi_date_words": vi_date_words,
    "iso": iso,
    "file_size": file_size,
    "script_json": script_json,
    "picture": picture,
    "body_pictures": body_pictures,
    "served": served,
}
