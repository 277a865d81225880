"""Import benchmark: generated legacy pages (NukeViet 4 and 3, Joomla, generic article HTML,
text dumps, each its own chrome), imported into an empty portal in a separate process; prints
pages per second and the import's peak memory.

    .venv/bin/python -m portal.importers.bench --count 2000
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from html import escape
from pathlib import Path

DEFAULT_SEED = 20100819
SYLLABLES = ("học", "tập", "làm", "theo", "tấm", "gương", "đạo", "đức", "phong", "cách", "Hồ",
             "Chí", "Minh", "chi", "bộ", "đảng", "viên", "cán", "nhân", "dân", "thôn", "xã",
             "huyện", "kế", "hoạch", "thực", "hiện", "nêu", "gương", "trách", "nhiệm", "việc",
             "cụ", "thể", "sinh", "hoạt", "chuyên", "đề", "năm", "mới", "đoàn", "kết", "xây",
             "dựng", "đường", "trường", "lớp", "bệnh", "viện", "khen", "thưởng", "điển", "hình")
UNITS = """[[unit]]
slug = "huyen-a"
name = "Huyện uỷ A"
"""
NUKEVIET4 = """<html><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="https://cu.example.vn/tin-tuc/{number}.html"></head><body>
<div class="menu"><a href="/">Trang chủ</a> <form><input name="q">Tìm kiếm</form></div>
<div class="news_column panel" itemtype="http://schema.org/NewsArticle" itemscope><div class="panel-body">
<h1 class="title" itemprop="headline">{title}</h1>
<span class="hidden" itemprop="datePublished">{iso}</span><span class="h5">{dateline}</span>
<span class="h5">Lượt xem: {views}</span>
<div class="hometext" itemprop="description">{lead}</div>
<div id="news-bodyhtml" class="bodytext">{body}</div>
<p class="h5 text-right"><strong>Tác giả: </strong>{author}</p></div></div>
<div class="block">SỐ LƯỢT TRUY CẬP <span>4</span><span>1</span></div>
<script>var x = 1;</script></body></html>
"""
NUKEVIET3 = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div id="news_detail"><h1>{title}</h1><span class="time">{dateline}</span>
<div id="hometext">{lead}</div><div class="bodytext"><p>{lead}</p>{body}</div>
<p style="text-align: right;"><strong>Nguồn tin: </strong>{author}</p></div>
<p>Số lượt xem: {views}</p></body></html>
"""
JOOMLA = """<html><head><meta charset="utf-8"><title>{title}</title>
<link href="https://cu.example.vn/index.php/tin/{number}" rel="canonical"></head><body>
<div class="com-content-article item-page"><div class="page-header"><h1>{title}</h1></div>
<dl class="article-info"><dd class="createdby">Viết bởi {author}</dd>
<dd class="published"><time datetime="{iso}">Ngày đăng: {short}</time></dd>
<dd class="hits">Lượt xem: {views}</dd></dl>
<div class="com-content-article__body"><p>{lead}</p>{body}</div></div></body></html>
"""
GENERIC = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:url" content="https://cu.example.vn/bai/{number}/">
<meta property="og:description" content="{lead}"></head><body>
<nav><a href="/">Trang chủ</a></nav><article><h1>{title}</h1><span class="date">{short}</span>
<div class="entry-content">{body}</div><div class="share">Chia sẻ</div></article></body></html>
"""
TEXT = """SỐ LƯỢT TRUY CẬP
4
1
2
Tin tức {dateline_comma}

{title}

{lead_text}
{body_text}
{author}

Số lượt người xem: {views} Bản inQuay lại
TIN MỚI HƠN
Tìm kiếm
"""
SOURCES = ((NUKEVIET4, ".html"), (NUKEVIET3, ".html"), (JOOMLA, ".html"), (GENERIC, ".html"),
           (TEXT, ".txt"))
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(SYLLABLES) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _page(rng: random.Random, number: int) -> dict[str, str]:
    year, month, day = rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute = rng.randint(7, 17), rng.randint(0, 59)
    paragraphs = [_sentence(rng, rng.randint(40, 90)) for _ in range(rng.randint(5, 12))]
    title = f"{_sentence(rng, rng.randint(8, 14))[:-1]} số {number}"
    weekday = WEEKDAYS[date(year, month, day).weekday()]
    return {
        "number": str(number), "title": escape(title), "views": str(rng.randint(10, 99999)),
        "iso": f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00+07:00",
        "dateline": f"{weekday} - {day:02d}/{month:02d}/{year} {hour:02d}:{minute:02d}",
        "dateline_comma": f"{weekday}, {day:02d}/{month:02d}/{year}, {hour:02d}:{minute:02d}",
        "short": f"{day:02d}.{month:02d}.{year} - {hour:02d}:{minute:02d}",
        "lead": escape(paragraphs[0]), "lead_text": paragraphs[0],
        "body": "".join(f"<p>{escape(p)}</p>" for p in paragraphs[1:]),
        "body_text": "\n".join(paragraphs[1:]),
        "author": rng.choice(("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng")),
    }


def write_pages(folder: Path, count: int, seed: int = DEFAULT_SEED) -> None:
    """``count`` saved pages of the old CMSes, the same for the same seed."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        template, suffix = SOURCES[number % len(SOURCES)]
        (folder / f"trang-{number:05d}{suffix}").write_text(template.format(**_page(rng, number)),
                                                           encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark of 'portal import'.")
    parser.add_argument("--count", type=int, default=2000, help="pages to import (default 2000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="import-bench-") as temporary:
        root = Path(temporary)
        write_pages(root / "pages", args.count)
        content = root / "content"
        content.mkdir()
        (content / "units.toml").write_text(UNITS, encoding="utf-8")
        (content / "topics.toml").write_text("", encoding="utf-8")
        portal = Path(sys.executable).parent / "portal"
        started = time.monotonic()
        result = subprocess.run([str(portal), "import", str(root / "pages"), "--unit", "huyen-a",
                                 "--content", str(content)], capture_output=True, text=True,
                                check=False)
        seconds = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        items = len(list(content.rglob("*.md")))
    if result.returncode != 0:
        print(result.stdout[-2000:], result.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"pages: {args.count}  items written: {items}  seconds: {seconds:.1f}  "
          f"pages/s: {args.count / seconds:.0f}  peak memory: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
