"""The benchmark's synthetic content generator (scripts/portal_bench/synthetic.py)."""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from portal_bench.synthetic import count_syllables, generate, slugify

COUNT = 200
ITEM_TYPES = ("news", "guidance", "exemplar")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("synthetic") / "content"
    generate(target, COUNT)
    return target


def _items(content: Path) -> list[Path]:
    return sorted(path for kind in ITEM_TYPES for path in (content / kind).rglob("*.md"))


def _split(path: Path) -> tuple[dict[str, str], str]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta: dict[str, str] = {}
    last = ""
    for line in head.splitlines():
        if line.startswith("    ") and last:
            meta[last] += " " + line.strip()
            continue
        key, _, value = line.partition(":")
        last = key.strip().lower()
        meta[last] = value.strip()
    return meta, body


def _year(value: str) -> int:
    day = value.split()[0]
    layout = "%d/%m/%Y" if "/" in day else "%Y-%m-%d"
    return datetime.strptime(day, layout).year


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_same_seed_gives_identical_bytes(tmp_path: Path, content: Path) -> None:
    again = tmp_path / "again"
    generate(again, COUNT)
    assert _snapshot(again) == _snapshot(content)


def test_other_seed_differs(tmp_path: Path, content: Path) -> None:
    other = tmp_path / "other"
    generate(other, COUNT, seed=7)
    assert _snapshot(other) != _snapshot(content)


def test_refuses_a_folder_that_is_not_empty(content: Path) -> None:
    with pytest.raises(FileExistsError):
        generate(content, 1)


def test_counts_per_type(content: Path) -> None:
    kinds = Counter(_split(path)[0]["type"] for path in _items(content))
    assert kinds == {"guidance": COUNT // 10, "exemplar": COUNT // 10, "news": COUNT * 8 // 10}


def test_folder_matches_type_unit_and_year(content: Path) -> None:
    for path in _items(content):
        meta, _ = _split(path)
        kind, unit, year = path.relative_to(content).parts[:3]
        assert (kind, unit, int(year)) == (meta["type"], meta["unit"], _year(meta["date"]))


def test_units_registry(content: Path) -> None:
    units = tomllib.loads((content / "units.toml").read_text(encoding="utf-8"))["unit"]
    slugs = [unit["slug"] for unit in units]
    assert len(units) == 30
    assert len(set(slugs)) == 30
    roots = [unit for unit in units if "parent" not in unit]
    assert len(roots) == 1
    second = [unit for unit in units if unit.get("parent") == roots[0]["slug"]]
    assert 5 <= len(second) <= 7
    assert all(unit.get("parent", roots[0]["slug"]) in slugs for unit in units)
    ended = [unit for unit in units if "ended" in unit]
    assert len(ended) == 1
    assert ended[0]["successor"] in slugs


def test_topics_registry(content: Path) -> None:
    topics = tomllib.loads((content / "topics.toml").read_text(encoding="utf-8"))["topic"]
    assert len(topics) == 6
    assert all(topic["from_year"] <= topic["to_year"] for topic in topics)


def test_references_exist(content: Path) -> None:
    units = {u["slug"] for u in tomllib.loads((content / "units.toml").read_text())["unit"]}
    topics = {t["slug"] for t in tomllib.loads((content / "topics.toml").read_text())["topic"]}
    with_topics = 0
    for path in _items(content):
        meta, _ = _split(path)
        assert meta["unit"] in units
        if "topics" in meta:
            with_topics += 1
            assert {slug.strip() for slug in meta["topics"].split(",")} <= topics
    assert 0.35 * COUNT <= with_topics <= 0.65 * COUNT


def test_ids_unique(content: Path) -> None:
    ids = [_split(path)[0]["id"] for path in _items(content)]
    assert len(set(ids)) == COUNT


def test_document_numbers_unique_per_issuer_and_year(content: Path) -> None:
    keys = []
    for path in _items(content):
        meta, _ = _split(path)
        if meta["type"] == "guidance":
            assert {"number", "kind", "issuer", "issued"} <= meta.keys()
            keys.append((meta["issuer"], _year(meta["issued"]), meta["number"]))
    assert len(keys) == COUNT // 10
    assert len(set(keys)) == len(keys)


def test_exemplars_have_subject(content: Path) -> None:
    for path in _items(content):
        meta, _ = _split(path)
        if meta["type"] == "exemplar":
            assert meta["subject"]
            assert meta["subject_kind"] in ("individual", "collective")


def test_both_date_forms_are_used(content: Path) -> None:
    dates = [_split(path)[0]["date"] for path in _items(content)]
    assert any("/" in d for d in dates)
    assert any("-" in d for d in dates)
    assert all(":" in d for d in dates)


def test_average_body_length(content: Path) -> None:
    counts = [count_syllables(_split(path)[1]) for path in _items(content)]
    assert abs(sum(counts) / len(counts) - 825) <= 82.5


def test_title_lengths(content: Path) -> None:
    for path in _items(content):
        assert 8 <= count_syllables(_split(path)[0]["title"]) <= 16


def test_text_is_nfc(content: Path) -> None:
    for path in _items(content)[:20]:
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text


def test_repeated_and_tone_variant_titles(content: Path) -> None:
    titles: dict[str, set[tuple[str, int]]] = {}
    for path in _items(content):
        meta, _ = _split(path)
        titles.setdefault(slugify(meta["title"]), set()).add((meta["title"], _year(meta["date"])))
    same_text = [{year for _, year in seen} for seen in titles.values()
                 if len({title for title, _ in seen}) == 1 and len(seen) > 1]
    variants = [seen for seen in titles.values() if len({title for title, _ in seen}) > 1]
    assert any(len(years) > 1 for years in same_text)
    assert variants
