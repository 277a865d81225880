"""Vietnamese text handling: Unicode normal form, folding and slugs."""

from __future__ import annotations

import functools
import re
import unicodedata

from unidecode import unidecode

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_FORM = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Lower-case ASCII-like form without diacritics; đ becomes d."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


@functools.lru_cache(maxsize=8192)  # tags and units recur on thousands of items
def slugify(value: str) -> str:
    """Readable ASCII slug: ``Đảng bộ Hoà Bình`` -> ``dang-bo-hoa-binh``."""
    ascii_text = unidecode(fold(value))
    return _NON_SLUG.sub("-", ascii_text.lower()).strip("-")


def is_slug(value: str) -> bool:
    return bool(_SLUG_FORM.match(value))
