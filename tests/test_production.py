"""``portal build --production``: minified pages with the same text and links, valid HTML,
.gz and .br copies that decompress to the original, the public address, a build report, and
scripts that still run in Chromium."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import brotli
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from portal.commands.serve import make_server
from portal.publish.production import COMPRESS_MIN_BYTES, COMPRESSED_SUFFIXES, report_path
from sitekit import ROOT, Site
from test_browser import CHROMIUM, CHROMIUM_ARGS
from test_html_valid import VNU

PUBLIC = "https://hoctapvalamtheobac.sonha.example.vn"
DEV = "http://127.0.0.1:8000"
GUIDANCE = "van-ban/2021/ke-hoach-thuc-hien-chuyen-de-toan-khoa-trong-dang-bo-huyen-ha-dong/"
FOLDERS = ("", GUIDANCE, "don-vi/huyen-uy-ha-dong/", "luu-tru/", "tim-kiem/")
PAGES = [f"{folder}index.html" for folder in FOLDERS]


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample portal's production build, by the package's function in a process of its own
    (Pelican's state stays out of the test process); test_publish builds through `portal`."""
    output = tmp_path_factory.mktemp("production") / "output"
    call = ("from pathlib import Path; from portal.publish.production import production_build; "
            f"exit(production_build(Path('publishconf.py'), Path({str(output)!r})))")
    result = subprocess.run([sys.executable, "-c", call], cwd=ROOT,
                            capture_output=True, text=True, timeout=600, check=False,
                            env={**os.environ, "PORTAL_LANG": "vi"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Bản xuất bản trong" in result.stdout
    return output


def words(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def links(html: str) -> list[str]:
    """Links, with the public address written as the development one."""
    hrefs = [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)]
    return [href.replace(PUBLIC, DEV).replace(PUBLIC.replace("://", "%3A//"), quote(DEV, safe="/"))
            for href in hrefs]


def test_shared_assets_have_gzip_and_brotli_copies_and_the_output_is_small(production: Path) -> None:
    # Dotfiles (the build's manifest) are not served.
    texts = [p for p in production.rglob("*") if p.is_file() and p.suffix in COMPRESSED_SUFFIXES
             and not p.name.startswith(".")]
    assert len(texts) > 100
    shared = [p for p in texts if p.relative_to(production).as_posix().startswith(("theme/", "sw.js"))]
    copied = {p.name for p in texts if (p.parent / f"{p.name}.br").exists()}
    assert {"portal.css", "search.js", "sw.js"} <= copied
    assert sum(1 for p in production.rglob("*") if p.is_file()) < 400  # a small upload
    for path in texts:
        data = path.read_bytes()
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        if len(data) < COMPRESS_MIN_BYTES or path not in shared:
            assert not gz.exists() and not br.exists(), path
            continue
        assert gzip.decompress(gz.read_bytes()) == data, path
        assert gz.read_bytes()[4:8] == b"\0\0\0\0", path  # no time stamp: the same build, the same bytes
        assert brotli.decompress(br.read_bytes()) == data, path
        assert len(br.read_bytes()) < len(data), path


def test_pages_are_smaller_with_the_same_text_and_links(production: Path, sample_site: Site) -> None:
    for page in PAGES:
        small = (production / page).read_text(encoding="utf-8")
        full = (sample_site.output / page).read_text(encoding="utf-8")
        assert len(small) < len(full), page
        assert words(small) == words(full), page
        assert links(small) == links(full), page
    css = (production / "theme/css/portal.css").stat().st_size
    assert css < (sample_site.output / "theme/css/portal.css").stat().st_size


def test_pages_use_the_public_address(production: Path) -> None:
    home = BeautifulSoup((production / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('link[rel="canonical"]')["href"] == f"{PUBLIC}/"
    assert f"<loc>{PUBLIC}/don-vi/</loc>" in (production / "sitemap.xml").read_text(encoding="utf-8")
    assert f'href="{PUBLIC}/' in (production / "feed.xml").read_text(encoding="utf-8")


def test_minified_pages_are_valid_html(production: Path) -> None:
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu",
                             *(str(production / page) for page in PAGES)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_report_counts_items_by_type_and_unit(production: Path) -> None:
    report = json.loads(report_path(production).read_text(encoding="utf-8"))
    assert report["items"] == 29
    assert report["items_per_type"] == {"exemplar": 7, "guidance": 8, "news": 14}
    assert sum(report["items_per_unit"].values()) == 29 and report["items_per_unit"]["tinh-uy-son-ha"] == 7
    assert report["pages"] == sum(1 for _ in production.rglob("*.html"))
    assert any("Bản nháp" in warning for warning in report["warnings"])
    sizes = report["sizes"]
    assert sizes["total"]["files"] == sum(kind["files"] for name, kind in sizes.items() if name != "total")
    for kind in (".html", ".css", ".js"):
        assert sizes[kind]["minified"] < sizes[kind]["built"], kind
    for kind in (".css", ".js"):
        assert sizes[kind]["brotli"] < sizes[kind]["gzip"] < sizes[kind]["minified"], kind
    assert sizes[".html"]["compressed"] == 0  # the web server compresses pages as it sends them
    stages = {stage["name"]: stage for stage in report["stages"]}
    assert list(stages) == ["read", "enrich", "render", "index", "compress", "place"]
    assert stages["read"]["count"] == 29 and stages["render"]["count"] >= report["pages"]


@pytest.fixture(scope="module")
def served(production: Path) -> Iterator[str]:
    server = make_server(production, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_minified_scripts_still_work(served: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served + "/")
        page.wait_for_selector("[data-date-picker] table, [data-date-picker] [role=grid]")
        assert re.search(r"Hôm nay, ngày \d+ tháng \d+ năm \d{4}", page.inner_text("body"))
        page.goto(served + "/tim-kiem/?q=hoc+tap")
        page.wait_for_selector(".search-results > li")
        assert errors == []
        browser.close()
