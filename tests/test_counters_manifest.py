"""The portal.build.counters_manifest plugin: every page's counter id, and output/counters.json."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from sitekit import Site, item, make_site


def manifest(site: Site) -> dict:
    return json.loads((site.output / "counters.json").read_text(encoding="utf-8"))


def body(site: Site, url: str) -> dict[str, str]:
    tag = BeautifulSoup(site.page(url), "html.parser").body
    assert tag is not None
    return {key: str(value) for key, value in tag.attrs.items()}


def test_items_pages_and_drafts_in_the_manifest(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.write("news/huyen-a/2024/co-id.md",
               item("Bài có Id", "02/03/2024", "huyen-a", id="tin-2024-0001"))
    site.write("news/huyen-a/2024/khong-id.md", item("Bài không có Id", "03/03/2024", "huyen-a"))
    site.write("news/huyen-a/2024/nhap.md",
               item("Bài nháp", "04/03/2024", "huyen-a", id="nhap-1", status="draft"))
    result = site.build()
    assert result.returncode == 0, result.stderr
    data = manifest(site)
    assert data["items"] == {
        "tin-2024-0001": {"title": "Bài có Id", "url": "/tin-tuc/2024/bai-co-id/"},
        "news/huyen-a/2024/khong-id": {"title": "Bài không có Id",
                                       "url": "/tin-tuc/2024/bai-khong-co-id/"},
    }
    assert {"page:/", "page:/tin-tuc/", "page:/don-vi/huyen-a/", "page:/luu-tru/2024/03/"} \
        <= set(data["pages"])
    assert not any("nhap" in page for page in data["pages"])
    assert body(site, "tin-tuc/2024/bai-co-id/")["data-counter-page"] == "tin-2024-0001"
    assert body(site, "tin-tuc/2024/bai-khong-co-id/")["data-counter-page"] == \
        "news/huyen-a/2024/khong-id"


def test_a_new_title_keeps_the_id(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.write("news/huyen-a/2024/bai.md", item("Tên cũ", "02/03/2024", "huyen-a", id="tin-9"))
    assert site.build().returncode == 0
    assert manifest(site)["items"]["tin-9"]["url"] == "/tin-tuc/2024/ten-cu/"
    site.write("news/huyen-a/2024/bai.md", item("Tên mới", "02/03/2024", "huyen-a", id="tin-9"))
    assert site.build().returncode == 0
    assert manifest(site)["items"] == {"tin-9": {"title": "Tên mới", "url": "/tin-tuc/2024/ten-moi/"}}
    assert body(site, "tin-tuc/2024/ten-moi/")["data-counter-page"] == "tin-9"


def test_every_page_has_an_id_the_manifest_accepts(sample_site: Site) -> None:
    data = manifest(sample_site)
    accepted = set(data["items"]) | set(data["pages"])
    seen = set()
    for page in sample_site.output.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.body is not None
        page_id = soup.body["data-counter-page"]
        assert page_id in accepted, page
        assert soup.body["data-counter-api"] == "/api/"
        assert not soup.body.has_attr("data-counter-automated")
        seen.add(page_id)
    assert seen == accepted
    assert body(sample_site, "tin-tuc/trang/2/")["data-counter-page"] == "page:/tin-tuc/"


def test_counter_areas_are_in_the_page_hidden_until_the_script_fills_them(
        sample_site: Site) -> None:
    url = next(entry["url"] for entry in manifest(sample_site)["items"].values())
    soup = BeautifulSoup(sample_site.page(url), "html.parser")
    areas = {area["data-counters"]: area for area in soup.select("[data-counters]")}
    assert set(areas) == {"visits", "popular", "page"}
    assert all(area.has_attr("hidden") for area in areas.values())
    assert "Số lượt truy cập" in areas["visits"].get_text()
    assert "khách online" in areas["visits"].get_text()
    assert "Số lần xem các bài viết" in areas["visits"].get_text()
    assert "Xem nhiều nhất" in areas["popular"].get_text()
    assert "Số lượt người xem" in areas["page"].get_text()
    assert soup.select_one('script[src="/theme/js/counters.js"][type="module"]') is not None
    home = BeautifulSoup(sample_site.page(""), "html.parser")
    assert {a["data-counters"] for a in home.select("[data-counters]")} == {"visits", "popular"}
