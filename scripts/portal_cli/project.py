"""Where the project's files are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "pelicanconf.py"
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
THEME = ROOT / "theme"
