"""Date archives: a page for each year, month and day with items, and per-year JSON of the
days that have items (for the date picker)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from pelican import signals

from portal.common import urls
from portal.common.dates import format_date_short, month_name_vi, weekday_vi
from portal.common.listing import Crumb, Listing, ListingGenerator

ARCHIVES_TITLE = "Lưu trữ"


def _crumbs(year: int, month: int | None = None) -> list[Crumb]:
    crumbs = [Crumb(ARCHIVES_TITLE, urls.ARCHIVES), Crumb(f"Năm {year}", urls.archive_year(year))]
    if month:
        crumbs.append(Crumb(month_name_vi(month), urls.archive_month(year, month)))
    return crumbs


class ArchivesGenerator(ListingGenerator):
    def generate_output(self, writer: Any) -> None:
        by_day: dict[date, list[Any]] = self.portal.by_day
        years: defaultdict[int, list[date]] = defaultdict(list)
        for day in sorted(by_day, reverse=True):
            years[day.year].append(day)
        self.write_page(writer, urls.ARCHIVES, "archives", page_title=ARCHIVES_TITLE,
                        crumbs=[Crumb(ARCHIVES_TITLE)])
        for year, days in years.items():
            self._write_year(writer, year, days, by_day)
            self._write_calendar(year, days, by_day)

    def _write_year(self, writer: Any, year: int, days: list[date],
                    by_day: dict[date, list[Any]]) -> None:
        months: defaultdict[int, list[date]] = defaultdict(list)
        for day in days:
            months[day.month].append(day)
        links = [(month_name_vi(m), urls.archive_month(year, m),
                  sum(len(by_day[d]) for d in ds)) for m, ds in months.items()]
        listing = Listing("year", f"Lưu trữ năm {year}", urls.archive_year(year),
                          [Crumb(ARCHIVES_TITLE, urls.ARCHIVES), Crumb(f"Năm {year}")],
                          feed=False, links=links)
        self.write_listing(writer, listing, [a for d in days for a in by_day[d]])
        for month, month_days in months.items():
            day_links = [(f"{weekday_vi(d)}, {format_date_short(d)}",
                          urls.archive_day(d.year, d.month, d.day), len(by_day[d]))
                         for d in month_days]
            listing = Listing("month", f"Lưu trữ {month_name_vi(month, year).lower()}",
                              urls.archive_month(year, month),
                              [*_crumbs(year), Crumb(month_name_vi(month))], feed=False, links=day_links)
            self.write_listing(writer, listing, [a for d in month_days for a in by_day[d]])
            for day in month_days:
                title = f"Lưu trữ {weekday_vi(day)}, {format_date_short(day)}"
                listing = Listing("day", title, urls.archive_day(year, month, day.day),
                                  [*_crumbs(year, month), Crumb(format_date_short(day))],
                                  feed=False, subject=day)
                self.write_listing(writer, listing, by_day[day])

    def _write_calendar(self, year: int, days: list[date],
                        by_day: dict[date, list[Any]]) -> None:
        path = Path(self.output_path) / urls.calendar_json(year)
        path.parent.mkdir(parents=True, exist_ok=True)
        counts = {day.isoformat(): len(by_day[day]) for day in sorted(days)}
        path.write_text(json.dumps(counts, separators=(",", ":")), encoding="utf-8")


def get_generators(pelican: Any) -> type[ArchivesGenerator]:
    return ArchivesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
