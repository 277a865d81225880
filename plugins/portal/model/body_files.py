"""Pictures and attachments an item's text points to, written as Markdown (``![..](/images/a.jpg)``,
``[..](/files/b.pdf)``, ``[id]: /images/c.png``) or HTML (``src=``, ``href=``): each must be a
file of the content's images/ or files/ folder, or the page would show a broken picture or
link. Addresses of pages and of other sites are not files of the content and are left alone."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal.common.pictures import MAX_PIXELS, SERVE_MAX_BYTES, SERVE_MAX_WIDTH, inspect
from portal.model.problems import Problem, error, warning

ASSET_FOLDERS = ("images", "files")
_TARGET = re.compile(
    r"""!?\[[^\]\n]*\]\(\s*<?(?P<markdown>[^)\s>]+)"""  # [text](target), ![alt](target)
    r"""|\b(?:src|href)\s*=\s*(?P<quote>["'])(?P<html>.*?)(?P=quote)"""  # src="target"
    r"""|^[ ]{0,3}\[[^\]\n]+\]:\s*<?(?P<reference>[^\s>]+)""",  # [id]: target
    re.IGNORECASE | re.MULTILINE)
_PELICAN_LINK = re.compile(r"^\{(?:static|attach|filename)\}")


def content_file(target: str) -> str | None:
    """The content-relative path a link's target names in images/ or files/, else None."""
    parts = urlsplit(_PELICAN_LINK.sub("", target.strip()))
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    while path.startswith(("/", "./", "../")):
        path = path.removeprefix("/").removeprefix("./").removeprefix("../")
    folder, _, rest = path.partition("/")
    return path if folder in ASSET_FOLDERS and rest else None


def referenced_files(body: str) -> list[tuple[int, str, str]]:
    """(line within the body from 0, target as written, content path) of each file named."""
    found = []
    for match in _TARGET.finditer(body):
        target = match["markdown"] or match["html"] or match["reference"] or ""
        path = content_file(target)
        if path is not None:
            found.append((body.count("\n", 0, match.start()), target, path))
    return found


def missing_files(path: str, body: str, body_line: int, content_root: Path) -> list[Problem]:
    root = content_root.resolve()
    problems = []
    for offset, target, relative in referenced_files(body):
        folder = relative.partition("/")[0]
        resolved = (root / relative).resolve()
        if not (resolved.is_relative_to(root / folder) and resolved.is_file()):
            problems.append(error(path, body_line + offset, "missing_body_file", value=target,
                                  folder=folder))
    return problems


def named_pictures(body: str, body_line: int, image: str | None, image_line: int) -> list[tuple[int, str]]:
    """(line, content path) of each picture an item shows: its lead picture and those in its text."""
    found = [(image_line, image)] if image else []
    found += [(body_line + offset, relative) for offset, _, relative in referenced_files(body)
              if relative.startswith("images/")]
    return found


def picture_problems(path: str, pictures: list[tuple[int, str]], content_root: Path) -> list[Problem]:
    """A picture that does not decode or has too many pixels to decode is an error; one too
    large to serve (bytes or width) a warning. Pictures that are missing are named elsewhere."""
    problems = []
    for line, relative in pictures:
        file = content_root / relative
        if not file.is_file() or file.suffix.lower() == ".svg":
            continue
        picture = inspect(file)
        if picture.problem == "bad_image":
            problems.append(error(path, line, "bad_image", value=relative))
        elif picture.problem == "image_bomb":
            problems.append(error(path, line, "image_bomb", value=relative,
                                  pixels=f"{picture.width * picture.height / 1e6:.0f}",
                                  limit=f"{MAX_PIXELS / 1e6:.0f}"))
        elif picture.too_large():
            problems.append(warning(path, line, "image_too_large", value=relative,
                                    size=f"{picture.size / 1024 / 1024:.1f}", width=picture.width,
                                    limit_size=SERVE_MAX_BYTES // 1024 // 1024,
                                    limit_width=f"{SERVE_MAX_WIDTH:,}"))
    return problems


def pictures_stamp(pictures: list[tuple[int, str]], content_root: Path) -> bytes:
    """The digests of the pictures an item shows: its pages change when one of them does."""
    return b"".join(inspect(content_root / relative).digest.encode()
                    for _, relative in pictures if (content_root / relative).is_file())
