"""Sanitising rendered HTML with nh3: keep what articles need, drop anything that runs."""

from __future__ import annotations

from html import unescape

import nh3

_BODY_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_INLINE_TAGS = {"a", "abbr", "b", "br", "code", "em", "i", "mark", "small", "span", "strong",
                "sub", "sup", "u"}
_ATTRIBUTES = {
    "*": {"title", "lang"},
    "a": {"href", "id"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_body(html: str) -> str:
    """Allow tables, figures, links and images; drop scripts, frames, events, javascript: URLs."""
    return nh3.clean(html, tags=_BODY_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                     link_rel="noopener noreferrer")


def clean_inline(html: str) -> str:
    """For summaries and captions: inline markup only."""
    return nh3.clean(html, tags=_INLINE_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                     link_rel="noopener noreferrer")


def plain_text(html: str) -> str:
    """The text of an HTML fragment, unescaped, on one line (templates escape it again)."""
    return unescape(" ".join(nh3.clean(html, tags=set(), attributes={}).split()))
