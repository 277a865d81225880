"""The items a word finds that score 0 for it, newest first, by filter: what a scope's word file
carries so that a first page running past the champions of a unit, topic or year needs no
other file.

A query's items that score 0 are those its words find but none of its terms counts for, newest
first (``search-engine.js``, ``unscored``). For a word (one or two syllables) and a filter of a
scope (a unit, a topic, a year), the scope's file lists the newest ``TAIL`` items of the filter
that the word finds and that none of the word's folded terms counts for (every query holding
the word holds those terms), and whether that is all of them. The page takes the union of its
words' lists as far as the oldest item that any incomplete list reaches: up to there it knows
every such item, so the newest it needs are exactly those of the chunk files, which it reads
only when that does not fill the page.

A list is kept only where the word's folded terms count for at most ``SHOWN`` items of the
filter, and only for a word with a syllable whose champions are not all its items: otherwise a
query filtered by the filter alone fills its first page from champions.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat

from search_index.postings import DOC_MASK, Postings, Scored
from search_index.scopes import Scopes
from search_index.terms import FOLDED

SHOWN = 10  # results on a page
TAIL = 2 * SHOWN + 1  # enough that the champions of the other words cannot empty a first page


@dataclass(frozen=True)
class Tail:
    docs: list[int]  # newest first
    complete: bool  # all the filter's items the word finds beyond its champions


def members(docs: Iterable[int], count: int) -> int:
    """A set of items as a number with byte ``doc`` set to 1: sets meet with ``&``, and the
    bytes of the result are searched for their items in C."""
    marks = bytearray(count)
    deque(map(marks.__setitem__, docs, repeat(1)), maxlen=0)  # marks[doc] = 1 for each, in C
    return int.from_bytes(marks, "little")


class Tails:
    """The lists of the word files' scopes: each filter's items, as ``members`` makes sets."""

    def __init__(self, postings: Postings, scopes: Scopes, count: int) -> None:
        self.postings = postings
        self.count = count
        facet_docs: dict[int, list[int]] = {}
        for doc, facets in enumerate(scopes.by_filter):
            for facet in facets:
                facet_docs.setdefault(facet, []).append(doc)
        self.facets = {facet: members(docs, count) for facet, docs in facet_docs.items()}
        self.by_scope: dict[str, list[int]] = {}
        for facet in sorted(self.facets):
            self.by_scope.setdefault(scopes.scope_of[facet], []).append(facet)
        self.tags = scopes.tag_of

    def of(self, syllables: list[str], champions: dict[str, Scored]) -> dict[int, Tail]:
        """A word's lists by filter; ``champions`` gives each of its folded terms' champions."""
        numbers = self.postings.numbers
        folded = [numbers.get(FOLDED + syllable) for syllable in syllables]
        if not any(number is not None and self.postings.df(number) > len(champions[FOLDED + syllable])
                   for number, syllable in zip(folded, syllables, strict=True)):
            return {}  # every item the word finds is a champion: none scores 0
        found = 0
        for number in folded:
            if number is not None:
                found |= members(map(DOC_MASK.__and__, self.postings.lists[number]), self.count)
        counted = members(set().union(*champions.values()), self.count)
        rest = found ^ counted  # the champions are among the items found
        lists = {}
        for facet, marks in self.facets.items():
            if (counted & marks).bit_count() > SHOWN:
                continue
            beyond = rest & marks
            lists[facet] = Tail(_first(beyond, self.count, TAIL), beyond.bit_count() <= TAIL)
        return lists

    def in_scope(self, lists: dict[int, Tail], scope: str) -> dict[str, Tail]:
        """Of a word's lists (``of``), those of the filters of ``scope``, by the filters' tags."""
        return {self.tags[facet]: lists[facet] for facet in self.by_scope.get(scope, []) if facet in lists}


def _first(marks: int, count: int, most: int) -> list[int]:
    """The first ``most`` items of a set made by ``members``."""
    data = marks.to_bytes(count, "little")
    docs, at = [], data.find(1)
    while at >= 0 and len(docs) < most:
        docs.append(at)
        at = data.find(1, at + 1)
    return docs

