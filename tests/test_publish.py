"""``portal publish`` to a folder, directly and through rsync: only what changed is copied, a
withdrawn item goes offline, files it did not write are never touched."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from portal_publish.publish import MANIFEST
from sitekit import ROOT, Site, run_portal

ITEM = "news/huyen-uy-ha-dong/2020/ha-dong-dua-viec-lam-theo-bac-vao-sinh-hoat-chi-bo.md"
ITEM_PAGE = "tin-tuc/2020/ha-dong-dua-viec-lam-theo-bac-vao-sinh-hoat-chi-bo-thuong-ky"
WAYS = pytest.mark.parametrize("via", [[], ["--rsync"]], ids=["folder", "rsync"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    folder = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "content", folder / "content")
    site = Site(folder / "content", folder / "build" / "output")
    assert production_build(site).returncode == 0
    return site


@pytest.fixture
def site(built: Site, tmp_path: Path) -> Site:
    """A copy of the sample portal and of its production build, for one test to change."""
    shutil.copytree(built.content, tmp_path / "content")
    shutil.copytree(built.output, tmp_path / "build" / "output")
    return Site(tmp_path / "content", tmp_path / "build" / "output")


def production_build(site: Site) -> subprocess.CompletedProcess[str]:
    return run_portal("build", "--production", "--content", str(site.content), "--output", str(site.output))


def publish(site: Site, target: Path, *options: str) -> str:
    """The summary line of a publish that succeeded."""
    result = run_portal("publish", str(target), "--from", str(site.output), *options)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != MANIFEST}


def published_part(target: Path, site: Site) -> dict[str, bytes]:
    built = tree(site.output)
    return {path: data for path, data in tree(target).items() if path in built}


@WAYS
def test_publish_copies_what_changed_removes_withdrawn_and_keeps_foreign(
        site: Site, tmp_path: Path, via: list[str]) -> None:
    target = tmp_path / "www"
    (target / "tin-tuc").mkdir(parents=True)
    (target / "tin-tuc" / "ghi-chu-rieng.txt").write_text("tệp của máy chủ", encoding="utf-8")
    (target / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    files = len(tree(site.output))
    assert publish(site, target, *via) == f"Đã xuất bản vào {target}: chép {files}, giữ nguyên 0, gỡ 0 tệp."
    assert published_part(target, site) == tree(site.output)
    assert publish(site, target, *via) == f"Đã xuất bản vào {target}: chép 0, giữ nguyên {files}, gỡ 0 tệp."

    # a published file edited at the target, same size: found by its hash and written again
    home = target / "index.html"
    home.write_bytes(home.read_bytes().replace(b"<title>", b"<TITLE>", 1))
    summary = publish(site, target, *via)
    assert summary == f"Đã xuất bản vào {target}: chép 1, giữ nguyên {files - 1}, gỡ 0 tệp."
    assert home.read_bytes() == (site.output / "index.html").read_bytes()

    (site.content / ITEM).unlink()
    assert production_build(site).returncode == 0
    summary = publish(site, target, *via)
    assert summary.startswith(f"Đã xuất bản vào {target}: chép ") and "gỡ 0 tệp" not in summary
    assert not (target / ITEM_PAGE).exists()  # the page, its .gz and .br, and the empty folder
    assert (target / "tin-tuc" / "ghi-chu-rieng.txt").read_text(encoding="utf-8") == "tệp của máy chủ"
    assert (target / ".htaccess").is_file()
    assert published_part(target, site) == tree(site.output)
    assert set(tree(target)) - set(tree(site.output)) == {"tin-tuc/ghi-chu-rieng.txt", ".htaccess"}


@WAYS
def test_dry_run_lists_what_would_change_and_changes_nothing(
        site: Site, tmp_path: Path, via: list[str]) -> None:
    target = tmp_path / "www"
    publish(site, target, *via)
    shutil.rmtree(site.output / ITEM_PAGE)
    (site.output / "index.html").write_text("<p>trang chủ mới</p>", encoding="utf-8")
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    result = run_portal("publish", str(target), "--from", str(site.output), "--dry-run", *via)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert "sẽ chép: index.html" in lines
    assert {f"sẽ gỡ: {ITEM_PAGE}/index.html{suffix}" for suffix in ("", ".gz", ".br")} <= set(lines)
    assert lines[-1].startswith("Chạy thử (--dry-run), không thay đổi gì: sẽ chép 1, ")
    assert lines[-1].endswith(", gỡ 3 tệp.")
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before


@WAYS
def test_a_foreign_file_in_the_way_stops_the_publish(site: Site, tmp_path: Path, via: list[str]) -> None:
    target = tmp_path / "www"
    target.mkdir()
    (target / "index.html").write_text("<p>trang cũ của máy chủ</p>", encoding="utf-8")
    result = run_portal("publish", str(target), "--from", str(site.output), *via)
    assert result.returncode == 1
    assert "index.html: tệp này đã có ở nơi nhận nhưng không do 'portal publish' ghi" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "Chưa xuất bản: 1 tệp lạ chắn đường."
    assert sorted(p.name for p in target.iterdir()) == ["index.html"]  # nothing else was written
    english = run_portal("publish", str(target), "--from", str(site.output), *via, lang="en")
    assert "index.html: this file exists at the target but was not written by 'portal publish'" \
        in english.stdout
    assert publish(site, target, *via, "--force").startswith(f"Đã xuất bản vào {target}")
    assert (target / "index.html").read_bytes() == (site.output / "index.html").read_bytes()


@WAYS
def test_a_withdrawn_file_changed_at_the_target_is_kept(site: Site, tmp_path: Path, via: list[str]) -> None:
    target = tmp_path / "www"
    publish(site, target, *via)
    page = target / ITEM_PAGE / "index.html"
    page.write_text("sửa tay trên máy chủ", encoding="utf-8")
    shutil.rmtree(site.output / ITEM_PAGE)
    result = run_portal("publish", str(target), "--from", str(site.output), *via)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{ITEM_PAGE}/index.html: đã bị sửa ở nơi nhận" in result.stdout
    assert result.stdout.strip().splitlines()[-1].endswith("gỡ 2 tệp.")  # the .gz and .br
    assert sorted(p.name for p in (target / ITEM_PAGE).iterdir()) == ["index.html"]
    assert page.read_text(encoding="utf-8") == "sửa tay trên máy chủ"


def test_publish_without_a_build_says_what_to_do(tmp_path: Path) -> None:
    result = run_portal("publish", str(tmp_path / "www"), "--from", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "portal build --production" in result.stdout
