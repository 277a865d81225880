"""The ranking formula, written once: BM25 per field with field boosts, exact words above
folded ones, a bonus for syllables in sequence (two-syllable terms), a document number first.

A term's contribution to an item (its impact) is a whole number: the static index stores it,
the browser adds them up, ``portal search`` and the tests compute the same numbers.

A term counts only for its champions: the items where its impact is among the highest
``champions(term)`` (newer first among equals). An item the query's words find but no term
counts for scores 0, and such items follow the others, newest first. This is what lets a
reader's browser rank exactly from one small file per query word.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from portal.search.terms import EXACT, FOLDED, NUMBER

K1 = 1.2
B = 0.75
FIELD_BOOSTS = (3.0, 1.5, 1.0)  # title, summary, body
EXACT_WEIGHT = 1.0
FOLDED_WEIGHT = 0.5
PAIR_WEIGHT = 1.0
SCALE = 30
MAX_IMPACT = 4095
NUMBER_IMPACT = 100_000  # a document number typed in the query puts that document first
EXACT_LENGTH = 16
LENGTH_STEPS = 16  # steps per doubling of a field's length
FOLDED_CHAMPIONS = 200  # enough that a filter on a type, a unit or a year still fills a page
PAIR_CHAMPIONS = 100
EXACT_CHAMPIONS = 50


@dataclass(frozen=True)
class CorpusStats:
    count: int
    average_lengths: tuple[float, ...]

    @classmethod
    def of(cls, count: int, totals: Sequence[int]) -> CorpusStats:
        """The statistics of ``count`` items whose title, summary and body hold ``totals`` words
        in all. The average lengths are whole numbers of words: editing an item then seldom
        moves them, and a rebuild writes again only the index files of that item's words."""
        return cls(count, tuple(float(round(total / count)) if count else 0.0 for total in totals))


def idf(df: int, count: int) -> float:
    return math.log(1 + (count - df + 0.5) / (df + 0.5))


def kind_weight(term: str) -> float:
    if term.startswith(EXACT):
        return EXACT_WEIGHT
    return PAIR_WEIGHT if " " in term else FOLDED_WEIGHT


def champions(term: str) -> int:
    """How many of a term's postings count: all of a document number's."""
    if term.startswith(NUMBER):
        return 1 << 30
    if term.startswith(FOLDED):
        return PAIR_CHAMPIONS if " " in term else FOLDED_CHAMPIONS
    return EXACT_CHAMPIONS


def bounded(value: int) -> int:
    """At least 1, so that a word in every item still finds them all; at most MAX_IMPACT."""
    return min(max(value, 1), MAX_IMPACT)


def term_factor(term: str, df: int, count: int) -> float:
    return SCALE * kind_weight(term) * idf(df, count)


def length_step(length: int) -> int:
    """A field's length as the formula counts it: exact up to ``EXACT_LENGTH`` words, then on
    a scale of steps about 4.4% apart. An edit of a few words then seldom moves an item's
    impacts, and a rebuild rewrites only the index files of the words it changed."""
    if length <= EXACT_LENGTH:
        return length
    return round(2 ** (round(math.log2(length) * LENGTH_STEPS) / LENGTH_STEPS))


def length_norms(lengths: tuple[int, int, int], stats: CorpusStats) -> tuple[float, ...]:
    """K1 times BM25's length normalisation, for each field of an item."""
    return tuple(K1 * (1 - B + B * length_step(length) / average if average else 1.0)
                 for length, average in zip(lengths, stats.average_lengths, strict=True))


def field_part(boost: float, tf: int, k1_norm: float) -> float:
    return boost * tf * (K1 + 1) / (tf + k1_norm)


def impact(term: str, counts: list[int], lengths: tuple[int, int, int], df: int,
           stats: CorpusStats) -> int:
    """What ``term`` adds to the score of an item where it occurs ``counts`` times per field."""
    if term.startswith(NUMBER):
        return NUMBER_IMPACT
    saturated = 0.0
    for tf, boost, k1_norm in zip(counts, FIELD_BOOSTS, length_norms(lengths, stats), strict=True):
        if tf:
            saturated += field_part(boost, tf, k1_norm)
    return bounded(round(term_factor(term, df, stats.count) * saturated))
