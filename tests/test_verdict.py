"""``portal check`` and ``portal build`` give one verdict: whatever the build refuses or would
drop, check names with its file, line and fix; a build that refuses content writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitekit import Site, item, make_project, make_site, portal_in, run_portal

pytestmark = pytest.mark.bad_input

PROBLEM = re.compile(r"^(?P<where>\S+?): (?P<severity>lỗi|cảnh báo): (?P<message>.*)$", re.MULTILINE)
PICTURE = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'
PLACEHOLDER = "Viết nội dung bài ở đây."

BAD = {
    "news/huyen-a/2021/anh-thieu.md": (
        item("Ảnh thiếu", "2021-03-04", "huyen-a",
             body="Đoạn đầu.\n\n![Hội nghị](/images/khong-co.png)\n\nĐoạn cuối."), 8),
    "news/huyen-a/2021/anh-html-thieu.md": (
        item("Ảnh HTML thiếu", "2021-03-05", "huyen-a",
             body='<figure><img src="/images/mat-tich.svg" alt="Ảnh"><figcaption>Chú thích'
                  "</figcaption></figure>"), 6),
    "guidance/huyen-a/2021/dinh-kem-thieu.md": (
        item("Kế hoạch có phụ lục thiếu", "2021-03-06", "huyen-a", type_="guidance",
             body="Xem [phụ lục][pl].\n\n[pl]: /files/phu-luc-khong-co.pdf",
             number="12-KH/HU", kind="Kế hoạch", issuer="Huyện uỷ A", issued="2021-03-01"), 12),
    "news/huyen-a/2021/duong-dan-ra-ngoai.md": (
        item("Đường dẫn ra ngoài", "2021-03-07", "huyen-a",
             body="![Ảnh](/images/../../pelicanconf.py)"), 6),
    "ghi-chu.md": (item("Để nhầm chỗ", "2021-03-08", "huyen-a"), 0),
    "news/huyen-a/2021/bai.markdown": (item("Sai đuôi", "2021-03-09", "huyen-a"), 0),
}
GOOD = {
    "news/huyen-a/2021/co-anh.md": item(
        "Có ảnh", "2021-03-10", "huyen-a",
        body="![Biểu đồ](/images/bieu-do.svg)\n\n<img src=\"/images/bieu-do.svg\" alt=\"Lại\">\n\n"
             "[Tải về](/files/ke-hoach.pdf), [trang khác](/tin-tuc/), [web](https://example.vn/a.png)"),
}


def problems(text: str) -> set[tuple[str, str]]:
    return {(match["where"], match["severity"]) for match in PROBLEM.finditer(text)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("verdict"))
    site.write("images/bieu-do.svg", PICTURE)
    site.write("files/ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n")
    for path, (text, _) in BAD.items():
        site.write(path, text)
    for path, text in GOOD.items():
        site.write(path, text)
    return site


def test_check_and_build_name_the_same_problems_at_the_same_lines(site: Site) -> None:
    check, build = site.run("check"), site.run("build")
    assert check.returncode == build.returncode == 1
    expected = {(f"{path}:{line}" if line else path, "lỗi") for path, (_, line) in BAD.items()}
    assert problems(check.stdout + check.stderr) == expected, check.stdout + check.stderr
    assert problems(build.stdout + build.stderr) == expected, build.stdout + build.stderr
    assert "Cách sửa: Đặt tệp vào content/images/ đúng tên ấy" in check.stdout
    assert not site.output.exists()  # refused content: nothing written, not even a part


def test_pictures_and_attachments_that_exist_pass_and_are_published(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.write("images/bieu-do.svg", PICTURE)
    site.write("files/ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n")
    for path, text in GOOD.items():
        site.write(path, text)
    assert site.run("check").returncode == 0
    built = site.run("build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (site.output / "images/bieu-do.svg").is_file()
    assert 'src="/images/bieu-do.svg"' in site.page("tin-tuc/2021/co-anh")


def test_an_unedited_new_item_warns_and_stops_the_production_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    folder = project.content.parent
    made = portal_in(folder, "new", "news", "--unit", "huyen-a", "--title", "Bài chưa viết",
                     "--date", "05/03/2021", "--no-input")
    assert made.returncode == 0, made.stdout + made.stderr
    path = next(project.content.glob("news/huyen-a/2021/bai-chua-viet*.md"))
    assert PLACEHOLDER in path.read_text(encoding="utf-8")
    relative = path.relative_to(project.content).as_posix()

    check = portal_in(folder, "check")
    assert check.returncode == 0
    assert f"{relative}:" in check.stdout and "cảnh báo: Nội dung bài vẫn là dòng mẫu" in check.stdout
    assert portal_in(folder, "build").returncode == 0

    strict = portal_in(folder, "check", "--production")
    production = portal_in(folder, "build", "--production")
    assert strict.returncode == production.returncode == 1
    for result in (strict, production):
        assert problems(result.stdout + result.stderr) == {(f"{relative}:7", "lỗi")}, result.stdout
        assert "Thay dòng mẫu bằng nội dung bài" in result.stdout + result.stderr
    assert "giữ nguyên như lần dựng thành công trước" in production.stdout
    manifest = (project.output / ".portal-build.json").read_text(encoding="utf-8")
    assert '"production": false' in manifest  # the earlier preview build is still in place


def test_a_build_that_fails_leaves_the_last_good_build_whole(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.write("news/huyen-a/2021/mot.md", item("Bài một", "2021-03-04", "huyen-a"))
    assert site.build().returncode == 0
    before = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    site.write("news/huyen-a/2021/hai.md", item("Bài hai", "30/02/2021", "huyen-a"))
    failed = site.build()
    assert failed.returncode == 1
    assert "được giữ nguyên như lần dựng thành công trước" in failed.stdout
    after = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".output-")) == [
        ".output-cache", ".output-search"]


def test_the_same_verdict_in_english(site: Site) -> None:
    check = run_portal("check", "--content", str(site.content), lang="en")
    assert "error: The text points to «/images/khong-co.png»" in check.stdout


def test_links_to_folders_and_broken_links_are_named_and_never_followed(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.write("news/huyen-a/2021/mot.md", item("Bài một", "2021-03-04", "huyen-a"))
    (site.content / "news" / "huyen-a" / "vong").symlink_to("..")  # a loop: news/huyen-a/vong/huyen-a/...
    (site.content / "news" / "lap").symlink_to("../news")
    (site.content / "images").mkdir()
    (site.content / "images" / "mat.png").symlink_to(tmp_path / "khong-co.png")
    expected = {("news/huyen-a/vong", "lỗi"), ("news/lap", "lỗi"), ("images/mat.png", "lỗi")}
    check = site.run("check", timeout=60)
    build = site.run("build", timeout=60)
    for result in (check, build):
        assert result.returncode == 1
        assert problems(result.stdout + result.stderr) == expected, result.stdout + result.stderr
    assert "liên kết (symlink) tới một thư mục" in check.stdout
    preview = run_portal("build", "--with-errors", "--content", str(site.content), "--output",
                         str(site.output))
    assert preview.returncode == 1
    assert len(list(site.output.glob("tin-tuc/2021/*/index.html"))) == 1
