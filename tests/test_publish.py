"""``portal publish`` to a folder, directly and through rsync: only a complete, successful
production build is published, only what changed is copied, a withdrawn item goes offline, files
it did not write are never touched, a large removal is confirmed first, and a publish killed
half-way leaves the old site whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from portal.publish.publish import MANIFEST
from sitekit import PORTAL, ROOT, Site, item, make_project, make_site, portal_in, run_portal

pytestmark = pytest.mark.slow

ITEM = "news/huyen-uy-ha-dong/2020/ha-dong-dua-viec-lam-theo-bac-vao-sinh-hoat-chi-bo.md"
ITEM_PAGE = "tin-tuc/2020/ha-dong-dua-viec-lam-theo-bac-vao-sinh-hoat-chi-bo-thuong-ky"
WAYS = pytest.mark.parametrize("via", [[], ["--rsync"]], ids=["folder", "rsync"])


def production_build(site: Site, *options: str) -> subprocess.CompletedProcess[str]:
    return run_portal("build", "--production", "--content", str(site.content), "--output",
                      str(site.output), *options)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    folder = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "content", folder / "content")
    site = Site(folder / "content", folder / "build" / "output")
    assert production_build(site).returncode == 0
    return site


@pytest.fixture(scope="module")
def withdrawn(built: Site, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The sample portal's production build once ITEM is withdrawn."""
    folder = tmp_path_factory.mktemp("withdrawn")
    shutil.copytree(built.content, folder / "content")
    (folder / "content" / ITEM).unlink()
    site = Site(folder / "content", folder / "build" / "output")
    assert production_build(site).returncode == 0
    return site


def copy_of(built: Site, folder: Path) -> Site:
    shutil.copytree(built.content, folder / "content")
    shutil.copytree(built.output, folder / "build" / "output")
    return Site(folder / "content", folder / "build" / "output")


@pytest.fixture
def site(built: Site, tmp_path: Path) -> Site:
    """A copy of the sample portal and of its production build, for one test to change."""
    return copy_of(built, tmp_path / "now")


@pytest.fixture
def later(withdrawn: Site, tmp_path: Path) -> Site:
    return copy_of(withdrawn, tmp_path / "later")


def publish(site: Site, target: Path, *options: str) -> str:
    """The summary line of a publish that succeeded."""
    result = run_portal("publish", str(target), "--from", str(site.output), *options)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != MANIFEST}


def everything(folder: Path) -> dict[str, bytes]:
    """Every file, the publish manifest included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def built_files(site: Site) -> dict[str, bytes]:
    """What a publish of the build puts at the target: every file but the build manifest."""
    return {path: data for path, data in tree(site.output).items() if path != ".portal-build.json"}


def published_part(target: Path, site: Site) -> dict[str, bytes]:
    built = built_files(site)
    return {path: data for path, data in tree(target).items() if path in built}


@WAYS
def test_publish_copies_what_changed_removes_withdrawn_and_keeps_foreign(
        site: Site, later: Site, tmp_path: Path, via: list[str]) -> None:
    target = tmp_path / "www"
    (target / "tin-tuc").mkdir(parents=True)
    (target / "tin-tuc" / "ghi-chu-rieng.txt").write_text("tệp của máy chủ", encoding="utf-8")
    (target / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    files = len(built_files(site))
    assert publish(site, target, *via) == f"Đã xuất bản vào {target}: chép {files}, giữ nguyên 0, gỡ 0 tệp."
    assert published_part(target, site) == built_files(site)
    assert not (target / ".portal-build.json").exists()
    assert publish(site, target, *via) == f"Đã xuất bản vào {target}: chép 0, giữ nguyên {files}, gỡ 0 tệp."

    # a published file edited at the target, same size: found by its hash and written again
    home = target / "index.html"
    home.write_bytes(home.read_bytes().replace(b"<title>", b"<TITLE>", 1))
    summary = publish(site, target, *via)
    assert summary == f"Đã xuất bản vào {target}: chép 1, giữ nguyên {files - 1}, gỡ 0 tệp."
    assert home.read_bytes() == (site.output / "index.html").read_bytes()

    summary = publish(later, target, *via)
    assert summary.startswith(f"Đã xuất bản vào {target}: chép ") and "gỡ 0 tệp" not in summary
    assert not (target / ITEM_PAGE).exists()  # the page, its .gz and .br, and the empty folder
    assert (target / "tin-tuc" / "ghi-chu-rieng.txt").read_text(encoding="utf-8") == "tệp của máy chủ"
    assert (target / ".htaccess").is_file()
    assert published_part(target, later) == built_files(later)
    assert set(tree(target)) - set(built_files(later)) == {"tin-tuc/ghi-chu-rieng.txt", ".htaccess"}


@WAYS
def test_dry_run_lists_what_would_change_and_changes_nothing(
        site: Site, later: Site, tmp_path: Path, via: list[str]) -> None:
    target = tmp_path / "www"
    publish(site, target, *via)
    before = everything(target)
    result = run_portal("publish", str(target), "--from", str(later.output), "--dry-run", *via)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    changed = {path for path, data in built_files(later).items() if before.get(path) != data}
    assert {line.removeprefix("sẽ chép: ") for line in lines if line.startswith("sẽ chép: ")} == changed
    assert f"sẽ gỡ: {ITEM_PAGE}/index.html" in lines
    assert lines[-1].startswith(f"Chạy thử (--dry-run), không thay đổi gì: sẽ chép {len(changed)}, ")
    assert everything(target) == before


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
def test_a_withdrawn_file_changed_at_the_target_is_kept(site: Site, later: Site, tmp_path: Path,
                                                        via: list[str]) -> None:
    target = tmp_path / "www"
    publish(site, target, *via)
    page = target / ITEM_PAGE / "index.html"
    page.write_text("sửa tay trên máy chủ", encoding="utf-8")
    result = run_portal("publish", str(target), "--from", str(later.output), *via)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{ITEM_PAGE}/index.html: đã bị sửa ở nơi nhận" in result.stdout
    assert "gỡ 0 tệp" not in result.stdout.strip().splitlines()[-1]
    assert sorted(p.name for p in (target / ITEM_PAGE).iterdir()) == ["index.html"]
    assert page.read_text(encoding="utf-8") == "sửa tay trên máy chủ"


def test_publish_without_a_build_says_what_to_do(tmp_path: Path) -> None:
    result = run_portal("publish", str(tmp_path / "www"), "--from", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "portal build --production" in result.stdout


def test_only_a_complete_successful_production_build_is_published(
        sample_site: Site, site: Site, tmp_path: Path) -> None:
    target = tmp_path / "www"

    def refused(source: Path, words: str) -> None:
        result = run_portal("publish", str(target), "--from", str(source))
        assert result.returncode == 1, result.stdout
        assert words in result.stdout and "Chưa xuất bản gì." in result.stdout, result.stdout
        assert not target.exists()

    refused(sample_site.output, "không phải bản xuất bản: chạy 'portal build --production'")

    broken = make_site(tmp_path / "broken")
    broken.write("news/huyen-a/2021/tot.md", item("Bài tốt", "2021-03-04", "huyen-a"))
    broken.write("news/huyen-a/2021/loi.md", item("Bài lỗi", "31/02/2021", "huyen-a"))
    built = run_portal("build", "--with-errors", "--content", str(broken.content), "--output",
                       str(broken.output))
    assert built.returncode == 1 and (broken.output / "index.html").is_file()
    refused(broken.output, "có 1 tệp lỗi (bản xem trước)")

    (site.output / "index.html").write_text("<p>sửa tay sau khi dựng</p>", encoding="utf-8")
    refused(site.output, "khác với lúc dựng hoặc không do bản dựng ghi (index.html)")
    shutil.copy(tmp_path / "now" / "build" / "output" / "feed.xml", site.output / "ghi-them.xml")
    (site.output / "index.html").unlink()
    refused(site.output, "2 tệp ở")


def test_a_build_for_a_local_address_is_not_published(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", public_url="http://127.0.0.1:8000")
    built = portal_in(project.content.parent, "build", "--production")
    assert built.returncode == 0, built.stdout + built.stderr
    result = portal_in(project.content.parent, "publish", str(tmp_path / "www"))
    assert result.returncode == 1
    assert "mang địa chỉ http://127.0.0.1:8000 của máy này" in result.stdout
    assert "PORTAL_PUBLIC_URL trong publishconf.py" in result.stdout
    assert not (tmp_path / "www").exists()


@WAYS
def test_a_publish_that_removes_much_shows_it_and_asks_first(
        site: Site, tmp_path: Path, via: list[str]) -> None:
    target = tmp_path / "www"
    publish(site, target, *via)
    before = everything(target)
    small = make_project(tmp_path / "small")
    assert portal_in(small.content.parent, "build", "--production").returncode == 0
    result = run_portal("publish", str(target), "--from", str(small.output), *via)
    assert result.returncode == 1
    assert "Lần xuất bản này gỡ " in result.stdout and "Chưa xuất bản gì." in result.stdout
    shown = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert shown and all(path in before for path in shown)
    assert everything(target) == before
    summary = publish(small, target, *via, "--yes")
    assert summary.startswith(f"Đã xuất bản vào {target}")
    assert published_part(target, small) == built_files(small)
    assert not (target / ITEM_PAGE).exists()


def test_a_publish_killed_at_any_moment_leaves_the_old_site_or_the_new_one(
        site: Site, later: Site, tmp_path: Path) -> None:
    target = tmp_path / "www"
    publish(site, target)
    old = everything(target)
    command = [str(PORTAL), "publish", str(target), "--from", str(later.output)]
    started = time.monotonic()
    assert subprocess.run(command, capture_output=True, check=False, cwd=ROOT).returncode == 0
    whole = time.monotonic() - started
    new = everything(target)
    assert new != old
    publish(site, target)
    assert everything(target) == old
    states = []
    for share in (0.2, 0.4, 0.6, 0.8, 0.95):
        running = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   cwd=ROOT)
        time.sleep(whole * share)
        os.kill(running.pid, signal.SIGKILL)
        running.wait()
        now = everything(target)
        assert now in (old, new), f"mixed after {share:.0%} of a publish"
        states.append(now == new)
        if now == new:
            publish(site, target)
    # Killed early the old site stays; the next publish finishes the work and cleans up.
    assert not all(states)
    publish(later, target)
    assert everything(target) == new
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".www-")]
