"""The search page in headless Chromium: from the header box, typing, filtering, paging, Back,
following a result, all from the keyboard; the empty and no-result states; no JavaScript."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from axekit import axe_violations

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser: Browser, base: str, javascript: bool = True) -> Page:
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
    host = urlsplit(base).netloc

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).netloc != host:
            raise AssertionError(f"request to another host: {route.request.url}")
        route.continue_()

    context.route("**/*", guard)
    return context.new_page()


def tab_to(page: Page, selector: str, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until ``selector`` has the focus."""
    for _ in range(60):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"Tab never reached {selector}")


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def result_titles(page: Page) -> list[str]:
    return page.locator(".search-results .item-card__title").all_inner_texts()


def test_search_from_the_header_with_filters_pages_back_and_a_result_by_keyboard(
        browser: Browser, sample_server: str) -> None:
    page = _page(browser, sample_server)
    page.goto(sample_server + "/")
    tab_to(page, "#site-search")
    page.keyboard.type("hoc tap lam theo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=hoc\+tap\+lam\+theo$"))
    results = page.locator(".search-results > li")
    expect(results).to_have_count(10)
    expect(page.locator("[data-search-status]")).to_contain_text("Kết quả 1–10 cho «hoc tap lam theo»")
    assert page.locator(".search-results mark").first.inner_text().lower() in {"học", "tập", "làm", "theo"}
    expect(page.locator("#search-q")).to_have_value("hoc tap lam theo")
    first_page = result_titles(page)

    tab_to(page, "a[rel=next]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-search-status]")).to_contain_text("Kết quả 11–")
    assert query_of(page)["trang"] == ["2"]
    assert page.evaluate("document.activeElement.matches('[data-search-status]')")
    assert not set(result_titles(page)) & set(first_page)

    page.go_back()
    expect(page.locator("[data-search-status]")).to_contain_text("Kết quả 1–10")
    assert result_titles(page) == first_page

    tab_to(page, "#search-type", backwards=True)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#search-type")).to_have_value("guidance")
    tab_to(page, ".search-filters__apply button")
    page.keyboard.press("Enter")
    expect(page.locator("[data-search-status]")).to_contain_text("cho «hoc tap lam theo»")
    assert query_of(page)["loai"] == ["guidance"]
    metas = page.locator(".search-results .item-card__meta").all_inner_texts()
    assert metas and all("Văn bản" in meta for meta in metas)

    tab_to(page, ".search-results .item-card__title")
    title = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/van-ban/\d{4}/[^/]+/$"))
    expect(page.locator("h1.item-title")).to_have_text(title)
    page.go_back()
    expect(page.locator("#search-type")).to_have_value("guidance")
    page.context.close()


def test_filters_by_unit_with_its_descendants_topic_and_dates(browser: Browser, sample_server: str) -> None:
    page = _page(browser, sample_server)
    page.goto(sample_server + "/tim-kiem/?q=làm+theo")
    expect(page.locator(".search-results > li").first).to_be_visible()
    page.select_option("#search-unit", "huyen-uy-ha-dong")
    page.fill("#search-from", "1/1/2021")
    page.fill("#search-to", "31.12.2021")
    page.locator(".search-filters__apply button").click()
    expect(page.locator("[data-search-status]")).to_contain_text("Kết quả 1–")
    metas = page.locator(".search-results .item-card__meta").all_inner_texts()
    assert any("Đảng uỷ xã An Phú" in meta for meta in metas)
    assert all("/2021" in meta for meta in metas)
    assert query_of(page) == {"q": ["làm theo"], "don-vi": ["huyen-uy-ha-dong"], "tu": ["2021-01-01"],
                              "den": ["2021-12-31"]}
    expect(page.locator("#search-from")).to_have_value("01/01/2021")
    page.fill("#search-to", "31/02/2021")
    page.locator(".search-filters__apply button").click()
    expect(page.locator("[data-search-dates-error]")).to_have_text(
        "Ngày «31/02/2021» không đúng. Hãy gõ ngày theo dạng ngày/tháng/năm, ví dụ 01/05/2024.")
    expect(page.locator("#search-to")).to_have_attribute("aria-invalid", "")
    assert query_of(page)["den"] == ["2021-12-31"]
    page.fill("#search-to", "31/12/2021")
    page.select_option("#search-topic", "chuyen-de-2023")
    page.locator(".search-filters__apply button").click()
    expect(page.locator("[data-search-status]")).to_contain_text("Không tìm thấy kết quả")
    expect(page.locator("[data-search-none]")).to_be_visible()
    page.locator("[data-search-unfiltered] a").click()
    expect(page.locator("[data-search-status]")).to_contain_text("Kết quả 1–10 cho «làm theo»")
    page.context.close()


def test_a_document_number_first_empty_and_no_result_states_and_accessibility(
        browser: Browser, sample_server: str) -> None:
    page = _page(browser, sample_server)
    page.goto(sample_server + "/tim-kiem/?q=48+KH+HU")
    expect(page.locator(".search-results > li")).not_to_have_count(0)
    assert page.locator(".search-results .item-card__meta mark").first.inner_text() == "48-KH/HU"
    assert axe_violations(page) == []
    page.goto(sample_server + "/tim-kiem/")
    expect(page.locator("[data-search-empty]")).to_be_visible()
    expect(page.locator(".search-results > li")).to_have_count(0)
    page.fill("#search-q", "zzzyyyxxx")
    page.keyboard.press("Enter")
    expect(page.locator("[data-search-status]")).to_have_text("Không tìm thấy kết quả cho «zzzyyyxxx».")
    expect(page.locator("[data-search-none]")).to_be_visible()
    expect(page.locator("[data-search-unfiltered]")).to_be_hidden()
    page.context.close()


def test_without_javascript_the_page_leads_to_the_listings(browser: Browser, sample_server: str) -> None:
    page = _page(browser, sample_server, javascript=False)
    page.goto(sample_server + "/")
    page.fill("#site-search", "học tập")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q="))
    expect(page.locator("[data-search-nojs]")).to_be_visible()
    expect(page.locator("[data-search-form]")).to_be_hidden()
    expect(page.locator("[data-search-output]")).to_be_hidden()
    for heading in ("Theo chuyên đề", "Theo đơn vị", "Theo loại bài", "Theo thời gian"):
        expect(page.locator("[data-search-nojs] h3", has_text=heading)).to_be_visible()
    page.locator("[data-search-nojs] a", has_text="Huyện uỷ Hà Đông").click()
    page.wait_for_url(sample_server + "/don-vi/huyen-uy-ha-dong/")
    expect(page.locator("h1")).to_contain_text("Hà Đông")
    page.go_back()
    page.locator("[data-search-nojs] a", has_text="Lưu trữ theo thời gian").click()
    page.wait_for_url(sample_server + "/luu-tru/")
    page.context.close()
