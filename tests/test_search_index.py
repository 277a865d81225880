"""Search on the sample portal: what is indexed, the search page, the header box on every page,
queries as readers type them (the browser's engine) and ``portal search``."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from typing import Any

import pytest
from bs4 import BeautifulSoup

from portal.search.documents import SearchDocument, read_documents
from portal.search.manifest import data_folder
from searchkit import BruteForce, browser_search, documents
from sitekit import PORTAL, ROOT, Site, run_portal

DRAFT_TITLE = "Chi bộ thôn Bến Đò: bài viết đang biên tập"


@pytest.fixture(scope="module")
def items(sample_site: Site) -> list[SearchDocument]:
    return documents(sample_site.output)


def ranked(site: Site, *queries: dict[str, Any]) -> list[list[int]]:
    answers = browser_search(site.output, [{"count": 100, **query} for query in queries])
    return [[doc for doc, _ in answer["results"]] for answer in answers]


def test_every_published_item_is_indexed_from_its_page_without_chrome_nor_drafts(
        sample_site: Site, items: list[SearchDocument]) -> None:
    published = {path.relative_to(sample_site.output).as_posix().removesuffix("index.html")
                 for segment in ("tin-tuc", "van-ban", "tam-guong")
                 for path in (sample_site.output / segment).glob("[12]*/*/index.html")}
    assert {item.url for item in items} == published
    assert [item.doc for item in items] == list(range(len(items)))
    assert [item.day for item in items] == sorted((item.day for item in items), reverse=True)
    assert all(item.title != DRAFT_TITLE and "Bản nháp" not in item.body for item in items)
    plan = next(item for item in items if item.number == "48-KH/HU" and item.unit == "huyen-uy-ha-dong")
    assert plan.body.startswith("Mục tiêu Đến hết năm 2021")
    assert plan.units == ("huyen-uy-ha-dong", "tinh-uy-son-ha")
    for item in items:
        assert "Bỏ qua đến nội dung" not in item.body and "Mới nhất" not in item.body
    index = sample_site.output / "tim-kiem/index"
    assert not any(DRAFT_TITLE in path.read_text(encoding="utf-8") for path in index.rglob("*.json"))
    data = data_folder(sample_site.output)
    assert (data / "pipeline.err").read_text() == ""


def test_indexed_text_is_the_text_of_each_rendered_body(sample_site: Site,
                                                      items: list[SearchDocument]) -> None:
    sources = read_documents(data_folder(sample_site.output) / "sources.jsonl")
    for source, item in zip(sources, items, strict=True):
        assert item.body == BeautifulSoup(source.body, "html.parser").get_text(" ", strip=True)


def test_header_search_box_on_every_page_leads_to_the_search_page(sample_site: Site) -> None:
    pages = sorted(sample_site.output.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        form = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            "header form.search-form[role=search]")
        assert form is not None and form["action"] == "/tim-kiem/", page
        assert form.select_one("input[type=search][name=q]")["id"] == "site-search"


def test_search_page_without_javascript_links_every_topic_unit_type_and_year(sample_site: Site) -> None:
    page = BeautifulSoup(sample_site.page("tim-kiem/"), "html.parser")
    notice = page.select_one("noscript [data-search-nojs]")
    assert "cần JavaScript" in notice.get_text()
    links = {a["href"] for a in notice.select("a")}
    assert links >= {"/luu-tru/", "/luu-tru/2021/", "/tin-tuc/", "/van-ban/", "/tam-guong/"}
    assert {f"/don-vi/{slug}/" for slug in ("tinh-uy-son-ha", "huyen-uy-ha-dong")} <= links
    assert sum(href.startswith("/chuyen-de/") for href in links) >= 3
    assert page.select_one("head noscript link[rel=stylesheet]")["href"] == "/theme/css/search-nojs.css"
    assert not page.select_one("[data-search-form]").has_attr("hidden")
    manifest = json.loads(page.select_one("[data-search-page]")["data-manifest"])
    assert manifest["base"] == "/tim-kiem/index/"
    assert [slug for slug, _, _ in manifest["units"]][:2] == ["tinh-uy-son-ha", "huyen-uy-ha-dong"]
    assert page.select_one('script[src="/theme/js/search.js"]')["type"] == "module"
    bundle = (sample_site.output / "theme/js/search.js").read_text(encoding="utf-8")
    assert "import " not in bundle and "class SearchIndex" in bundle and "function retone" in bundle


def test_queries_typed_with_or_without_marks_upper_case_nfd_or_old_tones(sample_site: Site) -> None:
    marked, bare, upper, nfd, new, old = ranked(
        sample_site, {"q": "học tập làm theo"}, {"q": "hoc tap lam theo"}, {"q": "HỌC TẬP LÀM THEO"},
        {"q": unicodedata.normalize("NFD", "học tập làm theo")}, {"q": "huyện uỷ tây sơn"},
        {"q": "huyện ủy tây sơn"})
    assert len(marked) > 10
    assert set(bare) == set(marked) and bare != marked
    assert upper == marked and nfd == marked
    assert old == new


def test_exact_marks_rank_above_folded_matches(sample_site: Site, items: list[SearchDocument]) -> None:
    from portal.search.terms import words

    exact, folded = ranked(sample_site, {"q": "đảng"}, {"q": "dang"})
    assert set(exact) == set(folded)
    with_word = [item.doc for item in items if "đảng" in words(" ".join(item.texts))[0]]
    without = [doc for doc in exact if doc not in with_word]
    assert without and max(exact.index(doc) for doc in with_word) < min(exact.index(d) for d in without)


def test_a_document_number_typed_any_common_way_comes_first(sample_site: Site,
                                                            items: list[SearchDocument]) -> None:
    numbered = {item.doc for item in items if item.number == "48-KH/HU"}
    assert len(numbered) == 2
    for found in ranked(sample_site, {"q": "48-KH/HU"}, {"q": "48 KH HU"}, {"q": "kế hoạch 48-kh/hu"}):
        assert set(found[:2]) == numbered


def test_each_filter(sample_site: Site, items: list[SearchDocument]) -> None:
    by_doc = {item.doc: item for item in items}
    unit, kind, topic, year = ranked(
        sample_site, {"q": "làm theo", "unit": "huyen-uy-ha-dong"}, {"q": "làm theo", "type": "guidance"},
        {"q": "làm theo", "topic": "chuyen-de-2023"},
        {"q": "làm theo", "from": "2021-01-01", "to": "2021-12-31"})
    assert {by_doc[doc].unit for doc in unit} >= {"huyen-uy-ha-dong", "dang-uy-xa-an-phu"}
    assert all("huyen-uy-ha-dong" in by_doc[doc].units for doc in unit)
    assert kind and all(by_doc[doc].type == "guidance" for doc in kind)
    assert topic and all("chuyen-de-2023" in by_doc[doc].topics for doc in topic)
    assert year and all(by_doc[doc].day.startswith("2021-") for doc in year)
    brute = BruteForce(items)
    expected = [doc for doc, _ in brute.ranked("làm theo", lambda item: item.day.startswith("2021-"))]
    assert year == expected


def test_pages_of_results_follow_each_other(sample_site: Site) -> None:
    first, second = browser_search(sample_site.output, [{"q": "bác"}, {"q": "bác", "from_rank": 10}])
    everything = ranked(sample_site, {"q": "bác"})[0]
    assert first["more"] and len(first["results"]) == 10
    assert [doc for doc, _ in first["results"] + second["results"]] == everything[:20]


def test_portal_search_with_fields_ranges_phrases_and_explain(sample_site: Site,
                                                             items: list[SearchDocument]) -> None:
    from portal.search.terms import words

    def wanted(item: SearchDocument) -> bool:
        folded = " ".join(words(" ".join(item.texts))[1])
        return ("huyen-uy-ha-dong" in item.units and item.type == "news"
                and "2021-01-01" <= item.day <= "2025-12-31" and "lam theo" in folded)

    best = BruteForce(items).ranked("học tập làm theo", wanted)[0][0]
    result = run_portal("search", "--output", str(sample_site.output), "--explain", "--limit", "3",
                        "học tập", "unit:huyen-uy-ha-dong", "type:news", "date:2021..2025-12",
                        '"làm theo"')
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("kết quả cho «học tập unit:huyen-uy-ha-dong type:news date:2021..2025-12 "
                             '"làm theo"»')
    assert lines[2].startswith(f"1. {items[best].title}  [điểm ")
    assert "Tin tức" in lines[3] and f"/{items[best].url}" == lines[4].strip()
    assert any("[làm] [theo]" in line for line in lines)
    assert any("~hoc tap" in line and "idf=" in line and "body tf=" in line for line in lines)
    assert "recomputed" not in result.stdout
    number = run_portal("search", "--output", str(sample_site.output), "48 kh hu")
    assert "Kế hoạch" in number.stdout.splitlines()[2] and "48-KH/HU" in number.stdout.splitlines()[3]


@pytest.mark.parametrize(("lang", "flt", "form"), [
    ("vi", "date:2021-13", "Dạng đúng: date:2021, date:2021-05, date:2021-05-19"),
    ("en", "date:2021-13", "Accepted form: date:2021, date:2021-05, date:2021-05-19"),
    ("vi", "date:2021-02-30", "date:2021-01-01..2021-12-31"),
    ("vi", "date:hôm-qua", "date:2021-01-01..2021-12-31"),
    ("en", "date:2022..2021", "either end may be left out"),
    ("vi", "type:blog", "type:news, type:guidance hoặc type:exemplar"),
    ("en", "unit:", "unit:<unit slug>"),
    ("vi", "unit:Ha", "unit:<mã đơn vị>"),
])
def test_portal_search_with_a_malformed_filter_names_it_and_its_form(sample_site: Site, lang: str,
                                                                    flt: str, form: str) -> None:
    wrong = run_portal("search", "--output", str(sample_site.output), "học tập", flt, lang=lang)
    assert wrong.returncode == 2
    assert f"«{flt}»" in wrong.stderr and form in wrong.stderr and "Traceback" not in wrong.stderr
    assert ("không đúng" if lang == "vi" else "is malformed") in wrong.stderr
    assert wrong.stdout == ""


def test_portal_search_before_any_build_says_what_to_do(tmp_path: Any) -> None:
    result = run_portal("search", "--output", str(tmp_path / "output"), "học tập")
    assert result.returncode == 1 and "portal build" in result.stdout
    assert not data_folder(tmp_path / "output").exists()


def test_portal_search_piped_into_a_reader_that_stops_early_ends_quietly(sample_site: Site) -> None:
    """`portal search ... | head -1`: the output the reader no longer takes is dropped, without
    a traceback. Here the reader stops before the first line."""
    search = subprocess.Popen([str(PORTAL), "search", "--output", str(sample_site.output), "--explain",
                               "đảng"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert search.stdout is not None and search.stderr is not None
    search.stdout.close()
    assert search.wait(timeout=120) == 0
    assert search.stderr.read() == ""
