"""Rebuilds: only changed Markdown is converted again, unchanged pages are taken from the last
build, and the output is byte for byte that of a full build of the same content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, meta

from portal.model.render_cache import FILE_NAME, cache_folder
from portal.search.manifest import data_folder
from portal_bench.rebuild_bench import differences
from sitekit import ROOT, Site, run_portal

pytestmark = pytest.mark.slow

EDITED = "news/huyen-uy-ha-dong/2020/ha-dong-dua-viec-lam-theo-bac-vao-sinh-hoat-chi-bo.md"
REMOVED = "news/truong-thpt-chuyen-son-ha/2021/ngoai-khoa-bac-ho-voi-the-he-tre.md"
UNTOUCHED_PAGE = "tam-guong/2023/khoa-hoi-suc-tich-cuc-chong-doc-tan-tuy-ben-nguoi-benh-nang/index.html"
POINTERS = ("newer_item", "older_item", "related_items", "other_items", "superseded_by", "supersedes")
NEW_ITEM = ("Title: Tin mới thêm vào giữa\nDate: 15/06/2022 09:00\nType: news\n"
            "Unit: dang-uy-xa-an-phu\nTopics: chuyen-de-2022\n\nNội dung tin mới.\n")


@pytest.fixture
def portal_copy(tmp_path: Path) -> Site:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return Site(tmp_path / "content", tmp_path / "warm" / "output")


def build_into(site: Site, output: Path, settings: Path | None = None) -> None:
    if settings is None:
        result = site.run("build", output=output)
    else:
        result = run_portal("build", "--settings", str(settings), "--content", str(site.content),
                            "--output", str(output))
    assert result.returncode == 0, result.stdout + result.stderr


def same_as_a_full_build(site: Site, fresh: Path, settings: Path | None = None) -> None:
    shutil.rmtree(fresh.parent, ignore_errors=True)
    build_into(site, fresh, settings)
    assert differences(site.output, fresh) == []


def inodes(output: Path) -> dict[str, int]:
    return {page.relative_to(output).as_posix(): page.stat().st_ino for page in output.rglob("*.html")}


def test_rebuild_after_edits_equals_a_full_build(portal_copy: Site, tmp_path: Path) -> None:
    build_into(portal_copy, portal_copy.output)
    assert (cache_folder(portal_copy.output) / FILE_NAME).is_file()
    edited = portal_copy.content / EDITED
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("Title: ", "Title: Đã sửa: ", 1) + "\nĐoạn mới thêm.\n",
                      encoding="utf-8")
    before = inodes(portal_copy.output)
    build_into(portal_copy, portal_copy.output)
    after = inodes(portal_copy.output)
    reused = {page for page, inode in after.items() if before.get(page) == inode}
    assert len(reused) > len(after) // 2  # linked from the last build, not rendered again
    assert "tin-tuc/2020/da-sua-ha-dong-dua-viec-lam-theo-bac-vao-sinh-hoat-chi-bo-thuong-ky/index.html" \
        in after
    assert "don-vi/huyen-uy-ha-dong/index.html" not in reused
    # Of a paginated listing, only the page showing the edited item is rendered again.
    for folder in ("", "tin-tuc/"):
        listing = {page for page in after
                   if page == f"{folder}index.html" or page.startswith(f"{folder}trang/")}
        showing = {page for page in listing
                   if "Đã sửa: " in (portal_copy.output / page).read_text(encoding="utf-8")}
        assert len(showing) == 1 and not showing & reused and listing - showing <= reused
    same_as_a_full_build(portal_copy, tmp_path / "fresh" / "output")
    pages = "".join(p.read_text(encoding="utf-8") for p in portal_copy.output.rglob("index.html"))
    assert "Đã sửa: " in pages and "Đoạn mới thêm." in pages
    stats = json.loads((data_folder(portal_copy.output) / "build-stats.json").read_text(encoding="utf-8"))
    assert stats["static_index"]["items_counted"] == 1  # only the edited item's words were counted
    for query in (["đoạn mới thêm"], ["học", "tập"], ["type:guidance", "date:2021"]):
        warm = run_portal("search", *query, "--output", str(portal_copy.output))
        fresh = run_portal("search", *query, "--output", str(tmp_path / "fresh" / "output"))
        assert warm.returncode == 0 and warm.stdout == fresh.stdout, query
    assert "Đã sửa: Hà Đông" in run_portal("search", "đoạn mới thêm", "--output",
                                           str(portal_copy.output)).stdout

    # An item added and one removed change the sidebar's archive on every page.
    (portal_copy.content / REMOVED).unlink()
    portal_copy.write("news/dang-uy-xa-an-phu/2022/tin-moi-them.md", NEW_ITEM)
    build_into(portal_copy, portal_copy.output)
    same_as_a_full_build(portal_copy, tmp_path / "fresh" / "output")
    assert (portal_copy.output / "tin-tuc/2022/tin-moi-them-vao-giua/index.html").is_file()

    topics = portal_copy.content / "topics.toml"
    registry = topics.read_text(encoding="utf-8")
    topics.write_text(registry.replace('title = "Học tập', 'title = "Chuyên đề (sửa): Học tập', 1),
                      encoding="utf-8")
    build_into(portal_copy, portal_copy.output)
    same_as_a_full_build(portal_copy, tmp_path / "fresh" / "output")
    assert "Chuyên đề (sửa)" in (portal_copy.output / "chuyen-de/index.html").read_text(encoding="utf-8")


def test_a_damaged_cache_is_ignored(portal_copy: Site, tmp_path: Path) -> None:
    build_into(portal_copy, portal_copy.output)
    caches = [cache for cache in cache_folder(portal_copy.output).rglob("*") if cache.is_file()]
    assert any(cache.suffix == ".cache" for cache in caches)  # the templates' compiled code
    for cache in caches:
        cache.write_bytes(b"not a pickle")
    build_into(portal_copy, portal_copy.output)
    same_as_a_full_build(portal_copy, tmp_path / "fresh" / "output")


def test_a_page_changed_after_the_build_is_rendered_again(portal_copy: Site, tmp_path: Path) -> None:
    build_into(portal_copy, portal_copy.output)
    page = portal_copy.output / UNTOUCHED_PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (sửa tay)</h1>"), encoding="utf-8")
    build_into(portal_copy, portal_copy.output)
    assert "(sửa tay)" not in page.read_text(encoding="utf-8")
    same_as_a_full_build(portal_copy, tmp_path / "fresh" / "output")


def test_files_no_build_wrote_do_not_come_back_with_the_folders_taken_whole(
        portal_copy: Site, tmp_path: Path) -> None:
    """Folders of unchanged pages are moved whole from the last build, but only those holding
    nothing else: a file added by hand to the output, beside a page or in a folder of pages,
    is gone after the next build, and the pages beside it are still there."""
    build_into(portal_copy, portal_copy.output)
    strays = [portal_copy.output / UNTOUCHED_PAGE.replace("index.html", "ghi-chu.txt"),
              portal_copy.output / "tin-tuc" / "2020" / "ghi-chu.txt",
              portal_copy.output / "tin-tuc" / "2020" / "thu-muc-la" / "index.html"]
    for stray in strays:
        stray.parent.mkdir(parents=True, exist_ok=True)
        stray.write_text("không do bản dựng nào viết\n", encoding="utf-8")
    before = inodes(portal_copy.output)
    build_into(portal_copy, portal_copy.output)
    assert not [stray for stray in strays if stray.exists()]
    assert not (portal_copy.output / "tin-tuc" / "2020" / "thu-muc-la").exists()
    assert inodes(portal_copy.output)[UNTOUCHED_PAGE] == before[UNTOUCHED_PAGE]
    same_as_a_full_build(portal_copy, tmp_path / "fresh" / "output")


def test_a_build_never_moves_a_folder_that_holds_the_content(tmp_path: Path) -> None:
    from portal.commands.build import is_safe

    assert is_safe(tmp_path / "output", tmp_path / "content")
    assert not is_safe(tmp_path, tmp_path / "content")
    assert not is_safe(tmp_path / "content", tmp_path / "content")
    assert not is_safe(Path("/"), tmp_path / "content")


def test_a_rebuild_without_changes_reuses_every_page_and_the_search_index(
        portal_copy: Site, tmp_path: Path) -> None:
    build_into(portal_copy, portal_copy.output)
    index = portal_copy.output / "tim-kiem" / "index"
    before = {p.relative_to(index): p.stat().st_ino for p in index.rglob("*") if p.is_file()}
    pages = inodes(portal_copy.output)
    build_into(portal_copy, portal_copy.output)
    after = {p.relative_to(index): p.stat().st_ino for p in index.rglob("*") if p.is_file()}
    assert before and after == before
    reused = {page for page, inode in inodes(portal_copy.output).items() if pages.get(page) == inode}
    assert len(reused) > 0.9 * len(pages)
    same_as_a_full_build(portal_copy, tmp_path / "fresh" / "output")


def test_a_rebuild_after_a_metadata_edit_or_a_template_change_equals_a_full_build(
        portal_copy: Site, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        f"THEME = {str(theme)!r}\n", encoding="utf-8")
    fresh = tmp_path / "fresh" / "output"
    build_into(portal_copy, portal_copy.output, settings)

    # A later day in the same month and one tag fewer: the item moves within its listings.
    edited = portal_copy.content / EDITED
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("Date: 2020-03-18", "Date: 2020-03-25")
                      .replace("học tập và làm theo Bác, nêu gương", "nêu gương"), encoding="utf-8")
    build_into(portal_copy, portal_copy.output, settings)
    same_as_a_full_build(portal_copy, fresh, settings)
    assert (portal_copy.output / "luu-tru/2020/03/25/index.html").is_file()
    assert not (portal_copy.output / "luu-tru/2020/03/18/index.html").exists()

    card = theme / "templates" / "partials" / "item_card.html"
    card.write_text(card.read_text(encoding="utf-8").replace(
        'class="item-card__summary"', 'class="item-card__summary item-card__summary--changed"'),
        encoding="utf-8")
    build_into(portal_copy, portal_copy.output, settings)
    same_as_a_full_build(portal_copy, fresh, settings)
    assert "item-card__summary--changed" in (portal_copy.output / "tin-tuc/trang/2/index.html").read_text(
        encoding="utf-8")


def test_listings_show_nothing_of_the_articles_their_items_point_to() -> None:
    """A listing page is taken from the last build while its items' own values are unchanged
    (``unchanged_pages.writer.page_inputs``): a listing that showed, say, an item's related
    items would keep their old titles. Only the article page may show them."""
    templates = ROOT / "theme" / "templates"
    environment = Environment(loader=FileSystemLoader(templates))
    pending, seen = ["listing.html", "index.html"], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        source = (templates / name).read_text(encoding="utf-8")
        assert not [word for word in POINTERS if word in source], name
        pending += [found for found in meta.find_referenced_templates(environment.parse(source)) if found]
    assert {"base.html", "partials/item_card.html", "partials/pagination.html"} <= seen


def test_a_rebuild_checks_every_unchanged_item_against_the_registries(portal_copy: Site,
                                                                    tmp_path: Path) -> None:
    build_into(portal_copy, portal_copy.output)
    topics = portal_copy.content / "topics.toml"
    registry = topics.read_text(encoding="utf-8")
    topics.write_text(registry.replace('slug = "chuyen-de-2020"', 'slug = "chuyen-de-nam-2020"', 1),
                      encoding="utf-8")
    result = portal_copy.run("build")
    assert result.returncode == 1
    assert f"{EDITED}:7" in result.stdout + result.stderr  # its Topics line, the file untouched

    # And one that a registry change made right is published, its page as a full build's.
    topics.write_text(registry, encoding="utf-8")
    (portal_copy.content / "units.toml").write_text(
        (portal_copy.content / "units.toml").read_text(encoding="utf-8").replace(
            'slug = "huyen-uy-tay-son"', 'slug = "huyen-uy-tay-son-moi"', 1), encoding="utf-8")
    assert portal_copy.run("build").returncode == 1  # items of the renamed unit
    (portal_copy.content / "units.toml").write_text(
        (portal_copy.content / "units.toml").read_text(encoding="utf-8").replace(
            'slug = "huyen-uy-tay-son-moi"', 'slug = "huyen-uy-tay-son"', 1), encoding="utf-8")
    build_into(portal_copy, portal_copy.output)
    same_as_a_full_build(portal_copy, tmp_path / "fresh" / "output")


def test_a_rebuild_reports_the_problems_of_unchanged_files_in_the_language_asked(
        portal_copy: Site) -> None:
    """Items read by the last build are kept with their problems: an unchanged file's error is
    reported on every build, in the language of that build's messages, and an unchanged item
    whose attachment was removed is rejected like a changed one."""
    mistyped = "news/huyen-uy-ha-dong/2020/go-nham-khoa.md"
    portal_copy.write(mistyped, NEW_ITEM.replace("Title:", "Tittle:").replace("dang-uy-xa-an-phu",
                                                                             "huyen-uy-ha-dong"))
    for lang, hint in (("vi", "(có phải «Title»?)"), ("vi", "(có phải «Title»?)"),
                       ("en", "(did you mean «Title»?)")):
        result = portal_copy.run("build", lang=lang)
        assert result.returncode == 1
        assert f"{mistyped}:1" in result.stderr and hint in result.stderr, lang
    (portal_copy.content / mistyped).unlink()
    build_into(portal_copy, portal_copy.output)
    (portal_copy.content / "files" / "chi-thi-09-ct-tu-2021-phu-luc.docx").unlink()
    result = portal_copy.run("build")
    assert result.returncode == 1
    assert "guidance/tinh-uy-son-ha/2021/chi-thi-tang-cuong-trach-nhiem-neu-guong.md:11" in result.stderr
    assert "Không tìm thấy tệp «files/chi-thi-09-ct-tu-2021-phu-luc.docx»" in result.stderr


def test_a_link_to_another_item_follows_it_to_its_new_address(portal_copy: Site, tmp_path: Path) -> None:
    linking = NEW_ITEM.replace("Tin mới thêm vào giữa", "Tin có liên kết").replace(
        "Nội dung tin mới.", f"Xem [bài ở Hà Đông]({{filename}}/{EDITED}).")
    portal_copy.write("news/dang-uy-xa-an-phu/2022/tin-co-lien-ket.md", linking)
    build_into(portal_copy, portal_copy.output)
    edited = portal_copy.content / EDITED
    edited.write_text(edited.read_text(encoding="utf-8").replace("Title: ", "Title: Đã sửa: ", 1),
                      encoding="utf-8")
    build_into(portal_copy, portal_copy.output)
    same_as_a_full_build(portal_copy, tmp_path / "fresh" / "output")
    page = (portal_copy.output / "tin-tuc/2022/tin-co-lien-ket/index.html").read_text(encoding="utf-8")
    assert 'href="/tin-tuc/2020/da-sua-ha-dong-dua-viec-lam-theo-bac-vao-sinh-hoat-chi-bo' in page
