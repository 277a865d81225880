"""The search page's script as one file: its ES modules joined and minified, so that the page
makes one small request for it. The modules stay separate in the theme (the node tests import
them)."""

from __future__ import annotations

import re
from pathlib import Path

import minify_html

MODULES = ("search-text.js", "search-engine.js", "search-page.js")
BUNDLE = "search.js"
_IMPORT = re.compile(r'^import \{[^}]*\} from "\./[\w-]+\.js";\n', re.MULTILINE)
_EXPORT = re.compile(r"^export ", re.MULTILINE)
_SCRIPT = ("<script>", "</script>")  # minify-html minifies JavaScript inside a script element


def bundle(source: Path) -> str:
    parts = [_EXPORT.sub("", _IMPORT.sub("", (source / name).read_text(encoding="utf-8")))
             for name in MODULES]
    joined = "\n".join(parts)
    start, end = _SCRIPT
    wrapped = minify_html.minify(start + joined + end, minify_js=True, keep_closing_tags=True)
    return f"// {' + '.join(MODULES)}, joined and minified at build time\n" \
        + wrapped.removeprefix(start).removesuffix(end)


def write_bundle(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    (target / BUNDLE).write_text(bundle(source), encoding="utf-8")
