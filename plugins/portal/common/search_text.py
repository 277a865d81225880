"""Search text: the one normalisation of Vietnamese that the index and every query share.

``normalize`` gives NFC, lower case and the tone mark on the vowel the modern rule names
(hoà = hòa, uỷ = ủy, thuý = thúy, khoẻ = khỏe, quả = qủa); ``fold`` drops every mark and
turns đ into d. ``theme/static/js/search-text.js`` is the same code for the browser;
``tests/search_vectors.json`` holds the cases both must agree on.
"""

from __future__ import annotations

import re
import unicodedata

from portal.common.document_numbers import DocumentNumber

TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
QUALITIES = "\u0302\u0306\u031b"  # circumflex (â ê ô), breve (ă), horn (ơ ư)
VOWELS = "aeiouy"
SPREAD_CLUSTERS = ("oa", "oe", "uy")  # open clusters whose mark moved: hòa -> hoà

_MARKS = re.compile("[\u0300-\u036f]")
_NFD_WORD = re.compile("[a-zđ][a-zđ\u0300-\u036f]*")


def _word_letters() -> str:
    """The NFC letters that are, decomposed, a-z or đ with marks: a word as the JS side finds
    it in lower-case NFD (``_NFD_WORD``) is a run of these in NFC."""
    return "".join(ch for ch in map(chr, range(0xC0, 0x2200))
                   if _NFD_WORD.fullmatch(unicodedata.normalize("NFD", ch)))


_LETTERS = f"a-zđ{_word_letters()}"
_WORDS = re.compile(f"([{_LETTERS}][{_LETTERS}\u0300-\u036f]*)")
_TOKEN = re.compile(r"[^\W_]+")
_NON_SLUG = re.compile("[^a-z0-9]+")
_NUMBER_IN_QUERY = re.compile(
    r"(?<![a-z0-9])(\d{1,5})[\s./-]+(?:((?:19|20)\d{2})[\s./-]+)?([a-z]{1,8})[\s./-]+"
    r"([a-z][a-z0-9]*(?:[-/][a-z0-9]+)*)(?![a-z0-9])")


def _glyphs(word: str) -> list[list[str]] | None:
    """[base letter, its marks] for each letter of an NFD word; None when a mark leads."""
    glyphs: list[list[str]] = []
    for char in word:
        if _MARKS.match(char):
            if not glyphs:
                return None
            glyphs[-1][1] += char
        else:
            glyphs.append([char, ""])
    return glyphs


def _nucleus(glyphs: list[list[str]]) -> tuple[int, int]:
    """Start and end of the vowel cluster after the onset (qu- and gi- are onsets)."""
    bases = "".join(base for base, _ in glyphs)
    start = 0
    while start < len(bases) and bases[start] not in VOWELS:
        start += 1
    onset_glide = start > 0 and bases[start - 1:start + 1] in ("qu", "gi") \
        and not any(q in glyphs[start][1] for q in QUALITIES)
    if onset_glide and start + 1 < len(bases) and bases[start + 1] in VOWELS:
        start += 1
    end = start
    while end < len(bases) and bases[end] in VOWELS:
        end += 1
    return start, end


def tone_position(cluster: str, marked: list[int], closed: bool) -> int:
    """Which vowel of the cluster carries the tone, by the modern rule."""
    if marked:
        return marked[-1]
    if len(cluster) == 1:
        return 0
    if closed:
        return len(cluster) - 1
    if len(cluster) == 3:
        return 1
    return 1 if cluster in SPREAD_CLUSTERS else 0


def retone(word: str) -> str:
    """One lower-case NFD word with its single tone mark moved to its place; a word that is
    not a Vietnamese syllable (no tone, two tones, a mark on a consonant) is left alone."""
    if sum(word.count(tone) for tone in TONES) != 1:
        return word
    glyphs = _glyphs(word)
    if glyphs is None or any(marks and base not in VOWELS for base, marks in glyphs):
        return word
    bases = "".join(base for base, _ in glyphs)
    start, end = _nucleus(glyphs)
    if start == end or any(base in VOWELS for base in bases[end:]):
        return word
    cluster = glyphs[start:end]
    marked = [i for i, (_, marks) in enumerate(cluster) if any(q in marks for q in QUALITIES)]
    target = start + tone_position(bases[start:end], marked, end < len(bases))
    tone = next(mark for _, marks in glyphs for mark in marks if mark in TONES)
    for glyph in glyphs:
        glyph[1] = glyph[1].replace(tone, "")
    glyphs[target][1] += tone
    return "".join(base + marks for base, marks in glyphs)


class _Retoned(dict[str, str]):
    """Every NFC word (and every run of text between words) seen, retoned once: the build
    normalises millions of words, few of them distinct."""

    def __missing__(self, part: str) -> str:
        self[part] = unicodedata.normalize("NFC", retone(unicodedata.normalize("NFD", part)))
        return self[part]


_retoned = _Retoned()


def normalize(text: str) -> str:
    """NFC, lower case, tone marks placed by one rule."""
    parts = _WORDS.split(unicodedata.normalize("NFC", text.lower()))
    return "".join(map(_retoned.__getitem__, parts))


def fold_normalized(normalized: str) -> str:
    """``fold`` of text that ``normalize`` has already given."""
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", normalized))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d"))


def fold(text: str) -> str:
    """The normalised text without any mark; đ becomes d."""
    return fold_normalized(normalize(text))


def folded_slug(text: str) -> str:
    """The text folded, each run of characters other than a-z and 0-9 one hyphen: the slug
    search-text.js makes of a title (for Vietnamese, what ``text.slugify`` makes)."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def tokens(normalized: str) -> list[str]:
    """The words (syllables, numbers) of normalised text."""
    return _TOKEN.findall(normalized)


def number_key(number: DocumentNumber) -> str:
    """``48-KH/HU`` -> ``48 kh hu``; ``42/2022/NĐ-CP`` -> ``42 2022 nd cp``."""
    year = f" {number.year}" if number.year else ""
    issuer = re.sub(r"[-/]+", "-", fold(number.issuer_code))
    return f"{number.number}{year} {fold(number.kind)} {issuer}"


def query_number_key(query: str) -> str | None:
    """The document number in a query however it is typed (``48 KH HU``, ``48-kh/hu``)."""
    match = _NUMBER_IN_QUERY.search(fold(query))
    if not match:
        return None
    number, year, kind, issuer = match.groups()
    year_part = f" {year}" if year else ""
    return f"{int(number)}{year_part} {kind} {re.sub(r'[-/]+', '-', issuer)}"
