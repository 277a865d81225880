"""Pages whose inputs did not change since the last build are taken from it, not rendered.

Each page (each page of a paginated listing on its own) and each feed gets a fingerprint: the
stamp of everything its template receives (a listing page: its own items and its place among
the pages), of the theme, the plugins' code, the settings, the registries and the sidebar. When
the last build wrote a file with the same fingerprint and the file is still as written, it is
hard-linked from the last build's folder (``output_folder`` keeps it during the build) into the
new one. Only templates that read nothing of the site beyond those inputs take part
(``REUSABLE_TEMPLATES``); pages that count or list the whole site (units tree, topics, archives
index, search page) are always rendered.

The fingerprints are kept beside the output (``.<output>-cache/pages.pickle``) with the size
and modification time of the file each produced."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican import signals

from portal.build.output_folder import site_folder
from portal.build.run import run_of
from portal.build.unchanged_pages.stamps import settings_stamp
from portal.build.unchanged_pages.writer import PageStore, ReusingWriter
from portal.model.render_cache import cache_folder


class PlaceReused:
    """A generator with output only: the files taken from the last build go into the output
    once every plugin's pages are written."""

    def __init__(self, **_: Any) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        if isinstance(writer, ReusingWriter):
            writer.store.place()


def on_generator_init(generator: Any) -> None:
    """Templates compiled once for every build, not once in each build for each generator:
    Jinja keeps their code by name and source, here in a folder for each version of Jinja and
    of its settings, as the code depends on those too."""
    settings = generator.settings
    if not settings.get("PORTAL_CACHE"):
        return
    made_with = settings_stamp({"jinja2": version("jinja2"), "environment": settings["JINJA_ENVIRONMENT"]})
    folder = cache_folder(site_folder(settings)) / f"templates-{made_with.hex()[:16]}"
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def get_writer(pelican: Any) -> type | None:
    return ReusingWriter if pelican.settings.get("PORTAL_CACHE") else None


def get_last_generator(pelican: Any) -> type[PlaceReused]:
    return PlaceReused


def on_initialized(pelican: Any) -> None:
    # Connected now, after every plugin's own, so that it is the last of their generators.
    signals.get_generators.connect(get_last_generator)


def on_finalized(pelican: Any) -> None:
    store = run_of(pelican.settings).parts.get(PageStore)
    if store is not None:
        store.save()


def register() -> None:
    signals.generator_init.connect(on_generator_init)
    signals.get_writer.connect(get_writer)
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
