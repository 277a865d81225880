"""Items as the last build read them, so that a rebuild reads and checks again only the files
that changed.

What reading a file gives (its item, its problems, and for a published item its metadata)
follows from the file, the registries, the code that reads it and the language of the
messages. A kept item is found by the hash of its path and bytes (``Item.stamp``), and the
whole cache counts only while the registries, that code, the libraries it uses, the language
and the kind of build are those it was made with. A file naming pictures or attachments, in its
metadata or its text, also depends on those files: it is always read afresh. A kept item
carries its problems, so every build reports every problem of every file, changed or not.

Units, topics and content types are kept by name and found again in this build's registries,
so that kept items share them with the rest of the build."""

from __future__ import annotations

import dataclasses
import io
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.common.digests import made_from
from portal.common.kept_files import read_kept, write_kept
from portal.common.messages import language
from portal.model.body_files import referenced_files
from portal.model.item import Item
from portal.model.problems import Problem
from portal.model.registries import REGISTRY_FILES, Registries, Topic, Unit
from portal.model.schema import CONTENT_TYPES, ContentType

FILE_NAME = "items.pickle"
CODE = [Path(__file__).resolve().parent, Path(__file__).resolve().parents[1] / "common"]
LIBRARIES = ("markdown", "nh3", "unidecode")
NAMING_FILES = ("image", "attachments")  # keys whose values are files of the content


@dataclass
class KeptItem:
    """What reading one file gave: its problems (the item's, or why it has none), the item,
    and for a published item its Pelican metadata and the key of its rendering. A kept item's
    Markdown body is left out: only its rendering, kept by that key, is made from it."""

    problems: list[Problem]
    item: Item | None = None
    metadata: dict[str, Any] | None = None
    rendering: bytes = b""


def context_stamp(content_root: Path, production: bool) -> bytes:
    """What every item's reading depends on besides its own file."""
    files = [*(path for folder in CODE for path in folder.glob("*.py")),
             *(path for path in (content_root / name for name in REGISTRY_FILES) if path.is_file())]
    return made_from(files, LIBRARIES, f"{language()}\0{sys.version}\0{production}".encode())


def names_files(item: Item) -> bool:
    """Whether the item's reading depends on files of the content besides its own."""
    return any(key in item.lines for key in NAMING_FILES) or bool(referenced_files(item.body))


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, registries: Registries) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.registries = registries

    def persistent_id(self, obj: Any) -> tuple[str, str] | None:
        kind = type(obj)
        if kind is Unit and self.registries.units.units.get(obj.slug) is obj:
            return "unit", obj.slug
        if kind is Topic and self.registries.topics.get(obj.slug) is obj:
            return "topic", obj.slug
        if kind is ContentType and CONTENT_TYPES.get(obj.key) is obj:
            return "type", obj.key
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, registries: Registries) -> None:
        super().__init__(io.BytesIO(data))
        self.registries = registries

    def persistent_load(self, name: tuple[str, str]) -> Any:
        kind, key = name
        try:
            if kind == "unit":
                return self.registries.units[key]
            return self.registries.topics[key] if kind == "topic" else CONTENT_TYPES[key]
        except KeyError:
            raise pickle.UnpicklingError(f"no {kind} {key}") from None


class ItemCache:
    """Each kept item pickled on its own: the file is loaded as a whole, an item unpickled only
    when its file is read, and one read afresh is pickled once, when it is read."""

    def __init__(self, folder: Path | None, context: bytes = b"") -> None:
        self.file = folder / FILE_NAME if folder is not None else None
        self.context = context
        self.known: dict[bytes, bytes] = {}
        self.used: dict[bytes, bytes] = {}
        self.read_afresh = False
        stored = read_kept(self.file) if self.file is not None else None
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == context \
                and isinstance(stored[1], dict):
            self.known = stored[1]

    def get(self, stamp: bytes, registries: Registries) -> KeptItem | None:
        data = self.known.get(stamp)
        if data is None:
            return None
        try:
            kept = _Unpickler(data, registries).load()
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return None
        if not isinstance(kept, KeptItem):
            return None
        self.used[stamp] = data
        return kept

    def keep(self, stamp: bytes, kept: KeptItem, registries: Registries) -> None:
        item = kept.item
        if self.file is None or (item is not None and names_files(item)):
            return
        if item is not None:
            item = dataclasses.replace(item, body="")
            metadata = None if kept.metadata is None else {**kept.metadata, "item": item}
            kept = KeptItem(kept.problems, item, metadata, kept.rendering)
        buffer = io.BytesIO()
        _Pickler(buffer, registries).dump(kept)
        self.used[stamp] = buffer.getvalue()
        self.read_afresh = True

    def save(self) -> None:
        """Keep what this build read (a removed file's item goes)."""
        if self.file is None or (not self.read_afresh and self.used.keys() == self.known.keys()):
            return
        write_kept(self.file, (self.context, self.used))
