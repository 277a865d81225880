"""The static index on a rebuild: it counts only the items that changed since the last build,
updates the last build's postings and writes again only the files that change, and the index
is the same as one written afresh."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from search_index.counts_cache import CACHE_FILE
from search_index.documents import read_documents, write_documents
from search_index.index_state import STATE_FILE
from search_index.manifest import INDEX_FOLDER, Manifest, data_folder
from search_index.static_index import DOCUMENTS_FILE
from searchkit import edit, fresh, index, items_only, rebuild
from sitekit import Site


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


def test_a_rebuild_writes_only_the_files_that_change_and_equals_a_fresh_index(
        sample_site: Site, tmp_path: Path) -> None:
    data = items_only(data_folder(sample_site.output), tmp_path / "data")
    items = list(read_documents(data / DOCUMENTS_FILE))
    outputs = [tmp_path / f"output-{n}" for n in range(6)]
    figures, first = rebuild(data, tmp_path / "none", outputs[0])
    assert not figures["updated"]
    total = figures["files"]

    # A sentence added to one item's body.
    edit(data, {3: {"body": items[3].body + " Đoạn bổ sung về phong trào thi đua yêu nước."}})
    figures, after = rebuild(data, outputs[0], outputs[1])
    assert figures["updated"] and figures["items_counted"] == 1
    assert 0 < figures["files"] < total // 2
    assert after == fresh(data, tmp_path) and after != first

    # A new title (what the results show), another unit and type (what the filters test), a
    # word no other item has, and a word taken out of an item (as many words in all: the
    # average lengths stay).
    rare = next(word for word in items[5].body.split() if sum(word in i.body for i in items) == 1)
    title = " ".join(["Sửa:", *items[1].title.split()[1:]])
    edit(data, {1: {"title": title},
                2: {"unit": items[0].unit, "type": items[0].type} if items[2].unit != items[0].unit
                else {"unit": items[4].unit},
                4: {"body": items[4].body + " Xyzquýt."},
                5: {"body": items[5].body.replace(rare, "")}})
    figures, after = rebuild(data, outputs[1], outputs[2])
    assert figures["updated"] and figures["items_counted"] == 3  # the unit and type: no words
    assert after == fresh(data, tmp_path)
    shown = b"".join(content for path, content in after.items() if path.startswith(f"{INDEX_FOLDER}/r/"))
    assert title.encode() in shown

    # Back to the first items: the counts of the cache, the first files.
    write_documents(data / DOCUMENTS_FILE, items)
    figures, after = rebuild(data, outputs[2], outputs[3])
    assert figures["updated"] and figures["items_counted"] == 0
    assert after == first


def test_a_rebuild_writes_every_file_when_the_index_there_is_not_the_last_builds(
        sample_site: Site, tmp_path: Path) -> None:
    data = items_only(data_folder(sample_site.output), tmp_path / "data")
    items = list(read_documents(data / DOCUMENTS_FILE))
    first_output, output = tmp_path / "first", tmp_path / "output"
    rebuild(data, tmp_path / "none", first_output)

    # An item added: every item after it has another number.
    write_documents(data / DOCUMENTS_FILE, [*items, replace(items[-1], doc=len(items), url="/moi/")])
    figures, after = rebuild(data, first_output, output)
    assert not figures["updated"] and after == fresh(data, tmp_path)

    # A file of the index folder changed since the build wrote it.
    write_documents(data / DOCUMENTS_FILE, items)
    rebuild(data, tmp_path / "none", first_output)
    edit(data, {2: {"body": items[2].body + " Câu mới."}})
    word_file = next((first_output / INDEX_FOLDER / "w").iterdir())
    word_file.write_text(word_file.read_text(encoding="utf-8"), encoding="utf-8")
    figures, after = rebuild(data, first_output, output)
    assert not figures["updated"] and after == fresh(data, tmp_path)

    # The state the last build left is damaged.
    rebuild(data, tmp_path / "none", first_output)
    edit(data, {2: {"body": items[2].body + " Câu khác."}})
    state = data / STATE_FILE
    state.write_bytes(state.read_bytes()[: state.stat().st_size // 3])
    figures, after = rebuild(data, first_output, output)
    assert not figures["updated"] and after == fresh(data, tmp_path)
