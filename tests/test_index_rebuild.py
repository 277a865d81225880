"""The static index on a rebuild: it counts only the items that changed since the last build,
writes only the files whose content changed (each is named by its content), and the index is
the same as one written afresh."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

from portal.search.counts_cache import CACHE_FILE
from portal.search.documents import read_documents, write_documents
from portal.search.manifest import INDEX_FOLDER, Manifest, data_folder
from portal.search.static_index import DOCUMENTS_FILE
from searchkit import edit, fresh, index, items_only, rebuild
from sitekit import Site

ADDED = " Đoạn bổ sung về phong trào thi đua yêu nước."


def test_only_changed_items_are_counted_again_and_the_index_is_the_same(
        sample_site: Site, tmp_path: Path) -> None:
    data = items_only(data_folder(sample_site.output), tmp_path / "data")
    items = list(read_documents(data / DOCUMENTS_FILE))
    output = tmp_path / "output"

    counted, first = index(data, output)
    assert counted == len(items)
    counted, again = index(data, output)
    assert counted == 0 and again == first

    write_documents(data / DOCUMENTS_FILE, [replace(item, body=item.body + ADDED) if item.doc == 3
                                            else item for item in items])
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


def test_a_rebuild_writes_only_the_files_that_change_and_equals_a_fresh_index(
        sample_site: Site, tmp_path: Path) -> None:
    data = items_only(data_folder(sample_site.output), tmp_path / "data")
    items = list(read_documents(data / DOCUMENTS_FILE))
    outputs = [tmp_path / f"output-{n}" for n in range(4)]
    figures, first = rebuild(data, tmp_path / "none", outputs[0])
    assert figures["written"] == figures["files"] == len(first)

    # A sentence added to one item's body (on 2,000 items, test_search_corpus: a few shards).
    edit(data, {3: {"body": items[3].body + ADDED}})
    figures, after = rebuild(data, outputs[0], outputs[1])
    assert figures["items_counted"] == 1
    assert 0 < figures["written"] < figures["files"]
    assert after == fresh(data, tmp_path) and after != first
    unchanged = [path for path in after if path in first]
    assert len(unchanged) == len(after) - figures["written"]
    assert all((outputs[1] / path).stat().st_ino == (outputs[0] / path).stat().st_ino for path in unchanged)

    # A new title (what the results show), another unit and type (what the filters test), a
    # word no other item has, and a word taken out of an item.
    rare = next(word for word in items[5].body.split() if sum(word in i.body for i in items) == 1)
    title = " ".join(["Sửa:", *items[1].title.split()[1:]])
    edit(data, {1: {"title": title},
                2: {"unit": items[0].unit, "type": items[0].type} if items[2].unit != items[0].unit
                else {"unit": items[4].unit},
                4: {"body": items[4].body + " Xyzquýt."},
                5: {"body": items[5].body.replace(rare, "")}})
    figures, after = rebuild(data, outputs[1], outputs[2])
    assert figures["items_counted"] == 3  # the unit and type: no words
    assert after == fresh(data, tmp_path)
    records = b"".join(gzip.decompress(content) for path, content in after.items()
                       if path.startswith(f"{INDEX_FOLDER}/r/"))
    assert title.encode() in records

    # Back to the first items: the four whose words changed are counted again; the first files.
    write_documents(data / DOCUMENTS_FILE, items)
    figures, after = rebuild(data, outputs[2], outputs[3])
    assert figures["items_counted"] == 4
    assert after == first


def test_a_file_changed_or_left_over_in_the_output_is_put_right(sample_site: Site, tmp_path: Path) -> None:
    data = items_only(data_folder(sample_site.output), tmp_path / "data")
    first_output, output = tmp_path / "first", tmp_path / "output"
    rebuild(data, tmp_path / "none", first_output)
    shards = sorted((first_output / INDEX_FOLDER / "p").iterdir())
    shards[0].unlink()
    shards[1].write_bytes(shards[1].read_bytes()[:-8])
    (first_output / INDEX_FOLDER / "w").mkdir()
    (first_output / INDEX_FOLDER / "w" / "123.json").write_text("{}", encoding="utf-8")
    figures, after = rebuild(data, first_output, output)
    assert figures["written"] == 2 and after == fresh(data, tmp_path)
