"""Counters manifest plugin: gives each page its counter id (``counter_page()`` in templates)
and writes output/counters.json, the ids the counter service accepts. Drafts are never written,
so they are never in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from pelican import signals

from portal.build.counters_manifest.feedback_question import feedback_question
from portal.build.counters_manifest.manifest import MANIFEST_FILE, Entry, Manifest, item_id, page_id


@pass_context
def counter_page(context: Context) -> str:
    return page_id(context)


class ManifestCollector:
    """Remembers the id of every HTML page written, then writes the manifest once at the end."""

    def __init__(self) -> None:
        self.manifest = Manifest()

    def on_written(self, path: str, context: Any) -> None:
        if not path.endswith(".html"):
            return
        article = context.get("article")
        if article is not None:
            self.manifest.items[item_id(article)] = Entry(article.title, f"/{article.url}")
        elif identifier := page_id(context):
            self.manifest.pages.add(identifier)

    def on_finalized(self, pelican: Any) -> None:
        self.manifest.write(Path(pelican.output_path) / MANIFEST_FILE)
        self.manifest = Manifest()


def on_generator_init(generator: Any) -> None:
    generator.env.globals["counter_page"] = counter_page
    generator.env.globals["feedback_question"] = feedback_question


_collector = ManifestCollector()


def register() -> None:
    signals.generator_init.connect(on_generator_init)
    signals.content_written.connect(_collector.on_written)
    signals.finalized.connect(_collector.on_finalized)
