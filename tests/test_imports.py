"""The portal's modules import one another without a loop, at the top of a module or inside a
function: each can be read, tested and changed on its own."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from sitekit import ROOT

FOLDERS = (ROOT / "plugins", ROOT / "scripts")


def modules() -> dict[str, Path]:
    found = {}
    for folder in FOLDERS:
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project's modules that ``name`` imports anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    wanted: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            wanted += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            wanted += [f"{base}.{alias.name}" for alias in node.names]
    found = set()
    for target in wanted:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
        # Importing a.b.c first runs the packages a and a.b, unless the importer is inside them.
        while "." in target:
            target = target.rpartition(".")[0]
            if target in known and not (name + ".").startswith(target + "."):
                found.add(target)
    return found


def test_no_module_imports_itself_back() -> None:
    known = modules()
    assert len(known) > 100
    graph = {name: imports(name, path, known) for name, path in known.items()}
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as cycle:
        raise AssertionError(f"an import loop: {' -> '.join(cycle.args[1])}") from None


def test_a_loop_is_found(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("def f():\n    from b import g\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("from a import f\n", encoding="utf-8")
    known = {"a": tmp_path / "a.py", "b": tmp_path / "b.py"}
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph == {"a": {"b"}, "b": {"a"}}
    with pytest.raises(CycleError):
        TopologicalSorter(graph).prepare()


def test_a_loop_through_a_packages_init_is_found(tmp_path: Path) -> None:
    for folder in ("model", "stage"):
        (tmp_path / folder).mkdir()
    files = {"model/__init__.py": "from model.check import run\n",
             "model/check.py": "from stage.index import f\n", "model/item.py": "",
             "stage/__init__.py": "", "stage/index.py": "from model.item import Item\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    known = {"model": tmp_path / "model/__init__.py", "model.check": tmp_path / "model/check.py",
             "model.item": tmp_path / "model/item.py", "stage": tmp_path / "stage/__init__.py",
             "stage.index": tmp_path / "stage/index.py"}
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph["stage.index"] == {"model.item", "model"}
    with pytest.raises(CycleError):
        TopologicalSorter(graph).prepare()
