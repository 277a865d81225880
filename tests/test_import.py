"""``portal import`` end to end: saved pages of each old CMS in, items that validate and build out,
old addresses answered, a second run changing nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from portal.commands.serve import make_server
from portal.model.source import split_header
from sitekit import PORTAL, ROOT, Site, make_site, run_portal

FIXTURES = Path(__file__).parent / "import_fixtures"
OLD_SITE = "https://hoctap.huyena.example.vn"
SETTINGS = f"""\
import sys
sys.path.insert(0, {str(ROOT)!r})
from pelicanconf import *  # noqa: F403
PORTAL_PUBLIC_URL = {OLD_SITE!r}
"""


@dataclass
class Imported:
    site: Site
    pages: Path
    result: subprocess.CompletedProcess[str]
    report: dict

    def item(self, source: str) -> dict:
        return next(i for i in self.report["items"] if i["source"].endswith(source))

    def fields(self, source: str) -> dict[str, str]:
        relative = self.item(source)["file"]
        text = (self.site.content / relative).read_text(encoding="utf-8")
        header, _ = split_header(text, relative)
        return {entry.name: entry.value for entry in header.entries.values()}

    def body(self, source: str) -> str:
        text = (self.site.content / self.item(source)["file"]).read_text(encoding="utf-8")
        return text.split("\n\n", 1)[1]


def portal_import(*args: str, lang: str = "vi") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PORTAL_LANG": lang}
    return subprocess.run([str(PORTAL), "import", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300, check=False)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    root = tmp_path_factory.mktemp("import")
    pages = root / "saved"
    shutil.copytree(FIXTURES, pages)
    site = make_site(root)
    report = root / "report.json"
    result = portal_import(str(pages / "site"), str(pages / "broken"), "--unit", "huyen-a",
                           "--content", str(site.content), "--report", str(report),
                           "--base-url", f"{OLD_SITE}/")
    return Imported(site, pages, result, json.loads(report.read_text(encoding="utf-8")))


@pytest.mark.bad_input
def test_report_on_screen_and_as_json(imported: Imported) -> None:
    assert imported.result.returncode == 1  # two pages could not be read
    assert imported.report["summary"] == {"imported": 15, "drafts": 2, "skipped": 1, "failed": 2}
    screen = imported.result.stdout
    assert "Đã nhập 15 bài (2 bản nháp cần bổ sung), bỏ qua 1, lỗi 2." in screen
    assert "không nhận ra bảng mã" in screen
    assert "không tìm thấy nội dung bài trong trang" in screen
    failed = {Path(i["source"]).name: i["reason"]["code"] for i in imported.report["items"]
              if i["outcome"] == "failed"}
    assert failed == {"hong-bang-ma.html": "garbled", "chi-co-menu.html": "no_body"}


def test_nukeviet4_page(imported: Imported) -> None:
    fields = imported.fields("so-ket-chuyen-de-2019-215.html")
    assert fields == {
        "Title": "Huyện uỷ A sơ kết một năm học tập chuyên đề năm 2019",
        "Date": "12/07/2019 08:30", "Type": "news", "Unit": "huyen-a",
        "Id": imported.item("so-ket-chuyen-de-2019-215.html")["id"],
        "Legacy_url": f"{OLD_SITE}/tin-tuc/hoat-dong/so-ket-chuyen-de-2019-215.html",
        "Author": "Nguyễn Thu Hà", "Source": "Ban Tuyên giáo Huyện uỷ A",
        "Summary": "Sáng 11/7, Huyện uỷ A tổ chức hội nghị sơ kết một năm thực hiện chuyên đề năm "
                   "2019 với hơn 200 đại biểu là bí thư chi bộ và trưởng các ban, ngành.",
        "Image": "images/huyen-a/2019/huyen-uy-a-so-ket-mot-nam-hoc-tap-chuyen-de-nam-2019-1.png",
        "Image_caption": "Quang cảnh hội nghị sơ kết (ảnh: Ban Tuyên giáo)",
    }
    assert (imported.site.content / fields["Image"]).read_bytes() == (
        imported.pages / "site/nukeviet4/so-ket-chuyen-de-2019-215_files/hoi-nghi.png").read_bytes()
    body = imported.body("so-ket-chuyen-de-2019-215.html")
    assert "## Những kết quả nổi bật" in body
    assert "những **việc làm cụ thể** của từng chi bộ, tránh hình thức, *nói đi đôi với làm*" in body
    assert f"[Kế hoạch số 48-KH/HU]({OLD_SITE}/van-ban/ke-hoach-48-kh-hu.html)" in body
    assert "- Đảng viên viết cam kết và tự kiểm điểm hằng quý;" in body
    assert "| Xã A1 | 12 |" in body
    for chrome in ("Tìm kiếm", "SỐ LƯỢT TRUY CẬP", "đánh giá", "Những tin mới hơn", "Lượt xem"):
        assert chrome not in body
    item = imported.item("so-ket-chuyen-de-2019-215.html")
    assert item["adapter"] == "nukeviet4" and item["views"] == 1204
    assert item["numbers"] == ["48-KH/HU"]
    missing = [n for n in item["notes"] if n["code"] == "image_missing"]
    assert missing[0]["message"] == ("thiếu ảnh «/uploads/news/2019_07/dai-bieu.jpg» (chú thích: "
                                     "Đại biểu chi bộ thôn Đông phát biểu tham luận): không có tệp "
                                     "này bên cạnh trang đã lưu")
    assert "Đại biểu chi bộ thôn Đông" not in body


def test_print_view_of_the_same_article_is_imported_once(imported: Imported) -> None:
    item = imported.item("so-ket-chuyen-de-2019-215-ban-in.html")
    assert item["outcome"] == "skipped" and item["adapter"] == "nukeviet-print"
    assert item["reason"]["code"] == "duplicate"
    assert item["reason"]["message"].endswith("nukeviet4/so-ket-chuyen-de-2019-215.html")
    assert len(list((imported.site.content / "news/huyen-a/2019").glob("*.md"))) == 1


def test_nukeviet3_page_whose_lead_and_paragraph_repeat(imported: Imported) -> None:
    fields = imported.fields("gap-mat-dien-hinh-2010.html")
    assert fields["Title"] == "Gặp mặt điển hình học tập và làm theo Bác năm 2010"
    assert fields["Date"] == "19/08/2010 16:20"
    assert fields["Author"] == "Lê Văn Bình" and fields["Source"] == "Văn phòng Huyện uỷ A"
    assert fields["Summary"].startswith("Chiều 18/8, Huyện uỷ A gặp mặt 45 tập thể")
    assert fields["Legacy_url"] == f"{OLD_SITE}/nukeviet3/gap-mat-dien-hinh-2010.html"
    assert fields["Image_caption"] == "Các điển hình nhận giấy khen của Huyện uỷ"
    body = imported.body("gap-mat-dien-hinh-2010.html")
    assert "Chiều 18/8" not in body  # the lead, repeated as the first paragraph, is kept once
    assert body.count("Các đại biểu đã chia sẻ những việc làm giản dị") == 1
    assert imported.item("gap-mat-dien-hinh-2010.html")["views"] == 356


def test_joomla3_guidance_document(imported: Imported) -> None:
    fields = imported.fields("ke-hoach-48-kh-hu.html")
    assert fields["Type"] == "guidance" and "Status" not in fields
    assert imported.item("ke-hoach-48-kh-hu.html")["file"].startswith("guidance/huyen-a/2021/")
    assert (fields["Number"], fields["Kind"], fields["Issuer"], fields["Issued"]) == (
        "48-KH/HU", "Kế hoạch", "Ban Thường vụ Huyện uỷ A", "10/05/2021")
    assert fields["Supersedes"] == "12-KH/HU"
    assert fields["Date"] == "11/05/2021 15:40"
    assert fields["Author"] == "Văn phòng Huyện uỷ"
    assert fields["Legacy_url"] == f"{OLD_SITE}/index.php/van-ban/48-ke-hoach-48-kh-hu"
    body = imported.body("ke-hoach-48-kh-hu.html")
    assert "1. Tổ chức học tập chuyên đề năm 2021 xong trước ngày 30/6/2021." in body
    assert "Chi tiết" not in body and "Lượt xem" not in body
    item = imported.item("ke-hoach-48-kh-hu.html")
    assert item["adapter"] == "joomla" and item["views"] == 2750
    assert item["numbers"] == ["48-KH/HU", "27-HD/BTGTU", "12-KH/HU"]


def test_joomla5_page_with_a_full_image(imported: Imported) -> None:
    fields = imported.fields("tam-guong-ba-nguyen-thi-lan.html")
    assert fields["Title"] == "Bà Nguyễn Thị Lan và bếp ăn tình thương ở bệnh viện huyện"
    assert fields["Date"] == "30/12/2016 15:22"
    assert fields["Author"] == "Trần Minh Quân"
    assert fields["Legacy_url"] == "https://truong.example.edu.vn/tin-tuc/tam-guong-ba-lan"
    assert fields["Image_caption"] == "Bếp ăn phục vụ bữa trưa cho người bệnh nghèo"
    assert (imported.site.content / fields["Image"]).is_file()
    body = imported.body("tam-guong-ba-nguyen-thi-lan.html")
    assert "> Được thấy người bệnh ăn no là tôi vui rồi." in body
    assert "*“việc tốt dù nhỏ mấy cũng làm”*" in body
    assert imported.item("tam-guong-ba-nguyen-thi-lan.html")["views"] == 987


@pytest.mark.bad_input
def test_generic_article_loses_everything_hostile(imported: Imported) -> None:
    fields = imported.fields("chi-bo-thon-dong.html")
    assert fields["Title"] == "Chi bộ thôn Đông làm đường theo lời Bác"
    assert fields["Date"] == "30/12/2016 15:22"
    assert fields["Author"] == "Phạm Hồng Nhung"
    assert fields["Summary"] == ("Chi bộ thôn Đông vận động bà con góp công, hiến đất làm 1,2 km "
                                 "đường bê tông.")
    assert fields["Legacy_url"] == f"{OLD_SITE}/chi-bo-thon-dong/"
    body = imported.body("chi-bo-thon-dong.html")
    for hostile in ("script", "iframe", "object", "onclick", "onerror", "onmouseover",
                    "javascript:", "alert", "tracker", "steal", "font-family"):
        assert hostile not in body
    assert "mỗi người góp năm ngày công, bấm vào đây để xem danh sách" in body
    assert "| Chiều dài đường | 1,2 km |" in body
    assert "[Làm theo Bác ở các địa phương](https://tinh.example.vn/lam-theo-bac/)" in body
    assert "Chia sẻ" not in body and "Từ khoá" not in body
    assert imported.item("chi-bo-thon-dong.html")["views"] == 640


@pytest.mark.bad_input
def test_legacy_encodings_are_converted(imported: Imported) -> None:
    for source, encoding, title in (
        ("ket-qua-thi-dua-2015.htm", "windows-1258", "Kết quả thi đua làm theo Bác năm 2015 ở xã A1"),
        ("thong-bao-tcvn3.html", "tcvn3", "Thông báo lịch sinh hoạt chuyên đề quý III năm 2014"),
        ("doan-thanh-nien-vni.txt", "vni", "Đoàn thanh niên xã A1 ra quân tuổi trẻ làm theo lời Bác"),
    ):
        assert imported.fields(source)["Title"] == title
        assert imported.item(source)["encoding"] == encoding
    assert imported.fields("ket-qua-thi-dua-2015.htm")["Date"] == "27/07/2015 09:05"
    assert "Trang chủ" not in imported.body("ket-qua-thi-dua-2015.htm")
    assert "Bản in" not in imported.body("ket-qua-thi-dua-2015.htm")
    assert imported.fields("doan-thanh-nien-vni.txt")["Author"] == "Quốc Việt"


def test_text_dump_without_page_chrome(imported: Imported) -> None:
    fields = imported.fields("hoc-tap-bac-ho-moi-ngay.txt")
    assert fields["Title"] == "Trường Thử Nghiệm đưa tủ sách Bác Hồ đến từng lớp học"
    assert fields["Date"] == "15/03/2016 10:45"
    assert fields["Author"] == "Hoàng Anh"
    body = imported.body("hoc-tap-bac-ho-moi-ngay.txt")
    assert body.startswith("Ngày 14/3/2016, Chi bộ Trường Thử Nghiệm khai trương tủ sách")
    assert "+ Lớp có tủ sách đẹp được biểu dương trước cờ." in reading(body)
    for chrome in ("SỐ LƯỢT TRUY CẬP", "\n3\n", "Bản in", "Quay lại", "TIN MỚI HƠN", "TIN ĐÃ ĐƯA",
                   "Xem tiếp", "Xem theo ngày", "Tìm kiếm", "hội thao", "Hoàng Anh", "4812"):
        assert chrome not in body
    assert imported.item("hoc-tap-bac-ho-moi-ngay.txt")["views"] == 4812


def test_missing_date_is_never_invented(imported: Imported) -> None:
    fields = imported.fields("ban-tin-khong-ngay.txt")
    assert "Date" not in fields and fields["Status"] == "draft"
    assert fields["Title"] == "Chi bộ khu phố 3 giữ gìn đường phố xanh, sạch, đẹp theo lời Bác dạy"
    assert fields["Author"] == "THU TRANG" and fields["Source"] == "Ban Tuyên giáo Huyện uỷ A"
    assert fields["Summary"].startswith("(BTG)- Hưởng ứng lời kêu gọi của Huyện uỷ")
    item = imported.item("ban-tin-khong-ngay.txt")
    assert item["outcome"] == "draft" and item["missing"] == ["Date"]
    assert item["file"].startswith("news/huyen-a/chua-co-ngay/")
    assert "thiếu ngày đăng (Date): lưu thành bản nháp để bổ sung" in imported.result.stdout
    assert "Làm theo gương Bác" not in imported.body("ban-tin-khong-ngay.txt")


def test_old_view_counts_seed_the_counter_service(imported: Imported) -> None:
    seed = json.loads((imported.site.content.parent / "var/counter-seed.json").read_text())
    identifier = imported.item("hoc-tap-bac-ho-moi-ngay.txt")["id"]
    assert seed["pages"][identifier] == 4812
    assert len(seed["pages"]) == 9


def test_imported_items_validate_and_build_with_redirects(imported: Imported,
                                                          tmp_path: Path) -> None:
    check = imported.site.check()
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Nội dung hợp lệ: 13 bài, 6 cảnh báo." in check.stdout
    assert "«12-KH/HU» không có trên cổng" in check.stdout  # superseded, not imported
    settings = tmp_path / "settings.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    output = tmp_path / "output"
    build = run_portal("build", "--settings", str(settings), "--content",
                       str(imported.site.content), "--output", str(output))
    assert build.returncode == 0, build.stdout + build.stderr
    article = (output / "tin-tuc/2019/huyen-uy-a-so-ket-mot-nam-hoc-tap-chuyen-de-nam-2019"
               / "index.html").read_text(encoding="utf-8")
    assert "Huyện uỷ A sơ kết một năm học tập chuyên đề năm 2019" in article
    picture = BeautifulSoup(article, "html.parser").select_one(".item picture img")
    assert re.fullmatch(r"/img/[0-9a-f]{20}-\d+\.png", picture["src"])  # served at the reader's sizes
    assert (output / picture["src"].lstrip("/")).is_file()
    assert (output / "images/huyen-a/2019/huyen-uy-a-so-ket-mot-nam-hoc-tap-chuyen-de-nam-2019-1.png"
            ).is_file()
    assert (output / "van-ban/2021").is_dir()
    redirects = (output / "legacy-redirects.map").read_text(encoding="utf-8")
    assert ('"/index.php/van-ban/48-ke-hoach-48-kh-hu" "/van-ban/2021/ke-hoach-so-48-kh-hu-ngay-'
            '10-5-2021-cua-ban-thuong-vu-huyen-uy-a-ve-hoc-tap-va/";') in redirects
    assert "truong.example.edu.vn" not in redirects and "tam-guong-ba-lan" not in redirects
    assert not (output / "index.php").exists()  # a script's address: the server's map answers it
    server = make_server(output, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for old, new in (("/tin-tuc/hoat-dong/so-ket-chuyen-de-2019-215.html",
                          "/tin-tuc/2019/huyen-uy-a-so-ket-mot-nam-hoc-tap-chuyen-de-nam-2019/"),
                         ("/chi-bo-thon-dong/", "/tin-tuc/2016/chi-bo-thon-dong-lam-duong-theo-loi-bac/")):
            with urllib.request.urlopen(base + old) as response:
                page = response.read().decode()
            assert f'<meta http-equiv="refresh" content="0; url={new}">' in page
            assert f'"{old}" "{new}";' in redirects
            with urllib.request.urlopen(base + new) as response:
                assert response.status == 200
    finally:
        server.shutdown()
        server.server_close()


def test_a_second_run_without_force_changes_nothing(imported: Imported, tmp_path: Path) -> None:
    before = snapshot(imported.site.content.parent)
    again = portal_import(str(imported.pages / "site"), "--unit", "huyen-a", "--content",
                          str(imported.site.content), "--base-url", f"{OLD_SITE}/")
    assert again.returncode == 0, again.stderr
    assert "Đã nhập 0 bài (0 bản nháp cần bổ sung), bỏ qua 16, lỗi 0." in again.stdout
    assert "dùng --force để ghi đè" in again.stdout
    assert snapshot(imported.site.content.parent) == before


def test_force_overwrites_and_dry_run_writes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    page = FIXTURES / "site/joomla3/ke-hoach-48-kh-hu.html"
    dry = portal_import(str(page), "--unit", "huyen-a", "--content", str(site.content),
                        "--dry-run")
    assert dry.returncode == 0 and "Chạy thử (--dry-run): không ghi tệp nào." in dry.stdout
    assert not (site.content / "guidance").exists() and not (tmp_path / "var").exists()
    first = portal_import(str(page), "--unit", "huyen-a", "--content", str(site.content))
    assert "Đã nhập 1 bài" in first.stdout
    [written] = (site.content / "guidance").rglob("*.md")
    text = written.read_text(encoding="utf-8")
    written.write_text(text.replace("Title: Kế hoạch", "Title: Sửa tay"), encoding="utf-8")
    forced = portal_import(str(page), "--unit", "huyen-a", "--content", str(site.content),
                           "--force")
    assert forced.returncode == 0 and "Đã nhập 1 bài" in forced.stdout
    assert written.read_text(encoding="utf-8") == text
    assert len(list((site.content / "guidance").rglob("*.md"))) == 1


def test_explicit_type_makes_a_draft_of_what_the_page_cannot_say(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    page = FIXTURES / "site/joomla5/tam-guong-ba-nguyen-thi-lan.html"
    result = portal_import(str(page), "--unit", "truong", "--type", "exemplar", "--content",
                           str(site.content), "--report", str(tmp_path / "r.json"), lang="en")
    assert result.returncode == 0
    assert ("missing person or collective (Subject), individual or collective (Subject_kind): "
            "saved as a draft to complete") in result.stdout
    [written] = (site.content / "exemplar/truong/2016").glob("*.md")
    assert "Status: draft" in written.read_text(encoding="utf-8")
    assert site.check().returncode == 0


@pytest.mark.bad_input
def test_unknown_unit_and_missing_path_are_explained(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    unknown = portal_import(str(FIXTURES / "site"), "--unit", "khong-co", "--content",
                            str(site.content))
    assert unknown.returncode == 1 and "Không có đơn vị «khong-co»" in unknown.stderr
    missing = portal_import(str(tmp_path / "none"), "--unit", "huyen-a", "--content",
                            str(site.content))
    assert missing.returncode == 1 and "Không tìm thấy" in missing.stderr


def test_long_runs_show_progress(tmp_path: Path) -> None:
    from portal.importers.bench import write_pages

    site = make_site(tmp_path)
    write_pages(tmp_path / "pages", 30)
    result = portal_import(str(tmp_path / "pages"), "--unit", "huyen-a", "--content",
                           str(site.content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đang nhập: 30/30" in result.stderr
    assert "Đã nhập 30 bài" in result.stdout
    assert site.check().returncode == 0


# The article body of a saved page of each CMS, and where the page keeps it.
ARTICLE_BODIES = {
    "joomla3/sinh-hoat-chuyen-de-thang-3.html": "[itemprop=articleBody]",
    "nukeviet4/ke-hoach-hoc-tap-lam-theo-bac-2024-318.html": "#news-bodyhtml",
    "wordpress/thanh-nien-tinh-nguyen-he-2022.html": "article .entry-content",
    "generic/chi-bo-thon-dong.html": "article .entry-content",
}


def reading(markdown_text: str) -> str:
    """What a reader sees of a Markdown body: its text, spaces made single."""
    html = markdown.markdown(markdown_text, extensions=["tables"])
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def source_lines(page: Path, selector: str) -> list[str]:
    body = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(selector)
    for chrome in body.select(".sharedaddy, .share-buttons"):
        chrome.decompose()
    lines = (" ".join(line.split()) for line in body.get_text("\n").splitlines())
    return [line for line in lines if re.search(r"\w", line)]  # a line of dashes is a rule


@pytest.mark.parametrize("source", sorted(ARTICLE_BODIES))
def test_every_line_of_the_article_body_is_kept(imported: Imported, source: str) -> None:
    name = Path(source).name
    kept = reading(imported.body(name)) + " " + " ".join(imported.fields(name).values())
    lines = source_lines(imported.pages / "site" / source, ARTICLE_BODIES[source])
    assert len(lines) >= 6
    for line in lines:
        dateline = re.fullmatch(r"(\d\d)\.(\d\d)\.(\d{4}) - (\d\d:\d\d)", line)
        if dateline:  # the date under the title is the item's date
            line = "{}/{}/{} {}".format(*dateline.groups())
        assert line in kept, line


def test_every_line_of_a_text_dump_body_is_kept(imported: Imported) -> None:
    name = "binh-xet-dang-vien-lam-theo-bac.txt"
    body = reading(imported.body(name))
    for line in ("+ Đánh giá theo việc làm đã đăng ký đầu năm và kết quả đạt được;",
                 "+ Bình chọn công khai, lấy ý kiến của Mặt trận và các đoàn thể;",
                 "- Đảng viên được đề nghị phải không vi phạm quy định về những điều đảng viên "
                 "không được làm.",
                 "Hội nghị thống nhất cách bình xét như sau:"):
        assert line in body
    assert imported.fields(name)["Date"] == "05/03/2018"  # "Thứ hai, ngày 5 tháng 3 năm 2018"
    for chrome in ("Tải App", "Google Play", "Số lượt xem", "TIN MỚI HƠN"):
        assert chrome not in body
    assert "Author" not in imported.fields(name)


def test_captions_become_figure_captions(imported: Imported) -> None:
    joomla = imported.body("sinh-hoat-chuyen-de-thang-3.html")
    assert "<figcaption>Đảng viên chi bộ thôn Nam thảo luận tại buổi sinh hoạt</figcaption>" in joomla
    assert "*Đảng viên chi bộ thôn Nam" not in joomla  # not left as a paragraph in italics
    # Joomla's caption script shows an img.caption's title under the picture.
    assert "<figcaption>Sổ tay ghi việc làm theo Bác của một đảng viên cao tuổi</figcaption>" \
        in joomla
    wordpress = imported.body("thanh-nien-tinh-nguyen-he-2022.html")
    for caption in ("Đoàn viên các chi đoàn thôn tại lễ ra quân sáng 17/6",
                    "Đội hình chi đoàn thôn Đông vá ổ gà trên đường liên thôn",
                    "Đoàn viên thăm, tặng quà mẹ Việt Nam anh hùng ở thôn Bắc"):
        assert f"<figcaption>{caption}</figcaption></figure>" in wordpress
    assert wordpress.count("<figure>") == 3
    assert "[<figure>" not in wordpress and "\n:   " not in wordpress


def test_dates_written_as_vietnamese_sites_write_them(imported: Imported) -> None:
    joomla = imported.fields("sinh-hoat-chuyen-de-thang-3.html")
    assert joomla["Date"] == "12/03/2018 09:15"  # "12.03.2018 - 09:15" under the title
    assert "12.03.2018" not in imported.body("sinh-hoat-chuyen-de-thang-3.html")
    assert joomla["Author"] == "Minh Châu"  # the signature, not the app-download link
    assert "Minh Châu" not in imported.body("sinh-hoat-chuyen-de-thang-3.html")
    assert imported.fields("thanh-nien-tinh-nguyen-he-2022.html")["Date"] == "18/06/2022 07:45"
    assert imported.fields("thanh-nien-tinh-nguyen-he-2022.html")["Author"] == "Ngọc Linh"
    assert imported.fields("ke-hoach-hoc-tap-lam-theo-bac-2024-318.html")["Date"] \
        == "05/01/2024 14:10"


@pytest.mark.bad_input
def test_an_impossible_date_is_reported_not_guessed(imported: Imported) -> None:
    fields = imported.fields("ngay-khong-co-that.html")
    assert "Date" not in fields and fields["Status"] == "draft"
    assert "ngày «31/02/2020 08:00» không có thật trên lịch: chưa lấy ngày, cần sửa" \
        in imported.result.stdout


def test_a_plan_is_guidance_with_its_own_number(imported: Imported) -> None:
    name = "ke-hoach-hoc-tap-lam-theo-bac-2024-318.html"
    fields = imported.fields(name)
    assert imported.item(name)["file"].startswith("guidance/huyen-a/2024/")
    assert fields["Type"] == "guidance" and fields["Kind"] == "Kế hoạch"
    # its heading's "Số 61-KH/HU", not the guidance it cites in its first line
    assert fields["Number"] == "61-KH/HU"
    assert fields["Issuer"] == "Huyện uỷ A"
    assert fields["Issued"] == "04/01/2024"
    assert fields["Supersedes"] == "48-KH/HU, 112-CV/HU"  # "Kế hoạch này thay thế ..."


@pytest.mark.bad_input
def test_huge_pages_and_links_to_folders_are_refused_and_the_rest_imported(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    pages = tmp_path / "saved"
    shutil.copytree(FIXTURES / "site" / "text", pages)
    (pages / "vong").symlink_to("..")  # a loop: saved/vong/saved/vong/...
    filler = "<p>Một đoạn văn rất dài được lặp lại trong trang đã lưu.</p>" * 170_000
    (pages / "qua-lon.html").write_text(f"<html><body><h1>Quá lớn</h1>{filler}</body></html>",
                                        encoding="utf-8")
    (pages / "sai-ma.html").write_bytes(b"<html><body><h1>\xff\xfe\xc3(</h1><p>\x80\x81</p></body>")
    result = portal_import(str(pages), "--unit", "huyen-a", "--content", str(site.content))
    assert result.returncode == 1
    assert "liên kết (symlink) tới một thư mục: không đọc" in result.stdout
    assert re.search(r"trang nặng 1\d\.\d MB, quá giới hạn 10 MB: lưu riêng bài viết", result.stdout)
    assert "không nhận ra bảng mã" in result.stdout
    assert "Đã nhập 4 bài (1 bản nháp cần bổ sung), bỏ qua 0, lỗi 3." in result.stdout
    written = sorted(p.name for p in (site.content / "news").rglob("*.md"))
    assert len(written) == 4 and not any("qua-lon" in name for name in written)
