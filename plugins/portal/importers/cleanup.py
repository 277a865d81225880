"""Clean-up shared by every source: spaces, page chrome, and paragraphs the old CMS repeated."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from portal.common.text import fold, nfc

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
    r"(?:click để )?đánh giá(?: bài viết)?:?(?: ?\d[\d.,/ ]*.*)?|"
    r"bình chọn(?: bài viết)?:?(?: ?\d.*)?|\d(?:[.,]\d)? ?/ ?5(?: \(.*\))?|"
    r"app store|google play|tải về trên (?:app store|google play|ch play)|"
    r"\d{1,2}|trang chủ|giới thiệu|liên hệ"
    r")$",
    re.IGNORECASE,
)
# A short line that links to the old site's phone app: ``Tải ứng dụng``, ``Tải app Báo A``.
_APP_LINK = re.compile(r"^(?:tải|cài đặt|download)\s+(?:ứng dụng|app)\b", re.IGNORECASE)
MAX_APP_LINK_WORDS = 8
_CHROME_TAGS = ("script", "style", "noscript", "iframe", "frame", "form", "input", "button",
                "select", "textarea", "object", "embed", "nav", "link", "meta", "template", "svg")
_CHROME_CLASS = re.compile(r"share|social|rating|print|comment|related|breadcrumb|toolbar|"
                           r"\bfb-|zalo|addthis|sharethis|tags?\b|keywords|pagination|navigation",
                           re.IGNORECASE)
_MIN_REPEAT_CHARS = 40
_LINE_BREAK = "\x1e"
BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
              "thead", "tbody", "tfoot", "caption", "blockquote", "pre", "figure", "figcaption",
              "h1", "h2", "h3", "h4", "h5", "h6", "center", "section", "article", "header",
              "footer", "aside", "main", "hr")


def squeeze(text: str) -> str:
    """Invisible marks removed, runs of spaces (non-breaking too) made one space, NFC."""
    return nfc(_SPACES.sub(" ", _INVISIBLE.sub("", text)))


def clean_text(text: str) -> str:
    """One line of text: squeezed, line breaks made spaces, trimmed."""
    return " ".join(squeeze(text).split())


def is_chrome(text: str) -> bool:
    line = clean_text(text)
    if _APP_LINK.match(line):
        return len(line.split()) <= MAX_APP_LINK_WORDS and not line.endswith((".", ":"))
    return bool(_CHROME.match(line))


def block_of(tag: Tag | NavigableString) -> Tag | None:
    """The nearest block that holds ``tag``."""
    return next((p for p in tag.parents if p.name in BLOCK_TAGS), None)


def _is_line(tag: Tag) -> bool:
    """The tag holds one whole line of the page: a block with no block inside, or a link or span
    that is alone in its block."""
    if tag.find(BLOCK_TAGS) is not None or tag.find("img") is not None:
        return False
    if tag.name in BLOCK_TAGS:
        return True
    block = block_of(tag)
    return block is None or clean_text(block.get_text(" ")) == clean_text(tag.get_text(" "))


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
    for tag in container.find_all(["p", "div", "li", "a", "span"]):
        if not tag.decomposed and _is_line(tag) and is_chrome(tag.get_text(" ")):
            tag.decompose()


def text_lines(container: Tag) -> list[str]:
    """The lines a reader sees in ``container``: one per block and per line break, cleaned."""
    copy = BeautifulSoup(str(container), "html.parser")
    for tag in copy.find_all([*BLOCK_TAGS, "br"]):
        tag.insert_before(_LINE_BREAK)
        tag.insert_after(_LINE_BREAK)
    return [line for line in map(clean_text, copy.get_text().split(_LINE_BREAK)) if line]


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
