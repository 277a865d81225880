"""The Pelican reader for items: our own metadata reading, then Markdown, then the sanitiser."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import markdown
from pelican.readers import BaseReader

from portal.build.run import run_of
from portal.common import safe_html
from portal.common.safe_html import clean_body, clean_inline, plain_text
from portal.common.text import slugify
from portal.model.check import item_stamp, validated
from portal.model.item import Item
from portal.model.item_cache import ItemCache, KeptItem, context_stamp
from portal.model.render_cache import RenderCache, Rendering
from portal.model.schema import CONTENT_TYPES
from portal.model.state import BuildState

EXCERPT_WORDS = 40


@dataclass(frozen=True, order=True)
class Term:
    """A tag (từ khoá): its words as written, and its slug. Articles carry them as
    ``keywords``, so that Pelican's own tag pages, replaced by the topics plugin, stay off."""

    slug: str
    name: str = field(compare=False)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Attachment:
    path: str
    kind: str
    size: int

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def new_state(content_root: Path, caches: Path | None, production: bool = False) -> BuildState:
    """The state of a build; with the folder of its caches, the last build's renderings and items."""
    state = BuildState.load(content_root, production)
    state.render_cache = RenderCache(caches, [Path(__file__), Path(safe_html.__file__ or "")])
    if caches is not None:
        state.item_cache = ItemCache(caches, context_stamp(content_root, production))
    return state


def _excerpt(text: str) -> str:
    words = text.split()
    return " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")


def _inline_markdown(renderer: markdown.Markdown, text: str) -> str:
    html = renderer.reset().convert(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return clean_inline(html)


def render(renderer: markdown.Markdown, body: str, summary: str) -> Rendering:
    """Body HTML, summary HTML and the excerpt listings show (the summary, else the body's
    first words)."""
    content = clean_body(renderer.reset().convert(body))
    summary_html = _inline_markdown(renderer, summary) if summary else ""
    excerpt = plain_text(summary_html) if summary else _excerpt(plain_text(content))
    return content, summary_html, excerpt


def pelican_metadata(item: Item, rendering: Rendering, content_root: Path) -> dict[str, Any]:
    """The item's typed values under the names the templates and plugins use."""
    fields = dict(item.fields)
    content_type = CONTENT_TYPES[fields.pop("type")]
    when = fields.pop("date")
    explicit_slug = fields.pop("slug", None)
    author = fields.pop("author", None)
    fields.pop("summary", None)
    tags = fields.pop("tags", [])
    _, summary_html, excerpt = rendering
    metadata: dict[str, Any] = {
        **fields,
        "item": item,
        "type": content_type.key,
        "content_type": content_type,
        "type_segment": content_type.segment,
        "date": when.moment,
        "has_time": when.has_time,
        "status": "published",
        "slug": explicit_slug or slugify(fields["title"]),
        "slug_explicit": bool(explicit_slug),
        "byline": author,
        "summary_html": summary_html,
        "excerpt": excerpt,
        "keywords": [Term(slugify(tag), tag) for tag in tags],
        "attachments": [
            Attachment(path, path.rsplit(".", 1)[-1].upper(), (content_root / path).stat().st_size)
            for path in fields.get("attachments", [])
        ],
    }
    metadata.setdefault("topics", [])
    return metadata


class PortalMarkdownReader(BaseReader):
    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    @functools.cached_property
    def _markdown(self) -> markdown.Markdown:
        """Made when an item is first rendered: a rebuild seldom renders any."""
        return markdown.Markdown(
            extensions=["markdown.extensions.extra", "markdown.extensions.sane_lists"],
            output_format="html",
        )

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        state = run_of(self.settings).state
        relative = state.relative(source_path)
        with open(source_path, "rb") as file:
            raw = file.read()
        stamp = item_stamp(relative, raw)
        kept = state.item_cache.get(stamp, state.registries)
        rendering = None
        if kept is not None and kept.metadata is not None:
            rendering = state.render_cache.kept(kept.rendering)
        if kept is None or (kept.metadata is not None and rendering is None):
            kept, rendering = self._read_afresh(state, relative, raw, stamp)
        state.remember(relative, kept.item, kept.problems)
        if kept.metadata is None or rendering is None:
            return "", {"status": "skip"}
        return rendering[0], kept.metadata

    def _read_afresh(self, state: BuildState, relative: str, raw: bytes, stamp: bytes
                     ) -> tuple[KeptItem, Rendering | None]:
        """Validate the file and, when it is published, render it; kept for the next build."""
        item, problems = validated(raw, relative, state.context)
        if item is None or item.is_draft or any(p.is_error for p in problems):
            kept, rendering = KeptItem(problems, item), None
        else:
            body, summary = item.body, item.get("summary") or ""
            key = state.render_cache.key(body, summary)
            rendering = state.render_cache.rendering(key, lambda: render(self._markdown, body, summary))
            kept = KeptItem(problems, item, pelican_metadata(item, rendering, state.content_root), key)
        state.item_cache.keep(stamp, kept, state.registries)
        return kept, rendering
