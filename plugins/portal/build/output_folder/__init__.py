"""Where a build writes and where its site lives.

``portal build`` writes each build into an empty work folder beside the site's folder and puts
it in the site's place only once the whole build has succeeded (``portal.commands.build``). During
the build the site's folder is the last successful build, read but never changed: the
``unchanged_pages`` plugin and the search index link files from it. The caches and the search
data are named after the site's folder, not the work folder, so that every build finds them.
Run by Pelican directly (no ``PORTAL_OUTPUT``), the output folder is the site's folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

SITE_SETTING = "PORTAL_OUTPUT"

_previous: Path | None = None


def site_folder(settings: dict[str, Any]) -> Path:
    """The folder the site lives in once built."""
    return Path(settings.get(SITE_SETTING) or settings["OUTPUT_PATH"])


def previous_output() -> Path | None:
    """The last successful build, while this build runs in a work folder of its own."""
    return _previous


def on_initialized(pelican: Any) -> None:
    global _previous
    site = site_folder(pelican.settings).resolve()
    writing = Path(pelican.settings["OUTPUT_PATH"]).resolve()
    _previous = site if site != writing and site.is_dir() else None


def on_finalized(pelican: Any) -> None:
    global _previous
    _previous = None


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
