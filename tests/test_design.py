"""The portal as a reader sees it on a 360 px phone and a 1280 px screen, in real Chromium: a
compact header, no sideways scrolling, no layout shift, styled links between pages, and a
menu that opens with and without JavaScript. Screenshots of each page type are kept in
tests/.artifacts/screens/ for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from sitekit import ROOT, Site
from test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

SCREENS = ROOT / "tests" / ".artifacts" / "screens"
WIDTHS = (360, 1280)
MAX_PHONE_HEADER = 200
MAX_LAYOUT_SHIFT = 0.05
# Sums the layout shifts a reader did not cause, from the first paint on.
LAYOUT_SHIFT = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


def _first(site: Site, pattern: str, having: str = "") -> str:
    found = [path for path in sorted(site.output.glob(pattern))
             if having in path.read_text(encoding="utf-8")]
    assert found, pattern
    return "/" + found[0].parent.relative_to(site.output).as_posix() + "/"


@pytest.fixture(scope="module")
def page_types(sample_site: Site) -> dict[str, str]:
    return {
        "home": "/",
        "news": _first(sample_site, "tin-tuc/*/*/index.html", having="item-neighbours__older"),
        "guidance": _first(sample_site, "van-ban/*/*/index.html"),
        "exemplar": _first(sample_site, "tam-guong/*/*/index.html"),
        "unit": "/don-vi/tinh-uy-son-ha/",
        "topic": _first(sample_site, "chuyen-de/*/index.html"),
        "day-archive": "/luu-tru/2021/11/",
        "search": "/tim-kiem/?q=h%E1%BB%8Dc+t%E1%BA%ADp",
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(browser: Browser, base_url: str, width: int, javascript: bool = True) -> Page:
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 740},
                                  java_script_enabled=javascript)
    context.add_init_script(LAYOUT_SHIFT)
    return context.new_page()


@pytest.mark.parametrize("width", WIDTHS)
def test_each_page_type_fits_the_screen_without_shifting(browser: Browser, sample_server: str,
                                                         page_types: dict[str, str],
                                                         width: int) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = _open(browser, sample_server, width)
    problems = []
    for name, url in page_types.items():
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(300)
        page.screenshot(path=SCREENS / f"{name}-{width}.png", full_page=True)
        header = page.locator(".site-header").bounding_box()
        assert header is not None
        if width < 400 and header["height"] > MAX_PHONE_HEADER:
            problems.append(f"{name}: header {header['height']:.0f} px tall")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"{name}: {scroll} px wide")
        shift = page.evaluate("window.__shift")
        if shift > MAX_LAYOUT_SHIFT:
            problems.append(f"{name}: layout shift {shift:.3f}")
        expect(page.locator("h1"), name).to_have_count(1)
        expect(page.locator("h1"), name).to_be_visible()
    page.context.close()
    assert problems == []


def test_links_between_pages_are_styled_as_controls(browser: Browser, sample_server: str,
                                                    page_types: dict[str, str]) -> None:
    page = _open(browser, sample_server, 360)
    page.goto("/")
    for selector in (".pagination a[rel=next]", ".item-terms a"):
        if selector == ".item-terms a":
            page.goto(page_types["news"])
        link = page.locator(selector).first
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44, selector  # a target a thumb can hit
        style = link.evaluate("a => [getComputedStyle(a).borderTopStyle, getComputedStyle(a).display]")
        assert style[0] != "none" and style[1] != "inline", selector
    page.goto(page_types["news"])
    for label in ("Tin đã đưa",):
        expect(page.locator(".item-neighbours li", has_text=label)).to_be_visible()
    page.goto(page_types["guidance"])
    expect(page.locator(".item-neighbours")).not_to_contain_text("Tin")
    expect(page.get_by_role("button", name="In văn bản")).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_phone_menu_opens_the_sections(browser: Browser, sample_server: str,
                                           javascript: bool) -> None:
    page = _open(browser, sample_server, 360, javascript=javascript)
    page.goto("/")
    sections = page.get_by_role("navigation", name="Chuyên mục")
    expect(sections).to_be_hidden()
    expect(page.get_by_role("search")).to_be_visible()  # search stays in the header
    menu = page.get_by_role("button" if javascript else "link", name="Menu")
    menu.click()
    expect(sections).to_be_visible()
    if javascript:
        expect(menu).to_have_attribute("aria-expanded", "true")
        page.keyboard.press("Escape")
        expect(sections).to_be_hidden()
        expect(menu).to_be_focused()
        menu.click()
    sections.get_by_role("link", name="Văn bản chỉ đạo").click()
    page.wait_for_url("**/van-ban/")
    expect(page.locator("h1")).to_have_text("Văn bản chỉ đạo")
    page.context.close()


def test_home_has_a_lead_story_and_a_block_per_section(browser: Browser,
                                                       sample_server: str) -> None:
    page = _open(browser, sample_server, 1280)
    page.goto("/")
    expect(page.locator(".lead-story h2 a")).to_be_visible()
    for title in ("Văn bản chỉ đạo", "Tấm gương điển hình", "Tin từ các đơn vị"):
        block = page.locator(".home-section", has=page.get_by_role("heading", name=title))
        expect(block).to_be_visible()
        assert block.locator("li a").count() >= 1, title
    expect(page.locator(".unit-block").first).to_be_visible()
    expect(page.locator(".masthead__emblem")).to_be_visible()
    expect(page.locator("[data-today]")).to_contain_text("Hôm nay")
    page.context.close()

