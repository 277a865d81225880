"""The indexing that runs beside the build: it starts as soon as the items are final and works
on the second core while Pelican writes the pages.

    python -m search_index.pipeline DATA_FOLDER OUTPUT_FOLDER

It turns each item's rendered body HTML (``sources.jsonl``) into text with BeautifulSoup —
remembering the text of bodies it has read before, by a hash of their HTML — writes
``documents.jsonl``, then runs the static index writer and the Whoosh indexer side by side,
each in its own process, and prints their figures."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from search_index.documents import SearchDocument, body_text, read_documents, write_documents

SOURCES_FILE = "sources.jsonl"
DOCUMENTS_FILE = "documents.jsonl"
TEXT_CACHE = "body-text.pickle"
STATS_FILE = "build-stats.json"
PLUGINS = Path(__file__).resolve().parents[1]


def run_child(data: Path, name: str, *args: Path) -> subprocess.Popen[bytes]:
    """``python -m search_index.<name> ARGS``, its output in the data folder."""
    path = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))
    with (data / f"{name}.out").open("wb") as out, (data / f"{name}.err").open("wb") as err:
        return subprocess.Popen([sys.executable, "-m", f"search_index.{name}", *map(str, args)],
                                env={**os.environ, "PYTHONPATH": path}, stdout=out, stderr=err)


def finish_child(data: Path, name: str, child: subprocess.Popen[bytes]) -> dict[str, Any]:
    """The child's own figures (items or terms, seconds, peak memory); its error if it failed."""
    if child.wait():
        error = (data / f"{name}.err").read_text(encoding="utf-8", errors="replace")
        raise SystemExit(f"search index ({name}) failed:\n{error}")
    return json.loads((data / f"{name}.out").read_text(encoding="utf-8"))


class TextCache:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.used: dict[bytes, str] = {}
        try:
            known = pickle.loads(file.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            known = {}
        self.known: dict[bytes, str] = known if isinstance(known, dict) else {}

    def text(self, html: str) -> str:
        key = hashlib.blake2b(html.encode("utf-8"), digest_size=20).digest()
        found = self.known.get(key)
        self.used[key] = found if found is not None else body_text(html)
        return self.used[key]

    def save(self) -> None:
        temporary = self.file.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(self.file)


def with_text(sources: Iterator[SearchDocument], cache: TextCache) -> Iterator[SearchDocument]:
    for source in sources:
        yield replace(source, body=cache.text(source.body))


def run(data: Path, output: Path) -> dict[str, Any]:
    started = time.monotonic()
    cache = TextCache(data / TEXT_CACHE)
    count = write_documents(data / DOCUMENTS_FILE, with_text(read_documents(data / SOURCES_FILE), cache))
    cache.save()
    extracted = time.monotonic()
    children = {"static_index": run_child(data, "static_index", data, output),
                "whoosh_index": run_child(data, "whoosh_index", data)}
    stats: dict[str, Any] = {name: finish_child(data, name, child) for name, child in children.items()}
    stats.update(items=count, extract_seconds=round(extracted - started, 2),
                 seconds=round(time.monotonic() - started, 2))
    (data / STATS_FILE).write_text(json.dumps(stats), encoding="utf-8")
    return stats


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]), Path(sys.argv[2]))))
