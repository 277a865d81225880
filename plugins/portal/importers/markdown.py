"""An article's HTML as the portal's Markdown: sanitised first (nh3, the portal's own allow-list),
then converted by markdownify; pictures stay ``<figure>`` blocks, as the portal's items write
them."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from portal.common.safe_html import clean_body
from portal.importers.cleanup import clean_text, drop_repeats, squeeze

_SCHEMES = ("http", "https", "mailto", "tel")
# Vietnamese documents number and mark their points by hand ("1.", "- ", "+ "), each point a
# paragraph: kept as written, not turned into lists that renumber from 1 and lose "+".
_HAND_MARK = re.compile(r"^(\s*\d{1,9}(?=[.)]\s)|\s*(?=[-+*]\s))")


class _Converter(MarkdownConverter):
    def __init__(self, base_url: str | None) -> None:
        super().__init__(heading_style="ATX", bullets="-", strong_em_symbol="*",
                         table_infer_header=True)
        self.base_url = base_url

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        image = el.find("img")
        if image is None:
            return f"\n\n{text.strip()}\n\n"
        caption = el.find("figcaption")
        parts = [f'<img src="{escape(image.get("src", ""))}" alt="{escape(image.get("alt", ""))}">']
        if caption is not None:
            parts.append(f"<figcaption>{escape(clean_text(caption.get_text(' ')))}</figcaption>")
        return f"\n\n<figure>{''.join(parts)}</figure>\n\n"

    def convert_p(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return super().convert_p(el, _HAND_MARK.sub(r"\1\\", text, count=1), parent_tags)

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return ""  # every kept picture is a figure by now

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        href = el.get("href", "").strip()
        if href and not urlsplit(href).scheme and self.base_url and not href.startswith("#"):
            href = urljoin(self.base_url, href)
        if urlsplit(href).scheme not in _SCHEMES:
            return text
        el["href"] = href
        return super().convert_a(el, text, parent_tags)


def _blocks(markdown: str) -> list[str]:
    blocks = []
    for block in markdown.split("\n\n"):
        lines = [line.rstrip() + ("  " if line.endswith("  ") else "") for line in block.split("\n")]
        text = "\n".join(line for line in lines if line.strip())
        if text.strip():
            blocks.append(text.strip("\n"))
    return blocks


def to_markdown(body: Tag, base_url: str | None, summary: str | None) -> str:
    """The body as Markdown: headings start at level 2 (the page's title is the h1)."""
    for heading in body.find_all("h1"):
        heading.name = "h2"
    safe = BeautifulSoup(clean_body(body.decode_contents()), "html.parser")
    for text in safe.find_all(string=True):
        text.replace_with(squeeze(text))
    markdown = _Converter(base_url).convert_soup(safe)
    return "\n\n".join(drop_repeats(_blocks(markdown), summary))
