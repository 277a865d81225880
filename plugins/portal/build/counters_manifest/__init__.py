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
from portal.build.run import run_of


@pass_context
def counter_page(context: Context) -> str:
    return page_id(context)


def record(manifest: Manifest, path: str, context: Any) -> None:
    """The counter id of a page written at ``path`` with ``context``, into ``manifest``."""
    if not path.endswith(".html"):
        return
    article = context.get("article")
    if article is not None:
        manifest.items[item_id(article)] = Entry(article.title, f"/{article.url}")
    elif identifier := page_id(context):
        manifest.pages.add(identifier)


def on_written(path: str, context: Any) -> None:
    record(run_of(context).part(Manifest), path, context)


def on_finalized(pelican: Any) -> None:
    run_of(pelican.settings).part(Manifest).write(Path(pelican.output_path) / MANIFEST_FILE)


def on_generator_init(generator: Any) -> None:
    generator.env.globals["counter_page"] = counter_page
    generator.env.globals["feedback_question"] = feedback_question


def register() -> None:
    signals.generator_init.connect(on_generator_init)
    signals.content_written.connect(on_written)
    signals.finalized.connect(on_finalized)
