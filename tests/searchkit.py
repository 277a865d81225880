"""Running the readers' search (the browser's engine, under node) and scoring every item by
brute force, for the search tests; writing the static index afresh and on a rebuild."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from portal.search.documents import SearchDocument, read_documents, write_documents
from portal.search.manifest import INDEX_FOLDER, MANIFEST_FILE, Manifest, data_folder
from portal.search.ranking import CorpusStats, champions, impact
from portal.search.static_index import DOCUMENTS_FILE, build
from portal.search.terms import document_terms, query_terms, two_syllable_words
from sitekit import ROOT

RUNNER = ROOT / "tests/js/search-run.mjs"


def browser_search(output: Path, queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each query's answer from the static index: results [[doc, score]], more, requests."""
    result = subprocess.run(["node", str(RUNNER), str(output), json.dumps(queries)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def documents(output: Path) -> list[SearchDocument]:
    return list(read_documents(data_folder(output) / "documents.jsonl"))


@dataclass
class BruteForce:
    """Every item's terms counted afresh, each term's impact on every item computed with
    ``ranking.impact`` and its champions chosen from those, for every query."""

    items: list[SearchDocument]

    def __post_init__(self) -> None:
        pairs = two_syllable_words((item.title, item.summary) for item in self.items)
        self.counted = [document_terms(item, pairs) for item in self.items]
        self.df: dict[str, int] = {}
        for counts, _ in self.counted:
            for term in counts:
                self.df[term] = self.df.get(term, 0) + 1
        totals = [sum(lengths[field] for _, lengths in self.counted) for field in range(3)]
        self.stats = CorpusStats.of(len(self.items), totals)

    def champions(self, term: str) -> dict[int, int]:
        """The items the term counts for, with its impact on each."""
        impacts = [(item.doc, impact(term, counts[term], lengths, self.df[term], self.stats))
                   for item, (counts, lengths) in zip(self.items, self.counted, strict=True)
                   if term in counts]
        impacts.sort(key=lambda pair: (-pair[1], pair[0]))
        return dict(impacts[:champions(term)])

    def ranked(self, query: str, wanted: Callable[[SearchDocument], bool] = lambda item: True
               ) -> list[tuple[int, int]]:
        """Every item a term of the query is in, by score (newer first among equals)."""
        terms = query_terms(query)
        lists = [self.champions(term) for term in terms]
        scored = [(item.doc, sum(found.get(item.doc, 0) for found in lists))
                  for item, (counts, _) in zip(self.items, self.counted, strict=True)
                  if wanted(item) and any(term in counts for term in terms)]
        return sorted(scored, key=lambda pair: (-pair[1], pair[0]))


def files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def index(data: Path, output: Path) -> tuple[int, dict[str, bytes]]:
    shutil.rmtree(output, ignore_errors=True)
    figures = build(data, output, Manifest.read(data))
    return figures["items_counted"], files(output)


def items_only(source: Path, data: Path) -> Path:
    """A data folder with the items and the manifest of ``source``, and no cache."""
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    for name in (DOCUMENTS_FILE, MANIFEST_FILE):
        shutil.copy(source / name, data / name)
    return data


def fresh(data: Path, tmp_path: Path) -> dict[str, bytes]:
    """The index of the same items with no cache."""
    return index(items_only(data, tmp_path / "clean"), tmp_path / "clean-output")[1]


def rebuild(data: Path, last: Path, output: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The index written into ``output`` holding the last build's index files, linked, as the
    build links them from the last output."""
    shutil.rmtree(output, ignore_errors=True)
    if (last / INDEX_FOLDER).is_dir():
        shutil.copytree(last / INDEX_FOLDER, output / INDEX_FOLDER, copy_function=os.link)
    figures = build(data, output, Manifest.read(data))
    return figures, files(output)


def edit(data: Path, changed: dict[int, dict[str, Any]]) -> list[SearchDocument]:
    items = [replace(item, **changed.get(item.doc, {})) for item in read_documents(data / DOCUMENTS_FILE)]
    write_documents(data / DOCUMENTS_FILE, items)
    return items
