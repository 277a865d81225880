"""Templates take every section's address from ``portal.common.urls`` (``urls.unit(slug)`` and
the like): an address changed there changes on every page."""

from __future__ import annotations

import re

from portal.common import urls
from sitekit import ROOT

SECTIONS = [urls.UNITS, urls.TOPICS, urls.TAGS, urls.ARCHIVES, "tin-tuc/", "van-ban/", "tam-guong/"]
# A section's folder written before a template expression: "/don-vi/{{ unit.slug }}/".
SPELLED_OUT = re.compile(r'"/(?:' + "|".join(map(re.escape, SECTIONS)) + r')[^"]*\{\{')


def test_no_template_spells_out_a_section_address() -> None:
    templates = sorted((ROOT / "theme/templates").rglob("*.html"))
    assert len(templates) > 10
    found = [f"{path.relative_to(ROOT)}: {match.group()}" for path in templates
             for match in SPELLED_OUT.finditer(path.read_text(encoding="utf-8"))]
    assert not found, found
    assert SPELLED_OUT.search('<a href="/don-vi/{{ unit.slug }}/">')
