"""Bad input: every mistake an official can make is reported with its file, line and fix, by
``portal check`` and ``portal build`` alike, and the valid items still build; hostile text in
any field never becomes markup in pages, feeds or JSON-LD."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from sitekit import TOPICS, UNITS, Site, item, make_site, run_portal, tiny_png

pytestmark = pytest.mark.bad_input

VERBS = ("check", "build")
ATOM = "{http://www.w3.org/2005/Atom}"
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
ARTICLE_FOLDERS = ("tin-tuc", "van-ban", "tam-guong")
_PROBLEM = re.compile(
    r"^(?P<path>[^\s:]+)(?::(?P<line>\d+))?: (?P<severity>lỗi|cảnh báo|error|warning): "
    r"(?P<message>.*)\n    (?:Cách sửa|Fix): (?P<fix>.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Reported:
    path: str
    line: int
    severity: str
    message: str
    fix: str


@dataclass
class Run:
    site: Site
    results: dict[str, subprocess.CompletedProcess[str]]
    beside_output: list[str] | None = None  # what a failed build left beside the output

    def text(self, verb: str) -> str:
        result = self.results[verb]
        return result.stdout + result.stderr

    def code(self, verb: str) -> int:
        return self.results[verb].returncode

    def problems(self, verb: str) -> list[Reported]:
        return [Reported(m["path"], int(m["line"] or 0), m["severity"], m["message"], m["fix"])
                for m in _PROBLEM.finditer(self.text(verb))]

    def expect(self, verb: str, path: str, line: int, message: str, fix: str,
               severity: str = "lỗi") -> None:
        """One reported problem at ``path:line`` (no line when 0) whose message and fix line
        contain the given words."""
        where = f"{path}:{line}: " if line else f"{path}: "
        found = [p for p in self.problems(verb) if p.path == path and p.line == line
                 and p.severity == severity and message in p.message and fix in p.fix]
        assert found, f"expected «{where}{severity}: {message}» / «{fix}» in:\n{self.text(verb)}"
        assert f"\n{where}{severity}: " in f"\n{self.text(verb)}"


def run_all(site: Site, *verbs: str) -> Run:
    """``check`` and ``build`` of the site, then (as "preview") the build that writes the pages
    of the valid files all the same, into the site's output."""
    run = Run(site, {verb: site.run(verb) for verb in verbs})
    run.beside_output = sorted(path.name for path in site.output.parent.iterdir())
    run.results["preview"] = run_portal("build", "--with-errors", "--content", str(site.content),
                                        "--output", str(site.output))
    return run


def doc(body: str = "Nội dung bài.", **keys: str) -> str:
    """A content file with exactly the given metadata lines, in order."""
    return "\n".join(f"{key}: {value}" for key, value in keys.items()) + "\n\n" + body + "\n"


def without(keys: dict[str, str], name: str) -> dict[str, str]:
    return {key: value for key, value in keys.items() if key != name}


def article_titles(output: Path) -> set[str]:
    """The h1 of every item page the build wrote."""
    titles = set()
    for folder in ARTICLE_FOLDERS:
        for page in (output / folder).glob("*/*/index.html"):
            heading = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").h1
            assert heading is not None, page
            titles.add(heading.get_text())
    return titles


def output_files(output: Path) -> Iterator[tuple[Path, str]]:
    for file in sorted(output.rglob("*")):
        if file.is_file() and file.suffix in (".html", ".xml", ".json", ".txt"):
            yield file, file.read_text(encoding="utf-8")


def weekday_date(moment: datetime | date) -> str:
    return f"{WEEKDAYS_VI[moment.weekday()]}, {moment:%d/%m/%Y}"


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 bytes (base letters with combining tone marks), as old
    Vietnamese Windows editors saved it."""
    encoded = bytearray()
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        options = [char, *(unicodedata.normalize("NFC", parts[0] + mark) + parts[1:].replace(mark, "")
                           for mark in parts[1:]), parts]
        for option in options:
            try:
                encoded += option.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise ValueError(char)
    return bytes(encoded)


# --- one site with a broken file for each validation error, and the valid files around them ---

NEWS = {"Title": "Bài lỗi", "Date": "01/03/2021", "Type": "news", "Unit": "huyen-a"}
GUIDANCE = {"Title": "Văn bản lỗi", "Date": "01/03/2021", "Type": "guidance", "Unit": "huyen-a",
            "Number": "90-KH/HU", "Kind": "Kế hoạch", "Issuer": "Huyện uỷ A",
            "Issued": "01/03/2021"}
EXEMPLAR = {"Title": "Tấm gương lỗi", "Date": "01/03/2021", "Type": "exemplar", "Unit": "huyen-a",
            "Subject": "Nguyễn Văn An", "Subject_kind": "individual"}
N = "news/huyen-a/2021/"
G = "guidance/huyen-a/2021/"
E = "exemplar/huyen-a/2021/"
LONG_SLUG = "-".join(["hoi-nghi"] * 12)


def _plan(title: str, number: str, issuer: str, issued: str, **extra: str) -> str:
    return doc(**{**GUIDANCE, "Title": title, "Date": issued, "Number": number, "Issuer": issuer,
                  "Issued": issued, **extra})


BROKEN_FILES: dict[str, str] = {
    N + "thieu-title.md": doc(**without(NEWS, "Title")),
    N + "thieu-date.md": doc(**{**without(NEWS, "Date"), "Title": "Bài lỗi thiếu Date"}),
    N + "thieu-type.md": doc(**{**without(NEWS, "Type"), "Title": "Bài lỗi thiếu Type"}),
    N + "thieu-unit.md": doc(**{**without(NEWS, "Unit"), "Title": "Bài lỗi thiếu Unit"}),
    **{G + f"thieu-{key.lower()}.md": doc(**without({**GUIDANCE, "Title": f"Văn bản lỗi thiếu {key}",
                                                     "Number": f"9{i}-KH/HU"}, key))
       for i, key in enumerate(("Number", "Kind", "Issuer", "Issued"))},
    **{E + f"thieu-{key.lower().replace('_', '-')}.md": doc(**{**without(EXEMPLAR, key),
                                                              "Title": f"Tấm gương lỗi thiếu {key}"})
       for key in ("Subject", "Subject_kind")},
    N + "go-nham-khoa.md": doc(Tittle="Bài lỗi gõ nhầm khoá", **without(NEWS, "Title")),
    N + "khoa-trung-lap.md": "Title: Bài lỗi khoá trùng lặp\nDate: 01/03/2021\nType: news\n"
                             "Unit: huyen-a\ntitle: Tiêu đề thứ hai\n\nNội dung.\n",
    N + "sai-type.md": doc(**{**NEWS, "Title": "Bài lỗi sai Type", "Type": "tin-tuc"}),
    N + "sai-status.md": doc(**NEWS, Status="đã duyệt"),
    N + "sai-don-vi.md": doc(**{**NEWS, "Title": "Bài lỗi sai đơn vị", "Unit": "huyen-aa"}),
    N + "sai-chuyen-de.md": doc(**{**NEWS, "Title": "Bài lỗi sai chuyên đề"},
                                Topics="chuyen-de-2012"),
    G + "sai-so.md": doc(**{**GUIDANCE, "Title": "Văn bản lỗi sai số", "Number": "KH-48/HU"}),
    G + "so-trung-1.md": _plan("Kế hoạch số 48 của Huyện uỷ A", "48-KH/HU", "Huyện uỷ A",
                               "01/03/2021", Attachments="files/ke-hoach-48.pdf"),
    G + "so-trung-2.md": _plan("Kế hoạch trùng số 48", "48-KH/HU", "Huyện uỷ A", "15/06/2021"),
    G + "so-trung-3.md": _plan("Kế hoạch trùng số 048", "048-KH/HU", "Huyện ủy A", "20/09/2021"),
    G + "so-co-quan-khac.md": _plan("Kế hoạch số 48 của Huyện uỷ B", "48-KH/HU", "Huyện uỷ B",
                                    "01/03/2021"),
    "guidance/huyen-a/2022/so-nam-sau.md": _plan("Kế hoạch số 48 năm 2022", "48-KH/HU",
                                                 "Huyện uỷ A", "05/01/2022"),
    N + "id-1.md": doc(**{**NEWS, "Title": "Tin có Id"}, Id="tin-2021-0001"),
    N + "id-2.md": doc(**{**NEWS, "Title": "Tin trùng Id"}, Id="tin-2021-0001"),
    N + "sai-id.md": doc(**{**NEWS, "Title": "Bài lỗi sai Id"}, Id="tin số 1"),
    N + "slug-1.md": doc(**{**NEWS, "Title": "Hội nghị lần một"}, Slug="hoi-nghi"),
    N + "slug-2.md": doc(**{**NEWS, "Title": "Hội nghị lần hai", "Date": "02/03/2021"},
                         Slug="hoi-nghi"),
    "news/huyen-a/2022/slug-nam-sau.md": doc(**{**NEWS, "Title": "Hội nghị năm sau",
                                                "Date": "02/03/2022"}, Slug="hoi-nghi"),
    E + "slug-loai-khac.md": doc(**{**EXEMPLAR, "Title": "Tấm gương hội nghị"}, Slug="hoi-nghi"),
    G + "thieu-dinh-kem.md": doc(**{**GUIDANCE, "Title": "Văn bản lỗi thiếu đính kèm",
                                    "Number": "80-KH/HU"}, Attachments="files/khong-co.pdf"),
    G + "dinh-kem-exe.md": doc(**{**GUIDANCE, "Title": "Văn bản lỗi đính kèm exe",
                                  "Number": "81-KH/HU"}, Attachments="files/cai-dat.exe"),
    N + "thieu-anh.md": doc(**{**NEWS, "Title": "Bài lỗi thiếu ảnh"}, Image="images/khong-co.jpg"),
    G + "sai-thu-muc-loai.md": doc(**{**NEWS, "Title": "Bài lỗi sai thư mục loại"}),
    "news/huyen-b/2021/sai-thu-muc-don-vi.md": doc(**{**NEWS, "Title": "Bài lỗi sai thư mục đơn vị"}),
    N + "ghi-chu.txt": "Ghi chú của người soạn.\n",
    N + "bai-cu.markdown": doc(**{**NEWS, "Title": "Bài lỗi đuôi markdown"}),
    N + "trang-cu.html": "<h1>Bài lỗi trang HTML</h1><script>alert(1)</script>\n",
    N + "ngay-khong-co-that.md": doc(**{**NEWS, "Title": "Bài lỗi ngày 31/02",
                                        "Date": "31/02/2021"}),
    N + "ngay-sai-dang.md": doc(**{**NEWS, "Title": "Bài lỗi ngày sai dạng", "Date": "2021/31/12"}),
    N + "ngay-de-trong.md": doc(**{**NEWS, "Title": "Bài lỗi ngày để trống", "Date": ""}),
    N + "the-khong-chu.md": doc(**{**NEWS, "Title": "Bài lỗi thẻ không chữ"}, Tags="học tập, !!!"),
    N + "slug-qua-dai.md": doc(**{**NEWS, "Title": "Bài lỗi slug quá dài"}, Slug=LONG_SLUG),
    N + "thieu-hai-cham.md": "Title Bài lỗi thiếu hai chấm\nDate: 01/03/2021\nType: news\n"
                             "Unit: huyen-a\n\nNội dung.\n",
    N + "dong-trong-dau-tep.md": "\n" + doc(**{**NEWS, "Title": "Bài lỗi dòng trống đầu tệp"}),
    N + "hop-le.md": item("Tin hợp lệ giữa các tệp lỗi", "01/03/2021", "huyen-a"),
}

# (path, line, message words, fix words)
BROKEN_EXPECTED: list[tuple[str, int, str, str]] = [
    (N + "thieu-title.md", 1, "Thiếu khoá bắt buộc «Title» cho bài loại «news»",
     "Thêm dòng 'Title: ...' vào phần thông tin đầu tệp"),
    (N + "thieu-date.md", 1, "Thiếu khoá bắt buộc «Date» cho bài loại «news»",
     "Thêm dòng 'Date: ...'"),
    (N + "thieu-type.md", 1, "Thiếu khoá bắt buộc «Type».", "Thêm dòng 'Type: ...'"),
    (N + "thieu-unit.md", 1, "Thiếu khoá bắt buộc «Unit» cho bài loại «news»",
     "Thêm dòng 'Unit: ...'"),
    *[(G + f"thieu-{key.lower()}.md", 1,
       f"Thiếu khoá bắt buộc «{key}» cho bài loại «guidance»", f"Thêm dòng '{key}: ...'")
      for key in ("Number", "Kind", "Issuer", "Issued")],
    *[(E + f"thieu-{key.lower().replace('_', '-')}.md", 1,
       f"Thiếu khoá bắt buộc «{key}» cho bài loại «exemplar»", f"Thêm dòng '{key}: ...'")
      for key in ("Subject", "Subject_kind")],
    (N + "go-nham-khoa.md", 1, "Khoá «Tittle» không có trong danh mục",
     "Sửa thành khoá đúng (có phải «Title»?)"),
    (N + "go-nham-khoa.md", 1, "Thiếu khoá bắt buộc «Title»", "Thêm dòng 'Title: ...'"),
    (N + "khoa-trung-lap.md", 5, "Khoá «title» được khai báo hai lần (lần đầu ở dòng 1)",
     "Giữ lại một dòng"),
    (N + "sai-type.md", 3, "Giá trị «tin-tuc» không hợp lệ cho khoá «Type»",
     "Dùng một trong: news, guidance, exemplar"),
    (N + "sai-status.md", 5, "Giá trị «đã duyệt» không hợp lệ cho khoá «Status»",
     "Dùng một trong: published, draft"),
    (N + "sai-don-vi.md", 4, "Đơn vị «huyen-aa» không có trong content/units.toml",
     "Dùng slug của một đơn vị đã khai báo (→ «huyen-a»?)"),
    (N + "sai-chuyen-de.md", 5, "Chuyên đề «chuyen-de-2012» không có trong content/topics.toml",
     "(→ «chuyen-de-2021»?)"),
    (G + "sai-so.md", 5, "Số/ký hiệu «KH-48/HU» không đúng dạng",
     "Viết như 48-KH/HU, 05-CT/TW, 1847/QĐ-TTg hoặc 42/2022/NĐ-CP"),
    (G + "so-trung-2.md", 5,
     f"Số/ký hiệu «48-KH/HU» của «Huyện uỷ A» năm 2021 đã dùng ở {G}so-trung-1.md",
     "sửa Number, Issuer hoặc Issued"),
    (G + "so-trung-3.md", 5,
     f"Số/ký hiệu «048-KH/HU» của «Huyện ủy A» năm 2021 đã dùng ở {G}so-trung-1.md",
     "sửa Number, Issuer hoặc Issued"),
    (N + "id-2.md", 5, f"Id «tin-2021-0001» đã dùng ở {N}id-1.md",
     "Mỗi bài một Id riêng"),
    (N + "sai-id.md", 5, "Id «tin số 1» không hợp lệ", "Chỉ dùng chữ không dấu, chữ số và dấu '-'"),
    (N + "slug-2.md", 5, f"Slug «hoi-nghi» đã dùng ở {N}slug-1.md (cùng loại bài, cùng năm)",
     "Đổi Slug của một trong hai bài"),
    (G + "thieu-dinh-kem.md", 9, "Không tìm thấy tệp «files/khong-co.pdf» (khoá «Attachments»)",
     "Đặt tệp vào content/files/ hoặc sửa đường dẫn"),
    (G + "dinh-kem-exe.md", 9, "Tệp đính kèm «files/cai-dat.exe» không thuộc loại được phép",
     "Đính kèm tệp .pdf, .docx"),
    ("images/co-ma.svg", 0, "Ảnh SVG có chứa mã chạy được", "dùng ảnh PNG/JPEG"),
    ("files/cai-dat.exe", 0, "Tệp này không thuộc loại được đặt trong files/ nên không được xuất bản",
     "Trong files/ chỉ đặt tệp .pdf, .docx"),
    (N + "thieu-anh.md", 5, "Không tìm thấy tệp «images/khong-co.jpg» (khoá «Image»)",
     "Đặt tệp vào content/images/"),
    (G + "sai-thu-muc-loai.md", 3, "Tệp nằm trong thư mục «guidance» nhưng khai báo Type: news",
     "hoặc sửa khoá Type"),
    ("news/huyen-b/2021/sai-thu-muc-don-vi.md", 4,
     "Tệp nằm trong thư mục «huyen-b» nhưng khai báo Unit: huyen-a", "hoặc sửa khoá Unit"),
    *[(N + name, 0, "Tệp không được đọc: chỉ tệp .md trong news/, guidance/, exemplar/ là bài viết",
       "Đổi đuôi thành .md") for name in ("ghi-chu.txt", "bai-cu.markdown", "trang-cu.html")],
    (N + "ngay-khong-co-that.md", 2, "Ngày «31/02/2021» của khoá «Date» không có thật",
     "Kiểm tra lại ngày, tháng (ngày trước, tháng sau)"),
    (N + "ngay-sai-dang.md", 2, "Ngày «2021/31/12» của khoá «Date» không đúng dạng",
     "Viết ngày dạng 19/08/2010 16:20, 19/08/2010, 2010-08-19 16:20 hoặc 2010-08-19"),
    (N + "ngay-de-trong.md", 2, "Khoá «Date» chưa có giá trị", "Điền giá trị sau dấu hai chấm"),
    (N + "thieu-hai-cham.md", 1,
     "Dòng thông tin không đúng dạng 'Khoá: giá trị': «Title Bài lỗi thiếu hai chấm»",
     "Viết 'Khoá: giá trị'"),
    (N + "thieu-hai-cham.md", 1, "Thiếu khoá bắt buộc «Title»", "Thêm dòng 'Title: ...'"),
    (N + "dong-trong-dau-tep.md", 1, "Đầu tệp không có các dòng thông tin (Title, Date, Type, Unit)",
     "rồi một dòng trống, rồi nội dung"),
    (N + "the-khong-chu.md", 5, "Từ khoá «!!!» không dùng được", "Viết từ khoá ngắn bằng chữ"),
    (N + "slug-qua-dai.md", 5, f"Slug «{LONG_SLUG}» không hợp lệ", "tối đa 80 ký tự"),
]
VALID_IN_BROKEN = {
    N + "hop-le.md": "tin-tuc/2021/tin-hop-le-giua-cac-tep-loi/",
    G + "so-trung-1.md": "van-ban/2021/ke-hoach-so-48-cua-huyen-uy-a/",
    G + "so-co-quan-khac.md": "van-ban/2021/ke-hoach-so-48-cua-huyen-uy-b/",
    "guidance/huyen-a/2022/so-nam-sau.md": "van-ban/2022/ke-hoach-so-48-nam-2022/",
    N + "id-1.md": "tin-tuc/2021/tin-co-id/",
    N + "slug-1.md": "tin-tuc/2021/hoi-nghi/",
    "news/huyen-a/2022/slug-nam-sau.md": "tin-tuc/2022/hoi-nghi/",
    E + "slug-loai-khac.md": "tam-guong/2021/hoi-nghi/",
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Run:
    site = make_site(tmp_path_factory.mktemp("broken"))
    for path, text in BROKEN_FILES.items():
        site.write(path, text)
    site.write("files/ke-hoach-48.pdf", b"%PDF-1.4\n%%EOF\n")
    site.write("files/cai-dat.exe", b"MZ\x90\x00")
    site.write("images/co-ma.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    return run_all(site, *VERBS)


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize(("path", "line", "message", "fix"), BROKEN_EXPECTED,
                         ids=[f"{p.rsplit('/', 1)[-1]}:{n}" for p, n, _, _ in BROKEN_EXPECTED])
def test_each_error_names_file_line_and_fix(broken: Run, verb: str, path: str, line: int,
                                            message: str, fix: str) -> None:
    broken.expect(verb, path, line, message, fix)


@pytest.mark.parametrize("verb", VERBS)
def test_all_problems_are_reported_together_and_only_for_broken_files(broken: Run,
                                                                       verb: str) -> None:
    assert broken.code(verb) == 1, broken.text(verb)
    reported = {p.path for p in broken.problems(verb)}
    assert reported == {path for path, *_ in BROKEN_EXPECTED}, broken.text(verb)
    assert not reported & set(VALID_IN_BROKEN)
    assert all(p.severity == "lỗi" for p in broken.problems(verb))
    assert len(broken.problems(verb)) == len(BROKEN_EXPECTED), broken.text(verb)
    assert broken.text(verb).rstrip().endswith(
        f"Có {len(BROKEN_EXPECTED)} lỗi và 0 cảnh báo; chưa xây dựng được cổng.")
    assert "Traceback" not in broken.text(verb)


def test_a_build_with_errors_writes_nothing(broken: Run) -> None:
    assert broken.beside_output == [".output-cache", "content"], broken.text("build")
    assert "Bản dựng chưa xong" not in broken.text("build")  # there was no earlier build to keep


def test_a_preview_build_has_the_valid_files_and_no_rejected_one(broken: Run) -> None:
    assert broken.code("preview") == 1
    assert "bỏ qua các tệp có lỗi; bản này không xuất bản được" in broken.text("preview")
    output = broken.site.output
    for url in VALID_IN_BROKEN.values():
        assert (output / url / "index.html").is_file(), url
    rejected = {path for path, *_ in BROKEN_EXPECTED}
    rejected_titles = {title for path, text in BROKEN_FILES.items() if path in rejected
                       for title in re.findall(r"^title: (.*)$", text, re.MULTILINE | re.IGNORECASE)}
    assert "Tiêu đề thứ hai" in rejected_titles
    assert not article_titles(output) & rejected_titles
    names = {file.name for file in output.rglob("*")}
    assert not names & {"ghi-chu.txt", "bai-cu.markdown", "trang-cu.html"}
    assert "Bài lỗi trang HTML" not in "".join(text for _, text in output_files(output))


def test_attachment_of_a_refused_kind_is_not_published(broken: Run) -> None:
    assert (broken.site.output / "files/ke-hoach-48.pdf").is_file()
    published = [str(p.relative_to(broken.site.output)) for p in broken.site.output.rglob("*.exe")]
    assert not published, f"refused attachment published as {published}"
    assert not (broken.site.output / "images/co-ma.svg").exists()


def test_same_number_from_another_issuer_or_year_is_fine(broken: Run) -> None:
    for verb in VERBS:
        paths = {p.path for p in broken.problems(verb)}
        assert G + "so-co-quan-khac.md" not in paths
        assert "guidance/huyen-a/2022/so-nam-sau.md" not in paths
        assert G + "so-trung-1.md" not in paths
    page = BeautifulSoup(broken.site.page(VALID_IN_BROKEN[G + "so-trung-1.md"]), "html.parser")
    assert page.select_one('a[href$="ke-hoach-48.pdf"]') is not None


# --- registries: units.toml with a syntax error, and with broken links between units ---

ANSI_TOPIC = '\n[[topic]]\nslug = "chuyen-de-2022"\ntitle = "Chuyên đề năm 2022"\n'
BROKEN_TOML = UNITS + '\n[[unit]]\nslug = "xa-hong"\nname = "Đảng uỷ xã Hỏng\nparent = "huyen-a"\n'
BROKEN_TREE = UNITS + """
[[unit]]
slug = "mo-coi"
name = "Chi bộ mồ côi"
parent = "khong-co"

[[unit]]
slug = "vong-1"
name = "Đơn vị vòng 1"
parent = "vong-2"

[[unit]]
slug = "vong-2"
name = "Đơn vị vòng 2"
parent = "vong-1"

[[unit]]
slug = "sap-nhap"
name = "Huyện uỷ đã sáp nhập"
successor = "xa-moi"
"""


def unit_line(units: str, slug: str) -> int:
    """The line of the ``[[unit]]`` header of the entry with this slug."""
    return units.split("\n").index(f'slug = "{slug}"')


@pytest.fixture(scope="module")
def bad_toml(tmp_path_factory: pytest.TempPathFactory) -> Run:
    site = make_site(tmp_path_factory.mktemp("bad-toml"), units=BROKEN_TOML)
    site.write("topics.toml", TOPICS.encode("utf-8") + cp1258(ANSI_TOPIC))
    site.write(N + "tin.md", item("Tin của huyện A", "01/03/2021", "huyen-a"))
    return run_all(site, *VERBS)


@pytest.fixture(scope="module")
def bad_tree(tmp_path_factory: pytest.TempPathFactory) -> Run:
    site = make_site(tmp_path_factory.mktemp("bad-tree"), units=BROKEN_TREE)
    site.write(N + "tin.md", item("Tin của huyện A", "01/03/2021", "huyen-a"))
    site.write("news/vong-1/2021/tin.md", item("Tin của đơn vị vòng", "02/03/2021", "vong-1"))
    site.write("news/sap-nhap/2021/tin.md", item("Tin của huyện đã sáp nhập", "03/03/2021",
                                                 "sap-nhap"))
    site.write("news/mo-coi/2021/tin.md", item("Tin của chi bộ mồ côi", "04/03/2021", "mo-coi"))
    return run_all(site, *VERBS)


@pytest.mark.parametrize("verb", VERBS)
def test_units_registry_syntax_error_names_its_line(bad_toml: Run, verb: str) -> None:
    broken_line = BROKEN_TOML.split("\n").index('name = "Đảng uỷ xã Hỏng') + 1
    assert bad_toml.code(verb) == 1, bad_toml.text(verb)
    bad_toml.expect(verb, "units.toml", broken_line, "Tệp danh mục viết sai cú pháp TOML",
                    "mỗi mục bắt đầu bằng [[unit]]")
    assert "Traceback" not in bad_toml.text(verb)
    assert "chưa xây dựng được cổng" in bad_toml.text(verb)


@pytest.mark.parametrize("verb", VERBS)
def test_registry_not_in_utf8_names_its_line(bad_toml: Run, verb: str) -> None:
    line = TOPICS.count("\n") + ANSI_TOPIC.split("\n").index('title = "Chuyên đề năm 2022"') + 1
    bad_toml.expect(verb, "topics.toml", line,
                    f"Tệp không phải văn bản UTF-8 (byte không đọc được ở dòng {line})",
                    "lưu lại với bảng mã UTF-8")
    assert "Traceback" not in bad_toml.text(verb)


@pytest.mark.parametrize("verb", VERBS)
def test_units_registry_links_are_checked(bad_tree: Run, verb: str) -> None:
    assert bad_tree.code(verb) == 1, bad_tree.text(verb)
    bad_tree.expect(verb, "units.toml", unit_line(BROKEN_TREE, "mo-coi"),
                    "Mục «mo-coi»: parent «khong-co» không có trong danh mục",
                    "Dùng slug của một đơn vị đã khai báo")
    for slug, chain in (("vong-1", "vong-1 -> vong-2 -> vong-1"),
                        ("vong-2", "vong-2 -> vong-1 -> vong-2")):
        bad_tree.expect(verb, "units.toml", unit_line(BROKEN_TREE, slug),
                        f"Đơn vị «{slug}» nằm trong vòng lặp đơn vị cha: {chain}",
                        "Sửa trường parent")
    bad_tree.expect(verb, "units.toml", unit_line(BROKEN_TREE, "sap-nhap"),
                    "Đơn vị «sap-nhap» có successor nhưng không có ngày ended",
                    'Thêm ended = "YYYY-MM-DD"')
    assert "Traceback" not in bad_tree.text(verb)
    assert {p.path for p in bad_tree.problems(verb)} == {"units.toml"}


def test_preview_with_broken_unit_links_still_writes_every_page(bad_tree: Run) -> None:
    assert bad_tree.code("preview") == 1
    output = bad_tree.site.output
    for url in ("tin-tuc/2021/tin-cua-huyen-a/", "tin-tuc/2021/tin-cua-don-vi-vong/",
                "tin-tuc/2021/tin-cua-huyen-da-sap-nhap/", "tin-tuc/2021/tin-cua-chi-bo-mo-coi/",
                "don-vi/vong-1/", "don-vi/vong-2/", "don-vi/sap-nhap/", "don-vi/xa-moi/",
                "don-vi/mo-coi/", "don-vi/"):
        assert (output / url / "index.html").is_file(), url


# --- damaged files: wrong encoding, binary, too large; the rest of the site still builds ---

DAMAGED: dict[str, tuple[int, str, str]] = {
    N + "ban-ma-cu.md": (5, "Tệp không phải văn bản UTF-8 (byte không đọc được ở dòng 5)",
                         "Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8"),
    N + "luu-unicode-notepad.md": (1, "Tệp không phải văn bản UTF-8 (byte không đọc được ở dòng 1)",
                                   "lưu lại với bảng mã UTF-8"),
    N + "anh-doi-ten.md": (0, "Tệp không phải văn bản: có vẻ là tệp nhị phân mang đuôi .md",
                           "Xoá tệp này; tệp đính kèm đặt trong content/files/"),
    N + "bai-qua-dai.md": (0, "Tệp quá lớn: 5", "Chia thành nhiều bài"),
}
VALID_BESIDE_DAMAGED = ("tin-tuc/2021/tin-hop-le-mot/", "tin-tuc/2021/tin-hop-le-hai/")


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Run:
    site = make_site(tmp_path_factory.mktemp("damaged"))
    old = "Title: Hoi nghi ban ma cu\nDate: 01/03/2021\nType: news\nUnit: huyen-a\n"
    site.write(N + "ban-ma-cu.md", old.encode("ascii") + cp1258(
        "Author: Nguyễn Văn Đức\n\nĐảng uỷ xã tổ chức hội nghị học tập và làm theo Bác.\n"))
    site.write(N + "luu-unicode-notepad.md",
               item("Tin lưu bằng Unicode", "01/03/2021", "huyen-a").encode("utf-16"))
    site.write(N + "anh-doi-ten.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
               + bytes(range(256)) * 8)
    paragraph = "Nội dung rất dài của bài báo cáo tổng kết. " * 20 + "\n\n"
    body = paragraph * (5 * 1024 * 1024 // len(paragraph.encode("utf-8")) + 1)
    site.write(N + "bai-qua-dai.md", item("Bài quá dài", "01/03/2021", "huyen-a", body=body))
    site.write(N + "tin-hop-le-mot.md", item("Tin hợp lệ một", "02/03/2021", "huyen-a"))
    site.write("news/xa-a1/2021/tin-hop-le-hai.md", item("Tin hợp lệ hai", "03/03/2021", "xa-a1"))
    return run_all(site, *VERBS)


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("path", list(DAMAGED), ids=[p.rsplit("/", 1)[-1] for p in DAMAGED])
def test_damaged_file_is_named_with_its_fix(damaged: Run, verb: str, path: str) -> None:
    line, message, fix = DAMAGED[path]
    damaged.expect(verb, path, line, message, fix)
    assert damaged.code(verb) == 1


def test_too_large_file_gives_size_and_limit(damaged: Run) -> None:
    for verb in VERBS:
        assert re.search(r"Tệp quá lớn: 5[.,]0 MB, tối đa 2 MB cho một bài\.", damaged.text(verb))


def test_damaged_files_do_not_stop_the_other_pages_of_a_preview(damaged: Run) -> None:
    for verb in ("build", "preview"):
        assert damaged.code(verb) == 1
        assert "Traceback" not in damaged.text(verb)
        assert {p.path for p in damaged.problems(verb)} == set(DAMAGED)
    for url in VALID_BESIDE_DAMAGED:
        assert (damaged.site.output / url / "index.html").is_file(), url
    assert article_titles(damaged.site.output) == {"Tin hợp lệ một", "Tin hợp lệ hai"}


def test_messages_in_english(damaged: Run, broken: Run, tmp_path: Path) -> None:
    check = broken.site.run("check", lang="en")
    assert check.returncode == 1
    english = Run(broken.site, {"check": check})
    english.expect("check", N + "thieu-title.md", 1,
                   "Required key «Title» is missing for items of type «news».",
                   "Add a 'Title: ...' line to the metadata", severity="error")
    english.expect("check", N + "go-nham-khoa.md", 1, "Key «Tittle» is not a known key",
                   "(did you mean «Title»?)", severity="error")
    assert ": lỗi: " not in check.stdout and "Cách sửa" not in check.stdout
    build = damaged.site.run("build", lang="en", output=tmp_path / "output-en")
    assert build.returncode == 1
    english = Run(damaged.site, {"build": build})
    english.expect("build", N + "ban-ma-cu.md", 5,
                   "The file is not UTF-8 text (unreadable byte on line 5).",
                   "Open the file in an editor and save it as UTF-8.", severity="error")
    assert re.search(r"^\d+ errors and 0 warnings; the portal was not built\.$", build.stderr,
                     re.MULTILINE)


# --- a valid site: dates, NFD text, drafts, a BOM, and hostile text everywhere ---

HOSTILE = '<script>alert(1)</script> "quotes" </script> <img src=x onerror=alert(1)>'
TITLE = f"Tiêu đề {HOSTILE}"
AUTHOR = f"Tác giả {HOSTILE}"
SOURCE = f"Báo {HOSTILE}"
CAPTION = f"Chú thích {HOSTILE}"
TAG = f"thẻ {HOSTILE}"
HOSTILE_BODY = (f"Mở đầu {HOSTILE}\n\n[bấm vào đây](javascript:alert(1))\n\n"
                '<iframe src="https://evil.example/"></iframe>\n\n'
                f"<p onclick=\"alert(1)\">Đoạn <a href=\"JaVaScRiPt:alert(1)\">có</a> {HOSTILE}</p>\n\n"
                "[tham khảo][r] <javascript:alert(2)> ![ảnh](javascript:alert(3)) "
                '<a href="&#106;avascript:alert(4)">mã hoá</a> '
                '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">dữ liệu</a>\n\n'
                "[r]: javascript:alert(5)\n\n"
                '<svg onload="alert(6)"><script>alert(7)</script></svg>'
                '<form action="https://evil.example/"><button formaction="javascript:alert(8)">gửi'
                '</button></form><details open ontoggle="alert(9)">chi tiết</details>'
                '<base href="https://evil.example/"><object data="https://evil.example/x"></object>'
                '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
                "<style>body{display:none}</style>\n")
HOSTILE_URL = "tin-tuc/2021/tieu-de-script-alert-1-script-quotes-script-img-src-x-onerror-alert-1/"
HOSTILE_TAG_URL = "the/the-script-alert-1-script-quotes-script-img-src-x-onerror-alert-1/"

NFC_TITLE = "Đảng uỷ xã A1 học tập và làm theo tấm gương đạo đức Hồ Chí Minh"
NFC_BODY = "Cán bộ, đảng viên được quán triệt chuyên đề năm 2021 về ý thức tôn trọng nhân dân."
NFD_SLUG = "dang-uy-xa-a1-hoc-tap-va-lam-theo-tam-guong-dao-duc-ho-chi-minh"

DATED = {
    "ngay-truoc-thang-sau": ("05/08/2010", date(2010, 8, 5), None),
    "ngay-kem-gio": ("19/08/2010 16:20", date(2010, 8, 19), "16:20"),
    "iso-kem-gio": ("2010-08-20 07:05", date(2010, 8, 20), "07:05"),
    "iso-chi-ngay": ("2012-03-04", date(2012, 3, 4), None),
}
DRAFT_MARK = "ZQXDRAFTMARK"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Run:
    site = make_site(tmp_path_factory.mktemp("good"))
    site.write("topics.toml", b"\xef\xbb\xbf" + TOPICS.replace("\n", "\r\n").encode("utf-8"))
    site.write("images/anh.png", tiny_png())
    site.write(N + "doc-hai.md", item(TITLE, "05/08/2021 10:00", "huyen-a", body=HOSTILE_BODY,
                                      Summary=f"Sapo {HOSTILE}", Author=AUTHOR, Source=SOURCE,
                                      Image="images/anh.png", Image_caption=CAPTION,
                                      Tags=f"{TAG}, học tập, Học Tập, HỌC TẬP"))
    for name, (value, day, _) in DATED.items():
        site.write(f"news/truong/{day.year}/{name}.md", item(f"Bài ghi ngày {name}", value, "truong"))
    site.write("news/xa-a1/2011/nfd.md", unicodedata.normalize(
        "NFD", item(NFC_TITLE, "05/08/2011", "xa-a1", body=NFC_BODY, Tags="Học tập suốt đời",
                    Author="Nguyễn Thị Hạnh")))
    site.write("news/xa-a1/2012/nfc.md", item(NFC_TITLE, "05/08/2012", "xa-a1", body=NFC_BODY,
                                              Tags="Học tập suốt đời"))
    site.write("guidance/xa-a1/2011/nfd.md", unicodedata.normalize("NFD", doc(
        Title="Kế hoạch học tập của Đảng uỷ xã", Date="06/08/2011", Type="guidance",
        Unit="xa-a1", Number="12-KH/ĐU", Kind="Kế hoạch", Issuer="Đảng uỷ xã A1",
        Issued="06/08/2011")))
    site.write("files/ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n")
    site.write(G + "nhac-lai.md", item("Kế hoạch nhắc lại", "09/08/2021", "huyen-a", "guidance",
                                       Number="7-KH/HU", Kind="kế hoạch", Issuer="Huyện uỷ A",
                                       Issued="09/08/2021",
                                       Topics="chuyen-de-2021, chuyen-de-2021",
                                       Tags="sơ kết, Sơ kết, SƠ KẾT",
                                       Attachments="files/ke-hoach.pdf, /files/ke-hoach.pdf"))
    site.write("news/huyen-a/2021/luu-notepad.md", b"\xef\xbb\xbf" + item(
        "Tin lưu bằng Notepad", "06/08/2021", "huyen-a").replace("\n", "\r\n").encode("utf-8"))
    site.write(N + "nhap-thieu-don-vi.md", doc(
        Title=f"Bản nháp {DRAFT_MARK} thiếu đơn vị", Date="07/08/2021", Type="news",
        Status="draft", body=f"Nội dung nháp {DRAFT_MARK}."))
    site.write(N + "nhap-du-khoa.md", item(f"Bản nháp {DRAFT_MARK} đủ khoá", "08/08/2021",
                                           "huyen-a", body=f"Nháp {DRAFT_MARK}.", Status="draft",
                                           Tags=f"nháp {DRAFT_MARK}"))
    return run_all(site, *VERBS)


def soup_of(site: Site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url), "html.parser")


@pytest.mark.parametrize("verb", VERBS)
def test_valid_site_passes_with_draft_warnings(good: Run, verb: str) -> None:
    assert good.code(verb) == 0, good.text(verb)
    problems = good.problems(verb)
    assert {p.severity for p in problems} == {"cảnh báo"}
    good.expect(verb, N + "nhap-thieu-don-vi.md", 1,
                "Thiếu khoá bắt buộc «Unit» cho bài loại «news»", "Thêm dòng 'Unit: ...'",
                severity="cảnh báo")
    for path, line in ((N + "nhap-thieu-don-vi.md", 4), (N + "nhap-du-khoa.md", 5)):
        good.expect(verb, path, line, "Bản nháp: không xuất bản.",
                    "đổi thành 'Status: published'", severity="cảnh báo")
    assert {p.path for p in problems} == {N + "nhap-thieu-don-vi.md", N + "nhap-du-khoa.md"}
    assert "Nội dung hợp lệ: 10 bài, 3 cảnh báo." in good.text(verb)


def test_drafts_appear_nowhere(good: Run) -> None:
    output = good.site.output
    for file, text in output_files(output):
        assert DRAFT_MARK not in text and DRAFT_MARK.lower() not in text, file
        assert "ban-nhap" not in text and "nhap-du-khoa" not in text, file
    assert not [p for p in output.rglob("*") if "nhap" in p.name]
    assert "luu-tru/2021/08/07" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    assert not (output / "luu-tru/2021/08/07").exists()
    assert not (output / "luu-tru/2021/08/08").exists()
    days = json.loads((output / "luu-tru/2021/ngay.json").read_text(encoding="utf-8"))
    assert "2021-08-07" not in days and "2021-08-08" not in days


@pytest.mark.parametrize("name", list(DATED))
def test_dates_day_first_and_iso(good: Run, name: str) -> None:
    _, day, time = DATED[name]
    url = f"tin-tuc/{day.year}/bai-ghi-ngay-{name}/"
    page = soup_of(good.site, url)
    shown = page.select_one(".item-date time")
    assert shown is not None, url
    expected = weekday_date(day) + (f", {time}" if time else "")
    assert shown.get_text() == expected
    assert shown["datetime"].startswith(f"{day.isoformat()}T{time or '00:00'}")
    assert (good.site.output / f"luu-tru/{day:%Y/%m/%d}/index.html").is_file()


def test_5_august_2010_is_a_thursday_without_time(good: Run) -> None:
    page = soup_of(good.site, "tin-tuc/2010/bai-ghi-ngay-ngay-truoc-thang-sau/")
    weekday = WEEKDAYS_VI[datetime(2010, 8, 5).weekday()]
    assert page.select_one(".item-date time").get_text() == f"{weekday}, 05/08/2010"
    assert weekday == "Thứ Năm"


def test_nfd_text_is_shown_as_nfc_with_the_same_slug(good: Run) -> None:
    output = good.site.output
    nfd_url, nfc_url = f"tin-tuc/2011/{NFD_SLUG}/", f"tin-tuc/2012/{NFD_SLUG}/"
    assert (output / nfc_url / "index.html").is_file()
    raw = good.site.page(nfd_url)
    assert unicodedata.is_normalized("NFC", raw)
    page = BeautifulSoup(raw, "html.parser")
    assert page.h1.get_text() == NFC_TITLE
    assert page.h1.get_text() != unicodedata.normalize("NFD", NFC_TITLE)
    assert page.select_one(".item-body").get_text(strip=True) == NFC_BODY
    assert page.select_one(".item-author").get_text() == "Nguyễn Thị Hạnh"
    assert [a["href"] for a in page.select(".item-terms a")] == ["/the/hoc-tap-suot-doi/"]
    assert soup_of(good.site, "the/hoc-tap-suot-doi/").h1.get_text() == "Học tập suốt đời"
    assert len(soup_of(good.site, "the/hoc-tap-suot-doi/").select(".item-card")) == 2
    plan = soup_of(good.site, "van-ban/2011/ke-hoach-hoc-tap-cua-dang-uy-xa/")
    assert plan.h1.get_text() == "Kế hoạch học tập của Đảng uỷ xã"
    for file, text in output_files(output):
        assert unicodedata.is_normalized("NFC", text), file


def test_repeated_topics_tags_and_attachments_are_listed_once(good: Run) -> None:
    page = soup_of(good.site, "van-ban/2021/ke-hoach-nhac-lai/")
    assert [a.get_text() for a in page.select(".item-terms a")] == ["Chuyên đề năm 2021", "#sơ kết"]
    assert len(page.select('a[href$="/files/ke-hoach.pdf"]')) == 1
    topic = soup_of(good.site, "chuyen-de/chuyen-de-2021/")
    assert [a.get_text() for a in topic.select(".item-card__title")] == ["Kế hoạch nhắc lại"]
    tag = soup_of(good.site, "the/so-ket/")
    assert [a.get_text() for a in tag.select(".item-card__title")] == ["Kế hoạch nhắc lại"]


def test_utf8_bom_and_windows_line_ends_are_read(good: Run) -> None:
    page = soup_of(good.site, "tin-tuc/2021/tin-luu-bang-notepad/")
    assert page.h1.get_text() == "Tin lưu bằng Notepad"
    assert page.select_one(".item-body").get_text(strip=True) == "Nội dung bài."


def assert_inert(soup: BeautifulSoup | Tag, where: str, own_scripts: bool) -> None:
    """No element that runs: only the page's own module scripts and one JSON-LD block."""
    linked_data = 0
    for script in soup.find_all("script"):
        kind, src = script.get("type"), script.get("src", "")
        if own_scripts and kind == "module" and src.startswith("/theme/js/") and not script.string:
            continue
        assert own_scripts and kind == "application/ld+json" and not src, f"{where}: {script}"
        linked_data += 1
    assert linked_data <= 1, where
    for element in soup.find_all(True):
        own_form = (own_scripts and element.name == "form"
                    and element.get("action") in ("/tim-kiem/", "/api/feedback"))
        assert own_form or element.name not in ("iframe", "frame", "object", "embed", "base", "form",
                                                       "style", "svg"), where
        assert not (element.name == "meta" and element.has_attr("http-equiv")), where
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), f"{where}: {element}"
            values = value if isinstance(value, list) else [value]
            assert not any(v.strip().lower().startswith(("javascript:", "data:text"))
                           for v in values), f"{where}: {element}"


def linked_data_block(raw: str, where: str) -> dict[str, object]:
    start = raw.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    end = raw.lower().index("</script>", start)
    block = raw[start:end]
    assert "<script" not in block.lower() and "</script" not in block.lower(), where
    assert "<!--" not in block, where
    data = json.loads(block)
    assert isinstance(data, dict), where
    return data


def test_hostile_text_is_never_markup_in_any_output_file(good: Run) -> None:
    pages = 0
    for file, raw in output_files(good.site.output):
        where = str(file.relative_to(good.site.output))
        assert "javascript:" not in raw.lower(), where
        assert "evil.example" not in raw, where
        assert "<script>alert" not in raw, where
        if file.suffix == ".html":
            pages += 1
            assert_inert(BeautifulSoup(raw, "html.parser"), where, own_scripts=True)
            linked_data_block(raw, where)
        elif file.name == "feed.xml":
            for entry in ET.fromstring(raw).iter(f"{ATOM}entry"):
                for part in ("content", "summary"):
                    html = entry.findtext(f"{ATOM}{part}") or ""
                    assert_inert(BeautifulSoup(html, "html.parser"), f"{where} {part}",
                                 own_scripts=False)
    assert pages > 20


def test_hostile_text_is_shown_as_text_on_the_article(good: Run) -> None:
    raw = good.site.page(HOSTILE_URL)
    page = BeautifulSoup(raw, "html.parser")
    assert page.h1.get_text() == TITLE
    assert page.title.get_text().startswith(TITLE + " — ")
    assert page.select_one('meta[property="og:title"]')["content"] == TITLE
    assert page.select_one("[data-share]")["data-share-title"] == TITLE
    assert page.select_one(".item-author").get_text() == AUTHOR
    assert page.select_one(".item-source").get_text() == f"Nguồn: {SOURCE}"
    assert page.select_one(".item-figure figcaption").get_text() == CAPTION
    assert page.select_one(".item-figure img")["alt"] == CAPTION
    assert [a.get_text() for a in page.select(".item-terms a")] == [f"#{TAG}", "#học tập"]
    summary = page.select_one(".item-summary")
    assert summary.get_text().startswith("Sapo") and '"quotes"' in summary.get_text()
    body = page.select_one(".item-body")
    assert '"quotes"' in body.get_text() and "Mở đầu" in body.get_text()
    assert [a.get_text() for a in body.find_all("a")] == ["bấm vào đây", "có", "tham khảo",
                                                          "mã hoá", "dữ liệu"]
    assert all(not a.get("href") for a in body.find_all("a"))
    data = linked_data_block(raw, HOSTILE_URL)
    assert data["headline"] == TITLE
    assert data["author"] == {"@type": "Person", "name": AUTHOR}


@pytest.mark.parametrize("url", ["", "tin-tuc/", "don-vi/huyen-a/", "don-vi/huyen-a/tin-tuc/",
                                 "don-vi/tinh-uy/", HOSTILE_TAG_URL, "luu-tru/2021/",
                                 "luu-tru/2021/08/", "luu-tru/2021/08/05/"])
def test_hostile_title_is_text_in_listings(good: Run, url: str) -> None:
    raw = good.site.page(url)
    page = BeautifulSoup(raw, "html.parser")
    assert TITLE in [a.get_text() for a in page.select(".item-card__title")], url
    assert TITLE in [a.get_text() for a in page.select(".widget--latest a")], url
    if url == HOSTILE_TAG_URL:
        assert page.h1.get_text() == TAG
        assert linked_data_block(raw, url)["name"] == TAG


@pytest.mark.parametrize("feed", ["feed.xml", "tin-tuc/feed.xml", "don-vi/huyen-a/feed.xml",
                                  f"{HOSTILE_TAG_URL}feed.xml"])
def test_hostile_title_round_trips_in_atom_feeds(good: Run, feed: str) -> None:
    root = ET.fromstring((good.site.output / feed).read_text(encoding="utf-8"))
    titles = {entry.findtext(f"{ATOM}title"): entry.find(f"{ATOM}link").get("href")
              for entry in root.iter(f"{ATOM}entry")}
    assert TITLE in titles, f"{feed}: the entry titles are {list(titles)}"
    assert titles[TITLE].endswith("/" + HOSTILE_URL)
    if feed.startswith("the/"):
        assert TAG in (root.findtext(f"{ATOM}title") or "")
