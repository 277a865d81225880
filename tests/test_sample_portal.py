"""End-to-end: the sample portal of content/ built as readers get it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from portal.common.dates import WEEKDAYS
from sitekit import Site, run_portal

ATOM = "{http://www.w3.org/2005/Atom}"
AN_PHU_NEWS = "tin-tuc/2021/dang-uy-xa-an-phu-quan-triet-ke-hoach-48-kh-hu-cua-huyen-uy/"
SCHOOL_NEWS = "tin-tuc/2021/truong-thpt-chuyen-son-ha-to-chuc-ngoai-khoa-bac-ho-voi-the-he-tre/"
OLD_GUIDANCE = ("van-ban/2021/huong-dan-hoc-tap-quan-triet-va-trien-khai-chuyen-de-toan-khoa"
                "-nhiem-ky-2021/")
NEW_GUIDANCE = "van-ban/2023/huong-dan-hoc-tap-chuyen-de-nam-2023-va-tiep-tuc-thuc-hien-chuyen-de-toan-khoa/"
HA_DONG_PLAN = "van-ban/2021/ke-hoach-thuc-hien-chuyen-de-toan-khoa-trong-dang-bo-huyen-ha-dong/"


def soup(site: Site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url), "html.parser")


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def pages_citing(site: Site, text: str) -> list[str]:
    """The article pages whose body mentions ``text``."""
    pages = [p.read_text(encoding="utf-8") for segment in ("tin-tuc", "van-ban", "tam-guong")
             for p in (site.output / segment).glob("*/*/index.html")]
    bodies = [(page, BeautifulSoup(page, "html.parser").select_one(".item-body")) for page in pages]
    return [page for page, body in bodies if body is not None and text in body.get_text()]


def test_home_lists_newest_items_first_with_vietnamese_dates(sample_site: Site) -> None:
    page = soup(sample_site, "/")
    times = [t["datetime"] for t in page.select(".lead-story time, .item-card time")]
    assert len(times) == 10  # the newest is the lead story, above the list
    assert times == sorted(times, reverse=True)
    first = page.select_one(".item-card time")
    moment = date.fromisoformat(first["datetime"][:10])
    assert first.get_text().startswith(f"{WEEKDAYS[moment.weekday()]}, {moment:%d/%m/%Y}")
    assert page.select_one('a[rel="next"]')["href"] == "/trang/2/"


def test_article_shows_date_title_summary_source_and_tools(sample_site: Site) -> None:
    page = soup(sample_site, SCHOOL_NEWS)
    assert page.select_one("h1.item-title").get_text() == (
        "Trường THPT chuyên Sơn Hà tổ chức ngoại khoá “Bác Hồ với thế hệ trẻ”")
    assert page.select_one(".item-date time").get_text() == "Thứ Sáu, 19/11/2021, 16:20"
    assert page.select_one(".section-label").get_text(" ", strip=True).startswith("Tin tức")
    assert page.select_one("[data-print]").get_text() == "In tin bài"
    assert page.select_one("[data-back]").get_text() == "Quay lại"
    share = page.select_one("[data-share]")
    assert share["data-share-url"].endswith("/" + SCHOOL_NEWS)
    facebook = page.select_one(".share-facebook")["href"]
    assert facebook.startswith("https://www.facebook.com/sharer/sharer.php?u=http")
    assert page.select_one("link[rel=canonical]")["href"].endswith("/" + SCHOOL_NEWS)
    assert page.select_one('meta[property="og:type"]')["content"] == "article"
    assert page.select(".item-neighbours a")
    assert page.select_one("#related-title").get_text() == "Bài viết liên quan"


def test_date_only_items_show_no_time(sample_site: Site) -> None:
    page = soup(sample_site, "tin-tuc/2020/ha-dong-dua-viec-lam-theo-bac-vao-sinh-hoat-chi-bo-thuong-ky/")
    assert page.select_one(".item-date time").get_text() == "Thứ Tư, 18/03/2020"


def test_document_numbers_link_within_unit_then_ancestors_never_ambiguously(
        sample_site: Site) -> None:
    an_phu = soup(sample_site, AN_PHU_NEWS).select("a.document-link")
    assert [(a.get_text(), a["href"]) for a in an_phu] == [("48-KH/HU", "/" + HA_DONG_PLAN)]
    school = sample_site.page(SCHOOL_NEWS)
    assert "48-KH/HU" in school
    assert "document-link" not in school
    for number in ("99-KH/TU", "05-CT/TW"):  # cited, but not on the portal
        pages = pages_citing(sample_site, number)
        assert pages
        assert not any(re.search(rf"<a[^>]*>{number}</a>", page) for page in pages)


def test_supersedes_is_shown_on_both_documents(sample_site: Site) -> None:
    new = soup(sample_site, NEW_GUIDANCE)
    facts = {dt.get_text(): dd for dt, dd in zip(new.select(".document-facts dt"),
                                                 new.select(".document-facts dd"), strict=True)}
    assert facts["Số/ký hiệu"].get_text() == "27-HD/BTGTU"
    assert facts["Thay thế văn bản"].a["href"] == "/" + OLD_GUIDANCE
    old = soup(sample_site, OLD_GUIDANCE)
    notice = old.select_one(".notice--superseded")
    assert "đã được thay thế" in notice.get_text()
    assert notice.a["href"] == "/" + NEW_GUIDANCE


def test_guidance_attachments_show_type_and_size(sample_site: Site) -> None:
    page = next(p for p in (sample_site.output / "van-ban/2021").rglob("index.html")
                if "attachments" in p.read_text())
    links = BeautifulSoup(page.read_text(), "html.parser").select(".attachments li")
    pdf = sample_site.content / "files/chi-thi-09-ct-tu-2021.pdf"
    texts = [li.get_text(" ", strip=True) for li in links]
    assert any(t.startswith("chi-thi-09-ct-tu-2021.pdf PDF,") for t in texts)
    assert any(t.startswith("chi-thi-09-ct-tu-2021-phu-luc.docx DOCX,") for t in texts)
    assert f"{pdf.stat().st_size} B" in " ".join(texts) or "KB" in " ".join(texts)
    assert (sample_site.output / "files/chi-thi-09-ct-tu-2021.pdf").exists()


def test_unit_section_rolls_up_descendants_and_has_feed(sample_site: Site) -> None:
    rollup = [a["href"] for n in (1, 2, 3, 4)
              for url in (["don-vi/tinh-uy-son-ha/"] if n == 1 else [f"don-vi/tinh-uy-son-ha/trang/{n}/"])
              if (sample_site.output / url / "index.html").exists()
              for a in soup(sample_site, url).select(".item-card__title")]
    published = [p for p in (sample_site.content).rglob("*.md") if "Status: draft" not in p.read_text()]
    assert len(rollup) == len(published)
    types = soup(sample_site, "don-vi/huyen-uy-ha-dong/").select(".type-tabs a")
    labels = [a.get_text().split(" (")[0] for a in types]
    assert labels == ["Tin tức", "Văn bản chỉ đạo", "Tấm gương điển hình"]
    feed = ET.parse(sample_site.output / "don-vi/huyen-uy-ha-dong/feed.xml").getroot()
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href").startswith("http")


def test_ended_unit_links_to_successor_and_back(sample_site: Site) -> None:
    ended = soup(sample_site, "don-vi/huyen-uy-ha-dong/").select_one(".notice--ended")
    assert "đã kết thúc hoạt động từ ngày 01/07/2025" in ended.get_text()
    assert ended.a["href"] == "/don-vi/dang-uy-xa-ha-dong/"
    successor = soup(sample_site, "don-vi/dang-uy-xa-ha-dong/").select_one(".notice--predecessors")
    assert "/don-vi/huyen-uy-ha-dong/" in [a["href"] for a in successor.select("a")]


def test_units_page_shows_the_tree_and_sidebar_lists_websites(sample_site: Site) -> None:
    page = soup(sample_site, "don-vi/")
    root = page.select_one("ul.unit-tree > li")
    assert root.a.get_text() == "Tỉnh uỷ Sơn Hà"
    nested = root.select("ul.unit-tree ul.unit-tree a")
    assert any(a.get_text() == "Đảng uỷ xã An Phú" for a in nested)
    banners = page.select(".widget--banners a")
    assert [a["href"] for a in banners] == ["/chuyen-de/chuyen-de-2024/", "/tam-guong/"]
    assert all(a.img["alt"] for a in banners)
    websites = [a["href"] for a in page.select(".widget--links a")]
    assert "https://tayson.example.vn" in websites
    assert "https://hadong.example.vn" not in websites  # an ended unit's site is gone


def test_topics_tags_and_type_pages(sample_site: Site) -> None:
    topics = soup(sample_site, "chuyen-de/").select(".topic-list a")
    assert len(topics) >= 3
    topic = soup(sample_site, topics[0]["href"])
    assert topic.select_one("h1").get_text() == topics[0].get_text()
    tags = soup(sample_site, "the/").select(".tag-list a")
    assert tags and soup(sample_site, tags[0]["href"]).select(".item-card")
    for segment in ("tin-tuc", "van-ban", "tam-guong"):
        assert soup(sample_site, segment + "/").select(".item-card")


def test_date_archives_and_calendar_data(sample_site: Site) -> None:
    day = soup(sample_site, "luu-tru/2021/11/19/")
    assert day.select_one("h1").get_text() == "Lưu trữ Thứ Sáu, 19/11/2021"
    assert [a["href"] for a in day.select(".item-card__title")] == ["/" + SCHOOL_NEWS]
    month = soup(sample_site, "luu-tru/2021/11/")
    assert "/luu-tru/2021/11/19/" in [a["href"] for a in month.select(".type-tabs a")]
    year = soup(sample_site, "luu-tru/2021/")
    assert "/luu-tru/2021/11/" in [a["href"] for a in year.select(".type-tabs a")]
    calendar = json.loads((sample_site.output / "luu-tru/2021/ngay.json").read_text())
    assert calendar["2021-11-19"] == 1
    assert sum(calendar.values()) == len(year.select(".item-card")) or \
        (sample_site.output / "luu-tru/2021/trang/2/index.html").exists()
    picker = soup(sample_site, "/").select_one("[data-date-picker]")
    assert picker["data-day-url"] == "/luu-tru/{year}/{month}/{day}/"
    fallback = [a["href"] for a in soup(sample_site, "/").select(".archive-years a")]
    assert "/luu-tru/2021/" in fallback and "/luu-tru/2021/11/" in fallback


def test_repeated_and_tone_variant_titles_build_at_their_own_urls(sample_site: Site) -> None:
    twins = sorted((sample_site.output / "tin-tuc/2024").glob("huyen-uy-tay-son-gap-mat-dien-hinh*"))
    assert [p.name for p in twins] == ["huyen-uy-tay-son-gap-mat-dien-hinh-hoc-tap-va-lam-theo-bac",
                                       "huyen-uy-tay-son-gap-mat-dien-hinh-hoc-tap-va-lam-theo-bac-2"]
    yearly = [p.parent.name for p in (sample_site.output / "tin-tuc").glob("*/so-ket-6-thang-*")]
    assert sorted(yearly) == ["2022", "2023"]


def test_drafts_reach_no_output(sample_site: Site) -> None:
    draft = next(p for p in sample_site.content.rglob("*.md") if "Status: draft" in p.read_text())
    title = re.search(r"^Title: (.*)$", draft.read_text(), re.M)[1]
    for file in sample_site.output.rglob("*"):
        if file.suffix in (".html", ".xml", ".json"):
            assert title not in file.read_text(encoding="utf-8"), file


def test_no_broken_internal_links(sample_site: Site) -> None:
    output = sample_site.output
    missing = set()
    for page in html_pages(output):
        for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("[href], [src]"):
            target = tag.get("href") or tag.get("src")
            parsed = urlparse(target)
            if parsed.scheme or parsed.netloc or not parsed.path.startswith("/") or target == "data:,":
                continue
            path = output / parsed.path.lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                missing.add((str(page.relative_to(output)), target))
    assert not missing


def test_sitemap_feeds_and_json_ld(sample_site: Site) -> None:
    output = sample_site.output
    sitemap = ET.parse(output / "sitemap.xml").getroot()
    locations = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    # Every page but the offline page, which the service worker shows in place of a page.
    assert len(locations) == len(html_pages(output)) - 1
    assert "http://127.0.0.1:8000/offline/" not in locations
    assert all(loc.startswith("http://127.0.0.1:8000/") for loc in locations)
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (output / "robots.txt").read_text()
    home_feed = ET.parse(output / "feed.xml").getroot()
    assert len(home_feed.findall(f"{ATOM}entry")) == 20
    for page in html_pages(output):
        blocks = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            'script[type="application/ld+json"]')
        assert len(blocks) == 1
        data = json.loads(blocks[0].string)
        assert data["@context"] == "https://schema.org"


def test_article_page_weighs_little(sample_site: Site) -> None:
    output = sample_site.output
    page = output / NEW_GUIDANCE / "index.html"
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="(/theme/[^"]+)"', html)
    weight = len(html.encode()) + sum((output / a.lstrip("/")).stat().st_size for a in assets)
    assert weight < 100_000, weight


def test_builds_are_stable(sample_site: Site, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = run_portal("build", "--output", str(again))
    assert result.returncode == 0, result.stderr
    first = sorted(p.relative_to(sample_site.output) for p in sample_site.output.rglob("*"))
    second = sorted(p.relative_to(again) for p in again.rglob("*"))
    assert first == second


@pytest.mark.parametrize("args", [["build", "--help"], ["check", "--help"], ["serve", "--help"]])
def test_every_verb_has_help(args: list[str]) -> None:
    result = run_portal(*args)
    assert result.returncode == 0
    assert "usage: portal" in result.stdout


def test_check_passes_on_the_sample_with_the_draft_warning() -> None:
    result = run_portal("check")
    assert result.returncode == 0, result.stdout
    assert "cảnh báo: Bản nháp: không xuất bản." in result.stdout
    assert "Nội dung hợp lệ: 29 bài" in result.stdout
