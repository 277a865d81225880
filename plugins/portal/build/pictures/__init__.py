"""Pictures at the reader's sizes: the variants of every picture a published item shows
(``portal.common.pictures``), encoded into the cache beside the output when the picture is new
or changed, and linked from there into the output's img/ folder; variants no item shows any
more leave the cache. The theme's ``body_pictures``
and ``picture`` filters write the ``<img>``/``<picture>`` markup that names them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from pelican import signals

from portal.build.output_folder import site_folder
from portal.build.run import run_of
from portal.common import pictures
from portal.model.render_cache import cache_folder

FOLDER = "pictures"


def _place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def on_finalized(pelican: Any) -> None:
    settings = pelican.settings
    state = run_of(settings).state
    output = Path(pelican.output_path) / "img"
    cache = (cache_folder(site_folder(settings)) / FOLDER) if settings.get("PORTAL_CACHE") else output
    shown = sorted({relative for item in state.published() for _, relative in item.pictures})
    used: set[str] = set()
    for relative in shown:
        source = state.content_root / relative
        if not source.is_file():
            continue
        picture = pictures.inspect(source)
        if not picture.resampled:
            continue
        for made in pictures.encode(source, picture, cache):
            used.add(made.name)
            if cache != output:
                _place(made, output / made.name)
    if cache != output and cache.is_dir():
        for stale in cache.iterdir():  # variants of pictures no item shows any more
            if stale.name not in used:
                stale.unlink()


def register() -> None:
    signals.finalized.connect(on_finalized)
