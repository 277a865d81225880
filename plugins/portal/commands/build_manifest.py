"""The build manifest: written into a build's folder as its last file, it says what the folder
is (from which content and settings, for which address, production or not, whether every file
was accepted) and holds the SHA-256 of every file, so that ``portal publish`` can refuse a
folder that is not a complete, successful production build or that changed after the build."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

MANIFEST = ".portal-build.json"
FORMAT = 1


def file_digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            hashed.update(block)
    return hashed.hexdigest()


def tree_digests(folder: Path, leave_out: frozenset[str] = frozenset()) -> dict[str, str]:
    """SHA-256 of every file below ``folder`` by its path relative to it, with "/"."""
    return {path.relative_to(folder).as_posix(): file_digest(path)
            for path in sorted(folder.rglob("*"))
            if path.is_file() and path.relative_to(folder).as_posix() not in leave_out}


def content_digest(content: Path) -> str:
    """One digest of the whole content folder: every file's path and bytes."""
    hashed = hashlib.sha256()
    for relative, digest in tree_digests(content).items():
        hashed.update(f"{relative}\0{digest}\n".encode())
    return hashed.hexdigest()


@dataclass
class BuildManifest:
    ok: bool
    production: bool
    settings: str
    public_url: str
    content: str
    items: int
    errors: int
    warnings: int
    files: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT

    def write(self, folder: Path) -> None:
        self.files = tree_digests(folder, frozenset({MANIFEST}))
        text = json.dumps(asdict(self), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
        (folder / MANIFEST).write_text(text, encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> BuildManifest | None:
        """The folder's manifest; None when it has none or one this version cannot read."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            return cls(**data)
        except (OSError, ValueError, TypeError, AttributeError):
            return None
