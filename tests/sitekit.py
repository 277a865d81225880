"""Building small portals from text fixtures, as the tests do."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PORTAL = Path(sys.executable).parent / "portal"

UNITS = """
[[unit]]
slug = "tinh-uy"
name = "Tỉnh uỷ Thử Nghiệm"

[[unit]]
slug = "huyen-a"
name = "Huyện uỷ A"
parent = "tinh-uy"
website = "https://a.example.vn"

[[unit]]
slug = "xa-a1"
name = "Đảng uỷ xã A1"
parent = "huyen-a"

[[unit]]
slug = "huyen-b"
name = "Huyện uỷ B"
parent = "tinh-uy"
ended = "2025-07-01"
successor = "xa-moi"

[[unit]]
slug = "xa-moi"
name = "Đảng uỷ xã Mới"
parent = "tinh-uy"

[[unit]]
slug = "truong"
name = "Trường Thử Nghiệm"
parent = "tinh-uy"
"""

TOPICS = """
[[topic]]
slug = "chuyen-de-2021"
title = "Chuyên đề năm 2021"
from_year = 2021
to_year = 2021
"""


def tiny_png(width: int = 8, height: int = 6) -> bytes:
    """A real PNG picture: the build decodes every picture an item shows."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (165, 14, 14)).save(buffer, "PNG")
    return buffer.getvalue()


def item(title: str, date: str, unit: str, type_: str = "news", body: str = "Nội dung bài.",
         **extra: str) -> str:
    """A content file's text with the common keys, then ``extra`` keys, then the body."""
    lines = [f"Title: {title}", f"Date: {date}", f"Type: {type_}", f"Unit: {unit}"]
    lines += [f"{key.capitalize()}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n\n" + body + "\n"


@dataclass
class Site:
    content: Path
    output: Path

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def build(self) -> subprocess.CompletedProcess[str]:
        return run_portal("build", "--content", str(self.content), "--output", str(self.output))

    def check(self) -> subprocess.CompletedProcess[str]:
        return run_portal("check", "--content", str(self.content))

    def run(self, verb: str, lang: str = "vi", output: Path | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """``portal check`` or ``portal build`` of this site with messages in ``lang``; a build
        that hangs fails after ``timeout`` seconds instead of holding up the test run."""
        args = [verb, "--content", str(self.content)]
        if verb == "build":
            args += ["--output", str(output or self.output)]
        env = {**os.environ, "PORTAL_LANG": lang}
        return subprocess.run([str(PORTAL), *args], capture_output=True, text=True, env=env,
                              cwd=ROOT, timeout=timeout, check=False)

    def page(self, url: str) -> str:
        return (self.output / url.strip("/") / "index.html").read_text(encoding="utf-8")


def make_site(tmp_path: Path, units: str = UNITS, topics: str = TOPICS) -> Site:
    site = Site(tmp_path / "content", tmp_path / "output")
    site.write("units.toml", units)
    site.write("topics.toml", topics)
    return site


def run_portal(*args: str, lang: str = "vi") -> subprocess.CompletedProcess[str]:
    # A fixed terminal width, so tables wrap the same under pytest-xdist as in a terminal.
    env = {**os.environ, "PORTAL_LANG": lang, "COLUMNS": "120"}
    return subprocess.run([str(PORTAL), *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=600, check=False)


def make_project(folder: Path, public_url: str | None = None) -> Site:
    """A portal project of its own in ``folder``: the settings copied (the public address
    replaced when given), the theme and plugins linked, a small content folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        text = (ROOT / name).read_text(encoding="utf-8")
        if public_url is not None and name == "publishconf.py":
            text = text.replace('PORTAL_PUBLIC_URL = "https://hoctapvalamtheobac.sonha.example.vn"',
                                f"PORTAL_PUBLIC_URL = {public_url!r}")
        (folder / name).write_text(text, encoding="utf-8")
    for name in ("theme", "plugins"):
        (folder / name).symlink_to(ROOT / name)
    site = make_site(folder)
    site.write("news/huyen-a/2021/hoi-nghi.md", item("Hội nghị học tập", "2021-03-04", "huyen-a"))
    return site


def portal_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``portal`` run from ``folder``, as an official runs it in a project's folder."""
    env = {**os.environ, "PORTAL_LANG": "vi"}
    return subprocess.run([str(PORTAL), *args], capture_output=True, text=True, env=env,
                          cwd=folder, timeout=600, check=False)
