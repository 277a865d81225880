"""What the text itself says: the document numbers it cites, whether the item is a guidance
document (its kind, number, issuer, date issued, the numbers it replaces)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.common.dates import PortalDate
from portal.common.document_numbers import DocumentNumber, find_numbers
from portal.common.text import fold
from portal.importers.dates import find_date
from portal.model.schema import DOCUMENT_KINDS

LEAD_CHARS = 600
_ISSUER = re.compile(r"^\s*,?\s*(?:ngày\s+[\d/.\-]+(?:\s+tháng\s+\d+\s+năm\s+\d{4})?\s*,?\s*)?"
                     r"của\s+(?P<issuer>[^,.;:()]{3,120}?)(?=\s+(?:về|v/v|việc|nhằm|để)\b|[,.;:(]|$)",
                     re.IGNORECASE)
_ISSUED = re.compile(r"^\s*,?\s*ngày\s+(?P<date>[^,;]{6,30})", re.IGNORECASE)
_REPLACES = re.compile(r"thay\s+thế(?P<clause>[^.;]*)", re.IGNORECASE)
# The heading of a party or state document: the issuer's name in capitals, a star, then its
# own number on a line of its own ("Số 61-KH/HU", "Số: 61-KH/HU"); a number cited in the text
# follows its kind instead ("Hướng dẫn số 27-HD/BTGTU").
HEADING_LINES = 12
_OWN_NUMBER = re.compile(r"^Số\s*:?\s*$")
_CITED = re.compile(r"\b(?:thực\s+hiện|căn\s+cứ|theo|thay\s+thế)\b[^.;]*$", re.IGNORECASE)
_HEADING_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)


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


def _issuer_name(line: str) -> str:
    """``HUYỆN UỶ A`` -> ``Huyện uỷ A``: a heading's capitals as a name is written in a line."""
    words = [word if len(word) == 1 or word.isdigit() else word.lower() for word in line.split()]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def _from_heading(guidance: Guidance, lines: list[str]) -> bool:
    """The number, issuer and date of the document's own heading, when it has one."""
    for index, line in enumerate(lines[:HEADING_LINES]):
        located = find_numbers(line)
        if not located or not _OWN_NUMBER.match(line[:located[0][0]]):
            continue
        guidance.number = located[0][2]
        names = [name for name in lines[:index] if name.strip("*-– ") and name.isupper()]
        if names:
            guidance.issuer = _issuer_name(names[-1])
        dated = next((m for m in map(_HEADING_DATE.search, lines[:HEADING_LINES]) if m), None)
        if dated:
            guidance.issued = find_date(dated[0])
        return True
    return False


def read_guidance(title: str | None, lead: str, body: str, lines: list[str]) -> Guidance:
    """The guidance fields the title, the heading and the text state; those they do not stay
    empty. ``lines`` are the body's first lines, where a document's heading stands."""
    guidance = Guidance(document_kind(title) or "")
    guidance.supersedes = superseded(f"{lead}\n{body}")
    located = find_numbers(title or "")
    if not located and _from_heading(guidance, lines):
        return guidance
    text = title or "" if located else lead[:LEAD_CHARS]
    for start, end, number in located or find_numbers(text):
        if _CITED.search(text[:start]):
            continue
        guidance.number = number
        after = text[end:]
        if issuer := _ISSUER.match(after):
            guidance.issuer = " ".join(issuer["issuer"].split())
        if issued := _ISSUED.match(after):
            guidance.issued = find_date(f"ngày {issued['date']}")
        break
    return guidance


def superseded(text: str) -> list[DocumentNumber]:
    """Numbers named after "thay thế" (``thay thế Hướng dẫn số 12-HD/BTGTU``)."""
    found: dict[str, DocumentNumber] = {}
    for clause in _REPLACES.finditer(text):
        for number in numbers_in(clause["clause"]):
            found.setdefault(number.key, number)
    return list(found.values())
