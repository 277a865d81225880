"""Headless Chromium reads the sample portal: pages, reading tools, date picker, sharing, print,
no JavaScript, accessibility (axe-core), narrow screens, and no request to any other host."""

from __future__ import annotations

import calendar
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright

from axekit import add_axe, axe_violations
from sitekit import Site

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
UNIT_URL = "/don-vi/tinh-uy-son-ha/"
MONTH_URL = "/luu-tru/2021/11/"
PAGES = ["home", "item", "guidance", "unit", "day"]
MORE_PAGES = ["/don-vi/", "/luu-tru/", "/luu-tru/2021/", MONTH_URL, "/chuyen-de/", "/the/", "/van-ban/"]

SHARE_STUB = """
window.__shared = [];
Object.defineProperty(Navigator.prototype, "share", {configurable: true, writable: true,
  value: function (data) { window.__shared.push(data); return Promise.resolve(); }});
Object.defineProperty(Navigator.prototype, "canShare", {configurable: true, writable: true,
  value: () => true});
"""
PRINT_STUB = "window.__printed = 0; window.print = () => { window.__printed += 1; };"
FOCUS_STATE = """() => [document.activeElement.dataset.date, document.activeElement.tabIndex,
  document.querySelectorAll(".dp-grid button[tabindex='0']").length]"""
STORED = "[localStorage.getItem('portal.fontScale'), localStorage.getItem('portal.contrast')]"
DATETIMES = "els => els.map((e) => e.getAttribute('datetime'))"
HREFS = "els => els.map((e) => e.getAttribute('href'))"
STATUSES = "hrefs => Promise.all(hrefs.map(async (h) => [h, (await fetch(h)).status]))"


@dataclass(frozen=True)
class SamplePage:
    url: str
    title: str
    is_item: bool
    day: str = ""


class Reader:
    """Opens pages of the sample portal; every request that does not go to the local server is
    recorded and aborted, and every uncaught script error is recorded. Pages that keep no state
    between tests (``default``, ``narrow``, ``no_js``) are opened once for the module."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc
        self.local: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.contexts: list[BrowserContext] = []
        self.shared: dict[str, Page] = {}

    def context(self, *, width: int = 1280, javascript: bool = True, init_script: str = "",
                **options: Any) -> BrowserContext:
        context = self.browser.new_context(
            base_url=self.base_url, viewport={"width": width, "height": 900},
            java_script_enabled=javascript, **options)
        context.route("**/*", self._guard)
        if init_script:
            context.add_init_script(init_script)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))
        self.contexts.append(context)
        return context

    def page(self, **options: Any) -> Page:
        """A page in a context of its own, closed at the end of the test."""
        return self.context(**options).new_page()

    def _shared(self, name: str, **options: Any) -> Page:
        if name not in self.shared:
            context = self.context(**options)
            self.contexts.remove(context)
            self.shared[name] = context.new_page()
        return self.shared[name]

    @property
    def default(self) -> Page:
        return self._shared("default")

    @property
    def narrow(self) -> Page:
        return self._shared("narrow", width=320)

    @property
    def no_js(self) -> Page:
        return self._shared("no_js", javascript=False)

    def _guard(self, route: Route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme == "data" or (parts.scheme == "http" and parts.netloc == self.host):
            self.local.append(route.request.url)
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def start_test(self) -> None:
        self.local.clear()
        self.foreign.clear()
        self.errors.clear()

    def end_test(self) -> None:
        while self.contexts:
            self.contexts.pop().close()

    def close(self) -> None:
        self.end_test()
        for page in self.shared.values():
            page.context.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def module_reader(browser: Browser, sample_server: str) -> Iterator[Reader]:
    reader = Reader(browser, sample_server)
    yield reader
    reader.close()


@pytest.fixture
def reader(module_reader: Reader) -> Iterator[Reader]:
    module_reader.start_test()
    yield module_reader
    module_reader.end_test()
    assert module_reader.local, "the request guard saw no request"
    assert module_reader.foreign == [], f"requests to other hosts: {module_reader.foreign}"
    assert module_reader.errors == [], f"script errors: {module_reader.errors}"


def _soup(site: Site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url), "html.parser")


def _h1(soup: BeautifulSoup) -> str:
    heading = soup.select_one("main h1") or soup.select_one("h1 .masthead__long")  # home: the masthead
    assert heading is not None
    return heading.get_text(strip=True)


@pytest.fixture(scope="module")
def pages(sample_site: Site) -> dict[str, SamplePage]:
    home = _soup(sample_site, "/")
    card = home.select_one(".item-card__title")
    assert card is not None
    guidance = next(path for path in sorted(sample_site.output.glob("van-ban/*/*/index.html"))
                    if 'class="attachments"' in path.read_text(encoding="utf-8"))
    guidance_url = "/" + guidance.parent.relative_to(sample_site.output).as_posix() + "/"
    units = tomllib.loads((sample_site.content / "units.toml").read_text(encoding="utf-8"))["unit"]
    unit_name = next(unit["name"] for unit in units if f"/don-vi/{unit['slug']}/" == UNIT_URL)
    day_link = _soup(sample_site, MONTH_URL).select_one(".type-tabs a")
    assert day_link is not None
    day_url = str(day_link["href"])
    day = date(*(int(part) for part in day_url.strip("/").split("/")[1:]))
    return {
        "home": SamplePage("/", _h1(home), False),
        "item": SamplePage(str(card["href"]), card.get_text(strip=True), True),
        "guidance": SamplePage(guidance_url, _h1(_soup(sample_site, guidance_url)), True),
        "unit": SamplePage(UNIT_URL, unit_name, False),
        "day": SamplePage(day_url, f"{day:%d/%m/%Y}", False, day.isoformat()),
    }


def _check_page(page: Page, sample: SamplePage) -> None:
    """The page shows its title and its content: an item's body, or a listing's items."""
    response = page.goto(sample.url)
    assert response is not None and response.status == 200
    heading = page.locator("h1")
    expect(heading).to_be_visible()
    expect(heading).to_contain_text(sample.title)
    if sample.is_item:
        expect(page.locator(".item-body")).to_be_visible()
        assert page.locator(".item-body").inner_text().strip()
    else:
        cards = page.locator("main .item-list > .item-card")
        expect(cards.first).to_be_visible()
        expect(cards.first.locator(".item-card__title")).to_be_visible()
        for value in cards.locator("time").evaluate_all(DATETIMES) if sample.day else []:
            assert value.startswith(sample.day)
    if sample.url.startswith("/van-ban/"):
        expect(page.locator(".document-facts")).to_be_visible()
        expect(page.locator(".attachments a").first).to_be_visible()


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_title_content_and_today(reader: Reader, pages: dict[str, SamplePage], name: str) -> None:
    page = reader.default
    before = date.today()
    _check_page(page, pages[name])
    after = date.today()
    year, month, day = page.evaluate("(() => { const d = new Date(); "
                                     "return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    assert date(year, month, day) in {before, after}
    expect(page.locator("header [data-today]")).to_have_text(f"Hôm nay, ngày {day} tháng {month} năm {year}")
    expect(page.locator("header [data-today]")).to_be_visible()


def test_home_page_first_item_opens(reader: Reader, pages: dict[str, SamplePage]) -> None:
    page = reader.default
    page.goto("/")
    first = page.locator(".item-card__title").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(f"**{pages['item'].url}")
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".item-body")).to_be_visible()


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(total, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _picker_step(day: date, key: str, low: date, high: date) -> date:
    days = {"ArrowLeft": -1, "ArrowRight": 1, "ArrowUp": -7, "ArrowDown": 7,
            "Home": -day.weekday(), "End": 6 - day.weekday()}
    months = {"PageUp": -1, "PageDown": 1, "Shift+PageUp": -12, "Shift+PageDown": 12}
    moved = day + timedelta(days=days[key]) if key in days else _add_months(day, months[key])
    return min(max(moved, low), high)


def _keys_towards(start: date, target: date) -> list[str]:
    months = (target.year - start.year) * 12 + target.month - start.month
    years, months = divmod(abs(months), 12)
    sign = "Up" if target < start else "Down"
    return [f"Shift+Page{sign}"] * years + [f"Page{sign}"] * months


def _arrows_towards(start: date, target: date) -> list[str]:
    gap = (target - start).days
    weeks, rest = divmod(abs(gap), 7)
    vertical, horizontal = ("ArrowDown", "ArrowRight") if gap > 0 else ("ArrowUp", "ArrowLeft")
    return [vertical] * weeks + [horizontal] * rest


def _days_with_items(output: Path) -> dict[date, int]:
    days: dict[date, int] = {}
    for path in output.glob("luu-tru/*/ngay.json"):
        days.update({date.fromisoformat(k): v for k, v in json.loads(path.read_text("utf-8")).items()})
    return days


def test_date_picker_by_keyboard_opens_day(reader: Reader, sample_site: Site) -> None:
    page = reader.default
    page.goto("/")
    picker = page.locator("[data-date-picker]")
    initial = date.fromisoformat(str(picker.get_attribute("data-initial")))
    low = date.fromisoformat(str(picker.get_attribute("data-min")))
    high = date.fromisoformat(str(picker.get_attribute("data-max")))
    days = _days_with_items(sample_site.output)
    target = max(d for d in days if (d.year, d.month) < (initial.year, initial.month) and d >= low)
    page.locator(".dp-grid[aria-busy='false']").wait_for(state="attached")

    page.locator(".dp-next-year").focus()
    page.keyboard.press("Tab")
    focused = page.locator(".dp-day:focus")
    expect(focused).to_have_attribute("data-date", initial.isoformat())

    keys = _keys_towards(initial, target)
    keys += ["Shift+PageUp", "Shift+PageDown", "Home", "End"]
    keys += ["ArrowUp", "ArrowRight", "ArrowDown", "ArrowLeft"]
    day = initial
    for key in keys:
        day = _picker_step(day, key, low, high)
    keys += _arrows_towards(day, target)

    day = initial
    for key in keys:
        page.keyboard.press(key)
        day = _picker_step(day, key, low, high)
        assert page.evaluate(FOCUS_STATE) == [day.isoformat(), 0, 1], f"after {key}"
    assert day == target
    expect(page.locator(".dp-title")).to_have_text(f"Tháng {target.month} năm {target.year}")
    expect(focused).to_have_class(re.compile(r"\bdp-has-items\b"))
    expect(focused).to_have_attribute("aria-label", re.compile(f"có {days[target]} bài viết$"))

    page.keyboard.press("Enter")
    page.wait_for_url(f"**/luu-tru/{target:%Y/%m/%d}/")
    expect(page.locator("h1")).to_contain_text(f"{target:%d/%m/%Y}")
    times = page.locator("main .item-card time")
    expect(times).to_have_count(days[target])
    for value in times.evaluate_all(DATETIMES):
        assert value.startswith(target.isoformat())


def _font_px(page: Page) -> float:
    return float(page.locator(".item-body p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def _press(page: Page, selector: str, key: str) -> None:
    page.locator(selector).focus()
    page.keyboard.press(key)


def test_reading_tools_by_keyboard_are_remembered(reader: Reader, pages: dict[str, SamplePage]) -> None:
    page = reader.page()
    page.goto(pages["guidance"].url)
    html = page.locator("html")
    contrast = page.locator("[data-reading-tools] button[data-contrast]")
    expect(page.locator("[data-reading-tools]")).to_be_visible()
    normal = _font_px(page)

    _press(page, "[data-font='larger']", "Enter")
    expect(html).to_have_attribute("data-font-scale", "1.125")
    larger = _font_px(page)
    assert larger > normal
    _press(page, "[data-font='larger']", "Space")
    assert _font_px(page) > larger
    for key in ["Enter", "Space", "Enter"]:
        _press(page, "[data-font='smaller']", key)
    expect(html).to_have_attribute("data-font-scale", "0.875")
    expect(page.locator("[data-font='smaller']")).to_have_attribute("aria-disabled", "true")
    assert _font_px(page) < normal
    _press(page, "[data-font='reset']", "Space")
    expect(html).not_to_have_attribute("data-font-scale", re.compile(".*"))
    assert _font_px(page) == normal
    _press(page, "[data-font='larger']", "Enter")

    expect(contrast).to_have_attribute("aria-pressed", "false")
    expect(contrast).to_have_text("Tăng tương phản")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    _press(page, "[data-reading-tools] button[data-contrast]", "Enter")
    expect(contrast).to_have_attribute("aria-pressed", "true")
    expect(contrast).to_have_text("Giảm tương phản")
    expect(html).to_have_attribute("data-contrast", "high")
    high_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert high_background != background

    for url in [pages["guidance"].url, pages["home"].url]:
        page.goto(url)
        expect(html).to_have_attribute("data-font-scale", "1.125")
        expect(html).to_have_attribute("data-contrast", "high")
        expect(contrast).to_have_attribute("aria-pressed", "true")
        expect(contrast).to_have_text("Giảm tương phản")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == high_background
    page.goto(pages["guidance"].url)
    assert _font_px(page) == larger
    assert page.evaluate(STORED) == ["1.125", "high"]

    _press(page, "[data-reading-tools] button[data-contrast]", "Space")
    _press(page, "[data-font='reset']", "Enter")
    expect(contrast).to_have_attribute("aria-pressed", "false")
    expect(contrast).to_have_text("Tăng tương phản")
    page.reload()
    expect(html).not_to_have_attribute("data-contrast", re.compile(".*"))
    expect(html).not_to_have_attribute("data-font-scale", re.compile(".*"))
    expect(contrast).to_have_attribute("aria-pressed", "false")
    assert _font_px(page) == normal
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background


def test_share_and_copy_link(reader: Reader, pages: dict[str, SamplePage]) -> None:
    context = reader.context(init_script=SHARE_STUB, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(pages["item"].url)
    title = page.locator("h1").inner_text()
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical and canonical.endswith(pages["item"].url)

    page.get_by_role("button", name="Chia sẻ", exact=True).click()
    page.wait_for_function("window.__shared.length > 0")
    assert page.evaluate("window.__shared") == [{"title": title, "url": canonical}]

    page.get_by_role("button", name="Sao chép liên kết").click()
    expect(page.locator("[data-share-status]")).to_have_text("Đã sao chép liên kết")
    assert page.evaluate("navigator.clipboard.readText()") == canonical


def test_print(reader: Reader, pages: dict[str, SamplePage], tmp_path: Path) -> None:
    page = reader.page(init_script=PRINT_STUB)
    page.goto(pages["guidance"].url)
    print_button = page.get_by_role("button", name="In văn bản")
    expect(print_button).to_be_visible()
    print_button.click()
    assert page.evaluate("window.__printed") == 1

    page.emulate_media(media="print")
    for selector in [".main-nav", ".sidebar", ".reading-tools", ".breadcrumb", ".masthead__today",
                     ".menu-button", ".search-form", ".site-footer",
                     "[data-print]", "[data-share-native]", "[data-copy-link]", ".back-link",
                     ".share-facebook"]:
        expect(page.locator(selector).first, selector).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("h1")).to_have_text(pages["guidance"].title)
    expect(page.locator(".item-body")).to_be_visible()
    expect(page.locator(".attachments a").first).to_be_visible()

    pdf = tmp_path / "item.pdf"
    page.pdf(path=pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 1024


@pytest.mark.parametrize("name", PAGES)
def test_page_without_javascript(reader: Reader, pages: dict[str, SamplePage], sample_site: Site,
                                 name: str) -> None:
    page = reader.no_js
    _check_page(page, pages[name])
    years = sorted((p.parent.name for p in sample_site.output.glob("luu-tru/*/index.html")), reverse=True)
    archive = page.locator(".sidebar .archive-years")
    expect(archive).to_be_visible()
    for year in years:
        expect(archive.get_by_role("link", name=f"Năm {year}", exact=True)).to_be_visible()
    months = archive.locator("a[href^='/luu-tru/'][href$='/'][aria-label^='Tháng']")
    assert months.count() == len(list(sample_site.output.glob("luu-tru/*/[01][0-9]/index.html")))
    expect(months.first).to_be_visible()
    for selector in ["[data-reading-tools]", "[data-today]", "[data-counters]"]:
        expect(page.locator(selector).first, selector).to_be_hidden()
    expect(page.locator("[data-date-picker] *")).to_have_count(0)
    if pages[name].is_item:
        for selector in ["[data-print]", "[data-share-native]", "[data-copy-link]"]:
            expect(page.locator(selector), selector).to_be_hidden()
        expect(page.locator(".back-link")).to_be_visible()
        expect(page.locator(".share-facebook")).to_be_visible()


def test_axe_finds_no_wcag_violation(reader: Reader, pages: dict[str, SamplePage]) -> None:
    problems: list[str] = []
    for width in [1280, 320]:
        page = reader.page(width=width)
        contrast = page.locator("[data-reading-tools] button[data-contrast]")
        for name in PAGES:
            page.goto(pages[name].url)
            page.locator(".dp-grid[aria-busy='false']").wait_for(state="attached")
            if width < 900:  # the phone header: reading tools are in the menu
                page.locator("button[data-menu-button]").click()
            add_axe(page)
            for mode in ["normal", "high"]:
                expect(contrast).to_have_attribute("aria-pressed", str(mode == "high").lower())
                problems += [f"{width}px {mode} {pages[name].url}: {violation['id']} ({violation['help']}) "
                             f"at {violation['targets']}" for violation in axe_violations(page)]
                contrast.click()
            expect(page.locator("html")).not_to_have_attribute("data-contrast", re.compile(".*"))
    assert problems == [], "\n".join(problems)


def test_no_horizontal_scroll_at_320px(reader: Reader, pages: dict[str, SamplePage]) -> None:
    page = reader.narrow
    wide: list[str] = []
    for url in [pages[name].url for name in PAGES] + MORE_PAGES:
        page.goto(url)
        page.locator(".dp-grid").wait_for(state="attached")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{url}: {width}px")
    assert wide == []


def test_the_pages_policy_stops_requests_to_other_hosts(reader: Reader) -> None:
    page = reader.default
    page.goto("/")
    outcome = page.evaluate("""fetch('https://example.com/x').then(() => 'sent', () => 'stopped')""")
    assert outcome == "stopped"
    assert reader.foreign == []  # refused by the Content-Security-Policy before it left the page


def _broken(page: Page, hrefs: list[str]) -> dict[str, int]:
    """The links among ``hrefs`` whose address does not answer 200, with the status."""
    statuses = page.evaluate(STATUSES, hrefs)
    return {href: status for href, status in statuses if status != 200}


def test_back_breadcrumb_and_unit_links(reader: Reader, pages: dict[str, SamplePage]) -> None:
    page = reader.default
    page.goto("/")
    page.locator(".item-card__title").first.click()
    page.wait_for_url(f"**{pages['item'].url}")
    page.get_by_role("link", name="Quay lại").click()
    page.wait_for_url(re.compile(r"^http://[^/]+/$"))
    expect(page.locator("h1")).to_contain_text(pages["home"].title)

    item = pages["guidance"]
    page.goto(item.url)
    links = page.locator(".breadcrumb a, .section-label a, .back-link, .attachments a, .item-terms a")
    hrefs = sorted(set(links.evaluate_all(HREFS)))
    assert UNIT_URL in hrefs
    assert _broken(page, hrefs) == {}

    for selector in [".back-link", ".breadcrumb a[href^='/don-vi/']", ".section-label a[href^='/don-vi/']"]:
        page.goto(item.url)
        target = page.locator(selector)
        href = str(target.get_attribute("href"))
        with page.expect_response(lambda r, href=href: urlsplit(r.url).path == href) as response:
            target.click()
        assert response.value.status == 200, selector
        page.wait_for_url(f"**{href}")
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator("main .item-card").first).to_be_visible()

    page.goto(UNIT_URL)
    unit_links = page.locator("main .unit-children a, main .type-tabs a, main .item-card__title")
    hrefs = sorted(set(unit_links.evaluate_all(HREFS)))
    assert len(hrefs) > 1
    assert _broken(page, hrefs) == {}
