"""Reading saved pages' bytes as Vietnamese text: UTF-8, Windows-1258, and the old font encodings
TCVN3 (ABC, ``.VnTime``) and VNI (``VNI-Times``), whose text shows as Latin-1 letters.

The old font encodings carry no label: they are recognised by their letters. Text whose words
are mostly foreign to Vietnamese is converted with whichever table gives Vietnamese; when neither
does, the page is reported rather than imported as garbled text."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from portal.common.text import nfc

UTF8 = "utf-8"
WINDOWS_1258 = "windows-1258"
WINDOWS_1252 = "windows-1252"
TCVN3 = "tcvn3"
VNI = "vni"

_VIET_LOWER = ("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
VIETNAMESE_LETTERS = frozenset(_VIET_LOWER + _VIET_LOWER.upper())
# A word: letters, and the Latin-1 signs that the old font encodings use as letters.
_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00bf\u00d7\u00f7])+")
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_1258_NAMES = {"windows-1258", "cp1258", "x-cp1258"}
_MIN_SUSPECT = 3
_SUSPECT_SHARE = 0.05
_CONVERTED_SHARE = 0.02

_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc, huyền, hỏi, ngã, nặng

# TCVN3 (ABC): one byte per lower-case letter; each row is the letter, then its five tones.
_TCVN3_ROWS = {
    "a": (None, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9),
    "ă": (0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB),
    "e": (None, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6),
    "i": (None, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (None, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4),
    "ô": (0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE),
    "u": (None, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9),
    "y": (None, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
_TCVN3_SINGLES = {0xAE: "đ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư",
                  0xA7: "Đ"}

# VNI: a base letter followed by one mark letter; each group is (Unicode letter, VNI base, the
# mark of the toneless letter or None, then the marks of its five tones).
_PLAIN = (None, "ù", "ø", "û", "õ", "ï")
_VNI_GROUPS = (
    ("a", "a", _PLAIN), ("â", "a", ("â", "á", "à", "å", "ã", "ä")),
    ("ă", "a", ("ê", "é", "è", "ú", "ü", "ë")),
    ("e", "e", _PLAIN), ("ê", "e", ("â", "á", "à", "å", "ã", "ä")),
    ("o", "o", _PLAIN), ("ô", "o", ("â", "á", "à", "å", "ã", "ä")), ("ơ", "ô", _PLAIN),
    ("u", "u", _PLAIN), ("ư", "ö", _PLAIN), ("y", "y", (None, "ù", "ø", "û", "õ", None)),
)
_VNI_SINGLES = {"æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ", "ô": "ơ", "ö": "ư"}


def _toned(letter: str, tone: int) -> str:
    return unicodedata.normalize("NFC", letter + _TONES[tone])


def _tcvn3_table() -> dict[int, str]:
    table = dict(_TCVN3_SINGLES)
    for letter, codes in _TCVN3_ROWS.items():
        if codes[0] is not None:
            table[codes[0]] = letter
        for tone, code in enumerate(codes[1:]):
            table[code] = _toned(letter, tone)
    return table


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for letter, base, marks in _VNI_GROUPS:
        for upper in (False, True):
            head = base.upper() if upper else base
            result = letter.upper() if upper else letter
            for tone, mark in enumerate(marks):
                if mark is None:
                    continue
                text = result if tone == 0 else _toned(result, tone - 1)
                table[head + mark] = table[head + mark.upper()] = text
    for form, letter in _VNI_SINGLES.items():
        table[form] = letter
        table[form.upper()] = letter.upper()
    return table


_TCVN3 = {chr(code): text for code, text in _tcvn3_table().items()}
_TCVN3_PATTERN = re.compile("|".join(map(re.escape, _TCVN3)))
_VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(map(re.escape, sorted(_VNI, key=len, reverse=True))))


def from_tcvn3(text: str) -> str:
    return _TCVN3_PATTERN.sub(lambda m: _TCVN3[m.group(0)], text)


def from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI[m.group(0)], text)


@dataclass(frozen=True)
class Words:
    """Words with letters beyond ASCII: those that read as Vietnamese, and those that cannot
    (a letter foreign to Vietnamese, or two tones in one syllable)."""

    vietnamese: int
    suspect: int

    @property
    def score(self) -> int:
        return self.vietnamese - 3 * self.suspect

    @property
    def share_suspect(self) -> float:
        total = self.vietnamese + self.suspect
        return self.suspect / total if total else 0.0


def _tones(word: str) -> int:
    return sum(char in _TONES for char in unicodedata.normalize("NFD", word))


def count_words(text: str) -> Words:
    vietnamese = suspect = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        foreign = any(char not in VIETNAMESE_LETTERS and not char.isascii() for char in word)
        if foreign or _tones(word) > 1:
            suspect += 1
        else:
            vietnamese += 1
    return Words(vietnamese, suspect)


def looks_garbled(words: Words) -> bool:
    return words.suspect >= _MIN_SUSPECT and words.share_suspect >= _SUSPECT_SHARE


@dataclass(frozen=True)
class Decoded:
    """The page's text, the encoding it was read in, and whether it still looks garbled."""

    text: str
    encoding: str
    garbled: bool = False


def _declared(raw: bytes) -> str | None:
    match = _DECLARED.search(raw[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def _readings(raw: bytes) -> list[tuple[str, str]]:
    """(encoding, text) candidates for bytes that are not UTF-8, the declared one first. The old
    fonts put their letters on Windows-1252's bytes, so only that reading is converted."""
    declared = _declared(raw)
    windows_1258 = (WINDOWS_1258, raw.decode("cp1258", errors="replace"))
    latin = raw.decode("cp1252", errors="replace")
    readings = [windows_1258] if declared in _1258_NAMES else []
    return [*readings, windows_1258, (WINDOWS_1252, latin), *_fonts(latin)]


def _fonts(text: str) -> list[tuple[str, str]]:
    return [(TCVN3, from_tcvn3(text)), (VNI, from_vni(text))]


def decode_page(raw: bytes) -> Decoded:
    """Read ``raw`` as text in NFC; the old font encodings are converted when detectable."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode(UTF8)
    except UnicodeDecodeError:
        candidates = _readings(raw)
    else:
        if not looks_garbled(count_words(nfc(text))):
            return Decoded(nfc(text), UTF8)
        candidates = [(UTF8, text), *_fonts(text)]
    scored = [(count_words(nfc(text)), index, encoding, nfc(text))
              for index, (encoding, text) in enumerate(candidates)]
    words, _, encoding, text = max(scored, key=lambda s: (s[0].score, -s[1]))
    garbled = looks_garbled(words) or words.share_suspect > _CONVERTED_SHARE
    return Decoded(text, encoding, garbled)
