"""The terms of an item and of a query: exact words, folded words, two-syllable words, numbers.

A term is a string with a sign in front: ``=đảng`` (the word as written, only when it has
marks), ``~dang`` (folded), ``~dang vien`` (two syllables in sequence, folded; only the
portal's two-syllable words) and ``#48 kh hu`` (a document number).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

from portal.common.search_text import fold_normalized, normalize, query_number_key, tokens

FIELDS = ("title", "summary", "body")
EXACT, FOLDED, NUMBER = "=", "~", "#"
PAIR_MIN_DOCUMENTS = 2
PAIR_MIN_PER_ITEMS = 1000
PAIR_ASSOCIATION = 8  # a pair seen 8 times as often as chance would have it
PAIRS_PER_SYLLABLE = 8  # the strongest, for each first syllable


class _Folded(dict[str, str]):
    """Each normalised word folded once: a build folds millions of words, few distinct."""

    def __missing__(self, word: str) -> str:
        self[word] = fold_normalized(word)
        return self[word]


_folded = _Folded()


def words(text: str) -> tuple[list[str], list[str]]:
    """The normalised words of a text and, in step, their folded forms."""
    exact = tokens(normalize(text))
    return exact, list(map(_folded.__getitem__, exact))


def pairs_of(folded: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in pairwise(folded)]


def pair_min_documents(count: int) -> int:
    return max(PAIR_MIN_DOCUMENTS, count // PAIR_MIN_PER_ITEMS)


def two_syllable_words(heads: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The portal's own two-syllable words (học tập, đạo đức, đảng viên), indexed as terms of
    their own: syllable pairs of titles and leads (``heads``: each item's title and lead) that
    one item in a thousand uses (at least two) and that come together far more often than
    their syllables would by chance; the strongest few for each first syllable."""
    pairs: Counter[str] = Counter()
    syllables: Counter[str] = Counter()
    items: Counter[str] = Counter()
    count = 0
    for head in heads:
        found: list[str] = []
        for text in head:
            folded = words(text)[1]
            syllables.update(folded)
            found += pairs_of(folded)
        pairs.update(found)
        items.update(set(found))
        count += 1
    total = sum(pairs.values())
    least = pair_min_documents(count)
    strength = {pair: n * total / (syllables[pair.split(" ")[0]] * syllables[pair.split(" ")[1]])
                for pair, n in pairs.items()
                if items[pair] >= least and not any(c.isdigit() for c in pair)}
    by_first: dict[str, list[str]] = {}
    for pair in sorted(strength, key=lambda p: (-strength[p], p)):
        if strength[pair] >= PAIR_ASSOCIATION:
            chosen = by_first.setdefault(pair.split(" ")[0], [])
            if len(chosen) < PAIRS_PER_SYLLABLE:
                chosen.append(pair)
    return frozenset(pair for chosen in by_first.values() for pair in chosen)


TF_BITS = 20  # an item's counts of a term, packed: title << 40 | summary << 20 | body
_TF_MASK = (1 << TF_BITS) - 1


@lru_cache(maxsize=4)
def _pair_tuples(pairs: frozenset[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(pair.split(" ")) for pair in pairs)


class Texts(Protocol):
    """An item as its terms are counted: title, summary, body, and its number's key."""

    @property
    def texts(self) -> tuple[str, str, str]: ...

    @property
    def number_key(self) -> str: ...


class _Terms(dict[str, tuple[str, str | None]]):
    """Each normalised word's folded term and, when it has marks, its exact term."""

    def __missing__(self, word: str) -> tuple[str, str | None]:
        folded = _folded[word]
        self[word] = (FOLDED + folded, EXACT + word if folded != word else None)
        return self[word]


_terms = _Terms()


def document_counts(document: Texts, pairs: frozenset[str]
                    ) -> tuple[tuple[int, int, int], dict[str, int]]:
    """The lengths of title, summary and body, and each term's counts in them, packed."""
    packed: dict[str, int] = {}
    lengths = []
    known = _pair_tuples(pairs)
    for shift, text in zip((2 * TF_BITS, TF_BITS, 0), document.texts, strict=True):
        exact, folded = words(text)
        lengths.append(len(exact))
        for word, count in Counter(exact).items():
            folded_term, exact_term = _terms[word]
            packed[folded_term] = packed.get(folded_term, 0) + (count << shift)
            if exact_term is not None:
                packed[exact_term] = packed.get(exact_term, 0) + (count << shift)
        for (a, b), count in Counter(pair for pair in pairwise(folded) if pair in known).items():
            term = f"{FOLDED}{a} {b}"
            packed[term] = packed.get(term, 0) + (count << shift)
    if document.number_key:
        packed[NUMBER + document.number_key] = 1 << 2 * TF_BITS
    return (lengths[0], lengths[1], lengths[2]), packed


def unpack(counts: int) -> list[int]:
    return [counts >> 2 * TF_BITS & _TF_MASK, counts >> TF_BITS & _TF_MASK, counts & _TF_MASK]


def document_terms(document: Texts, pairs: frozenset[str]
                   ) -> tuple[dict[str, list[int]], tuple[int, int, int]]:
    """Each term of the item with its count in title, summary and body; the fields' lengths."""
    lengths, packed = document_counts(document, pairs)
    return {term: unpack(counts) for term, counts in packed.items()}, lengths


def query_terms(query: str) -> list[str]:
    """The terms a query looks for, each once; pairs that are no word of the portal simply
    find nothing."""
    exact, folded = words(query)
    terms = [FOLDED + word for word in folded]
    terms += [EXACT + word for word, bare in zip(exact, folded, strict=True) if word != bare]
    terms += [FOLDED + pair for pair in pairs_of(folded)]
    number = query_number_key(query)
    if number:
        terms.append(NUMBER + number)
    return list(dict.fromkeys(terms))


def shard_key(term: str) -> str:
    """Terms that one query word needs live together: those starting with its folded form."""
    body = term[1:]
    if term.startswith(NUMBER):
        return body.split(" ", 1)[0]
    first = body.split(" ", 1)[0]
    return first if term.startswith(FOLDED) else fold_normalized(first)


def home_key(term: str) -> str:
    """The query word whose file holds ``term`` whatever else the query holds: a two-syllable
    word's own, any other term's syllable's (``shard_key``)."""
    return term[1:] if is_pair(term) else shard_key(term)


def is_pair(term: str) -> bool:
    return term.startswith(FOLDED) and " " in term
