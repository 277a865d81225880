"""Each item's term counts, kept from one build to the next: counting the words of thousands
of items is most of the static index's first pass, and a rebuild changes few of them.

An entry is found by a hash of everything the counts come from (the item's title, summary, body
and document number); the whole cache is for one set of two-syllable words, and is dropped when
that set changes. The file is a stream of marshal records — a header, one record per item
(its term numbers and counts, compressed), then the vocabulary the numbers point into — so that
neither writing nor reading holds every item's counts in memory: the reader keeps only where
each item's record starts."""

from __future__ import annotations

import hashlib
import marshal
import zlib
from array import array
from pathlib import Path
from typing import BinaryIO

from portal.search.documents import SearchDocument

CACHE_FILE = "counts-cache.marshal"
FORMAT = 2

Lengths = tuple[int, int, int]
Counts = tuple[Lengths, list[str], bytes]  # lengths, terms, their packed counts (array "Q")
Numbered = tuple[Lengths, "array[int]", "array[int]"]  # lengths, term numbers, packed counts


def _digest(*parts: str) -> bytes:
    return hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def item_key(document: SearchDocument) -> bytes:
    return _digest(*document.texts, document.number_key)


def _header(pairs: frozenset[str]) -> tuple[int, bytes]:
    return FORMAT, _digest(*sorted(pairs))


class CountsCache:
    """The last build's counts, read record by record."""

    def __init__(self, path: Path, pairs: frozenset[str]) -> None:
        self._file: BinaryIO | None = None
        self._offsets: dict[bytes, int] = {}
        self.vocabulary: list[str] = []
        try:
            stream = path.open("rb")
        except OSError:
            return
        try:
            if marshal.load(stream) != _header(pairs):
                raise ValueError("another format or other two-syllable words")
            while True:
                offset = stream.tell()
                record = marshal.load(stream)
                if len(record) == 1:
                    self.vocabulary = record[0]
                    break
                self._offsets[record[0]] = offset
        except (EOFError, ValueError, TypeError, IndexError):  # an unfinished or older file
            stream.close()
            self._offsets = {}
            return
        self._file = stream

    def get(self, key: bytes) -> Counts | None:
        """The item's counts, its terms by name."""
        found = self.numbered(key)
        if found is None:
            return None
        lengths, numbers, counts = found
        return lengths, list(map(self.vocabulary.__getitem__, numbers)), counts.tobytes()

    def numbered(self, key: bytes) -> Numbered | None:
        """The item's counts, its terms by their numbers in ``vocabulary``."""
        offset = self._offsets.get(key)
        if offset is None or self._file is None:
            return None
        self._file.seek(offset)
        _, lengths, ids, counts = marshal.load(self._file)
        numbers, packed = array("I"), array("Q")
        numbers.frombytes(zlib.decompress(ids))
        packed.frombytes(zlib.decompress(counts))
        return lengths, numbers, packed

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class CountsWriter:
    """This build's counts, written as they are made; in place of the last build's at
    ``finish``."""

    def __init__(self, path: Path, pairs: frozenset[str]) -> None:
        self.path = path
        self._partial = path.with_name(path.name + ".partial")
        self._file = self._partial.open("wb")
        marshal.dump(_header(pairs), self._file)

    def add(self, key: bytes, lengths: Lengths, ids: bytes, counts: bytes) -> None:
        """An item's counts: its term numbers (array "I") into the vocabulary given at
        ``finish``, and their packed counts."""
        marshal.dump((key, lengths, zlib.compress(ids, 1), zlib.compress(counts, 1)), self._file)

    def finish(self, vocabulary: list[str]) -> None:
        marshal.dump((vocabulary,), self._file)
        self._file.close()
        self._partial.replace(self.path)
