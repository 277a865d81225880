"""What the search page needs before it fetches anything: the index's shape and the filters'
choices. The page carries it inline; the index writers read it from the data folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

INDEX_FOLDER = "tim-kiem/index"
MANIFEST_FILE = "manifest.json"
TABLE_FILE = "index-files.json"  # the names of the index files, which the search page carries


def data_folder(output: Path) -> Path:
    """Beside the output, not published: the items' text, statistics and the Whoosh index."""
    output = output.resolve()
    return output.parent / f".{output.name}-search"


def fnv1a(key: str) -> int:
    """FNV-1a (32 bits) of the key's UTF-8 bytes, which names the key's file;
    search-engine.js computes the same."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


@dataclass
class Manifest:
    count: int
    pairs: list[str]  # the two-syllable words (folded), each with a file of its own
    units: list[tuple[str, str, int]]  # slug, name, parent's index or -1
    types: list[tuple[str, str, str]]  # key, label, the segment its items' addresses start with
    topics: list[tuple[str, str]]  # slug, title
    unit_index: dict[str, int] = field(init=False, repr=False)
    type_index: dict[str, int] = field(init=False, repr=False)
    topic_index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.unit_index = {unit[0]: i for i, unit in enumerate(self.units)}
        self.type_index = {kind[0]: i for i, kind in enumerate(self.types)}
        self.topic_index = {topic[0]: i for i, topic in enumerate(self.topics)}

    def public(self) -> dict[str, Any]:
        """The search page's copy (keys kept short: it is inline in the page)."""
        return {"n": self.count, "pairs": self.pairs,
                "base": f"/{INDEX_FOLDER}/", "units": self.units, "types": self.types,
                "topics": self.topics}

    def write(self, data: Path) -> None:
        values = {key: value for key, value in asdict(self).items() if not key.endswith("_index")}
        (data / MANIFEST_FILE).write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def read(cls, data: Path) -> Manifest:
        values = json.loads((data / MANIFEST_FILE).read_text(encoding="utf-8"))
        return cls(values["count"], values["pairs"],
                   [tuple(u) for u in values["units"]], [tuple(t) for t in values["types"]],
                   [tuple(t) for t in values["topics"]])
