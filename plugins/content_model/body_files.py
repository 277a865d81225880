"""Pictures and attachments an item's text points to, written as Markdown (``![..](/images/a.jpg)``,
``[..](/files/b.pdf)``, ``[id]: /images/c.png``) or HTML (``src=``, ``href=``): each must be a
file of the content's images/ or files/ folder, or the page would show a broken picture or
link. Addresses of pages and of other sites are not files of the content and are left alone."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from content_model.problems import Problem, error

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
