"""The indexing that runs beside the build: it starts as soon as the items are final and works
on the second core while Pelican writes the pages.

    python -m portal.search.pipeline DATA_FOLDER OUTPUT_FOLDER

It turns each item's rendered body HTML (``sources.jsonl``) into text, writes
``documents.jsonl``, then writes the static index and prints its figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from portal.search import static_index
from portal.search.documents import SearchDocument, body_text, read_documents, write_documents
from portal.search.manifest import Manifest
from portal.search.static_index import DOCUMENTS_FILE

SOURCES_FILE = "sources.jsonl"
STATS_FILE = "build-stats.json"
PLUGINS = Path(__file__).resolve().parents[2]


def run_child(data: Path, name: str, *args: Path) -> subprocess.Popen[bytes]:
    """``python -m portal.search.<name> ARGS``, its output in the data folder."""
    path = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))
    with (data / f"{name}.out").open("wb") as out, (data / f"{name}.err").open("wb") as err:
        return subprocess.Popen([sys.executable, "-m", f"portal.search.{name}", *map(str, args)],
                                env={**os.environ, "PYTHONPATH": path}, stdout=out, stderr=err)


def finish_child(data: Path, name: str, child: subprocess.Popen[bytes]) -> dict[str, Any]:
    """The child's own figures (items or terms, seconds, peak memory); its error if it failed."""
    if child.wait():
        error = (data / f"{name}.err").read_text(encoding="utf-8", errors="replace")
        raise SystemExit(f"search index ({name}) failed:\n{error}")
    return json.loads((data / f"{name}.out").read_text(encoding="utf-8"))


def with_text(sources: Iterator[SearchDocument]) -> Iterator[SearchDocument]:
    for source in sources:
        yield replace(source, body=body_text(source.body))


def run(data: Path, output: Path) -> dict[str, Any]:
    started = time.monotonic()
    count = write_documents(data / DOCUMENTS_FILE, with_text(read_documents(data / SOURCES_FILE)))
    extracted = time.monotonic()
    figures = static_index.build(data, output, Manifest.read(data))
    stats: dict[str, Any] = {"static_index": {**figures, "seconds": round(time.monotonic() - extracted, 2)}}
    stats.update(items=count, extract_seconds=round(extracted - started, 2),
                 seconds=round(time.monotonic() - started, 2))
    (data / STATS_FILE).write_text(json.dumps(stats), encoding="utf-8")
    return stats


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]), Path(sys.argv[2]))))
