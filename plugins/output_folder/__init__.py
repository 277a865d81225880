"""A fresh output folder for every build, without waiting for the old one to be deleted.

Pelican's ``DELETE_OUTPUT_DIRECTORY`` removes tens of thousands of files before it writes the
first page. Here the old folder is renamed out of the way (instant) and removed by a separate
process while the build runs, so every build still starts from an empty folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pelican import signals

RETIRED_MARK = "-retired-"
REMOVER = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n"


def retire(output: Path) -> None:
    """Move ``output`` aside and start removing it, with any left behind by an interrupted build."""
    output = output.resolve()
    stale = list(output.parent.glob(f".{output.name}{RETIRED_MARK}*"))
    if output.is_dir():
        retired = output.with_name(f".{output.name}{RETIRED_MARK}{os.getpid()}")
        output.rename(retired)
        stale.append(retired)
    if stale:
        subprocess.Popen([sys.executable, "-c", REMOVER, *map(str, stale)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def is_safe(output: Path, content: Path) -> bool:
    """Never move a folder that holds the content, the home folder or a filesystem root."""
    output, content = output.resolve(), content.resolve()
    return not (content.is_relative_to(output) or output == Path.home() or output.parent == output)


def on_initialized(pelican: Any) -> None:
    output, content = Path(pelican.settings["OUTPUT_PATH"]), Path(pelican.settings["PATH"])
    if pelican.settings.get("PORTAL_FRESH_OUTPUT") and is_safe(output, content):
        retire(output)


def register() -> None:
    signals.initialized.connect(on_initialized)
