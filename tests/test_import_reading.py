"""The importer's readers one by one: encodings, dates, clean-up, Markdown, redirect paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal.build.legacy_redirects import legacy_path, page_file
from portal.importers.bench import write_pages
from portal.importers.cleanup import drop_repeats, is_chrome
from portal.importers.dates import find_date, find_dateline, find_leading_day, format_date, read_date
from portal.importers.encodings import decode_page, from_tcvn3, from_vni
from portal.importers.fields import read_guidance, superseded
from portal.importers.markdown import to_markdown

FIXTURES = Path(__file__).parent / "import_fixtures"
PHRASE = "Thông báo lịch sinh hoạt chuyên đề quý III năm 2014"


@pytest.mark.parametrize(("text", "expected"), [
    ("Học tập và làm theo Bác Thứ Năm, 19/08/2010, 16:20", "19/08/2010 16:20"),
    ("Thứ năm - 19/08/2010 16:20", "19/08/2010 16:20"),
    ("Cập nhật: 30.12.2016 - 15:22", "30/12/2016 15:22"),
    ("19/08/2010", "19/08/2010"),
    ("ngày 26/7/2010", "26/07/2010"),
    ("Sơn Hà, ngày 02 tháng 3 năm 2023", "02/03/2023"),
    ("16:20 19/08/2010", "19/08/2010 16:20"),
])
def test_every_date_form_of_the_old_sites(text: str, expected: str) -> None:
    found = find_date(text)
    assert found is not None and format_date(found) == expected


def test_no_date_is_guessed() -> None:
    assert find_date("31/02/2010") is None
    assert find_date("Kế hoạch số 60-KH/BCĐ năm 2010") is None
    assert find_dateline("Ngày 26/7/2010 Ban Chỉ đạo") is None  # no weekday: not a dateline
    assert find_leading_day("Thực hiện Chỉ thị ngày 14-5-2011 của Bộ Chính trị") is None
    assert format_date(find_leading_day("(TG)- Ngày 26/7/2010, Ban Chỉ đạo ...")) == "26/07/2010"
    assert format_date(read_date("2010-08-19T09:20:00+00:00")) == "19/08/2010 16:20"


def test_legacy_encodings_are_recognised() -> None:
    tcvn3 = decode_page((FIXTURES / "site/trang-cu/thong-bao-tcvn3.html").read_bytes())
    assert (tcvn3.encoding, tcvn3.garbled) == ("tcvn3", False) and PHRASE in tcvn3.text
    windows = decode_page((FIXTURES / "site/trang-cu/ket-qua-thi-dua-2015.htm").read_bytes())
    assert windows.encoding == "windows-1258" and "Kết quả thi đua làm theo Bác" in windows.text
    vni = decode_page((FIXTURES / "site/text/doan-thanh-nien-vni.txt").read_bytes())
    assert vni.encoding == "vni" and "Đoàn thanh niên xã A1" in vni.text
    assert decode_page((FIXTURES / "broken/hong-bang-ma.html").read_bytes()).garbled
    assert from_tcvn3("\u00a7\u00b6ng b\u00e9") == "Đảng bộ"
    assert from_vni("Ño\u00e3i, ño\u00e2i, tr\u00f6\u00f4\u00f8ng") == "Đỗi, đôi, trường"


def test_utf8_text_stays_as_it_is_in_nfc() -> None:
    decomposed = "Hoa\u0300 Bi\u0300nh, Đảng uỷ «xã» 100°".encode()
    decoded = decode_page(decomposed)
    assert (decoded.encoding, decoded.text) == ("utf-8", "Hoà Bình, Đảng uỷ «xã» 100°")


def test_repeated_paragraphs_are_kept_once() -> None:
    lead = "Chiều 18/8, Huyện uỷ gặp mặt các điển hình học tập và làm theo Bác."
    long = "Các đại biểu đã chia sẻ những việc làm giản dị mà bền bỉ ở cơ sở."
    blocks = [lead, long, "Ảnh: TL", long, "Ảnh: TL", "Ảnh: TL"]
    assert drop_repeats(blocks, lead) == [long, "Ảnh: TL"]
    assert drop_repeats(["Ảnh: TL", "x", "Ảnh: TL"], None) == ["Ảnh: TL", "x", "Ảnh: TL"]


def test_page_furniture_lines() -> None:
    for line in ("Tìm kiếm", "Bản in", "Quay lại", "TIN MỚI HƠN", "Các tin khác", "7",
                 "Đang có 74 khách và không thành viên đang online", "Chia sẻ:", "Google Play",
                 "Đánh giá bài viết: 4/5"):
        assert is_chrome(line), line
    assert not is_chrome("Tìm kiếm giải pháp nâng cao chất lượng sinh hoạt chi bộ")


def test_markdown_keeps_structure_and_drops_what_runs() -> None:
    html = ("<div><h1>Phần một</h1><p style='color:red' onclick='x()'>Chữ <b>đậm</b>&nbsp;và "
            "<a href='javascript:alert(1)'>liên kết xấu</a>, <a href='/tin/1.html'>tin cũ</a>.</p>"
            "<script>alert(1)</script><ol><li>một</li><li>hai</li></ol></div>")
    body = BeautifulSoup(html, "html.parser").div
    markdown = to_markdown(body, "https://cu.example.vn/a/b.html", None)
    assert markdown == ("## Phần một\n\nChữ **đậm** và liên kết xấu, "
                        "[tin cũ](https://cu.example.vn/tin/1.html).\n\n1. một\n2. hai")
    relative = to_markdown(BeautifulSoup("<p><a href='/x.html'>tin</a></p>", "html.parser"),
                           None, None)
    assert relative == "tin"  # no old address to resolve it against: the text alone


def test_guidance_fields_from_a_title() -> None:
    guidance = read_guidance("Hướng dẫn số 27-HD/BTGTU, ngày 02/3/2023 của Ban Tuyên giáo Tỉnh uỷ "
                             "về học tập chuyên đề", "", "", [])
    assert guidance.kind == "Hướng dẫn" and guidance.number.text == "27-HD/BTGTU"
    assert guidance.issuer == "Ban Tuyên giáo Tỉnh uỷ"
    assert format_date(guidance.issued) == "02/03/2023"
    replaced = superseded("Hướng dẫn này thay thế Hướng dẫn số 12-HD/BTGTU và Hướng dẫn số "
                          "13-HD/BTGTU. Căn cứ Quy định số 101-QĐ/TW.")
    assert [n.text for n in replaced] == ["12-HD/BTGTU", "13-HD/BTGTU"]


def test_guidance_fields_from_the_documents_heading() -> None:
    heading = ["ĐẢNG BỘ TỈNH B", "BAN TUYÊN GIÁO TỈNH UỶ", "*", "Số: 05-HD/BTGTU",
               "ĐẢNG CỘNG SẢN VIỆT NAM", "B, ngày 9 tháng 2 năm 2025", "HƯỚNG DẪN"]
    lead = "Căn cứ Kế hoạch số 61-KH/HU ngày 04/01/2024 của Huyện uỷ A, ..."
    guidance = read_guidance("Hướng dẫn học tập chuyên đề năm 2025", lead, lead, heading)
    assert guidance.number.text == "05-HD/BTGTU"
    assert guidance.issuer == "Ban tuyên giáo tỉnh uỷ"
    assert format_date(guidance.issued) == "09/02/2025"
    # without a heading, a number the lead only cites is not the document's own
    cited = read_guidance("Hướng dẫn học tập chuyên đề năm 2025", lead, lead, [])
    assert cited.number is None


def test_redirect_paths_under_the_portal_domain_only() -> None:
    portal = "https://hoctap.huyena.example.vn"
    assert legacy_path("https://www.hoctap.huyena.example.vn/tin/a.html", portal) == "/tin/a.html"
    assert legacy_path("https://khac.example.vn/tin/a.html", portal) is None
    assert legacy_path("/index.php?nv=news&op=a-1", portal) == "/index.php?nv=news&op=a-1"
    assert page_file("/tin/a.html") == "tin/a.html"
    assert page_file("/chi-bo/") == "chi-bo/index.html"
    assert page_file("/tin/bai-viet") == "tin/bai-viet/index.html"
    for unanswerable in ("/index.php?nv=news", "/index.php/van-ban/48", "/../etc/passwd",
                         "/tin/a.txt"):
        assert page_file(unanswerable) is None


def test_benchmark_pages_are_the_same_for_the_same_seed(tmp_path: Path) -> None:
    write_pages(tmp_path / "a", 10)
    write_pages(tmp_path / "b", 10)
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert {Path(name).suffix for name in first} == {".html", ".txt"}
