"""``portal serve``'s server: security headers on every answer, no listings, no hidden files."""

from __future__ import annotations

import urllib.error
import urllib.request
from email.message import Message

import pytest

from portal.commands.serve import CONTENT_SECURITY_POLICY
from sitekit import Site


def fetch(url: str) -> tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def assert_secure(headers: Message) -> None:
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/", "/tim-kiem/", "/theme/css/portal.css", "/theme/js/counters.js"])
def test_pages_and_files_carry_the_security_headers(sample_server: str, path: str) -> None:
    status, headers, _ = fetch(sample_server + path)
    assert status == 200
    assert_secure(headers)


def test_content_types(sample_server: str) -> None:
    kinds = (("/theme/css/portal.css", "text/css"), ("/theme/js/counters.js", "text/javascript"),
             ("/counters.json", "application/json"), ("/", "text/html"),
             ("/manifest.webmanifest", "application/manifest+json"))
    for path, kind in kinds:
        assert fetch(sample_server + path)[1]["Content-Type"].startswith(kind), path


def test_a_folder_without_index_is_not_listed(sample_server: str) -> None:
    for path in ("/theme/", "/theme/css/", "/tim-kiem/index/", "/images/"):
        status, headers, body = fetch(sample_server + path)
        assert status == 404, path
        assert b"Directory listing" not in body
        assert_secure(headers)


def test_hidden_files_and_the_build_manifest_are_not_served(sample_server: str) -> None:
    for path in ("/.portal-build.json", "/%2Eportal-build.json", "/theme/.hidden", "/.git/config"):
        status, headers, _ = fetch(sample_server + path)
        assert status == 404, path
        assert_secure(headers)


@pytest.mark.browser
def test_no_page_breaks_the_content_security_policy(sample_server: str, sample_site: Site) -> None:
    """Every kind of page loads its scripts, styles and pictures, runs its search, and reports
    no violation of the policy (no inline code anywhere)."""
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM, CHROMIUM_ARGS

    output = sample_site.output
    item_pages = ["/" + next((output / s).glob("[12]*/*/")).relative_to(output).as_posix() + "/"
                  for s in ("tin-tuc", "van-ban", "tam-guong")]
    pages = ["/", *item_pages, "/don-vi/huyen-uy-ha-dong/", "/chuyen-de/chuyen-de-2023/", "/luu-tru/2021/",
             "/tim-kiem/?q=h%E1%BB%8Dc+t%E1%BA%ADp", "/offline/"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        refused: list[str] = []
        page.on("console", lambda message: refused.append(message.text)
                if "Content Security Policy" in message.text else None)
        for path in pages:
            page.goto(sample_server + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("getComputedStyle(document.body).margin") != "8px", path  # styled
            if path.startswith("/tim-kiem/"):
                page.wait_for_selector("[data-search-results] li")
        browser.close()
    assert not refused, refused
