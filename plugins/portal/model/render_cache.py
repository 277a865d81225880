"""Remembered Markdown renderings, so that a rebuild converts only the items that changed.

Only the pure step is kept: an item's Markdown body and summary -> sanitised HTML, keyed by a
hash of that text and of the code and libraries that make the HTML. Everything that depends on
the registries or on other items is computed again on every build, so a cached rendering can
never carry a stale unit, topic or address. (Pelican's own content cache keeps whole metadata
dictionaries and skips the reader for unchanged files, which would skip the validation too.)"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from portal.common.digests import made_from
from portal.common.kept_files import read_kept, write_kept

FILE_NAME = "renderings.pickle"
Rendering = tuple[str, str, str]  # body HTML, summary HTML, excerpt


def cache_folder(output: Path) -> Path:
    """Beside the output, like the search data: every build empties the output itself."""
    output = output.resolve()
    return output.parent / f".{output.name}-cache"


class RenderCache:
    def __init__(self, folder: Path | None, code: list[Path]) -> None:
        """``code``: the modules that make the HTML; with the libraries' versions, they are
        what a rendering depends on besides the text."""
        self.file = folder / FILE_NAME if folder is not None else None
        self.stamp = made_from(code, ("markdown", "nh3"))
        stored = read_kept(self.file) if self.file is not None else None
        self.known: dict[bytes, Rendering] = stored if isinstance(stored, dict) else {}
        self.used: dict[bytes, Rendering] = {}

    def key(self, body: str, summary: str) -> bytes:
        text = body.encode()
        return hashlib.sha256(self.stamp + len(text).to_bytes(8, "little") + text + summary.encode()).digest()

    def rendering(self, key: bytes, make: Callable[[], Rendering]) -> Rendering:
        """The rendering of this key: the last build's, else made now."""
        return self.kept(key) or self._use(key, make())

    def kept(self, key: bytes) -> Rendering | None:
        """The last build's rendering of this key (kept for the next build), if it has one."""
        found = self.known.get(key)
        return None if found is None else self._use(key, found)

    def _use(self, key: bytes, rendering: Rendering) -> Rendering:
        if self.file is not None:
            self.used[key] = rendering
        return rendering

    def save(self) -> None:
        """Keep what this build used (a removed item's rendering goes)."""
        if self.file is None or self.used.keys() == self.known.keys():
            return
        write_kept(self.file, self.used)
