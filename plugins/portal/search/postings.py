"""Every term's postings for the static index: the items read once for their counts, the
impacts computed from them, and what the next build needs to know of each item."""

from __future__ import annotations

import marshal
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from portal.common.search_text import folded_slug
from portal.search.counts_cache import CountsCache, CountsWriter, item_key
from portal.search.documents import SearchDocument
from portal.search.manifest import Manifest
from portal.search.ranking import (
    FIELD_BOOSTS,
    MAX_IMPACT,
    NUMBER_IMPACT,
    CorpusStats,
    champions,
    field_part,
    length_norms,
    term_factor,
)
from portal.search.terms import NUMBER, TF_BITS, document_counts, unpack

DOC_BITS = 20  # a posting is one 32-bit number: (MAX_IMPACT - impact) << DOC_BITS | doc
DOC_MASK = (1 << DOC_BITS) - 1
EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970, as the filter data and the page's manifest give dates."""
    return (day - EPOCH).days

Scored = dict[int, int]  # item -> impact


class Postings:
    """Every term's postings, packed so that 20,000 items fit in little memory: terms are
    numbered, a posting is one 32-bit number, ``(MAX_IMPACT - impact) << DOC_BITS | doc``, so
    that a term's list, sorted, holds its best items first (newer first among equals)."""

    def __init__(self, names: list[str] | None = None, lists: list[array[int]] | None = None) -> None:
        self.names: list[str] = names or []
        self.numbers = {name: number for number, name in enumerate(self.names)}
        self.lists: list[array[int]] = lists or []
        self._df = Counter[int]()

    def number(self, term: str) -> int:
        """The term's number; a new term is numbered next."""
        number = self.numbers.get(term)
        if number is None:
            number = self.numbers[term] = len(self.names)
            self.names.append(term)
            self.lists.append(array("I"))
        return number

    def count(self, terms: list[str]) -> bytes:
        """Pass 1: the item's term numbers (as bytes), counted for the document frequencies."""
        ids = array("I", map(self.number, terms))
        self._df.update(ids)
        return ids.tobytes()

    def factors(self, count: int) -> list[float | None]:
        """Each term's ``ranking.term_factor`` from the frequencies of pass 1 (None for a
        document number)."""
        return [None if name.startswith(NUMBER) else term_factor(name, self._df[number], count)
                for number, name in enumerate(self.names)]

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

    def sort(self) -> None:
        for number, postings in enumerate(self.lists):  # one list at a time: little memory
            self.lists[number] = array("I", sorted(postings))

    def df(self, number: int) -> int:
        return len(self.lists[number])

    def champions(self, number: int) -> Scored:
        """The term's champions: its highest impacts, newer first among equals."""
        name = self.names[number]
        best = self.lists[number][:champions(name)]
        if name.startswith(NUMBER):
            return {packed & DOC_MASK: NUMBER_IMPACT for packed in best}
        return {packed & DOC_MASK: MAX_IMPACT - (packed >> DOC_BITS) for packed in best}

    def items(self, number: int) -> list[int]:
        return sorted(packed & DOC_MASK for packed in self.lists[number])

    def live(self) -> list[int]:
        """The numbers of the terms that have postings."""
        return [number for number, postings in enumerate(self.lists) if postings]


def posting(term: str, value: int, doc: int) -> int:
    """A posting of ``term`` with impact ``value`` (a document number's are all equal)."""
    return (MAX_IMPACT - (0 if term.startswith(NUMBER) else value)) << DOC_BITS | doc


@dataclass
class Collected:
    """The postings of every term and what goes with them: the items (their bodies dropped)
    and the words in all fields."""

    postings: Postings
    documents: list[SearchDocument]
    totals: list[int]
    counted: int  # items whose words were counted (not found in the counts cache)

    @property
    def stats(self) -> CorpusStats:
        return CorpusStats.of(len(self.documents), self.totals)


def collect(source: Iterable[SearchDocument], cache: CountsCache, kept: CountsWriter,
            pairs: frozenset[str], scratch_folder: Path) -> Collected:
    """The items read once for their counts (those of the last build's cache where the item is
    the same) and the document frequencies; the impacts then. Each item's counts wait in a
    scratch file in ``scratch_folder`` between the two passes."""
    postings = Postings()
    totals = [0, 0, 0]
    documents, counted = [], 0
    with tempfile.TemporaryFile(dir=scratch_folder) as scratch:
        for document in source:
            key = item_key(document)
            known = cache.get(key)
            if known is None:
                lengths, packed = document_counts(document, pairs)
                terms, counts = list(packed), array("Q", packed.values()).tobytes()
                counted += 1
            else:
                lengths, terms, counts = known
            ids = postings.count(terms)
            kept.add(key, lengths, ids, counts)
            marshal.dump((document.doc, lengths, ids, counts), scratch)
            totals = [t + n for t, n in zip(totals, lengths, strict=True)]
            documents.append(replace(document, body=""))
        kept.finish(postings.names)
        collected = Collected(postings, documents, totals, counted)
        factors, stats = postings.factors(len(documents)), collected.stats
        scratch.seek(0)
        for _ in documents:
            doc, lengths, id_bytes, count_bytes = marshal.load(scratch)
            ids, counts = array("I"), array("Q")
            ids.frombytes(id_bytes)
            counts.frombytes(count_bytes)
            postings.add_item(doc, lengths, ids, counts, factors, stats)
    postings.sort()
    return collected


def attributes(document: SearchDocument, manifest: Manifest) -> list[int]:
    """What the filters test of an item: its day, unit, type and topics."""
    return [day_number(document.date), manifest.unit_index[document.unit],
            manifest.type_index[document.type],
            *(manifest.topic_index[slug] for slug in document.topics)]


def display(document: SearchDocument, manifest: Manifest) -> list[str]:
    """What the results page shows of an item; the address left empty when the page can make
    it from the title, type and date (search-engine.js's ``itemUrl``)."""
    segment = manifest.types[manifest.type_index[document.type]][2]
    made = f"{segment}/{document.date.year}/{folded_slug(document.title)}/"
    return [document.title, "" if document.url == made else document.url, document.excerpt,
            document.number]

