"""A rebuild's postings: the last build's (``index_state``) updated for the items that changed.

It applies when the items are the same in number and order, at most ``MOST_CHANGED`` of them
changed, and the corpus statistics (whole-word average lengths) did not move: then only the
changed items' terms have other postings. A term whose document frequency is the same keeps
every other item's impact, and the changed items' postings are taken out and put in again; a
term whose frequency changed has its postings computed again from the counts cache. The
result is what counting every item afresh gives, and ``Changes`` says which files can differ.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from search_index.counts_cache import CountsCache, item_key
from search_index.documents import SearchDocument
from search_index.index_state import IndexState
from search_index.manifest import Manifest
from search_index.postings import DOC_MASK, Collected, Postings, item_state, posting
from search_index.ranking import CorpusStats, champions, impact
from search_index.terms import EXACT, FOLDED, document_counts, is_pair, shard_key, unpack

MOST_CHANGED = 64
TermCounts = dict[int, int]  # term number -> packed counts


@dataclass
class Changes:
    """What a rebuild's index files can differ in from the last build's."""

    keys: set[str] = field(default_factory=set)  # query words whose files change
    mapped: set[str] = field(default_factory=set)  # syllables whose set of items changed
    shown: set[int] = field(default_factory=set)  # items whose display data changed
    filtered: set[int] = field(default_factory=set)  # items whose filter data changed
    syllables: set[str] = field(default_factory=set)  # folded syllables of those items, before and after


@dataclass
class _Item:
    """A changed item's counts, before and after."""

    doc: int
    before: TermCounts
    before_lengths: tuple[int, int, int]
    after: TermCounts
    after_lengths: tuple[int, int, int]


Record = tuple[bytes, tuple[int, int, int], bytes, bytes]  # a counts cache record


def update(state: IndexState, source: Iterable[SearchDocument], cache: CountsCache,
           manifest: Manifest, pairs: frozenset[str]
           ) -> tuple[Collected, Changes, list[Record]] | None:
    """The postings of ``source`` from ``state``, the files that can change, and the counts
    cache records of the items counted; None when every item must be counted."""
    if cache.vocabulary != state.names:
        return None
    documents, items, changed = [], [], []
    for document in source:
        if document.doc >= len(state.items):
            return None
        documents.append(replace(document, body=""))
        items.append(item_state(item_key(document), documents[-1], manifest))
        if items[-1] != state.items[document.doc]:
            changed.append(document)
            if len(changed) > MOST_CHANGED:
                return None
    if len(documents) != len(state.items):
        return None
    postings = Postings(list(state.names), [array("I", postings) for postings in state.lists])
    state.lists = []  # in ``postings`` now: the memory is needed
    collected = Collected(postings, documents, items, list(state.totals), 0)
    records: list[Record] = []
    counted = [_counts(document, state, cache, postings, pairs, collected, records)
               for document in changed]
    if None in counted or collected.stats != CorpusStats.of(len(documents), state.totals):
        return None
    docs = [document.doc for document in changed]
    changes = Changes(shown={doc for doc in docs if items[doc][1] != state.items[doc][1]},
                      filtered={doc for doc in docs if items[doc][2] != state.items[doc][2]})
    if not _update_postings([item for item in counted if item is not None], state, cache,
                            collected, changes):
        return None
    return collected, changes, records


def _counts(document: SearchDocument, state: IndexState, cache: CountsCache, postings: Postings,
            pairs: frozenset[str], collected: Collected, records: list[Record]) -> _Item | None:
    """A changed item's counts before (from the cache) and after (from the cache, or counted,
    its record kept in ``records``); the totals moved by the difference."""
    before = cache.numbered(state.items[document.doc][0])
    if before is None:
        return None
    key = collected.items[document.doc][0]
    after = cache.numbered(key)
    if after is None:
        lengths, packed = document_counts(document, pairs)
        ids, counts = array("I", map(postings.number, packed)), array("Q", packed.values())
        records.append((key, lengths, ids.tobytes(), counts.tobytes()))
        collected.counted += 1
        after = lengths, ids, counts
    collected.totals = [total - old + new for total, old, new
                        in zip(collected.totals, before[0], after[0], strict=True)]
    return _Item(document.doc, dict(zip(before[1], before[2], strict=True)), before[0],
                 dict(zip(after[1], after[2], strict=True)), after[0])


def _update_postings(changed: list[_Item], state: IndexState, cache: CountsCache,
                     collected: Collected, changes: Changes) -> bool:
    """Each changed item's terms' postings updated; ``changes`` filled in. False when the
    counts cache lacks an item."""
    postings, stats = collected.postings, collected.stats
    touched = sorted(set().union(*(item.before for item in changed), *(item.after for item in changed)))
    old_lists = {number: postings.lists[number] for number in touched}
    counted_again: dict[int, tuple[int, list[_Item]]] = {}
    for number in touched:
        name, old = postings.names[number], old_lists[number]
        gone = [item for item in changed if number in item.before]
        come = [item for item in changed if number in item.after]
        df = len(old) - len(gone) + len(come)
        if {i.doc for i in gone} != {i.doc for i in come}:
            if name == FOLDED + shard_key(name):
                changes.mapped.add(shard_key(name))
            elif name.startswith(EXACT):  # which spellings a two-syllable word's files hold
                changes.keys.add(shard_key(name))
        if df != len(old):
            counted_again[number] = df, come
            continue
        new = array("I", old)
        for item in gone:
            value = posting(name, impact(name, unpack(item.before[number]), item.before_lengths,
                                         df, stats), item.doc)
            at = bisect_left(new, value)
            if at == len(new) or new[at] != value:  # the state is not this formula's
                return False
            del new[at]
        for item in come:
            insort(new, posting(name, impact(name, unpack(item.after[number]), item.after_lengths,
                                             df, stats), item.doc))
        postings.lists[number] = new
    if not _count_again(counted_again, {item.doc for item in changed}, state, cache, collected):
        return False
    flagged = changes.shown | changes.filtered
    for item in changed:
        if item.doc in flagged:
            changes.syllables.update(name[len(FOLDED):] for name in map(
                postings.names.__getitem__, item.before.keys() | item.after.keys())
                if name.startswith(FOLDED) and not is_pair(name))
    for number in touched:
        name, old, new = postings.names[number], old_lists[number], postings.lists[number]
        best = champions(name)
        if len(old) != len(new) or old[:best] != new[:best] or (
                flagged and flagged & {packed & DOC_MASK for packed in new[:best]}):
            changes.keys.add(shard_key(name))
    return True


def _count_again(terms: dict[int, tuple[int, list[_Item]]], changed: set[int], state: IndexState,
                 cache: CountsCache, collected: Collected) -> bool:
    """The postings of terms whose document frequency changed: every impact moves with it.
    The unchanged items' counts come from the cache, each item's record read once."""
    postings, stats = collected.postings, collected.stats
    wanted: defaultdict[int, list[int]] = defaultdict(list)  # item -> terms
    for number in terms:
        for packed in postings.lists[number]:
            if packed & DOC_MASK not in changed:
                wanted[packed & DOC_MASK].append(number)
    fresh: dict[int, list[int]] = {number: [] for number in terms}
    for doc, numbers in wanted.items():
        found = cache.numbered(state.items[doc][0])
        if found is None:
            return False
        lengths, ids, counts = found
        for number in numbers:
            name = postings.names[number]
            value = impact(name, unpack(counts[ids.index(number)]), lengths, terms[number][0], stats)
            fresh[number].append(posting(name, value, doc))
    for number, (df, come) in terms.items():
        name = postings.names[number]
        fresh[number] += [posting(name, impact(name, unpack(item.after[number]), item.after_lengths,
                                               df, stats), item.doc) for item in come]
        postings.lists[number] = array("I", sorted(fresh[number]))
    return True
