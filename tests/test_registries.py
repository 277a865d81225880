"""The units and topics registries."""

from __future__ import annotations

from pathlib import Path

from portal.model.registries import load_registries, load_units
from sitekit import make_site


def test_units_tree_any_depth_with_successors(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    registries, problems = load_registries(site.content)
    assert problems == []
    units = registries.units
    assert [u.slug for u in units.ancestors("xa-a1")] == ["huyen-a", "tinh-uy"]
    assert [u.slug for u in units.children("tinh-uy")] == ["huyen-a", "huyen-b", "xa-moi", "truong"]
    assert units["huyen-b"].ended.isoformat() == "2025-07-01"
    assert [u.slug for u in units.predecessors("xa-moi")] == ["huyen-b"]
    assert registries.topics["chuyen-de-2021"].years == "2021"


def test_registry_problems_name_the_line(tmp_path: Path) -> None:
    units = '[[unit]]\nslug = "a"\nname = "A"\nparent = "b"\n\n[[unit]]\nslug = "b"\nname = "B"\n' \
            'parent = "a"\n\n[[unit]]\nslug = "Sai Slug"\nname = "C"\n\n[[unit]]\nslug = "d"\n' \
            'name = "D"\nsuccessor = "a"\nwebsite = "javascript:alert(1)"\n'
    site = make_site(tmp_path, units=units)
    _, problems = load_units(site.content)
    found = {(p.code, p.line) for p in problems}
    assert ("registry_cycle", 1) in found and ("registry_cycle", 6) in found
    assert ("registry_field", 11) in found  # the slug
    assert ("registry_successor", 15) in found
    assert any(p.code == "registry_field" and p.params["key"] == "website" for p in problems)


def test_banners_are_optional_and_checked(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    registries, problems = load_registries(site.content)
    assert registries.banners == [] and problems == []
    site.write("images/b.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    site.write("banners.toml", '[[banner]]\nimage = "images/b.svg"\nalt = "Chuyên đề"\n'
                               'url = "/chuyen-de/"\n\n[[banner]]\nimage = "images/khong-co.png"\n'
                               'alt = ""\nurl = "javascript:alert(1)"\n')
    registries, problems = load_registries(site.content)
    assert [b.url for b in registries.banners] == ["/chuyen-de/"]
    assert {(p.line, p.params["key"]) for p in problems} == {(6, "image"), (6, "alt"), (6, "url")}
