"""The installable portal: a valid web app manifest with its icons, and the service worker on
the shared sample build. A reader who opened an item reads it again offline; a page not opened
shows the offline page, which lists the saved items; a build with another stylesheet gives the
worker a new cache version, which replaces the old shell cache."""

from __future__ import annotations

import io
import json
import re
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from axekit import axe_violations
from portal.build.offline import OFFLINE_TITLE, worker
from portal.commands.serve import make_server
from sitekit import Site
from test_browser import browser as browser  # the module's Chromium, as test_browser opens it

pytestmark = pytest.mark.browser
VERSION = re.compile(r'const VERSION = "([0-9a-f]{16})";')
READY = "navigator.serviceWorker.ready.then((r) => r.active.scriptURL)"
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
SHELL_CACHES = "caches.keys().then((names) => names.filter((n) => n.startsWith('portal-shell-')))"


@pytest.fixture(scope="module")
def copy(sample_site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The shared sample build, copied so that a test may publish over it, and served."""
    folder = tmp_path_factory.mktemp("offline") / "output"
    shutil.copytree(sample_site.output, folder)
    server = make_server(folder, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def item_url(sample_site: Site) -> str:
    found = sorted(sample_site.output.glob("tin-tuc/20*/*/index.html"))
    return "/" + found[0].parent.relative_to(sample_site.output).as_posix() + "/"


def test_the_manifest_is_valid_with_icons_that_load(copy: tuple[Path, str]) -> None:
    _, base = copy
    manifest = json.loads(get(f"{base}/manifest.webmanifest"))
    assert manifest["name"].startswith("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    assert "Tỉnh uỷ Sơn Hà" in manifest["name"] and manifest["short_name"]
    assert (manifest["start_url"], manifest["display"]) == ("/", "standalone")
    assert manifest["theme_color"] == "#a50e0e" and manifest["background_color"] == "#ffffff"
    purposes = set()
    for icon in manifest["icons"]:
        image = Image.open(io.BytesIO(get(base + icon["src"])))
        assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
        purposes.add(icon["purpose"])
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert purposes == {"any", "maskable"}


def open_controlled(browser: Browser, base: str) -> Page:
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.goto("/")
    assert page.evaluate(READY) == f"{base}/sw.js"
    page.wait_for_function(CONTROLLED)
    return page


def test_an_opened_item_reads_offline_and_others_show_the_offline_page(
        browser: Browser, copy: tuple[Path, str], sample_site: Site) -> None:
    _, base = copy
    page = open_controlled(browser, base)
    url = item_url(sample_site)
    page.goto(url)
    title = page.locator("h1").inner_text()
    page.wait_for_function("(url) => caches.open('portal-pages').then((c) => c.match(url))"
                           ".then(Boolean)", arg=url)
    page.context.set_offline(True)
    page.goto(url)
    expect(page.locator("h1")).to_have_text(title)
    assert page.evaluate("getComputedStyle(document.body).fontFamily")  # the stylesheet, from the cache
    expect(page.locator(".masthead__emblem")).to_be_visible()
    page.goto("/van-ban/")
    expect(page.locator("h1")).to_have_text(OFFLINE_TITLE)
    expect(page.locator("[data-offline-saved] a", has_text=title)).to_have_attribute("href", url)
    expect(page.locator("[data-offline-none]")).to_be_hidden()
    page.context.set_offline(False)
    page.context.close()


def test_the_offline_page_passes_axe_without_layout_shift(browser: Browser, copy: tuple[Path, str]) -> None:
    _, base = copy
    context = browser.new_context(base_url=base, service_workers="block")
    context.add_init_script("""window.__shift = 0; new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({type: "layout-shift", buffered: true});""")
    page = context.new_page()
    page.goto("/offline/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert axe_violations(page) == []
    assert page.evaluate("window.__shift") < 0.01
    context.close()


def test_a_build_with_another_stylesheet_replaces_the_shell_cache(
        browser: Browser, copy: tuple[Path, str]) -> None:
    folder, base = copy
    page = open_controlled(browser, base)
    first = VERSION.search((folder / "sw.js").read_text(encoding="utf-8"))[1]
    page.wait_for_function(f"() => {SHELL_CACHES}.then((n) => n.length === 1)")
    assert page.evaluate(SHELL_CACHES) == [f"portal-shell-{first}"]
    css = folder / "theme/css/portal.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.item-title { letter-spacing: .01em; }\n",
                   encoding="utf-8")
    (folder / "sw.js").write_text(worker(folder), encoding="utf-8")  # the build's last step
    second = VERSION.search((folder / "sw.js").read_text(encoding="utf-8"))[1]
    assert second != first
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    page.wait_for_function(f"() => {SHELL_CACHES}.then((n) => n.length === 1 && n[0].endsWith('{second}'))")
    page.context.close()
