"""Search benchmark: the portal's static index against Pagefind on the same built portal.

    .venv/bin/python -m portal_bench.search_bench --count 20000 --workdir /tmp/search-bench

Generates the items, builds the portal (its search indexes included) and leaves the site in
WORKDIR/output so that it can be served (``portal serve --root WORKDIR/output``) and inspected.
Then Pagefind (PyPI ``pagefind[bin]``, if installed) indexes the same site, with
``data-pagefind-body`` on item pages only and filters for unit and type. For each: index time
and peak memory; for a one-word, a three-word and a filtered query in a fresh headless
Chromium, each request and its gzip-compressed bytes; the median time of 50 later queries.
Prints figures, then a table of both side by side (index files, bytes on disk, index build
time, first queries' requests and bytes); exits 1 only when a build fails.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from portal.search.documents import read_documents, write_documents
from portal.search.manifest import INDEX_FOLDER, MANIFEST_FILE
from portal.search.static_index import DOCUMENTS_FILE
from portal_bench.synthetic import DEFAULT_SEED, generate

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ONE_WORD, THREE_WORDS, FILTERED = "đảng", "học tập làm theo", ("cán bộ", "guidance", "Văn bản")
# First queries with the other filters, for the portal alone (the search page's field names).
OTHER_FILTERED = {
    "unit": ("nêu gương", {"don-vi": "huyen-uy-ha-dong"}),
    "three words, unit": ("đảng viên học tập", {"don-vi": "so-y-te"}),
    "three words, a unit under a unit": ("thi đua nêu gương đảng", {"don-vi": "benh-vien-san-nhi-son-ha"}),
    "topic": ("thi đua", {"chuyen-de": "chuyen-de-2014-2016"}),
    "three words, topic": ("đảng bác hồ", {"chuyen-de": "chuyen-de-2014-2016"}),
    "three words, a year": ("y tế dân", {"tu": "2020-01-01", "den": "2020-12-31"}),
    "two years": ("thi đua", {"tu": "2015-01-01", "den": "2016-12-31"}),
    "dates in a year": ("đảng", {"tu": "2016-03-01", "den": "2016-08-31"}),
    "three words, year and type": ("cán bộ đảng viên", {"tu": "2021-01-01", "den": "2021-12-31",
                                                        "loai": "news"}),
    # A common word with few champions in the filter: the page runs on into items that score 0.
    "common word, a commune's unit": ("đảng", {"don-vi": "dang-uy-xa-van-phuc"}),
    "common word, a unit and a type": ("được", {"don-vi": "benh-vien-san-nhi-son-ha", "loai": "news"}),
    "two words, a whole year": ("công tác", {"tu": "2019-01-01", "den": "2019-12-31"}),
}
LATER_QUERIES = [
    "tư tưởng", "dao duc", "phong cách", "nêu gương", "chuyen doi so", "thi đua khen thưởng",
    "được", "duoc", "Đảng uỷ", "huyen uy", "tấm gương điển hình", "nông thôn mới", "y tế",
    "giáo dục", "thanh niên", "phụ nữ", "cựu chiến binh", "cải cách hành chính", "kỷ luật",
    "dân chủ", "đoàn kết", "hoà bình", "hòa bình", "sức khoẻ", "thuỷ lợi", "quy hoạch",
    "kế hoạch", "hướng dẫn", "chỉ thị", "kết luận", "nghị quyết", "sơ kết", "tổng kết",
    "cơ quan", "địa phương", "trường học", "bệnh viện", "hiệu quả", "sáng tạo", "lãnh đạo",
    "vận động", "nâng cao chất lượng", "tinh thần", "lối sống", "cần kiệm liêm chính",
    "gần dân", "an sinh", "giảm nghèo", "môi trường", "chuyên môn nghiệp vụ",
]
OURS_JS = """async ([query, fields, count]) => {
  const form = document.querySelector("[data-search-form]");
  const status = document.querySelector("[data-search-status]");
  form.elements.namedItem("q").value = query;
  for (const name of ["don-vi", "loai", "chuyen-de", "tu", "den"]) {
    form.elements.namedItem(name).value = fields[name] || "";
  }
  const started = performance.now();
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (status.textContent && !status.textContent.startsWith("Đang tìm")) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    form.requestSubmit();
  });
  return [performance.now() - started, document.querySelectorAll(".search-results > li").length];
}"""
PAGEFIND_JS = """async ([query, fields, count]) => {
  window.__pagefind = window.__pagefind || await import("/pagefind/pagefind.js");
  const started = performance.now();
  const search = await window.__pagefind.search(query, fields.type ? { filters: { type: fields.type } } : {});
  const shown = await Promise.all(search.results.slice(0, count).map((r) => r.data()));
  return [performance.now() - started, shown.length];
}"""


def _peak_child(command: list[str], cwd: Path, log: Path) -> tuple[int, float, float]:
    """Exit status, seconds and peak MiB of a child process (and its descendants)."""
    with log.open("wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
    return os.waitstatus_to_exitcode(status), time.perf_counter() - started, usage.ru_maxrss / 1024


def static_alone(data: Path, work: Path) -> dict[str, Any]:
    """The static index written again on its own (in the build, Pelican shares the machine),
    from a copy of the build's items: each item's words counted afresh; then again with the
    counts the first run kept, over its own files; then after one item's text changed, as a
    rebuild does (only the files whose content changed are written)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "plugins")}
    items, output = work / "static-alone-data", work / "static-alone"
    shutil.rmtree(items, ignore_errors=True)
    items.mkdir()
    for name in (DOCUMENTS_FILE, MANIFEST_FILE):
        shutil.copy(data / name, items / name)

    def run() -> dict[str, Any]:
        done = subprocess.run([sys.executable, "-m", "portal.search.static_index", str(items),
                               str(output)], capture_output=True, text=True, env=env, check=True)
        with (work / "static-alone.log").open("a", encoding="utf-8") as log:
            log.write(done.stdout)
        return json.loads(done.stdout)

    figures = run()
    again = run()
    documents = list(read_documents(items / DOCUMENTS_FILE))
    documents[len(documents) // 2] = replace(documents[len(documents) // 2],
                                             body=documents[len(documents) // 2].body + " Đoạn bổ sung.")
    write_documents(items / DOCUMENTS_FILE, documents)
    updated = run()
    return {**figures, "seconds_with_counts_kept": again["seconds"],
            "seconds_updated": updated["seconds"], "files_updated": updated["written"]}


def mark_for_pagefind(output: Path) -> int:
    """Item pages only are indexed, each with its unit and type as filters."""
    pages = 0
    for page in output.glob("*/[12][0-9][0-9][0-9]/*/index.html"):
        html = page.read_text(encoding="utf-8")
        label = re.search(r'<p class="section-label"><a href="[^"]*">([^<]*)</a> · <a [^>]*>([^<]*)</a>',
                          html)
        if not label:
            continue
        html = html.replace('<article class="item', f'<article data-pagefind-body '
                            f'data-pagefind-filter="type:{label[1]}" class="item', 1)
        html = html.replace('<p class="section-label">',
                            f'<p class="section-label" data-pagefind-filter="unit:{label[2]}">', 1)
        page.write_text(html, encoding="utf-8")
        pages += 1
    return pages


def compressed(output: Path, url: str) -> int:
    """The bytes a server compressing with gzip sends (Pagefind's files are gzip already)."""
    path = output / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.exists():  # a word a small portal lacks: the request is answered 404
        return 0
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))


@contextmanager
def served(root: Path) -> Iterator[str]:
    from portal.commands.serve import make_server

    server = make_server(root, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def measure_queries(output: Path, base: str, script: str, wanted: re.Pattern[str]) -> dict[str, Any]:
    """The three first queries, each in a fresh browser (the search script counts), then 50
    more in one page. Ours goes through the search page's form, Pagefind through its API
    (with the data of the ten results shown)."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pagefind = "pagefind" in script
        first: dict[str, tuple[str, dict[str, str]]] = {
            "one word": (ONE_WORD, {}), "three words": (THREE_WORDS, {}),
            "filtered": (FILTERED[0], {"type": FILTERED[2]} if pagefind else {"loai": FILTERED[1]}),
            **({} if pagefind else OTHER_FILTERED)}
        for name, (query, fields) in first.items():
            page = browser.new_context().new_page()
            requests: list[str] = []
            page.on("request", lambda request, into=requests: into.append(request.url))
            page.goto(f"{base}/tim-kiem/")
            _, shown = page.evaluate(script, [query, fields, 10])
            files = [(url.split("?")[0].removeprefix(base), compressed(output, url))
                     for url in requests if wanted.search(url)]
            figures[name] = {"query": query, "results": shown, "requests": files,
                             "bytes": sum(size for _, size in files)}
            page.context.close()
        page = browser.new_context().new_page()
        page.goto(f"{base}/tim-kiem/")
        page.evaluate(script, [ONE_WORD, {}, 10])
        later: list[str] = []
        page.on("request", lambda request: later.append(request.url))
        times = [page.evaluate(script, [query, {}, 10])[0] for query in LATER_QUERIES]
        sizes = [compressed(output, url) for url in later if wanted.search(url)]
        figures["later"] = {"queries": len(times), "median_ms": statistics.median(times),
                            "max_ms": max(times), "median_bytes": statistics.median(sizes) if sizes else 0,
                            "bytes_per_query": sum(sizes) / len(times)}
        browser.close()
    return figures


def report(title: str, index: dict[str, Any], queries: dict[str, Any]) -> None:
    print(f"\n== {title}")
    for key, value in index.items():
        print(f"   {key}: {value}")
    for name, figure in queries.items():
        if name == "later":
            continue
        print(f"   first query, {name} «{figure['query']}»: {len(figure['requests'])} requests, "
              f"{figure['bytes'] / 1024:.1f} KB compressed, {figure['results']} results shown")
        for url, size in figure["requests"]:
            print(f"      {size / 1024:8.1f} KB  {url}")
    later = queries["later"]
    print(f"   {later['queries']} later queries: median {later['median_ms']:.1f} ms, max "
          f"{later['max_ms']:.1f} ms, {later['bytes_per_query'] / 1024:.1f} KB per query")


def on_disk(folder: Path) -> tuple[int, int]:
    """Files and bytes of an index folder."""
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return len(sizes), sum(sizes)


def summary(folder: Path, seconds: float, queries: dict[str, Any]) -> dict[str, str]:
    """The figures the side-by-side table compares."""
    files, size = on_disk(folder)
    row = {"index files": f"{files:,}", "index bytes on disk": f"{size / 2**20:,.1f} MiB",
           "index build time": f"{seconds:.1f} s"}
    for name in ("one word", "three words", "filtered"):
        figure = queries[name]
        row[f"first query, {name} «{figure['query']}»"] = (
            f"{len(figure['requests'])} requests, {figure['bytes'] / 1024:.1f} KB")
    return row


def print_table(columns: dict[str, dict[str, str]]) -> None:
    """One row per figure, one column per engine (Markdown)."""
    names = list(columns)
    print("\n| | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    for key in columns[names[0]]:
        print(f"| {key} | " + " | ".join(columns[name].get(key, "") for name in names) + " |")


def run(count: int, work: Path, seed: int, pagefind: bool) -> int:
    content, output = work / "content", work / "output"
    started = time.perf_counter()
    generate(content, count, seed)
    print(f"generated {count} items in {time.perf_counter() - started:.0f} s: {content}")
    portal = Path(sys.executable).with_name("portal")
    status, seconds, peak = _peak_child([str(portal), "build", "--content", str(content),
                                         "--output", str(output)], PROJECT, work / "build.log")
    if status:
        print(f"portal build failed: see {work / 'build.log'}")
        return 1
    data = work / ".output-search"
    stats = json.loads((data / "build-stats.json").read_text(encoding="utf-8"))
    print(f"portal build: {seconds:.0f} s, peak {peak:.0f} MiB (the whole build)")
    alone = static_alone(data, work)
    static = stats["static_index"]
    files = [path.stat() for path in (output / INDEX_FOLDER).rglob("*.json.gz")]
    index = {"static index, alone": f"{alone['seconds']} s, peak {alone['peak_mib']} MiB, "
                                    f"{alone['files']} files, {alone['terms']} terms",
             "static index on disk": f"{len(files)} files, {sum(f.st_size for f in files) / 2**20:.0f} MB "
                                     f"({sum(f.st_blocks for f in files) * 512 / 2**20:.0f} MB in blocks)",
             "static index, alone, with the counts kept": f"{alone['seconds_with_counts_kept']} s",
             "static index, alone, one item changed": (
                 f"{alone['seconds_updated']} s, {alone['files_updated']} of {alone['files']} files written"),
             "static index, in the build": f"{static['seconds']} s, peak {static['peak_mib']} MiB",
             "text of the items' bodies": f"{stats['extract_seconds']} s",
             "search step of the build": f"{stats['seconds']} s (text and index)"}
    with served(output) as base:
        ours = measure_queries(output, base, OURS_JS, re.compile(r"/theme/js/search|/tim-kiem/index/"))
        report("portal static index", index, ours)
        columns = {"portal": summary(output / INDEX_FOLDER, alone["seconds"], ours)}
        if pagefind and (theirs := compare_pagefind(output, work, base)):
            columns["Pagefind"] = theirs
    print_table(columns)
    print(f"\nsite left in {output} (portal serve --root {output})")
    return 0


def compare_pagefind(output: Path, work: Path, base: str) -> dict[str, str] | None:
    """Pagefind's figures for the table, None when it cannot run here."""
    pages = mark_for_pagefind(output)
    status, seconds, peak = _peak_child([sys.executable, "-m", "pagefind", "--site", str(output)],
                                        work, work / "pagefind.log")
    if status:
        print(f"\n== Pagefind could not run here (exit {status}); see {work / 'pagefind.log'}")
        return None
    queries = measure_queries(output, base, PAGEFIND_JS, re.compile(r"/pagefind/"))
    report("Pagefind", {"index": f"{seconds:.1f} s, peak {peak:.0f} MiB, {pages} item pages"}, queries)
    return summary(output / "pagefind", seconds, queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20000, help="number of items (20000)")
    parser.add_argument("--workdir", type=Path, required=True, help="an empty or new folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--no-pagefind", action="store_true", help="measure the portal's index only")
    args = parser.parse_args(argv)
    if args.workdir.exists() and any(args.workdir.iterdir()):
        raise SystemExit(f"--workdir {args.workdir} must be empty or not exist")
    args.workdir.mkdir(parents=True, exist_ok=True)
    return run(args.count, args.workdir.resolve(), args.seed, not args.no_pagefind)


if __name__ == "__main__":
    raise SystemExit(main())
