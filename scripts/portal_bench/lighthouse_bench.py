"""Lighthouse benchmark: the production build of the sample portal, served by `portal serve`'s
server, audited by Lighthouse (mobile, the Debian Chromium) on every page type: home, an item
of each type, a unit, a topic, a day's archive and the search page with a query. Prints the
four category scores and the layout shift of each page, and exits 1 when a score is under
95 or a layout shift over 0.05.

    .venv/bin/python -m portal_bench.lighthouse_bench
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from portal.commands.serve import make_server

PROJECT = Path(__file__).resolve().parents[2]
PORTAL = Path(sys.executable).parent / "portal"
LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MIN_SCORE, MAX_SHIFT = 95, 0.05


def _first(output: Path, pattern: str) -> str:
    found = sorted(output.glob(pattern))
    return "/" + found[0].parent.relative_to(output).as_posix() + "/"


def page_types(output: Path) -> dict[str, str]:
    return {
        "home": "/",
        "news": _first(output, "tin-tuc/*/*/index.html"),
        "guidance": _first(output, "van-ban/*/*/index.html"),
        "exemplar": _first(output, "tam-guong/*/*/index.html"),
        "unit": _first(output, "don-vi/*/index.html"),
        "topic": _first(output, "chuyen-de/*/index.html"),
        "day archive": _first(output, "luu-tru/*/*/*/index.html"),
        "search": "/tim-kiem/?q=h%E1%BB%8Dc+t%E1%BA%ADp",
    }


def audit(url: str, report: Path) -> dict[str, float]:
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--form-factor=mobile", "--output=json",
                    f"--output-path={report}", "--chrome-flags=--headless=new --no-sandbox"],
                   check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["layout shift"] = result["audits"]["cumulative-layout-shift"]["numericValue"]
    return scores


def main() -> int:
    if not LIGHTHOUSE.is_file():
        print("Lighthouse is not installed: run `make setup` (npm ci) first.")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        subprocess.run([str(PORTAL), "build", "--production", "--output", str(output)],
                       check=True, cwd=PROJECT, stdout=subprocess.DEVNULL)
        server = make_server(output, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        print(f"| page | {' | '.join(CATEGORIES)} | layout shift |")
        print(f"|---|{'---|' * len(CATEGORIES)}---|")
        failed = []
        for name, path in page_types(output).items():
            scores = audit(base + path, Path(folder) / "report.json")
            print(f"| {name} | {' | '.join(str(scores[c]) for c in CATEGORIES)} | "
                  f"{scores['layout shift']:.3f} |", flush=True)
            if min(scores[c] for c in CATEGORIES) < MIN_SCORE or scores["layout shift"] > MAX_SHIFT:
                failed.append(name)
        server.shutdown()
    if failed:
        print(f"Under {MIN_SCORE} or shifting more than {MAX_SHIFT}: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
