"""JSON in which no text an author wrote can read as markup, in a file or inside <script>."""

from __future__ import annotations

import json
from typing import Any

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
            0x2028: "\\u2028", 0x2029: "\\u2029"}


def inert_json(value: Any, *, indent: int | None = None) -> str:
    separators = None if indent is not None else (",", ":")
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators, default=str)
    return text.translate(_ESCAPES)
