"""The Nu HTML Checker (npm vnu-jar) finds no error in the built portal."""

from __future__ import annotations

import subprocess

from sitekit import ROOT, Site

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_page_and_stylesheet_is_valid(sample_site: Site) -> None:
    assert VNU.is_file(), "run `make setup` (npm ci) first"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--also-check-css", "--format", "gnu",
         "--skip-non-html", str(sample_site.output)],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    css = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", "--css",
         *map(str, sorted((sample_site.output / "theme/css").glob("*.css")))],
        capture_output=True, text=True, timeout=300, check=False)
    assert css.returncode == 0, css.stdout + css.stderr
