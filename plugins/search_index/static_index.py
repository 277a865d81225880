"""The static index for readers, written into the output as small JSON files.

    tim-kiem/index/w/<key>.json   one per query word (a folded syllable) and one per
                                  two-syllable word (holding both syllables' terms), named by
                                  the FNV-1a hash of the word:
        "t": [[term, df, [item gap, impact, ...]], ...]   each term's champions, by item
        "a": [[item gap, day gap, unit, type, topic...], ...]   what the filters test of
                                  every item those lists name
        "r": {item: [title, url, excerpt, number]}   what the page shows of the items that
                                  make the word's first pages
    tim-kiem/index/m/<key>.json   every item a folded syllable is in, when its champions are
                                  not all of them (gaps): for the items that score 0
    tim-kiem/index/a/<chunk>.json what the filters test of items 4096 * chunk ... + 4095
    tim-kiem/index/r/<chunk>.json what the page shows of items 16 * chunk ... + 15

A term counts only for its champions (``ranking.champions``), so a query's first page is
ranked exactly from the files of its words alone, filters included; the chunk files serve
later pages, items that score 0 and results whose display data the word files lack. Also
writes ``statistics.json`` (the corpus statistics and every term's df) into the data folder
for ``portal search``.

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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from portal_common.inert_json import inert_json
from search_index.counts_cache import CACHE_FILE, CountsCache, CountsWriter, item_key
from search_index.documents import SearchDocument, read_documents
from search_index.manifest import INDEX_FOLDER, Manifest, fnv1a
from search_index.ranking import (
    FIELD_BOOSTS,
    MAX_IMPACT,
    NUMBER_IMPACT,
    CorpusStats,
    champions,
    field_part,
    length_norms,
    term_factor,
)
from search_index.terms import (
    EXACT,
    FOLDED,
    NUMBER,
    TF_BITS,
    document_counts,
    shard_key,
    unpack,
)

DOCUMENTS_FILE = "documents.jsonl"
STATISTICS_FILE = "statistics.json"
SHOWN = 10  # results on a page
STRONGEST = 30  # items of a word's own list whose display data travel with it
RECORD_CHUNK = 16
ATTRIBUTE_CHUNK = 4096
DOC_BITS = 20  # a posting is one 32-bit number: (MAX_IMPACT - impact) << DOC_BITS | doc
EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970, as the filter data and the page's manifest give dates."""
    return (day - EPOCH).days

Scored = dict[int, int]  # item -> impact


class Postings:
    """Every term's postings, packed so that 20,000 items fit in little memory: terms are
    numbered, a posting is one 32-bit number, an item's counts wait in a scratch file."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.numbers: dict[str, int] = {}
        self.df: list[int] = []
        self.lists: list[array[int]] = []
        self._df = Counter[int]()

    def count(self, terms: list[str]) -> bytes:
        """Pass 1: the item's term numbers (as bytes), counted for the document frequencies
        (``counted`` then makes them ``df``)."""
        numbers = self.numbers
        for term in [term for term in terms if term not in numbers]:
            numbers[term] = len(self.names)
            self.names.append(term)
            self.lists.append(array("I"))
        ids = array("I", map(numbers.__getitem__, terms))
        self._df.update(ids)
        return ids.tobytes()

    def counted(self) -> None:
        self.df = [self._df[number] for number in range(len(self.names))]

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
            value = round(factor * saturated)  # ranking.bounded, inline: this runs per posting
            value = 1 if value < 1 else MAX_IMPACT if value > MAX_IMPACT else value
            self.lists[number].append((MAX_IMPACT - value) << DOC_BITS | doc)

    def champions(self, number: int) -> Scored:
        """The term's champions: its highest impacts, newer first among equals."""
        mask = (1 << DOC_BITS) - 1
        name = self.names[number]
        best = sorted(self.lists[number])[:champions(name)]
        if name.startswith(NUMBER):
            return {packed & mask: NUMBER_IMPACT for packed in best}
        return {packed & mask: MAX_IMPACT - (packed >> DOC_BITS) for packed in best}

    def items(self, number: int) -> list[int]:
        mask = (1 << DOC_BITS) - 1
        return sorted(packed & mask for packed in self.lists[number])


def collect(data: Path, pairs: frozenset[str]) -> tuple[Postings, CorpusStats, int]:
    """The items read once for their counts (those of the last build's cache where the item is
    the same) and the document frequencies; the impacts then. Also returns how many items'
    words were counted (not found in the cache)."""
    postings = Postings()
    totals = [0, 0, 0]
    count = 0
    cache, kept = CountsCache(data / CACHE_FILE, pairs), CountsWriter(data / CACHE_FILE, pairs)
    with tempfile.TemporaryFile(dir=data) as scratch:
        for document in read_documents(data / DOCUMENTS_FILE):
            key = item_key(document)
            known = cache.get(key)
            if known is None:
                lengths, packed = document_counts(document, pairs)
                terms, counts = list(packed), array("Q", packed.values()).tobytes()
            else:
                lengths, terms, counts = known
            ids = postings.count(terms)
            kept.add(key, lengths, ids, counts)
            marshal.dump((document.doc, lengths, ids, counts), scratch)
            totals = [t + n for t, n in zip(totals, lengths, strict=True)]
            count += 1
        postings.counted()
        cache.close()
        kept.finish(postings.names)
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
    return postings, stats, count - cache.hits


def ranked(lists: Iterable[Scored], wanted: set[int] | None = None) -> list[int]:
    """Items by the sum of their impacts in ``lists`` (newer first among equals)."""
    scores: dict[int, int] = defaultdict(int)
    for scored in lists:
        for doc, value in scored.items():
            if wanted is None or doc in wanted:
                scores[doc] += value
    return sorted(scores, key=lambda doc: (-scores[doc], doc))


def gaps(values: Iterable[int]) -> list[int]:
    before, out = 0, []
    for value in values:
        out.append(value - before)
        before = value
    return out


class IndexWriter:
    """The word files, from the champions of every term, and the chunk files."""

    def __init__(self, postings: Postings, documents: list[SearchDocument], manifest: Manifest,
                 root: Path) -> None:
        self.postings = postings
        self.documents = documents
        self.manifest = manifest
        self.root = root
        self.by_key: defaultdict[str, list[int]] = defaultdict(list)
        for number in sorted(range(len(postings.names)), key=postings.names.__getitem__):
            self.by_key[shard_key(postings.names[number])].append(number)
        self.cache: dict[int, Scored] = {}
        self.of_type: list[set[int]] = [set() for _ in manifest.types]
        for document in documents:
            self.of_type[manifest.type_index[document.type]].add(document.doc)
        self.attributes = [self._attributes(document) for document in documents]
        self.shown_json: dict[int, str] = {}

    def champions(self, term: str) -> Scored:
        number = self.postings.numbers.get(term)
        if number is None:
            return {}
        if number not in self.cache:
            self.cache[number] = self.postings.champions(number)
        return self.cache[number]

    def commonest_exact(self, key: str) -> str | None:
        exact = [n for n in self.by_key.get(key, []) if self.postings.names[n].startswith(EXACT)]
        if not exact:
            return None
        return self.postings.names[max(exact, key=lambda n: (self.postings.df[n], -n))]

    def first_pages(self, syllables: list[str]) -> set[int]:
        """The items a reader most likely sees first for these syllables typed together:
        the first page of the folded query and of its commonest spelling with marks, unfiltered
        and for each type, and the strongest items of the word's own list."""
        folded = [FOLDED + s for s in syllables] + ([FOLDED + " ".join(syllables)]
                                                    if len(syllables) > 1 else [])
        spelled = [term for term in map(self.commonest_exact, syllables) if term]
        shown: set[int] = set()
        for terms in (folded, folded + spelled):
            lists = [self.champions(term) for term in terms]
            shown.update(ranked(lists)[:SHOWN])
            for docs in self.of_type:
                shown.update(ranked(lists, docs)[:SHOWN])
        own = self.champions(folded[-1])
        shown.update(sorted(own, key=lambda doc: (-own[doc], doc))[:STRONGEST])
        return shown

    def _attributes(self, document: SearchDocument) -> list[int]:
        return [day_number(document.date), self.manifest.unit_index[document.unit],
                self.manifest.type_index[document.type],
                *(self.manifest.topic_index[slug] for slug in document.topics)]

    def display(self, doc: int) -> list[str]:
        document = self.documents[doc]
        return [document.title, document.url, document.excerpt, document.number]

    def word_file(self, words: list[list[str]]) -> str:
        """The file of one or more words (each a list of one or two syllables), as JSON."""
        numbers = sorted({number for syllables in words for syllable in syllables
                          for number in self.by_key.get(syllable, [])})
        entries, named = [], set()
        for number in numbers:
            scored = self.champions(self.postings.names[number])
            entries.append([self.postings.names[number], self.postings.df[number],
                            [value for doc in sorted(scored)
                             for value in (doc, scored[doc])]])
            named.update(scored)
        for entry in entries:
            entry[2][0::2] = gaps(entry[2][0::2])
        rows, day, before = [], 0, 0
        for doc in sorted(named):
            attributes = self.attributes[doc]
            rows.append([doc - before, day - attributes[0], *attributes[1:]])
            before, day = doc, attributes[0]
        shown = set().union(*(self.first_pages(syllables) for syllables in words))
        records = ",".join(f'"{doc}":{self.display_json(doc)}' for doc in sorted(shown))
        return f'{{"t":{_compact(entries)},"a":{_compact(rows)},"r":{{{records}}}}}'

    def display_json(self, doc: int) -> str:
        """An item's display data as JSON, made once: many word files carry it."""
        if doc not in self.shown_json:
            self.shown_json[doc] = inert_json(self.display(doc))
        return self.shown_json[doc]

    def write(self) -> int:
        """Every file; returns how many were written."""
        shutil.rmtree(self.root, ignore_errors=True)  # a build into an output that was not emptied
        for folder in ("w", "m", "r", "a"):
            (self.root / folder).mkdir(parents=True)
        named: defaultdict[int, list[list[str]]] = defaultdict(list)
        for key in self.by_key:
            named[fnv1a(key)].append([key])
        for pair in self.manifest.pairs:
            named[fnv1a(pair)].append(pair.split(" "))
        for name, words in named.items():
            (self.root / "w" / f"{name}.json").write_text(self.word_file(words), encoding="utf-8")
        files = len(named)
        for key, numbers in self.by_key.items():
            whole = next((n for n in numbers if self.postings.names[n] == FOLDED + key), None)
            if whole is not None and len(self.champions(FOLDED + key)) < self.postings.df[whole]:
                (self.root / "m" / f"{fnv1a(key)}.json").write_text(
                    _compact(gaps(self.postings.items(whole))), encoding="utf-8")
                files += 1
        count = len(self.documents)
        for start in range(0, count, RECORD_CHUNK):
            chunk = ",".join(map(self.display_json, range(start, min(start + RECORD_CHUNK, count))))
            (self.root / "r" / f"{start // RECORD_CHUNK}.json").write_text(f"[{chunk}]", encoding="utf-8")
        for start in range(0, count, ATTRIBUTE_CHUNK):
            _write(self.root / "a" / f"{start // ATTRIBUTE_CHUNK}.json",
                   self.attributes[start:start + ATTRIBUTE_CHUNK])
        return files + -(-count // RECORD_CHUNK) + -(-count // ATTRIBUTE_CHUNK)


def _write(path: Path, value: Any) -> None:
    """Compact JSON in which no text an author wrote can read as markup."""
    path.write_text(inert_json(value), encoding="utf-8")


def _compact(value: Any) -> str:
    """JSON of numbers and terms (letters, digits, spaces, hyphens): nothing to escape. Text
    an author wrote goes through ``inert_json``."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def build(data: Path, output: Path, manifest: Manifest) -> dict[str, Any]:
    pairs = frozenset(manifest.pairs)
    postings, stats, counted = collect(data, pairs)
    documents = [replace(document, body="") for document in read_documents(data / DOCUMENTS_FILE)]
    files = IndexWriter(postings, documents, manifest, output / INDEX_FOLDER).write()
    statistics = {"count": stats.count, "average_lengths": stats.average_lengths,
                  "pairs": sorted(pairs), "df": dict(sorted(zip(postings.names, postings.df, strict=True)))}
    _write(data / STATISTICS_FILE, statistics)
    return {"terms": len(postings.names), "files": files, "items_counted": counted,
            "peak_mib": peak_mib()}


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
