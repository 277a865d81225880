"""Rebuilds: only changed Markdown is converted again, and the output is byte for byte that of a
full build of the same content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from content_model.render_cache import FILE_NAME, cache_folder
from portal_bench.rebuild_bench import differences
from sitekit import ROOT, Site

ITEM = "news/huyen-uy-ha-dong/2020"


@pytest.fixture
def portal_copy(tmp_path: Path) -> Site:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return Site(tmp_path / "content", tmp_path / "warm" / "output")


def one_item(site: Site) -> Path:
    return sorted((site.content / ITEM).glob("*.md"))[0]


def build_into(site: Site, output: Path) -> None:
    result = site.run("build", output=output)
    assert result.returncode == 0, result.stdout + result.stderr


def test_rebuild_after_edits_equals_a_full_build(portal_copy: Site, tmp_path: Path) -> None:
    build_into(portal_copy, portal_copy.output)
    cache = cache_folder(portal_copy.output) / FILE_NAME
    assert cache.is_file()
    item = one_item(portal_copy)
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("Title: ", "Title: Đã sửa: ", 1) + "\nĐoạn mới thêm.\n", encoding="utf-8")
    topics = portal_copy.content / "topics.toml"
    registry = topics.read_text(encoding="utf-8")
    topics.write_text(registry.replace('title = "Học tập', 'title = "Chuyên đề (sửa): Học tập', 1),
                      encoding="utf-8")
    removed = portal_copy.content / "news/tinh-uy-son-ha/2023/tap-huan-bao-cao-vien-chuyen-de-2023.md"
    removed.unlink()
    build_into(portal_copy, portal_copy.output)
    fresh = tmp_path / "fresh" / "output"
    build_into(portal_copy, fresh)
    assert differences(portal_copy.output, fresh) == []
    pages = "".join(p.read_text(encoding="utf-8") for p in portal_copy.output.rglob("index.html"))
    assert "Đã sửa: " in pages and "Đoạn mới thêm." in pages
    assert "Chuyên đề (sửa)" in pages


def test_a_damaged_cache_is_ignored(portal_copy: Site, tmp_path: Path) -> None:
    cache = cache_folder(portal_copy.output) / FILE_NAME
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not a pickle")
    build_into(portal_copy, portal_copy.output)
    fresh = tmp_path / "fresh" / "output"
    build_into(portal_copy, fresh)
    assert differences(portal_copy.output, fresh) == []


def test_a_build_never_moves_a_folder_that_holds_the_content(tmp_path: Path) -> None:
    from output_folder import is_safe

    assert is_safe(tmp_path / "output", tmp_path / "content")
    assert not is_safe(tmp_path, tmp_path / "content")
    assert not is_safe(tmp_path / "content", tmp_path / "content")
    assert not is_safe(Path("/"), tmp_path / "content")
