"""The shared library: Vietnamese text, dates, document numbers, URLs, safe HTML, filters."""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime

import pytest

from portal.common.dates import (
    PORTAL_TZ,
    DateFormatError,
    ImpossibleDateError,
    format_date_words,
    format_datetime_vi,
    parse_date,
)
from portal.common.document_numbers import find_numbers, parse_number
from portal.common.safe_html import clean_body, clean_inline, plain_text
from portal.common.template_filters import file_size, script_json
from portal.common.text import fold, slugify
from portal.common.urls import SlugRequest, unique_slugs


@pytest.mark.parametrize(("title", "slug"), [
    ("Đảng bộ", "dang-bo"),
    ("Hội nghị sơ kết 6 tháng đầu năm 2023", "hoi-nghi-so-ket-6-thang-dau-nam-2023"),
    ("Huyện uỷ Hoà Bình", "huyen-uy-hoa-binh"),
    ("Huyện ủy Hòa Bình", "huyen-uy-hoa-binh"),
    ("HUYỆN ỦY HÒA BÌNH", "huyen-uy-hoa-binh"),
    ("Kế hoạch 48-KH/HU: “Làm theo Bác”!", "ke-hoach-48-kh-hu-lam-theo-bac"),
    ("Người tốt – việc tốt", "nguoi-tot-viec-tot"),
])
def test_slugs_are_readable_ascii(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert slugify(unicodedata.normalize("NFD", title)) == slug


def test_fold_removes_marks_and_maps_d() -> None:
    assert fold("Đảng ĐOÀN Thuỷ") == "dang doan thuy"


@pytest.mark.parametrize(("text", "expected", "has_time"), [
    ("19/08/2010 16:20", datetime(2010, 8, 19, 16, 20), True),
    ("19/08/2010", datetime(2010, 8, 19), False),
    ("5/8/2010", datetime(2010, 8, 5), False),
    ("05/08/2010", datetime(2010, 8, 5), False),
    ("2010-08-19 16:20", datetime(2010, 8, 19, 16, 20), True),
    ("2010-08-19T16:20:30", datetime(2010, 8, 19, 16, 20, 30), True),
    ("2010-08-19", datetime(2010, 8, 19), False),
])
def test_dates_are_day_first_or_iso_in_vietnam_time(text: str, expected: datetime,
                                                    has_time: bool) -> None:
    parsed = parse_date(text)
    assert parsed.moment == expected.replace(tzinfo=PORTAL_TZ)
    assert parsed.moment.utcoffset().total_seconds() == 7 * 3600
    assert parsed.has_time is has_time


@pytest.mark.parametrize("text", ["31/02/2021", "29/02/2023", "2021-13-01", "10/10/2020 25:00"])
def test_impossible_dates_are_errors(text: str) -> None:
    with pytest.raises(ImpossibleDateError):
        parse_date(text)


@pytest.mark.parametrize("text", ["2021/31/12", "19 tháng 8 2010", "", "08/2010", "hôm qua"])
def test_malformed_dates_are_errors(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_date(text)


def test_vietnamese_date_formats() -> None:
    moment = parse_date("19/08/2010 16:20").moment
    assert format_datetime_vi(moment) == "Thứ Năm, 19/08/2010, 16:20"
    assert format_datetime_vi(moment, has_time=False) == "Thứ Năm, 19/08/2010"
    assert format_datetime_vi(parse_date("2026-11-22").moment) == "Chủ Nhật, 22/11/2026, 00:00"
    assert format_date_words(moment.date()) == "ngày 19 tháng 8 năm 2010"


@pytest.mark.parametrize("number", ["48-KH/HU", "05-CT/TW", "1847/QĐ-TTg", "42/2022/NĐ-CP",
                                    "434-CV/BTGTU", "08-QĐi/TW", "12-HD/BTGTW"])
def test_well_formed_document_numbers(number: str) -> None:
    assert parse_number(number) is not None


@pytest.mark.parametrize("number", ["48 KH HU", "48-KH", "KH/HU", "48-kh/hu", "48/", "số 48"])
def test_malformed_document_numbers(number: str) -> None:
    assert parse_number(number) is None


def test_number_keys_ignore_leading_zeros_and_d_stroke() -> None:
    assert parse_number("05-CT/TW").key == parse_number("5-CT/TW").key
    assert parse_number("1847/QĐ-TTg").key == parse_number("1847/QD-TTG").key
    assert parse_number("48-KH/HU").key != parse_number("49-KH/HU").key


def test_numbers_are_found_in_running_text() -> None:
    text = "Theo Kế hoạch 48-KH/HU, Nghị định 42/2022/NĐ-CP và 05-CT/TW. Ngày 19/08/2010."
    assert [n.text for _, _, n in find_numbers(text)] == ["48-KH/HU", "42/2022/NĐ-CP", "05-CT/TW"]


def test_unique_slugs_keep_older_items_stable() -> None:
    def request(slug: str, day: int, explicit: bool = False) -> SlugRequest:
        return SlugRequest(("news", 2024), slug, explicit, (day, f"f{day}"))

    older, newer, fixed = request("hoi-nghi", 1), request("hoi-nghi", 5), request("hoi-nghi-2", 9, True)
    assert unique_slugs([newer, older, fixed]) == {older: "hoi-nghi", fixed: "hoi-nghi-2",
                                                   newer: "hoi-nghi-3"}
    other_year = SlugRequest(("news", 2025), "hoi-nghi", False, (1, "x"))
    assert unique_slugs([older, other_year])[other_year] == "hoi-nghi"


def test_sanitiser_keeps_article_markup_and_drops_what_runs() -> None:
    html = ('<figure><img src="/images/a.svg" alt="Ảnh" onerror="x()"><figcaption>Chú thích'
            '</figcaption></figure><table><tr><td colspan="2">Ô</td></tr></table>'
            '<a href="javascript:alert(1)">x</a><iframe src="https://x"></iframe>'
            '<script>alert(1)</script><p style="color:red" onclick="y()">Đoạn</p>')
    cleaned = clean_body(html)
    for kept in ("<figure>", "<figcaption>", 'alt="Ảnh"', 'colspan="2"', "<p>Đoạn</p>"):
        assert kept in cleaned
    for dropped in ("onerror", "javascript:", "iframe", "script", "onclick", "style"):
        assert dropped not in cleaned
    assert clean_inline("<p>a <em>b</em></p><table></table>") == "a <em>b</em>"
    assert plain_text("<p>A &amp; <b>B</b> &lt;C&gt;</p>") == "A & B <C>"


def test_json_for_script_blocks_cannot_close_the_block() -> None:
    text = str(script_json({"headline": "</script><script>alert(1)</script> & ‘x’"}))
    assert "</script" not in text and "<" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & ‘x’"


def test_file_sizes_in_vietnamese() -> None:
    assert (file_size(900), file_size(12_345), file_size(3_500_000)) == ("900 B", "12 KB", "3,3 MB")
