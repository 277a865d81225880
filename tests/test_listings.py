"""Listing plugins on a tiny site: unit sections, related items, neighbours, pagination."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit import Site, item, make_site


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("tiny"))
    for day in range(1, 13):
        unit = "xa-a1" if day % 2 else "huyen-a"
        topics = {"Topics": "chuyen-de-2021"} if day == 6 else {}
        site.write(f"news/{unit}/2021/tin-{day}.md",
                   item(f"Tin số {day}", f"{day:02d}/03/2021 08:00", unit,
                        Tags="sơ kết" if day % 3 == 0 else "học tập", **topics))
    site.write("news/truong/2021/tin-truong.md",
               item("Tin của trường", "2021-03-05 09:00", "truong", Tags="sơ kết"))
    site.write("news/huyen-b/2024/tin-b.md", item("Tin huyện B", "2024-01-02", "huyen-b"))
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def cards(site: Site, url: str) -> list[str]:
    page = BeautifulSoup(site.page(url), "html.parser")
    return [a.get_text() for a in page.select(".item-card__title")]


def test_unit_section_rolls_up_descendants_paginated(tiny: Site) -> None:
    first, second = cards(tiny, "don-vi/huyen-a/"), cards(tiny, "don-vi/huyen-a/trang/2/")
    assert first == [f"Tin số {d}" for d in range(12, 2, -1)]
    assert second == ["Tin số 2", "Tin số 1"]
    assert cards(tiny, "don-vi/xa-a1/") == [f"Tin số {d}" for d in range(11, 0, -2)]
    assert len(cards(tiny, "don-vi/tinh-uy/")) == 10


def test_neighbours_related_and_other_items(tiny: Site) -> None:
    page = BeautifulSoup(tiny.page("tin-tuc/2021/tin-so-6/"), "html.parser")
    neighbours = [a.get_text() for a in page.select(".item-neighbours a")]
    assert neighbours == ["Tin số 7", "Tin của trường"]
    related = [a.get_text() for a in page.select(".related a")]
    assert "Tin số 6" not in related
    assert related[0] in ("Tin số 3", "Tin số 9", "Tin số 12")  # shares the tag and the unit
    others = [a.get_text() for a in page.select(".others a")]
    assert others and all(o in ("Tin số 4", "Tin số 2") for o in others)


def test_empty_topic_and_type_pages_say_so(tiny: Site) -> None:
    page = BeautifulSoup(tiny.page("tam-guong/"), "html.parser")
    assert "Chưa có bài viết" in page.select_one(".empty").get_text()


def test_each_listing_has_its_feed(tiny: Site) -> None:
    for url in ("", "tin-tuc/", "don-vi/huyen-a/", "chuyen-de/chuyen-de-2021/", "the/so-ket/"):
        assert (tiny.output / url / "feed.xml").is_file(), url
    assert not (Path(tiny.output) / "don-vi/huyen-a/van-ban").exists()
