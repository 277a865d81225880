"""The ``portal`` command and plain ``pelican``: the same portal either way."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sitekit import PORTAL, ROOT, Site, item, make_site, run_portal


def test_plain_pelican_builds_the_same_portal(sample_site: Site, tmp_path: Path) -> None:
    pelican = Path(sys.executable).parent / "pelican"
    result = subprocess.run([str(pelican), "content", "-s", "pelicanconf.py", "-o", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    by_portal = sorted(p.relative_to(sample_site.output) for p in sample_site.output.rglob("*"))
    assert built == [path for path in by_portal if path != Path(".portal-build.json")]


def test_serve_answers_with_the_built_pages(sample_site: Site) -> None:
    server = subprocess.Popen([str(PORTAL), "serve", "--port", "0", "--root", str(sample_site.output)],
                              stdout=subprocess.PIPE, text=True)
    try:
        banner = server.stdout.readline()
        assert banner.startswith("Đang phục vụ")
        address = banner.split(" tại ")[1].split()[0]
        for _ in range(50):
            try:
                with urllib.request.urlopen(address + "don-vi/") as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "<h1 class=\"page-title\">Đơn vị</h1>" in page
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_without_a_build_says_what_to_do(tmp_path: Path) -> None:
    result = subprocess.run([str(PORTAL), "serve", "--root", str(tmp_path / "none")],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 1
    assert "hãy chạy 'portal build' trước" in result.stdout


def test_build_timings_show_each_stage_with_its_items_and_pages(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.write("news/huyen-a/2021/hoi-nghi.md", item("Hội nghị học tập", "2021-03-04", "huyen-a"))
    site.write("news/huyen-a/2021/tong-ket.md", item("Tổng kết năm", "2021-12-20", "huyen-a"))
    result = run_portal("build", "--content", str(site.content), "--output", str(site.output),
                        "--timings", lang="en")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    table = lines[lines.index("The build's stages (seconds, share of the time, items or pages):") + 1:]
    stages = {line.split()[0]: line.split()[1:] for line in table}
    assert list(stages) == ["read", "enrich", "render", "index", "place"]
    assert stages["read"][-1] == "2"
    pages = sum(1 for _ in site.output.rglob("*.html"))
    assert int(stages["render"][-1].replace(",", "")) >= pages > 5
    assert all(float(values[0]) >= 0 and values[1] == "s" for values in stages.values())
