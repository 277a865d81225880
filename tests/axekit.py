"""axe-core run in a page: the WCAG 2.1 AA violations it finds.

axe is evaluated through the browser's debugging protocol rather than added as a script tag:
the portal's Content-Security-Policy forbids inline scripts, as it should for readers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent.parent / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({id: v.id, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" "))}));
}"""


def add_axe(page: Page) -> None:
    """Make ``axe`` available in ``page`` until it navigates."""
    assert AXE.is_file(), "run `make setup` (npm ci) first"
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The WCAG 2.1 A/AA violations axe finds in the page, each with its id, help and targets."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        add_axe(page)
    return list(page.evaluate(AXE_RUN, AXE_TAGS))
