"""Where a build writes and where its site lives.

``portal build`` writes each build into an empty work folder beside the site's folder and puts
it in the site's place only once the whole build has succeeded (``portal.commands.build``). During
the build the site's folder is the last successful build, read but never changed: the
``unchanged_pages`` plugin and the search index link files from it. The caches and the search
data are named after the site's folder, not the work folder, so that every build finds them.
Run by Pelican directly (no ``PORTAL_OUTPUT``), the output folder is the site's folder.

The first stage of the pipeline: it starts the build's run (``portal.build.run``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from portal.build.run import RUN_SETTING, BuildRun
from portal.model.reader import new_state
from portal.model.render_cache import cache_folder

SITE_SETTING = "PORTAL_OUTPUT"


def site_folder(settings: dict[str, Any]) -> Path:
    """The folder the site lives in once built."""
    return Path(settings.get(SITE_SETTING) or settings["OUTPUT_PATH"])


def previous_output(settings: dict[str, Any]) -> Path | None:
    """The last successful build, when this build writes into a work folder of its own."""
    site = site_folder(settings).resolve()
    writing = Path(settings["OUTPUT_PATH"]).resolve()
    return site if site != writing and site.is_dir() else None


def on_initialized(pelican: Any) -> None:
    """A new run for every build, whatever an earlier build in this process left."""
    settings = pelican.settings
    caches = cache_folder(site_folder(settings)) if settings.get("PORTAL_CACHE") else None
    state = new_state(Path(settings["PATH"]), caches, settings["PORTAL_PRODUCTION"])
    settings[RUN_SETTING] = BuildRun(state, previous_output(settings))


def register() -> None:
    signals.initialized.connect(on_initialized)
