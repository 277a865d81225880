"""Where the project's files are: the folder holding ``pelicanconf.py``, found from the current
folder upwards (or named with ``--project``), as Pelican, Hugo and Jekyll act on the site they
are run in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SETTINGS_FILE = "pelicanconf.py"
PUBLISH_SETTINGS_FILE = "publishconf.py"


class NoProject(Exception):
    """No folder from here upwards holds the project's settings."""


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def settings(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def publish_settings(self) -> Path:
        return self.root / PUBLISH_SETTINGS_FILE

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def theme(self) -> Path:
        return self.root / "theme"


def locate(start: Path) -> Project | None:
    """The project ``start`` is in: the nearest folder from ``start`` up holding pelicanconf.py."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file():
            return Project(folder)
    return None


def named(folder: Path) -> Project:
    """The project of ``--project DIR``: DIR itself must hold pelicanconf.py."""
    if not (folder / SETTINGS_FILE).is_file():
        raise NoProject(str(folder))
    return Project(folder.resolve())
