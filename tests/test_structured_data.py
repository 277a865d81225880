"""Every page's structured data (JSON-LD) is of a schema.org type, with only that type's
properties and values of the kinds schema.org gives them: the built pages' data is type-checked
against Google's schema-dts with the TypeScript compiler."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from sitekit import ROOT, Site

TSC = ROOT / "node_modules/.bin/tsc"
SCHEMA_DTS = ROOT / "node_modules/schema-dts"
TSCONFIG = {"compilerOptions": {"strict": True, "noEmit": True, "module": "nodenext",
                                "moduleResolution": "nodenext", "types": []}, "files": ["pages.ts"]}


def structured_data(page: Path) -> dict[str, Any]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1, page
    return json.loads(scripts[0].string or "")


def type_check(folder: Path, data: list[dict[str, Any]]) -> subprocess.CompletedProcess[str]:
    """``tsc`` on each value declared as ``WithContext<its @type>`` of schema-dts."""
    assert TSC.is_file() and SCHEMA_DTS.is_dir(), "run `make setup` (npm ci installs them)"
    (folder / "node_modules").mkdir()
    (folder / "node_modules/schema-dts").symlink_to(SCHEMA_DTS)
    kinds = sorted({value["@type"] for value in data})
    lines = [f'import type {{ WithContext, {", ".join(kinds)} }} from "schema-dts";']
    lines += [f"export const page{n}: WithContext<{value['@type']}> = {json.dumps(value)};"
              for n, value in enumerate(data)]
    (folder / "pages.ts").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "tsconfig.json").write_text(json.dumps(TSCONFIG), encoding="utf-8")
    return subprocess.run([str(TSC), "-p", str(folder / "tsconfig.json")], capture_output=True,
                          text=True, timeout=120, check=False)


def test_every_kind_of_page_carries_schema_org_data(sample_site: Site, tmp_path: Path) -> None:
    output = sample_site.output
    segments = (("news", "tin-tuc"), ("guidance", "van-ban"), ("exemplar", "tam-guong"))
    items = {kind: next((output / segment).glob("[12]*/*/index.html")) for kind, segment in segments}
    folders = ("don-vi", "chuyen-de", "luu-tru")
    listings = [output / "tin-tuc/index.html", *(next((output / f).glob("*/index.html")) for f in folders)]
    pages = {"home": output / "index.html", "search": output / "tim-kiem/index.html",
             **{f"item {kind}": page for kind, page in items.items()},
             **{f"listing {n}": page for n, page in enumerate(listings)}}
    data = {name: structured_data(page) for name, page in pages.items()}
    assert data["item news"]["@type"] == "NewsArticle"
    assert data["item guidance"]["@type"] == data["item exemplar"]["@type"] == "Article"
    assert all(data[f"listing {n}"]["@type"] == "CollectionPage" for n in range(len(listings)))
    assert data["home"]["@type"] == "CollectionPage" and data["home"]["isPartOf"]["@type"] == "WebSite"
    assert data["search"]["@type"] == "WebPage"
    news = data["item news"]
    assert news["url"].endswith(items["news"].parent.relative_to(output).as_posix() + "/")
    assert news["publisher"] == {"@type": "Organization", "name": "Tỉnh uỷ Sơn Hà"}
    result = type_check(tmp_path, list(data.values()))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_names_a_property_schema_org_does_not_have(tmp_path: Path) -> None:
    wrong = {"@context": "https://schema.org", "@type": "NewsArticle", "headlin": "Hội nghị"}
    result = type_check(tmp_path, [wrong])
    assert result.returncode != 0 and "headlin" in result.stdout
