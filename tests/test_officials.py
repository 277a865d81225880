"""The officials' verbs end to end in a temporary copy of the portal: ``new``, ``check --json``
and ``preview``."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit import PORTAL, ROOT, Site, run_portal

pytestmark = pytest.mark.slow

UNIT = "huyen-uy-ha-dong"
NEW_ITEMS = {
    "news": ["--title", "Chi bộ thôn Đông ra quân làm đường", "--date", "03/09/2024 08:15",
             "--summary", "Đảng viên đi đầu góp công làm đường liên thôn."],
    "guidance": ["--title", "Hướng dẫn học tập chuyên đề năm 2024", "--date", "05/01/2024",
                 "--number", "61-HD/HU", "--kind", "Hướng dẫn", "--issuer", "Huyện uỷ Hà Đông",
                 "--issued", "04/01/2024", "--signer", "Nguyễn Văn Bình"],
    "exemplar": ["--title", "Cô giáo cắm bản mười năm", "--date", "12/05/2024",
                 "--subject", "Lò Thị Mai", "--subject-kind", "individual",
                 "--recognition", "Bằng khen của Tỉnh uỷ"],
}


@pytest.fixture
def portal_copy(tmp_path: Path) -> Site:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return Site(tmp_path / "content", tmp_path / "output")


def new(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    return run_portal("new", *args, "--content", str(site.content), "--no-input")


def created_path(result: subprocess.CompletedProcess[str]) -> Path:
    return Path(re.search(r"Đã tạo (\S+)", result.stdout)[1])


def test_new_item_of_each_type_checks_and_builds(portal_copy: Site) -> None:
    files = {}
    for kind, args in NEW_ITEMS.items():
        result = new(portal_copy, kind, "--unit", UNIT, *args)
        assert result.returncode == 0, result.stdout
        files[kind] = created_path(result)
        assert files[kind].parent == portal_copy.content / kind / UNIT / "2024"
    guidance = files["guidance"].read_text(encoding="utf-8")
    assert guidance.splitlines()[:4] == ["Title: Hướng dẫn học tập chuyên đề năm 2024",
                                        "Date: 05/01/2024", "Type: guidance", f"Unit: {UNIT}"]
    assert "Number: 61-HD/HU" in guidance and "Issued: 04/01/2024" in guidance
    assert re.search(r"^Id: guidance-huyen-uy-ha-dong-huong-dan-hoc-tap", guidance, re.M)
    checked = portal_copy.check()
    assert checked.returncode == 0, checked.stdout
    assert "Nội dung hợp lệ: 32 bài" in checked.stdout
    built = portal_copy.build()
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup(portal_copy.page("van-ban/2024/huong-dan-hoc-tap-chuyen-de-nam-2024/"),
                         "html.parser")
    assert page.h1.get_text() == "Hướng dẫn học tập chuyên đề năm 2024"
    assert "61-HD/HU" in page.get_text()
    exemplar = BeautifulSoup(portal_copy.page("tam-guong/2024/co-giao-cam-ban-muoi-nam/"), "html.parser")
    assert "Lò Thị Mai" in exemplar.get_text()
    assert (portal_copy.output / "tin-tuc/2024/chi-bo-thon-dong-ra-quan-lam-duong/index.html").is_file()


def test_new_refuses_a_taken_number_a_taken_address_and_an_unknown_unit(portal_copy: Site) -> None:
    taken = new(portal_copy, "guidance", "--unit", UNIT, "--title", "Kế hoạch trùng số",
                "--date", "12/05/2021", "--number", "48-KH/HU", "--kind", "Kế hoạch",
                "--issuer", "Huyện uỷ Hà Đông", "--issued", "11/05/2021")
    assert taken.returncode == 1
    assert "«48-KH/HU» của «Huyện uỷ Hà Đông» năm 2021 đã dùng ở" in taken.stdout
    assert "Chưa tạo bài" in taken.stdout
    first = new(portal_copy, "news", "--unit", UNIT, "--title", "Hội nghị sơ kết", "--date", "01/06/2024")
    assert first.returncode == 0
    again = new(portal_copy, "news", "--unit", "dang-uy-xa-ha-dong", "--title", "Hội nghị sơ kết",
                "--date", "02/06/2024")
    assert again.returncode == 1
    assert "Địa chỉ /tin-tuc/2024/hoi-nghi-so-ket/ đã thuộc về" in again.stdout
    assert "--slug" in again.stdout
    own = new(portal_copy, "news", "--unit", "dang-uy-xa-ha-dong", "--title", "Hội nghị sơ kết",
              "--date", "02/06/2024", "--slug", "hoi-nghi-so-ket-xa-ha-dong")
    assert own.returncode == 0, own.stdout
    unknown = new(portal_copy, "news", "--unit", "huyen-uy-ha-dng", "--title", "Tin")
    assert unknown.returncode == 1
    assert "«huyen-uy-ha-dng»" in unknown.stdout and "huyen-uy-ha-dong" in unknown.stdout
    assert not (portal_copy.content / "news" / "huyen-uy-ha-dng").exists()
    assert portal_copy.check().returncode == 0


def test_new_without_a_terminal_marks_what_is_missing_as_a_draft(portal_copy: Site) -> None:
    result = new(portal_copy, "guidance", "--unit", UNIT, "--title", "Kế hoạch còn thiếu")
    assert result.returncode == 0
    assert "bản nháp" in result.stdout and "số/ký hiệu (Number)" in result.stdout
    lines = created_path(result).read_text(encoding="utf-8").splitlines()
    assert {"Status: draft", "Number:", "Kind:", "Issuer:", "Issued:"} <= set(lines)
    assert re.fullmatch(r"Date: \d\d/\d\d/20\d\d \d\d:\d\d", lines[1])  # now, by default
    checked = portal_copy.check()
    assert checked.returncode == 0
    assert "Khoá «Number» chưa có giá trị" in checked.stdout


def test_new_asks_on_a_terminal_for_what_is_missing(portal_copy: Site) -> None:
    controller, terminal = pty.openpty()
    process = subprocess.Popen([str(PORTAL), "new", "exemplar", "--unit", UNIT,
                                "--content", str(portal_copy.content)],
                               stdin=terminal, stdout=terminal, stderr=terminal, cwd=ROOT,
                               env={**os.environ, "PORTAL_LANG": "vi"})
    os.close(terminal)
    answers = iter(["Gương sáng bên bục giảng", "Trần Văn Hùng", "individual"])
    transcript = ""
    try:
        while process.poll() is None or transcript.count("\n") < 3:
            try:
                chunk = os.read(controller, 4096).decode()
            except OSError:
                break
            transcript += chunk
            if chunk.rstrip().endswith(":"):
                os.write(controller, (next(answers) + "\n").encode())
        process.wait(timeout=60)
    finally:
        os.close(controller)
    assert process.returncode == 0, transcript
    assert "tiêu đề (Title):" in transcript and "individual, collective" in transcript
    written = next((portal_copy.content / "exemplar" / UNIT).rglob("guong-sang-ben-buc-giang.md"))
    text = written.read_text(encoding="utf-8")
    assert "Subject: Trần Văn Hùng" in text and "Subject_kind: individual" in text
    assert "Status" not in text


def test_check_json_lists_every_problem(portal_copy: Site) -> None:
    portal_copy.write("news/huyen-uy-ha-dong/2024/hong.md",
                      "Title: Bài hỏng\nDate: 31/02/2024\nType: news\nUnit: huyen-uy-ha-dong\n"
                      "Topics: chuyen-de-khong-co\n\nNội dung.\n")
    portal_copy.write("guidance/huyen-uy-ha-dong/2024/thieu.md",
                      "Title: Văn bản thiếu số\nDate: 01/02/2024\nType: guidance\n"
                      "Unit: huyen-uy-ha-dong\nKind: Hướng dẫn\nIssuer: Huyện uỷ\nIssued: 01/02/2024\n\nx\n")
    result = run_portal("check", "--json", "--content", str(portal_copy.content))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["errors"] == 3
    found = {(p["path"], p["line"], p["code"]) for p in report["problems"] if p["severity"] == "error"}
    assert found == {("news/huyen-uy-ha-dong/2024/hong.md", 2, "date_impossible"),
                     ("news/huyen-uy-ha-dong/2024/hong.md", 5, "unknown_topic"),
                     ("guidance/huyen-uy-ha-dong/2024/thieu.md", 1, "missing_key")}
    assert all(p["message"] and p["fix"] for p in report["problems"])
    english = run_portal("--lang", "en", "check", "--json", "--content", str(portal_copy.content))
    assert "errors and" in json.loads(english.stdout)["summary"]


class Preview:
    def __init__(self, site: Site) -> None:
        self.process = subprocess.Popen(
            [str(PORTAL), "preview", "--port", "0", "--content", str(site.content),
             "--output", str(site.output)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
        printed = ""
        while not (found := re.search(r"http://127\.0\.0\.1:(\d+)/", printed)):
            line = self.process.stdout.readline()
            assert line, printed
            printed += line
        self.base = f"http://127.0.0.1:{found[1]}"

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=10) as answer:
            return answer.read().decode()

    def build_number(self) -> int:
        return json.loads(self.get("/__preview/state"))["build"]

    def wait_for_build(self, after: int, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while self.build_number() <= after:
            assert time.monotonic() < deadline, "no rebuild after the edit"
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def preview(portal_copy: Site) -> Iterator[Preview]:
    running = Preview(portal_copy)
    yield running
    running.stop()


def test_preview_rebuilds_on_edit_and_survives_a_broken_file(portal_copy: Site, preview: Preview) -> None:
    url = "/van-ban/2021/ke-hoach-thuc-hien-chuyen-de-toan-khoa-trong-dang-bo-huyen-ha-dong/"
    page = BeautifulSoup(preview.get(url), "html.parser")
    assert page.h1.get_text().startswith("Kế hoạch thực hiện Chuyên đề")
    assert page.select_one('script[src="/__preview/reload.js"]') is not None
    assert page.select_one('[role="alert"]') is None
    source = portal_copy.content / "guidance/huyen-uy-ha-dong/2021/ke-hoach-48-kh-hu-ha-dong.md"
    text = source.read_text(encoding="utf-8")
    build = preview.build_number()
    started = time.monotonic()
    source.write_text(text.replace("Huyện uỷ Hà Đông cụ thể hoá", "Huyện uỷ Hà Đông đã cụ thể hoá"),
                      encoding="utf-8")
    preview.wait_for_build(build)
    print(f"edit picked up in {time.monotonic() - started:.1f} s")
    assert "Huyện uỷ Hà Đông đã cụ thể hoá" in preview.get(url)

    build = preview.build_number()
    broken = portal_copy.write("news/huyen-uy-ha-dong/2024/hong.md",
                               "Title: Bài hỏng\nDate: 31/02/2024\nType: news\nUnit: huyen-uy-ha-dong\n\nx\n")
    preview.wait_for_build(build)
    home = BeautifulSoup(preview.get("/"), "html.parser")
    alert = home.select_one('[role="alert"]')
    assert alert is not None
    assert "news/huyen-uy-ha-dong/2024/hong.md:2" in alert.get_text()
    assert "Kế hoạch thực hiện Chuyên đề" in preview.get(url)  # the rest is still served
    assert preview.process.poll() is None

    build = preview.build_number()
    broken.write_text(broken.read_text(encoding="utf-8").replace("31/02/2024", "28/02/2024"),
                      encoding="utf-8")
    preview.wait_for_build(build)
    fixed = BeautifulSoup(preview.get("/tin-tuc/2024/bai-hong/"), "html.parser")
    assert fixed.h1.get_text() == "Bài hỏng"
    assert fixed.select_one('[role="alert"]') is None


def test_build_shows_progress_and_ends_with_a_summary(portal_copy: Site) -> None:
    result = portal_copy.build()
    assert result.returncode == 0
    assert "Đọc bài: 30/30" in result.stderr  # 29 items and a draft
    summary = result.stdout.strip().splitlines()[-1]
    pages = sum(1 for _ in portal_copy.output.rglob("*.html"))
    assert re.fullmatch(rf"Đã xây dựng cổng vào \S+ trong \d+,?\.?\d* giây: 29 bài, {pages} trang\.", summary)
