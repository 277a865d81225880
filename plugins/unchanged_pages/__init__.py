"""Pages whose inputs did not change since the last build are taken from it, not rendered.

Each ``write_file`` call (a page, or all pages of a paginated listing) gets a fingerprint: the
stamp of everything the call passes to its template, of the theme, the plugins' code, the
settings, the registries and the sidebar. When the last build made the same call with the same
fingerprint and its files are still as written, they are hard-linked from the last build's
folder (``output_folder`` keeps it during the build) into the new one. Only templates that read
nothing of the site beyond those inputs take part (``REUSABLE_TEMPLATES``); pages that count or
list the whole site (units tree, topics, archives index, search page) are always rendered.

The fingerprints are kept beside the output (``.<output>-cache/pages.pickle``) with the size
and modification time of each file they produced."""

from __future__ import annotations

from typing import Any

from pelican import signals

from unchanged_pages.writer import ReusingWriter, close_store, store_if_open


def get_writer(pelican: Any) -> type | None:
    return ReusingWriter if pelican.settings.get("PORTAL_CACHE") else None


def on_written(path: str, context: Any) -> None:
    if (store := store_if_open()) is not None:
        store.written(path)


def on_finalized(pelican: Any) -> None:
    close_store()


def register() -> None:
    signals.get_writer.connect(get_writer)
    signals.content_written.connect(on_written)
    signals.finalized.connect(on_finalized)
