"""The search page's script as one file: its ES modules joined, so that the page makes one
request for it. The modules stay separate in the theme (the node tests import them)."""

from __future__ import annotations

import re
from pathlib import Path

MODULES = ("search-text.js", "search-engine.js", "search-page.js")
BUNDLE = "search.js"
_IMPORT = re.compile(r'^import \{[^}]*\} from "\./[\w-]+\.js";\n', re.MULTILINE)
_EXPORT = re.compile(r"^export ", re.MULTILINE)


def bundle(source: Path) -> str:
    parts = [_EXPORT.sub("", _IMPORT.sub("", (source / name).read_text(encoding="utf-8")))
             for name in MODULES]
    return f"// {' + '.join(MODULES)}, joined at build time\n" + "\n".join(parts)


def write_bundle(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    (target / BUNDLE).write_text(bundle(source), encoding="utf-8")
