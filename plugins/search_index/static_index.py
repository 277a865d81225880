"""The static index for readers, written into the output as small JSON files.

    tim-kiem/index/s/<bucket>.json      terms whose first word folds to the same key, each
                                        with its df, the highest impact of each of its blocks
                                        and its first block; what the page shows of the
                                        items those first blocks name
    tim-kiem/index/b/<bucket>-<k>.json  block k of each of the bucket's terms that has one
    tim-kiem/index/a/<chunk>.json       what the filters test (day, unit, type, topics) of
                                        items 4096 * chunk ... + 4095
    tim-kiem/index/r/<chunk>.json       what the page shows of items 16 * chunk ... + 15

Postings are ordered by impact (highest first; newer first among equals) and cut into blocks
that grow eightfold, so that a query reads the first block of each of its terms and reads on
only while an unread posting could still change its top results. The terms of one query word
share their files: one request per word and depth. Also writes ``statistics.json`` (the
corpus statistics and every term's df) into the data folder for ``portal search``.

    python -m search_index.static_index DATA_FOLDER OUTPUT_FOLDER
"""

from __future__ import annotations

import json
import marshal
import resource
import shutil
import sys
import tempfile
import time
from array import array
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from portal_common.inert_json import inert_json
from search_index.documents import SearchDocument, read_documents
from search_index.manifest import INDEX_FOLDER, Manifest, bucket_of
from search_index.ranking import (
    FIELD_BOOSTS,
    MAX_IMPACT,
    NUMBER_IMPACT,
    CorpusStats,
    bounded,
    field_part,
    length_norms,
    term_factor,
)
from search_index.terms import (
    FOLDED,
    NUMBER,
    TF_BITS,
    document_counts,
    shard_key,
    two_syllable_words,
    unpack,
)

DOCUMENTS_FILE = "documents.jsonl"
STATISTICS_FILE = "statistics.json"
FIRST_BLOCK = 16  # of a folded word's list: the results of a one-word query
FIRST_BLOCK_OTHER = 8  # of the other lists: exact words, two-syllable words, numbers
BLOCK_GROWTH = 8
RECORD_CHUNK = 16
ATTRIBUTE_CHUNK = 4096
ATTRIBUTES = 4  # a record starts with what the filters test: day, unit, type, topics
DOC_BITS = 20  # a posting is one 32-bit number: (MAX_IMPACT - impact) << DOC_BITS | doc
EPOCH = date(1970, 1, 1)


def block_sizes(length: int, first: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each block of a list of ``length`` postings."""
    start, size = 0, first
    while start < length:
        yield start, min(start + size, length)
        start, size = start + size, size * BLOCK_GROWTH


def record(document: SearchDocument, manifest: Manifest) -> list[Any]:
    """What the search page shows of an item, and what its filters test."""
    return [(document.date - EPOCH).days, manifest.unit_index[document.unit],
            manifest.type_index[document.type],
            [manifest.topic_index[slug] for slug in document.topics],
            document.title, document.url, document.excerpt, document.number]


class Postings:
    """Every term's postings, packed so that 20,000 items fit in little memory: terms are
    numbered, a posting is one 32-bit number, an item's counts wait in a scratch file."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.numbers: dict[str, int] = {}
        self.df: list[int] = []
        self.lists: list[array[int]] = []

    def count(self, packed: dict[str, int]) -> bytes:
        """Pass 1: the item's term numbers (as bytes); document frequencies."""
        ids = array("I")
        for term in packed:
            number = self.numbers.get(term)
            if number is None:
                number = self.numbers[term] = len(self.names)
                self.names.append(term)
                self.df.append(0)
                self.lists.append(array("I"))
            self.df[number] += 1
            ids.append(number)
        return ids.tobytes()

    def add_item(self, doc: int, lengths: tuple[int, int, int], ids: array[int],
                 counts: array[int], factors: list[float | None], stats: CorpusStats) -> None:
        """Pass 2: the item's impacts, ``ranking.impact`` step by step (the same arithmetic in
        the same order), each field's part computed once."""
        norms = length_norms(lengths, stats)
        body_only = 1 << TF_BITS
        parts: dict[int, float] = {}
        for number, packed in zip(ids, counts, strict=True):
            factor = factors[number]
            if factor is None:  # a document number: its impact is NUMBER_IMPACT, set on output
                self.lists[number].append(MAX_IMPACT << DOC_BITS | doc)
                continue
            if packed < body_only:
                saturated = parts.get(packed)
                if saturated is None:
                    saturated = parts[packed] = 0.0 + field_part(FIELD_BOOSTS[2], packed, norms[2])
            else:
                saturated = 0.0
                for field, tf in enumerate(unpack(packed)):
                    if tf:
                        saturated += field_part(FIELD_BOOSTS[field], tf, norms[field])
            self.lists[number].append((MAX_IMPACT - bounded(round(factor * saturated))) << DOC_BITS | doc)

    def ordered(self, number: int) -> list[int]:
        """[doc, impact, doc, impact, ...], highest impact first, newer first among equals."""
        mask = (1 << DOC_BITS) - 1
        if self.names[number].startswith(NUMBER):
            return [value for packed in sorted(self.lists[number])
                    for value in (packed & mask, NUMBER_IMPACT)]
        return [value for packed in sorted(self.lists[number])
                for value in (packed & mask, MAX_IMPACT - (packed >> DOC_BITS))]

    def by_name(self) -> list[int]:
        return sorted(range(len(self.names)), key=self.names.__getitem__)


def collect(data: Path) -> tuple[Postings, CorpusStats, frozenset[str]]:
    """The items read once for their counts and the document frequencies; the impacts then."""
    source = data / DOCUMENTS_FILE
    pairs = two_syllable_words(read_documents(source))
    postings = Postings()
    totals = [0, 0, 0]
    count = 0
    with tempfile.TemporaryFile(dir=data) as scratch:
        for document in read_documents(source):
            lengths, packed = document_counts(document, pairs)
            ids = postings.count(packed)
            marshal.dump((document.doc, lengths, ids, array("Q", packed.values()).tobytes()), scratch)
            totals = [t + n for t, n in zip(totals, lengths, strict=True)]
            count += 1
        stats = CorpusStats(count, (totals[0] / count, totals[1] / count, totals[2] / count)
                            if count else (0.0, 0.0, 0.0))
        factors: list[float | None] = [
            None if name.startswith(NUMBER) else term_factor(name, df, count)
            for name, df in zip(postings.names, postings.df, strict=True)]
        scratch.seek(0)
        for _ in range(count):
            doc, lengths, id_bytes, count_bytes = marshal.load(scratch)
            ids, counts = array("I"), array("Q")
            ids.frombytes(id_bytes)
            counts.frombytes(count_bytes)
            postings.add_item(doc, lengths, ids, counts, factors, stats)
    return postings, stats, pairs


def _write(path: Path, value: Any) -> None:
    """Compact JSON in which no text an author wrote can read as markup."""
    path.write_text(inert_json(value), encoding="utf-8")


def gaps(block: list[int]) -> list[int]:
    """A block as written: by item number, each number as the gap from the one before
    (short numbers that compress well); which posting comes first in a block does not matter,
    only the block's highest impact, which the term's entry keeps."""
    pairs = sorted(zip(block[::2], block[1::2], strict=True))
    return [value for (doc, impact), (before, _) in zip(pairs, [(0, 0), *pairs], strict=False)
            for value in (doc - before, impact)]


def write_index(postings: Postings, table: list[list[Any]], manifest: Manifest, root: Path) -> int:
    """The bucket, block and record files; returns how many files were written."""
    buckets: defaultdict[int, list[int]] = defaultdict(list)
    for number in postings.by_name():
        buckets[bucket_of(shard_key(postings.names[number]), manifest.buckets)].append(number)
    shutil.rmtree(root, ignore_errors=True)  # a build into an output that was not emptied
    for folder in ("s", "b", "r", "a"):
        (root / folder).mkdir(parents=True)
    files = 0
    for bucket, terms in sorted(buckets.items()):
        entries, shown = [], set()
        levels: defaultdict[int, dict[int, list[int]]] = defaultdict(dict)
        for position, number in enumerate(terms):
            term, flat = postings.names[number], postings.ordered(number)
            first = FIRST_BLOCK if term.startswith(FOLDED) and " " not in term else FIRST_BLOCK_OTHER
            blocks = [flat[2 * start:2 * end] for start, end in block_sizes(len(flat) // 2, first)]
            entries.append([term, postings.df[number], [block[1] for block in blocks],
                            gaps(blocks[0])])
            shown.update(blocks[0][::2])
            for level, block in enumerate(blocks[1:], 1):
                levels[level][position] = gaps(block)
        _write(root / "s" / f"{bucket}.json",
               {"t": entries, "r": {doc: table[doc] for doc in sorted(shown)}})
        for level, blocks_of in levels.items():
            _write(root / "b" / f"{bucket}-{level}.json", blocks_of)
        files += 1 + len(levels)
    for size, folder, part in ((RECORD_CHUNK, "r", len(table[0]) if table else 0),
                               (ATTRIBUTE_CHUNK, "a", ATTRIBUTES)):
        for start in range(0, len(table), size):
            _write(root / folder / f"{start // size}.json",
                   [row[:part] for row in table[start:start + size]])
            files += 1
    return files


def build(data: Path, output: Path, manifest: Manifest) -> dict[str, Any]:
    postings, stats, pairs = collect(data)
    table = [record(document, manifest) for document in read_documents(data / DOCUMENTS_FILE)]
    files = write_index(postings, table, manifest, output / INDEX_FOLDER)
    statistics = {"count": stats.count, "average_lengths": stats.average_lengths,
                  "pairs": sorted(pairs), "df": dict(sorted(zip(postings.names, postings.df, strict=True)))}
    _write(data / STATISTICS_FILE, statistics)
    return {"terms": len(postings.names), "files": files, "peak_mib": peak_mib()}


def peak_mib() -> float:
    """This process's peak memory since it started (not the parent's it was forked from)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main(argv: list[str]) -> int:
    started = time.monotonic()
    data, output = Path(argv[0]), Path(argv[1])
    figures = build(data, output, Manifest.read(data))
    print(json.dumps({**figures, "seconds": round(time.monotonic() - started, 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
