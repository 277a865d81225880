"""Digests of what a kept result was made from: files (their paths and bytes), the versions of
the libraries that made it, and anything else that counts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path


def made_from(files: Iterable[Path], libraries: Iterable[str] = (), more: bytes = b"") -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(files):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for library in libraries:
        digest.update(f"{library}={version(library)}\0".encode())
    digest.update(more)
    return digest.digest()
