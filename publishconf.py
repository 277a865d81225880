"""Settings for publishing: the portal's public address. Build with
``portal build --settings publishconf.py``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

PORTAL_PUBLIC_URL = "https://hoctapvalamtheobac.sonha.example.vn"
FEED_DOMAIN = PORTAL_PUBLIC_URL
