"""Who wrote an item: a name only from what marks it as the author (author markup, a ``Tác
giả:`` line, the signature under the text), and never a piece of the page's furniture (an app
link, a menu item, "Tìm kiếm", a share bar, a counter, the CMS's account name)."""

from __future__ import annotations

import re

from portal.common.text import fold
from portal.importers.cleanup import clean_text, is_chrome

MAX_BYLINE = 80
MAX_NAME_WORDS = 6
ORGANISATION = re.compile(r"^(?:ban|bộ phận|báo|đài|trung tâm|phòng|văn phòng|sở|cổng|"
                          r"tạp chí|huyện uỷ|huyện ủy|tỉnh uỷ|tỉnh ủy|đảng uỷ|đảng ủy)\b",
                          re.IGNORECASE)
SOURCE = re.compile(r"^(?:nguồn(?: tin)?\s*:\s*|theo\s+)(?P<value>.+)$", re.IGNORECASE)
AUTHOR = re.compile(r"^(?:tác giả|người viết|viết bởi|bài(?: và ảnh)?)\s*:\s*(?P<value>.+)$",
                    re.IGNORECASE)
# Folded words that name the page's furniture or an account, never a person who wrote.
_FURNITURE = re.compile(
    r"\b(?:tai (?:ung dung|app|ve)|ung dung|apps?|app store|google play|ch play|android|ios|"
    r"download|cai dat|tim kiem|chia se|share|facebook|zalo|luot xem|truy cap|dang nhap|"
    r"trang chu|tin tuc|van ban|gioi thieu|lien he|su kien|thu vien anh|hoi dap|so do trang|menu|"
    r"admin|administrator|super user|webmaster|quan tri(?: vien)?)\b")


def is_name(line: str) -> bool:
    """A person's name as signed: a few words, each capitalised, no digits."""
    words = line.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or len(line) > MAX_BYLINE or line.endswith((".", ":")):
        return False
    return not any(char.isdigit() for char in line) and all(word[0].isupper() for word in words)


def is_furniture(text: str) -> bool:
    return is_chrome(text) or bool(_FURNITURE.search(fold(text)))


def author_name(value: str | None) -> str | None:
    """``value`` when it can be an author's name, else None."""
    name = clean_text(value or "")
    if not name or len(name) > MAX_BYLINE or is_furniture(name):
        return None
    return name
