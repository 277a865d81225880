"""Build benchmark: the portal against plain Pelican on the same synthetic content.

    .venv/bin/python -m portal_bench.build_bench --count 5000   (from scripts/, or with
    scripts/ on PYTHONPATH)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from portal_bench.synthetic import DEFAULT_SEED, generate

PROJECT = Path(__file__).resolve().parents[2]
PORTAL_SETTINGS = PROJECT / "pelicanconf.py"
TARGET_RATIO = 1.5
ITEM_FOLDERS = ("news", "guidance", "exemplar")
TAIL_LINES = 25
NO_CACHE = ("LOAD_CONTENT_CACHE=false", "CACHE_CONTENT=false")

PLAIN_SETTINGS = """\
AUTHOR = "Benchmark"
SITENAME = "Plain Pelican benchmark"
SITEURL = ""
PATH = {content!r}
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_PAGINATION = 10
ARTICLE_PATHS = {folders!r}
PAGE_PATHS = []
STATIC_PATHS = []
ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/{{slug}}-{{date:%H%M%S}}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
YEAR_ARCHIVE_SAVE_AS = "posts/{{date:%Y}}/index.html"
MONTH_ARCHIVE_SAVE_AS = "posts/{{date:%Y}}/{{date:%b}}/index.html"
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
PLUGINS = []
PLUGIN_PATHS = []
"""

DAY_FIRST_NOTE = (
    "note: plain Pelican reads the same Markdown; it parses day-first dates such as "
    "05/08/2010 month-first (dateutil), which moves those items to another month of the "
    "same year but does not change the amount of work."
)


@dataclass(frozen=True)
class Build:
    name: str
    exit_code: int | None
    seconds: float = 0.0
    peak_kib: int = 0
    pages: int = 0
    log_tail: str = ""

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def pelican_command() -> Path:
    beside = Path(os.path.abspath(sys.executable)).with_name("pelican")
    return beside if beside.exists() else PROJECT / ".venv" / "bin" / "pelican"


def _tail(*logs: Path) -> str:
    for log in logs:
        text = log.read_text(encoding="utf-8", errors="replace")
        lines = [line.rstrip() for line in text.splitlines() if line.strip()]
        if lines:
            return "\n".join(lines[-TAIL_LINES:])
    return ""


def _count_pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html")) if output.exists() else 0


def measure(name: str, command: Sequence[str], cwd: Path, output: Path, logs: Path) -> Build:
    """Run one build in its own child process: wall time and the child's peak RSS."""
    out_log, err_log = logs / f"{name}.stdout.log", logs / f"{name}.stderr.log"
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    with out_log.open("wb") as out, err_log.open("wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return Build(name, child.returncode, seconds, usage.ru_maxrss, _count_pages(output),
                 _tail(err_log, out_log))


def portal_build(content: Path, work: Path, logs: Path) -> Build:
    if not PORTAL_SETTINGS.exists():
        return Build("portal", None, log_tail=f"{PORTAL_SETTINGS} does not exist yet")
    output = work / "out-portal"
    command = [str(pelican_command()), str(content), "-s", str(PORTAL_SETTINGS),
               "-o", str(output), "-e", *NO_CACHE]
    return measure("portal", command, PROJECT, output, logs)


def plain_build(content: Path, work: Path, logs: Path) -> Build:
    settings = work / "plain_settings.py"
    settings.write_text(PLAIN_SETTINGS.format(content=str(content), folders=list(ITEM_FOLDERS)),
                        encoding="utf-8")
    output = work / "out-plain"
    command = [str(pelican_command()), str(content), "-s", str(settings), "-o", str(output)]
    return measure("plain", command, work, output, logs)


def _row(build: Build) -> str:
    code = "-" if build.exit_code is None else str(build.exit_code)
    return (f"{build.name:<8} {code:>5} {build.seconds:>9.2f} {build.peak_kib / 1024:>9.1f} "
            f"{build.pages:>7} {build.pages_per_second:>8.1f}")


def table(builds: Sequence[Build]) -> str:
    header = f"{'build':<8} {'exit':>5} {'seconds':>9} {'peak MiB':>9} {'pages':>7} {'pages/s':>8}"
    return "\n".join([header, "-" * len(header), *(_row(build) for build in builds)])


def verdict(portal: Build, plain: Build) -> str:
    if not (portal.ok and plain.ok):
        return f"portal/plain time: n/a (a build failed); target <= {TARGET_RATIO}x"
    ratio = portal.seconds / plain.seconds
    state = "within target" if ratio <= TARGET_RATIO else "OVER TARGET"
    return f"portal/plain time: {ratio:.2f}x (target <= {TARGET_RATIO}x: {state})"


def failure_report(build: Build) -> str:
    if build.ok:
        return f"{build.name} build: ok"
    status = "not run" if build.exit_code is None else f"exited {build.exit_code}"
    tail = "\n".join(f"    {line}" for line in build.log_tail.splitlines())
    return f"{build.name} build: FAILED ({status}); log tail:\n{tail}"


def _prepare(workdir: Path | None) -> tuple[Path, bool]:
    if workdir is None:
        return Path(tempfile.mkdtemp(prefix="portal-bench-")), True
    if workdir.exists() and any(workdir.iterdir()):
        raise SystemExit(f"--workdir {workdir} must be empty or not exist")
    created = not workdir.exists()
    workdir.mkdir(parents=True, exist_ok=True)
    return workdir.resolve(), created


def _clean(workdir: Path, created: bool) -> None:
    if created:
        shutil.rmtree(workdir, ignore_errors=True)
        return
    for child in workdir.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


def warm_cache(content: Path) -> None:
    for path in content.rglob("*"):
        if path.is_file():
            path.read_bytes()


def run(count: int, work: Path, seed: int) -> tuple[Build, Build]:
    content, logs = work / "content", work / "logs"
    logs.mkdir()
    start = time.perf_counter()
    generate(content, count, seed)
    print(f"generated {count} items in {time.perf_counter() - start:.1f}s: {content}")
    warm_cache(content)
    plain = plain_build(content, work, logs)
    portal = portal_build(content, work, logs)
    return portal, plain


def report(count: int, portal: Build, plain: Build) -> None:
    print()
    print(f"{count} items, pelican at {pelican_command()}, caches off")
    print(table([portal, plain]))
    print(verdict(portal, plain))
    print(DAY_FIRST_NOTE)
    print(failure_report(portal))
    print(failure_report(plain))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time the portal build against plain Pelican on the same content. "
        "Exits 1 when a build fails, 0 otherwise (whatever the ratio).")
    parser.add_argument("--count", type=int, default=5000, help="number of items (5000)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="an empty or new folder (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the content and outputs")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    work, created = _prepare(args.workdir)
    try:
        portal, plain = run(args.count, work, args.seed)
        report(args.count, portal, plain)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            _clean(work, created)
    return 0 if portal.ok and plain.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
