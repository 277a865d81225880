"""A build's state lives in its run (``portal.build.run``), never in a module: no module of the
portal keeps anything from one build to the next, and two builds in one process are each what
a build in a process of its own makes."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from portal_bench.rebuild_bench import differences
from sitekit import ROOT, Site, item, make_site

PACKAGE = ROOT / "plugins" / "portal"
# Memos of pure functions, keyed by all their inputs (a picture by its path, size and time).
MEMOS = {("common/pictures.py", "_known"), ("search/terms.py", "_folded"),
         ("search/terms.py", "_terms"), ("common/search_text.py", "_retoned")}
CONTAINERS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"})


def _names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [name for element in target.elts for name in _names(element)]
    return []


def build_state(source: str) -> list[str]:
    """What a module's code keeps across calls: ``global`` statements, module-level variables
    holding a container or an object of a class of its own, and attributes of a module or of a
    class set by a function."""
    tree = ast.parse(source)
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    imported = {(alias.asname or alias.name).split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names}
    found = [f"line {node.lineno}: global {', '.join(node.names)}"
             for node in ast.walk(tree) if isinstance(node, ast.Global)]
    for node in tree.body:
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        value = node.value
        called = value.func.id if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) else ""
        mutable = isinstance(value, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp
                             | ast.SetComp) or called in CONTAINERS or called in classes
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        found += [f"line {node.lineno}: {name}" for target in targets for name in _names(target)
                  if mutable and not name.isupper()]
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
            found += [f"line {node.lineno}: {target.value.id}.{target.attr}" for target in targets
                      if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                      and target.value.id in classes | imported]
    return found


def test_no_module_of_the_portal_keeps_build_state() -> None:
    kept = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        kept += [f"{relative} {where}" for where in build_state(path.read_text(encoding="utf-8"))
                 if (relative, where.rpartition(": ")[2]) not in MEMOS]
    assert kept == [], "state kept outside the build's run (portal.build.run):\n" + "\n".join(kept)


def test_build_state_is_found() -> None:
    source = """
from portal.common import pictures

class Collector:
    pages: list[str] = []

_state = None
_collector = Collector()
_pages: list[str] = []
SCHEMES = {"http": 80}

def begin():
    global _state
    pictures.content_root = "."
    Collector.pages = []

def fine():
    total = {}
    total["a"] = 1
"""
    assert [line.partition(": ")[2] for line in build_state(source)] == [
        "global _state", "_collector", "_pages", "pictures.content_root", "Collector.pages"]


TWO_BUILDS = """
import sys
from pathlib import Path
from pelican import signals
from portal.commands.build import build

def crash(path, context):
    if path.endswith("tim-kiem/index.html"):
        raise RuntimeError("stopped while writing")

first, second = sys.argv[1:3], sys.argv[3:5]
signals.content_written.connect(crash)
codes = [build(Path("pelicanconf.py"), Path(first[1]), Path(first[0])).code]
signals.content_written.disconnect(crash)
codes.append(build(Path("pelicanconf.py"), Path(second[1]), Path(second[0])).code)
print(*codes)
"""


def _site(folder: Path, title: str, legacy: str) -> Site:
    site = make_site(folder)
    site.write("news/huyen-a/2021/bai.md", item(title, "2021-03-04", "huyen-a",
                                                 legacy_url=f"http://127.0.0.1:8000/{legacy}.html"))
    return site


def _timed(file: Path) -> bool:
    """Files that carry the time of their build: a feed without entries (its date), the build
    manifest (the digests of all files)."""
    text = file.read_text(encoding="utf-8")
    return file.name == ".portal-build.json" or (file.name == "feed.xml" and "<entry>" not in text)


def test_two_builds_in_one_process_are_each_a_build_of_its_own(tmp_path: Path) -> None:
    """The first build stops while writing its pages; the second, of other
    content, is what a build in a process of its own makes: nothing of the first (its problems,
    pages, counters, redirects, search items) in it."""
    first = _site(tmp_path / "first", "Hội nghị tổng kết", "cu/hoi-nghi")
    second = _site(tmp_path / "second", "Học tập chuyên đề", "cu/hoc-tap")
    alone = Site(tmp_path / "alone" / "content", tmp_path / "alone" / "output")
    shutil.copytree(second.content, alone.content)
    assert alone.build().returncode == 0
    done = subprocess.run([sys.executable, "-c", TWO_BUILDS, str(first.content), str(first.output),
                           str(second.content), str(second.output)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["1", "0"], done.stdout + done.stderr
    assert not first.output.exists()
    assert [path for path in differences(second.output, alone.output)
            if not _timed(second.output / path)] == []
    assert "cu/hoc-tap" in (second.output / "legacy-redirects.map").read_text(encoding="utf-8")
