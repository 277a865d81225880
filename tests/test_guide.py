"""The officials' guide: its full examples are valid items, and it explains every message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from portal.common.messages import CATALOG
from sitekit import ROOT, Site

GUIDE = ROOT / "docs" / "huong-dan-soan-bai.md"


def examples() -> list[str]:
    blocks = re.findall(r"^```\n(Title: .*?)^```$", GUIDE.read_text(encoding="utf-8"), re.M | re.S)
    return [block for block in blocks if re.search(r"^Type: ", block, re.M)]


def test_every_message_is_explained() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for code, (message, fix) in CATALOG.items():
        row = next((line for line in guide.splitlines() if line.startswith(f"| `{code}` |")), None)
        assert row is not None, code
        assert re.sub(r"\{[a-z_]+\}", "…", message.vi).replace("|", "\\|") in row, code
        assert re.sub(r"\{[a-z_]+\}", "…", fix.vi).replace("|", "\\|") in row, code


def test_the_full_examples_build(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    site = Site(tmp_path / "content", tmp_path / "output")
    written = {}
    for text in examples():
        kind = re.search(r"^Type: (\w+)", text, re.M)[1]
        unit = re.search(r"^Unit: (\S+)", text, re.M)[1]
        year = re.search(r"^Date: \d\d/\d\d/(\d{4})", text, re.M)[1]
        for attachment in re.findall(r"files/[\w.-]+", text):
            site.write(attachment, b"%PDF-1.4\n% example attachment\n")
        written[kind] = site.write(f"{kind}/{unit}/{year}/example.md", text)
    assert set(written) == {"news", "guidance", "exemplar"}
    checked = site.check()
    assert checked.returncode == 0, checked.stdout
    for path in written.values():
        assert path.relative_to(site.content).as_posix() not in checked.stdout  # not even a warning
    built = site.build()
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup(site.page("van-ban/2024/huong-dan-hoc-tap-chuyen-de-nam-2024/"), "html.parser")
    assert "61-HD/HU" in page.get_text()
    assert page.select_one("table") is not None
    assert page.select_one('a[href$="/files/huong-dan-61.pdf"]') is not None
