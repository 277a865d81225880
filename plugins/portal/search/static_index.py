"""The static index for readers: a few gzip-compressed JSON files in ``tim-kiem/index/``, each
named by a digest of its content (docs/search.md).

    p/<name>.json.gz  a posting shard: the word groups whose FNV-1a hash begins with the
                      shard's number (``bits`` bits). A group is a query word: a folded
                      syllable with all its spellings, or a two-syllable word with both its
                      syllables, their likeliest spellings and the words its second syllable
                      begins (``IndexWriter.group_terms``). Each term is there once:
        "t": [[term, df, [item gap, impact, ...]], ...]   each term's champions
        "s": [syllable, ...]   the syllables whose other spellings only their own group holds
        "r": the display rows of the groups' first pages (``ROW_COLUMNS``)
    l/<name>.json.gz  every item of each folded syllable whose champions are not all its
                      items, by the syllable's hash as the posting shards: {syllable: [gaps]}
    a/<name>.json.gz  what the filters test of every item, one file per column: "d" days
                      (the first, then gaps: newest first), "u" units, "y" types, "p"
                      {topic: [item gaps]}
    r/<name>.json.gz  the display rows of ``RECORD_CHUNK`` items in a row

The file names, in order, are the index's table (``TABLE_FILE`` in the data folder), which the
search page carries. A file whose name is already in the output (linked from the last build)
is left as it is: a rebuild writes only the files whose content changed. Also writes
``statistics.json`` (the corpus statistics and every term's df) for ``portal search``.

    python -m portal.search.static_index DATA_FOLDER OUTPUT_FOLDER
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import resource
import sys
import time
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

from portal.common.inert_json import inert_json
from portal.search.counts_cache import CACHE_FILE, CountsCache, CountsWriter
from portal.search.documents import SearchDocument, read_documents
from portal.search.manifest import INDEX_FOLDER, TABLE_FILE, Manifest, fnv1a
from portal.search.postings import Postings, Scored, attributes, collect, display
from portal.search.terms import EXACT, FOLDED, is_pair, shard_key

DOCUMENTS_FILE = "documents.jsonl"
STATISTICS_FILE = "statistics.json"
SHOWN = 10  # results on a page
STRONGEST = 10  # items of a word's own list whose display rows travel with it
MAIN_SPELLINGS = 2  # of each syllable's spellings with marks, those a two-syllable word's group holds
COMMON_SPELLINGS = 3  # of a syllable's spellings, those whose first pages its group shows at most
COMMON_SHARE = 4
LIKELIEST = 1  # of the queries ``first_pages`` ranks, the one whose pages of each type are shown
RECORD_CHUNK = 32
SHARD_BYTES = 40_000  # about what a posting shard holds before compression
LIST_BYTES = 60_000  # the same for the shards of every item of a syllable
SHARD_BITS = 10  # at most 1,024 posting shards
LIST_BITS = 7  # and 128 shards of every item of a syllable
NAME_LENGTH = 10  # hex digits of a file's digest in its name
ROW_COLUMNS = ("titles", "addresses", "excerpts", "numbers", "attributes")


def ranked(lists: Iterable[Scored]) -> list[int]:
    """Items by the sum of their impacts in ``lists`` (newer first among equals)."""
    scores: dict[int, int] = defaultdict(int)
    for scored in lists:
        for doc, value in scored.items():
            scores[doc] += value
    return sorted(scores, key=lambda doc: (-scores[doc], doc))


def first_of_each(ranking: list[int], facets: list[int]) -> set[int]:
    """The first page of ``ranking`` unfiltered and of each type (``facets[doc]``)."""
    pages: defaultdict[int, int] = defaultdict(int)
    shown = set(ranking[:SHOWN])
    for doc in ranking:
        if pages[facets[doc]] < SHOWN:
            pages[facets[doc]] += 1
            shown.add(doc)
    return shown


def gaps(values: Iterable[int]) -> list[int]:
    before, out = 0, []
    for value in values:
        out.append(value - before)
        before = value
    return out


def shard_of(key: str, bits: int) -> int:
    """The shard of a query word (search-engine.js's ``shardOf``)."""
    return fnv1a(key) >> (32 - bits) if bits else 0


def bits_for(size: int, target: int, most: int) -> int:
    """How many bits of the hash number the shards, for about ``target`` bytes each, at most
    ``most``: past that, shards grow instead of the count of files."""
    return min(most, math.ceil(math.log2(size / target))) if size > target else 0


class IndexWriter:
    """Every file of the index, as bytes by path, from the champions of every term."""

    def __init__(self, postings: Postings, documents: list[SearchDocument], manifest: Manifest) -> None:
        self.postings = postings
        self.documents = documents
        self.manifest = manifest
        self.by_key: defaultdict[str, list[int]] = defaultdict(list)
        for number in sorted(postings.live(), key=postings.names.__getitem__):
            self.by_key[shard_key(postings.names[number])].append(number)
        self.cache: dict[int, Scored] = {}
        self.sorted_items: dict[int, array[int]] = {}
        self.attributes = [attributes(document, manifest) for document in documents]
        self.types = [row[2] for row in self.attributes]
        self.rows: dict[int, list[str]] = {}
        self.files: dict[str, bytes] = {}

    def champions(self, term: str) -> Scored:
        """A term's champions; a folded term's are kept, since many groups need them, and
        others made again when needed, which keeps the writer's memory low."""
        number = self.postings.numbers.get(term)
        if number is None:
            return {}
        if not term.startswith(FOLDED):
            return self.postings.champions(number)
        if number not in self.cache:
            self.cache[number] = self.postings.champions(number)
        return self.cache[number]

    def first_pages(self, syllables: list[str]) -> set[int]:
        """The items a reader most likely sees first for these syllables typed together, in
        the folded query and in its likeliest spelling with marks (``spellings``), or for one
        syllable in each of its common spellings (up to ``COMMON_SPELLINGS``, each in at least
        one ``COMMON_SHARE``-th as many items as the commonest): those of the first page
        unfiltered, and of each type for the likeliest spelling, with the strongest items of the
        word's own list."""
        folded = _folded_terms(syllables)
        spellings = [found for found in (self.spellings(syllable, syllables) for syllable in syllables)
                     if found]
        queries = [folded, folded + [self.postings.names[found[0]] for found in spellings]]
        if len(syllables) == 1 and spellings:  # "dân" and "dẫn": more than one common spelling
            found = spellings[0]
            queries += [[*folded, self.postings.names[n]] for n in found[1:COMMON_SPELLINGS]
                        if COMMON_SHARE * self.postings.df(n) >= self.postings.df(found[0])]
        shown: set[int] = set()
        for at, terms in enumerate(queries):
            ranking = ranked([self.champions(term) for term in terms])
            shown |= first_of_each(ranking, self.types) if at == LIKELIEST else set(ranking[:SHOWN])
        own = self.champions(folded[-1])
        shown.update(sorted(own, key=lambda doc: (-own[doc], doc))[:STRONGEST])
        return shown

    def spellings(self, syllable: str, word: list[str]) -> list[int]:
        """A syllable's spellings with marks, those of the word (of one or two syllables)
        first: in a two-syllable word, those most often among the word's champions (the
        spelling of "tư" in "tư tưởng", not the commoner "từ"); then the commonest."""
        names = self.postings.names
        exact = [n for n in self.by_key.get(syllable, []) if names[n].startswith(EXACT)]
        together = sorted(self.champions(FOLDED + " ".join(word))) if len(word) > 1 else []
        return sorted(exact, key=lambda n: (-self.holders(n, together), -self.postings.df(n), names[n]))

    def holders(self, number: int, docs: list[int]) -> int:
        """How many of ``docs`` hold the term ``number``; its items are sorted once."""
        if not docs:
            return 0
        items = self.sorted_items.get(number)
        if items is None:
            items = self.sorted_items[number] = array("I", self.postings.items(number))
        found = 0
        for doc in docs:
            at = bisect_left(items, doc)
            found += at < len(items) and items[at] == doc
        return found

    def group_terms(self, syllables: list[str]) -> tuple[set[int], bool]:
        """The terms the group of a word holds, and whether the group of each of its syllables
        holds spellings it does not. A syllable's group: the folded syllable, all its
        spellings and the document numbers it begins. A two-syllable word's: both folded
        syllables, the word, each syllable's ``MAIN_SPELLINGS`` first ``spellings`` and the
        two-syllable words the second syllable begins (a query looks for each pair it finds
        from the left, so a pair that starts where another ends is looked for in that one's
        group)."""
        names, by_key = self.postings.names, self.by_key
        if len(syllables) == 1:
            return {n for n in by_key.get(syllables[0], []) if not is_pair(names[n])}, False
        second = syllables[1]
        pair = self.postings.numbers.get(FOLDED + " ".join(syllables))
        numbers = {pair} if pair is not None else set()
        partial = False
        for syllable in syllables:
            folded = self.postings.numbers.get(FOLDED + syllable)
            numbers.update([folded] if folded is not None else [])
            spellings = self.spellings(syllable, syllables)
            numbers.update(spellings[:MAIN_SPELLINGS])
            partial = partial or len(spellings) > MAIN_SPELLINGS
        numbers.update(n for n in by_key.get(second, []) if is_pair(names[n]))
        return numbers, partial

    def groups(self) -> list[tuple[str, list[str]]]:
        """Every query word: each syllable terms are filed under, each two-syllable word."""
        pairs = [(pair, pair.split(" ")) for pair in self.manifest.pairs]
        return [(key, [key]) for key in self.by_key] + pairs

    def entry(self, number: int) -> str:
        name = self.postings.names[number]
        scored = self.champions(name)
        docs = sorted(scored)
        impacts = (scored[doc] for doc in docs)
        flat = [value for pair in zip(gaps(docs), impacts, strict=True) for value in pair]
        return _compact([name, self.postings.df(number), flat])

    def row(self, doc: int) -> list[str]:
        """An item's display row, each value as ``inert_json`` writes it, made once."""
        if doc not in self.rows:
            self.rows[doc] = [*(inert_json(value) for value in display(self.documents[doc], self.manifest)),
                              _compact(self.attributes[doc])]
        return self.rows[doc]

    def display_rows(self, docs: Iterable[int]) -> str:
        """Display rows by column, after the items' gaps: like with like, they compress better."""
        ordered = sorted(docs)
        columns = zip(*map(self.row, ordered), strict=True) if ordered else [[]] * len(ROW_COLUMNS)
        return _listed([_compact(gaps(ordered)), *map(_listed, columns)])

    def posting_shards(self) -> tuple[int, list[str]]:
        """The posting shards' bits and names."""
        shards: defaultdict[str, tuple[set[int], set[str], set[int]]] = defaultdict(
            lambda: (set(), set(), set()))
        size = 0
        for key, syllables in self.groups():
            numbers, partial = self.group_terms(syllables)
            terms, spelled, shown = shards[key]
            terms |= numbers
            spelled |= set(syllables) if partial else set()
            shown |= self.first_pages(syllables)
            size += sum(12 + len(self.postings.names[n]) + 7 * min(self.postings.df(n), 200)
                        for n in numbers) + 150 * len(shown)
        bits = bits_for(size, SHARD_BYTES, SHARD_BITS)
        merged: defaultdict[int, tuple[set[int], set[str], set[int]]] = defaultdict(
            lambda: (set(), set(), set()))
        for key, (terms, spelled, shown) in shards.items():
            into = merged[shard_of(key, bits)]
            into[0].update(terms)
            into[1].update(spelled)
            into[2].update(shown)
        names = []
        for shard in range(1 << bits):
            terms, spelled, shown = merged.get(shard, (set(), set(), set()))
            if not terms:
                names.append("")
                continue
            entries = _listed(self.entry(n) for n in sorted(terms, key=self.postings.names.__getitem__))
            more = f',"s":{_compact(sorted(spelled))}' if spelled else ""
            names.append(self.put("p", f'{{"t":{entries}{more},"r":{self.display_rows(shown)}}}'))
        return bits, names

    def list_shards(self) -> tuple[int, list[str]]:
        """Every item of each folded syllable whose champions are not all its items, in
        shards by the syllable's hash."""
        lists = {}
        for key in self.by_key:
            number = self.postings.numbers.get(FOLDED + key)
            if number is not None and len(self.champions(FOLDED + key)) < self.postings.df(number):
                lists[key] = gaps(self.postings.items(number))
        bits = bits_for(sum(3 * len(found) for found in lists.values()), LIST_BYTES, LIST_BITS)
        shards: defaultdict[int, dict[str, list[int]]] = defaultdict(dict)
        for key in sorted(lists):
            shards[shard_of(key, bits)][key] = lists[key]
        return bits, [self.put("l", _compact(shards[shard])) if shard in shards else ""
                      for shard in range(1 << bits)]

    def filter_columns(self) -> dict[str, str]:
        """What the filters test of every item, a file for each column: a query reads only
        those of its filters."""
        days = [row[0] for row in self.attributes]
        topics: defaultdict[int, list[int]] = defaultdict(list)
        for doc, row in enumerate(self.attributes):
            for topic in row[3:]:
                topics[topic].append(doc)
        falls = [a - b for a, b in pairwise(days)]
        columns: dict[str, Any] = {"d": days[:1] + falls, "u": [row[1] for row in self.attributes],
                                   "y": self.types,
                                   "p": {str(topic): gaps(docs) for topic, docs in sorted(topics.items())}}
        return {letter: self.put("a", _compact(column)) for letter, column in columns.items()}

    def record_chunks(self) -> list[str]:
        count = len(self.documents)
        return [self.put("r", self.display_rows(range(start, min(start + RECORD_CHUNK, count))))
                for start in range(0, count, RECORD_CHUNK)]

    def put(self, folder: str, text: str) -> str:
        """A file of ``folder`` named by its content; its name."""
        data = text.encode("utf-8")
        name = hashlib.blake2b(data, digest_size=8).hexdigest()[:NAME_LENGTH]
        path, packed = f"{folder}/{name}.json.gz", gzip.compress(data, 6, mtime=0)
        if self.files.setdefault(path, packed) != packed:
            raise RuntimeError(f"two index files would be named {path}")
        return name

    def table(self) -> dict[str, Any]:
        """Every file, made; the table of their names the search page carries."""
        bits, shards = self.posting_shards()
        list_bits, lists = self.list_shards()
        return {"bits": bits, "p": "".join(name or "-" * NAME_LENGTH for name in shards),
                "lbits": list_bits, "l": "".join(name or "-" * NAME_LENGTH for name in lists),
                "a": self.filter_columns(), "r": "".join(self.record_chunks()), "rc": RECORD_CHUNK}


def write_files(root: Path, files: dict[str, bytes]) -> int:
    """The index's files in ``root``, which may hold the last build's (linked): those already
    there with the same bytes are kept, others written, the rest removed. How many were
    written."""
    written = 0
    for path, data in files.items():
        target = root / path
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # a link to the last build's file is replaced, not written through
        target.write_bytes(data)
        written += 1
    for path in sorted(root.rglob("*"), reverse=True):  # files before their folders
        if path.is_file() and path.relative_to(root).as_posix() not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def _folded_terms(syllables: list[str]) -> list[str]:
    """The folded terms of a word of one or two syllables: each syllable's, and the pair's."""
    return [FOLDED + s for s in syllables] + ([FOLDED + " ".join(syllables)] if len(syllables) > 1 else [])


def _listed(values: Iterable[str]) -> str:
    """A JSON list of values already written as JSON."""
    return f"[{','.join(values)}]"


def _compact(value: Any) -> str:
    """JSON of numbers and terms (letters, digits, spaces, hyphens): nothing to escape. Text
    an author wrote goes through ``inert_json``."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def build(data: Path, output: Path, manifest: Manifest) -> dict[str, Any]:
    """The static index of the items in ``data``, and its table in ``data``."""
    pairs = frozenset(manifest.pairs)
    cache = CountsCache(data / CACHE_FILE, pairs)
    kept = CountsWriter(data / CACHE_FILE, pairs)
    collected = collect(read_documents(data / DOCUMENTS_FILE), cache, kept, pairs, data)
    cache.close()
    postings, stats = collected.postings, collected.stats
    writer = IndexWriter(postings, collected.documents, manifest)
    table = writer.table()
    written = write_files(output / INDEX_FOLDER, writer.files)
    (data / TABLE_FILE).write_text(_compact(table), encoding="utf-8")
    live = postings.live()
    statistics = {"count": stats.count, "average_lengths": stats.average_lengths, "pairs": sorted(pairs),
                  "df": dict(sorted((postings.names[n], postings.df(n)) for n in live))}
    (data / STATISTICS_FILE).write_text(inert_json(statistics), encoding="utf-8")
    return {"terms": len(live), "files": len(writer.files), "written": written,
            "items_counted": collected.counted, "peak_mib": peak_mib()}


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
