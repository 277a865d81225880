"""What the text itself says: the document numbers it cites, whether the item is a guidance
document (its kind, number, issuer, date issued, the numbers it replaces)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from content_model.schema import DOCUMENT_KINDS
from portal_common.dates import PortalDate
from portal_common.document_numbers import DocumentNumber, find_numbers
from portal_common.text import fold
from portal_import.dates import find_date

LEAD_CHARS = 600
_ISSUER = re.compile(r"^\s*,?\s*(?:ngày\s+[\d/.\-]+(?:\s+tháng\s+\d+\s+năm\s+\d{4})?\s*,?\s*)?"
                     r"của\s+(?P<issuer>[^,.;:()]{3,120}?)(?=\s+(?:về|v/v|việc|nhằm|để)\b|[,.;:(]|$)",
                     re.IGNORECASE)
_ISSUED = re.compile(r"^\s*,?\s*ngày\s+(?P<date>[^,;]{6,30})", re.IGNORECASE)
_REPLACES = re.compile(r"thay\s+thế(?P<clause>[^.;]*)", re.IGNORECASE)


@dataclass
class Guidance:
    kind: str
    number: DocumentNumber | None = None
    issuer: str | None = None
    issued: PortalDate | None = None
    supersedes: list[DocumentNumber] = field(default_factory=list)


def numbers_in(text: str) -> list[DocumentNumber]:
    """Every document number in ``text``, each once, in order."""
    found: dict[str, DocumentNumber] = {}
    for _, _, number in find_numbers(text):
        found.setdefault(number.key, number)
    return list(found.values())


def document_kind(title: str | None) -> str | None:
    """The kind a title starts with (``Kế hoạch số 48-KH/HU ...`` -> ``Kế hoạch``)."""
    folded = fold(title or "")
    for kind in DOCUMENT_KINDS:
        if folded.startswith(fold(kind) + " "):
            return kind
    return None


def is_guidance(title: str | None, lead: str) -> bool:
    """A title that starts with a kind of document, whose number the title or lead gives."""
    return document_kind(title) is not None and bool(find_numbers(f"{title} {lead[:LEAD_CHARS]}"))


def read_guidance(title: str | None, lead: str, body: str) -> Guidance:
    """The guidance fields the title and text state; those they do not stay empty."""
    guidance = Guidance(document_kind(title) or "")
    for text in (title or "", lead[:LEAD_CHARS]):
        located = find_numbers(text)
        if located:
            _, end, guidance.number = located[0]
            after = text[end:]
            if issuer := _ISSUER.match(after):
                guidance.issuer = " ".join(issuer["issuer"].split())
            if issued := _ISSUED.match(after):
                guidance.issued = find_date(f"ngày {issued['date']}")
            break
    guidance.supersedes = superseded(f"{lead}\n{body}")
    return guidance


def superseded(text: str) -> list[DocumentNumber]:
    """Numbers named after "thay thế" (``thay thế Hướng dẫn số 12-HD/BTGTU``)."""
    found: dict[str, DocumentNumber] = {}
    for clause in _REPLACES.finditer(text):
        for number in numbers_in(clause["clause"]):
            found.setdefault(number.key, number)
    return list(found.values())
