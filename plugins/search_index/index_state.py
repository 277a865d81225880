"""What a static index build leaves for the next one, in the data folder: every term's
postings, what each item looked like, and a fingerprint of the files written. A rebuild whose
output folder holds those very files (linked from the last build) updates the postings for the
items that changed and writes again only the files whose bytes change."""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass, fields
from pathlib import Path

STATE_FILE = "index-state.marshal"
FORMAT = 1

# An item as the index last saw it: its counts' key (``counts_cache.item_key``), a digest of
# its display data, and its filter data.
ItemState = tuple[bytes, bytes, tuple[int, ...]]


@dataclass
class IndexState:
    pairs: bytes  # digest of the two-syllable words
    totals: tuple[int, ...]  # words in all titles, summaries and bodies
    items: list[ItemState]  # by item number
    names: list[str]  # the terms, numbered as in the counts cache (a term may have no postings)
    lists: list[bytes]  # each term's postings (array "I", best first), by term number
    fingerprint: bytes  # of the index folder's files

    def write(self, path: Path) -> None:
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as out:
            marshal.dump((FORMAT, *(getattr(self, each.name) for each in fields(self))), out)
        partial.replace(path)

    @classmethod
    def read(cls, path: Path) -> IndexState | None:
        """The last build's state; None when there is none or it is unreadable."""
        try:
            with path.open("rb") as source:
                values = marshal.load(source)
            if values[0] != FORMAT:
                return None
            return cls(*values[1:])
        except (OSError, EOFError, ValueError, TypeError, IndexError):
            return None


def fingerprint(root: Path) -> bytes:
    """Which files the folder holds, as written (inode, size, time): files linked from another
    folder keep it, a file written again does not."""
    digest = hashlib.blake2b(digest_size=16)
    prefix = len(str(root))
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
                continue
            info = entry.stat(follow_symlinks=False)
            digest.update(f"{entry.path[prefix:]}\0{info.st_ino}\0{info.st_size}\0{info.st_mtime_ns}\n"
                          .encode("utf-8", "surrogatepass"))
    return digest.digest()
