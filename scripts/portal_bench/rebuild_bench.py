"""Rebuild benchmark: a full build against a rebuild after one item changes, and ``portal check``,
on the build benchmark's synthetic items.

    .venv/bin/python -m portal_bench.rebuild_bench --count 5000   (from scripts/)

Targets: the one-file rebuild at most 25% of the full build's time; ``check`` at most 3 s.
It also prints the search step of the one-file rebuild (which runs beside the page writing) and
the load average. With ``--verify`` it then builds the changed content from scratch and compares
the two output trees byte for byte."""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from portal.search.manifest import data_folder
from portal.search.pipeline import STATS_FILE
from portal_bench.synthetic import DEFAULT_SEED, generate

PROJECT = Path(__file__).resolve().parents[2]
PORTAL = Path(sys.executable).with_name("portal")
REBUILD_TARGET = 0.25
CHECK_TARGET_SECONDS = 3.0


def timed(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([str(PORTAL), *args], cwd=PROJECT, capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"portal {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds


def change_one_item(content: Path, seed: int) -> Path:
    """Edit one item's text, as an official fixing a sentence would."""
    items = sorted((content / "news").rglob("*.md"))
    chosen = random.Random(seed).choice(items)
    text = chosen.read_text(encoding="utf-8")
    chosen.write_text(text.rstrip("\n") + "\n\nĐoạn bổ sung sau khi hiệu đính.\n", encoding="utf-8")
    return chosen


def search_share(output: Path, rebuild: float) -> str:
    """The search step of the last build (it runs beside the page writing; the build waits for it)."""
    stats = json.loads((data_folder(output) / STATS_FILE).read_text(encoding="utf-8"))
    return (f"  its search step     {stats['seconds']:8.2f} s   {stats['seconds'] / rebuild:6.1%} of that "
            f"rebuild, beside the page writing (static index {stats['static_index']['seconds']:.2f} s)")


def differences(left: Path, right: Path) -> list[str]:
    """Paths that differ between two output trees (missing on either side, or other bytes)."""
    found: list[str] = []

    def walk(compare: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compare.left_only + compare.right_only)
        _, mismatch, errors = filecmp.cmpfiles(compare.left, compare.right, compare.common_files,
                                               shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, below in compare.subdirs.items():
            walk(below, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def run(count: int, work: Path, seed: int, verify: bool) -> int:
    content, output = work / "content", work / "output"
    generate(content, count, seed)
    check = timed("check", "--content", str(content))
    full = timed("build", "--content", str(content), "--output", str(output))
    unchanged = timed("build", "--content", str(content), "--output", str(output))
    changed = change_one_item(content, seed)
    rebuild = timed("build", "--content", str(content), "--output", str(output))
    print(f"{count} items; changed {changed.relative_to(content)}")
    print(f"portal check          {check:8.2f} s   (target <= {CHECK_TARGET_SECONDS:.0f} s)")
    print(f"full build            {full:8.2f} s")
    print(f"rebuild, no change    {unchanged:8.2f} s   {unchanged / full:6.1%} of the full build")
    print(f"rebuild, one changed  {rebuild:8.2f} s   {rebuild / full:6.1%} of the full build "
          f"(target <= {REBUILD_TARGET:.0%})")
    print(search_share(output, rebuild))
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if not verify:
        return 0
    fresh = work / "fresh"
    timed("build", "--content", str(content), "--output", str(fresh))
    different = differences(output, fresh)
    print(f"rebuild vs fresh build: {len(different)} files differ" +
          "".join(f"\n  {path}" for path in different[:20]))
    return 1 if different else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workdir", type=Path, help="keep the items and builds here (an empty folder)")
    parser.add_argument("--verify", action="store_true", help="compare with a fresh full build")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="rebuild-bench-"))
    try:
        return run(args.count, work, args.seed, args.verify)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
