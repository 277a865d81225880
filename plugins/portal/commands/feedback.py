"""``portal feedback``: the readers' feedback the counter service received, newest first, as a
table on the terminal or a CSV file for Excel."""

from __future__ import annotations

import asyncio
import csv
import shutil
import textwrap
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from portal.commands.messages import say
from portal.services.counters.backends import STORAGE_ERRORS, open_store
from portal.services.counters.config import CounterConfig
from portal.services.counters.feedback import Feedback
from portal.services.counters.server import storage

# A cell starting with one of these is a formula to Excel: it is written after an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TIME_WIDTH, ITEM_WIDTH, NAME_WIDTH = 19, 28, 18


async def read_feedback(config: CounterConfig) -> list[Feedback]:
    if config.backend == "sqlite" and not config.database.exists():
        return []  # no service has run here yet: nothing to create
    store = open_store(config)
    try:
        return await store.feedback()
    finally:
        await store.close()


def matches_item(entry: Feedback, item: str) -> bool:
    """``item`` is a page id, or the item's address, with or without the portal's host."""
    if item == entry.page:
        return True
    path = urlsplit(item).path or "/"
    path = path if path.startswith("/") else f"/{path}"
    return entry.url in (path, f"{path}/")


def select(entries: list[Feedback], since: date | None, item: str | None) -> list[Feedback]:
    return [entry for entry in entries
            if (since is None or entry.received[:10] >= since.isoformat())
            and (item is None or matches_item(entry, item))]


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def table(entries: list[Feedback], width: int) -> list[str]:
    head = say("feedback_head").split("|")
    message_width = max(30, width - TIME_WIDTH - ITEM_WIDTH - NAME_WIDTH - 6)
    indent = " " * (TIME_WIDTH + ITEM_WIDTH + NAME_WIDTH + 6)

    def row(when: str, item: str, name: str, message: str) -> list[str]:
        lines = textwrap.wrap(" ".join(message.split()), message_width) or [""]
        first = (f"{when:<{TIME_WIDTH}}  {cut(item, ITEM_WIDTH):<{ITEM_WIDTH}}  "
                 f"{cut(name, NAME_WIDTH):<{NAME_WIDTH}}  {lines[0]}")
        return [first.rstrip()] + [indent + line for line in lines[1:]]

    lines = row(*head)
    lines.append("-" * min(width, TIME_WIDTH + ITEM_WIDTH + NAME_WIDTH + 6 + message_width))
    for entry in entries:
        lines += row(entry.received[:19].replace("T", " "), entry.page, entry.name, entry.message)
    return lines


def excel_safe(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(entries: list[Feedback], path: Path) -> None:
    # The byte order mark (utf-8-sig) is what makes Excel read the file as UTF-8.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(say("feedback_csv_head").split("|"))
        for entry in entries:
            writer.writerow([entry.received, entry.page, entry.url, excel_safe(entry.name),
                             excel_safe(entry.message)])


def list_feedback(config: CounterConfig, since: date | None, item: str | None,
                  csv_path: Path | None) -> int:
    try:
        entries = select(asyncio.run(read_feedback(config)), since, item)
    except STORAGE_ERRORS as error:
        print(say("feedback_storage", store=storage(config), detail=error))
        return 1
    if csv_path is not None:
        write_csv(entries, csv_path)
        print(say("feedback_csv", count=len(entries), path=csv_path))
        return 0
    if not entries:
        print(say("feedback_none"))
        return 0
    print("\n".join(table(entries, shutil.get_terminal_size((120, 24)).columns)))
    print(say("feedback_count", count=len(entries)))
    return 0
