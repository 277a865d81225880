"""The static index counts only the items that changed since the last build, and writes the
same files as counting every item afresh."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from search_index.counts_cache import CACHE_FILE
from search_index.documents import read_documents, write_documents
from search_index.manifest import MANIFEST_FILE, Manifest, data_folder
from search_index.static_index import DOCUMENTS_FILE, build
from sitekit import Site


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


def test_only_changed_items_are_counted_again_and_the_index_is_the_same(
        sample_site: Site, tmp_path: Path) -> None:
    data = items_only(data_folder(sample_site.output), tmp_path / "data")
    items = list(read_documents(data / DOCUMENTS_FILE))
    output = tmp_path / "output"

    counted, first = index(data, output)
    assert counted == len(items)
    counted, again = index(data, output)
    assert counted == 0 and again == first

    edited = [replace(item, body=item.body + " Đoạn bổ sung về phong trào thi đua yêu nước.")
              if item.doc == 3 else item for item in items]
    write_documents(data / DOCUMENTS_FILE, edited)
    counted, after_edit = index(data, output)
    assert counted == 1
    assert after_edit == fresh(data, tmp_path) and after_edit != first


def test_a_damaged_cache_or_other_two_syllable_words_count_every_item(
        sample_site: Site, tmp_path: Path) -> None:
    data = items_only(data_folder(sample_site.output), tmp_path / "data")
    count = sum(1 for _ in read_documents(data / DOCUMENTS_FILE))
    output = tmp_path / "output"
    _, first = index(data, output)

    cache = data / CACHE_FILE
    cache.write_bytes(cache.read_bytes()[: cache.stat().st_size // 2])
    counted, damaged = index(data, output)
    assert counted == count and damaged == first

    manifest = Manifest.read(data)
    manifest.pairs = manifest.pairs[1:]
    manifest.write(data)
    counted, other_pairs = index(data, output)
    assert counted == count and other_pairs == fresh(data, tmp_path)
