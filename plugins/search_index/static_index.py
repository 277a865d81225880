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

import hashlib
import json
import resource
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from portal_common.inert_json import inert_json
from search_index.counts_cache import CACHE_FILE, CountsCache, CountsWriter
from search_index.documents import SearchDocument, read_documents
from search_index.index_state import STATE_FILE, IndexState, fingerprint
from search_index.index_update import Changes, update
from search_index.manifest import INDEX_FOLDER, Manifest, fnv1a
from search_index.postings import Postings, Scored, attributes, collect, display_json
from search_index.terms import EXACT, FOLDED, shard_key

DOCUMENTS_FILE = "documents.jsonl"
STATISTICS_FILE = "statistics.json"
SHOWN = 10  # results on a page
STRONGEST = 30  # items of a word's own list whose display data travel with it
RECORD_CHUNK = 16
ATTRIBUTE_CHUNK = 4096


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
        for number in sorted(postings.live(), key=postings.names.__getitem__):
            self.by_key[shard_key(postings.names[number])].append(number)
        self.cache: dict[int, Scored] = {}
        self.of_type: list[set[int]] = [set() for _ in manifest.types]
        for document in documents:
            self.of_type[manifest.type_index[document.type]].add(document.doc)
        self.attributes = [attributes(document, manifest) for document in documents]
        self.shown_json: dict[int, str] = {}
        self.written = 0

    def champions(self, term: str) -> Scored:
        number = self.postings.numbers.get(term)
        if number is None:
            return {}
        if number not in self.cache:
            self.cache[number] = self.postings.champions(number)
        return self.cache[number]

    def commonest_exact(self, key: str) -> str | None:
        names = self.postings.names
        exact = [n for n in self.by_key.get(key, []) if names[n].startswith(EXACT)]
        if not exact:
            return None
        return names[min(exact, key=lambda n: (-self.postings.df(n), names[n]))]

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

    def word_file(self, words: list[list[str]]) -> str:
        """The file of one or more words (each a list of one or two syllables), as JSON."""
        numbers = sorted({number for syllables in words for syllable in syllables
                          for number in self.by_key.get(syllable, [])}, key=self.postings.names.__getitem__)
        entries, named = [], set()
        for number in numbers:
            scored = self.champions(self.postings.names[number])
            entries.append([self.postings.names[number], self.postings.df(number),
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
            self.shown_json[doc] = display_json(self.documents[doc])
        return self.shown_json[doc]

    def word_groups(self) -> dict[int, list[list[str]]]:
        """Each word file's name and its words (more than one where their hashes meet)."""
        named: defaultdict[int, list[list[str]]] = defaultdict(list)
        for key in self.by_key:
            named[fnv1a(key)].append([key])
        for pair in self.manifest.pairs:
            named[fnv1a(pair)].append(pair.split(" "))
        return named

    def item_lists(self) -> dict[int, int]:
        """Each ``m/`` file's name and the folded syllable whose items it lists: those whose
        champions are not all their items (of two syllables with one hash, the last)."""
        files = {}
        for key, numbers in self.by_key.items():
            whole = next((n for n in numbers if self.postings.names[n] == FOLDED + key), None)
            if whole is not None and len(self.champions(FOLDED + key)) < self.postings.df(whole):
                files[fnv1a(key)] = whole
        return files

    def put(self, folder: str, name: int, text: str | None) -> None:
        """A file written, or removed (``text`` None). The file there may be a link to the
        last build's: it is replaced, never written through."""
        path = self.root / folder / f"{name}.json"
        path.unlink(missing_ok=True)
        if text is not None:
            path.write_text(text, encoding="utf-8")
            self.written += 1

    def write(self, changes: Changes | None = None) -> int:
        """Every file, or with ``changes`` only those that can differ from the last build's
        files already there; returns how many were written."""
        if changes is None:
            shutil.rmtree(self.root, ignore_errors=True)  # a build into an output not emptied
            for folder in ("w", "m", "r", "a"):
                (self.root / folder).mkdir(parents=True)
        groups = self.word_groups()
        if changes is None:
            rewrite = set(groups)
        else:
            rewrite = {name for name, words in groups.items()
                       if any(syllable in changes.keys for word in words for syllable in word)}
            rewrite |= {fnv1a(key) for key in changes.keys}
        for name in rewrite:
            self.put("w", name, self.word_file(groups[name]) if name in groups else None)
        lists = self.item_lists()
        for name in lists if changes is None else {fnv1a(key) for key in changes.mapped}:
            self.put("m", name, _compact(gaps(self.postings.items(lists[name]))) if name in lists else None)
        count = len(self.documents)
        chunks = range(-(-count // RECORD_CHUNK)) if changes is None else {
            doc // RECORD_CHUNK for doc in changes.shown}
        for chunk in chunks:
            docs = range(chunk * RECORD_CHUNK, min((chunk + 1) * RECORD_CHUNK, count))
            self.put("r", chunk, f"[{','.join(map(self.display_json, docs))}]")
        chunks = range(-(-count // ATTRIBUTE_CHUNK)) if changes is None else {
            doc // ATTRIBUTE_CHUNK for doc in changes.filtered}
        for chunk in chunks:
            self.put("a", chunk, inert_json(self.attributes[chunk * ATTRIBUTE_CHUNK:
                                                            (chunk + 1) * ATTRIBUTE_CHUNK]))
        return self.written


def _write(path: Path, value: Any) -> None:
    """Compact JSON in which no text an author wrote can read as markup."""
    path.write_text(inert_json(value), encoding="utf-8")


def _compact(value: Any) -> str:
    """JSON of numbers and terms (letters, digits, spaces, hyphens): nothing to escape. Text
    an author wrote goes through ``inert_json``."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def build(data: Path, output: Path, manifest: Manifest) -> dict[str, Any]:
    """The static index of the items in ``data``. When the output's index folder holds the
    last build's files, the last build's postings are updated and only the files that
    change are written."""
    pairs = frozenset(manifest.pairs)
    root = output / INDEX_FOLDER
    cache = CountsCache(data / CACHE_FILE, pairs)
    state = IndexState.read(data / STATE_FILE)
    found = None
    if state is not None and state.pairs == _digest(pairs) and state.fingerprint == fingerprint(root):
        found = update(state, read_documents(data / DOCUMENTS_FILE), cache, manifest, pairs)
    kept = CountsWriter(data / CACHE_FILE, pairs)
    if found is None:
        collected = collect(read_documents(data / DOCUMENTS_FILE), cache, kept, manifest, pairs, data)
        changes = None
    else:
        collected, changes, records = found
        kept.copy(cache)
        for record in records:
            kept.add(*record)
        kept.finish(collected.postings.names)
    cache.close()
    postings, stats = collected.postings, collected.stats
    files = IndexWriter(postings, collected.documents, manifest, root).write(changes)
    IndexState(_digest(pairs), tuple(collected.totals), collected.items, postings.names,
               postings.lists, fingerprint(root)
               ).write(data / STATE_FILE)
    live = postings.live()
    statistics = {"count": stats.count, "average_lengths": stats.average_lengths, "pairs": sorted(pairs),
                  "df": dict(sorted((postings.names[n], postings.df(n)) for n in live))}
    _write(data / STATISTICS_FILE, statistics)
    return {"terms": len(live), "files": files, "items_counted": collected.counted,
            "updated": changes is not None, "peak_mib": peak_mib()}


def _digest(pairs: frozenset[str]) -> bytes:
    return hashlib.blake2b("\n".join(sorted(pairs)).encode("utf-8"), digest_size=16).digest()


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
