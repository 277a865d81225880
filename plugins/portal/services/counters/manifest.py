"""The build's counters manifest, read again whenever a new build replaces it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from portal.build.counters_manifest.manifest import Manifest

log = logging.getLogger(__name__)


class ManifestWatcher:
    """The latest manifest that could be read. A missing or unreadable file (a build in
    progress deletes the output folder) leaves the last good one in use."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._stamp: tuple[int, int, int] | None = None
        self._manifest = Manifest()

    def current(self) -> Manifest:
        try:
            info = os.stat(self._path)
        except OSError:
            return self._manifest
        stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
        if stamp != self._stamp:
            self._stamp = stamp
            try:
                self._manifest = Manifest.from_json(self._path.read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
                log.warning("counters manifest %s not read: %s", self._path, error)
        return self._manifest
