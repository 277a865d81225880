"""Turning document numbers written in an item's HTML into links to those documents."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from portal.common.document_numbers import DocumentNumber, contains_number, find_numbers

_TAG = re.compile(r"(<[^>]*>)")
_SKIP_OPEN = re.compile(r"^<(a|code|pre)[\s>]", re.IGNORECASE)
_SKIP_CLOSE = re.compile(r"^</(a|code|pre)\s*>", re.IGNORECASE)

Resolver = Callable[[DocumentNumber], str | None]


def _link_text(text: str, resolve: Resolver) -> str:
    pieces: list[str] = []
    last = 0
    for start, end, number in find_numbers(text):
        url = resolve(number)
        if url is None:
            continue
        pieces += [text[last:start],
                   f'<a class="document-link" href="{escape(url)}">{text[start:end]}</a>']
        last = end
    return "".join(pieces) + text[last:] if pieces else text


def link_numbers(html: str, resolve: Resolver) -> str:
    """Link every number ``resolve`` knows, outside existing links and code."""
    if not contains_number(html):  # a number in a piece of text is one in the whole too
        return html
    parts = _TAG.split(html)
    depth = 0
    for index, part in enumerate(parts):
        if index % 2:
            if _SKIP_OPEN.match(part):
                depth += 1
            elif _SKIP_CLOSE.match(part):
                depth = max(0, depth - 1)
        elif depth == 0 and part:
            parts[index] = _link_text(part, resolve)
    return "".join(parts)
