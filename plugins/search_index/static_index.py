"""The static index for readers, written into the output as small JSON files.

    tim-kiem/index/w/<key>.json   one per query word (a folded syllable) and one per
                                  two-syllable word, named by the FNV-1a hash of the word:
        "t": [[term, df, [item gap, impact, ...]], ...]   each term's champions, by item: a
                                  syllable's file holds the folded syllable and all its
                                  spellings with marks; a two-syllable word's, the word, both
                                  folded syllables, their likeliest spellings and the words
                                  its second syllable begins (``IndexWriter.file_terms``)
        "a": [[item gap, day gap, unit, type, topic...], ...]   what the filters test of
                                  every item those lists name
        "s": [syllable, ...]      the syllables whose other spellings only their own file holds
        "x": {syllable: [item gap, ...]}   the items a syllable in almost every item lacks
        "r": [[item gap, ...], [title, ...], [address or "", ...], [excerpt, ...],
              [number, ...]]      what the page shows of the items of the word's first
                                  pages, unfiltered and of each type (an address left empty
                                  is made from the title, type and year)
    tim-kiem/index/u/<unit>/<key>.json   the same for the items of one scope (``scopes``):
    tim-kiem/index/t/<topic>/<key>.json  a unit's branch, a topic or a year. Each term holds
    tim-kiem/index/y/<year>/<key>.json   its champions in the scope and, fourth, how many it
                                  has in all; "r" the items of the first page of each unit
                                  (with the units under it), topic or year of the scope: what
                                  a query with such a filter reads instead. A word with no
                                  items in a scope has no file there.
    tim-kiem/index/m/<key>.json   every item a folded syllable is in, when its champions are
                                  not all of them and "x" does not list what it lacks (gaps):
                                  for the items that score 0
    tim-kiem/index/a/<chunk>.json what the filters test of items 4096 * chunk ... + 4095
    tim-kiem/index/r/<chunk>.json what the page shows of items 16 * chunk ... + 15, each with
                                  what the filters test of it

A term counts only for its champions (``ranking.champions``), so a query's first page is ranked
exactly from the files of its words alone, filters included; the chunk files serve later pages
and items that score 0. Also writes ``statistics.json`` (the corpus statistics and every term's
df) into the data folder for ``portal search``.

    python -m search_index.static_index DATA_FOLDER OUTPUT_FOLDER
"""

from __future__ import annotations

import hashlib
import json
import resource
import shutil
import sys
import time
from array import array
from bisect import bisect_left
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
from search_index.postings import Postings, Scored, attributes, collect, display
from search_index.scopes import Scopes
from search_index.tails import SHOWN, Tail, Tails
from search_index.terms import EXACT, FOLDED, is_pair, shard_key

DOCUMENTS_FILE = "documents.jsonl"
STATISTICS_FILE = "statistics.json"
STRONGEST = 30  # items of a word's own list whose display data travel with it
INLINE_COMPLEMENT = 1000  # a syllable in all items but this many: its word files list those
MAIN_SPELLINGS = 2  # of each syllable's spellings with marks, those a two-syllable word's file holds
COMMON_SPELLINGS = 3  # of a syllable's spellings, those whose first pages its files show at most
COMMON_SHARE = 4
RECORD_CHUNK = 16
ATTRIBUTE_CHUNK = 4096


def ranked(lists: Iterable[Scored]) -> list[int]:
    """Items by the sum of their impacts in ``lists`` (newer first among equals)."""
    scores: dict[int, int] = defaultdict(int)
    for scored in lists:
        for doc, value in scored.items():
            scores[doc] += value
    return sorted(scores, key=lambda doc: (-scores[doc], doc))


def first_of_each(ranking: list[int], facets: list[tuple[int, ...]]) -> dict[int, list[int]]:
    """Each filter's first page of ``ranking``: ``facets[doc]`` numbers the filters that keep
    an item."""
    pages: defaultdict[int, list[int]] = defaultdict(list)
    for doc in ranking:
        for facet in facets[doc]:
            if len(pages[facet]) < SHOWN:
                pages[facet].append(doc)
    return pages


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
        self.sorted_items: dict[int, array[int]] = {}
        self.attributes = [attributes(document, manifest) for document in documents]
        self.scopes = Scopes.of(documents, manifest)
        self.folders = sorted(self.scopes.folders())
        self.tails = Tails(postings, self.scopes, len(documents))
        self.shown: dict[int, list[str]] = {}
        self.lacks: dict[str, list[int] | None] = {}
        self.written = 0
        self.fresh = True  # every file is written into an empty folder

    def champions(self, term: str) -> Scored:
        """A term's champions; a folded term's are kept, since the files of many words need
        them, and others made again when needed, which keeps the writer's memory low."""
        number = self.postings.numbers.get(term)
        if number is None:
            return {}
        if not term.startswith(FOLDED):
            return self.postings.champions(number)
        if number not in self.cache:
            self.cache[number] = self.postings.champions(number)
        return self.cache[number]

    def first_pages(self, syllables: list[str]) -> tuple[set[int], defaultdict[str, set[int]]]:
        """The items a reader most likely sees first for these syllables typed together, in
        the folded query and in its likeliest spelling with marks (``spellings``), or for one
        syllable in each of its common spellings (up to ``COMMON_SPELLINGS``, each in at least
        one ``COMMON_SHARE``-th as many items as the commonest): those of the
        first page unfiltered or of one type, with the strongest items of the word's own list;
        and apart, by scope, those of the first page of each unit (with the units under it),
        topic and year."""
        folded = _folded_terms(syllables)
        spellings = [found for found in (self.spellings(syllable, syllables) for syllable in syllables)
                     if found]
        queries = [folded, folded + [self.postings.names[found[0]] for found in spellings]]
        if len(syllables) == 1 and spellings:  # "dân" and "dẫn": more than one common spelling
            found = spellings[0]
            queries += [[*folded, self.postings.names[n]] for n in found[1:COMMON_SPELLINGS]
                        if COMMON_SHARE * self.postings.df(n) >= self.postings.df(found[0])]
        shown: set[int] = set()
        scoped: defaultdict[str, set[int]] = defaultdict(set)
        for terms in queries:
            ranking = ranked([self.champions(term) for term in terms])
            for docs in first_of_each(ranking, self.scopes.by_type).values():
                shown.update(docs)
            for facet, docs in first_of_each(ranking, self.scopes.by_filter).items():
                scoped[self.scopes.scope_of[facet]].update(docs)
        own = self.champions(folded[-1])
        shown.update(sorted(own, key=lambda doc: (-own[doc], doc))[:STRONGEST])
        return shown, scoped

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

    def file_terms(self, syllables: list[str]) -> tuple[set[int], bool]:
        """The terms the file of a word holds, and whether the file of each of its syllables
        holds spellings it does not. A syllable's own file: the folded syllable and all its
        spellings. A two-syllable word's: both folded syllables, the word, each syllable's
        ``MAIN_SPELLINGS`` first ``spellings`` and the two-syllable words the second syllable
        begins (a query reads the file of each pair it finds from the left, so a pair that
        starts where another ends is looked for in that one's file)."""
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

    def word_file(self, words: list[list[str]]) -> dict[str, str]:
        """The files of one or more words (each a list of one or two syllables), as JSON, by
        folder: the ``w/`` file, and one for each scope the words have items in, which holds
        the champions in the scope and the display data of its filters' first pages."""
        numbers: set[int] = set()
        partial: list[str] = []
        for syllables in words:
            held, more = self.file_terms(syllables)
            numbers |= held
            partial += syllables if more else []
        terms = [(self.postings.names[number], self.postings.df(number),
                  self.champions(self.postings.names[number]))
                 for number in sorted(numbers, key=self.postings.names.__getitem__)]
        shown: set[int] = set()
        scoped: defaultdict[str, set[int]] = defaultdict(set)
        for syllables in words:
            first, other = self.first_pages(syllables)
            shown |= first
            for scope, docs in other.items():
                scoped[scope] |= docs
        more = f',"s":{_compact(sorted(set(partial)))}' if partial else ""
        lacking = {syllable: self.lacking(syllable) for syllables in words for syllable in syllables}
        lacking = {syllable: gaps(docs) for syllable, docs in sorted(lacking.items()) if docs is not None}
        more += f',"x":{_compact(lacking)}' if lacking else ""
        named = set().union(*(scored for _, _, scored in terms))
        files = {"w": self.file_text(terms, None, more, shown)}
        members: defaultdict[str, set[int]] = defaultdict(set)
        for doc in named:
            for scope in self.scopes.item_scopes[doc]:
                members[scope].add(doc)
        whole = all(len(scored) >= df for _, df, scored in terms)
        lists = self.word_tails(words)
        for scope in self.folders:
            if members[scope] or not whole:
                local = {doc for doc in shown if scope in self.scopes.item_scopes[doc]}
                tails = {word: found for word, by_facet in lists.items()
                         if (found := self.tails.in_scope(by_facet, scope))}
                files[scope] = self.file_text(terms, members[scope], more, scoped[scope] | local, tails)
        return files

    def word_tails(self, words: list[list[str]]) -> dict[str, dict[int, Tail]]:
        """Each word's lists of the items that score 0 for it, by filter (``tails``)."""
        found = {}
        for syllables in words:
            champions = {term: self.champions(term) for term in _folded_terms(syllables)}
            found[" ".join(syllables)] = self.tails.of(syllables, champions)
        return found

    def file_text(self, terms: list[tuple[str, int, Scored]], scope: set[int] | None, more: str,
                  shown: set[int], tails: dict[str, dict[str, Tail]] | None = None) -> str:
        """A word file: each term's champions (those in ``scope``, with how many there are in
        all, when not None), what the filters test of them, and the display data of ``shown``;
        a scope's file also each word's ``tails`` (the first page's share of them shown)."""
        entries, named = [], set()
        for term, df, scored in terms:
            docs = sorted(scored if scope is None else scored.keys() & scope)
            entry = [term, df, [value for pair in zip(gaps(docs), (scored[doc] for doc in docs),
                                                      strict=True) for value in pair]]
            entries.append(entry if scope is None else [*entry, len(scored)])
            named.update(docs)
        if tails:
            lists = {word: {tag: [int(tail.complete), *gaps(tail.docs)] for tag, tail in by_tag.items()}
                     for word, by_tag in tails.items()}
            more += f',"z":{_compact(lists)}'
            listed = [tail.docs for by_tag in tails.values() for tail in by_tag.values()]
            named.update(*listed)
            shown = shown.union(*(docs[:SHOWN] for docs in listed))
        rows, day, before = [], 0, 0
        for doc in sorted(named):
            attributes = self.attributes[doc]
            rows.append([doc - before, day - attributes[0], *attributes[1:]])
            before, day = doc, attributes[0]
        return f'{{"t":{_compact(entries)},"a":{_compact(rows)}{more},"r":{self.records(shown)}}}'

    def records(self, docs: set[int]) -> str:
        """The display data of ``docs`` by column (item gaps, titles, addresses, excerpts,
        document numbers): like with like, they compress better."""
        ordered = sorted(docs)
        columns = zip(*map(self.display, ordered), strict=True) if docs else [[]] * 4
        return _listed([_compact(gaps(ordered)), *map(_listed, columns)])

    def display(self, doc: int) -> list[str]:
        """An item's display data, each value as ``inert_json`` writes it, made once: many word
        files carry it."""
        if doc not in self.shown:
            self.shown[doc] = [inert_json(value) for value in display(self.documents[doc], self.manifest)]
        return self.shown[doc]

    def word_groups(self) -> dict[int, list[list[str]]]:
        """Each word file's name and its words (more than one where their hashes meet)."""
        named: defaultdict[int, list[list[str]]] = defaultdict(list)
        for key in self.by_key:
            named[fnv1a(key)].append([key])
        for pair in self.manifest.pairs:
            named[fnv1a(pair)].append(pair.split(" "))
        return named

    def beyond_champions(self, key: str) -> int | None:
        """The number of the folded syllable ``key`` when its champions are not all its items."""
        number = self.postings.numbers.get(FOLDED + key)
        if number is None or len(self.champions(FOLDED + key)) >= self.postings.df(number):
            return None
        return number

    def lacking(self, key: str) -> list[int] | None:
        """The items a folded syllable in all items but ``INLINE_COMPLEMENT`` or fewer is not in,
        listed in its word files instead of an ``m/`` file; None for other syllables. Made once:
        the syllable's file and those of its two-syllable words carry it."""
        if key not in self.lacks:
            number = self.beyond_champions(key)
            found = set(self.postings.items(number)) if self.listed_inline(number) else None
            self.lacks[key] = None if found is None else [
                doc for doc in range(len(self.documents)) if doc not in found]
        return self.lacks[key]

    def listed_inline(self, number: int | None) -> bool:
        """Whether the word files list the items a folded syllable (numbered, when its champions
        are not all its items) lacks."""
        return number is not None and len(self.documents) - self.postings.df(number) <= INLINE_COMPLEMENT

    def item_lists(self) -> dict[int, int]:
        """Each ``m/`` file's name and the folded syllable whose items it lists: those whose
        champions are not all their items and whose word files do not list the items they
        lack (of two syllables with one hash, the last)."""
        files = {}
        for key in self.by_key:
            number = self.beyond_champions(key)
            if number is not None and not self.listed_inline(number):
                files[fnv1a(key)] = number
        return files

    def tails_changed(self, groups: dict[int, list[list[str]]], changes: Changes,
                      rewrite: set[int]) -> set[int]:
        """The other word files whose lists of items that score 0 (``tails``) can differ from the
        last build's: those of the words of an item whose display or filter data changed, where
        the item is in a list now, or could have been in one of a filter it has left (a list
        that is complete or reaches past it)."""
        flagged = changes.shown | changes.filtered
        pairs_of: defaultdict[str, set[int]] = defaultdict(set)
        for pair in self.manifest.pairs:
            for syllable in pair.split(" "):
                pairs_of[syllable].add(fnv1a(pair))
        names: set[int] = set()
        for syllable in changes.syllables:
            if self.beyond_champions(syllable) is not None:
                names |= {fnv1a(syllable), *pairs_of[syllable]}
        found = set()
        for name in names - rewrite:
            for lists in self.word_tails(groups.get(name, [])).values():
                if any(flagged.intersection(tail.docs) or any(
                        tail.complete or tail.docs[-1] > doc for doc in changes.filtered)
                       for tail in lists.values()):
                    found.add(name)
        return found

    def put(self, folder: str, name: int, text: str | None) -> None:
        """A file written, or removed (``text`` None). The file there may be a link to the
        last build's: it is replaced, never written through."""
        path = self.root / folder / f"{name}.json"
        if not self.fresh:
            path.unlink(missing_ok=True)
        if text is not None:
            path.write_text(text, encoding="utf-8")
            self.written += 1

    def write(self, changes: Changes | None = None) -> int:
        """Every file, or with ``changes`` only those that can differ from the last build's
        files already there; returns how many were written."""
        self.fresh = changes is None
        if self.fresh:
            shutil.rmtree(self.root, ignore_errors=True)  # a build into an output not emptied
        for folder in ("w", *self.folders, "m", "r", "a"):  # a rebuild may meet a new scope
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        groups = self.word_groups()
        if changes is None:
            rewrite = set(groups)
        else:
            rewrite = {name for name, words in groups.items()
                       if any(syllable in changes.keys for word in words for syllable in word)}
            rewrite |= {fnv1a(key) for key in changes.keys}
            rewrite |= self.tails_changed(groups, changes, rewrite)
        for name in rewrite:
            files = self.word_file(groups[name]) if name in groups else {}
            for folder in ("w", *self.folders):
                self.put(folder, name, files.get(folder))
        lists = self.item_lists()
        for name in lists if changes is None else {fnv1a(key) for key in changes.mapped}:
            self.put("m", name, _compact(gaps(self.postings.items(lists[name]))) if name in lists else None)
        count = len(self.documents)
        chunks = range(-(-count // RECORD_CHUNK)) if changes is None else {
            doc // RECORD_CHUNK for doc in changes.shown | changes.filtered}
        for chunk in chunks:
            docs = range(chunk * RECORD_CHUNK, min((chunk + 1) * RECORD_CHUNK, count))
            self.put("r", chunk, _listed(_listed([_listed(self.display(doc)), _compact(self.attributes[doc])])
                                         for doc in docs))
        chunks = range(-(-count // ATTRIBUTE_CHUNK)) if changes is None else {
            doc // ATTRIBUTE_CHUNK for doc in changes.filtered}
        for chunk in chunks:
            self.put("a", chunk, inert_json(self.attributes[chunk * ATTRIBUTE_CHUNK:
                                                            (chunk + 1) * ATTRIBUTE_CHUNK]))
        return self.written


def _write(path: Path, value: Any) -> None:
    """Compact JSON in which no text an author wrote can read as markup."""
    path.write_text(inert_json(value), encoding="utf-8")


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
