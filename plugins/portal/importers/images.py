"""Pictures of a saved page: their captions, the local files beside the page, and where each is
copied under ``content/images/``. A picture whose file was not saved is reported, never linked to
the old site: the portal's pages request nothing from other hosts."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from portal.importers.cleanup import clean_text
from portal.model.schema import IMAGE_SUFFIXES

MAX_CAPTION = 300
_BLOCKS = ("p", "div", "center", "td", "li", "dl")
_CAPTION_MARKS = re.compile(r"caption|desc|note|chu-?thich|image_?text", re.IGNORECASE)
# The test the build applies to SVG pictures (portal.model.corpus): one that runs code is refused.
_ACTIVE_SVG = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.IGNORECASE)


@dataclass
class Picture:
    """One picture in the page: what the page says, and the file found for it."""

    src: str
    alt: str
    caption: str
    node: Tag
    file: Path | None = None
    target: str | None = None
    refused: bool = False


def _text_without_images(tag: Tag) -> str:
    return clean_text(" ".join(tag.find_all(string=True)))


_INLINE = ("a", "span", "strong", "b", "em", "i", "font")


def _outermost_inline(image: Tag) -> Tag:
    """The image with the links and text styles wrapped around it."""
    node = image
    while isinstance(node.parent, Tag) and node.parent.name in _INLINE:
        node = node.parent
    return node


def _block_of(image: Tag) -> Tag | None:
    parent = _outermost_inline(image).parent
    if isinstance(parent, Tag) and parent.name == "dt":  # WordPress's <dl class="wp-caption">
        parent = parent.parent
    return parent if isinstance(parent, Tag) and parent.name in _BLOCKS else None


def _caption_after(node: Tag) -> Tag | None:
    """The paragraph right after a picture that reads as its caption: marked as one, centred,
    or all in italics."""
    following = node.find_next_sibling(True)
    if following is None or following.name not in ("p", "div") or following.find("img"):
        return None
    text = _text_without_images(following)
    if not text or len(text) > MAX_CAPTION:
        return None
    marks = " ".join([*following.get("class", []), following.get("style", "")])
    emphasised = "".join(clean_text(t.get_text(" ")) for t in following.find_all(["em", "i"]))
    return following if _CAPTION_MARKS.search(marks) or "center" in marks \
        or clean_text(emphasised) == text else None


def _titled(image: Tag) -> str:
    """Joomla's caption script shows the title of an ``img.caption`` under the picture."""
    return clean_text(image.get("title", "")) if "caption" in image.get("class", []) else ""


def _followed_by_caption(image: Tag, node: Tag) -> Picture:
    src, alt = image.get("src", "").strip(), clean_text(image.get("alt", ""))
    caption = _caption_after(node)
    if caption is None:
        return Picture(src, alt, _titled(image), node)
    text = _text_without_images(caption)
    caption.decompose()
    return Picture(src, alt, text, node)


def _picture(image: Tag) -> Picture:
    """The caption and the part of the page that the picture and its caption take."""
    src, alt = image.get("src", "").strip(), clean_text(image.get("alt", ""))
    figure = image.find_parent("figure")
    if figure is not None:
        caption = figure.find("figcaption")
        return Picture(src, alt, clean_text(caption.get_text(" ")) if caption else "", figure)
    table = image.find_parent("table")
    if table is not None and len(table.find_all("img")) == 1 and len(table.find_all("tr")) <= 2:
        return Picture(src, alt, _text_without_images(table), table)
    block = _block_of(image)
    if block is None or len(block.find_all("img")) > 1:
        return _followed_by_caption(image, _outermost_inline(image))
    inside = _text_without_images(block)
    if inside:
        return Picture(src, alt, inside, block) if len(inside) <= MAX_CAPTION \
            else Picture(src, alt, _titled(image), image)
    return _followed_by_caption(image, block)


def find_pictures(container: Tag) -> list[Picture]:
    pictures = []
    for image in container.find_all("img"):
        if image.decomposed or not image.get("src"):
            continue
        pictures.append(_picture(image))
    return pictures


def _candidates(src: str, page: Path, root: Path) -> list[Path]:
    parts = urlsplit(src)
    if parts.scheme not in ("", "http", "https"):
        return []
    path = PurePosixPath(unquote(parts.path))
    if not path.name:
        return []
    folder = page.parent
    found = [folder / f"{page.stem}_files" / path.name, folder / f"{page.stem}_files" / path,
             folder / path.name]
    if parts.scheme or parts.netloc or path.is_absolute():
        relative = path.relative_to("/") if path.is_absolute() else path
        return [root / relative, folder / relative, *found]
    return [folder / path, *found]


def locate(picture: Picture, page: Path, root: Path) -> None:
    """Find the saved file of ``picture``; refuse files that are no picture or carry code."""
    for candidate in _candidates(picture.src, page, root):
        if candidate.is_file():
            suffix = candidate.suffix.lower()
            if suffix not in IMAGE_SUFFIXES or (
                    suffix == ".svg" and _ACTIVE_SVG.search(candidate.read_bytes())):
                picture.refused = True
                return
            picture.file = candidate
            return


def figure_html(soup: BeautifulSoup, picture: Picture) -> Tag:
    figure = soup.new_tag("figure")
    figure.append(soup.new_tag("img", attrs={"src": f"/{picture.target}",
                                             "alt": picture.alt or picture.caption}))
    if picture.caption:
        caption = soup.new_tag("figcaption")
        caption.string = picture.caption
        figure.append(caption)
    return figure


def copy_picture(picture: Picture, content_root: Path) -> None:
    if picture.file is None or picture.target is None:
        return
    target = content_root / picture.target
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(picture.file, target)
