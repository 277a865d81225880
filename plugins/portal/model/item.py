"""A validated content item: typed metadata with the line each value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from portal.common.dates import PortalDate
from portal.common.document_numbers import DocumentNumber
from portal.model.registries import Unit


@dataclass
class Item:
    path: str
    fields: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int
    problems: list = field(default_factory=list)
    # A hash of the file the item was read from: with the registries, it determines every value.
    stamp: bytes = b""
    pictures: list = field(default_factory=list)  # (line, content path) of each picture shown

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    @property
    def type(self) -> str:
        return self.fields.get("type", "")

    @property
    def is_draft(self) -> bool:
        return self.fields.get("status") == "draft"

    @property
    def unit(self) -> Unit | None:
        return self.fields.get("unit")

    @property
    def date(self) -> PortalDate | None:
        return self.fields.get("date")

    @property
    def number(self) -> DocumentNumber | None:
        return self.fields.get("number")

    @property
    def issued(self) -> PortalDate | None:
        return self.fields.get("issued")
