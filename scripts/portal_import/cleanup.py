"""Clean-up shared by every source: spaces, page chrome, and paragraphs the old CMS repeated."""

from __future__ import annotations

import re

from bs4 import Comment, Tag

from portal_common.text import fold, nfc

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Whole lines that are the old sites' furniture, never the article.
_CHROME = re.compile(
    r"^(?:"
    r"số lượt truy cập|số lần xem các bài viết|truy cập hiện tại|đang có \d+ khách.*|"
    r"đang truy cập|hôm nay|tổng lượt truy cập|lượt truy cập|online|"
    r"tìm kiếm|xem theo ngày(?: xem theo ngày)?|bản in|in bài(?: viết)?|in tin bài|quay lại|"
    r"về đầu trang|lên đầu trang|gửi email|gửi bài viết|lưu bài viết|"
    r"tin mới hơn|tin đã đưa|tin cũ hơn|các tin khác|tin khác|xem tiếp|xem thêm|mới nhất|"
    r"xem nhiều nhất|tin liên quan|bài viết liên quan|có thể bạn quan tâm|liên kết website|"
    r"phản hồi|thông tin người gửi phản hồi|ý kiến bạn đọc|bình luận|"
    r"chia sẻ(?: bài viết)?:?|share|tweet|like|thích|facebook|zalo|twitter|"
    r"đánh giá(?: bài viết)?:?.*|bình chọn.*|\d(?:[.,]\d)? ?/ ?5.*|"
    r"tải ứng dụng.*|app store|google play|tải về trên .*|"
    r"\d{1,2}|trang chủ|giới thiệu|liên hệ"
    r")$",
    re.IGNORECASE,
)
_CHROME_TAGS = ("script", "style", "noscript", "iframe", "frame", "form", "input", "button",
                "select", "textarea", "object", "embed", "nav", "link", "meta", "template", "svg")
_CHROME_CLASS = re.compile(r"share|social|rating|print|comment|related|breadcrumb|toolbar|"
                           r"\bfb-|zalo|addthis|sharethis|tags?\b|keywords|pagination|navigation",
                           re.IGNORECASE)
_MIN_REPEAT_CHARS = 40


def squeeze(text: str) -> str:
    """Invisible marks removed, runs of spaces (non-breaking too) made one space, NFC."""
    return nfc(_SPACES.sub(" ", _INVISIBLE.sub("", text)))


def clean_text(text: str) -> str:
    """One line of text: squeezed, line breaks made spaces, trimmed."""
    return " ".join(squeeze(text).split())


def is_chrome(text: str) -> bool:
    return bool(_CHROME.match(clean_text(text)))


def strip_chrome(container: Tag) -> None:
    """Drop scripts, frames, forms, share and rating bars and furniture lines in place."""
    for comment in container.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in container.find_all(_CHROME_TAGS):
        tag.decompose()
    for tag in container.find_all(True):
        if tag.decomposed:
            continue
        marks = " ".join([*tag.get("class", []), tag.get("id", "")])
        if marks.strip() and _CHROME_CLASS.search(marks):
            tag.decompose()
    for tag in container.find_all(["p", "div", "li", "a", "span", "ul"]):
        if not tag.decomposed and not tag.find("img") and is_chrome(tag.get_text(" ")):
            tag.decompose()


def _key(block: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(block)).split())


def drop_repeats(blocks: list[str], summary: str | None) -> list[str]:
    """Blocks the old CMS repeated are kept once; a first block that repeats the summary goes."""
    kept: list[str] = []
    seen: set[str] = set()
    for block in blocks:
        key = _key(block)
        if not key:
            continue
        repeated = key in seen and (len(key) >= _MIN_REPEAT_CHARS or _key(kept[-1]) == key)
        if repeated or (not kept and summary and key == _key(summary)):
            continue
        seen.add(key)
        kept.append(block)
    return kept


def summary_in_body(summary: str, first_block: str) -> bool:
    """The summary is only the start of the first paragraph (a cut-off description)."""
    short = _key(summary.rstrip(".… "))
    return bool(short) and _key(first_block).startswith(short)
