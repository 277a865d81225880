"""The documents plugin: resolving numbers as a reader of the citing unit would, and links."""

from __future__ import annotations

from pathlib import Path

from portal.build.documents.index import DocumentIndex
from portal.build.documents.linking import link_numbers
from portal.common.document_numbers import parse_number
from portal.model.registries import load_units
from sitekit import make_site


def index(tmp_path: Path) -> DocumentIndex[str]:
    site = make_site(tmp_path)
    units, problems = load_units(site.content)
    assert not problems
    docs: DocumentIndex[str] = DocumentIndex(units)
    docs.add(parse_number("48-KH/HU").key, "huyen-a", "plan-of-a")
    docs.add(parse_number("48-KH/HU").key, "huyen-b", "plan-of-b")
    docs.add(parse_number("27-HD/BTGTU").key, "tinh-uy", "guide-of-province")
    return docs


def test_number_resolves_in_own_unit_then_ancestors(tmp_path: Path) -> None:
    docs = index(tmp_path)
    key = parse_number("48-KH/HU").key
    assert docs.resolve(key, "huyen-a") == "plan-of-a"
    assert docs.resolve(key, "xa-a1") == "plan-of-a"  # the commune's parent district
    assert docs.resolve(key, "truong") is None  # two districts have it: ambiguous
    guide = parse_number("27-HD/BTGTU").key
    assert docs.resolve(guide, "xa-a1") == "guide-of-province"  # an ancestor two levels up
    assert docs.resolve(guide, "truong") == "guide-of-province"  # the only one in the portal
    assert docs.resolve(parse_number("99-KH/TU").key, "huyen-a") is None


def test_links_are_added_outside_links_and_code() -> None:
    html = ('<p>Theo 48-KH/HU và <a href="/x/">48-KH/HU</a>, '
            '<code>48-KH/HU</code>, 99-KH/TU.</p><p title="48-KH/HU">48-KH/HU</p>')
    targets = {parse_number("48-KH/HU").key: "/van-ban/2021/ke-hoach/"}
    linked = link_numbers(html, lambda n: targets.get(n.key))
    assert linked == (
        '<p>Theo <a class="document-link" href="/van-ban/2021/ke-hoach/">48-KH/HU</a> và '
        '<a href="/x/">48-KH/HU</a>, <code>48-KH/HU</code>, 99-KH/TU.</p>'
        '<p title="48-KH/HU"><a class="document-link" href="/van-ban/2021/ke-hoach/">48-KH/HU</a></p>')
