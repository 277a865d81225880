"""A fresh output folder for every build, without waiting for the old one to be deleted.

Pelican's ``DELETE_OUTPUT_DIRECTORY`` removes tens of thousands of files before it writes the
first page. Here the last build's folder is renamed out of the way (instant), stays readable
during the build (``previous_output()``: the ``unchanged_pages`` plugin links pages from it),
and is removed by a separate process once the build is over. Every build still starts from an
empty folder, so nothing of an earlier build survives by accident."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pelican import signals

RETIRED_MARK = "-previous-"
REMOVER = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n"

_previous: Path | None = None


def previous_output() -> Path | None:
    """The last build's output, while this build runs."""
    return _previous


def remove_in_background(folders: list[Path]) -> None:
    if folders:
        subprocess.Popen([sys.executable, "-c", REMOVER, *map(str, folders)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def retire(output: Path) -> Path | None:
    """Move ``output`` aside (and start removing any left behind by an interrupted build)."""
    output = output.resolve()
    remove_in_background(list(output.parent.glob(f".{output.name}{RETIRED_MARK}*")))
    if not output.is_dir():
        return None
    retired = output.with_name(f".{output.name}{RETIRED_MARK}{os.getpid()}")
    output.rename(retired)
    return retired


def is_safe(output: Path, content: Path) -> bool:
    """Never move a folder that holds the content, the home folder or a filesystem root."""
    output, content = output.resolve(), content.resolve()
    return not (content.is_relative_to(output) or output == Path.home() or output.parent == output)


def on_initialized(pelican: Any) -> None:
    global _previous
    output, content = Path(pelican.settings["OUTPUT_PATH"]), Path(pelican.settings["PATH"])
    if pelican.settings.get("PORTAL_FRESH_OUTPUT") and is_safe(output, content):
        _previous = retire(output)


def on_finalized(pelican: Any) -> None:
    global _previous
    if _previous is not None:
        remove_in_background([_previous])
        _previous = None


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
