"""Remembered Markdown renderings, so that a rebuild converts only the items that changed.

Only the pure step is kept: an item's Markdown body and summary -> sanitised HTML, keyed by a
hash of that text and of the code and libraries that make the HTML. Everything that depends on
the registries or on other items is computed again on every build, so a cached rendering can
never carry a stale unit, topic or address. (Pelican's own content cache keeps whole metadata
dictionaries and skips the reader for unchanged files, which would skip the validation too.)"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

FILE_NAME = "renderings.pickle"
Rendering = tuple[str, str, str]  # body HTML, summary HTML, excerpt


def _code_stamp() -> bytes:
    """What the rendering depends on besides the text: our code and the libraries' versions."""
    from content_model import reader
    from portal_common import safe_html

    stamp = hashlib.sha256()
    for module in (reader, safe_html):
        stamp.update(Path(module.__file__ or "").read_bytes())
    for library in ("markdown", "nh3"):
        stamp.update(version(library).encode())
    return stamp.digest()


def cache_folder(output: Path) -> Path:
    """Beside the output, like the search data: every build empties the output itself."""
    output = output.resolve()
    return output.parent / f".{output.name}-cache"


class RenderCache:
    def __init__(self, folder: Path | None, load: bool) -> None:
        self.file = folder / FILE_NAME if folder is not None else None
        self.stamp = _code_stamp()
        self.known: dict[bytes, Rendering] = {}
        self.used: dict[bytes, Rendering] = {}
        if load and self.file is not None and self.file.is_file():
            try:
                stored = pickle.loads(self.file.read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                stored = {}
            self.known = stored if isinstance(stored, dict) else {}

    def rendering(self, body: str, summary: str, make: Callable[[], Rendering]) -> Rendering:
        if self.file is None:
            return make()
        text = body.encode()
        key = hashlib.sha256(self.stamp + len(text).to_bytes(8, "little") + text + summary.encode()).digest()
        found = self.known.get(key) or make()
        self.used[key] = found
        return found

    def save(self) -> None:
        """Keep what this build used (a removed item's rendering goes)."""
        if self.file is None or self.used.keys() == self.known.keys():
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(self.file)
