"""What a static index build leaves for the next one, in the data folder: every term's
postings, what each item looked like, and a fingerprint of the files written. A rebuild whose
output folder holds those very files (linked from the last build) updates the postings for the
items that changed and writes again only the files whose bytes change."""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    lists: list[Any]  # each term's postings, by term number: bytes of an array "I", best
                      # first (written from the arrays themselves)
    fingerprint: bytes  # of the index folder's files

    def write(self, path: Path) -> None:
        """One record, then each term's postings as one of their own: the postings are most
        of the state, and are never all copied at once."""
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as out:
            marshal.dump((FORMAT, self.pairs, self.totals, self.items, self.names, self.fingerprint), out)
            for postings in self.lists:
                marshal.dump(postings, out)
        partial.replace(path)

    @classmethod
    def read(cls, path: Path) -> IndexState | None:
        """The last build's state; None when there is none or it is unreadable."""
        try:
            with path.open("rb") as source:
                head = marshal.load(source)
                if head[0] != FORMAT:
                    return None
                _, pairs, totals, items, names, fingerprint = head
                lists = [marshal.load(source) for _ in names]
            return cls(pairs, totals, items, names, lists, fingerprint)
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
